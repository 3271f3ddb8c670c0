"""`python -m scripts.rasa_speedups run …` = `python -m rasa run …` with five Rasa 3.6 hot spots removed.

Why: profiling Rasa under load (py-spy, bench/REPORT.md) showed CPU spent recomputing constants on
every turn:

1. `RemoteAction._validate_action_result` calls `jsonschema.validate()` on every action-server
   response, which checks the (large, constant) response schema against its meta-schema and builds a
   new validator each time — about a third of Rasa's CPU; a form turn calls the action server three or
   four times. One validator built once gives the same verdicts (same schema, same draft, same error
   type and message): 15 → 29 turns/s at 10 users in our A/B run on the 2-core machine.
2. `Event.resolve_by_type` walks every subclass of `Event` (recursively, with `inspect.isabstract`)
   for each event it deserialises, and a tracker is deserialised from the store several times per
   turn: ~9% of Rasa's CPU. The type name → class mapping is fixed once the classes are imported, so
   found classes are remembered (misses still go to Rasa's own lookup, so its errors are unchanged).
3. `DaskGraphRunner.run` asks `GraphSchema.minimal_graph_schema(targets)` on every NLU and policy
   run; that walk re-visits shared dependencies without memo: ~6%. A loaded model's schema does not
   change, so the result is kept per (schema, targets).
4. `RulePolicy._get_possible_keys` matches every rule (290 in our model) against every state of the
   conversation, oldest included, for every prediction: ~9% of Rasa's CPU. Most rules name the
   action their newest state follows, and a rule of length L is decided by the last L states; using
   both gives the same set of keys (see `_get_possible_keys`).
5. `EndpointConfig.request` opens a new aiohttp session — a new TCP connection — for each call to the
   action server, three or four per form turn (scripts/rasa_http_pool.py keeps one per endpoint).

Nothing else changes; `main()` hands the command line to Rasa's own entry point. Training does not
use this module (`rasa train` runs as it comes).
"""

from __future__ import annotations

import sys
from functools import cache
from typing import Any, NamedTuple


@cache
def _action_response_validator() -> Any:
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    return validator_for(schema)(schema)  # the draft jsonschema.validate would pick for this schema


def _validate_action_result(self: Any, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result with the validator built once: the same error
    (jsonschema's best match, as `jsonschema.validate` raises) and the same message on failure."""
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

    error = best_match(_action_response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        f". Failed to validate Action server response from API, "
        f"make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


_EVENT_TYPES: dict[str, type] = {}


def _resolve_event_type(type_name: str, default: type | None = None) -> type | None:
    """`Event.resolve_by_type` remembering the classes it found (misses and errors are Rasa's)."""
    found = _EVENT_TYPES.get(type_name)
    if found is not None:
        return found
    from rasa.shared.core.events import Event

    cls = _STOCK["resolve_by_type"](type_name, default)
    if cls is not None and cls is not default and issubclass(cls, Event):
        _EVENT_TYPES[type_name] = cls
    return cls


_MINIMAL_SCHEMAS: dict[tuple[int, tuple[str, ...] | None], tuple[Any, Any]] = {}


def _minimal_graph_schema(self: Any, targets: list[str] | None = None) -> Any:
    """`GraphSchema.minimal_graph_schema` computed once per (schema, targets).

    The schema itself is kept in the entry, so its id cannot be reused by another object."""
    key = (id(self), tuple(targets) if targets else None)
    hit = _MINIMAL_SCHEMAS.get(key)
    if hit is not None and hit[0] is self:
        return hit[1]
    result = _STOCK["minimal_graph_schema"](self, targets)
    _MINIMAL_SCHEMAS[key] = (self, result)
    return result


_RULE_LENGTHS: dict[str, int] = {}


def _rule_length(policy: Any, rule_key: str) -> int:
    length = _RULE_LENGTHS.get(rule_key)
    if length is None:
        length = _RULE_LENGTHS[rule_key] = len(policy._rule_key_to_state(rule_key))
    return length


class _RuleIndex(NamedTuple):
    """A rule lookup's keys by the action their newest state must follow."""

    lookup: dict[str, str]  # kept, so the id it is filed under cannot be reused by another dict
    size: int
    any_action: list[str]  # rules whose newest state names no action (or is empty)
    by_action: dict[str, list[str]]


_RULE_INDEXES: dict[int, _RuleIndex] = {}


def _required_action(policy: Any, rule_key: str) -> str | None:
    """The `prev_action.action_name` a rule's newest state requires, if it requires one.

    `_does_rule_match_state` rejects a state whose value differs from a set rule value other than
    "should_not_be_set", so such a rule can only match after that very action."""
    from rasa.shared.core.constants import SHOULD_NOT_BE_SET

    rule_states = policy._rule_key_to_state(rule_key)
    if not rule_states:
        return None
    name = (rule_states[-1].get("prev_action") or {}).get("action_name")
    return name if isinstance(name, str) and name and name != SHOULD_NOT_BE_SET else None


def _rule_index(policy: Any, lookup: dict[str, str]) -> _RuleIndex:
    index = _RULE_INDEXES.get(id(lookup))
    if index is not None and index.lookup is lookup and index.size == len(lookup):
        return index
    any_action: list[str] = []
    by_action: dict[str, list[str]] = {}
    for key in lookup:
        name = _required_action(policy, key)
        (any_action if name is None else by_action.setdefault(name, [])).append(key)
    index = _RULE_INDEXES[id(lookup)] = _RuleIndex(lookup, len(lookup), any_action, by_action)
    return index


def _get_possible_keys(self: Any, lookup: dict[str, str], states: list[dict[str, Any]]) -> set[str]:
    """`RulePolicy._get_possible_keys` without the passes that cannot change its answer.

    Rasa filters all keys turn by turn, newest state first, through the whole conversation. Two
    shortcuts, each exact: (a) the newest state only needs the rules that follow its action, plus
    those that name none (`_required_action`); (b) `_is_rule_applicable(key, i, state)` is True
    whenever `i` ≥ the rule's length, so once `i` reaches the longest key left every later pass
    keeps them all. The remaining checks are Rasa's own `_is_rule_applicable`."""
    if not states:
        return set(lookup.keys())
    index = _rule_index(self, lookup)
    newest_action = (states[-1].get("prev_action") or {}).get("action_name")
    possible_keys = set(index.any_action)
    if isinstance(newest_action, str):
        possible_keys.update(index.by_action.get(newest_action, ()))
    for i, state in enumerate(reversed(states)):
        if not possible_keys or i >= max(_rule_length(self, key) for key in possible_keys):
            break
        possible_keys = {key for key in possible_keys if self._is_rule_applicable(key, i, state)}
    return possible_keys


_STOCK: dict[str, Any] = {}  # Rasa's own functions, kept for the fall-backs above and for tests


def apply() -> None:
    """Install the speed-ups into the Rasa modules of this process (idempotent)."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.engine.graph import GraphSchema
    from rasa.shared.core.events import Event

    from scripts import rasa_http_pool

    _STOCK.setdefault("validate_action_result", RemoteAction._validate_action_result)
    _STOCK.setdefault("resolve_by_type", Event.resolve_by_type)
    _STOCK.setdefault("minimal_graph_schema", GraphSchema.minimal_graph_schema)
    _STOCK.setdefault("get_possible_keys", RulePolicy._get_possible_keys)
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(_resolve_event_type)  # type: ignore[method-assign,assignment]
    GraphSchema.minimal_graph_schema = _minimal_graph_schema  # type: ignore[method-assign]
    RulePolicy._get_possible_keys = _get_possible_keys  # type: ignore[method-assign]
    rasa_http_pool.apply()


def restore() -> None:
    """Put Rasa's own functions back (tests)."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.engine.graph import GraphSchema
    from rasa.shared.core.events import Event

    from scripts import rasa_http_pool

    rasa_http_pool.restore()
    if not _STOCK:
        return
    RemoteAction._validate_action_result = _STOCK["validate_action_result"]  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(_STOCK["resolve_by_type"])  # type: ignore[method-assign,assignment]
    GraphSchema.minimal_graph_schema = _STOCK["minimal_graph_schema"]  # type: ignore[method-assign]
    RulePolicy._get_possible_keys = _STOCK["get_possible_keys"]  # type: ignore[method-assign]
    _EVENT_TYPES.clear()
    _MINIMAL_SCHEMAS.clear()
    _RULE_LENGTHS.clear()
    _RULE_INDEXES.clear()


def main() -> None:
    apply()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
