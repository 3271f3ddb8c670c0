"""Every turn gets its "turn handled" line in Rasa's log, not only the first after start.

The regression: Rasa's entry point puts a `RepeatedLogFilter` on every root handler; with our JSON
handler kept in place of coloredlogs' it stayed, and dropped each "turn handled" record equal (same
source line, message, args; only the `extra` fields differ) to the one before — one line per Sanic
worker after start, none after. `talentbot_rasa.launcher` now runs Rasa's entry point without it.

On the shared live stack (`make run`'s commands, two Sanic workers): three turns, so at least one
worker answers two of them in a row.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from tests.reliability.reliability_helpers import Live

pytestmark = [pytest.mark.rasa, pytest.mark.timeout(180)]


def turn_lines(live: Live) -> dict[str, dict[str, Any]]:
    """Rasa's "turn handled" lines by request id."""
    text = (live.stack.settings.var_dir / "log" / "rasa.log").read_text(encoding="utf-8")
    found = {}
    for raw in text.splitlines():
        if raw.startswith("{"):
            line = json.loads(raw)
            if line.get("logger") == "talentbot_rasa.turn_channel" and line["message"] == "turn handled":
                found[line["request_id"]] = line
    return found


def test_each_turn_writes_its_turn_handled_line_in_rasas_log(live: Live) -> None:
    sender = live.sender("turnlog")
    request_ids = []
    for _ in range(3):
        resp = live.chat(sender, "金卡有什么用")
        assert resp.status_code == 200, resp.text
        request_ids.append(resp.headers["X-Request-ID"])
    deadline = time.monotonic() + 10
    while not set(request_ids) <= set(turn_lines(live)) and time.monotonic() < deadline:
        time.sleep(0.2)
    lines = turn_lines(live)
    assert [rid in lines for rid in request_ids] == [True, True, True], request_ids
    for rid in request_ids:
        assert lines[rid]["service"] == "rasa" and lines[rid]["intent"], lines[rid]
