"""FastAPI dependencies that close the staff pages: DB connection, current user, admin, CSRF.

Why two flavours of "current user": a browser asking for a page should land on the login form and
come back (303 → /login?next=…), while a script calling a JSON API needs a plain 401 it can act on.
CSRF is checked after authentication, on every state-changing request: the per-session token must
come back in the `csrf_token` form field or the `X-CSRF-Token` header; a cross-site Origin or
`Sec-Fetch-Site: cross-site` is refused even before the token is compared.
"""

from __future__ import annotations

import hmac
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, HTTPException, Request

from bot.auth.config import app_settings
from bot.auth.schema import open_db
from bot.auth.sessions import SESSION_COOKIE, StaffUser, load_session

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
DEFAULT_NEXT = "/review"


def app_db_path(app: object) -> Path | str:
    """The gateway's store (SQLite file or PostgreSQL URL), from the app's Settings
    (`bot.auth.config.app_settings`)."""
    return app_settings(app).store


def db_path(request: Request) -> Path | str:
    return app_db_path(request.app)


def get_db(request: Request) -> Iterator[sqlite3.Connection]:
    """One connection per request, closed afterwards."""
    conn = open_db(db_path(request))
    try:
        yield conn
    finally:
        conn.close()


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def safe_next(value: str | None) -> str:
    """Only a same-site relative path may be a post-login target (no //host, no scheme, no backslash)."""
    if not value or not value.startswith("/") or value.startswith("//"):
        return DEFAULT_NEXT
    if "\\" in value or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        return DEFAULT_NEXT
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return DEFAULT_NEXT
    return value


def login_url(request: Request) -> str:
    """/login?next=<this page> for GETs; other methods return to the default page after login."""
    if request.method != "GET":
        return "/login"
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?next=" + quote(safe_next(target), safe="")


def optional_user(request: Request, conn: Annotated[sqlite3.Connection, Depends(get_db)]) -> StaffUser | None:
    return load_session(conn, request.cookies.get(SESSION_COOKIE))


def page_user(request: Request, user: Annotated[StaffUser | None, Depends(optional_user)]) -> StaffUser:
    """For HTML pages and forms: anonymous → 303 to the login form."""
    if user is None:
        raise HTTPException(status_code=303, headers={"Location": login_url(request)})
    return user


def api_user(user: Annotated[StaffUser | None, Depends(optional_user)]) -> StaffUser:
    """For JSON APIs and downloads: anonymous → 401."""
    if user is None:
        raise HTTPException(status_code=401)
    return user


def admin_page_user(user: Annotated[StaffUser, Depends(page_user)]) -> StaffUser:
    if not user.is_admin:
        raise HTTPException(status_code=403)
    return user


def _same_origin(request: Request) -> bool:
    """False for requests a browser marks as cross-site or whose Origin names another host.

    Requests without an Origin header (old browsers, curl, tests) pass; the token check decides.
    """
    if request.headers.get("sec-fetch-site") == "cross-site":
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    hosts = {request.headers.get("host"), request.headers.get("x-forwarded-host"), request.url.netloc}
    return urlsplit(origin).netloc in hosts - {None}


async def verify_csrf(request: Request, user: StaffUser) -> None:
    """403 unless the request is same-origin and carries this session's CSRF token."""
    if not _same_origin(request):
        raise HTTPException(status_code=403)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent.encode(), user.csrf_token.encode()):
        raise HTTPException(status_code=403)


async def page_writer(request: Request, user: Annotated[StaffUser, Depends(page_user)]) -> StaffUser:
    """A logged-in user submitting a form with a valid CSRF token."""
    await verify_csrf(request, user)
    return user


async def api_writer(request: Request, user: Annotated[StaffUser, Depends(api_user)]) -> StaffUser:
    """A logged-in user calling a state-changing JSON API with a valid X-CSRF-Token."""
    await verify_csrf(request, user)
    return user


async def admin_writer(request: Request, user: Annotated[StaffUser, Depends(admin_page_user)]) -> StaffUser:
    await verify_csrf(request, user)
    return user
