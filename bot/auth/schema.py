"""Tables owned by bot/auth (users, sessions, login_failures, audit_log) in the gateway's SQLite file.

Why raw DDL instead of sqlite-utils `create`: the constraints (NOCASE unique usernames, role CHECK,
cascade on sessions) are the security-relevant part and read best as SQL.
Why one connection per request: SQLite connections are cheap, and a fresh one per request keeps the
auth code independent of whichever thread the log store's connections live on. Connections are
opened as the log store opens its own (`bot.db.connect`).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from bot.db import connect
from bot.settings import REPO_ROOT, Settings

__all__ = ["REPO_ROOT", "as_connection", "default_db_path", "ensure_auth_schema", "open_db"]

AUTH_DDL = """
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('reviewer', 'admin')),
  display_name TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_login_at TEXT
);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions(expires_at);
CREATE TABLE IF NOT EXISTS login_failures (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  ip TEXT NOT NULL,
  ts TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures(username, ip, ts);
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY,
  ts TEXT NOT NULL,
  user_id INTEGER,
  username TEXT,
  action TEXT NOT NULL,
  target_type TEXT,
  target_id TEXT,
  detail TEXT,
  ip TEXT
);
CREATE INDEX IF NOT EXISTS audit_log_ts ON audit_log(ts);
CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log(target_type, target_id);
"""

_ready: set[str] = set()
_ready_lock = threading.Lock()


def default_db_path() -> Path:
    """The gateway's DB from the environment (TALENTBOT_DB, else <TALENTBOT_VAR_DIR>/talentbot.db), for
    code that runs without the gateway's app (the accounts CLI)."""
    return Settings.from_env().db_path


def ensure_auth_schema(conn: sqlite3.Connection) -> None:
    """Create the auth tables if missing (idempotent; executescript commits)."""
    conn.executescript(AUTH_DDL)


def open_db(path: Path | str) -> sqlite3.Connection:
    """Connect and make sure the auth tables exist (the DDL runs once per file per process)."""
    conn = connect(path)
    key = str(Path(path).resolve())
    if key not in _ready:
        with _ready_lock:
            if key not in _ready:
                ensure_auth_schema(conn)
                _ready.add(key)
    return conn


def as_connection(db: object) -> tuple[sqlite3.Connection, bool]:
    """Accept a path, a sqlite3 connection or a sqlite_utils Database; return (conn, caller_must_close).

    For a caller's connection we open our own on the same file: our code relies on `sqlite3.Row` and
    autocommit, and must not change the caller's connection settings.
    """
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
