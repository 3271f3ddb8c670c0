"""`GET /metrics`: Prometheus text for loopback, a staff session or the scrape token (DESIGN.md).

Who may read it, in order:
- a client on loopback whose request was not forwarded: a Prometheus or `curl` on the same host.
  A request carrying `Forwarded`, `X-Forwarded-For` or `X-Real-IP` came through a proxy, and a
  proxy on the same host would make every internet client look local, so it does not count;
- `Authorization: Bearer <TALENTBOT_METRICS_TOKEN>` when that is set (a Prometheus elsewhere);
- a logged-in staff member (the session cookie of /login).
Anyone else gets 403 with the usual JSON error; the counts say how busy the service is and how
often it fails, which is not for the public.
"""

from __future__ import annotations

import hmac
import ipaddress

from fastapi import APIRouter, Request
from fastapi.responses import Response

from bot.auth.schema import open_db
from bot.auth.sessions import SESSION_COOKIE, load_session
from bot.errors import ApiError
from bot.observability.metrics import CONTENT_TYPE, Metrics
from bot.settings import Settings

router = APIRouter(tags=["observability"])
FORWARDING_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip")


def from_loopback(request: Request) -> bool:
    """The TCP peer is this host and no proxy says it forwarded someone else's request."""
    host = request.client.host if request.client else ""
    try:
        local = ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
    return local and not any(h in request.headers for h in FORWARDING_HEADERS)


def has_token(request: Request, settings: Settings) -> bool:
    if not settings.metrics_token:
        return False
    scheme, _, sent = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        sent.strip().encode(), settings.metrics_token.encode()
    )


def is_staff(request: Request, settings: Settings) -> bool:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return False
    conn = open_db(settings.store)
    try:
        return load_session(conn, token) is not None
    finally:
        conn.close()


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """The app's metrics in Prometheus' text format (sync: the staff check reads the database)."""
    settings: Settings = request.app.state.services.settings
    if not (from_loopback(request) or has_token(request, settings) or is_staff(request, settings)):
        raise ApiError(
            403,
            "metrics_forbidden",
            "运行指标仅限本机或已登录的工作人员查看。",
            "/metrics is for loopback, a staff session or the metrics token.",
        )
    registry: Metrics = request.app.state.metrics
    return Response(registry.render(), media_type=CONTENT_TYPE)
