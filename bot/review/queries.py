"""Read side of the review pages: filtered conversation lists (with full-text search) and transcripts.

Why filters are parsed leniently: they come from a GET form; a malformed date should be reported on
the page next to the field, not turn the whole list into a 422.
Why two search paths: `messages_fts` uses FTS5's trigram tokenizer (Chinese has no word breaks), which
can only match terms of three or more characters; shorter terms (二字词 like "补贴") fall back to LIKE.
On PostgreSQL every term is one ILIKE, served by the `pg_trgm` index (`bot.db.substring_search_sql`).
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from starlette.datastructures import QueryParams

from bot.auth.templating import BEIJING
from bot.db import json_array_contains_sql, substring_search_sql
from bot.review.schema import has_fts
from bot.review.vocab import OUT_OF_SCOPE, STATUSES, TAGS

DEFAULT_THRESHOLD = 0.6  # below this a user turn is "low confidence" (badge and filter default)
PER_PAGE = 30
CHANNELS = {"web": "网页", "wechat": "微信", "api": "接口"}


@dataclass
class Filters:
    """Everything the list page can filter on; empty/None means "not filtered"."""

    date_from: date | None = None
    date_to: date | None = None
    channel: str = ""
    intent: str = ""
    low_confidence: bool = False
    threshold: float = DEFAULT_THRESHOLD
    fallback: bool = False  # fallback or out_of_scope
    handoff: bool = False
    negative: bool = False
    status: str = ""
    tag: str = ""
    q: str = ""
    page: int = 1
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, params: QueryParams | dict[str, str]) -> Filters:
        f = cls()
        get = params.get
        for name, label in (("date_from", "开始日期"), ("date_to", "结束日期")):
            raw = (get(name) or "").strip()
            if raw:
                try:
                    setattr(f, name, date.fromisoformat(raw))
                except ValueError:
                    f.errors.append(f"{label}格式应为 YYYY-MM-DD。")
        f.channel = (get("channel") or "").strip()[:20]
        f.intent = (get("intent") or "").strip()[:64]
        f.low_confidence = _flag(get("low_confidence"))
        raw_threshold = (get("threshold") or "").strip()
        if raw_threshold:
            try:
                value = float(raw_threshold)
                if not 0 <= value <= 1 or math.isnan(value):
                    raise ValueError
                f.threshold = value
            except ValueError:
                f.errors.append("置信度阈值应为 0 到 1 之间的数。")
        f.fallback = _flag(get("fallback"))
        f.handoff = _flag(get("handoff"))
        f.negative = _flag(get("negative"))
        status = (get("status") or "").strip()
        f.status = status if status in STATUSES else ""
        tag = (get("tag") or "").strip()
        f.tag = tag if tag in TAGS else ""
        f.q = (get("q") or "").strip()[:100]
        try:
            f.page = max(1, min(int(get("page") or 1), 100_000))
        except ValueError:
            f.page = 1
        return f

    def query_items(self, *, page: int | None = None) -> list[tuple[str, str]]:
        """The filters as query-string pairs (for paging links and export links)."""
        items: list[tuple[str, str]] = []
        for key, value in asdict(self).items():
            if key in ("errors", "page") or value in ("", None, False):
                continue
            if key == "threshold" and not self.low_confidence:
                continue
            items.append((key, "1" if value is True else str(value)))
        if page and page > 1:
            items.append(("page", str(page)))
        return items


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "on", "true", "yes")


def beijing_day_start_utc(day: date) -> str:
    """00:00 Beijing time of `day` as a UTC ISO string comparable with the log's timestamps."""
    moment = datetime.combine(day, time(0), tzinfo=BEIJING)
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds")


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_terms(q: str) -> list[str]:
    """Whitespace-separated terms; each must occur somewhere in the conversation (AND)."""
    return [t for t in re.split(r"\s+", q.strip()) if t][:5]


def _where(conn: sqlite3.Connection, f: Filters) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if f.date_from:
        clauses.append("c.last_at >= :date_from")
        params["date_from"] = beijing_day_start_utc(f.date_from)
    if f.date_to:
        clauses.append("c.started_at < :date_to")
        params["date_to"] = beijing_day_start_utc(f.date_to + timedelta(days=1))
    if f.channel:
        clauses.append("c.channel = :channel")
        params["channel"] = f.channel
    if f.intent:
        clauses.append(
            "EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.intent = :intent)"
        )
        params["intent"] = f.intent
    if f.low_confidence:
        clauses.append("c.min_confidence < :threshold")
        params["threshold"] = f.threshold
    if f.fallback:
        clauses.append(
            "(c.fallback_count > 0 OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id "
            "AND m.intent = :oos))"
        )
        params["oos"] = OUT_OF_SCOPE
    if f.handoff:
        clauses.append("c.handoff = 1")
    if f.negative:
        clauses.append("c.negative_feedback > 0")
    if f.status:
        clauses.append("COALESCE(t.status, 'new') = :status")
        params["status"] = f.status
    if f.tag:
        clauses.append(json_array_contains_sql(conn, "COALESCE(t.tags, '[]')", "tag"))
        params["tag"] = f.tag
    fts = has_fts(conn)
    for i, term in enumerate(search_terms(f.q)):
        key = f"q{i}"
        indexed = substring_search_sql(conn, "m.text", key, term)
        if indexed is not None:  # PostgreSQL: pg_trgm serves ILIKE for every term
            clauses.append(
                f"EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND {indexed[0]})"
            )
            params[key] = indexed[1]
        elif fts and len(term) >= 3:
            clauses.append(
                f"c.id IN (SELECT m.conversation_id FROM messages_fts JOIN messages m "
                f"ON m.id = messages_fts.rowid WHERE messages_fts MATCH :{key})"
            )
            params[key] = '"' + term.replace('"', '""') + '"'
        else:
            clauses.append(
                f"EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id "
                f"AND m.text LIKE :{key} ESCAPE '\\')"
            )
            params[key] = _like(term)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


LIST_COLUMNS = """
  c.id, c.channel, c.started_at, c.last_at, c.n_messages, c.handoff, c.min_confidence,
  c.fallback_count, c.negative_feedback,
  COALESCE(t.status, 'new') AS status, COALESCE(t.tags, '[]') AS tags, t.assignee,
  (SELECT m.text FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'in'
   ORDER BY m.id LIMIT 1) AS first_question,
  EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.intent = 'out_of_scope')
    AS out_of_scope
"""
FROM = " FROM conversations c LEFT JOIN triage t ON t.conversation_id = c.id"


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int


def _row(r: sqlite3.Row, threshold: float) -> dict[str, Any]:
    item = dict(r)
    item["tags"] = json.loads(item["tags"] or "[]")
    item["badges"] = badges(item, threshold)
    return item


def badges(conv: dict[str, Any], threshold: float = DEFAULT_THRESHOLD) -> list[tuple[str, str]]:
    """Why a conversation may need attention, as (css class, Chinese label) pairs."""
    out: list[tuple[str, str]] = []
    conf = conv.get("min_confidence")
    if conf is not None and conf < threshold:
        out.append(("b-lowconf", f"低置信度 {conf:.2f}"))
    if conv.get("fallback_count"):
        out.append(("b-fallback", "兜底"))
    if conv.get("out_of_scope"):
        out.append(("b-oos", "超出范围"))
    if conv.get("handoff"):
        out.append(("b-handoff", "转人工"))
    if conv.get("negative_feedback"):
        out.append(("b-negative", "差评"))
    return out


def list_conversations(conn: sqlite3.Connection, f: Filters, per_page: int = PER_PAGE) -> Page:
    where, params = _where(conn, f)
    total = int(conn.execute("SELECT COUNT(*)" + FROM + where, params).fetchone()[0])
    pages = max(1, math.ceil(total / per_page))
    page = min(f.page, pages)
    rows = conn.execute(
        "SELECT" + LIST_COLUMNS + FROM + where + " ORDER BY c.last_at DESC, c.id LIMIT :limit OFFSET :offset",
        {**params, "limit": per_page, "offset": (page - 1) * per_page},
    ).fetchall()
    return Page([_row(r, f.threshold) for r in rows], total, page, pages)


def conversation_ids(conn: sqlite3.Connection, f: Filters, limit: int = 50_000) -> list[str]:
    """All ids matching the filters (for exports), newest first."""
    where, params = _where(conn, f)
    rows = conn.execute(
        "SELECT c.id" + FROM + where + " ORDER BY c.last_at DESC, c.id LIMIT :limit",
        {**params, "limit": limit},
    ).fetchall()
    return [r[0] for r in rows]


def distinct_intents(conn: sqlite3.Connection) -> list[str]:
    """Intents that occur in the log (the list page's intent filter offers exactly these)."""
    rows = conn.execute("SELECT DISTINCT intent FROM messages WHERE intent IS NOT NULL ORDER BY intent")
    return [r[0] for r in rows.fetchall()]


def _json_list(value: str | None) -> list[Any]:
    try:
        loaded = json.loads(value) if value else []
    except ValueError:
        return []
    return loaded if isinstance(loaded, list) else []


def conversation(conn: sqlite3.Connection, conversation_id: str) -> dict[str, Any] | None:
    """A conversation with its messages (JSON columns decoded), triage state and annotations."""
    row = conn.execute(
        "SELECT" + LIST_COLUMNS + FROM + " WHERE c.id = :id", {"id": conversation_id}
    ).fetchone()
    if row is None:
        return None
    conv = _row(row, DEFAULT_THRESHOLD)
    messages = []
    for m in conn.execute("SELECT * FROM messages WHERE conversation_id=? ORDER BY id", (conversation_id,)):
        item = dict(m)
        for key in ("entities", "citations", "buttons"):
            item[key] = _json_list(item[key])
        messages.append(item)
    conv["messages"] = messages
    triage_row = conn.execute("SELECT * FROM triage WHERE conversation_id=?", (conversation_id,)).fetchone()
    conv["updated_at"] = triage_row["updated_at"] if triage_row else None
    conv["updated_by"] = triage_row["updated_by"] if triage_row else None
    conv["notes"] = [
        dict(n)
        for n in conn.execute(
            "SELECT author, ts, text FROM triage_notes WHERE conversation_id=? ORDER BY id",
            (conversation_id,),
        )
    ]
    conv["annotations"] = {
        a["message_id"]: {**dict(a), "entities": _json_list(a["entities"])}
        for a in conn.execute("SELECT * FROM annotations WHERE conversation_id=?", (conversation_id,))
    }
    return conv
