"""`TurnChannel`: Rasa's REST channel whose answer also says what Rasa made of the turn.

Why: the gateway logs, for every user message, the intent and its confidence, the entities, which
action wrote each reply, and whether the turn fell back or handed over to a person — the review
page's filters and counts rest on them. Those facts exist only inside Rasa, in the tracker the
processor has just updated, so this channel hands them back with the reply; the gateway logs what it
is handed and never reads Rasa's tables or calls its tracker API (the same on SQLite and PostgreSQL).

`POST /webhooks/turn/webhook` takes the REST channel's body (`sender`, `message`, `metadata`) and
answers

    {"messages": [...],   # exactly what /webhooks/rest/webhook would return, each message with
                          # "action": the action that sent it (the turn's last action when unknown)
     "turn": {"message_id", "intent", "confidence", "entities", "actions", "fallback", "handoff"}}

`turn` is null when the turn is not in the tracker (Rasa failed before saving it, no model loaded).

Where the facts come from: after `on_new_message` (Rasa's `Agent.handle_message`: lock, process,
save) the channel retrieves the sender's tracker from the agent's tracker store and finds its own
user event by the `message_id` Rasa gave it — a later turn of the same sender that slipped in after
the lock was released does not confuse it. Then, over the events from that user event to the
`action_listen` that ends the turn:
- `actions`: every `ActionExecuted` except `action_listen`, in order;
- `fallback`: one of the model's fallback actions ran (each `RulePolicy`'s
  `core_fallback_action_name`, read from the loaded model, plus Rasa's own
  `action_default_fallback` and `action_two_stage_fallback`), or NLU's intent is `nlu_fallback`;
- `handoff`: one of `handoff_actions` ran, or the `handoff_slot` was set to a true value this turn.
Each bot event becomes one `send_response` call on the output channel, which may emit several
messages (text split at blank lines, then `custom`); `TurnCollector` numbers the calls, and the
last N bot events of the tracker up to the end of the turn are those N calls (a session start before
the user event included), each attributed to the `ActionExecuted` before it.

credentials.yml (the stock `rest:` channel stays as it is):

    talentbot_rasa.turn_channel.TurnChannel:
      handoff_actions: [action_handoff]
      handoff_slot: handoff

Request id: the gateway sends its request id in the `X-Request-ID` header (a caller may put it in
the metadata's `request_id` instead; a new one is made when neither is usable). It is added to the
metadata Rasa stores with the user message, so the action server finds it in
`tracker.latest_message["metadata"]`, and it is set (`talentbot_rasa.jsonlog.REQUEST_ID`) while Rasa
handles the message, so every log line written meanwhile carries it; the channel writes one
`turn handled` line per turn (pseudonymous sender).

Uses only Rasa's public channel API (`RestInput`, `CollectingOutputChannel`, `UserMessage`), the
agent Rasa puts on `app.ctx`, the tracker store's `retrieve` and the loaded model's schema; checked
on Rasa 3.6.21. Nothing here imports the gateway (`bot`), the actions or `policy_kb`.
"""

from __future__ import annotations

import inspect
import logging
import time
from asyncio import CancelledError
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.core.constants import (
    ACTION_DEFAULT_FALLBACK_NAME,
    ACTION_LISTEN_NAME,
    ACTION_TWO_STAGE_FALLBACK_NAME,
)
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from talentbot_rasa import jsonlog

logger = logging.getLogger(__name__)

RASA_FALLBACK_ACTIONS = frozenset({ACTION_DEFAULT_FALLBACK_NAME, ACTION_TWO_STAGE_FALLBACK_NAME})


class TurnCollector(CollectingOutputChannel):
    """Collects messages like the REST channel and remembers which bot event each one came from."""

    def __init__(self) -> None:
        super().__init__()
        self.bot_events = 0  # send_response calls so far: one per BotUttered event of the turn
        self.sources: list[int] = []  # per collected message, the number of the call that sent it

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        call, before = self.bot_events, len(self.messages)
        self.bot_events += 1
        await super().send_response(recipient_id, message)
        self.sources.extend([call] * (len(self.messages) - before))


def fallback_actions(processor: Any) -> frozenset[str]:
    """Rasa's fallback actions plus the `core_fallback_action_name` of the loaded model's rule policies."""
    names = set(RASA_FALLBACK_ACTIONS)
    schema = getattr(getattr(processor, "model_metadata", None), "predict_schema", None)
    for node in getattr(schema, "nodes", {}).values():
        if inspect.isclass(node.uses) and issubclass(node.uses, RulePolicy):
            config = {**node.uses.get_default_config(), **(node.config or {})}
            if config.get("core_fallback_action_name"):
                names.add(str(config["core_fallback_action_name"]))
    return frozenset(names)


def turn_facts(
    events: Sequence[Event],
    message_id: str,
    bot_events: int,
    *,
    fallback_actions: Iterable[str] = RASA_FALLBACK_ACTIONS,
    handoff_actions: Iterable[str] = (),
    handoff_slot: str | None = None,
) -> tuple[dict[str, Any], list[str | None]] | None:
    """The facts of the turn whose user event has `message_id`, and the action behind each of the
    last `bot_events` bot events up to the end of that turn; None when the turn is not in `events`."""
    start = next(
        (
            i
            for i in range(len(events) - 1, -1, -1)
            if isinstance(events[i], UserUttered) and events[i].message_id == message_id
        ),
        None,
    )
    if start is None:
        return None
    end = len(events)
    for i in range(start + 1, len(events)):
        event = events[i]
        if isinstance(event, UserUttered) or (
            isinstance(event, ActionExecuted) and event.action_name == ACTION_LISTEN_NAME
        ):
            end = i
            break
    user: UserUttered = events[start]
    turn = events[start + 1 : end]
    actions = [
        e.action_name
        for e in turn
        if isinstance(e, ActionExecuted) and e.action_name not in (None, ACTION_LISTEN_NAME)
    ]
    # the action behind every bot event up to the end of the turn; the last `bot_events` are this turn's
    producers: list[str | None] = []
    current: str | None = None
    for event in events[:end]:
        if isinstance(event, ActionExecuted):
            current = None if event.action_name == ACTION_LISTEN_NAME else event.action_name
        elif isinstance(event, UserUttered):
            current = None
        elif isinstance(event, BotUttered):
            producers.append(current)
    intent = user.intent or {}
    fallbacks, handoffs = set(fallback_actions), set(handoff_actions)
    facts = {
        "message_id": message_id,
        "intent": intent.get("name"),
        "confidence": intent.get("confidence"),
        "entities": list(user.entities or []),
        "actions": actions,
        "fallback": intent.get("name") == DEFAULT_NLU_FALLBACK_INTENT_NAME
        or any(a in fallbacks for a in actions),
        "handoff": any(a in handoffs for a in actions)
        or (
            handoff_slot is not None
            and any(isinstance(e, SlotSet) and e.key == handoff_slot and bool(e.value) for e in turn)
        ),
    }
    # fewer bot events than sends (events lost): no attribution rather than a shifted one
    return facts, producers[len(producers) - bot_events :] if 0 < bot_events <= len(producers) else []


class TurnChannel(RestInput):
    """The REST channel at /webhooks/turn/webhook, answering the messages and the turn's facts."""

    def __init__(self, handoff_actions: Iterable[str] = (), handoff_slot: str | None = None) -> None:
        self.handoff_actions = frozenset(handoff_actions)
        self.handoff_slot = handoff_slot

    @classmethod
    def name(cls) -> str:
        return "turn"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TurnChannel:
        credentials = credentials or {}
        return cls(
            handoff_actions=credentials.get("handoff_actions") or (),
            handoff_slot=credentials.get("handoff_slot"),
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            metadata = self.get_metadata(request)
            metadata = dict(metadata) if isinstance(metadata, dict) else {}
            request_id = (
                jsonlog.clean_request_id(metadata.get(jsonlog.METADATA_KEY))
                or jsonlog.clean_request_id(request.headers.get(jsonlog.HEADER))
                or jsonlog.new_request_id()
            )
            metadata[jsonlog.METADATA_KEY] = request_id
            token = jsonlog.REQUEST_ID.set(request_id)
            try:
                return await self._receive(request, metadata, on_new_message)
            finally:
                jsonlog.REQUEST_ID.reset(token)

        return webhook

    async def _receive(
        self,
        request: Request,
        metadata: dict[str, Any],
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> HTTPResponse:
        started = time.perf_counter()
        collector = TurnCollector()
        message = UserMessage(
            self._extract_message(request),
            collector,
            await self._extract_sender(request),
            input_channel=self._extract_input_channel(request),
            metadata=metadata,
        )
        sender = jsonlog.pseudonym(message.sender_id)
        try:  # as the REST channel: a failed turn still answers with what was said so far
            await on_new_message(message)
        except CancelledError:
            logger.error("turn channel: timed out handling a message", extra={"sender": sender})
        except Exception:
            logger.exception("turn channel: failed handling a message", extra={"sender": sender})
        answer = await self.answer(request.app.ctx.agent, message, collector)
        facts = answer["turn"] or {}
        logger.info(
            "turn handled",
            extra={
                "sender": sender,
                "intent": facts.get("intent"),
                "actions": facts.get("actions"),
                "fallback": facts.get("fallback"),
                "handoff": facts.get("handoff"),
                "messages": len(answer["messages"]),
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response.json(answer)

    async def answer(self, agent: Any, message: UserMessage, collector: TurnCollector) -> dict[str, Any]:
        """The collected messages, each with the action that sent it, and the turn's facts."""
        found = await self._facts(agent, message, collector.bot_events)
        facts, producers = found if found else (None, [])
        last = facts["actions"][-1] if facts and facts["actions"] else None
        messages = []
        for msg, source in zip(collector.messages, collector.sources, strict=True):
            action = producers[source] if source < len(producers) else None
            messages.append({**msg, "action": action or last})
        return {"messages": messages, "turn": facts}

    async def _facts(
        self, agent: Any, message: UserMessage, bot_events: int
    ) -> tuple[dict[str, Any], list[str | None]] | None:
        processor = getattr(agent, "processor", None)
        if processor is None:  # no model loaded: Rasa did not handle the message
            return None
        try:
            tracker = await processor.tracker_store.retrieve(message.sender_id)
        except Exception:
            logger.exception(
                "turn channel: tracker unavailable", extra={"sender": jsonlog.pseudonym(message.sender_id)}
            )
            return None
        if tracker is None:
            return None
        return turn_facts(
            list(tracker.events),
            message.message_id,
            bot_events,
            fallback_actions=fallback_actions(processor),
            handoff_actions=self.handoff_actions,
            handoff_slot=self.handoff_slot,
        )
