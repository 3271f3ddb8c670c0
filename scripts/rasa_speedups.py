"""`python -m scripts.rasa_speedups run …` = `python -m rasa run …` with a Rasa 3.6 hot spot removed.

Why: profiling Rasa under load (bench/REPORT.md) shows about a third of its CPU in
`RemoteAction._validate_action_result`, which calls `jsonschema.validate()` on every action-server
response. `jsonschema.validate` first checks the (large, constant) response schema against its
meta-schema and builds a new validator each time; a form turn calls the action server three or four
times. Validating with one validator built once gives the same verdicts (same schema, same draft,
same error type and message) for a fraction of the cost: in our A/B run throughput went from 15 to
29 turns/s at 10 users on the 2-core benchmark machine.

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


def apply() -> None:
    """Install the speed-ups into the Rasa modules of this process."""
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]


def main() -> None:
    apply()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
