"""HTTP client for Rasa (REST channel, tracker, status) and the action server's health check.

Why one pooled `httpx.AsyncClient`: every chat turn is a loopback call; reusing connections keeps the
latency down and bounds the number of sockets. Tests inject an `httpx.MockTransport` (or an ASGI app)
instead of a live Rasa.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import anyio.to_thread
import httpx

from bot.tracker_events import TrackerEventsReader

log = logging.getLogger(__name__)


class RasaUnavailable(Exception):
    """Rasa could not be reached, timed out or answered with something other than a message list."""


@dataclass
class TurnAnnotation:
    """What Rasa made of one user message, read back from its tracker."""

    intent: str | None = None
    confidence: float | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)  # actions run after the message, in order
    bot_actions: list[tuple[str, str]] = field(default_factory=list)  # (action, bot text) per bot event


@dataclass
class ServiceStatus:
    """Readiness of Rasa, its model and the action server (for /api/health)."""

    rasa: str  # ok | down | no_model
    actions: str  # ok | down
    model: str | None

    @property
    def ready(self) -> bool:
        return self.rasa == "ok" and self.actions == "ok" and bool(self.model)


class RasaClient:
    """Talks to Rasa's REST channel and HTTP API on loopback."""

    def __init__(
        self,
        rasa_url: str,
        action_url: str,
        *,
        timeout: float = 30.0,
        tracker_timeout: float = 5.0,
        health_timeout: float = 2.0,
        transport: httpx.AsyncBaseTransport | None = None,
        tracker_events: TrackerEventsReader | None = None,
    ) -> None:
        self.rasa_url = rasa_url.rstrip("/")
        self.action_url = action_url.rstrip("/")
        self.timeout = timeout
        self.tracker_timeout = tracker_timeout
        self.health_timeout = health_timeout
        self.tracker_events = tracker_events  # Rasa's SQLite tracker file, read directly when set
        self._client = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(timeout, connect=2.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
            trust_env=False,  # loopback only: never route through a proxy from the environment
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def send(self, sender: str, message: str, metadata: dict[str, Any] | None = None) -> list[dict]:
        """One user turn through the REST channel; returns Rasa's raw message list."""
        body: dict[str, Any] = {"sender": sender, "message": message}
        if metadata:
            body["metadata"] = metadata
        try:
            # httpx timeouts are per phase (connect, read …); wait_for bounds the whole turn.
            resp = await asyncio.wait_for(
                self._client.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body), timeout=self.timeout
            )
            resp.raise_for_status()
            data = resp.json()
        except (httpx.HTTPError, ValueError, asyncio.TimeoutError) as exc:
            raise RasaUnavailable(f"{type(exc).__name__}: {exc}") from exc
        if not isinstance(data, list):
            raise RasaUnavailable(f"unexpected REST payload {type(data).__name__}")
        return [m for m in data if isinstance(m, dict)]

    async def annotate(self, sender: str, sent_text: str) -> TurnAnnotation | None:
        """Intent, confidence, entities and actions of the latest user event with `sent_text`.

        Read from the tracker because that is what Rasa actually used for the turn (a fresh
        /model/parse could differ, e.g. for button payloads). On one machine the tracker store's
        SQLite file is read directly (bot/tracker_events.py: no Rasa CPU); otherwise, or when the
        turn is not found there, Rasa's HTTP API. Returns None when unavailable.
        """
        if self.tracker_events is not None:
            events = await anyio.to_thread.run_sync(self.tracker_events.latest_events, sender)
            found = annotation_from_events(events, sent_text) if events else None
            if found is not None:
                return found
        url = f"{self.rasa_url}/conversations/{quote(sender, safe='')}/tracker"
        try:
            resp = await self._client.get(
                url, params={"include_events": "AFTER_RESTART"}, timeout=self.tracker_timeout
            )
            resp.raise_for_status()
            events = resp.json().get("events") or []
        except (httpx.HTTPError, ValueError, AttributeError) as exc:
            log.info("tracker for %s unavailable: %s", sender, exc)
            return None
        return annotation_from_events(events, sent_text)

    async def status(self) -> ServiceStatus:
        """Probe Rasa's /status (model loaded?) and the action server's /health."""
        rasa, model = "down", None
        try:
            resp = await self._client.get(f"{self.rasa_url}/status", timeout=self.health_timeout)
            if resp.status_code == 200:
                body = resp.json()
                model = body.get("model_file") or body.get("fingerprint") or body.get("model_id")
                rasa = "ok" if model else "no_model"
            elif resp.status_code == 409:  # Rasa answers 409 while no agent/model is loaded
                rasa = "no_model"
        except (httpx.HTTPError, ValueError, AttributeError):
            pass
        actions = "down"
        try:
            resp = await self._client.get(f"{self.action_url}/health", timeout=self.health_timeout)
            actions = "ok" if resp.status_code == 200 else "down"
        except httpx.HTTPError:
            pass
        return ServiceStatus(
            rasa=rasa, actions=actions, model=str(model).rsplit("/", 1)[-1] if model else None
        )


def annotation_from_events(events: list[dict[str, Any]], sent_text: str) -> TurnAnnotation | None:
    """Find the latest user event whose text is `sent_text` and what followed it."""
    start = None
    for i in range(len(events) - 1, -1, -1):
        ev = events[i]
        if isinstance(ev, dict) and ev.get("event") == "user" and (ev.get("text") or "") == sent_text:
            start = i
            break
    if start is None:
        return None
    parse = events[start].get("parse_data") or {}
    intent = parse.get("intent") or {}
    annotation = TurnAnnotation(
        intent=intent.get("name"),
        confidence=_float(intent.get("confidence")),
        entities=[e for e in parse.get("entities") or [] if isinstance(e, dict)],
    )
    current_action = None
    for ev in events[start + 1 :]:
        kind = ev.get("event") if isinstance(ev, dict) else None
        if kind == "user":
            break
        if kind == "action" and ev.get("name") and ev["name"] != "action_listen":
            current_action = ev["name"]
            annotation.actions.append(current_action)
        elif kind == "bot" and current_action:
            annotation.bot_actions.append((current_action, ev.get("text") or ""))
    return annotation


def _float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
