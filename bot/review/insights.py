"""Numbers for the insights page: daily volume, fallback rate, top unanswered questions, intent and
channel distribution, feedback ratio — for a date range in Beijing time.

Why questions are grouped on a normalised form: "金卡有什么用？", "金卡有什麼用" and "金卡 有什么用"
are the same gap in the bot's knowledge; NFKC folds full-width forms, OpenCC folds traditional to
simplified characters, and punctuation/spaces are dropped.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from opencc import OpenCC

from bot.auth.templating import BEIJING
from bot.db import beijing_day_sql
from bot.review.queries import CHANNELS, beijing_day_start_utc
from bot.review.vocab import OUT_OF_SCOPE

DEFAULT_DAYS = 30
MAX_DAYS = 366
TOP_N = 20


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def normalize_question(text: str | None) -> str:
    """NFKC, traditional→simplified, lower-case, without punctuation, symbols or whitespace."""
    folded = _t2s().convert(unicodedata.normalize("NFKC", text or "")).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PZSC")


@dataclass(frozen=True)
class Range:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def params(self) -> dict[str, str]:
        return {
            "lo": beijing_day_start_utc(self.start),
            "hi": beijing_day_start_utc(self.end + timedelta(days=1)),
        }


def parse_range(date_from: str | None, date_to: str | None) -> tuple[Range, list[str]]:
    """The requested range (default: the last 30 days), capped at a year; errors as Chinese text."""
    errors: list[str] = []
    today = datetime.now(BEIJING).date()

    def parse(raw: str | None, default: date, label: str) -> date:
        if not raw:
            return default
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            errors.append(f"{label}格式应为 YYYY-MM-DD。")
            return default

    end = parse(date_to, today, "结束日期")
    start = parse(date_from, end - timedelta(days=DEFAULT_DAYS - 1), "开始日期")
    if start > end:
        errors.append("开始日期晚于结束日期，已交换。")
        start, end = end, start
    if (end - start).days >= MAX_DAYS:
        errors.append(f"时间范围最多 {MAX_DAYS} 天，已截取最近部分。")
        start = end - timedelta(days=MAX_DAYS - 1)
    return Range(start, end), errors


IN = "'in'"
FEEDBACK_UP, FEEDBACK_DOWN = "feedback = 'up'", "feedback = 'down'"


def _is(condition: str) -> str:
    """1 where `condition` holds, else 0: summable on both backends (PostgreSQL has no SUM(boolean))."""
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def daily(conn: sqlite3.Connection, rng: Range) -> dict[str, list[Any]]:
    """Per Beijing day: conversations, user messages, fallback turns and the fallback rate (%)."""
    rows = {
        r["day"]: r
        for r in conn.execute(
            f"SELECT {beijing_day_sql(conn, 'ts')} AS day, COUNT(DISTINCT conversation_id) AS conversations, "
            f"SUM({_is('direction = ' + IN)}) AS user_messages, "
            f"SUM({_is('direction = ' + IN + ' AND fallback = 1')}) AS fallbacks "
            "FROM messages WHERE ts >= :lo AND ts < :hi GROUP BY 1",
            rng.params(),
        ).fetchall()
    }
    out: dict[str, list[Any]] = {"labels": [], "conversations": [], "user_messages": [], "fallback_rate": []}
    for day in rng.days:
        row = rows.get(day.isoformat())
        users = int(row["user_messages"] or 0) if row else 0
        falls = int(row["fallbacks"] or 0) if row else 0
        out["labels"].append(day.strftime("%m-%d"))
        out["conversations"].append(int(row["conversations"]) if row else 0)
        out["user_messages"].append(users)
        # None (a gap in the line), not 0 %: a day without questions has no fallback rate.
        out["fallback_rate"].append(round(100 * falls / users, 1) if users else None)
    return out


def totals(conn: sqlite3.Connection, rng: Range) -> dict[str, Any]:
    row = conn.execute(
        "SELECT COUNT(DISTINCT conversation_id) AS conversations, "
        f"SUM({_is('direction = ' + IN)}) AS user_messages, "
        f"SUM({_is('direction = ' + IN + ' AND fallback = 1')}) AS fallbacks, "
        "COUNT(DISTINCT CASE WHEN handoff = 1 THEN conversation_id END) AS handoffs, "
        f"SUM({_is(FEEDBACK_UP)}) AS up, SUM({_is(FEEDBACK_DOWN)}) AS down "
        "FROM messages WHERE ts >= :lo AND ts < :hi",
        rng.params(),
    ).fetchone()
    users = int(row["user_messages"] or 0)
    up, down = int(row["up"] or 0), int(row["down"] or 0)
    return {
        "conversations": int(row["conversations"] or 0),
        "user_messages": users,
        "fallbacks": int(row["fallbacks"] or 0),
        "fallback_rate": round(100 * int(row["fallbacks"] or 0) / users, 1) if users else 0.0,
        "handoffs": int(row["handoffs"] or 0),
        "up": up,
        "down": down,
        "positive_rate": round(100 * up / (up + down), 1) if up + down else None,
    }


def top_unanswered(conn: sqlite3.Connection, rng: Range, limit: int = TOP_N) -> list[dict[str, Any]]:
    """User questions that hit the fallback or out_of_scope, grouped by normalised text, most asked first."""
    groups: dict[str, dict[str, Any]] = {}
    for r in conn.execute(
        "SELECT text, conversation_id, ts FROM messages WHERE direction = 'in' AND ts >= :lo AND ts < :hi "
        "AND (fallback = 1 OR intent = :oos) ORDER BY ts",
        {**rng.params(), "oos": OUT_OF_SCOPE},
    ):
        key = normalize_question(r["text"])
        if not key:
            continue
        group = groups.setdefault(key, {"count": 0, "conversations": set()})
        group["count"] += 1
        group["conversations"].add(r["conversation_id"])
        group.update(example=r["text"], last_conversation=r["conversation_id"], last_ts=r["ts"])
    ranked = sorted(groups.values(), key=lambda g: (-g["count"], g["last_ts"]))[:limit]
    return [{**g, "conversations": len(g["conversations"])} for g in ranked]


def intents(conn: sqlite3.Connection, rng: Range) -> dict[str, list[Any]]:
    rows = conn.execute(
        "SELECT COALESCE(intent, '（未识别）') AS intent, COUNT(*) AS n FROM messages "
        "WHERE direction = 'in' AND ts >= :lo AND ts < :hi GROUP BY 1 ORDER BY n DESC, 1 LIMIT 15",
        rng.params(),
    ).fetchall()
    return {"labels": [r["intent"] for r in rows], "values": [r["n"] for r in rows]}


def channels(conn: sqlite3.Connection, rng: Range) -> dict[str, list[Any]]:
    rows = conn.execute(
        "SELECT channel, COUNT(DISTINCT conversation_id) AS n FROM messages WHERE ts >= :lo AND ts < :hi "
        "GROUP BY channel ORDER BY n DESC",
        rng.params(),
    ).fetchall()
    return {
        "labels": [CHANNELS.get(r["channel"], r["channel"]) for r in rows],
        "values": [r["n"] for r in rows],
    }


def insights(conn: sqlite3.Connection, rng: Range) -> dict[str, Any]:
    """Everything the page shows; the chart series are JSON-safe lists."""
    total = totals(conn, rng)
    return {
        "range": {"from": rng.start.isoformat(), "to": rng.end.isoformat()},
        "totals": total,
        "daily": daily(conn, rng),
        "intents": intents(conn, rng),
        "channels": channels(conn, rng),
        "feedback": {"labels": ["好评", "差评"], "values": [total["up"], total["down"]]},
        "unanswered": top_unanswered(conn, rng),
    }
