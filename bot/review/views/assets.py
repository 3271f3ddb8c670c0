"""GET /review/static/{name}: the review pages' scripts and the vendored Chart.js, for staff only.

An exact allow-list maps names to files, so no part of the URL ever becomes a filesystem path.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, Response

from bot.review.views.common import PageUser

router = APIRouter()
REVIEW_STATIC = Path(__file__).resolve().parent.parent / "static"
VENDOR = Path(__file__).resolve().parent.parent.parent / "static" / "vendor"
JS = "text/javascript; charset=utf-8"
ASSETS: dict[str, tuple[Path, str]] = {
    "review.js": (REVIEW_STATIC / "review.js", JS),
    "insights.js": (REVIEW_STATIC / "insights.js", JS),
    "chart.umd.min.js": (VENDOR / "chart.umd.min.js", JS),
}


@router.get("/review/static/{name}", include_in_schema=False)
def asset(name: str, user: PageUser) -> Response:
    if name not in ASSETS:
        raise HTTPException(status_code=404)
    path, media_type = ASSETS[name]
    return FileResponse(
        path,
        media_type=media_type,
        headers={
            "Cache-Control": "private, max-age=3600",
            "X-Content-Type-Options": "nosniff",
        },
    )
