"""HTTP client for Rasa (its turn channel, status) and the action server's health check.

Why one pooled `httpx.AsyncClient`: every chat turn is a loopback call; reusing connections keeps the
latency down and bounds the number of sockets. Tests inject an `httpx.MockTransport` (or an ASGI app)
instead of a live Rasa.

Why the turn channel (`talentbot_rasa.turn_channel`, /webhooks/turn/webhook) rather than the stock
REST channel: its answer carries, next to the REST channel's messages, what Rasa made of the turn —
intent, confidence, entities, the actions run, which action sent each message, fallback and handoff —
taken from the tracker Rasa has just saved. The gateway logs what it is handed; it never reads
Rasa's tracker store or asks its tracker API.

Every turn carries the current request id (`talentbot_rasa.jsonlog`) in an `X-Request-ID` header:
the turn channel logs under it while Rasa works and stores it in the turn's metadata
(`request_id`), where the action server finds it (`tracker.latest_message["metadata"]`). The
metadata the gateway sends stays the turn's own facts (channel, region).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

import httpx

from talentbot_rasa import jsonlog

log = logging.getLogger(__name__)

TURN_CHANNEL = "/webhooks/turn"  # talentbot_rasa.turn_channel.TurnChannel, named in credentials.yml


class RasaUnavailable(Exception):
    """Rasa could not be reached, timed out or answered with something other than a turn."""


@dataclass(frozen=True)
class TurnFacts:
    """What Rasa made of one user message, as its turn channel reports it."""

    intent: str | None = None
    confidence: float | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)  # actions run after the message, in order
    fallback: bool = False  # a fallback action ran, or NLU's intent was nlu_fallback
    handoff: bool = False  # the handoff action ran, or the handoff slot was set

    @classmethod
    def from_json(cls, raw: Any) -> TurnFacts | None:
        """The channel's `turn` object, with anything of the wrong type dropped; None when absent."""
        if not isinstance(raw, dict):
            return None
        intent = raw.get("intent")
        return cls(
            intent=intent if isinstance(intent, str) else None,
            confidence=_float(raw.get("confidence")),
            entities=[e for e in raw.get("entities") or [] if isinstance(e, dict)],
            actions=[a for a in raw.get("actions") or [] if isinstance(a, str)],
            fallback=raw.get("fallback") is True,
            handoff=raw.get("handoff") is True,
        )


@dataclass(frozen=True)
class RasaTurn:
    """Rasa's answer to one user message: its messages (REST channel format, each with the `action`
    that sent it when known) and the turn's facts (None when Rasa could not report them)."""

    messages: list[dict[str, Any]]
    facts: TurnFacts | None = None


@dataclass
class ServiceStatus:
    """Readiness of Rasa, its model and the action server (for /api/health)."""

    rasa: str  # ok | down | no_model | no_turn_channel
    actions: str  # ok | down
    model: str | None

    @property
    def ready(self) -> bool:
        return self.rasa == "ok" and self.actions == "ok" and bool(self.model)


class RasaClient:
    """Talks to Rasa's turn channel and HTTP API on loopback."""

    def __init__(
        self,
        rasa_url: str,
        action_url: str,
        *,
        timeout: float = 30.0,
        health_timeout: float = 2.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.rasa_url = rasa_url.rstrip("/")
        self.action_url = action_url.rstrip("/")
        self.timeout = timeout
        self.health_timeout = health_timeout
        self._client = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(timeout, connect=2.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
            trust_env=False,  # loopback only: never route through a proxy from the environment
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def send(self, sender: str, message: str, metadata: dict[str, Any] | None = None) -> RasaTurn:
        """One user turn through Rasa's turn channel: the messages and the facts of the turn."""
        body: dict[str, Any] = {"sender": sender, "message": message}
        if metadata:
            body["metadata"] = metadata
        request_id = jsonlog.current_request_id()
        headers = {jsonlog.HEADER: request_id} if request_id else None
        try:
            # httpx timeouts are per phase (connect, read …); wait_for bounds the whole turn.
            resp = await asyncio.wait_for(
                self._client.post(f"{self.rasa_url}{TURN_CHANNEL}/webhook", json=body, headers=headers),
                timeout=self.timeout,
            )
            resp.raise_for_status()
            data = resp.json()
        except (httpx.HTTPError, ValueError, asyncio.TimeoutError) as exc:
            raise RasaUnavailable(f"{type(exc).__name__}: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
            raise RasaUnavailable(f"unexpected turn payload {type(data).__name__}")
        return RasaTurn(
            messages=[m for m in data["messages"] if isinstance(m, dict)],
            facts=TurnFacts.from_json(data.get("turn")),
        )

    async def status(self) -> ServiceStatus:
        """Probe Rasa's /status (model loaded?), its turn channel, and the action server's /health."""
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
        if rasa == "ok":  # Rasa started without the turn channel (credentials.yml): every turn would fail
            try:
                resp = await self._client.get(f"{self.rasa_url}{TURN_CHANNEL}/", timeout=self.health_timeout)
                rasa = "ok" if resp.status_code == 200 else "no_turn_channel"
            except httpx.HTTPError:
                rasa = "down"
        actions = "down"
        try:
            resp = await self._client.get(f"{self.action_url}/health", timeout=self.health_timeout)
            actions = "ok" if resp.status_code == 200 else "down"
        except httpx.HTTPError:
            pass
        return ServiceStatus(
            rasa=rasa, actions=actions, model=str(model).rsplit("/", 1)[-1] if model else None
        )


def _float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
