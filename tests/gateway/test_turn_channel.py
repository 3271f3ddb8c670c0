"""Rasa's turn channel (talentbot_rasa/turn_channel.py): the facts it reports come from the turn itself.

The channel's webhook handler runs in-process against a stand-in for Rasa's agent: an in-memory
tracker store (Rasa's own) and an `on_new_message` that does what Rasa's processor does for a turn —
log the user event with the message's id, log each action and then send its bot events to the output
channel, save the tracker. The live stack (tests/review/test_review_fallback_count.py) runs it inside
Rasa with the trained model.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.policies.rule_policy import RulePolicy
from rasa.core.run import _create_single_channel
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.engine.graph import GraphSchema, SchemaNode
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_client import TURN_CHANNEL
from bot.supervisor import find_model
from talentbot_rasa.turn_channel import TurnChannel, TurnCollector, fallback_actions

REPO_ROOT = Path(__file__).resolve().parents[2]
LISTEN = ActionExecuted("action_listen")

# A step of a scripted turn: an action and what it sends (bot texts/customs), or other events.
Step = tuple[str, list[dict[str, Any]], list[Event]]


def _schema(core_fallback: str | None) -> GraphSchema:
    config = {"core_fallback_action_name": core_fallback} if core_fallback else {}
    node = SchemaNode(
        needs={}, uses=RulePolicy, constructor_name="load", fn="predict_action_probabilities", config=config
    )
    return GraphSchema({"run_RulePolicy0": node})


class FakeRasa:
    """Rasa's agent as far as the channel sees it, and a processor that plays scripted turns."""

    def __init__(self, core_fallback: str | None = "action_fallback") -> None:
        self.store = InMemoryTrackerStore(Domain.empty())
        metadata = SimpleNamespace(predict_schema=_schema(core_fallback))
        self.agent = SimpleNamespace(
            processor=SimpleNamespace(tracker_store=self.store, model_metadata=metadata)
        )
        self.script: dict[str, tuple[dict[str, Any], list[Step]]] = {}  # text → (intent, steps)
        self.session_greeting: str | None = None  # sent by action_session_start on a new tracker
        self.save = True

    def turn(self, text: str, intent: str, steps: list[Step], confidence: float = 0.95) -> None:
        self.script[text] = ({"name": intent, "confidence": confidence}, steps)

    async def on_new_message(self, message: UserMessage) -> None:
        out = message.output_channel
        tracker = await self.store.retrieve(message.sender_id)
        if tracker is None:
            tracker = DialogueStateTracker(message.sender_id, [])
            tracker.update(ActionExecuted("action_session_start"))
            if self.session_greeting:
                greeting = BotUttered(self.session_greeting)
                tracker.update(greeting)
                await out.send_response(message.sender_id, greeting.message())
            tracker.update(SessionStarted())
            tracker.update(LISTEN)
        intent, steps = self.script[message.text]
        tracker.update(
            UserUttered(
                message.text, intent, [{"entity": "honour", "value": "杰青"}], message_id=message.message_id
            )
        )
        for action, sends, others in steps:
            tracker.update(ActionExecuted(action))
            for body in sends:
                event = BotUttered(body.get("text"), data={"custom": body.get("custom")})
                tracker.update(event)
                await out.send_response(message.sender_id, event.message())
            for event in others:
                tracker.update(event)
        tracker.update(LISTEN)
        if self.save:
            await self.store.save(tracker)


def ask(fake: FakeRasa, text: str, sender: str = "web-1") -> dict[str, Any]:
    """POST the REST body to the channel's /webhook handler; the JSON it answers."""
    channel = TurnChannel(handoff_actions=["action_handoff"], handoff_slot="handoff")
    blueprint = channel.blueprint(fake.on_new_message)
    handler = next(r.handler for r in blueprint._future_routes if r.uri == "/webhook")
    request = SimpleNamespace(
        json={"sender": sender, "message": text, "metadata": {"channel": "web"}},
        headers={},
        app=SimpleNamespace(ctx=SimpleNamespace(agent=fake.agent)),
    )
    response = asyncio.run(handler(request))
    return json.loads(response.body)


def test_a_policy_fallback_is_reported_with_the_action_behind_every_message() -> None:
    fake = FakeRasa()
    citation = {"citations": [{"doc": "永委办发〔2016〕82号", "clause": "附件3 二（一）"}]}
    fake.turn(
        "金卡有什么用",
        "ask_gold_card",  # a confident intent: the dialogue policy, not NLU, fell back
        [
            (
                "action_fallback",
                [{"text": "抱歉。\n\n请拨打热线。", "custom": citation}],
                [SlotSet("fallback_count", 1)],
            )
        ],
    )
    answer = ask(fake, "金卡有什么用")
    # the REST channel's messages (text split at the blank line, then the custom payload), each named
    assert [(m.get("text"), m.get("custom"), m["action"]) for m in answer["messages"]] == [
        ("抱歉。", None, "action_fallback"),
        ("请拨打热线。", None, "action_fallback"),
        (None, citation, "action_fallback"),
    ]
    turn = answer["turn"]
    assert turn["intent"] == "ask_gold_card" and turn["confidence"] == pytest.approx(0.95)
    assert turn["entities"] == [{"entity": "honour", "value": "杰青"}]
    assert turn["actions"] == ["action_fallback"]
    assert turn["fallback"] is True and turn["handoff"] is False


def test_the_fallback_action_comes_from_the_model_not_from_a_list() -> None:
    fake = FakeRasa(core_fallback="action_something_else")
    fake.turn("金卡有什么用", "ask_gold_card", [("action_fallback", [{"text": "抱歉。"}], [])])
    assert ask(fake, "金卡有什么用")["turn"]["fallback"] is False
    fake = FakeRasa(core_fallback=None)  # RulePolicy's default: Rasa's action_default_fallback
    fake.turn("金卡有什么用", "ask_gold_card", [("action_default_fallback", [{"text": "抱歉。"}], [])])
    assert ask(fake, "金卡有什么用")["turn"]["fallback"] is True


def test_nlu_fallback_counts_even_when_a_form_answers() -> None:
    fake = FakeRasa()
    fake.turn(
        "阿巴阿巴",
        "nlu_fallback",
        [("category_form", [], []), ("action_ask_honour", [{"text": "您有哪些荣誉？"}], [])],
        0.5,
    )
    answer = ask(fake, "阿巴阿巴")
    assert answer["turn"]["fallback"] is True
    assert answer["turn"]["actions"] == ["category_form", "action_ask_honour"]
    assert [m["action"] for m in answer["messages"]] == ["action_ask_honour"]


def test_an_answered_turn_names_each_action_and_the_session_start() -> None:
    fake = FakeRasa()
    fake.session_greeting = "欢迎！"
    fake.turn(
        "金卡呢",
        "ask_gold_card",
        [
            ("action_answer_policy", [{"text": "金卡可以……"}], []),
            ("category_form", [], []),
            ("action_ask_honour", [{"text": "您有哪些荣誉？"}], []),
        ],
    )
    answer = ask(fake, "金卡呢")
    assert [(m["text"], m["action"]) for m in answer["messages"]] == [
        ("欢迎！", "action_session_start"),  # sent before the user event, by the session start
        ("金卡可以……", "action_answer_policy"),
        ("您有哪些荣誉？", "action_ask_honour"),
    ]
    assert answer["turn"]["actions"] == ["action_answer_policy", "category_form", "action_ask_honour"]
    assert answer["turn"]["fallback"] is False and answer["turn"]["handoff"] is False


@pytest.mark.parametrize(
    "steps",
    [
        [("action_handoff", [{"text": "已为您转人工。"}], [])],
        [("action_answer_policy", [{"text": "请稍候。"}], [SlotSet("handoff", True)])],
    ],
)
def test_handoff_is_the_handoff_action_or_the_slot(steps: list[Step]) -> None:
    fake = FakeRasa()
    fake.turn("找人工", "human_handoff", steps)
    assert ask(fake, "找人工")["turn"]["handoff"] is True


def test_a_later_turn_of_the_same_sender_does_not_leak_into_the_facts() -> None:
    fake = FakeRasa()
    fake.turn("第一问", "ask_gold_card", [("action_answer_policy", [{"text": "答一"}], [])])
    fake.turn("第二问", "thanks", [("utter_youre_welcome", [{"text": "不客气"}], [])])
    collector = TurnCollector()
    first = UserMessage("第一问", collector, "web-1")
    second = UserMessage("第二问", TurnCollector(), "web-1")

    async def run() -> dict[str, Any]:
        await fake.on_new_message(first)
        await fake.on_new_message(second)  # slipped in before the first turn's facts were read
        return await TurnChannel().answer(fake.agent, first, collector)

    answer = asyncio.run(run())
    assert answer["turn"]["intent"] == "ask_gold_card"
    assert answer["turn"]["actions"] == ["action_answer_policy"]
    assert [(m["text"], m["action"]) for m in answer["messages"]] == [("答一", "action_answer_policy")]


def test_a_turn_missing_from_the_tracker_answers_messages_without_facts() -> None:
    fake = FakeRasa()
    fake.save = False  # e.g. Rasa failed before saving the tracker
    fake.turn("你好", "greet", [("utter_greet", [{"text": "您好！"}], [])])
    answer = ask(fake, "你好")
    assert answer == {"messages": [{"recipient_id": "web-1", "text": "您好！", "action": None}], "turn": None}


def test_credentials_serve_the_turn_channel_where_the_gateway_calls_it_next_to_rest() -> None:
    credentials = yaml.safe_load((REPO_ROOT / "credentials.yml").read_text(encoding="utf-8"))
    channels = [_create_single_channel(name, creds) for name, creds in credentials.items()]
    (turn,) = (c for c in channels if isinstance(c, TurnChannel))
    assert any(type(c) is RestInput for c in channels)  # the stock REST channel stays
    assert f"/webhooks/{turn.url_prefix()}" == TURN_CHANNEL
    assert turn.handoff_actions == {"action_handoff"} and turn.handoff_slot == "handoff"


def test_the_shipped_model_names_action_fallback_as_its_fallback() -> None:
    model = find_model(REPO_ROOT / "models")
    if model is None:
        pytest.skip("no trained model under models/ (make train)")
    metadata = LocalModelStorage.metadata_from_archive(model)
    assert "action_fallback" in fallback_actions(SimpleNamespace(model_metadata=metadata))
