"""`/review/privacy`: an admin looks up a sender id, downloads everything held about them as JSON, or
deletes it (#14 item 6, PIPL requests of access and deletion).

Why these guards: both acts touch a person's whole history, so both are admin-only
(`admin_page_user`; anyone else gets 403, anonymous visitors the login form), both are audited, and the
delete is a POST with the session's CSRF token that must repeat the sender id in a second field —
a slip of the mouse on the wrong row cannot erase someone. The JSON export is a download
(`Content-Disposition: attachment`, `no-store`) so it does not linger in a browser cache.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from bot import sender_data
from bot.auth import audit
from bot.auth.config import app_settings
from bot.auth.deps import admin_page_user, admin_writer, client_ip, get_db
from bot.auth.sessions import StaffUser
from bot.auth.templating import BEIJING, make_templates, render
from bot.retention import tracker_db

router = APIRouter()
templates = make_templates([Path(__file__).resolve().parent / "templates"])

Db = Annotated[sqlite3.Connection, Depends(get_db)]
Admin = Annotated[StaffUser, Depends(admin_page_user)]
AdminWriter = Annotated[StaffUser, Depends(admin_writer)]
SenderForm = Annotated[str, Form(max_length=sender_data.MAX_SENDER_CHARS + 50)]


def _clean(sender: str) -> str:
    return sender.strip()[: sender_data.MAX_SENDER_CHARS]


def _tracker(request: Request) -> Path | None:
    return tracker_db(app_settings(request.app))


def _page(
    request: Request,
    conn: sqlite3.Connection,
    user: StaffUser,
    sender: str,
    *,
    error: str = "",
    notice: str = "",
    status_code: int = 200,
) -> Response:
    found = sender_data.summary(conn, sender, _tracker(request)) if sender else None
    return render(
        templates,
        request,
        "privacy.html",
        {"sender": sender, "found": found, "error": error, "notice": notice},
        user=user,
        status_code=status_code,
    )


@router.get("/review/privacy", include_in_schema=False)
def privacy_page(request: Request, conn: Db, user: Admin, sender: str = "", deleted: str = "") -> Response:
    notice = f"已删除用户 {_clean(deleted)} 的全部数据，操作已记入审计日志。" if deleted else ""
    return _page(request, conn, user, _clean(sender), notice=notice)


@router.get("/review/privacy/export.json", include_in_schema=False)
def export_sender(request: Request, conn: Db, user: Admin, sender: str = "") -> Response:
    sender = _clean(sender)
    if not sender:
        return _page(request, conn, user, "", error="请先输入用户标识。", status_code=400)
    document = sender_data.export(conn, sender, _tracker(request))
    audit.record(
        conn,
        "sender_export",
        user_id=user.id,
        username=user.username,
        target_type="sender",
        target_id=sender,
        ip=client_ip(request),
        detail={
            "conversations": len(document["conversations"]),
            "messages": sum(len(c["messages"]) for c in document["conversations"]),
            "annotations": len(document["annotations"]),
            "tracker_events": len(document["rasa_tracker_events"]),
        },
    )
    stamp = datetime.now(BEIJING).strftime("%Y%m%d-%H%M")
    return Response(
        json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"),
        media_type="application/json; charset=utf-8",
        headers={
            # The id may hold any character: the file name is fixed, the id is inside the document.
            "Content-Disposition": f'attachment; filename="sender-data-{stamp}.json"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.post("/review/privacy/delete", include_in_schema=False)
def delete_sender(
    request: Request, conn: Db, user: AdminWriter, sender: SenderForm = "", confirm: SenderForm = ""
) -> Response:
    sender = _clean(sender)
    if not sender:
        return _page(request, conn, user, "", error="请先输入用户标识。", status_code=400)
    if _clean(confirm) != sender:
        return _page(
            request,
            conn,
            user,
            sender,
            error="确认栏中的用户标识与要删除的不一致，未删除任何数据。",
            status_code=400,
        )
    sender_data.delete(
        conn,
        sender,
        tracker=_tracker(request),
        actor={"id": user.id, "username": user.username, "ip": client_ip(request)},
    )
    return RedirectResponse(f"/review/privacy?{urlencode({'deleted': sender})}", status_code=303)
