"""GET /review/insights: charts (Chart.js, vendored) and the top unanswered questions."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from bot.review import insights
from bot.review.rendering import page
from bot.review.views.common import Db, PageUser

router = APIRouter()


@router.get("/review/insights", include_in_schema=False)
def insights_page(
    request: Request, conn: Db, user: PageUser, date_from: str = "", date_to: str = ""
) -> Response:
    rng, errors = insights.parse_range(date_from, date_to)
    data = insights.insights(conn, rng)
    charts = {k: data[k] for k in ("daily", "intents", "channels", "feedback")}
    return page(request, "insights.html", {"data": data, "charts": charts, "errors": errors}, user)
