"""Per-sender export and delete (#14 item 6): admins only, CSRF and a typed confirmation for the
delete, both audited; the export is a JSON download of everything held about the sender, the delete
leaves nothing of theirs (log, search index, triage, notes, annotations, Rasa's SQLite tracker in var/)
and nothing of anyone else is touched."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.admin.router import router as admin_router
from bot.auth.schema import open_db
from tests.review.review_fixtures import ADMIN, REVIEWER, build_app, login, session_csrf

SENDER = "ok"  # review_fixtures.SEED: a wechat conversation of two turns, today


@pytest.fixture
def app(db_path: Path, conv_ids: dict[str, str], tmp_path: Path) -> FastAPI:
    app = build_app(db_path, tmp_path / "no-domain.yml")
    app.include_router(admin_router)
    return app


@pytest.fixture
def tracker(db_path: Path) -> Path:
    """Rasa's SQLite tracker store beside the gateway's file, as `make run` lays out var/."""
    path = db_path.parent / "rasa_tracker.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, type_name VARCHAR(255) "
        "NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)"
    )
    for sender in (SENDER, SENDER, "low"):
        conn.execute(
            "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, 'user', 1.0, ?)",
            (sender, json.dumps({"text": "我属于第几类人才"}, ensure_ascii=False)),
        )
    conn.commit()
    conn.close()
    return path


def _annotate_and_triage(db_path: Path, conversation_id: str) -> None:
    conn = open_db(db_path)
    message_id = conn.execute(
        "SELECT id FROM messages WHERE conversation_id=? LIMIT 1", (conversation_id,)
    ).fetchone()[0]
    conn.execute(
        "INSERT INTO annotations (message_id, conversation_id, text, intent, created_by, created_at, updated_at) "
        "VALUES (?, ?, '我属于第几类人才', 'ask_category', 'admin', 'x', 'x')",
        (message_id, conversation_id),
    )
    conn.execute(
        "INSERT INTO triage (conversation_id, status, updated_at) VALUES (?, 'new', 'x')", (conversation_id,)
    )
    conn.execute(
        "INSERT INTO triage_notes (conversation_id, author, ts, text) VALUES (?, 'admin', 'x', '回电')",
        (conversation_id,),
    )
    conn.close()


def _count(db_path: Path, sql: str, *params: object) -> int:
    conn = open_db(db_path)
    try:
        return int(conn.execute(sql, params).fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def admin(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        assert login(client, *ADMIN).status_code == 303
        yield client


@pytest.fixture
def reviewer(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        assert login(client, *REVIEWER).status_code == 303
        yield client


def test_only_admins_reach_the_pages(app: FastAPI, reviewer: TestClient) -> None:
    with TestClient(app) as anon:
        for url in ("/review/privacy", f"/review/privacy/export.json?sender={SENDER}"):
            assert anon.get(url, follow_redirects=False).headers["location"].startswith("/login")
        assert (
            anon.post(
                "/review/privacy/delete", data={"sender": SENDER, "confirm": SENDER}, follow_redirects=False
            ).status_code
            == 303
        )
    assert reviewer.get("/review/privacy", follow_redirects=False).status_code == 403
    assert reviewer.get(f"/review/privacy/export.json?sender={SENDER}").status_code == 403
    token = session_csrf(reviewer)
    resp = reviewer.post(
        "/review/privacy/delete", data={"sender": SENDER, "confirm": SENDER, "csrf_token": token}
    )
    assert resp.status_code == 403


def test_export_is_an_audited_json_download_of_everything_about_the_sender(
    admin: TestClient, db_path: Path, conv_ids: dict[str, str], tracker: Path
) -> None:
    _annotate_and_triage(db_path, conv_ids[SENDER])
    page = admin.get(f"/review/privacy?sender={SENDER}")
    assert page.status_code == 200 and "下载该用户的全部数据" in page.text

    resp = admin.get(f"/review/privacy/export.json?sender={SENDER}")
    assert resp.status_code == 200 and resp.headers["content-disposition"].startswith("attachment;")
    assert resp.headers["cache-control"] == "no-store"
    data = resp.json()
    assert data["sender"] == SENDER and [c["id"] for c in data["conversations"]] == [conv_ids[SENDER]]
    texts = [m["text"] for m in data["conversations"][0]["messages"]]
    assert "我属于第几类人才" in texts and len(texts) == 4  # both questions and both replies
    assert data["conversations"][0]["notes"][0]["text"] == "回电" and len(data["annotations"]) == 1
    assert len(data["rasa_tracker_events"]) == 2
    assert all(m["sender"] == SENDER for c in data["conversations"] for m in c["messages"])
    detail = json.loads(
        open_db(db_path)
        .execute("SELECT detail FROM audit_log WHERE action='sender_export' AND target_id=?", (SENDER,))
        .fetchone()[0]
    )
    assert detail == {"conversations": 1, "messages": 4, "annotations": 1, "tracker_events": 2}


def test_delete_needs_the_typed_confirmation_and_a_csrf_token(admin: TestClient, db_path: Path) -> None:
    before = _count(db_path, "SELECT COUNT(*) FROM messages WHERE sender=?", SENDER)
    resp = admin.post("/review/privacy/delete", data={"sender": SENDER, "confirm": SENDER})
    assert resp.status_code == 403  # no CSRF token
    token = session_csrf(admin)
    resp = admin.post("/review/privacy/delete", data={"sender": SENDER, "confirm": "o", "csrf_token": token})
    assert resp.status_code == 400 and "不一致" in resp.text
    assert _count(db_path, "SELECT COUNT(*) FROM messages WHERE sender=?", SENDER) == before > 0


def test_delete_removes_everything_of_the_sender_and_nothing_else(
    admin: TestClient, db_path: Path, conv_ids: dict[str, str], tracker: Path
) -> None:
    _annotate_and_triage(db_path, conv_ids[SENDER])
    others = _count(db_path, "SELECT COUNT(*) FROM messages WHERE sender<>?", SENDER)
    token = session_csrf(admin)
    resp = admin.post(
        "/review/privacy/delete",
        data={"sender": SENDER, "confirm": f" {SENDER} ", "csrf_token": token},
        follow_redirects=False,
    )
    assert resp.status_code == 303
    assert "已删除" in admin.get(resp.headers["location"]).text

    conv = conv_ids[SENDER]
    assert (
        _count(db_path, "SELECT COUNT(*) FROM messages WHERE sender=? OR conversation_id=?", SENDER, conv)
        == 0
    )
    assert _count(db_path, "SELECT COUNT(*) FROM conversations WHERE sender=?", SENDER) == 0
    for table in ("triage", "triage_notes", "annotations"):
        assert _count(db_path, f"SELECT COUNT(*) FROM {table} WHERE conversation_id=?", conv) == 0
    assert _count(db_path, "SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH '\"第几类人才\"'") == 0
    assert _count(db_path, "SELECT COUNT(*) FROM messages WHERE sender<>?", SENDER) == others
    events = sqlite3.connect(tracker).execute("SELECT sender_id FROM events").fetchall()
    assert events == [("low",)]
    conn = open_db(db_path)
    row = conn.execute("SELECT * FROM audit_log WHERE action='sender_delete'").fetchone()
    assert row["username"] == ADMIN[0] and row["target_id"] == SENDER
    assert json.loads(row["detail"]) == {
        "messages": 4,
        "conversations": 1,
        "annotations": 1,
        "triage": 1,
        "notes": 1,
        "tracker_events": 2,
    }
    assert "删除某用户的全部数据" in admin.get("/review/audit").text
    page = admin.get(f"/review/privacy?sender={SENDER}")
    assert "没有找到该用户的数据" in page.text
