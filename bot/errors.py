"""One JSON error shape for every 4xx/5xx the gateway returns: {"error", "message", "message_en"}.

Why: the widget, the WeChat bridge and API clients all show `message` (Chinese) to a person and branch
on `error`; FastAPI's own 422 body and Starlette's {"detail"} would give them two more shapes.

A person's browser asking for a page (Accept: text/html, not under an `/api/` path) gets the same
error as an HTML page in the staff layout instead (bot/error_pages.py): a 401 with a login link, a
403, 404, 429 or 500 that reads as a page rather than as JSON source. Scripts keep the JSON.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot import error_pages

log = logging.getLogger(__name__)

HTTP_MESSAGES: dict[int, tuple[str, str, str]] = {
    400: ("bad_request", "请求格式不正确。", "Bad request."),
    401: ("unauthorized", "请先登录。", "Login required."),
    403: ("forbidden", "没有权限访问。", "Forbidden."),
    404: ("not_found", "页面或接口不存在。", "Not found."),
    405: ("method_not_allowed", "不支持该请求方法。", "Method not allowed."),
    413: ("body_too_large", "请求内容过大。", "Request body too large."),
    429: ("too_many_requests", "请求过于频繁，请稍后再试。", "Too many requests."),
}
INTERNAL_MESSAGE = "服务暂时出现问题，请稍后再试。"


class ApiError(Exception):
    """A client error with a code, a Chinese message for people and an English one for logs."""

    def __init__(
        self, status: int, code: str, message: str, message_en: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message_en)
        self.status = status
        self.code = code
        self.message = message
        self.message_en = message_en
        self.headers = headers or {}  # e.g. Retry-After on a 429


def error_response(
    status: int, code: str, message: str, message_en: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": code, "message": message, "message_en": message_en}, status_code=status, headers=headers
    )


def _respond(
    request: Request, status: int, code: str, message: str, message_en: str, headers: dict[str, str] | None
) -> Response:
    """JSON for scripts; an HTML page in the staff layout for a browser asking for a page."""
    if status >= 400 and error_pages.wants_html(request):
        page = error_pages.render_error(request, status, message, headers or {})
        if page is not None:
            return page
    return error_response(status, code, message, message_en, headers)


async def _api_error(request: Request, exc: ApiError) -> Response:
    return _respond(request, exc.status, exc.code, exc.message, exc.message_en, exc.headers)


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    fields = sorted({".".join(str(p) for p in err.get("loc", ())[1:]) or "body" for err in exc.errors()})
    names = "、".join(fields)
    return _respond(
        request,
        422,
        "invalid_request",
        f"请求参数有误：{names}。",
        f"Invalid request parameters: {', '.join(fields)}.",
        None,
    )


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    code, zh, en = HTTP_MESSAGES.get(exc.status_code, ("http_error", "请求未能完成。", "Request failed."))
    return _respond(request, exc.status_code, code, zh, en, dict(exc.headers or {}))


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error: %s", exc)
    return _respond(request, 500, "internal_error", INTERNAL_MESSAGE, "Internal error.", None)


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through the shared shape (422 from FastAPI validation included)."""
    # ignore[arg-type]: Starlette types a handler as taking `Exception`; ours take the subclass they are
    # registered for, which is what Starlette passes them.
    app.add_exception_handler(ApiError, _api_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
