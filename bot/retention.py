"""Retention of the conversation log (#14 item 6, PIPL): messages older than the window are deleted.

Why it is built this way:
- The window is `Settings.retention_days` (TALENTBOT_RETENTION_DAYS, default 180). The gateway purges
  once at start and then every `retention_check_hours`, so a gateway that runs for months and one that
  is restarted daily both keep the window; nothing depends on an outside cron.
- A message goes when its own timestamp is older than the window — not when its conversation is: a
  conversation that went on for a year keeps only its recent part. What hangs off a deleted message or
  conversation goes with it: its search-index row (the FTS5 delete trigger of bot/migrations), the
  annotation made from it, and — once no message is left — the conversation, its triage row and notes.
  Aggregates of a conversation that only lost some messages are recomputed (`LogStore._refresh`).
- Deletes run in batches of `BATCH` messages, one short write transaction each, so chat turns logged
  meanwhile wait milliseconds, not for the whole purge.
- Every purge that deleted something is written to the audit log (action `retention_purge`, counts and
  cutoff, user "system"), so the office can show the window is enforced.
- Rasa keeps its own copy of a conversation (the tracker store). When it is the SQLite file in the
  gateway's var/ (`make run`), trackers whose last event is older than the window are deleted too.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.auth import audit
from bot.background import every
from bot.db import connect, write_tx
from bot.logstore import LogStore
from bot.migrations import ensure_current
from bot.settings import Settings

log = logging.getLogger(__name__)

BATCH = 2000
SYSTEM_ACTOR = "system"
TRACKER_FILE = "rasa_tracker.db"  # endpoints.yml's SQLite tracker store, in var/

# The audit page's labels for this module's and bot/sender_data.py's actions.
audit.ACTION_LABELS.setdefault("retention_purge", "按保留期限清理")


@dataclass(frozen=True)
class PurgeResult:
    """What one purge removed, and the cutoff it used (ISO-8601 UTC; older rows were deleted)."""

    cutoff: str
    messages: int = 0
    conversations: int = 0
    annotations: int = 0
    triage: int = 0
    notes: int = 0
    tracker_senders: int = 0

    @property
    def deleted(self) -> int:
        return self.messages + self.conversations + self.annotations + self.triage + self.notes


def cutoff_for(days: int, now: datetime | None = None) -> datetime:
    return (now or datetime.now(timezone.utc)) - timedelta(days=days)


def _iso(moment: datetime) -> str:
    """The log's timestamp format (bot.db.utc_now): fixed width, so string order is time order."""
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds")


def purge_log(conn: sqlite3.Connection, days: int, *, now: datetime | None = None) -> PurgeResult:
    """Delete the log older than `days` days from the gateway's database behind `conn`."""
    if days < 1:
        raise ValueError("retention must be at least one day")
    ensure_current(conn)
    cutoff = _iso(cutoff_for(days, now))
    messages = annotations = 0
    touched: set[str] = set()
    while True:
        # Read without the lock first: the usual run finds nothing and must not queue behind writers.
        if conn.execute("SELECT 1 FROM messages WHERE ts < ? LIMIT 1", (cutoff,)).fetchone() is None:
            break
        with write_tx(conn):
            rows = conn.execute(
                "SELECT id, conversation_id FROM messages WHERE ts < ? ORDER BY ts LIMIT ?", (cutoff, BATCH)
            ).fetchall()
            ids = [r["id"] for r in rows]
            touched.update(r["conversation_id"] for r in rows)
            marks = ",".join("?" * len(ids))
            annotations += conn.execute(
                f"DELETE FROM annotations WHERE message_id IN ({marks})", ids
            ).rowcount
            messages += conn.execute(f"DELETE FROM messages WHERE id IN ({marks})", ids).rowcount
    with write_tx(conn):
        empty = [
            r["id"]
            for r in conn.execute(
                "SELECT id FROM conversations c WHERE last_at < ? AND NOT EXISTS "
                "(SELECT 1 FROM messages m WHERE m.conversation_id = c.id)",
                (cutoff,),
            )
        ]
        triage = notes = conversations = 0
        for conversation_id in empty:
            triage += conn.execute("DELETE FROM triage WHERE conversation_id=?", (conversation_id,)).rowcount
            notes += conn.execute(
                "DELETE FROM triage_notes WHERE conversation_id=?", (conversation_id,)
            ).rowcount
            conversations += conn.execute("DELETE FROM conversations WHERE id=?", (conversation_id,)).rowcount
        for conversation_id in touched - set(empty):
            LogStore._refresh(conn, conversation_id)
        result = PurgeResult(cutoff, messages, conversations, annotations, triage, notes)
        if result.deleted:
            audit.record(
                conn,
                "retention_purge",
                username=SYSTEM_ACTOR,
                target_type="retention",
                target_id=f"{days}d",
                detail={k: v for k, v in asdict(result).items() if v},
            )
    return result


def tracker_db(settings: Settings) -> Path | None:
    """Rasa's SQLite tracker file when it lives in the gateway's var/ (as `make run` starts Rasa)."""
    path = settings.var_dir / TRACKER_FILE
    return path if path.is_file() else None


def open_tracker(path: Path) -> sqlite3.Connection:
    """A plain connection to Rasa's file: its journal mode and schema are Rasa's, not ours."""
    conn = sqlite3.connect(path, timeout=10.0, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def purge_trackers(path: Path, days: int, *, now: datetime | None = None) -> int:
    """Delete the trackers (all events of a sender) whose last event is older than `days` days.

    Whole trackers only: deleting the old half of a live conversation would leave Rasa a state it
    never was in (a form without its start)."""
    cutoff = cutoff_for(days, now).timestamp()
    conn = open_tracker(path)
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name='events'").fetchone() is None:
            return 0
        senders = [
            r[0]
            for r in conn.execute(
                "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < ?", (cutoff,)
            )
        ]
        for start in range(0, len(senders), 500):
            chunk = senders[start : start + 500]
            with write_tx(conn):
                conn.execute(f"DELETE FROM events WHERE sender_id IN ({','.join('?' * len(chunk))})", chunk)
        return len(senders)
    finally:
        conn.close()


def purge(settings: Settings, *, now: datetime | None = None) -> PurgeResult:
    """One purge of the gateway's log (and Rasa's SQLite trackers in var/) under `settings`."""
    conn = connect(settings.store)
    try:
        result = purge_log(conn, settings.retention_days, now=now)
    finally:
        conn.close()
    trackers = tracker_db(settings)
    if trackers is not None:
        n = purge_trackers(trackers, settings.retention_days, now=now)
        result = PurgeResult(**{**asdict(result), "tracker_senders": n})
    if result.deleted or result.tracker_senders:
        log.info("retention purge (%d days): %s", settings.retention_days, asdict(result))
    return result


class RetentionJob:
    """The gateway's scheduled purge: once at start, then every `retention_check_hours`."""

    def __init__(self, settings: Settings, run: Callable[[], object] | None = None) -> None:
        self.settings = settings
        self._run = run or (lambda: purge(settings))
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        interval = self.settings.retention_check_hours * 3600
        self._task = asyncio.get_running_loop().create_task(every(interval, self._run, "retention purge"))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
