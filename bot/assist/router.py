"""Routes of the hotline assistant: the page, the ranked answers, the calculators and the source viewer.

Every route but the static files needs a staff login (DESIGN: no staff page is reachable without
logging in): pages redirect to /login, JSON answers 401. The dependencies are bot.auth's, so sessions,
expiry and CSRF behave exactly as on the review pages. Calculators are POSTs carrying the session's
CSRF token although they change nothing, so a cross-site page cannot use a staff session to run them.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from pydantic import BaseModel, Field, validator

from bot.assist import calculators
from bot.assist.query import parse
from bot.assist.ranking import UnknownRegion, rank, resolve_region
from bot.assist.sources import viewer_link
from bot.auth.deps import api_user, api_writer, page_user
from bot.auth.sessions import StaffUser
from bot.auth.templating import make_templates, render
from bot.errors import ApiError
from policy_kb import api
from policy_kb.passages import document_with_span, documents, passage
from policy_kb.typos import read_as_meant

HERE = Path(__file__).resolve().parent
STATIC = {
    "assist.css": "text/css; charset=utf-8",
    "assist.js": "application/javascript; charset=utf-8",
    "source.js": "application/javascript; charset=utf-8",
}
MAX_QUERY_CHARS = 200
MAX_K = 10
MAX_INPUTS = 12

router = APIRouter(tags=["assist"])
templates = make_templates([HERE / "templates"])
Staff = Annotated[StaffUser, Depends(api_user)]


_warm = threading.Event()


def _warm_up() -> None:
    """Build the search index, jieba's dictionary and the catalogue in the background when the page is
    first opened, so the first keystroke after a restart does not wait a second for them."""
    if _warm.is_set():
        return
    _warm.set()
    threading.Thread(
        target=lambda: (api.search("人才", k=1), parse("杰青"), read_as_meant("接青")), daemon=True
    ).start()


def _regions() -> list[str]:
    return [d.region for d in documents()]


def _bad_region(region: str) -> ApiError:
    covered = "、".join(_regions())
    return ApiError(
        422,
        "unknown_region",
        f"地区“{region}”未收录，只能选{covered}，或留空查全部地区。",
        f"Unknown region {region!r}.",
    )


@router.get("/api/assist")
def assist(
    _: Staff,
    q: str = "",
    k: int = Query(3, ge=1, le=MAX_K),
    region: str = Query("", max_length=20),
) -> dict:
    """Ranked suggestions for a keyword query; [] for an empty or meaningless one (not an error)."""
    if len(q) > MAX_QUERY_CHARS:
        raise ApiError(
            422,
            "query_too_long",
            f"查询内容过长（最多{MAX_QUERY_CHARS}个字），请只输入关键词。",
            f"Query longer than {MAX_QUERY_CHARS} characters.",
        )
    try:
        wanted = resolve_region(region)
    except UnknownRegion:
        raise _bad_region(region) from None
    searched, suggestions = rank(read_as_meant(q), k, wanted)
    return {"query": q, "region": searched or "", "suggestions": suggestions}


class CalcRequest(BaseModel):
    """A calculator form: the page's region and the fields staff filled in, as typed."""

    region: str | None = Field(None, max_length=20)
    inputs: dict[str, str] = Field(default_factory=dict)

    @validator("inputs")
    def _small(cls, value: dict[str, str]) -> dict[str, str]:
        if len(value) > MAX_INPUTS or any(len(k) > 40 or len(v) > 60 for k, v in value.items()):
            raise ValueError("too many or too long inputs")
        return value


@router.post("/api/assist/calc/{name}")
def calculate(name: str, body: CalcRequest, _: Annotated[StaffUser, Depends(api_writer)]) -> dict:
    """Run one calculator on the form's values: answer, trace steps, citations, what is missing."""
    if name not in calculators.BY_NAME:
        raise HTTPException(status_code=404)
    try:
        wanted = resolve_region(body.region)
    except UnknownRegion:
        raise _bad_region(body.region or "") from None
    try:
        return calculators.run(name, body.inputs, wanted)
    except calculators.CalcInputError as err:
        raise ApiError(422, "unknown_input", str(err), "Unknown calculator input.") from None


@router.get("/assist", response_class=HTMLResponse, include_in_schema=False)
def assist_page(request: Request, user: Annotated[StaffUser, Depends(page_user)]) -> Response:
    _warm_up()
    return render(
        templates,
        request,
        "assist.html",
        {"calculators": calculators.CALCULATORS, "regions": _regions(), "max_query": MAX_QUERY_CHARS},
        user=user,
    )


@router.get("/assist/source/{edition}/{passage_id}", response_class=HTMLResponse, include_in_schema=False)
def source_page(
    request: Request, edition: str, passage_id: str, user: Annotated[StaffUser, Depends(page_user)]
) -> Response:
    """The whole policy text with one clause highlighted (the page scrolls it into view)."""
    try:
        p = passage(passage_id)
    except KeyError:
        raise HTTPException(status_code=404) from None
    if p.edition != edition:
        raise HTTPException(status_code=404)
    view = document_with_span(passage_id)
    context = {
        "view": view,
        "passage": p,
        "before": view.text[: view.start],
        "clause_text": view.text[view.start : view.end],
        "after": view.text[view.end :],
        "self_link": viewer_link(edition, passage_id),
    }
    return render(templates, request, "source.html", context, user=user)


@router.get("/assist/static/{name}", include_in_schema=False)
def static_file(name: str) -> Response:
    """Our CSS and JS by exact name (no path from the URL reaches the disk); no data, so no login."""
    if name not in STATIC:
        raise HTTPException(status_code=404)
    return FileResponse(
        HERE / "static" / name,
        media_type=STATIC[name],
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )
