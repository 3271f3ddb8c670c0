"""One user turn, channel-independent: log it, ask Rasa, merge replies, log them with the turn's facts.

Why one place for this: the web widget, the JSON API and WeChat must behave the same — the user's
message is written *before* Rasa is asked (nothing said is lost), a retry with the same dedup key is
answered once, and a Rasa or action-server failure becomes a polite reply with the hotline (never an
error page). What Rasa made of the turn (intent, confidence, entities, the action behind each reply,
fallback, handoff) arrives with Rasa's answer (bot/rasa_client.py, talentbot_rasa/turn_channel.py)
and is logged from it: nothing is read back from Rasa afterwards.

Each turn is also counted (bot/observability/metrics.py: latency by channel, who fell back, handoffs,
Rasa and action errors) and logged in one `turn answered` line with a pseudonymous sender; the
request id that line carries travels to Rasa and the action server with the turn (bot/rasa_client.py).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from starlette.concurrency import run_in_threadpool

from bot.logstore import LogStore
from bot.observability.metrics import Metrics
from bot.once import OnceCache
from bot.policy_facts import Fact
from bot.rasa_client import RasaClient, RasaTurn, RasaUnavailable, TurnFacts
from bot.replies import merge_rasa_messages
from bot.validation import neutralise_command
from policy_kb.typos import read_as_meant
from talentbot_rasa.jsonlog import pseudonym

log = logging.getLogger(__name__)

HANDOFF_TEXT = "转人工"
GATEWAY_FALLBACK_ACTION = "gateway_fallback"


@dataclass(frozen=True)
class UserTurn:
    """A user message from any channel; `sender` is already pseudonymised where needed (WeChat)."""

    channel: str  # web | wechat | api
    sender: str  # also the Rasa conversation id
    text: str  # what the user typed, or the title of the button pressed (this is what is logged)
    dedup_key: str
    payload: str | None = None  # an offered button payload to send to Rasa instead of the text
    region: str | None = None
    handoff: bool = False  # the user asked for a person (转人工)


@dataclass
class TurnResult:
    """Replies in the public shape, each with the `message_id` used for feedback."""

    conversation_id: str
    replies: list[dict[str, Any]] = field(default_factory=list)
    fallback: bool = False
    handoff: bool = False
    gateway_fallback: bool = False  # the gateway answered with the hotline: Rasa gave no usable answer


def fallback_reply(hotline: Fact) -> dict[str, Any]:
    """The polite answer when the assistant cannot be reached; the hotline comes with its clause."""
    return {
        "text": f"抱歉，智能助手暂时无法回答，请稍后再试。您也可以拨打{hotline.region}人才服务热线 {hotline.value} 咨询。",
        "citations": [hotline.citation()],
    }


class DialogueService:
    """Handles user turns for every channel."""

    def __init__(
        self, rasa: RasaClient, store: LogStore, hotline: Fact, metrics: Metrics | None = None
    ) -> None:
        self.rasa = rasa
        self.store = store
        self.hotline = hotline
        self.metrics = metrics or Metrics()
        self._inflight: OnceCache[TurnResult] = OnceCache(ttl=900)

    def start(self, turn: UserTurn) -> asyncio.Task[TurnResult]:
        """The (shared) task answering `turn`; a second call with the same dedup key joins the first."""
        task, _ = self._inflight.start(turn.dedup_key, lambda: self._handle(turn))
        return task

    async def handle(self, turn: UserTurn) -> TurnResult:
        """Answer a turn; shielded so a client that disconnects does not cancel a shared task."""
        return await asyncio.shield(self.start(turn))

    async def _handle(self, turn: UserTurn) -> TurnResult:
        """`_answer`, timed, counted and logged once per turn (retries that join it are not)."""
        started = time.perf_counter()
        result = await self._answer(turn)
        seconds = time.perf_counter() - started
        fallback = ("gateway" if result.gateway_fallback else "rasa") if result.fallback else None
        self.metrics.turn(turn.channel, seconds, fallback=fallback, handoff=result.handoff)
        log.info(
            "turn answered",
            extra={
                "channel": turn.channel,
                "sender": pseudonym(turn.sender),
                "replies": len(result.replies),
                "fallback": fallback,
                "handoff": result.handoff,
                "duration_ms": round(seconds * 1000, 1),
            },
        )
        return result

    async def _answer(self, turn: UserTurn) -> TurnResult:
        handoff_asked = turn.handoff or turn.text.strip() == HANDOFF_TEXT
        inbound = await run_in_threadpool(
            self.store.log_inbound,
            turn.channel,
            turn.sender,
            turn.text,
            turn.dedup_key,
            handoff=handoff_asked,
        )
        if not inbound.created:
            stored = await run_in_threadpool(self.store.replies_for, turn.dedup_key)
            if stored:  # a retry of a turn answered before (possibly by another process)
                return TurnResult(inbound.conversation_id, [_public(r) for r in stored])
        # homophone typos of policy words (接青 → 杰青) are read as meant; the user's own words are what
        # was logged above (policy_kb/typos.py)
        rasa_text: str = turn.payload or read_as_meant(neutralise_command(turn.text))
        # Actions know two channels (TEAM_NOTES): JSON-API clients render like the web widget.
        channel = "wechat" if turn.channel == "wechat" else "web"
        metadata = {"channel": channel, **({"region": turn.region} if turn.region else {})}
        started = time.perf_counter()
        answer: RasaTurn | None = None
        error: str | None = None
        who = {"channel": turn.channel, "sender": pseudonym(turn.sender)}
        try:
            answer = await self.rasa.send(turn.sender, rasa_text, metadata)
        except RasaUnavailable as exc:
            error = "unavailable"
            log.warning("Rasa unavailable: %s", exc, extra=who)
        except Exception:  # a bug or an unforeseen client error must still end in a polite reply
            error = "unexpected"
            log.exception("unexpected error asking Rasa", extra=who)
        latency_ms = round((time.perf_counter() - started) * 1000, 1)
        self.metrics.rasa_call(turn.channel, latency_ms / 1000, error)
        merged = merge_rasa_messages(answer.messages) if answer is not None else None
        facts = answer.facts if answer is not None else None
        if answer is None or merged is None or not merged.replies:
            if answer is not None:
                self.metrics.action_errors.inc()
                log.warning("Rasa returned no reply (action server down?)", extra=who)
            # Rasa may still have understood the message: its facts go on the user's message
            return await self._fallback(turn, inbound.id, inbound.conversation_id, latency_ms, facts)
        fallback = facts is not None and facts.fallback
        handoff = merged.handoff or (facts is not None and facts.handoff)
        if facts is not None:
            await run_in_threadpool(
                lambda: self.store.annotate_inbound(
                    inbound.id,
                    intent=facts.intent,
                    confidence=facts.confidence,
                    entities=facts.entities,
                    fallback=fallback,
                )
            )
        result = TurnResult(inbound.conversation_id, fallback=fallback, handoff=handoff)
        actions = reply_actions(answer.messages, facts)
        for i, (reply, action) in enumerate(zip(merged.replies, actions, strict=True)):
            logged = await run_in_threadpool(
                self.store.log_outbound,
                inbound.conversation_id,
                turn.channel,
                turn.sender,
                reply,
                f"{turn.dedup_key}#out{i}",
                latency_ms=latency_ms,
                action=action,
                handoff=handoff,
            )
            result.replies.append({**reply, "message_id": logged.id})
        return result

    async def _fallback(
        self,
        turn: UserTurn,
        inbound_id: int,
        conversation_id: str,
        latency_ms: float,
        facts: TurnFacts | None = None,
    ) -> TurnResult:
        reply = fallback_reply(self.hotline)
        logged = await run_in_threadpool(
            self.store.log_outbound,
            conversation_id,
            turn.channel,
            turn.sender,
            reply,
            f"{turn.dedup_key}#out0",
            latency_ms=latency_ms,
            action=GATEWAY_FALLBACK_ACTION,
            fallback=True,
        )
        await run_in_threadpool(
            lambda: self.store.annotate_inbound(
                inbound_id,
                intent=facts.intent if facts else None,
                confidence=facts.confidence if facts else None,
                entities=facts.entities if facts else None,
                fallback=True,
            )
        )
        return TurnResult(
            conversation_id, [{**reply, "message_id": logged.id}], fallback=True, gateway_fallback=True
        )

    async def log_exchange(
        self, channel: str, sender: str, text: str, reply: dict[str, Any], dedup_key: str
    ) -> None:
        """Log a turn the gateway answers itself (WeChat welcome, "please send text")."""
        inbound = await run_in_threadpool(self.store.log_inbound, channel, sender, text, dedup_key)
        await run_in_threadpool(
            self.store.log_outbound,
            inbound.conversation_id,
            channel,
            sender,
            reply,
            f"{dedup_key}#out0",
            action="gateway_reply",
        )


def reply_actions(messages: list[dict[str, Any]], facts: TurnFacts | None) -> list[str | None]:
    """The action behind each merged reply: that of the Rasa message the reply starts with (the turn
    channel names it on every message), else the turn's last action.

    A reply starts at the message whose merge adds it (merge_rasa_messages over ever longer prefixes;
    a turn has a handful of messages), so this follows the merge rules without repeating them."""
    last = facts.actions[-1] if facts is not None and facts.actions else None
    out: list[str | None] = []
    for end, message in enumerate(messages, start=1):
        added = len(merge_rasa_messages(messages[:end]).replies) - len(out)
        action = message.get("action")
        out.extend([action if isinstance(action, str) and action else last] * added)
    return out


def _public(stored: dict[str, Any]) -> dict[str, Any]:
    """A stored reply in the public shape (None fields dropped)."""
    return {k: v for k, v in stored.items() if v is not None}
