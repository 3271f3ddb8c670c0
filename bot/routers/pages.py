"""The chat page (GET /) and the embed script (GET /widget.js).

Why server-rendered with a strict CSP: the page works without a build step or CDN, and with
`script-src 'self'` no injected markup could run even if a bug rendered text as HTML. The page may be
framed by any site (`frame-ancestors *`) because /widget.js embeds it in an iframe.
"""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse

from bot.services import BOT_DIR, TEMPLATES, ServicesDep
from bot.welcome import welcome

router = APIRouter(tags=["pages"])

DEFAULT_TITLE = "人才政策咨询"
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors *"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@router.get("/", response_class=HTMLResponse)
async def chat_page(
    request: Request,
    services: ServicesDep,
    title: str = Query(DEFAULT_TITLE, max_length=30),
    embed: int = Query(0, ge=0, le=1),
) -> HTMLResponse:
    greeting = welcome(services.hotline)
    return TEMPLATES.TemplateResponse(
        request,
        "chat.html",
        {"title": title.strip() or DEFAULT_TITLE, "embed": bool(embed), "welcome": greeting},
        headers=PAGE_HEADERS,
    )


@router.get("/widget.js", include_in_schema=False)
async def widget_script() -> FileResponse:
    return FileResponse(
        BOT_DIR / "static" / "widget.js",
        media_type="application/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"},
    )
