"""GET /review/annotations (the queue, export links), deleting an entry, and — while the project has
no domain.yml — the admin-edited intent/entity lists."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from bot.auth import audit
from bot.auth.deps import client_ip
from bot.db import write_tx
from bot.review import annotations
from bot.review.export import marked_up
from bot.review.rendering import page
from bot.review.views.common import AdminWriter, Db, PageUser, PageWriter
from bot.review.vocab import parse_names, save_config_lists, vocabulary
from bot.validation import RowId

router = APIRouter()
NOTICES = {"deleted": "已从队列删除。", "vocab": "意图与实体类型已更新。"}


def _queue_page(
    request: Request, conn: Db, user: PageUser, *, error: str = "", status_code: int = 200
) -> Response:
    items = annotations.queued(conn)
    for item in items:
        item["markup"] = marked_up(item["text"], item["entities"])
    return page(
        request,
        "annotations.html",
        {
            "items": items,
            "vocab": vocabulary(conn, request),
            "notice": NOTICES.get(request.query_params.get("done", ""), ""),
            "error": error,
        },
        user,
        status_code=status_code,
    )


@router.get("/review/annotations", include_in_schema=False)
def queue_page(request: Request, conn: Db, user: PageUser) -> Response:
    return _queue_page(request, conn, user)


@router.post("/review/annotations/{annotation_id}/delete", include_in_schema=False)
def delete_annotation(request: Request, annotation_id: RowId, conn: Db, user: PageWriter) -> Response:
    if not annotations.delete(conn, annotation_id, actor=user, ip=client_ip(request)):
        raise HTTPException(status_code=404)
    return RedirectResponse("/review/annotations?done=deleted", status_code=303)


@router.post("/review/annotations/vocabulary", include_in_schema=False)
async def save_vocabulary(request: Request, conn: Db, user: AdminWriter) -> Response:
    if vocabulary(conn, request).source == "domain":
        return _queue_page(
            request,
            conn,
            user,
            status_code=400,
            error="项目已有 domain.yml，意图与实体以其为准，请在 domain.yml 中修改。",
        )
    form = await request.form()
    try:
        intents = parse_names(str(form.get("intents") or ""))
        entities = parse_names(str(form.get("entities") or ""))
        with write_tx(conn):
            save_config_lists(conn, intents, entities)
            audit.record(
                conn,
                "vocab_update",
                user_id=user.id,
                username=user.username,
                target_type="config",
                target_id="intents/entities",
                ip=client_ip(request),
                detail={"intents": intents, "entities": entities},
            )
    except ValueError as err:
        return _queue_page(request, conn, user, error=str(err), status_code=400)
    return RedirectResponse("/review/annotations?done=vocab", status_code=303)
