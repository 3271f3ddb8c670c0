"""Exports: conversations and the triage queue as CSV, the annotation queue as Rasa NLU YAML and as
Rasa test stories.

Why masking again: the log store masks text when it writes, but an export leaves the building — so
free-text cells pass through the same masking function once more (defence in depth: rows written
before a masking rule existed, or notes staff typed themselves, are covered too).
Why cells are prefixed with ' when they start with = + - @: spreadsheet apps would run them as
formulas (CSV injection); a chat message is user input.
Why ASCII [ ] in example text become full-width ［ ］: Rasa would read "[x](y)" in plain text as entity
markup; in Chinese text the full-width forms read the same.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from bot.auth.templating import local_time
from bot.review.annotations import one_line
from bot.review.vocab import NAME, STATUSES

try:
    from bot.masking import mask_pii
except ImportError:  # the gateway's masker is the reference; this is the minimal stand-in
    _ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
    _MAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
    _MOBILE = re.compile(r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")

    def mask_pii(text: str | None) -> str | None:
        if not text:
            return text
        return _MOBILE.sub("[手机号]", _MAIL.sub("[邮箱]", _ID.sub("[身份证号]", text)))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DIRECTIONS = {"in": "用户", "out": "机器人"}
FEEDBACK = {"up": "好评", "down": "差评"}


def masked(value: Any) -> str:
    return mask_pii(value if isinstance(value, str) else "" if value is None else str(value)) or ""


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with BOM (Excel then reads Chinese correctly), every cell formula-safe."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


CONVERSATION_HEADER = (
    "会话ID",
    "渠道",
    "会话开始（北京时间）",
    "消息ID",
    "时间（北京时间）",
    "方向",
    "文本",
    "意图",
    "置信度",
    "实体",
    "动作",
    "引用",
    "反馈",
    "转人工",
    "兜底",
    "处理状态",
    "问题标签",
    "处理人",
)


def conversations_csv(conn: Any, conversation_ids: list[str]) -> tuple[bytes, int]:
    """One row per message of the given conversations (in the given order); returns (bytes, n_rows)."""
    rows: list[list[Any]] = []
    for start in range(0, len(conversation_ids), 500):
        chunk = conversation_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        fetched = conn.execute(
            "SELECT m.*, c.started_at, COALESCE(t.status, 'new') AS status, COALESCE(t.tags, '[]') AS tags, "
            f"t.assignee FROM messages m JOIN conversations c ON c.id = m.conversation_id LEFT JOIN triage t "
            f"ON t.conversation_id = m.conversation_id WHERE m.conversation_id IN ({marks})",
            chunk,
        ).fetchall()
        order = {cid: i for i, cid in enumerate(chunk)}
        for m in sorted(fetched, key=lambda r: (order[r["conversation_id"]], r["id"])):
            rows.append(
                [
                    m["conversation_id"],
                    m["channel"],
                    local_time(m["started_at"], "%Y-%m-%d %H:%M:%S"),
                    m["id"],
                    local_time(m["ts"], "%Y-%m-%d %H:%M:%S"),
                    DIRECTIONS.get(m["direction"], m["direction"]),
                    masked(m["text"]),
                    m["intent"] or "",
                    "" if m["confidence"] is None else f"{m['confidence']:.3f}",
                    masked(m["entities"]),
                    m["action"] or "",
                    masked(m["citations"]),
                    FEEDBACK.get(m["feedback"] or "", ""),
                    "是" if m["handoff"] else "",
                    "是" if m["fallback"] else "",
                    STATUSES.get(m["status"], m["status"]),
                    "、".join(json.loads(m["tags"] or "[]")),
                    m["assignee"] or "",
                ]
            )
    return to_csv(CONVERSATION_HEADER, rows), len(rows)


TRIAGE_HEADER = (
    "会话ID",
    "渠道",
    "会话开始（北京时间）",
    "处理状态",
    "问题标签",
    "处理人",
    "首个问题",
    "最低置信度",
    "兜底次数",
    "转人工",
    "差评数",
    "备注",
    "最后修改（北京时间）",
    "修改人",
)


def triage_csv(queue: list[dict[str, Any]]) -> tuple[bytes, int]:
    rows = [
        [
            t["conversation_id"],
            t["channel"] or "",
            local_time(t["started_at"], "%Y-%m-%d %H:%M:%S"),
            STATUSES.get(t["status"], t["status"]),
            "、".join(t["tags"]),
            t["assignee"] or "",
            masked(t["first_question"]),
            "" if t["min_confidence"] is None else f"{t['min_confidence']:.3f}",
            t["fallback_count"] or 0,
            "是" if t["handoff"] else "",
            t["negative_feedback"] or 0,
            masked(t["notes"]),
            local_time(t["updated_at"], "%Y-%m-%d %H:%M:%S"),
            t["updated_by"] or "",
        ]
        for t in queue
    ]
    return to_csv(TRIAGE_HEADER, rows), len(rows)


# ---- Rasa training data -----------------------------------------------------------------------------
def _plain(text: str) -> str:
    return text.replace("[", "［").replace("]", "］")


def marked_up(text: str, entities: list[dict[str, Any]]) -> str:
    """The example in Rasa markup: "我有[国家千人计划](honour)的称号" — one line, trimmed.

    Masking runs per segment so entity offsets stay valid; an entity whose value itself would be
    masked is written as masked plain text instead of as markup.
    """
    text = one_line(text)
    out: list[str] = []
    cursor = 0
    for ent in sorted(entities, key=lambda e: e["start"]):
        out.append(_plain(masked(text[cursor : ent["start"]])))
        value = text[ent["start"] : ent["end"]]
        out.append(f"[{value}]({ent['entity']})" if masked(value) == value else _plain(masked(value)))
        cursor = ent["end"]
    out.append(_plain(masked(text[cursor:])))
    return re.sub(r" {2,}", " ", one_line("".join(out))).strip()


def _latest_per_text(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One annotation per example text (the latest wins): Rasa rejects a text labelled twice."""
    by_text: dict[str, dict[str, Any]] = {}
    for item in sorted(items, key=lambda a: (a["updated_at"], a["id"])):
        by_text[one_line(item["text"]).strip()] = item
    return sorted(by_text.values(), key=lambda a: a["id"])


def _name(value: str) -> str:
    return value if NAME.match(value) else json.dumps(value, ensure_ascii=False)


def nlu_yaml(items: list[dict[str, Any]]) -> str:
    """Rasa 3.x NLU training data, one block per intent, ready for data/nlu/."""
    groups: dict[str, list[str]] = {}
    for item in _latest_per_text(items):
        example = marked_up(item["text"], item["entities"])
        if example and example not in groups.setdefault(item["intent"], []):
            groups[item["intent"]].append(example)
    lines = ["# 由对话复核标注队列导出（talentbot /review/annotations）", 'version: "3.1"']
    if not groups:
        return "\n".join([*lines, "nlu: []", ""])
    lines.append("nlu:")
    for intent in sorted(groups):
        lines += [f"- intent: {_name(intent)}", "  examples: |"]
        lines += [f"    - {example}" for example in groups[intent]]
    return "\n".join([*lines, ""])


def test_stories_yaml(items: list[dict[str, Any]]) -> str:
    """Rasa test stories (one user step each) so `rasa test` checks the corrected understanding."""
    lines = ["# 由对话复核标注队列导出：每条标注一个测试故事", 'version: "3.1"']
    chosen = _latest_per_text(items)
    if not chosen:
        return "\n".join([*lines, "stories: []", ""])
    lines.append("stories:")
    for item in chosen:
        name = json.dumps(f"复核标注 {item['id']}（消息 {item['message_id']}）", ensure_ascii=False)
        lines += [
            f"- story: {name}",
            "  steps:",
            "  - user: |",
            f"      {marked_up(item['text'], item['entities'])}",
            f"    intent: {_name(item['intent'])}",
        ]
    return "\n".join([*lines, ""])
