"""Test doubles for the gateway: a fake Rasa + action server (httpx.MockTransport), a fake WeChat sender.

The fake speaks the real wire formats: Rasa's turn channel (talentbot_rasa/turn_channel.py:
`{"messages": [...], "turn": {...}}`, the messages as the REST channel sends them — text+buttons, then
a separate `custom` citations message, as TEAM_NOTES describes — each with the `action` that sent
it), `/status` with `model_file` (409 without a model) and the action server's `/health`. Answer
texts are test data; citations are taken from policy_kb so they are real clauses.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.logstore import LogStore
from bot.rasa_client import RasaClient
from bot.settings import Settings
from policy_kb.editions import edition

Responder = Callable[[str, str, dict[str, Any]], list[dict[str, Any]]]


def policy_citation(param_id: str) -> dict[str, str]:
    cite = edition("yongjia-2016").cite(param_id)
    return {"doc": cite.doc, "clause": cite.clause, "quote": cite.quote}


@dataclass
class Turn:
    """What the fake NLU/dialogue decides for a message. A message without an "action" is attributed
    to the turn's last action, as the turn channel does when Rasa does not say."""

    messages: list[dict[str, Any]]
    intent: str = "ask_benefits"
    confidence: float = 0.93
    entities: list[dict[str, Any]] = field(default_factory=list)
    actions: list[str] = field(default_factory=lambda: ["action_answer_benefits"])
    fallback: bool = False
    handoff: bool = False

    def answer(self, message_id: str) -> dict[str, Any]:
        """The turn channel's JSON body for this turn."""
        last = self.actions[-1] if self.actions else None
        return {
            "messages": [{**m, "action": m.get("action") or last} for m in self.messages],
            "turn": {
                "message_id": message_id,
                "intent": self.intent,
                "confidence": self.confidence,
                "entities": self.entities,
                "actions": self.actions,
                "fallback": self.fallback,
                "handoff": self.handoff,
            },
        }


def default_responder(sender: str, message: str, metadata: dict[str, Any]) -> Turn:
    """A cited answer with two quick replies (a /intent payload and a plain-text one)."""
    return Turn(
        messages=[
            {
                "recipient_id": sender,
                "text": f"收到：{message}",
                "buttons": [
                    {"title": "我是第2类人才", "payload": '/inform{"category": "2"}'},
                    {"title": "转人工", "payload": "/handoff"},
                ],
            },
            {"recipient_id": sender, "custom": {"citations": [policy_citation("award_cap.category_2")]}},
        ]
    )


class FakeRasa:
    """Stands in for Rasa (:5005) and the action server (:5055) at the HTTP level."""

    def __init__(self) -> None:
        self.responder: Callable[[str, str, dict[str, Any]], Turn] = default_responder
        self.calls: list[dict[str, Any]] = []
        self.paths: list[str] = []  # every Rasa path the gateway asked for, except /status and health
        self.down = False  # turn webhook unreachable
        self.delay = 0.0  # seconds before the REST webhook answers
        self.webhook_status = 200  # e.g. 500 to simulate Rasa failing
        self.model: str | None = "models/20240101-abc.tar.gz"
        self.rasa_up = True
        self.actions_up = True
        self.facts_up = True  # False: the turn channel answers `"turn": null` (turn not in the tracker)
        self.turn_channel = True  # False: Rasa started without the turn channel (404)

    async def handler(self, request: httpx.Request) -> httpx.Response:
        port, path = request.url.port, request.url.path
        if port == 5055:
            if path == "/health" and self.actions_up:
                return httpx.Response(200, json={"status": "ok"})
            raise httpx.ConnectError("action server down", request=request)
        if not self.rasa_up:
            raise httpx.ConnectError("rasa down", request=request)
        if path not in ("/status", "/webhooks/turn/"):
            self.paths.append(path)
        if path == "/status":
            if self.model is None:
                return httpx.Response(409, json={"message": "No agent loaded"})
            return httpx.Response(
                200, json={"model_file": self.model, "model_id": "abc", "num_active_training_jobs": 0}
            )
        if not self.turn_channel and path.startswith("/webhooks/turn/"):
            return httpx.Response(404, text="Not Found")
        if path == "/webhooks/turn/":
            return httpx.Response(200, json={"status": "ok"})
        if path == "/webhooks/turn/webhook":
            return await self._webhook(request)
        return httpx.Response(404, json={})

    async def _webhook(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("rasa down", request=request)
        body = json.loads(request.content)
        self.calls.append(body)
        if self.webhook_status != 200:
            return httpx.Response(self.webhook_status, text="An exception occured")
        if self.delay:
            await asyncio.sleep(self.delay)
        sender, message = body["sender"], body["message"]
        turn = self.responder(sender, message, body.get("metadata") or {})
        answer = turn.answer(f"m{len(self.calls)}")
        if not self.facts_up:
            answer["turn"] = None
        return httpx.Response(200, json=answer)


class FakeSender:
    """Records customer-service sends instead of calling WeChat."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send_text(self, openid: str, text: str) -> None:
        self.sent.append((openid, text))


def build_app(
    settings: Settings, fake: FakeRasa, store: LogStore, sender: FakeSender | None = None
) -> FastAPI:
    rasa = RasaClient(
        settings.rasa_url, settings.action_url, timeout=5.0, transport=httpx.MockTransport(fake.handler)
    )
    return create_app(settings, rasa_client=rasa, store=store, wechat_sender=sender, optional_routers=())


def drain(client: TestClient) -> None:
    """Wait for background work (late WeChat sends) inside the app's loop."""
    client.portal.call(client.app.state.services.tasks.drain)  # type: ignore[union-attr]


def chat(client: TestClient, message: str, sender: str = "web-test-1", **extra: Any) -> httpx.Response:
    body = {"sender": sender, "message": message, "metadata": {"channel": "web"}}
    body.update(extra)
    return client.post("/api/chat", json=body)
