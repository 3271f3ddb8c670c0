"""Tables owned by the review feature, and the DB dependency its routes use.

Why the dependency also makes sure `messages`/`conversations` exist: the review pages must open on a
fresh install before the first chat has been logged; the log store (their owner) creates them.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request

from bot.auth.deps import db_path, get_db

REVIEW_DDL = """
CREATE TABLE IF NOT EXISTS triage (
  conversation_id TEXT PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'resolved', 'wont_fix')),
  tags TEXT NOT NULL DEFAULT '[]',
  assignee TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT
);
CREATE INDEX IF NOT EXISTS triage_status ON triage(status);
CREATE TABLE IF NOT EXISTS triage_notes (
  id INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  author TEXT NOT NULL,
  ts TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS triage_notes_conversation ON triage_notes(conversation_id, id);
CREATE TABLE IF NOT EXISTS annotations (
  id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL UNIQUE,
  conversation_id TEXT NOT NULL,
  text TEXT NOT NULL,
  intent TEXT NOT NULL,
  entities TEXT NOT NULL DEFAULT '[]',
  original_intent TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS review_config (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
"""

_ready: set[str] = set()
_lock = threading.Lock()


def ensure_log_tables(path: Path) -> None:
    """Let the log store create messages/conversations/messages_fts when they are missing."""
    from bot.logstore import LogStore

    store = LogStore(path)
    store.close()


def ensure_review_schema(conn: sqlite3.Connection, path: Path) -> None:
    key = str(path.resolve())
    if key in _ready:
        return
    with _lock:
        if key in _ready:
            return
        has_log = conn.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name IN ('messages', 'conversations')"
        ).fetchone()[0]
        if has_log < 2:
            ensure_log_tables(path)
        conn.executescript(REVIEW_DDL)
        _ready.add(key)


def review_db(request: Request, conn: Annotated[sqlite3.Connection, Depends(get_db)]) -> sqlite3.Connection:
    """The request's connection (shared with the auth dependencies) with the review tables in place."""
    ensure_review_schema(conn, db_path(request))
    return conn


def has_fts(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name='messages_fts'").fetchone() is not None
