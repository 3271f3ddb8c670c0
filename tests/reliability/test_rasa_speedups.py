"""scripts/rasa_speedups.py must change Rasa's speed only: same verdicts, same error, same message."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.engine.graph import GraphComponent, GraphSchema, SchemaNode
from rasa.shared.core.events import Event

from scripts import rasa_speedups

RESPONSES: list[dict[str, Any]] = [
    {"events": [], "responses": []},
    {
        "events": [
            {"event": "slot", "timestamp": None, "name": "category", "value": 2},
            {"event": "active_loop", "name": "funding_form"},
            {"event": "slot", "name": "requested_slot", "value": "review_rating"},
        ],
        "responses": [
            {"text": "项目评审结果是哪一档？", "buttons": [{"title": "特别推荐", "payload": "/inform"}]}
        ],
    },
    {"events": [{"event": "slot", "name": 5}], "responses": []},  # name must be a string
    {"events": "not a list", "responses": []},
    {"events": [{"event": "user", "parse_data": {"intent": {"name": 3}}}]},
]


@pytest.mark.parametrize("response", RESPONSES)
def test_cached_validator_gives_rasas_verdict_and_error(response: dict[str, Any]) -> None:
    action = RemoteAction("action_x", None)

    def outcome(validate: Any) -> tuple[bool, str | None]:
        try:
            return validate(action, response), None
        except ValidationError as err:
            return False, err.message

    stock = outcome(RemoteAction._validate_action_result)
    fast = outcome(rasa_speedups._validate_action_result)
    assert fast == stock


def test_apply_replaces_the_methods_and_restore_puts_rasas_back() -> None:
    stock = (RemoteAction._validate_action_result, Event.resolve_by_type, GraphSchema.minimal_graph_schema)
    try:
        rasa_speedups.apply()
        rasa_speedups.apply()  # idempotent: the stock functions kept are Rasa's, not our own
        assert RemoteAction._validate_action_result is rasa_speedups._validate_action_result
        assert Event.resolve_by_type is rasa_speedups._resolve_event_type
        assert GraphSchema.minimal_graph_schema is rasa_speedups._minimal_graph_schema
    finally:
        rasa_speedups.restore()
    assert (
        RemoteAction._validate_action_result,
        Event.resolve_by_type,
        GraphSchema.minimal_graph_schema,
    ) == stock


def _all_event_types() -> list[str]:
    from rasa.shared.utils.common import all_subclasses

    return sorted({cls.type_name for cls in all_subclasses(Event)})


def test_event_type_lookup_gives_rasas_class_for_every_event_and_rasas_errors() -> None:
    stock = Event.resolve_by_type
    names = _all_event_types()
    assert len(names) > 20  # user, bot, action, slot, active_loop, session_started, …
    try:
        rasa_speedups.apply()
        for _ in range(2):  # the second pass is served from the cache
            for name in names:
                assert Event.resolve_by_type(name) is stock(name), name
        assert Event.resolve_by_type("topic") is None  # Rasa's backwards-compatible None
        assert Event.resolve_by_type("no_such_event", Event) is Event
        with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
            Event.resolve_by_type("no_such_event")
        # a whole tracker's events round-trip the same way through the cached lookup
        events = [
            {"event": "action", "name": "action_session_start"},
            {"event": "session_started"},
            {"event": "user", "text": "我是杰青", "parse_data": {"intent": {"name": "ask_category"}}},
            {"event": "slot", "name": "category", "value": 2},
            {"event": "active_loop", "name": "funding_form"},
            {"event": "bot", "text": "第二类"},
        ]

        from rasa.shared.core.events import deserialise_events

        assert [type(e).__name__ for e in deserialise_events(events)] == [
            "ActionExecuted",
            "SessionStarted",
            "UserUttered",
            "SlotSet",
            "ActiveLoop",
            "BotUttered",
        ]

    finally:
        rasa_speedups.restore()


def _schema() -> GraphSchema:
    def node(*needs: str, target: bool = False) -> SchemaNode:
        return SchemaNode(
            needs={f"i{n}": dep for n, dep in enumerate(needs)},
            uses=GraphComponent,
            constructor_name="create",
            fn="run",
            config={},
            is_target=target,
        )

    return GraphSchema(
        {
            "a": node(),
            "b": node("a"),
            "c": node("a", "b"),
            "d": node("b", "c", target=True),
            "e": node("a", target=True),
            "unused": node("a"),
        }
    )


@pytest.mark.parametrize("targets", [None, ["d"], ["e"], ["d", "e"], ["c"]])
def test_minimal_schema_is_rasas_and_computed_once(targets: list[str] | None) -> None:
    schema = _schema()
    stock = GraphSchema.minimal_graph_schema(schema, targets)
    try:
        rasa_speedups.apply()
        first = schema.minimal_graph_schema(targets)
        assert first.nodes.keys() == stock.nodes.keys()
        assert first.as_dict() == stock.as_dict()
        assert schema.minimal_graph_schema(targets) is first  # cached
        other = _schema()  # an equal but distinct schema gets its own entry
        assert other.minimal_graph_schema(targets) is not first
    finally:
        rasa_speedups.restore()
