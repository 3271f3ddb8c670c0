"""Triage of a conversation: status (新建 → 处理中 → 已解决 / 不处理), problem tags, assignee, notes.

Every change is written together with its audit row in one transaction, with the before/after values,
so the audit log can always explain the current state.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from bot.auth import audit
from bot.auth.sessions import StaffUser
from bot.db import utc_now, write_tx
from bot.review.vocab import STATUSES, TAGS, TRANSITIONS

MAX_NOTE = 2000
UNCHANGED = object()


class TriageError(ValueError):
    """A rejected triage change; the message is Chinese and shown to staff."""


@dataclass(frozen=True)
class TriageState:
    status: str
    tags: tuple[str, ...]
    assignee: str | None


def state(conn: sqlite3.Connection, conversation_id: str) -> TriageState:
    row = conn.execute(
        "SELECT status, tags, assignee FROM triage WHERE conversation_id=?", (conversation_id,)
    ).fetchone()
    if row is None:
        return TriageState("new", (), None)
    return TriageState(row["status"], tuple(json.loads(row["tags"] or "[]")), row["assignee"])


def _check(
    conn: sqlite3.Connection, before: TriageState, status: Any, tags: Any, assignee: Any
) -> TriageState:
    new_status = before.status if status is UNCHANGED or not status else str(status)
    if new_status not in STATUSES:
        raise TriageError("未知的处理状态。")
    if new_status != before.status and new_status not in TRANSITIONS[before.status]:
        raise TriageError(f"不能从「{STATUSES[before.status]}」改为「{STATUSES[new_status]}」。")
    new_tags = before.tags if tags is UNCHANGED else tuple(t for t in TAGS if t in set(tags))
    if tags is not UNCHANGED and set(tags) - set(TAGS):
        raise TriageError("未知的问题标签。")
    new_assignee = before.assignee if assignee is UNCHANGED else (str(assignee).strip() or None)
    if new_assignee and new_assignee != before.assignee:
        found = conn.execute("SELECT 1 FROM users WHERE username=? AND active=1", (new_assignee,)).fetchone()
        if found is None:
            raise TriageError("指派对象不是启用的账号。")
    return TriageState(new_status, new_tags, new_assignee)


def update(
    conn: sqlite3.Connection,
    conversation_id: str,
    actor: StaffUser,
    *,
    status: Any = UNCHANGED,
    tags: Any = UNCHANGED,
    assignee: Any = UNCHANGED,
    note: str = "",
    ip: str | None = None,
) -> dict[str, Any]:
    """Apply a triage change; returns {"changed": {field: [before, after]}, "note": bool}."""
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise TriageError(f"备注最多 {MAX_NOTE} 字。")
    with write_tx(conn):
        if conn.execute("SELECT 1 FROM conversations WHERE id=?", (conversation_id,)).fetchone() is None:
            raise TriageError("会话不存在。")
        before = state(conn, conversation_id)
        after = _check(conn, before, status, tags, assignee)
        changed = {
            key: [getattr(before, key), getattr(after, key)]
            for key in ("status", "tags", "assignee")
            if getattr(before, key) != getattr(after, key)
        }
        now = utc_now()
        if changed:
            conn.execute(
                "INSERT INTO triage (conversation_id, status, tags, assignee, updated_at, updated_by) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(conversation_id) DO UPDATE SET status=excluded.status, "
                "tags=excluded.tags, assignee=excluded.assignee, updated_at=excluded.updated_at, "
                "updated_by=excluded.updated_by",
                (
                    conversation_id,
                    after.status,
                    json.dumps(list(after.tags), ensure_ascii=False),
                    after.assignee,
                    now,
                    actor.username,
                ),
            )
            audit.record(
                conn,
                "triage_update",
                user_id=actor.id,
                username=actor.username,
                target_type="conversation",
                target_id=conversation_id,
                ip=ip,
                detail={k: {"before": _plain(v[0]), "after": _plain(v[1])} for k, v in changed.items()},
            )
        if note:
            conn.execute(
                "INSERT INTO triage_notes (conversation_id, author, ts, text) VALUES (?, ?, ?, ?)",
                (conversation_id, actor.username, now, note),
            )
            audit.record(
                conn,
                "note_add",
                user_id=actor.id,
                username=actor.username,
                target_type="conversation",
                target_id=conversation_id,
                ip=ip,
                detail={"note": note[:200]},
            )
    return {"changed": changed, "note": bool(note)}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def queue(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every triaged conversation with its notes joined, newest change first (the triage CSV)."""
    rows = conn.execute(
        "SELECT t.*, c.channel, c.started_at, c.min_confidence, c.fallback_count, c.handoff, "
        "c.negative_feedback, (SELECT m.text FROM messages m WHERE m.conversation_id = t.conversation_id "
        "AND m.direction='in' ORDER BY m.id LIMIT 1) AS first_question, "
        "(SELECT group_concat(n.author || '：' || n.text, ' | ') FROM "
        " (SELECT author, text FROM triage_notes WHERE conversation_id = t.conversation_id ORDER BY id) n) "
        "AS notes FROM triage t LEFT JOIN conversations c ON c.id = t.conversation_id "
        "ORDER BY t.updated_at DESC"
    ).fetchall()
    return [{**dict(r), "tags": json.loads(r["tags"] or "[]")} for r in rows]
