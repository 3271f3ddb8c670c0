"""Everything the gateway holds about one sender: look it up, export it, delete it (#14 item 6, PIPL).

Why by sender id, on every channel: the id is what the review pages show (a web widget's random id,
a WeChat user's pseudonymised openid), and it is also Rasa's conversation id, which is not per
channel — so "one person" is every row with that sender, whatever the channel.

What belongs to a sender: their messages and the bot's replies to them (`messages`), their
conversations, the triage rows and staff notes on those conversations, annotations made from their
messages, and Rasa's tracker events for the same id when the tracker store is the SQLite file in
var/ (bot/retention.py `tracker_db`). Staff accounts and the audit log are not the sender's data; the
audit log keeps the record that an export or a deletion happened (PIPL asks us to be able to show it),
with counts, never the content.

Both acts are for admins only and are audited by the caller's route (bot/admin/router.py) in the
same transaction as the delete, so a deletion without its audit row cannot happen.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bot.auth import audit
from bot.db import utc_now, write_tx
from bot.retention import open_tracker

audit.ACTION_LABELS.setdefault("sender_export", "导出某用户的全部数据")
audit.ACTION_LABELS.setdefault("sender_delete", "删除某用户的全部数据")

MAX_SENDER_CHARS = 200


@dataclass(frozen=True)
class SenderSummary:
    """What is held about a sender (counts only), shown before an export or delete."""

    sender: str
    conversations: int
    messages: int
    annotations: int
    notes: int
    tracker_events: int
    channels: tuple[str, ...]
    first_at: str | None
    last_at: str | None

    @property
    def empty(self) -> bool:
        return not (self.conversations or self.messages or self.tracker_events)


@dataclass(frozen=True)
class DeleteResult:
    messages: int = 0
    conversations: int = 0
    annotations: int = 0
    triage: int = 0
    notes: int = 0
    tracker_events: int = 0


def _conversation_ids(conn: sqlite3.Connection, sender: str) -> list[str]:
    rows = conn.execute(
        "SELECT id FROM conversations WHERE sender=? UNION SELECT conversation_id FROM messages WHERE sender=?",
        (sender, sender),
    ).fetchall()
    return [r[0] for r in rows]


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


def _tracker_count(tracker: Path | None, sender: str) -> int:
    if tracker is None:
        return 0
    conn = open_tracker(tracker)
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name='events'").fetchone() is None:
            return 0
        return int(conn.execute("SELECT COUNT(*) FROM events WHERE sender_id=?", (sender,)).fetchone()[0])
    finally:
        conn.close()


def summary(conn: sqlite3.Connection, sender: str, tracker: Path | None = None) -> SenderSummary:
    ids = _conversation_ids(conn, sender)
    row = conn.execute(
        "SELECT COUNT(*) AS n, MIN(ts) AS first_at, MAX(ts) AS last_at FROM messages WHERE sender=?",
        (sender,),
    ).fetchone()
    channels = tuple(
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT channel FROM messages WHERE sender=? ORDER BY channel", (sender,)
        )
    )
    annotations = notes = 0
    if ids:
        annotations = conn.execute(
            f"SELECT COUNT(*) FROM annotations WHERE conversation_id IN ({_in(ids)})", ids
        ).fetchone()[0]
        notes = conn.execute(
            f"SELECT COUNT(*) FROM triage_notes WHERE conversation_id IN ({_in(ids)})", ids
        ).fetchone()[0]
    return SenderSummary(
        sender,
        len(ids),
        int(row["n"]),
        int(annotations),
        int(notes),
        _tracker_count(tracker, sender),
        channels,
        row["first_at"],
        row["last_at"],
    )


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql, params).fetchall()]


def _decoded(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    for key in keys:
        if isinstance(row.get(key), str):
            with contextlib.suppress(ValueError):  # a value that is not JSON is exported as stored
                row[key] = json.loads(row[key])
    return row


def export(conn: sqlite3.Connection, sender: str, tracker: Path | None = None) -> dict[str, Any]:
    """Everything held about `sender`, as one JSON-ready document (conversations with their messages)."""
    ids = _conversation_ids(conn, sender)
    conversations = []
    for conversation_id in ids:
        conv = conn.execute("SELECT * FROM conversations WHERE id=?", (conversation_id,)).fetchone()
        item: dict[str, Any] = dict(conv) if conv else {"id": conversation_id}
        item["messages"] = [
            _decoded(m, "entities", "citations", "buttons")
            for m in _rows(
                conn, "SELECT * FROM messages WHERE conversation_id=? ORDER BY id", [conversation_id]
            )
        ]
        triage = conn.execute("SELECT * FROM triage WHERE conversation_id=?", (conversation_id,)).fetchone()
        item["triage"] = _decoded(dict(triage), "tags") if triage else None
        item["notes"] = _rows(
            conn, "SELECT * FROM triage_notes WHERE conversation_id=? ORDER BY id", [conversation_id]
        )
        conversations.append(item)
    annotations = (
        [
            _decoded(a, "entities")
            for a in _rows(
                conn, f"SELECT * FROM annotations WHERE conversation_id IN ({_in(ids)}) ORDER BY id", ids
            )
        ]
        if ids
        else []
    )
    events: list[dict[str, Any]] = []
    if tracker is not None and _tracker_count(tracker, sender):
        tconn = open_tracker(tracker)
        try:
            events = [
                _decoded(e, "data")
                for e in _rows(
                    tconn,
                    "SELECT type_name, timestamp, intent_name, action_name, data FROM events "
                    "WHERE sender_id=? ORDER BY id",
                    [sender],
                )
            ]
        finally:
            tconn.close()
    return {
        "sender": sender,
        "exported_at": utc_now(),
        "conversations": conversations,
        "annotations": annotations,
        "rasa_tracker_events": events,
    }


def delete(
    conn: sqlite3.Connection,
    sender: str,
    *,
    tracker: Path | None = None,
    actor: dict[str, Any],
) -> DeleteResult:
    """Delete everything held about `sender` and write the audit row in the same transaction.

    `actor`: {"id", "username", "ip"} of the admin. Rasa's tracker events are deleted after the
    gateway's rows commit (another file, another transaction); the audit row names their count as
    planned, and a failure there raises so the admin sees it and can repeat the deletion."""
    tracker_events = _tracker_count(tracker, sender)
    with write_tx(conn):
        ids = _conversation_ids(conn, sender)
        marks = _in(ids)
        scope = f"sender=? OR conversation_id IN ({marks})"
        # The sender's own rows, plus every row of their conversations (the bot's replies to them).
        messages = conn.execute(f"DELETE FROM messages WHERE {scope}", [sender, *ids]).rowcount
        annotations = triage = notes = conversations = 0
        if ids:
            annotations = conn.execute(
                f"DELETE FROM annotations WHERE conversation_id IN ({marks})", ids
            ).rowcount
            triage = conn.execute(f"DELETE FROM triage WHERE conversation_id IN ({marks})", ids).rowcount
            notes = conn.execute(f"DELETE FROM triage_notes WHERE conversation_id IN ({marks})", ids).rowcount
            conversations = conn.execute(f"DELETE FROM conversations WHERE id IN ({marks})", ids).rowcount
        result = DeleteResult(messages, conversations, annotations, triage, notes, tracker_events)
        audit.record(
            conn,
            "sender_delete",
            user_id=actor.get("id"),
            username=actor.get("username"),
            target_type="sender",
            target_id=sender,
            detail={k: v for k, v in asdict(result).items() if v},
            ip=actor.get("ip"),
        )
    if tracker is not None and tracker_events:
        tconn = open_tracker(tracker)
        try:
            with write_tx(tconn):
                tconn.execute("DELETE FROM events WHERE sender_id=?", (sender,))
        finally:
            tconn.close()
    return result
