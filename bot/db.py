"""Opening the gateway's store, and the habits every owner of it shares (log, staff, review tables).

Why one place: all owners open the same database and must open it the same way (`connect`), all sort
rows by timestamp strings and all must take the write lock before reading what they are about to
change; a second copy of any of these would drift.

Two backends behind one interface (#14 item 1): a SQLite file (`make run`, the embedded default) or
PostgreSQL when `DATABASE_URL` / the `DB_*` variables name one (several gateway hosts). A store
target is a `Path` (SQLite) or a `postgresql://` URL; `connect` returns a connection with the same
`execute` either way (bot/pg.py adapts PostgreSQL and translates the SQL). The few query fragments
that differ by more than spelling are the `*_sql` functions below, chosen by `dialect_of(conn)`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import cast

BUSY_TIMEOUT_MS = 10_000  # how long a statement waits for another connection's write lock


# A SQLite file, or a PostgreSQL URL (postgresql://user:password@host:port/db).
StoreTarget = Path | str
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(target: object) -> bool:
    """Whether a store target names a PostgreSQL database rather than a SQLite file."""
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


def dialect_of(conn: object) -> str:
    """ "postgresql" for bot/pg.py's connections, "sqlite" otherwise."""
    return str(getattr(conn, "dialect", "sqlite"))


def connect(path: StoreTarget, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A connection to the gateway's store, set up as every owner of it needs it.

    PostgreSQL (`path` a postgresql:// URL): a pooled `bot.pg.PgConnection`, typed as the sqlite3
    connection whose subset it implements, so the store's code keeps one signature for both.

    Autocommit (`isolation_level=None`: writes take `write_tx`'s BEGIN IMMEDIATE), rows as
    `sqlite3.Row`, usable from any thread (the log store keeps one per thread, the staff pages one per
    request), waiting `busy_timeout_ms` for another writer, WAL (readers never block the writer; a
    property of the file, set once), `synchronous=NORMAL` (WAL keeps the file consistent; a power
    cut may lose the last commits) and foreign keys enforced (sessions cascade with their user)."""
    if is_postgres(path):
        from bot.pg import PgConnection

        return cast(sqlite3.Connection, PgConnection(str(path)))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(
        path, isolation_level=None, check_same_thread=False, timeout=busy_timeout_ms / 1000
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    _use_wal(conn, busy_timeout_ms)
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _use_wal(conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    """Switch a new file to WAL. Why the retry: the switch needs the file to itself and SQLite answers
    "database is locked" at once (busy_timeout does not cover it) when another process opens the same new
    file at that moment — several gateways or workers starting together."""
    deadline = time.monotonic() + busy_timeout_ms / 1000
    while str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
        try:
            conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def utc_now() -> str:
    """ISO-8601 UTC with milliseconds; fixed width, so string order is time order."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@contextmanager
def write_tx(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT: take the write lock first; a change and its audit row land together.

    On PostgreSQL the same statement opens a transaction and takes one advisory lock (bot/pg.py)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# ---- the fragments that differ by more than spelling ------------------------------------------------
def beijing_day_sql(conn: object, column: str) -> str:
    """The Beijing calendar day (YYYY-MM-DD) of a UTC ISO timestamp column."""
    if dialect_of(conn) == "postgresql":
        return f"to_char(({column})::timestamptz AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM-DD')"
    return f"date({column}, '+8 hours')"


def json_array_contains_sql(conn: object, array_sql: str, param: str) -> str:
    """A condition: the JSON array (text) `array_sql` has the string bound to `:param` as an element."""
    if dialect_of(conn) == "postgresql":
        return (
            f"EXISTS (SELECT 1 FROM jsonb_array_elements_text(({array_sql})::jsonb) AS e(value) "
            f"WHERE e.value = :{param})"
        )
    return f"EXISTS (SELECT 1 FROM json_each({array_sql}) WHERE json_each.value = :{param})"


def substring_search_sql(conn: object, text_column: str, param: str, term: str) -> tuple[str, str] | None:
    """PostgreSQL's substring search of one term as (condition, bound value); None on SQLite, whose
    FTS5 join (terms of three characters or more) and LIKE fallback the caller writes.

    ILIKE is served by the `pg_trgm` GIN index on messages.text and, like FTS5's trigram tokenizer,
    ignores case; short terms (二字词) work too, by scanning."""
    if dialect_of(conn) == "postgresql":
        return f"{text_column} ILIKE :{param} ESCAPE '\\'", like_contains(term)
    return None


def like_contains(term: str) -> str:
    """A LIKE pattern matching `term` literally anywhere."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
