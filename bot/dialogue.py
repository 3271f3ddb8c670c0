"""One user turn, channel-independent: log it, ask Rasa, merge replies, log them, annotate later.

Why one place for this: the web widget, the JSON API and WeChat must behave the same — the user's
message is written *before* Rasa is asked (nothing said is lost), a retry with the same dedup key is
answered once, a Rasa or action-server failure becomes a polite reply with the hotline (never an
error page), and intent/confidence come from Rasa's tracker in the background so the reply is not
delayed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from starlette.concurrency import run_in_threadpool

from bot.background import BackgroundTasks
from bot.logstore import LogStore
from bot.once import OnceCache
from bot.policy_facts import Fact
from bot.rasa_client import RasaClient, RasaUnavailable, TurnAnnotation
from bot.replies import merge_rasa_messages
from bot.validation import neutralise_command

log = logging.getLogger(__name__)

HANDOFF_TEXT = "转人工"
HANDOFF_ACTIONS = frozenset({"action_handoff"})
FALLBACK_ACTIONS = frozenset({"action_default_fallback", "action_two_stage_fallback"})
FALLBACK_INTENTS = frozenset({"nlu_fallback"})
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


def fallback_reply(hotline: Fact) -> dict[str, Any]:
    """The polite answer when the assistant cannot be reached; the hotline comes with its clause."""
    return {
        "text": f"抱歉，智能助手暂时无法回答，请稍后再试。您也可以拨打{hotline.region}人才服务热线 {hotline.value} 咨询。",
        "citations": [hotline.citation()],
    }


class DialogueService:
    """Handles user turns for every channel."""

    def __init__(self, rasa: RasaClient, store: LogStore, tasks: BackgroundTasks, hotline: Fact) -> None:
        self.rasa = rasa
        self.store = store
        self.tasks = tasks
        self.hotline = hotline
        self._inflight: OnceCache[TurnResult] = OnceCache(ttl=900)

    def start(self, turn: UserTurn) -> asyncio.Task[TurnResult]:
        """The (shared) task answering `turn`; a second call with the same dedup key joins the first."""
        task, _ = self._inflight.start(turn.dedup_key, lambda: self._handle(turn))
        return task

    async def handle(self, turn: UserTurn) -> TurnResult:
        """Answer a turn; shielded so a client that disconnects does not cancel a shared task."""
        return await asyncio.shield(self.start(turn))

    async def _handle(self, turn: UserTurn) -> TurnResult:
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
        rasa_text = turn.payload or neutralise_command(turn.text)
        # Actions know two channels (TEAM_NOTES): JSON-API clients render like the web widget.
        channel = "wechat" if turn.channel == "wechat" else "web"
        metadata = {"channel": channel, **({"region": turn.region} if turn.region else {})}
        started = time.perf_counter()
        try:
            merged = merge_rasa_messages(await self.rasa.send(turn.sender, rasa_text, metadata))
        except RasaUnavailable as exc:
            log.warning("Rasa unavailable for %s turn %s: %s", turn.channel, turn.dedup_key, exc)
            merged = None
        except Exception:  # a bug or an unforeseen client error must still end in a polite reply
            log.exception("unexpected error asking Rasa for %s", turn.dedup_key)
            merged = None
        latency_ms = round((time.perf_counter() - started) * 1000, 1)
        if merged is None or not merged.replies:
            if merged is not None:
                log.warning("Rasa returned no reply for %s (action server down?)", turn.dedup_key)
            result = await self._fallback(turn, inbound.id, inbound.conversation_id, latency_ms)
            if merged is not None:  # Rasa ran but said nothing: its tracker still shows what it understood
                self.tasks.spawn(self._annotate(turn.sender, rasa_text, inbound.id, []), "annotate")
            return result
        result = TurnResult(inbound.conversation_id, handoff=merged.handoff)
        for i, reply in enumerate(merged.replies):
            logged = await run_in_threadpool(
                self.store.log_outbound,
                inbound.conversation_id,
                turn.channel,
                turn.sender,
                reply,
                f"{turn.dedup_key}#out{i}",
                latency_ms=latency_ms,
                handoff=merged.handoff,
            )
            result.replies.append({**reply, "message_id": logged.id})
        self.tasks.spawn(self._annotate(turn.sender, rasa_text, inbound.id, result.replies), "annotate")
        return result

    async def _fallback(
        self, turn: UserTurn, inbound_id: int, conversation_id: str, latency_ms: float
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
                inbound_id, intent=None, confidence=None, entities=None, fallback=True
            )
        )
        return TurnResult(conversation_id, [{**reply, "message_id": logged.id}], fallback=True)

    async def _annotate(
        self, sender: str, rasa_text: str, inbound_id: int, replies: list[dict[str, Any]]
    ) -> None:
        """Copy intent/confidence/entities and the producing actions from Rasa's tracker into the log."""
        annotation = await self.rasa.annotate(sender, rasa_text)
        if annotation is None:
            return
        fallback = annotation.intent in FALLBACK_INTENTS or any(
            a in FALLBACK_ACTIONS for a in annotation.actions
        )
        await run_in_threadpool(
            lambda: self.store.annotate_inbound(
                inbound_id,
                intent=annotation.intent,
                confidence=annotation.confidence,
                entities=annotation.entities,
                fallback=fallback,
            )
        )
        for reply, action in zip(replies, actions_for_replies(annotation, replies), strict=True):
            await run_in_threadpool(
                lambda r=reply, a=action: self.store.annotate_outbound(
                    r["message_id"], action=a, handoff=a in HANDOFF_ACTIONS
                )
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


def actions_for_replies(annotation: TurnAnnotation, replies: list[dict[str, Any]]) -> list[str | None]:
    """Which action produced each reply: match by text in tracker order, else the turn's last action."""
    unused = list(annotation.bot_actions)
    last = annotation.actions[-1] if annotation.actions else None
    out: list[str | None] = []
    for reply in replies:
        match = next((i for i, (_, text) in enumerate(unused) if text == reply.get("text")), None)
        out.append(unused.pop(match)[0] if match is not None else last)
    return out


def _public(stored: dict[str, Any]) -> dict[str, Any]:
    """A stored reply in the public shape (None fields dropped)."""
    return {k: v for k, v in stored.items() if v is not None}
