"""The review feature's DB dependency, and the check that its tables exist.

The review tables (triage, triage_notes, annotations, review_config) are defined with the rest of the
file in the schema migrations (`bot/migrations/versions.py`), so the review pages open on a fresh
install before the first chat has been logged, and on a var/ from an older release after it has been
upgraded, with one recorded schema version.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request

from bot.auth.deps import db_path, get_db
from bot.db import dialect_of
from bot.migrations import ensure_current


def ensure_log_tables(path: Path | str) -> None:
    """Make sure messages/conversations/messages_fts exist in the file at `path` (current schema)."""
    from bot.auth.schema import open_db

    open_db(path).close()


def ensure_review_schema(conn: sqlite3.Connection, path: Path | str) -> None:
    """Bring the file behind `conn` to the current schema version (`path` kept for callers' sake)."""
    del path  # the connection already names the file
    ensure_current(conn)


def review_db(request: Request, conn: Annotated[sqlite3.Connection, Depends(get_db)]) -> sqlite3.Connection:
    """The request's connection (shared with the auth dependencies; `get_db` made the schema current)."""
    ensure_review_schema(conn, db_path(request))
    return conn


def has_fts(conn: sqlite3.Connection) -> bool:
    """Whether SQLite's FTS5 index exists (PostgreSQL searches through pg_trgm instead: False)."""
    if dialect_of(conn) != "sqlite":
        return False
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name='messages_fts'").fetchone() is not None
