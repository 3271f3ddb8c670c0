"""talentbot_rasa/speedups.py must change Rasa's speed only: same verdicts, same error, same message."""

from __future__ import annotations

import gc
import json
import os
import random
import subprocess
import sys
import weakref
from pathlib import Path
from typing import Any

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.graph import GraphComponent, GraphSchema, SchemaNode
from rasa.shared.core.constants import SHOULD_NOT_BE_SET
from rasa.shared.core.events import Event
from rasa.utils.endpoints import EndpointConfig

from talentbot_rasa import http_pool as rasa_http_pool
from talentbot_rasa import speedups as rasa_speedups

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


def _patched() -> tuple[Any, ...]:
    return (
        RemoteAction._validate_action_result,
        Event.resolve_by_type,
        GraphSchema.minimal_graph_schema,
        RulePolicy._get_possible_keys,
        EndpointConfig.session,
    )


def test_apply_replaces_the_methods_and_restore_puts_rasas_back() -> None:
    stock = _patched()
    try:
        rasa_speedups.apply()
        rasa_speedups.apply()  # idempotent: the stock functions kept are Rasa's, not our own
        assert _patched() == (
            rasa_speedups._validate_action_result,
            rasa_speedups._resolve_event_type,
            rasa_speedups._minimal_graph_schema,
            rasa_speedups._get_possible_keys,
            rasa_http_pool._pooled_session,
        )
    finally:
        rasa_speedups.restore()
    assert _patched() == stock


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


# Rule keys and conversation states in RulePolicy's own format (rasa/core/policies/rule_policy.py):
# a key is the JSON of a rule's states, oldest first; a rule that starts a conversation has a first
# state without "prev_action"; "should_not_be_set" demands a slot or loop be empty.
_INTENTS = ["greet", "ask_category", "inform", "ask_hotline"]
_ACTIONS = ["action_listen", "utter_greet", "funding_form", "action_answer_policy"]


def _random_state(rng: random.Random, *, start: bool, for_rule: bool) -> dict[str, Any]:
    state: dict[str, Any] = {}
    if not start:
        roll = rng.random()
        if roll < 0.1:  # an action known by its text (end-to-end stories) names no action
            state["prev_action"] = {"action_text": "好的"}
        elif roll < 0.15 and for_rule:
            state["prev_action"] = {"action_name": SHOULD_NOT_BE_SET}
        else:
            state["prev_action"] = {"action_name": rng.choice(_ACTIONS)}
    if rng.random() < 0.7:
        state["user"] = {"intent": rng.choice(_INTENTS)}
    if rng.random() < 0.4:
        state["active_loop"] = {
            "name": SHOULD_NOT_BE_SET if for_rule and rng.random() < 0.5 else "funding_form"
        }
    if rng.random() < 0.4:
        slot = SHOULD_NOT_BE_SET if for_rule and rng.random() < 0.3 else (1.0,)
        state["slots"] = {"category": slot}
    return state


def _random_rule(rng: random.Random) -> str:
    length = rng.choice([0, 1, 1, 2, 2, 3, 4])
    starts = rng.random() < 0.2
    states = [_random_state(rng, start=starts and i == 0, for_rule=True) for i in range(length)]
    return json.dumps(states, sort_keys=True)


def test_rule_key_search_skips_only_what_cannot_match() -> None:
    """The index by action and the early stop may only skip checks Rasa's loop would pass or fail
    the same way: compare with it on random rule sets and conversations from 0 to 12 states long,
    starts of conversation, actions known by text and empty rules included."""
    rng = random.Random(7)
    policy = RulePolicy.__new__(RulePolicy)  # the matching methods use no trained state
    stock = RulePolicy._get_possible_keys
    compared = non_empty = 0
    for _ in range(300):
        lookup = {_random_rule(rng): "utter_x" for _ in range(rng.randint(0, 40))}
        if rng.random() < 0.3:  # a lookup changed in place is indexed again
            rasa_speedups._get_possible_keys(policy, lookup, [{"prev_action": {"action_name": "x"}}])
            lookup[_random_rule(rng)] = "utter_y"
        for length in range(13):
            states = [_random_state(rng, start=i == 0, for_rule=False) for i in range(length)]
            expected = stock(policy, lookup, states)
            assert rasa_speedups._get_possible_keys(policy, lookup, states) == expected
            compared += 1
            non_empty += bool(expected)
    # the comparison must have seen matches, not just empty sets
    assert compared == 300 * 13 and non_empty > compared // 4


def test_rule_key_search_is_rasas_inside_the_policy() -> None:
    policy = RulePolicy.__new__(RulePolicy)
    rule = [{"user": {"intent": "ask_hotline"}, "prev_action": {"action_name": "action_listen"}}]
    lookup = {json.dumps(rule): "utter_hotline", json.dumps(rule * 3): "utter_x"}
    states = [
        {"user": {"intent": "greet"}},
        {"prev_action": {"action_name": "utter_greet"}},
        {"user": {"intent": "ask_hotline"}, "prev_action": {"action_name": "action_listen"}},
    ]
    try:
        rasa_speedups.apply()
        assert policy._get_possible_keys(lookup, states) == {json.dumps(rule)}
    finally:
        rasa_speedups.restore()


# ---- when they are applied, and what they hold ----------------------------------------------------
def test_written_for_rasa_3_6_only() -> None:
    import rasa

    assert rasa_speedups.written_for(rasa.__version__)  # the Rasa this repository pins
    assert rasa_speedups.written_for("3.6.0") and rasa_speedups.written_for("3.6.21rc1")
    for other in ("3.7.0", "3.5.17", "3.60.1", "4.0.0", "2.8.0", "", "dev"):
        assert not rasa_speedups.written_for(other), other


def test_another_rasa_version_is_left_as_it_comes_with_one_log_line(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import rasa

    monkeypatch.setattr(rasa, "__version__", "3.7.2")
    monkeypatch.delenv(rasa_speedups.SWITCH, raising=False)
    stock = _patched()
    try:
        with caplog.at_level("INFO", logger=rasa_speedups.__name__):
            assert rasa_speedups.apply() is False
        assert _patched() == stock
    finally:
        rasa_speedups.restore()
    [record] = caplog.records
    assert record.levelname == "WARNING"
    assert "Rasa 3.6.x" in record.getMessage() and "Rasa 3.7.2" in record.getMessage()
    assert "stock Rasa" in record.getMessage()


@pytest.mark.parametrize("value", ["0", "off", "False", " no "])
def test_switched_off_leaves_rasa_as_it_comes_with_one_log_line(
    value: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(rasa_speedups.SWITCH, value)
    stock = _patched()
    try:
        with caplog.at_level("INFO", logger=rasa_speedups.__name__):
            assert rasa_speedups.apply() is False
        assert _patched() == stock
    finally:
        rasa_speedups.restore()
    [record] = caplog.records
    assert record.levelname == "WARNING" and "TALENTBOT_RASA_SPEEDUPS=0" in record.getMessage()


@pytest.mark.parametrize("value", ["1", "on", "true", ""])
def test_switched_on(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(rasa_speedups.SWITCH, value)
    try:
        assert rasa_speedups.apply() is True
        assert RemoteAction._validate_action_result is rasa_speedups._validate_action_result
    finally:
        rasa_speedups.restore()


def test_a_mistyped_switch_stops_the_start_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(rasa_speedups.SWITCH, "of")
    stock = _patched()
    with pytest.raises(ValueError, match="TALENTBOT_RASA_SPEEDUPS='of'"):
        rasa_speedups.apply()
    assert _patched() == stock


def test_launcher_says_when_the_speed_ups_are_off(tmp_path: Path) -> None:
    """The log line reaches the console before Rasa configures logging, and Rasa still runs (here
    `rasa --version`), started from a directory outside the repository."""
    env = {**os.environ, rasa_speedups.SWITCH: "0", "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop("PYTHONPATH", None)
    done = subprocess.run(
        [sys.executable, "-m", "talentbot_rasa.launcher", "--version"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Rasa Version" in done.stdout
    # the launcher's log line goes through talentbot's log handler (JSON on stdout since #14's logs)
    assert "speed-ups off (TALENTBOT_RASA_SPEEDUPS=0)" in done.stdout + done.stderr


def test_graph_schemas_are_kept_for_the_loaded_model_only() -> None:
    """Every model Rasa loads brings a new GraphSchema: only the newest one's results are held, so
    the old models (and their schemas) can be freed however many are loaded in one process."""
    try:
        rasa_speedups.apply()
        first = _schema()
        first.minimal_graph_schema(["d"])
        first.minimal_graph_schema(["e"])
        first.minimal_graph_schema()
        assert len(rasa_speedups._MINIMAL_SCHEMAS.entries) == 3
        gone = weakref.ref(first)
        del first
        for _ in range(50):  # fifty models loaded one after another
            loaded = _schema()
            assert loaded.minimal_graph_schema(["d"]) is loaded.minimal_graph_schema(["d"])
        gc.collect()
        assert gone() is None
        assert rasa_speedups._MINIMAL_SCHEMAS.owner is loaded
        assert len(rasa_speedups._MINIMAL_SCHEMAS.entries) == 1
        assert loaded.minimal_graph_schema([]) is loaded.minimal_graph_schema(None)  # Rasa: [] = all targets
    finally:
        rasa_speedups.restore()
    assert rasa_speedups._MINIMAL_SCHEMAS.owner is None


class _Lookup(dict[str, str]):
    """A rule lookup that can be weakly referenced (a plain dict cannot)."""


def test_rule_indexes_are_kept_for_the_loaded_policy_only() -> None:
    rule = [{"user": {"intent": "ask_hotline"}, "prev_action": {"action_name": "action_listen"}}]
    states = [{"user": {"intent": "ask_hotline"}, "prev_action": {"action_name": "action_listen"}}]
    old = RulePolicy.__new__(RulePolicy)
    old_lookup = _Lookup({json.dumps(rule): "utter_hotline"})
    assert rasa_speedups._get_possible_keys(old, old_lookup, states) == {json.dumps(rule)}
    gone, gone_lookup = weakref.ref(old), weakref.ref(old_lookup)
    del old, old_lookup
    new = RulePolicy.__new__(RulePolicy)  # the next model's policy
    lookups = [{json.dumps(rule): "utter_hotline"}, {}]  # its rules and its unhappy-path rules
    for _ in range(3):
        for lookup in lookups:
            rasa_speedups._get_possible_keys(new, lookup, states)
    gc.collect()
    assert gone() is None and gone_lookup() is None
    assert rasa_speedups._RULE_INDEXES.owner is new and len(rasa_speedups._RULE_INDEXES.entries) == 2
    assert rasa_speedups._RULE_LENGTHS.owner is new
