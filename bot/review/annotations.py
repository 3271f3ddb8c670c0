"""The annotation queue: a reviewer's corrected intent and entity spans for a misunderstood user message.

Why the text is copied into the annotation: the queue must export the exact text the spans refer to,
even if the log is later pruned. The copy keeps the log's masking; control characters and line breaks
become spaces one for one, so span offsets stay valid and an example stays on one YAML line.
Offsets are in Unicode code points (Python string indices); the page's script converts from the
browser's UTF-16 selection offsets.
"""

from __future__ import annotations

import json
import sqlite3
from itertools import pairwise
from typing import Any

from bot.auth import audit
from bot.auth.sessions import StaffUser
from bot.db import utc_now, write_tx
from bot.review.vocab import Vocabulary

MAX_ENTITIES = 12
# These would be read as Rasa entity markup inside a training example.
MARKUP_CHARS = set("[](){}")


class AnnotationError(ValueError):
    """A rejected annotation; the message is Chinese and shown to staff."""


def one_line(text: str) -> str:
    """Replace line breaks, tabs and other control characters by spaces, keeping every offset."""
    return "".join(" " if (ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F) else ch for ch in text)


def parse_entities(
    text: str,
    spans_json: str,
    *,
    value: str = "",
    entity: str = "",
    allowed: tuple[str, ...],
) -> list[dict[str, Any]]:
    """Entities from the page's JSON spans, or from one typed value (its first occurrence) without JS."""
    try:
        raw = json.loads(spans_json) if spans_json.strip() else []
    except ValueError as err:
        raise AnnotationError("实体数据格式不正确。") from err
    if not isinstance(raw, list):
        raise AnnotationError("实体数据格式不正确。")
    value = value.strip()
    if value and entity:
        start = text.find(value)
        if start < 0:
            raise AnnotationError(f"原文中找不到「{value}」。")
        raw.append({"start": start, "end": start + len(value), "entity": entity})
    if len(raw) > MAX_ENTITIES:
        raise AnnotationError(f"每句最多标注 {MAX_ENTITIES} 个实体。")
    entities: list[dict[str, Any]] = []
    for item in raw:
        if not isinstance(item, dict):
            raise AnnotationError("实体数据格式不正确。")
        try:
            start, end = int(item["start"]), int(item["end"])
            kind = str(item["entity"])
        except (KeyError, TypeError, ValueError) as err:
            raise AnnotationError("实体数据格式不正确。") from err
        if not 0 <= start < end <= len(text):
            raise AnnotationError("实体位置超出原文范围。")
        span = text[start:end]
        if "value" in item and item["value"] != span:
            # The page sends what the reviewer saw selected; a mismatch means the offsets drifted.
            raise AnnotationError("实体位置与原文不符，请重新选择。")
        if kind not in allowed:
            raise AnnotationError(f"未知的实体类型：{kind}")
        if span != span.strip() or not span.strip():
            raise AnnotationError("实体不能以空格开头或结尾。")
        if MARKUP_CHARS & set(span):
            raise AnnotationError("实体中不能包含括号 [ ] ( ) { }。")
        entities.append({"start": start, "end": end, "value": span, "entity": kind})
    entities.sort(key=lambda e: e["start"])
    for left, right in pairwise(entities):
        if right["start"] < left["end"]:
            raise AnnotationError("实体位置不能重叠。")
    return entities


def user_message(conn: sqlite3.Connection, conversation_id: str, message_id: int) -> dict[str, Any]:
    row = conn.execute(
        "SELECT id, conversation_id, text, intent FROM messages WHERE id=? AND conversation_id=? "
        "AND direction='in'",
        (message_id, conversation_id),
    ).fetchone()
    if row is None:
        raise AnnotationError("该用户消息不存在。")
    return dict(row)


def save(
    conn: sqlite3.Connection,
    message: dict[str, Any],
    *,
    intent: str,
    entities: list[dict[str, Any]],
    vocab: Vocabulary,
    actor: StaffUser,
    ip: str | None = None,
) -> int:
    """Queue (or replace) the annotation of one user message, audited."""
    if intent not in vocab.intents:
        raise AnnotationError("请选择有效的意图。")
    text = one_line(message["text"] or "")
    if not text.strip():
        raise AnnotationError("空消息无法标注。")
    now = utc_now()
    with write_tx(conn):
        conn.execute(
            "INSERT INTO annotations (message_id, conversation_id, text, intent, entities, original_intent, "
            "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(message_id) DO UPDATE SET intent=excluded.intent, entities=excluded.entities, "
            "created_by=excluded.created_by, updated_at=excluded.updated_at",
            (
                message["id"],
                message["conversation_id"],
                text,
                intent,
                json.dumps(entities, ensure_ascii=False),
                message.get("intent"),
                actor.username,
                now,
                now,
            ),
        )
        row = conn.execute("SELECT id FROM annotations WHERE message_id=?", (message["id"],)).fetchone()
        audit.record(
            conn,
            "annotation_save",
            user_id=actor.id,
            username=actor.username,
            target_type="message",
            target_id=message["id"],
            ip=ip,
            detail={
                "intent": intent,
                "was": message.get("intent"),
                "entities": [f"{e['value']}({e['entity']})" for e in entities],
            },
        )
    return int(row["id"])


def delete(conn: sqlite3.Connection, annotation_id: int, *, actor: StaffUser, ip: str | None = None) -> bool:
    with write_tx(conn):
        row = conn.execute(
            "SELECT message_id, intent FROM annotations WHERE id=?", (annotation_id,)
        ).fetchone()
        if row is None:
            return False
        conn.execute("DELETE FROM annotations WHERE id=?", (annotation_id,))
        audit.record(
            conn,
            "annotation_delete",
            user_id=actor.id,
            username=actor.username,
            target_type="message",
            target_id=row["message_id"],
            ip=ip,
            detail={"intent": row["intent"]},
        )
    return True


def queued(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The whole queue, oldest first (the order the export writes)."""
    rows = conn.execute("SELECT * FROM annotations ORDER BY id").fetchall()
    return [{**dict(r), "entities": json.loads(r["entities"] or "[]")} for r in rows]
