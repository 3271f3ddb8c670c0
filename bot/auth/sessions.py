"""Server-side sessions: the cookie holds an opaque random token; the DB holds only its SHA-256.

Why hashed: a leaked copy of the database (backups, exports) must not let anyone log in as staff.
Why a per-session CSRF token stored beside it: forms and fetch calls echo it back, and it dies with
the session (logout, password reset, expiry).
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from bot.db import utc_now

SESSION_COOKIE = "talentbot_session"
# Touch last_seen_at at most this often, so page views don't each cost a write.
_TOUCH_EVERY = timedelta(minutes=5)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StaffUser:
    """The logged-in staff member of a request, with the session's CSRF token."""

    id: int
    username: str
    role: str
    display_name: str
    csrf_token: str
    session_hash: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def label(self) -> str:
        return self.display_name or self.username


def create_session(
    conn: sqlite3.Connection, user_id: int, *, hours: float, ip: str | None, user_agent: str | None
) -> str:
    """Store a new session for `user_id` and return the raw token (only the cookie ever holds it)."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(timezone.utc)
    conn.execute(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, ip, "
        "user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            token_hash(token),
            user_id,
            secrets.token_urlsafe(32),
            utc_now(),
            (now + timedelta(hours=hours)).isoformat(timespec="milliseconds"),
            utc_now(),
            ip,
            (user_agent or "")[:300],
        ),
    )
    # Opportunistic clean-up keeps the table small without a scheduler.
    conn.execute("DELETE FROM sessions WHERE expires_at < ?", (utc_now(),))
    return token


def load_session(conn: sqlite3.Connection, token: str | None) -> StaffUser | None:
    """The active user behind a session token, or None (unknown, expired, or account disabled)."""
    if not token or len(token) > 200:
        return None
    row = conn.execute(
        "SELECT s.token_hash, s.csrf_token, s.expires_at, s.last_seen_at, u.id, u.username, u.role, "
        "u.display_name FROM sessions s JOIN users u ON u.id = s.user_id "
        "WHERE s.token_hash = ? AND u.active = 1",
        (token_hash(token),),
    ).fetchone()
    if row is None or row["expires_at"] <= utc_now():
        return None
    last_seen = datetime.fromisoformat(row["last_seen_at"])
    if datetime.now(timezone.utc) - last_seen > _TOUCH_EVERY:
        conn.execute("UPDATE sessions SET last_seen_at=? WHERE token_hash=?", (utc_now(), row["token_hash"]))
    return StaffUser(
        id=row["id"],
        username=row["username"],
        role=row["role"],
        display_name=row["display_name"],
        csrf_token=row["csrf_token"],
        session_hash=row["token_hash"],
    )


def revoke_session(conn: sqlite3.Connection, session_hash: str) -> None:
    conn.execute("DELETE FROM sessions WHERE token_hash=?", (session_hash,))


def revoke_user_sessions(conn: sqlite3.Connection, user_id: int) -> None:
    """End every session of a user (password reset, role change, account disabled)."""
    conn.execute("DELETE FROM sessions WHERE user_id=?", (user_id,))
