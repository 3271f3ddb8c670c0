"""Seed data and helpers for the review tests: a conversation log written through bot.logstore, then
moved in time, plus login/CSRF helpers for TestClient and an app built like bot.app mounts us."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.auth.config import AuthConfig
from bot.auth.router import router as auth_router
from bot.auth.schema import open_db
from bot.auth.users import create_user
from bot.errors import install_error_handlers
from bot.logstore import LogStore
from bot.review.router import router as review_router
from bot.settings import Settings

ADMIN = ("admin", "admin-password-1")
REVIEWER = ("reviewer", "reviewer-password-1")
XSS_TEXT = "<script>alert(1)</script> 和 <img src=x onerror=alert(2)> 补贴"


@dataclass(frozen=True)
class Turn:
    text: str
    intent: str | None = None
    confidence: float | None = None
    fallback: bool = False
    handoff: bool = False
    reply: str = "好的，这是答复。"
    action: str = "action_answer"
    feedback: str | None = None
    citations: tuple[dict[str, str], ...] = ()


# sender → (channel, days ago, turns). Each sender is one conversation; ids are resolved after seeding.
SEED: dict[str, tuple[str, int, list[Turn]]] = {
    "low": (
        "web",
        3,
        [
            Turn(
                "人才补贴怎么申请",
                "ask_benefits",
                0.42,
                citations=({"doc": "永人才〔2016〕1号", "clause": "第三条", "quote": "给予补贴"},),
            )
        ],
    ),
    "fallback": (
        "wechat",
        2,
        [Turn("你们食堂几点开饭", "ask_benefits", 0.75, fallback=True, action="action_default_fallback")],
    ),
    "oos": ("web", 1, [Turn("今天天气怎么样", "out_of_scope", 0.95, action="utter_out_of_scope")]),
    "handoff": (
        "api",
        5,
        [Turn("我要找人工客服", "ask_gold_card", 0.88, handoff=True, action="action_handoff")],
    ),
    "negative": ("web", 10, [Turn("金卡有什么用", "ask_gold_card", 0.91, feedback="down")]),
    "ok": (
        "wechat",
        0,
        [
            Turn("我属于第几类人才", "ask_category", 0.97, feedback="up"),
            Turn("下一期资助怎么领取", "ask_next_tranche", 0.93),
        ],
    ),
    "xss": ("web", 4, [Turn(XSS_TEXT, "ask_benefits", 0.8, reply="<b>粗体</b><script>alert(3)</script>")]),
    "trad": (
        "web",
        6,
        [Turn("金卡有什麼用？", "ask_gold_card", 0.7, fallback=True, action="action_default_fallback")],
    ),
    "trad2": (
        "wechat",
        7,
        [Turn("金卡 有什么用", "ask_gold_card", 0.71, fallback=True, action="action_default_fallback")],
    ),
}


def days_ago(days: int, hour: int = 2) -> datetime:
    """A fixed time of day (02:00 UTC = 10:00 Beijing) `days` days back, so dates are unambiguous."""
    now = datetime.now(timezone.utc).replace(hour=hour, minute=0, second=0, microsecond=0)
    return now - timedelta(days=days)


def seed_log(db_path: Path | str) -> dict[str, str]:
    """Write SEED through the log store; returns sender → conversation_id."""
    store = LogStore(db_path)
    ids: dict[str, str] = {}
    try:
        for sender, (channel, ago, turns) in SEED.items():
            start = days_ago(ago)
            for i, turn in enumerate(turns):
                ts = (start + timedelta(minutes=i)).isoformat(timespec="milliseconds")
                key = f"{sender}-{i}"
                logged = store.log_inbound(channel, sender, turn.text, key, handoff=turn.handoff, ts=ts)
                store.annotate_inbound(
                    logged.id,
                    intent=turn.intent,
                    confidence=turn.confidence,
                    entities=[],
                    fallback=turn.fallback,
                )
                reply = {"text": turn.reply, "citations": list(turn.citations)}
                out = store.log_outbound(
                    logged.conversation_id,
                    channel,
                    sender,
                    reply,
                    f"{key}#out",
                    action=turn.action,
                    handoff=turn.handoff,
                    fallback=turn.fallback,
                    latency_ms=120.0,
                )
                if turn.feedback:
                    store.set_feedback(out.id, turn.feedback)
                ids[sender] = logged.conversation_id
    finally:
        store.close()
    # Replies were stamped "now"; move each one just after its question so dates mean something.
    conn = open_db(db_path)
    question = "(SELECT q.ts FROM messages q WHERE q.dedup_key = substr(messages.dedup_key, 1, length(messages.dedup_key) - 4))"
    if isinstance(db_path, str):  # PostgreSQL
        later = (
            f"to_char(({question})::timestamptz AT TIME ZONE 'UTC' + interval '2 seconds', "
            "'YYYY-MM-DD\"T\"HH24:MI:SS.MS')"
        )
    else:
        later = f"strftime('%Y-%m-%dT%H:%M:%f', {question}, '+2 seconds')"
    conn.execute(f"UPDATE messages SET ts = {later} || '+00:00' WHERE direction = 'out'")
    conn.execute(
        "UPDATE conversations SET last_at = (SELECT MAX(ts) FROM messages m WHERE m.conversation_id = "
        "conversations.id)"
    )
    conn.close()
    return ids


def make_users(db_path: Path | str) -> None:
    conn = open_db(db_path)
    create_user(conn, ADMIN[0], ADMIN[1], "admin", display_name="王管理")
    create_user(conn, REVIEWER[0], REVIEWER[1], "reviewer", display_name="李复核")
    conn.close()


def build_app(db_path: Path | str, domain_path: Path, **auth: Any) -> FastAPI:
    """The auth and review routers on an app shaped like bot.app's (same error handlers); `db_path`
    may be a PostgreSQL URL (the store on PostgreSQL, var/ then beside the domain file)."""
    app = FastAPI()
    if isinstance(db_path, str):
        var = domain_path.parent
        app.state.settings = replace(Settings(), var_dir=var, db_path=var / "unused.db", database_url=db_path)
    else:
        app.state.settings = replace(Settings(), var_dir=db_path.parent, db_path=db_path)
    app.state.auth_config = AuthConfig(cookie_secure="never", **auth)
    app.state.review_domain_path = domain_path
    install_error_handlers(app)
    app.include_router(auth_router)
    app.include_router(review_router)
    return app


HIDDEN_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
META_CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def login(client: TestClient, username: str, password: str, next_url: str = "") -> Any:
    form = client.get("/login")
    token = HIDDEN_CSRF.search(form.text).group(1)
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": next_url},
        follow_redirects=False,
    )


def session_csrf(client: TestClient) -> str:
    return META_CSRF.search(client.get("/review").text).group(1)


def add_conversation(
    db_path: Path | str, sender: str, texts: list[str], channel: str = "web"
) -> tuple[str, list[int]]:
    """One extra conversation of user messages (no replies); returns (conversation_id, message ids)."""
    store = LogStore(db_path)
    try:
        ids = []
        conversation_id = ""
        for i, text in enumerate(texts):
            logged = store.log_inbound(channel, sender, text, f"{sender}-extra-{i}")
            store.annotate_inbound(logged.id, intent="ask_benefits", confidence=0.3, entities=[])
            ids.append(logged.id)
            conversation_id = logged.conversation_id
    finally:
        store.close()
    return conversation_id, ids
