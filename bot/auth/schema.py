"""Opening the gateway's SQLite file for bot/auth (users, sessions, login_failures, audit_log).

The tables themselves are defined in the schema migrations (`bot/migrations/versions.py`, as raw SQL:
the constraints — NOCASE unique usernames, role CHECK, cascade on sessions — are the security-relevant
part), so the whole file has one recorded schema version; `open_db` brings a file up to it.

Why one connection per request: SQLite connections are cheap, and a fresh one per request keeps the
auth code independent of whichever thread the log store's connections live on. Connections are
opened as the log store opens its own (`bot.db.connect`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import cast

from bot.db import connect, dialect_of
from bot.migrations import ensure_current
from bot.settings import REPO_ROOT, Settings

__all__ = ["REPO_ROOT", "as_connection", "default_db_path", "ensure_auth_schema", "open_db"]


def default_db_path() -> Path | str:
    """The gateway's store from the environment (DATABASE_URL / DB_*, else TALENTBOT_DB, else
    <TALENTBOT_VAR_DIR>/talentbot.db), for code that runs without the gateway's app (the accounts CLI)."""
    return Settings.from_env().store


def ensure_auth_schema(conn: sqlite3.Connection) -> None:
    """Bring the file to the current schema version (the auth tables are part of version 1)."""
    ensure_current(conn)


def open_db(path: Path | str) -> sqlite3.Connection:
    """Connect and make sure the schema is current. Checked on every open, not cached per process:
    the check is one read of `schema_version`, and a file restored from a backup or replaced under a
    running process is then still upgraded before use."""
    conn = connect(path)
    try:
        ensure_auth_schema(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def as_connection(db: object) -> tuple[sqlite3.Connection, bool]:
    """Accept a path, a sqlite3 connection or a sqlite_utils Database; return (conn, caller_must_close).

    For a caller's connection we open our own on the same file: our code relies on `sqlite3.Row` and
    autocommit, and must not change the caller's connection settings.
    """
    if dialect_of(db) == "postgresql":  # a bot.pg connection: already set up as the store needs it
        return cast(sqlite3.Connection, db), False
    inner = getattr(db, "conn", None)  # sqlite_utils.Database wraps a connection
    conn = inner if isinstance(inner, sqlite3.Connection) else db
    if isinstance(conn, sqlite3.Connection):
        main = [row[2] for row in conn.execute("PRAGMA database_list").fetchall() if row[1] == "main"]
        if not main or not main[0]:
            raise ValueError("an in-memory database cannot hold staff accounts")
        return open_db(main[0]), True
    if isinstance(db, str | Path):
        return open_db(db), True
    raise TypeError(f"expected a path or an SQLite connection, got {type(db).__name__}")
