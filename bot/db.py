"""SQLite habits shared by the conversation log and the staff tables (one file, two owners).

Why one place: both sort rows by timestamp strings and both must take the write lock before reading
what they are about to change; a second copy of either would drift.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone


def utc_now() -> str:
    """ISO-8601 UTC with milliseconds; fixed width, so string order is time order."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@contextmanager
def write_tx(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT: take the write lock first; a change and its audit row land together."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
