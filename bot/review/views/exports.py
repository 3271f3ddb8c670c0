"""Downloads: conversations / triage queue as CSV, the annotation queue as Rasa NLU YAML and test
stories. Every download is written to the audit log with what was exported."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from bot.auth import audit
from bot.auth.deps import client_ip
from bot.auth.sessions import StaffUser
from bot.auth.templating import BEIJING
from bot.review import annotations, export, queries, triage
from bot.review.views.common import Db, PageUser

router = APIRouter()


def _download(body: bytes, filename: str, media_type: str) -> Response:
    stamp = datetime.now(BEIJING).strftime("%Y%m%d-%H%M")
    stem, _, ext = filename.rpartition(".")
    return Response(
        body,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{stem}-{stamp}.{ext}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def _audit(
    conn: sqlite3.Connection, request: Request, user: StaffUser, what: str, detail: dict[str, Any]
) -> None:
    audit.record(
        conn,
        "export",
        user_id=user.id,
        username=user.username,
        target_type="export",
        target_id=what,
        ip=client_ip(request),
        detail=detail,
    )


@router.get("/review/export/conversations.csv", include_in_schema=False)
def conversations_csv(request: Request, conn: Db, user: PageUser) -> Response:
    filters = queries.Filters.from_query(request.query_params)
    ids = queries.conversation_ids(conn, filters)
    body, n_rows = export.conversations_csv(conn, ids)
    _audit(
        conn,
        request,
        user,
        "conversations.csv",
        {"filters": dict(filters.query_items()), "conversations": len(ids), "rows": n_rows},
    )
    return _download(body, "conversations.csv", "text/csv; charset=utf-8")


@router.get("/review/export/triage.csv", include_in_schema=False)
def triage_csv(request: Request, conn: Db, user: PageUser) -> Response:
    body, n_rows = export.triage_csv(triage.queue(conn))
    _audit(conn, request, user, "triage.csv", {"rows": n_rows})
    return _download(body, "triage.csv", "text/csv; charset=utf-8")


@router.get("/review/export/nlu.yml", include_in_schema=False)
def nlu_yml(request: Request, conn: Db, user: PageUser) -> Response:
    items = annotations.queued(conn)
    _audit(conn, request, user, "nlu.yml", {"annotations": len(items)})
    return _download(
        export.nlu_yaml(items).encode("utf-8"), "review_annotations.yml", "application/yaml; charset=utf-8"
    )


@router.get("/review/export/test_stories.yml", include_in_schema=False)
def stories_yml(request: Request, conn: Db, user: PageUser) -> Response:
    items = annotations.queued(conn)
    _audit(conn, request, user, "test_stories.yml", {"annotations": len(items)})
    return _download(
        export.test_stories_yaml(items).encode("utf-8"),
        "test_review_annotations.yml",
        "application/yaml; charset=utf-8",
    )
