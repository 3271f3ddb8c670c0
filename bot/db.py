"""SQLite habits shared by the conversation log and the staff tables (one file, two owners).

Why one place: both open the same file and must open it the same way (`connect`), both sort rows by
timestamp strings and both must take the write lock before reading what they are about to change; a
second copy of any of these would drift.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

BUSY_TIMEOUT_MS = 10_000  # how long a statement waits for another connection's write lock


def connect(path: Path | str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A connection to the gateway's SQLite file, set up as every owner of the file needs it.

    Autocommit (`isolation_level=None`: writes take `write_tx`'s BEGIN IMMEDIATE), rows as
    `sqlite3.Row`, usable from any thread (the log store keeps one per thread, the staff pages one per
    request), waiting `busy_timeout_ms` for another writer, WAL (readers never block the writer; a
    property of the file, set once), `synchronous=NORMAL` (WAL keeps the file consistent; a power
    cut may lose the last commits) and foreign keys enforced (sessions cascade with their user)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(
        path, isolation_level=None, check_same_thread=False, timeout=busy_timeout_ms / 1000
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


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
