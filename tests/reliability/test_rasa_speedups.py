"""scripts/rasa_speedups.py must change Rasa's speed only: same verdicts, same error, same message."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

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


def test_apply_replaces_the_method() -> None:
    original = RemoteAction._validate_action_result
    try:
        rasa_speedups.apply()
        assert RemoteAction._validate_action_result is rasa_speedups._validate_action_result
    finally:
        RemoteAction._validate_action_result = original  # type: ignore[method-assign]
