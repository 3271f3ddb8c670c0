"""Jinja2 rendering shared by the staff pages: autoescape always on, security headers on every page.

Why one place: the login page, user management and the review pages share a layout
(`staff_base.html`) and must all send the same Content-Security-Policy — scripts and styles only
from our own origin, so even an escaping slip could not run injected script.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from bot.auth.sessions import StaffUser

AUTH_TEMPLATES = Path(__file__).resolve().parent / "templates"
BEIJING = timezone(timedelta(hours=8))  # China has no DST; staff read times in Beijing time

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def local_time(value: str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """An ISO-8601 UTC timestamp from the DB, shown in Beijing time ('' when missing or malformed)."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(BEIJING).strftime(fmt)


def make_templates(extra_dirs: Iterable[Path] = ()) -> Jinja2Templates:
    """Templates from `extra_dirs` first, then the auth templates (which hold the shared layout)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*map(str, extra_dirs), str(AUTH_TEMPLATES)]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["local_time"] = local_time
    return Jinja2Templates(env=env)


def secure_headers(response: Response) -> Response:
    for key, value in SECURITY_HEADERS.items():
        response.headers[key] = value
    return response


def render(
    templates: Jinja2Templates,
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    user: StaffUser | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """Render a staff page with the current user and their CSRF token available to the layout."""
    ctx = {"user": user, "csrf_token": user.csrf_token if user else "", **(context or {})}
    response = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    secure_headers(response)
    return response
