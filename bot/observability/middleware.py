"""Every HTTP request gets a request id, an access line and (for the hotline assistant) a timing.

Why a plain ASGI middleware: the request id must be set before any router, dependency or error
handler runs and stay set for everything the request starts (the turn's task, thread-pool calls,
a late WeChat send: they copy the context), and the access line must see the final status even when
an error handler wrote the response. A sane `X-Request-ID` from the client or a proxy in front is
kept (`talentbot_rasa.jsonlog.clean_request_id`), else a new one is made; either way the response
carries it, so a user's report can be matched with the logs.

The access line has the path without the query string: /wechat's carries the user's openid and the
request signature. Client addresses are not logged.
"""

from __future__ import annotations

import logging
import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.observability.metrics import Metrics
from talentbot_rasa import jsonlog

access_log = logging.getLogger("bot.access")
ASSIST_PREFIX = "/api/assist"


class RequestContextMiddleware:
    """Sets `jsonlog.REQUEST_ID` for the request, answers it in `X-Request-ID`, logs and times it."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = (
            jsonlog.clean_request_id(Headers(scope=scope).get(jsonlog.HEADER)) or jsonlog.new_request_id()
        )
        token = jsonlog.REQUEST_ID.set(request_id)
        started = time.perf_counter()
        status = 500  # what the server answers when the app fails before starting a response

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message).append(jsonlog.HEADER, request_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            path: str = scope.get("path", "")
            if path.startswith(ASSIST_PREFIX):
                self.metrics.assist_call(path, seconds)
            access_log.info(
                "%s %s %s",
                scope.get("method", ""),
                path,
                status,
                extra={
                    "method": scope.get("method", ""),
                    "path": path,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 1),
                },
            )
            jsonlog.REQUEST_ID.reset(token)
