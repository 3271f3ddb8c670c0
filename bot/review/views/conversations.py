"""GET /review (filtered list), GET /review/c/{id} (transcript), POST triage and annotation forms."""

from __future__ import annotations

import sqlite3
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from bot.auth import users
from bot.auth.deps import client_ip
from bot.auth.sessions import StaffUser
from bot.review import annotations, queries, triage
from bot.review.rendering import page
from bot.review.views.common import Db, PageUser, PageWriter
from bot.review.vocab import TRANSITIONS, vocabulary
from bot.validation import RowId

router = APIRouter()

SAVED = {"triage": "处理信息已保存。", "annotation": "标注已加入队列。"}


def conversation_url(conversation_id: str, **params: str) -> str:
    query = f"?{urlencode(params)}" if params else ""
    return f"/review/c/{quote(conversation_id, safe='')}{query}"


@router.get("/review", include_in_schema=False)
def review_list(request: Request, conn: Db, user: PageUser) -> Response:
    filters = queries.Filters.from_query(request.query_params)
    result = queries.list_conversations(conn, filters)
    return page(
        request,
        "list.html",
        {
            "f": filters,
            "result": result,
            "intents": queries.distinct_intents(conn),
            "channels_in_log": [
                r[0] for r in conn.execute("SELECT DISTINCT channel FROM conversations ORDER BY 1")
            ],
            "query": urlencode(filters.query_items()),
            "page_link": lambda n: "/review?" + urlencode(filters.query_items(page=n)),
        },
        user,
    )


def _transcript(
    request: Request,
    conn: sqlite3.Connection,
    user: StaffUser,
    conversation_id: str,
    *,
    error: str = "",
    status_code: int = 200,
) -> Response:
    conv = queries.conversation(conn, conversation_id)
    if conv is None:
        return page(request, "not_found.html", {"conversation_id": conversation_id}, user, status_code=404)
    context: dict[str, Any] = {
        "c": conv,
        "vocab": vocabulary(conn, request),
        "staff": users.list_users(conn, active_only=True),
        "next_statuses": TRANSITIONS[conv["status"]],
        "error": error,
        "notice": SAVED.get(request.query_params.get("saved", ""), ""),
        "self_url": conversation_url(conversation_id),
    }
    return page(request, "conversation.html", context, user, status_code=status_code)


@router.get("/review/c/{conversation_id}", include_in_schema=False)
def transcript(request: Request, conversation_id: str, conn: Db, user: PageUser) -> Response:
    return _transcript(request, conn, user, conversation_id)


@router.post("/review/c/{conversation_id}/triage", include_in_schema=False)
async def triage_form(request: Request, conversation_id: str, conn: Db, user: PageWriter) -> Response:
    form = await request.form()
    try:
        triage.update(
            conn,
            conversation_id,
            user,
            status=str(form.get("status") or ""),
            tags=[str(t) for t in form.getlist("tags")] if form.get("tags_field") else triage.UNCHANGED,
            assignee=str(form.get("assignee") or "") if "assignee" in form else triage.UNCHANGED,
            note=str(form.get("note") or ""),
            ip=client_ip(request),
        )
    except triage.TriageError as err:
        return _transcript(request, conn, user, conversation_id, error=str(err), status_code=400)
    return RedirectResponse(conversation_url(conversation_id, saved="triage"), status_code=303)


@router.post("/review/c/{conversation_id}/m/{message_id}/annotate", include_in_schema=False)
async def annotate_form(
    request: Request, conversation_id: str, message_id: RowId, conn: Db, user: PageWriter
) -> Response:
    form = await request.form()
    vocab = vocabulary(conn, request)
    try:
        message = annotations.user_message(conn, conversation_id, message_id)
        entities = annotations.parse_entities(
            annotations.one_line(message["text"] or ""),
            str(form.get("entities_json") or ""),
            value=str(form.get("entity_value") or ""),
            entity=str(form.get("entity_type") or ""),
            allowed=vocab.entities,
        )
        annotations.save(
            conn,
            message,
            intent=str(form.get("intent") or ""),
            entities=entities,
            vocab=vocab,
            actor=user,
            ip=client_ip(request),
        )
    except annotations.AnnotationError as err:
        return _transcript(request, conn, user, conversation_id, error=str(err), status_code=400)
    url = conversation_url(conversation_id, saved="annotation")
    return RedirectResponse(f"{url}#m{message_id}", status_code=303)
