"""Conversation log: every inbound and outbound message of every channel (TEAM_NOTES schema), in a
SQLite file or, for several gateway hosts, PostgreSQL (`bot.db.connect`; the same SQL on both).

Why it is built this way:
- WAL + busy_timeout + one connection per thread + `BEGIN IMMEDIATE` for every write: the gateway
  writes from a thread pool while the review pages read; an IMMEDIATE transaction takes the write lock
  up front, so concurrent writers queue on busy_timeout instead of failing on a lock upgrade.
- `dedup_key UNIQUE`: a retried request (WeChat resends a MsgId, the widget resends after a network
  error) is logged exactly once; callers get the existing row back.
- Text and entity values are masked here, not by callers, so no channel can forget to.
- Conversation aggregates (n_messages, handoff, min_confidence …) are recomputed from the messages on
  every write, so they can never drift from the rows the review pages show.
- `messages_fts` uses FTS5's trigram tokenizer: Chinese has no spaces, so unicode61 would index whole
  sentences as single tokens; trigram gives substring search for queries of three or more characters.
- On PostgreSQL every call borrows a pooled connection (bot/pg.py) instead of keeping one per thread:
  the thread pool is 40 threads per gateway, PostgreSQL's default limit 100 connections. The write
  lock is then an advisory lock, so the dedup read-then-insert holds across gateways as well.
- The tables are created by the schema migrations (`bot.migrations`, versions.py), not here: the
  file has one recorded schema version shared with the staff and review tables.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot.db import StoreTarget, connect, is_postgres, utc_now, write_tx
from bot.masking import mask_pii
from bot.migrations import ensure_current

CHANNELS = ("web", "wechat", "api")
FEEDBACK_VALUES = ("up", "down")


def _json(value: Any) -> str | None:
    return json.dumps(value, ensure_ascii=False) if value else None


def _loads(value: str | None) -> Any:
    return json.loads(value) if value else None


def _masked_entities(entities: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Keep what reviewers need from Rasa entities (name, value, role, group), values masked."""
    kept = []
    for ent in entities or []:
        if not isinstance(ent, dict) or "entity" not in ent:
            continue
        value = ent.get("value")
        item = {"entity": ent["entity"], "value": mask_pii(value) if isinstance(value, str) else value}
        item.update({k: ent[k] for k in ("role", "group") if ent.get(k)})
        kept.append(item)
    return kept


@dataclass(frozen=True)
class LoggedMessage:
    """Where a message landed: its row id, its conversation, and whether this call created it."""

    id: int
    conversation_id: str
    created: bool


class LogStore:
    """Thread-safe access to the conversation log (a SQLite file, or a postgresql:// URL)."""

    def __init__(self, path: StoreTarget, idle_minutes: int = 60, busy_timeout_ms: int = 10_000) -> None:
        self.pooled = is_postgres(path)
        # `path`: the store's target as given to `bot.db.connect` (a Path, or the PostgreSQL URL)
        self.path: StoreTarget = path if self.pooled else Path(path)
        self.target = self.path
        self.idle = timedelta(minutes=idle_minutes)
        self.busy_timeout_ms = busy_timeout_ms
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._create_schema()

    # ---- connections -------------------------------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
        """This thread's SQLite connection (SQLite only; PostgreSQL borrows per call: `_use`)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.target, busy_timeout_ms=self.busy_timeout_ms)
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def _use(self) -> Iterator[sqlite3.Connection]:
        """A connection for one call: the thread's own (SQLite) or one from the pool (PostgreSQL)."""
        if not self.pooled:
            yield self._conn()
            return
        conn = connect(self.target)
        try:
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """An IMMEDIATE transaction: take the write lock first, commit or roll back as one."""
        with self._use() as used, write_tx(used) as conn:
            yield conn

    def close(self) -> None:
        """Close every thread's connection (called on app shutdown)."""
        with self._all_lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    def _create_schema(self) -> None:
        """Bring the store to the current schema version (creates it on a fresh install)."""
        with self._use() as conn:
            ensure_current(conn)

    # ---- writes ------------------------------------------------------------------------------
    def log_inbound(
        self,
        channel: str,
        sender: str,
        text: str,
        dedup_key: str,
        *,
        handoff: bool = False,
        ts: str | None = None,
    ) -> LoggedMessage:
        """Log what a user said (before the bot is asked, so nothing is lost if the bot fails)."""
        ts = ts or utc_now()
        with self._write() as conn:
            existing = self._by_dedup(conn, dedup_key)
            if existing:
                return existing
            conversation_id = self._conversation_for(conn, channel, sender, ts)
            row = {
                "conversation_id": conversation_id,
                "channel": channel,
                "sender": sender,
                "direction": "in",
                "ts": ts,
                "text": mask_pii(text) or "",
                "handoff": int(handoff),
                "fallback": 0,
                "dedup_key": dedup_key,
            }
            message_id = self._insert(conn, row)
            self._refresh(conn, conversation_id)
        return LoggedMessage(message_id, conversation_id, True)

    def log_outbound(
        self,
        conversation_id: str,
        channel: str,
        sender: str,
        reply: dict[str, Any],
        dedup_key: str,
        *,
        latency_ms: float | None = None,
        action: str | None = None,
        handoff: bool = False,
        fallback: bool = False,
    ) -> LoggedMessage:
        """Log one bot reply {"text","buttons"?,"citations"?} of a turn."""
        with self._write() as conn:
            existing = self._by_dedup(conn, dedup_key)
            if existing:
                return existing
            row = {
                "conversation_id": conversation_id,
                "channel": channel,
                "sender": sender,
                "direction": "out",
                "ts": utc_now(),
                "text": mask_pii(reply.get("text")) or "",
                "action": action,
                "latency_ms": latency_ms,
                "citations": _json(reply.get("citations")),
                "buttons": _json(reply.get("buttons")),
                "handoff": int(handoff),
                "fallback": int(fallback),
                "dedup_key": dedup_key,
            }
            message_id = self._insert(conn, row)
            self._refresh(conn, conversation_id)
        return LoggedMessage(message_id, conversation_id, True)

    def annotate_inbound(
        self,
        message_id: int,
        *,
        intent: str | None,
        confidence: float | None,
        entities: list[dict[str, Any]] | None,
        fallback: bool = False,
    ) -> None:
        """Add what Rasa understood (intent, confidence, entities) to a user message; None keeps a field."""
        with self._write() as conn:
            conn.execute(
                "UPDATE messages SET intent=COALESCE(?, intent), confidence=COALESCE(?, confidence), "
                "entities=COALESCE(?, entities), fallback=MAX(fallback, ?) "
                "WHERE id=? AND direction='in'",
                (intent, confidence, _json(_masked_entities(entities)), int(fallback), message_id),
            )
            self._refresh_for_message(conn, message_id)

    def annotate_outbound(self, message_id: int, *, action: str | None, handoff: bool = False) -> None:
        """Record which action produced a bot reply and whether it handed over to a human."""
        with self._write() as conn:
            conn.execute(
                "UPDATE messages SET action=COALESCE(?, action), handoff=MAX(handoff, ?) "
                "WHERE id=? AND direction='out'",
                (action, int(handoff), message_id),
            )
            self._refresh_for_message(conn, message_id)

    def set_feedback(self, message_id: int, value: str, sender: str | None = None) -> bool:
        """Thumbs up/down on a bot reply; False when there is no such reply (or it is someone else's)."""
        if value not in FEEDBACK_VALUES:
            raise ValueError(f"feedback must be one of {FEEDBACK_VALUES}")
        with self._write() as conn:
            row = conn.execute(
                "SELECT sender FROM messages WHERE id=? AND direction='out'", (message_id,)
            ).fetchone()
            if row is None or (sender is not None and row["sender"] != sender):
                return False
            conn.execute("UPDATE messages SET feedback=? WHERE id=?", (value, message_id))
            self._refresh_for_message(conn, message_id)
        return True

    # ---- reads -------------------------------------------------------------------------------
    def history(self, channel: str, sender: str, limit: int = 100) -> list[dict[str, Any]]:
        """The sender's latest messages on a channel, oldest first (what the widget redraws)."""
        with self._use() as conn:
            rows = conn.execute(
                "SELECT id, direction, ts, text, buttons, citations, feedback FROM messages "
                "WHERE channel=? AND sender=? ORDER BY id DESC LIMIT ?",
                (channel, sender, limit),
            ).fetchall()
        return [
            {
                "id": r["id"],
                "direction": r["direction"],
                "ts": r["ts"],
                "text": r["text"],
                "buttons": _loads(r["buttons"]),
                "citations": _loads(r["citations"]),
                "feedback": r["feedback"],
            }
            for r in reversed(rows)
        ]

    def offered_payloads(self, channel: str, sender: str) -> set[str]:
        """Button payloads of the bot's latest turn: the only payloads a pressed button may send."""
        with self._use() as conn:
            last_in = conn.execute(
                "SELECT MAX(id) FROM messages WHERE channel=? AND sender=? AND direction='in'",
                (channel, sender),
            ).fetchone()[0]
            rows = conn.execute(
                "SELECT buttons FROM messages WHERE channel=? AND sender=? AND direction='out' AND id>? "
                "AND buttons IS NOT NULL",
                (channel, sender, last_in or 0),
            ).fetchall()
        return {
            str(b.get("payload"))
            for r in rows
            for b in (_loads(r["buttons"]) or [])
            if isinstance(b, dict) and b.get("payload")
        }

    def replies_for(self, inbound_dedup_key: str) -> list[dict[str, Any]]:
        """Stored replies of an already answered inbound message (for retried requests)."""
        with self._use() as conn:
            rows = conn.execute(
                "SELECT id, text, buttons, citations FROM messages WHERE dedup_key LIKE ? ESCAPE '\\' "
                "AND direction='out' ORDER BY id",
                (_like_prefix(inbound_dedup_key + "#out"),),
            ).fetchall()
        return [
            {
                "message_id": r["id"],
                "text": r["text"],
                "buttons": _loads(r["buttons"]),
                "citations": _loads(r["citations"]),
            }
            for r in rows
        ]

    def message(self, message_id: int) -> dict[str, Any] | None:
        with self._use() as conn:
            row = conn.execute("SELECT * FROM messages WHERE id=?", (message_id,)).fetchone()
        return dict(row) if row else None

    def conversation(self, conversation_id: str) -> dict[str, Any] | None:
        with self._use() as conn:
            row = conn.execute("SELECT * FROM conversations WHERE id=?", (conversation_id,)).fetchone()
        return dict(row) if row else None

    # ---- helpers -----------------------------------------------------------------------------
    @staticmethod
    def _by_dedup(conn: sqlite3.Connection, dedup_key: str) -> LoggedMessage | None:
        row = conn.execute(
            "SELECT id, conversation_id FROM messages WHERE dedup_key=?", (dedup_key,)
        ).fetchone()
        return LoggedMessage(row["id"], row["conversation_id"], False) if row else None

    @staticmethod
    def _insert(conn: sqlite3.Connection, row: dict[str, Any]) -> int:
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cur = conn.execute(f"INSERT INTO messages ({cols}) VALUES ({marks})", tuple(row.values()))
        return int(cur.lastrowid or 0)

    def _conversation_for(self, conn: sqlite3.Connection, channel: str, sender: str, ts: str) -> str:
        """The sender's open conversation, or a new one after `idle` of silence."""
        row = conn.execute(
            "SELECT id, last_at FROM conversations WHERE channel=? AND sender=? ORDER BY last_at DESC LIMIT 1",
            (channel, sender),
        ).fetchone()
        now = datetime.fromisoformat(ts)
        if row and now - datetime.fromisoformat(row["last_at"]) <= self.idle:
            return str(row["id"])
        conversation_id = f"{channel}:{sender}:{now.strftime('%Y%m%dT%H%M%S%f')}"
        conn.execute(
            "INSERT OR IGNORE INTO conversations (id, channel, sender, started_at, last_at, n_messages, "
            "handoff, fallback_count, negative_feedback) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0)",
            (conversation_id, channel, sender, ts, ts),
        )
        return conversation_id

    def _refresh_for_message(self, conn: sqlite3.Connection, message_id: int) -> None:
        row = conn.execute("SELECT conversation_id FROM messages WHERE id=?", (message_id,)).fetchone()
        if row:
            self._refresh(conn, row["conversation_id"])

    @staticmethod
    def _refresh(conn: sqlite3.Connection, conversation_id: str) -> None:
        """Recompute a conversation's aggregates from its messages (fallbacks count user turns)."""
        conn.execute(
            """
            UPDATE conversations SET
              last_at = COALESCE((SELECT MAX(ts) FROM messages WHERE conversation_id=:c), last_at),
              n_messages = (SELECT COUNT(*) FROM messages WHERE conversation_id=:c),
              handoff = (SELECT COALESCE(MAX(handoff), 0) FROM messages WHERE conversation_id=:c),
              min_confidence = (SELECT MIN(confidence) FROM messages
                                WHERE conversation_id=:c AND direction='in'),
              fallback_count = (SELECT COALESCE(SUM(fallback), 0) FROM messages
                                WHERE conversation_id=:c AND direction='in'),
              negative_feedback = (SELECT COUNT(*) FROM messages
                                   WHERE conversation_id=:c AND feedback='down')
            WHERE id=:c
            """,
            {"c": conversation_id},
        )


def _like_prefix(prefix: str) -> str:
    """A LIKE pattern matching `prefix` literally followed by anything."""
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
