"""Staff pages speak HTML (bot/error_pages.py): a browser asking for a page gets 401/403/404/429/500 as
a page in the staff layout; `/api/*`, `/review/api/*` and scripts keep the JSON error shape."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient

from bot.auth import users
from bot.limits import IP_MESSAGE, too_many
from tests.review.review_fixtures import ADMIN, REVIEWER, build_app, login, make_users, seed_log

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
JSON_KEYS = {"error", "message", "message_en"}


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    db_path = tmp_path / "talentbot.db"
    seed_log(db_path)
    make_users(db_path)
    app = build_app(db_path, tmp_path / "no-domain.yml")

    @app.get("/review/locked")
    def locked() -> None:  # pages send browsers to /login (303); a 401 comes from credential checks
        raise HTTPException(status_code=401)

    @app.get("/review/busy")
    def busy() -> None:
        raise too_many(6.2, IP_MESSAGE, "Too many requests.")

    @app.get("/review/boom")
    def boom() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    return app


@pytest.fixture
def anon(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def assert_page(resp: object, status: int, *texts: str) -> str:
    """An HTML page in the staff layout with the staff security headers."""
    assert resp.status_code == status, resp.text  # type: ignore[attr-defined]
    headers = resp.headers  # type: ignore[attr-defined]
    assert headers["content-type"].startswith("text/html")
    assert (
        "script-src 'self'" in headers["Content-Security-Policy"] and headers["Cache-Control"] == "no-store"
    )
    html: str = resp.text  # type: ignore[attr-defined]
    assert (
        '<html lang="zh-CN">' in html and "/staff/static/staff.css" in html and f"错误代码 {status}" in html
    )
    for text in texts:
        assert text in html
    return html


def test_401_is_a_page_with_a_login_link_that_comes_back(anon: TestClient) -> None:
    resp = anon.get("/review/locked?page=2", headers=BROWSER)
    html = assert_page(resp, 401, "请先登录", "前往登录")
    assert 'href="/login?next=%2Freview%2Flocked%3Fpage%3D2"' in html
    script = anon.get("/review/locked")  # a script (Accept: */*) keeps JSON
    assert script.status_code == 401 and set(script.json()) == JSON_KEYS
    api = anon.get("/review/api/conversations", headers=BROWSER)  # an API path keeps JSON
    assert api.status_code == 401 and set(api.json()) == JSON_KEYS


def test_403_keeps_the_staff_navigation_for_a_logged_in_reviewer(app: FastAPI) -> None:
    with TestClient(app) as reviewer:
        assert login(reviewer, *REVIEWER).status_code == 303
        html = assert_page(reviewer.get("/review/users", headers=BROWSER), 403, "没有访问权限", "联系管理员")
        assert "李复核" in html and 'href="/review/insights"' in html  # the layout's top bar
        # A form posted without its CSRF token: the same page, not JSON source.
        page = reviewer.get("/review", headers=BROWSER).text
        conversation = re.search(r'href="/review/c/([^"?]+)"', page)
        assert conversation is not None
        posted = reviewer.post(
            f"/review/c/{conversation.group(1)}/triage", data={"status": "open"}, headers=BROWSER
        )
        assert_page(posted, 403, "页面可能已经过期")


def test_404_is_a_page_for_browsers_and_json_under_api_paths(app: FastAPI, anon: TestClient) -> None:
    with TestClient(app) as admin:
        assert login(admin, *ADMIN).status_code == 303
        html = assert_page(
            admin.get("/review/no-such-page", headers=BROWSER), 404, "页面不存在", "返回会话列表"
        )
        assert "王管理" in html
        api = admin.get("/review/api/no-such-thing", headers=BROWSER)
        assert api.status_code == 404 and set(api.json()) == JSON_KEYS
    assert_page(anon.get("/no-such-page", headers=BROWSER), 404, "返回咨询首页")
    api = anon.get("/api/no-such-endpoint", headers=BROWSER)
    assert api.status_code == 404 and api.json()["error"] == "not_found"


def test_429_is_a_page_that_says_how_long_to_wait(anon: TestClient) -> None:
    resp = anon.get("/review/busy", headers=BROWSER)
    assert_page(resp, 429, "请求过于频繁", "请 7 秒后再试")
    assert resp.headers["Retry-After"] == "7"
    script = anon.get("/review/busy")
    assert script.status_code == 429 and script.headers["Retry-After"] == "7"
    assert "7 秒" in script.json()["message"]


def test_500_is_a_page_without_internals(anon: TestClient) -> None:
    resp = anon.get("/review/boom", headers=BROWSER)
    html = assert_page(resp, 500, "服务暂时出现问题")
    assert "passwd" not in html and "Traceback" not in html and "RuntimeError" not in html
    script = anon.get("/review/boom")
    assert script.status_code == 500 and script.json()["error"] == "internal_error"
    assert "passwd" not in script.text


def test_the_login_redirect_is_not_turned_into_a_page(anon: TestClient) -> None:
    """303 to /login is how a browser reaches the login form: it stays a redirect."""
    resp = anon.get("/review", headers=BROWSER, follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"].startswith("/login")
