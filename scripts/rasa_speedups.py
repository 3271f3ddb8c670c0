"""`python -m scripts.rasa_speedups run …` = `python -m rasa run …` with three Rasa 3.6 hot spots removed.

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

Nothing else changes; `main()` hands the command line to Rasa's own entry point.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import Any


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


_STOCK: dict[str, Any] = {}  # Rasa's own functions, kept for the fall-backs above and for tests


def apply() -> None:
    """Install the speed-ups into the Rasa modules of this process (idempotent)."""
    from rasa.core.actions.action import RemoteAction
    from rasa.engine.graph import GraphSchema
    from rasa.shared.core.events import Event

    _STOCK.setdefault("validate_action_result", RemoteAction._validate_action_result)
    _STOCK.setdefault("resolve_by_type", Event.resolve_by_type)
    _STOCK.setdefault("minimal_graph_schema", GraphSchema.minimal_graph_schema)
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(_resolve_event_type)  # type: ignore[method-assign,assignment]
    GraphSchema.minimal_graph_schema = _minimal_graph_schema  # type: ignore[method-assign]


def restore() -> None:
    """Put Rasa's own functions back (tests)."""
    from rasa.core.actions.action import RemoteAction
    from rasa.engine.graph import GraphSchema
    from rasa.shared.core.events import Event

    if not _STOCK:
        return
    RemoteAction._validate_action_result = _STOCK["validate_action_result"]  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(_STOCK["resolve_by_type"])  # type: ignore[method-assign,assignment]
    GraphSchema.minimal_graph_schema = _STOCK["minimal_graph_schema"]  # type: ignore[method-assign]
    _EVENT_TYPES.clear()
    _MINIMAL_SCHEMAS.clear()


def main() -> None:
    apply()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
