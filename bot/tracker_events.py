"""The latest turns of a conversation, read straight from Rasa's SQL tracker store on SQLite.

Why: after each turn the gateway copies what Rasa made of the message (intent, confidence, entities,
the actions that answered) into the conversation log. Asking Rasa for it (`GET
/conversations/<id>/tracker`) costs Rasa a full tracker load, deserialisation and JSON dump per turn —
about a tenth of Rasa's CPU under load (py-spy, bench/REPORT.md) — and Rasa is the bottleneck. On one
machine the trackers are rows in a SQLite file (endpoints.yml), so the gateway reads the last few
turns' rows itself: one indexed read-only query, no Rasa CPU, and the data is still exactly what Rasa
stored for the turn.

The table is Rasa's SQL tracker store schema (`events`: id, sender_id, type_name, timestamp,
intent_name, action_name, data as the event's JSON), which Rasa documents and keeps across 2.x/3.x;
tests/gateway/test_tracker_events.py writes it with Rasa's own SQLTrackerStore. When the file is not
there (Rasa not started yet, PostgreSQL in production) the reader answers None and the gateway falls
back to the HTTP API.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# Rows from the N-th latest user event of the conversation on, in the order Rasa stored them.
_LATEST_TURNS = """
SELECT data FROM events
WHERE sender_id = ? AND id >= (
    SELECT MIN(id) FROM (
        SELECT id FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id DESC LIMIT ?
    )
)
ORDER BY id
"""


class TrackerEventsReader:
    """Read-only access to the events of Rasa's SQLite tracker store (one connection per thread)."""

    def __init__(self, db_path: Path, turns: int = 3, timeout: float = 2.0) -> None:
        self.db_path = Path(db_path)
        self.turns = max(1, turns)
        self.timeout = timeout
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            # mode=ro: the gateway never writes Rasa's file, and never creates it by mistake
            con = sqlite3.connect(
                f"{self.db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=self.timeout
            )
            self._local.con = con
        return con

    def latest_events(self, sender: str) -> list[dict[str, Any]] | None:
        """The events of the sender's last `turns` user turns, or None when they cannot be read."""
        if not self.db_path.is_file():
            return None
        try:
            rows = self._connection().execute(_LATEST_TURNS, (sender, sender, self.turns)).fetchall()
        except sqlite3.Error as exc:  # no table yet, locked past the timeout, file replaced …
            log.info("tracker events for %s unreadable: %s", sender, exc)
            self._drop_connection()
            return None
        events: list[dict[str, Any]] = []
        for (data,) in rows:
            try:
                event = json.loads(data)
            except (TypeError, ValueError):
                continue
            if isinstance(event, dict):
                events.append(event)
        return events or None

    def _drop_connection(self) -> None:
        con = getattr(self._local, "con", None)
        self._local.con = None
        if con is not None:
            con.close()


def tracker_db_from_endpoints(endpoints: dict[str, Any], root: Path) -> Path | None:
    """The SQLite file of an endpoints config's SQL tracker store (Rasa's `SQL` type or a subclass
    with the same keys; relative to `root`, where Rasa runs), or None for any other tracker store."""
    store = endpoints.get("tracker_store") or {}
    if str(store.get("dialect", "")).lower() != "sqlite" or not store.get("db"):
        return None
    path = Path(str(store["db"]))
    return path if path.is_absolute() else root / path
