"""Five Rasa 3.6 hot spots removed; `talentbot_rasa.launcher` applies them before `rasa run`.

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
   change, so the result is kept per targets — for the loaded model's schema only (a call on another
   schema, i.e. a newly loaded model, drops the old one's results).
4. `RulePolicy._get_possible_keys` matches every rule (290 in our model) against every state of the
   conversation, oldest included, for every prediction: ~9% of Rasa's CPU. Most rules name the
   action their newest state follows, and a rule of length L is decided by the last L states; using
   both gives the same set of keys (see `_get_possible_keys`). The index is kept for the loaded
   model's RulePolicy only.
5. `EndpointConfig.request` opens a new aiohttp session — a new TCP connection — for each call to the
   action server, three or four per form turn (talentbot_rasa/http_pool.py keeps one per endpoint).

They replace private Rasa functions, so `apply()` installs them only on the Rasa version they were
written for (`WRITTEN_FOR`, checked against `rasa.__version__`) and not at all when
`TALENTBOT_RASA_SPEEDUPS=0`; either way it says so in one log line and Rasa runs as it comes. Nothing
else changes: tests/reliability/test_rasa_speedups.py compares each one with Rasa's own function.
"""

from __future__ import annotations

import logging
import os
from functools import cache
from typing import Any, NamedTuple

logger = logging.getLogger(__name__)

WRITTEN_FOR = (3, 6)  # Rasa major.minor whose internals these functions replace (checked: 3.6.21)
SWITCH = "TALENTBOT_RASA_SPEEDUPS"  # "0" (or false/off/no): leave Rasa as it comes
_OFF = frozenset({"0", "false", "off", "no"})
_ON = frozenset({"", "1", "true", "on", "yes"})


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


class _PerModel:
    """Results derived from one object of the loaded model (its graph schema, its RulePolicy).

    Only the newest owner's results are held: a call for another owner — the next model after a
    `PUT /model` or a `rasa run` that loads a new one — drops everything derived from the previous
    model, so memory stays that of the loaded model however many models the process has loaded."""

    def __init__(self) -> None:
        self.owner: Any = None
        self.entries: dict[Any, Any] = {}

    def of(self, owner: Any) -> dict[Any, Any]:
        if self.owner is not owner:
            self.owner, self.entries = owner, {}
        return self.entries

    def clear(self) -> None:
        self.owner, self.entries = None, {}


_MINIMAL_SCHEMAS = _PerModel()  # the loaded model's GraphSchema → {targets: minimal schema}


def _minimal_graph_schema(self: Any, targets: list[str] | None = None) -> Any:
    """`GraphSchema.minimal_graph_schema` computed once per targets of the loaded model's schema
    (Rasa treats an empty target list as None: so does the key)."""
    cached = _MINIMAL_SCHEMAS.of(self)
    key = tuple(targets) if targets else None
    result = cached.get(key)
    if result is None:
        result = cached[key] = _STOCK["minimal_graph_schema"](self, targets)
    return result


_RULE_LENGTHS = _PerModel()  # the loaded model's RulePolicy → {rule key: number of states}


def _rule_length(policy: Any, rule_key: str) -> int:
    lengths = _RULE_LENGTHS.of(policy)
    length = lengths.get(rule_key)
    if length is None:
        length = lengths[rule_key] = len(policy._rule_key_to_state(rule_key))
    return length


class _RuleIndex(NamedTuple):
    """A rule lookup's keys by the action their newest state must follow."""

    lookup: dict[str, str]  # kept, so the id it is filed under cannot be reused by another dict
    size: int
    any_action: list[str]  # rules whose newest state names no action (or is empty)
    by_action: dict[str, list[str]]


_RULE_INDEXES = _PerModel()  # the loaded model's RulePolicy → {id(lookup): _RuleIndex}


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
    indexes = _RULE_INDEXES.of(policy)  # a policy has two lookups (rules, unhappy loop paths)
    index = indexes.get(id(lookup))
    if index is not None and index.lookup is lookup and index.size == len(lookup):
        return index
    any_action: list[str] = []
    by_action: dict[str, list[str]] = {}
    for key in lookup:
        name = _required_action(policy, key)
        (any_action if name is None else by_action.setdefault(name, [])).append(key)
    index = indexes[id(lookup)] = _RuleIndex(lookup, len(lookup), any_action, by_action)
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


def rasa_version() -> str:
    import rasa

    return str(rasa.__version__)


def written_for(version: str) -> bool:
    """True for the Rasa versions whose internals these functions replace (3.6.x)."""
    parts = version.split(".")
    try:
        return (int(parts[0]), int(parts[1])) == WRITTEN_FOR
    except (IndexError, ValueError):
        return False


def switched_on() -> bool:
    """`TALENTBOT_RASA_SPEEDUPS`: unset, 1/true/on/yes → on; 0/false/off/no → off; anything else is
    a mistake that stops the start (ValueError naming the variable)."""
    raw = os.environ.get(SWITCH, "").strip().lower()
    if raw in _ON:
        return True
    if raw in _OFF:
        return False
    raise ValueError(f"{SWITCH}={os.environ[SWITCH]!r}: expected 1 or 0 (on/off, true/false, yes/no)")


def apply() -> bool:
    """Install the speed-ups into the Rasa modules of this process (idempotent); True when installed.

    Not installed — one warning, Rasa left as it comes — when switched off or on another Rasa version."""
    version = rasa_version()
    if not switched_on():
        logger.warning(f"talentbot_rasa: speed-ups off ({SWITCH}=0); stock Rasa {version}")
        return False
    if not written_for(version):
        wanted = ".".join(map(str, WRITTEN_FOR))
        logger.warning(
            f"talentbot_rasa: speed-ups written for Rasa {wanted}.x, not applied to Rasa {version}; "
            f"running stock Rasa"
        )
        return False

    from rasa.core.actions.action import RemoteAction
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.engine.graph import GraphSchema
    from rasa.shared.core.events import Event

    from talentbot_rasa import http_pool

    _STOCK.setdefault("validate_action_result", RemoteAction._validate_action_result)
    _STOCK.setdefault("resolve_by_type", Event.resolve_by_type)
    _STOCK.setdefault("minimal_graph_schema", GraphSchema.minimal_graph_schema)
    _STOCK.setdefault("get_possible_keys", RulePolicy._get_possible_keys)
    RemoteAction._validate_action_result = _validate_action_result
    Event.resolve_by_type = staticmethod(_resolve_event_type)
    GraphSchema.minimal_graph_schema = _minimal_graph_schema
    RulePolicy._get_possible_keys = _get_possible_keys
    http_pool.apply()
    logger.info(f"talentbot_rasa: speed-ups on for Rasa {version} ({SWITCH}=0 turns them off)")
    return True


def restore() -> None:
    """Put Rasa's own functions back (tests)."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.engine.graph import GraphSchema
    from rasa.shared.core.events import Event

    from talentbot_rasa import http_pool

    http_pool.restore()
    if not _STOCK:
        return
    RemoteAction._validate_action_result = _STOCK["validate_action_result"]
    Event.resolve_by_type = staticmethod(_STOCK["resolve_by_type"])
    GraphSchema.minimal_graph_schema = _STOCK["minimal_graph_schema"]
    RulePolicy._get_possible_keys = _STOCK["get_possible_keys"]
    _EVENT_TYPES.clear()
    _MINIMAL_SCHEMAS.clear()
    _RULE_LENGTHS.clear()
    _RULE_INDEXES.clear()
