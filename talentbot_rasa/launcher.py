"""`python -m talentbot_rasa.launcher run …` = `rasa run …` with talentbot's speed-ups applied first.

Our JSON logs (`talentbot_rasa.observe.install_rasa`: the turn's request id on every line) are set
up first, so even the warnings Rasa's imports print land in them. The speed-ups
(`talentbot_rasa.speedups`) are installed into this process's Rasa modules, then the command line
goes to Rasa's own entry point unchanged. They are skipped, with one log line, when
`TALENTBOT_RASA_SPEEDUPS=0` or when the installed Rasa is not the version they were written for;
Rasa then runs as it comes. `make run` (bot/supervisor.py) starts Rasa this way; training does not
(`rasa train` runs as it comes).

Repeated lines: Rasa's entry point puts a `RepeatedLogFilter` on every root handler, which drops a
record equal to the one before in level, source line, message and args. Stock Rasa then swaps that
handler for coloredlogs' and the filter goes with it; ours stays (`observe` keeps it), so the filter
would drop every "turn handled" line after the first (same line and message; only the `extra` fields
differ). The entry point is called here with `filter_repeated_logs=False`.
"""

from __future__ import annotations

import sys
from typing import Any

from talentbot_rasa import observe, speedups


def main() -> None:
    observe.install_rasa()
    speedups.apply()
    import rasa.__main__ as rasa_entry

    configure = rasa_entry.configure_logging_and_warnings

    def configure_without_repeat_filter(*args: Any, **kwargs: Any) -> None:
        kwargs["filter_repeated_logs"] = False
        configure(*args, **kwargs)

    rasa_entry.configure_logging_and_warnings = configure_without_repeat_filter
    sys.argv[0] = "rasa"
    rasa_entry.main()


if __name__ == "__main__":
    main()
