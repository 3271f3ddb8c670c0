"""Helpers for the hotline-assistant tests: the real gateway on a tmp_path database, a staff account
made with bot.auth.users, and logging in through the real /login form (CSRF cookie and all)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.auth import users
from bot.auth.schema import open_db
from bot.settings import Settings

HERE = Path(__file__).resolve().parent
STAFF = ("hotline01", "接线员-测试-口令-2024")
QUERIES: list[dict[str, Any]] = yaml.safe_load((HERE / "queries.yaml").read_text(encoding="utf-8"))


def make_gateway(tmp_path: Path) -> FastAPI:
    """The gateway as `make run` builds it, with its database in tmp_path and one reviewer account."""
    db = tmp_path / "talentbot.db"
    app = create_app(Settings(var_dir=tmp_path, db_path=db), optional_routers=("bot.auth", "bot.assist"))
    conn = open_db(db)
    try:
        users.create_user(conn, STAFF[0], STAFF[1], "reviewer", display_name="热线测试")
    finally:
        conn.close()
    return app


def login(client: TestClient, username: str = STAFF[0], password: str = STAFF[1]) -> None:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, "login form without its CSRF field"
    r = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token.group(1), "next": "/assist"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/assist", r.text


def page_csrf(client: TestClient) -> str:
    m = re.search(r'<meta name="csrf-token" content="([^"]+)">', client.get("/assist").text)
    assert m and m.group(1), "the staff layout carries the session's CSRF token"
    return m.group(1)
