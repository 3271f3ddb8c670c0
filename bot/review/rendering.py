"""Templates of the review pages (beside this package) on top of the shared staff layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from bot.auth.sessions import StaffUser
from bot.auth.templating import make_templates, render
from bot.review.annotations import one_line
from bot.review.queries import CHANNELS, DEFAULT_THRESHOLD
from bot.review.vocab import STATUSES, TAGS

HERE = Path(__file__).resolve().parent
templates = make_templates([HERE / "templates"])
templates.env.globals.update(
    STATUSES=STATUSES,
    TAGS=TAGS,
    CHANNELS=CHANNELS,
    DEFAULT_THRESHOLD=DEFAULT_THRESHOLD,
    FEEDBACK={"up": "好评", "down": "差评"},
)


def _confidence(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


templates.env.filters["confidence"] = _confidence
# The span picker shows the text exactly as the annotation stores it, so selection offsets match.
templates.env.filters["one_line"] = one_line


def page(
    request: Request, name: str, context: dict[str, Any], user: StaffUser, status_code: int = 200
) -> HTMLResponse:
    return render(templates, request, name, context, user=user, status_code=status_code)
