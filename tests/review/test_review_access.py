"""Access control: every staff route is closed to anonymous users (enumerated from the routers, so a
new route cannot slip through), login failures and rate limiting, session cookie, CSRF, roles."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from bot.auth.deps import safe_next
from bot.auth.router import router as auth_router
from bot.review.router import router as review_router
from tests.review.review_fixtures import ADMIN, HIDDEN_CSRF, REVIEWER, build_app, login, session_csrf

# The only routes an anonymous visitor may use: the login form itself and its stylesheet.
PUBLIC = {("GET", "/login"), ("POST", "/login"), ("GET", "/staff/static/{name}")}


def _routes() -> list[tuple[str, str]]:
    out = []
    for router in (auth_router, review_router):
        for route in router.routes:
            assert isinstance(route, APIRoute), f"unexpected route type {route!r}"
            out += [(method, route.path) for method in sorted(route.methods - {"HEAD"})]
    return out


def _concrete(path: str, conv_id: str) -> str:
    values = {
        "conversation_id": conv_id,
        "message_id": "1",
        "annotation_id": "1",
        "user_id": "1",
        "name": "review.js",
    }
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: values[m.group(1)], path)


def test_route_list_is_what_we_expect_to_guard() -> None:
    routes = _routes()
    assert len(routes) >= 20
    assert set(routes) >= PUBLIC
    for _, path in routes:
        assert path.startswith(("/review", "/login", "/logout", "/staff/static/")), path


@pytest.mark.parametrize(("method", "path"), [r for r in _routes() if r not in PUBLIC])
def test_anonymous_is_refused_everywhere(
    anon: TestClient, conv_ids: dict[str, str], method: str, path: str
) -> None:
    url = _concrete(path, conv_ids["low"])
    resp = anon.request(
        method, url, follow_redirects=False, data={"csrf_token": "x"} if method == "POST" else None
    )
    if path.startswith("/review/api/"):
        assert resp.status_code == 401, (method, url, resp.status_code)
        assert resp.json()["error"] == "unauthorized"
    else:
        assert resp.status_code == 303, (method, url, resp.status_code)
        assert resp.headers["location"].startswith("/login")
    assert not re.search(
        r"talentbot_session=[^\";]", resp.headers.get("set-cookie", "")
    )  # no session granted


def test_anonymous_page_redirect_keeps_a_relative_next(anon: TestClient, conv_ids: dict[str, str]) -> None:
    resp = anon.get("/review?channel=web&low_confidence=1", follow_redirects=False)
    assert resp.headers["location"] == "/login?next=%2Freview%3Fchannel%3Dweb%26low_confidence%3D1"


def test_mounted_in_the_real_gateway_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """bot.app.create_app mounts our routers; anonymous access is refused there too."""
    from bot.app import create_app
    from bot.settings import Settings

    monkeypatch.delenv("TALENTBOT_ADMIN_USER", raising=False)
    app = create_app(replace(Settings(), var_dir=tmp_path, db_path=tmp_path / "gw.db"))
    assert {"bot.auth", "bot.review"} <= set(app.state.optional_routers)
    with TestClient(app) as client:
        assert client.get("/review", follow_redirects=False).status_code == 303
        assert client.get("/review/api/conversations").status_code == 401
        assert client.get("/review/export/triage.csv", follow_redirects=False).status_code == 303


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "javascript:x",
        "review",
        "/review\r\nSet-Cookie: x=1",
        "\\\\evil",
        "",
    ],
)
def test_safe_next_rejects_off_site_targets(target: str) -> None:
    assert safe_next(target) == "/review"


def test_safe_next_keeps_same_site_paths() -> None:
    assert safe_next("/review/c/web%3Aa%3A1?saved=1") == "/review/c/web%3Aa%3A1?saved=1"


def test_login_returns_to_next_and_sets_a_hardened_cookie(anon: TestClient, conv_ids: dict[str, str]) -> None:
    resp = login(anon, *REVIEWER, next_url="/review/insights")
    assert resp.status_code == 303 and resp.headers["location"] == "/review/insights"
    cookie = next(c for c in resp.headers.get_list("set-cookie") if c.startswith("talentbot_session="))
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower() and "Path=/" in cookie
    assert "Secure" not in cookie  # cookie_secure="never" in the test app (plain http)
    assert anon.get("/review").status_code == 200


def test_login_ignores_an_off_site_next(anon: TestClient, conv_ids: dict[str, str]) -> None:
    assert login(anon, *REVIEWER, next_url="https://evil.example/").headers["location"] == "/review"


def test_secure_cookie_when_configured(db_path: Path, conv_ids: dict[str, str], tmp_path: Path) -> None:
    app = build_app(db_path, tmp_path / "none.yml")
    app.state.auth_config = replace(app.state.auth_config, cookie_secure="always")
    with TestClient(app) as client:
        cookie = login(client, *REVIEWER).headers["set-cookie"]
        assert "Secure" in cookie


def test_session_token_is_stored_hashed(anon: TestClient, db_path: Path, conv_ids: dict[str, str]) -> None:
    import sqlite3

    login(anon, *REVIEWER)
    token = anon.cookies.get("talentbot_session")
    stored = [r[0] for r in sqlite3.connect(db_path).execute("SELECT token_hash FROM sessions")]
    assert token and token not in stored and len(stored) == 1 and len(stored[0]) == 64


def test_wrong_password_is_refused_and_audited(
    anon: TestClient, db_path: Path, conv_ids: dict[str, str]
) -> None:
    import sqlite3

    resp = login(anon, REVIEWER[0], "not-the-password")
    assert resp.status_code == 401
    assert "用户名或密码错误" in resp.text
    assert "talentbot_session" not in resp.headers.get("set-cookie", "")
    assert login(anon, "nobody", "whatever-password").status_code == 401
    actions = [r[0] for r in sqlite3.connect(db_path).execute("SELECT action FROM audit_log ORDER BY id")]
    assert actions.count("login_failed") == 2
    assert anon.get("/review", follow_redirects=False).status_code == 303


def test_rate_limit_after_five_failures(anon: TestClient, conv_ids: dict[str, str]) -> None:
    for _ in range(5):
        assert login(anon, REVIEWER[0], "wrong-password").status_code == 401
    blocked = login(anon, REVIEWER[0], REVIEWER[1])  # even the right password now waits
    assert blocked.status_code == 429
    assert "登录失败次数过多" in blocked.text
    # Keyed by username + IP: another account from the same address is not locked out.
    assert login(anon, *ADMIN).status_code == 303


def test_rate_limit_window_slides(db_path: Path, conv_ids: dict[str, str], tmp_path: Path) -> None:
    import sqlite3

    app = build_app(db_path, tmp_path / "none.yml")
    with TestClient(app) as client:
        for _ in range(5):
            login(client, REVIEWER[0], "wrong-password")
        assert login(client, *REVIEWER).status_code == 429
        conn = sqlite3.connect(db_path)
        conn.execute("UPDATE login_failures SET ts = '2000-01-01T00:00:00.000+00:00'")
        conn.commit()
        assert login(client, *REVIEWER).status_code == 303


def test_login_form_needs_its_csrf_token(anon: TestClient, conv_ids: dict[str, str]) -> None:
    anon.get("/login")
    resp = anon.post(
        "/login",
        data={"username": REVIEWER[0], "password": REVIEWER[1], "csrf_token": "forged"},
        follow_redirects=False,
    )
    assert resp.status_code == 403
    assert "talentbot_session" not in resp.headers.get("set-cookie", "")


def test_logout_needs_csrf_and_ends_the_session(reviewer: TestClient) -> None:
    assert reviewer.post("/logout", data={"csrf_token": "wrong"}, follow_redirects=False).status_code == 403
    token = session_csrf(reviewer)
    old_cookie = reviewer.cookies.get("talentbot_session")
    resp = reviewer.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"] == "/login"
    reviewer.cookies.set("talentbot_session", old_cookie)  # a stolen copy of the cookie is now useless
    assert reviewer.get("/review", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("token", [None, "", "wrong-token"])
def test_csrf_missing_or_wrong_is_403_on_forms(
    reviewer: TestClient, conv_ids: dict[str, str], token: str | None
) -> None:
    data = {"status": "in_progress"} | ({} if token is None else {"csrf_token": token})
    resp = reviewer.post(f"/review/c/{conv_ids['low']}/triage", data=data, follow_redirects=False)
    assert resp.status_code == 403
    assert "未处理" not in resp.text
    assert reviewer.get(f"/review/api/c/{conv_ids['low']}").json()["status"] == "new"


@pytest.mark.parametrize("headers", [{}, {"X-CSRF-Token": "wrong"}])
def test_csrf_missing_or_wrong_is_403_on_the_api(
    reviewer: TestClient, conv_ids: dict[str, str], headers: dict[str, str]
) -> None:
    resp = reviewer.post(
        f"/review/api/c/{conv_ids['low']}/triage", json={"status": "resolved"}, headers=headers
    )
    assert resp.status_code == 403
    assert resp.json()["error"] == "forbidden"


def test_cross_site_request_is_refused_even_with_the_token(
    reviewer: TestClient, conv_ids: dict[str, str]
) -> None:
    token = session_csrf(reviewer)
    url = f"/review/api/c/{conv_ids['low']}/triage"
    assert (
        reviewer.post(
            url,
            json={"status": "resolved"},
            headers={"X-CSRF-Token": token, "Origin": "https://evil.example"},
        ).status_code
        == 403
    )
    assert (
        reviewer.post(
            url, json={"status": "resolved"}, headers={"X-CSRF-Token": token, "Sec-Fetch-Site": "cross-site"}
        ).status_code
        == 403
    )
    same = reviewer.post(
        url, json={"status": "resolved"}, headers={"X-CSRF-Token": token, "Origin": "http://testserver"}
    )
    assert same.status_code == 200


def test_csrf_token_belongs_to_the_session(app: FastAPI, conv_ids: dict[str, str]) -> None:
    with TestClient(app) as a, TestClient(app) as b:
        login(a, *REVIEWER)
        login(b, *ADMIN)
        resp = b.post(
            f"/review/api/c/{conv_ids['low']}/triage",
            json={"status": "resolved"},
            headers={"X-CSRF-Token": session_csrf(a)},
        )
        assert resp.status_code == 403


def test_reviewer_cannot_reach_admin_pages(reviewer: TestClient) -> None:
    assert reviewer.get("/review/users").status_code == 403
    assert reviewer.get("/review/audit").status_code == 403
    token = session_csrf(reviewer)
    resp = reviewer.post(
        "/review/users",
        data={"csrf_token": token, "username": "mallory", "password": "long-enough-pw", "role": "admin"},
    )
    assert resp.status_code == 403


def test_public_static_is_an_allow_list(anon: TestClient) -> None:
    assert anon.get("/staff/static/staff.css").status_code == 200
    for name in ("..%2Fschema.py", "schema.py", "..%2F..%2Fusers.py"):
        assert anon.get(f"/staff/static/{name}").status_code == 404


def test_pages_send_security_headers(reviewer: TestClient) -> None:
    resp = reviewer.get("/review")
    assert "script-src 'self'" in resp.headers["content-security-policy"]
    assert resp.headers["cache-control"] == "no-store"
    assert resp.headers["x-frame-options"] == "DENY"


def test_login_page_shows_no_default_credentials(anon: TestClient) -> None:
    page = anon.get("/login").text
    assert HIDDEN_CSRF.search(page) and "admin" not in page.lower().replace("talentbot", "")
