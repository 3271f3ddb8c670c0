"""`python -m talentbot_rasa.launcher run …` = `rasa run …` with talentbot's speed-ups applied first.

Our JSON logs (`talentbot_rasa.observe.install_rasa`: the turn's request id on every line) are set
up first, so even the warnings Rasa's imports print land in them. The speed-ups
(`talentbot_rasa.speedups`) are installed into this process's Rasa modules, then the command line
goes to Rasa's own entry point unchanged. They are skipped, with one log line, when
`TALENTBOT_RASA_SPEEDUPS=0` or when the installed Rasa is not the version they were written for;
Rasa then runs as it comes. `make run` (bot/supervisor.py) starts Rasa this way; training does not
(`rasa train` runs as it comes).
"""

from __future__ import annotations

import sys

from talentbot_rasa import observe, speedups


def main() -> None:
    observe.install_rasa()
    speedups.apply()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
