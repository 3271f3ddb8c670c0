"""Triage end to end: status 新建 → 处理中 → 已解决 (and reopen), tags, assignee, notes — through the
forms and the JSON API — each change written to audit_log with before/after values."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient

from bot.auth.schema import open_db
from tests.review.review_fixtures import session_csrf

# The store on SQLite and on PostgreSQL (#14 item 1): every test here runs on both.
BOTH_BACKENDS = True


def _audit(db_path: Path | str, action: str) -> list[dict]:
    conn = open_db(db_path)
    rows = conn.execute("SELECT * FROM audit_log WHERE action=? ORDER BY id", (action,)).fetchall()
    return [{**dict(r), "detail": json.loads(r["detail"] or "{}")} for r in rows]


def test_triage_workflow_through_the_forms(
    reviewer: TestClient, admin: TestClient, conv_ids: dict[str, str], db_path: Path
) -> None:
    cid = conv_ids["low"]
    url = f"/review/c/{quote(cid, safe='')}"
    page = reviewer.get(url)
    assert page.status_code == 200 and "新建" in page.text
    token = session_csrf(reviewer)

    resp = reviewer.post(
        f"{url}/triage",
        data={
            "csrf_token": token,
            "status": "in_progress",
            "tags_field": "1",
            "tags": ["理解错误", "需人工跟进"],
            "assignee": "reviewer",
            "note": "已电话联系用户，等待材料。",
        },
        follow_redirects=False,
    )
    assert resp.status_code == 303 and resp.headers["location"] == f"{url}?saved=triage"
    page = reviewer.get(resp.headers["location"]).text
    assert "处理信息已保存" in page and "已电话联系用户，等待材料。" in page
    assert 'value="理解错误" checked' in page and 'value="需人工跟进" checked' in page
    assert '<option value="reviewer" selected>' in page
    assert '<span class="status s-in_progress">处理中</span>' in page

    resp = reviewer.post(
        f"{url}/triage",
        data={
            "csrf_token": token,
            "status": "resolved",
            "tags_field": "1",
            "tags": ["理解错误"],
            "assignee": "reviewer",
        },
    )
    assert resp.status_code == 200 and "已解决" in resp.text

    back = reviewer.post(f"{url}/triage", data={"csrf_token": token, "status": "new"})
    assert back.status_code == 400 and "不能从「已解决」改为「新建」" in back.text

    reopen = reviewer.post(f"{url}/triage", data={"csrf_token": token, "status": "in_progress"})
    assert reopen.status_code == 200

    listed = reviewer.get("/review/api/conversations?status=in_progress").json()["conversations"]
    assert [(r["id"], r["tags"], r["assignee"]) for r in listed] == [(cid, ["理解错误"], "reviewer")]

    updates = _audit(db_path, "triage_update")
    assert [u["detail"]["status"] for u in updates] == [
        {"before": "new", "after": "in_progress"},
        {"before": "in_progress", "after": "resolved"},
        {"before": "resolved", "after": "in_progress"},
    ]
    assert updates[0]["detail"]["tags"] == {"before": [], "after": ["理解错误", "需人工跟进"]}
    assert updates[0]["detail"]["assignee"] == {"before": None, "after": "reviewer"}
    assert updates[1]["detail"]["tags"] == {"before": ["理解错误", "需人工跟进"], "after": ["理解错误"]}
    assert {u["username"] for u in updates} == {"reviewer"}
    assert {u["target_id"] for u in updates} == {cid}
    notes = _audit(db_path, "note_add")
    assert len(notes) == 1 and notes[0]["detail"]["note"] == "已电话联系用户，等待材料。"

    audit_page = admin.get("/review/audit").text
    assert "修改处理状态" in audit_page and "添加备注" in audit_page


def test_triage_through_the_api(reviewer: TestClient, conv_ids: dict[str, str], db_path: Path) -> None:
    cid = conv_ids["fallback"]
    headers = {"X-CSRF-Token": session_csrf(reviewer)}
    url = f"/review/api/c/{quote(cid, safe='')}/triage"
    body = reviewer.post(
        url, json={"tags": ["知识缺失"], "note": "食堂信息不属于人才政策。"}, headers=headers
    ).json()
    assert body["status"] == "new" and body["tags"] == ["知识缺失"] and body["note"] is True
    body = reviewer.post(url, json={"status": "wont_fix"}, headers=headers).json()
    assert body["status"] == "wont_fix" and body["tags"] == ["知识缺失"]  # untouched fields stay
    same = reviewer.post(url, json={"status": "wont_fix"}, headers=headers).json()
    assert same["changed"] == {}  # nothing changed → nothing audited
    assert len(_audit(db_path, "triage_update")) == 2
    detail = reviewer.get(f"/review/api/c/{quote(cid, safe='')}").json()
    assert detail["status"] == "wont_fix" and detail["notes"][0]["text"] == "食堂信息不属于人才政策。"


def test_triage_rejects_bad_input(reviewer: TestClient, conv_ids: dict[str, str], db_path: Path) -> None:
    headers = {"X-CSRF-Token": session_csrf(reviewer)}
    url = f"/review/api/c/{quote(conv_ids['oos'], safe='')}/triage"
    cases = [
        ({"tags": ["随便写的标签"]}, "未知的问题标签"),
        ({"status": "done"}, "未知的处理状态"),
        ({"assignee": "ghost"}, "指派对象不是启用的账号"),
        ({"note": "x" * 2001}, None),
    ]
    for body, message in cases:
        resp = reviewer.post(url, json=body, headers=headers)
        assert resp.status_code in (400, 422), body
        if message:
            assert message in resp.json()["message"]
    missing = reviewer.post(
        "/review/api/c/web%3Anobody%3A1/triage", json={"status": "resolved"}, headers=headers
    )
    assert missing.status_code == 400 and "会话不存在" in missing.json()["message"]
    assert _audit(db_path, "triage_update") == []
    assert reviewer.get("/review/c/web%3Anobody%3A1").status_code == 404
