"""Errors as pages for people: 401/403/404/429/500 in the staff layout when a browser asks for a page.

Why: a member of staff whose session expired, who follows a stale link or who is not an admin used to
see `{"error": "unauthorized", ...}` — JSON source in the browser. The page says the same thing in
Chinese, in the layout they know, with the way out (a login link that returns to the page, the
conversation list, the chat). Only requests that ask for HTML (Accept: text/html, as a browser's
navigation does) and that are not under an API path get it: the widget's fetch calls, `/api/*`,
`/review/api/*`, `/wechat` and scripts keep the JSON shape of bot/errors.py.

The page is built with the staff templates (bot/auth/templates/error.html, the shared
Content-Security-Policy from bot/auth/templating.py). For 403/404/429 a logged-in user keeps their
navigation bar; a 500 does not look the user up (the database may be what failed). If rendering the
page fails, the caller falls back to the JSON error.
"""

from __future__ import annotations

import logging

from fastapi import Request
from starlette.responses import Response

from bot.auth.deps import app_db_path, login_url
from bot.auth.schema import open_db
from bot.auth.sessions import SESSION_COOKIE, StaffUser, load_session
from bot.auth.templating import make_templates, render

log = logging.getLogger(__name__)

templates = make_templates()

# Paths that are APIs or machine endpoints: always JSON (or their own format), whatever Accept says.
JSON_PREFIXES = ("/api/", "/wechat", "/metrics", "/openapi.json")
STAFF_PREFIXES = ("/review", "/assist", "/login", "/logout", "/staff/")

# status → (title, explanation); 429's explanation gets the wait in seconds.
PAGES: dict[int, tuple[str, str]] = {
    401: ("请先登录", "此页面仅供工作人员使用，请登录后继续。"),
    403: (
        "没有访问权限",
        "您的账号没有权限执行此操作。如果您刚提交了表单，页面可能已经过期，请返回刷新后再试；"
        "如需开通权限，请联系管理员。",
    ),
    404: ("页面不存在", "您访问的页面不存在或已被移除，请检查地址是否正确。"),
    429: ("请求过于频繁", "操作太频繁了，请稍候再试。"),
    500: ("服务暂时出现问题", "非常抱歉，服务暂时出现问题，我们已记录此情况，请稍后再试。"),
}


def wants_html(request: Request) -> bool:
    """A browser navigating to a page (not an API call, not a fetch that asked for JSON)."""
    path = request.url.path
    if path.startswith(JSON_PREFIXES) or "/api/" in path:
        return False
    return "text/html" in request.headers.get("accept", "").lower()


def _user(request: Request, status: int) -> StaffUser | None:
    """The logged-in staff member for the navigation bar, or None (never for a 500)."""
    if status >= 500 or not request.cookies.get(SESSION_COOKIE):
        return None
    try:
        conn = open_db(app_db_path(request.app))
        try:
            return load_session(conn, request.cookies.get(SESSION_COOKIE))
        finally:
            conn.close()
    except Exception:  # the page is still useful without the navigation bar
        log.exception("error page: could not load the staff session")
        return None


def render_error(request: Request, status: int, message: str, headers: dict[str, str]) -> Response | None:
    """The error page, or None when it cannot be rendered (the caller answers JSON instead)."""
    title, explanation = PAGES.get(status, ("请求未能完成", message))
    if status == 429 and headers.get("Retry-After", "").isdigit():
        explanation = f"操作太频繁了，请 {headers['Retry-After']} 秒后再试。"
    staff = request.url.path.startswith(STAFF_PREFIXES)
    context = {
        "status": status,
        "title": title,
        "explanation": explanation,
        "detail": message if status not in PAGES else "",
        "login_href": login_url(request) if status == 401 else "",
        "home_href": "/review" if staff else "/",
        "home_label": "返回会话列表" if staff else "返回咨询首页",
    }
    try:
        response = render(
            templates, request, "error.html", context, user=_user(request, status), status_code=status
        )
    except Exception:
        log.exception("error page %s could not be rendered; answering JSON", status)
        return None
    for key, value in headers.items():
        if key.lower() != "location":
            response.headers[key] = value
    return response
