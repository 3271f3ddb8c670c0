"""A thin client for the live stack: talk through the gateway, read Rasa's tracker and the gateway log.

Why read Rasa's tracker directly: "the conversation continues where it was" is a statement about
the dialogue state (active form, filled slots), which only the tracker shows; the replies' wording
belongs to the actions engineer and may change.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from bench.assist import staff_cookie
from bench.load import gateway_fallback_text
from bot.auth.schema import open_db
from bot.supervisor import Stack

HOTLINE_DIGITS = "0577-57756270"  # 永嘉县人才服务热线 as policy_kb cites it (what the fallback must state)


@dataclass
class Live:
    stack: Stack

    def sender(self, prefix: str) -> str:
        return f"{prefix}-{uuid.uuid4().hex[:10]}"

    def chat(self, sender: str, message: str, timeout: float = 60.0, **extra: Any) -> httpx.Response:
        body = {"sender": sender, "message": message, **extra}
        return httpx.post(f"{self.stack.gateway_url}/api/chat", json=body, timeout=timeout, trust_env=False)

    def texts(self, sender: str, message: str) -> list[str]:
        """The reply texts of one turn (asserting the gateway answered 200)."""
        resp = self.chat(sender, message)
        assert resp.status_code == 200, resp.text
        return [str(r.get("text", "")) for r in resp.json()["replies"]]

    def tracker(self, sender: str) -> dict[str, Any]:
        url = f"{self.stack.rasa_url}/conversations/{quote(sender, safe='')}/tracker"
        resp = httpx.get(url, timeout=20.0, trust_env=False)
        resp.raise_for_status()
        return resp.json()

    def slots(self, sender: str) -> dict[str, Any]:
        return self.tracker(sender)["slots"]

    def active_form(self, sender: str) -> str | None:
        return (self.tracker(sender).get("active_loop") or {}).get("name")

    def log_rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """Read the gateway's conversation log (WAL: readable while the gateway writes)."""
        conn = sqlite3.connect(self.stack.settings.db_path, timeout=30)
        conn.row_factory = sqlite3.Row
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    @staticmethod
    def is_gateway_fallback(texts: list[str]) -> bool:
        return gateway_fallback_text() in texts


def staff_session_headers(db_path: Path) -> dict[str, str]:
    """Cookie and CSRF header of a fresh reviewer session in `db_path` (bot.auth's own functions)."""
    cookies = staff_cookie(db_path)
    assert cookies is not None, "bot.auth is not importable"
    ((name, token),) = cookies.items()
    conn = open_db(db_path)
    try:
        csrf = conn.execute("SELECT csrf_token FROM sessions ORDER BY rowid DESC LIMIT 1").fetchone()[0]
    finally:
        conn.close()
    return {"Cookie": f"{name}={token}", "X-CSRF-Token": csrf}
