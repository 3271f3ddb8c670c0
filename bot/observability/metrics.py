"""The gateway's Prometheus metrics, in one registry per app.

Why a registry per app rather than prometheus_client's global one: the tests build many apps in one
process and each must count its own turns; `uvicorn bot.app:app` builds one app, so production sees
no difference. Series for the known channels exist from the start (at 0), so a rate or an alert does
not wait for the first event.

What is counted where:
- `bot.dialogue.DialogueService`: every turn (latency by channel, fallbacks by who fell back,
  handoffs), the wait for Rasa, Rasa errors (unreachable, timed out, a bad answer; an unexpected
  client error) and action errors (Rasa answered without a reply: the action server failed);
- `bot.wechat.bridge.WeChatBridge` (its `on_late_reply`): answers sent through the customer-service
  API after WeChat's 5-second window, delivered or failed;
- `bot.observability.middleware`: the hotline assistant's calls (`/api/assist…`), by endpoint.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

CHANNELS = ("web", "api", "wechat")
# A turn is a loopback call to Rasa plus actions: tens of ms when idle, seconds under load or on a
# form with several action calls; WeChat's passive window closes at 5 s, RASA_TIMEOUT at 30 s.
TURN_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 5.0, 10.0, 30.0)
# The assistant answers as staff type: it should stay well under a tenth of a second.
ASSIST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
CONTENT_TYPE = CONTENT_TYPE_LATEST


class Metrics:
    """Every metric the gateway exports; `render()` is the /metrics body."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.turn_seconds = Histogram(
            "talentbot_turn_duration_seconds",
            "Time to answer one user turn (log, Rasa and actions, log), by channel.",
            ["channel"],
            buckets=TURN_BUCKETS,
            registry=r,
        )
        self.rasa_seconds = Histogram(
            "talentbot_rasa_duration_seconds",
            "Time waiting for Rasa's turn channel (actions included), by channel.",
            ["channel"],
            buckets=TURN_BUCKETS,
            registry=r,
        )
        self.fallbacks = Counter(
            "talentbot_fallbacks",
            "Turns that fell back: source=rasa (Rasa's fallback) or gateway (Rasa unusable; hotline reply).",
            ["channel", "source"],
            registry=r,
        )
        self.handoffs = Counter(
            "talentbot_handoffs",
            "Turns handed over to a person (转人工), by channel.",
            ["channel"],
            registry=r,
        )
        self.rasa_errors = Counter(
            "talentbot_rasa_errors",
            "Turns Rasa could not answer: unavailable (unreachable, timed out, bad answer) or unexpected.",
            ["reason"],
            registry=r,
        )
        self.action_errors = Counter(
            "talentbot_action_errors",
            "Turns Rasa answered without any reply (the action server failed or is down).",
            registry=r,
        )
        self.wechat_async_replies = Counter(
            "talentbot_wechat_async_replies",
            "Answers sent through WeChat's customer-service API after the 5-second window, by outcome.",
            ["outcome"],
            registry=r,
        )
        self.assist_seconds = Histogram(
            "talentbot_assist_duration_seconds",
            "Time to answer the hotline assistant: endpoint=search (/api/assist) or calc (calculators).",
            ["endpoint"],
            buckets=ASSIST_BUCKETS,
            registry=r,
        )
        for channel in CHANNELS:
            self.turn_seconds.labels(channel)
            self.rasa_seconds.labels(channel)
            self.handoffs.labels(channel)
            for source in ("rasa", "gateway"):
                self.fallbacks.labels(channel, source)
        for reason in ("unavailable", "unexpected"):
            self.rasa_errors.labels(reason)
        for outcome in ("sent", "failed"):
            self.wechat_async_replies.labels(outcome)
        for endpoint in ("search", "calc"):
            self.assist_seconds.labels(endpoint)

    # ---- what the gateway reports ---------------------------------------------------------------
    def turn(self, channel: str, seconds: float, *, fallback: str | None, handoff: bool) -> None:
        """One answered turn; `fallback` is "rasa", "gateway" or None."""
        self.turn_seconds.labels(channel).observe(seconds)
        if fallback:
            self.fallbacks.labels(channel, fallback).inc()
        if handoff:
            self.handoffs.labels(channel).inc()

    def rasa_call(self, channel: str, seconds: float, error: str | None = None) -> None:
        self.rasa_seconds.labels(channel).observe(seconds)
        if error:
            self.rasa_errors.labels(error).inc()

    def assist_call(self, path: str, seconds: float) -> None:
        """A request under /api/assist: the search itself or a calculator."""
        endpoint = "calc" if path.startswith("/api/assist/calc/") else "search"
        self.assist_seconds.labels(endpoint).observe(seconds)

    def wechat_late_reply(self, outcome: str) -> None:
        """A late WeChat answer: "sent" or "failed"."""
        self.wechat_async_replies.labels(outcome).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
