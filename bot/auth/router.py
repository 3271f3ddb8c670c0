"""Staff login / logout, account management (admins) and the audit-log page.

Login is protected against CSRF with a double-submit token (cookie + hidden field), because there is
no session yet to hold one. A new session token is issued on every login (no session fixation), and
the old one, if any, is revoked.
"""

from __future__ import annotations

import hmac
import secrets
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from bot.auth import audit, ratelimit, users
from bot.auth.config import AuthConfig, app_settings, auth_config, cookie_secure
from bot.auth.deps import (
    admin_page_user,
    admin_writer,
    app_db_path,
    client_ip,
    get_db,
    optional_user,
    safe_next,
    verify_csrf,
)
from bot.auth.sessions import SESSION_COOKIE, StaffUser, create_session, revoke_session, token_hash
from bot.auth.templating import make_templates, render
from bot.validation import RowId


@asynccontextmanager
async def _create_admin_from_env(app: FastAPI) -> AsyncIterator[None]:
    """At startup: TALENTBOT_ADMIN_USER / TALENTBOT_ADMIN_PASSWORD (the app's Settings) → first admin
    (FastAPI merges a router's lifespan into the app's, so the gateway need not know about it)."""
    users.ensure_admin_from_env(app_db_path(app), app_settings(app))
    yield


router = APIRouter(lifespan=_create_admin_from_env)
templates = make_templates()

LOGIN_CSRF_COOKIE = "talentbot_login_csrf"
STATIC_DIR = Path(__file__).resolve().parent / "static"
# Public assets: only what the login page needs, by exact name (no path from the URL reaches the disk).
PUBLIC_STATIC = {"staff.css": (STATIC_DIR / "staff.css", "text/css; charset=utf-8")}
BAD_LOGIN = "用户名或密码错误。"
NOTICES = {
    "created": "账号已创建。",
    "updated": "账号已更新。",
    "password": "密码已重置，该账号的所有会话已失效。",
}

Db = Annotated[sqlite3.Connection, Depends(get_db)]
Config = Annotated[AuthConfig, Depends(auth_config)]


def _login_page(
    request: Request, *, next_url: str, error: str = "", username: str = "", status_code: int = 200
) -> Response:
    token = secrets.token_urlsafe(32)
    response = render(
        templates,
        request,
        "login.html",
        {"next": next_url, "error": error, "username": username, "login_csrf": token},
        status_code=status_code,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        max_age=3600,
        httponly=True,
        samesite="strict",
        path="/login",
        secure=request.url.scheme == "https",
    )
    return response


@router.get("/login", include_in_schema=False)
def login_form(
    request: Request, user: Annotated[StaffUser | None, Depends(optional_user)], next: str = ""
) -> Response:
    if user is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_page(request, next_url=safe_next(next))


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    conn: Db,
    config: Config,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), csrf_token.encode()):
        # No session exists yet, so the double-submit cookie is the CSRF token; an expired form is
        # shown again (still 403) rather than as a bare JSON error.
        return _login_page(
            request, next_url=safe_next(next), status_code=403, error="登录页面已过期或来源不明，请重新提交。"
        )
    target = safe_next(next)
    name, ip = users.normalize_username(username), client_ip(request)
    if ratelimit.is_blocked(
        conn, name, ip, limit=config.max_failures, window_minutes=config.failure_window_minutes
    ):
        audit.record(conn, "login_blocked", username=name, ip=ip)
        return _login_page(
            request, next_url=target, username=name, status_code=429, error=ratelimit.BLOCKED_MESSAGE
        )
    account = users.authenticate(conn, name, password)
    if account is None:
        ratelimit.record_failure(conn, name, ip)
        audit.record(conn, "login_failed", username=name, ip=ip)
        return _login_page(request, next_url=target, username=name, error=BAD_LOGIN, status_code=401)
    ratelimit.clear_failures(conn, name, ip)
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        revoke_session(conn, token_hash(old))
    token = create_session(
        conn, account["id"], hours=config.session_hours, ip=ip, user_agent=request.headers.get("user-agent")
    )
    audit.record(conn, "login", user_id=account["id"], username=account["username"], ip=ip)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(config.session_hours * 3600),
        httponly=True,
        samesite="lax",
        secure=cookie_secure(request, config),
        path="/",
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout", include_in_schema=False)
async def logout(
    request: Request, conn: Db, config: Config, user: Annotated[StaffUser | None, Depends(optional_user)]
) -> Response:
    if user is not None:
        await verify_csrf(request, user)
        revoke_session(conn, user.session_hash)
        audit.record(conn, "logout", user_id=user.id, username=user.username, ip=client_ip(request))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=cookie_secure(request, config)
    )
    return response


@router.get("/staff/static/{name}", include_in_schema=False)
def public_static(name: str) -> Response:
    if name not in PUBLIC_STATIC:
        raise HTTPException(status_code=404)
    path, media_type = PUBLIC_STATIC[name]
    response = FileResponse(path, media_type=media_type, headers={"Cache-Control": "public, max-age=3600"})
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# ---- account management (admins) --------------------------------------------------------------------
def _actor(user: StaffUser, request: Request) -> dict[str, object]:
    return {"id": user.id, "username": user.username, "ip": client_ip(request)}


def _users_page(
    request: Request, conn: sqlite3.Connection, user: StaffUser, *, error: str = "", status_code: int = 200
) -> Response:
    notice = NOTICES.get(request.query_params.get("done", ""), "")
    return render(
        templates,
        request,
        "users.html",
        {
            "accounts": users.list_users(conn),
            "roles": users.ROLES,
            "error": error,
            "notice": notice,
            "min_password": users.MIN_PASSWORD_LENGTH,
        },
        user=user,
        status_code=status_code,
    )


@router.get("/review/users", include_in_schema=False)
def users_page(request: Request, conn: Db, user: Annotated[StaffUser, Depends(admin_page_user)]) -> Response:
    return _users_page(request, conn, user)


@router.post("/review/users", include_in_schema=False)
def create_account(
    request: Request,
    conn: Db,
    user: Annotated[StaffUser, Depends(admin_writer)],
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    role: Annotated[str, Form(max_length=20)] = "reviewer",
    display_name: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    try:
        users.create_user(
            conn, username, password, role, display_name=display_name, actor=_actor(user, request)
        )
    except users.UserError as err:
        return _users_page(request, conn, user, error=str(err), status_code=400)
    return RedirectResponse("/review/users?done=created", status_code=303)


@router.post("/review/users/{user_id}", include_in_schema=False)
def update_account(
    request: Request,
    conn: Db,
    user: Annotated[StaffUser, Depends(admin_writer)],
    user_id: RowId,
    role: Annotated[str, Form(max_length=20)],
    active: Annotated[str, Form(max_length=5)] = "0",
    display_name: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    try:
        users.update_user(
            conn,
            user_id,
            role=role,
            active=active == "1",
            display_name=display_name,
            actor=_actor(user, request),
        )
    except users.UserError as err:
        return _users_page(request, conn, user, error=str(err), status_code=400)
    return RedirectResponse("/review/users?done=updated", status_code=303)


@router.post("/review/users/{user_id}/password", include_in_schema=False)
def reset_password(
    request: Request,
    conn: Db,
    user: Annotated[StaffUser, Depends(admin_writer)],
    user_id: RowId,
    password: Annotated[str, Form(max_length=1000)],
) -> Response:
    try:
        users.set_password(conn, user_id, password, actor=_actor(user, request))
    except users.UserError as err:
        return _users_page(request, conn, user, error=str(err), status_code=400)
    return RedirectResponse("/review/users?done=password", status_code=303)


@router.get("/review/audit", include_in_schema=False)
def audit_page(
    request: Request, conn: Db, user: Annotated[StaffUser, Depends(admin_page_user)], page: int = 1
) -> Response:
    page = max(1, min(page, 10_000))
    rows = audit.recent(conn, limit=100, offset=(page - 1) * 100)
    return render(templates, request, "audit.html", {"rows": rows, "page": page}, user=user)
