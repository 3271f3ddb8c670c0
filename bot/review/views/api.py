"""JSON API under /review/api/ (401 when anonymous; writes need the X-CSRF-Token header).

For scripts and the page's own fetch calls: the same data as the pages, and the same triage and
annotation rules (the functions behind the forms are reused, so both paths audit identically).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from bot.auth.deps import client_ip
from bot.review import annotations, insights, queries, triage
from bot.review.views.common import ApiUser, ApiWriter, Db
from bot.review.vocab import vocabulary
from bot.validation import RowId

router = APIRouter(prefix="/review/api", tags=["review"])


class TriageBody(BaseModel):
    """Only the fields present are changed."""

    status: str | None = Field(None, max_length=20)
    tags: list[str] | None = Field(None, max_items=10)
    assignee: str | None = Field(None, max_length=100)
    note: str = Field("", max_length=triage.MAX_NOTE)


class EntitySpan(BaseModel):
    start: int
    end: int
    entity: str = Field(..., max_length=64)
    value: str | None = Field(None, max_length=500)  # if sent, must equal the text at start:end


class AnnotationBody(BaseModel):
    intent: str = Field(..., max_length=64)
    entities: list[EntitySpan] = Field(default_factory=list, max_items=annotations.MAX_ENTITIES)


def _rejected(code: str, message: str) -> JSONResponse:
    """400 in the gateway's error shape ({"error","message","message_en"}) with the Chinese reason."""
    return JSONResponse(
        {"error": code, "message": message, "message_en": "Rejected, see message."}, status_code=400
    )


@router.get("/conversations")
def list_conversations(request: Request, conn: Db, user: ApiUser) -> dict[str, Any]:
    filters = queries.Filters.from_query(request.query_params)
    result = queries.list_conversations(conn, filters)
    rows = [{**row, "badges": [label for _, label in row["badges"]]} for row in result.rows]
    return {
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "errors": filters.errors,
        "conversations": rows,
    }


@router.get("/c/{conversation_id}")
def get_conversation(conversation_id: str, conn: Db, user: ApiUser) -> dict[str, Any]:
    conv = queries.conversation(conn, conversation_id)
    if conv is None:
        raise HTTPException(status_code=404)
    conv["badges"] = [label for _, label in conv["badges"]]
    conv["annotations"] = list(conv["annotations"].values())
    return conv


@router.post("/c/{conversation_id}/triage")
def update_triage(request: Request, conversation_id: str, body: TriageBody, conn: Db, user: ApiWriter) -> Any:
    try:
        result = triage.update(
            conn,
            conversation_id,
            user,
            status=body.status if body.status is not None else triage.UNCHANGED,
            tags=body.tags if body.tags is not None else triage.UNCHANGED,
            assignee=body.assignee if body.assignee is not None else triage.UNCHANGED,
            note=body.note,
            ip=client_ip(request),
        )
    except triage.TriageError as err:
        return _rejected("invalid_triage", str(err))
    now = triage.state(conn, conversation_id)
    return {"status": now.status, "tags": list(now.tags), "assignee": now.assignee, **result}


@router.post("/c/{conversation_id}/m/{message_id}/annotation")
def annotate(
    request: Request, conversation_id: str, message_id: RowId, body: AnnotationBody, conn: Db, user: ApiWriter
) -> Any:
    vocab = vocabulary(conn, request)
    try:
        message = annotations.user_message(conn, conversation_id, message_id)
        spans = [span.dict(exclude_none=True) for span in body.entities]
        entities = annotations.parse_entities(
            annotations.one_line(message["text"] or ""), json.dumps(spans), allowed=vocab.entities
        )
        annotation_id = annotations.save(
            conn,
            message,
            intent=body.intent,
            entities=entities,
            vocab=vocab,
            actor=user,
            ip=client_ip(request),
        )
    except annotations.AnnotationError as err:
        return _rejected("invalid_annotation", str(err))
    return {"id": annotation_id, "intent": body.intent, "entities": entities}


@router.get("/insights")
def get_insights(conn: Db, user: ApiUser, date_from: str = "", date_to: str = "") -> dict[str, Any]:
    rng, errors = insights.parse_range(date_from, date_to)
    return {**insights.insights(conn, rng), "errors": errors}
