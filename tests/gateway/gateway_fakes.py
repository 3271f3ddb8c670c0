"""Test doubles for the gateway: a fake Rasa + action server (httpx.MockTransport), a fake WeChat sender.

The fake speaks the real wire formats: the REST channel's message list (text+buttons, then a separate
`custom` citations message, as TEAM_NOTES describes), `/conversations/<id>/tracker` events with
parse_data, `/status` with `model_file` (409 without a model) and the action server's `/health`.
Answer texts are test data; citations are taken from policy_kb so they are real clauses.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

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
    """What the fake NLU/dialogue decides for a message."""

    messages: list[dict[str, Any]]
    intent: str = "ask_benefits"
    confidence: float = 0.93
    entities: list[dict[str, Any]] = field(default_factory=list)
    actions: list[str] = field(default_factory=lambda: ["action_answer_benefits"])


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
        self.events: dict[str, list[dict[str, Any]]] = {}
        self.down = False  # REST webhook unreachable
        self.delay = 0.0  # seconds before the REST webhook answers
        self.webhook_status = 200  # e.g. 500 to simulate Rasa failing
        self.model: str | None = "models/20240101-abc.tar.gz"
        self.rasa_up = True
        self.actions_up = True
        self.tracker_up = True

    async def handler(self, request: httpx.Request) -> httpx.Response:
        port, path = request.url.port, request.url.path
        if port == 5055:
            if path == "/health" and self.actions_up:
                return httpx.Response(200, json={"status": "ok"})
            raise httpx.ConnectError("action server down", request=request)
        if not self.rasa_up:
            raise httpx.ConnectError("rasa down", request=request)
        if path == "/status":
            if self.model is None:
                return httpx.Response(409, json={"message": "No agent loaded"})
            return httpx.Response(
                200, json={"model_file": self.model, "model_id": "abc", "num_active_training_jobs": 0}
            )
        if path == "/webhooks/rest/webhook":
            return await self._webhook(request)
        if path.startswith("/conversations/") and path.endswith("/tracker"):
            if not self.tracker_up:
                return httpx.Response(500, json={})
            sender = unquote(path[len("/conversations/") : -len("/tracker")])
            return httpx.Response(200, json={"sender_id": sender, "events": self.events.get(sender, [])})
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
        events = self.events.setdefault(sender, [])
        events.append(
            {
                "event": "user",
                "text": message,
                "parse_data": {
                    "intent": {"name": turn.intent, "confidence": turn.confidence},
                    "entities": turn.entities,
                },
            }
        )
        for action in turn.actions:
            events.append({"event": "action", "name": action})
            for m in turn.messages:
                if m.get("text"):
                    events.append({"event": "bot", "text": m["text"]})
        events.append({"event": "action", "name": "action_listen"})
        return httpx.Response(200, json=turn.messages)


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
    """Wait for background work (tracker annotation, late WeChat sends) inside the app's loop."""
    client.portal.call(client.app.state.services.tasks.drain)  # type: ignore[union-attr]


def chat(client: TestClient, message: str, sender: str = "web-test-1", **extra: Any) -> httpx.Response:
    body = {"sender": sender, "message": message, "metadata": {"channel": "web"}}
    body.update(extra)
    return client.post("/api/chat", json=body)
