"""Login throttling: N failed logins per (username, IP) within a window → HTTP 429 until it slides.

Why in SQLite: the limit must survive a restart and hold across worker processes; the failure rows
double as evidence for the audit page. Keyed by username *and* IP so an attacker cannot lock a
colleague out from elsewhere merely by guessing at their name.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from bot.db import utc_now

BLOCKED_MESSAGE = "登录失败次数过多，请 15 分钟后再试。"


def _cutoff(window_minutes: float) -> str:
    moment = datetime.now(timezone.utc) - timedelta(minutes=window_minutes)
    return moment.isoformat(timespec="milliseconds")


def is_blocked(
    conn: sqlite3.Connection, username: str, ip: str, *, limit: int, window_minutes: float
) -> bool:
    """True once `limit` failures for this username+IP fall inside the window."""
    (count,) = conn.execute(
        "SELECT COUNT(*) FROM login_failures WHERE username=? AND ip=? AND ts>=?",
        (username, ip, _cutoff(window_minutes)),
    ).fetchone()
    return int(count) >= limit


def record_failure(conn: sqlite3.Connection, username: str, ip: str) -> None:
    conn.execute("INSERT INTO login_failures (username, ip, ts) VALUES (?, ?, ?)", (username, ip, utc_now()))
    # Rows older than a day are no longer needed for any window we use.
    conn.execute("DELETE FROM login_failures WHERE ts < ?", (_cutoff(24 * 60),))


def clear_failures(conn: sqlite3.Connection, username: str, ip: str) -> None:
    """A successful login wipes the slate for this username+IP."""
    conn.execute("DELETE FROM login_failures WHERE username=? AND ip=?", (username, ip))
