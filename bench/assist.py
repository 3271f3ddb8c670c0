"""GET /api/assist latency for a logged-in hotline staff member.

Why a session made with bot.auth's own functions instead of posting the login form: the benchmark
measures the search, not the login page's CSRF dance; the account and session live in the stack's
temporary database and vanish with it.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

import httpx

from bench.stats import summary

STAFF_QUERIES = (
    "金卡",
    "热线",
    "第二期拨付条件",
    "项目资助 特别推荐",
    "购房补贴",
    "贷款贴息",
    "海外工程师",
    "柔性引才",
    "博士后工作站",
    "国家杰青 几类",
    "绿色通道",
    "引荐费",
)


def staff_cookie(db_path: Path) -> dict[str, str] | None:
    """A reviewer account and a fresh session in `db_path`; None when bot.auth is not built."""
    try:
        from bot.auth import users
        from bot.auth.schema import open_db
        from bot.auth.sessions import SESSION_COOKIE, create_session
    except ImportError:
        return None
    conn = open_db(db_path)
    try:
        user_id = users.create_user(
            conn, f"bench-{secrets.token_hex(4)}", secrets.token_urlsafe(18), "reviewer"
        )
        token = create_session(conn, user_id, hours=1, ip="127.0.0.1", user_agent="bench")
        conn.commit()
    finally:
        conn.close()
    return {SESSION_COOKIE: token}


async def measure(base_url: str, cookies: dict[str, str], rounds: int = 15) -> dict[str, Any]:
    """Each staff query `rounds` times, one request at a time; p50/p95 and errors."""
    latencies, errors = [], 0
    async with httpx.AsyncClient(base_url=base_url, cookies=cookies, timeout=10.0, trust_env=False) as client:
        probe = await client.get("/api/assist", params={"q": "金卡", "k": 3})
        if probe.status_code == 404:
            return {"available": False}
        for _ in range(rounds):
            for q in STAFF_QUERIES:
                started = time.perf_counter()
                resp = await client.get("/api/assist", params={"q": q, "k": 3})
                latencies.append((time.perf_counter() - started) * 1000)
                ok = resp.status_code == 200 and isinstance(resp.json().get("suggestions"), list)
                errors += not ok
    return {"available": True, "requests": len(latencies), "errors": errors, "latency": summary(latencies)}
