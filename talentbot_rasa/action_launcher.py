"""`python -m talentbot_rasa.action_launcher --actions actions --port 5055` = `rasa run actions …` with
our JSON logs and the turn's request id on every action call (`talentbot_rasa.observe`).

Why rasa_sdk's own entry point rather than `rasa run actions`: that command only forwards its
arguments to `rasa_sdk`, after importing all of Rasa (seconds of start-up and memory the action
server never uses). `make run` (bot/supervisor.py) starts the action server this way.
"""

from __future__ import annotations

import sys

from talentbot_rasa import observe


def main() -> None:
    observe.install_actions()
    from rasa_sdk.__main__ import main as sdk_main

    sys.argv[0] = "rasa_sdk"
    sdk_main()


if __name__ == "__main__":
    main()
