"""CSV exports stay masked (masking re-applied on export), resist spreadsheet formula injection, follow
the list filters and are audited; insights numbers and question grouping on seeded data."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient

from bot.review.insights import normalize_question
from tests.review.review_fixtures import days_ago, session_csrf

PII = ("13812345678", "330302199001011234", "zhang.san@example.com", "0577-12345678")


def _csv(resp) -> list[dict[str, str]]:
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    assert resp.content.startswith(b"\xef\xbb\xbf")  # BOM so Excel reads Chinese
    return list(csv.DictReader(io.StringIO(resp.content.decode("utf-8-sig"))))


def _plant_unmasked_row(db_path: Path, conv_id: str) -> None:
    """A row as an older writer might have left it: PII in the text, bypassing the log store's masking."""
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO messages (conversation_id, channel, sender, direction, ts, text, intent, confidence, "
        "entities, handoff, fallback, dedup_key) VALUES (?, 'web', 'low', 'in', ?, ?, 'ask_benefits', 0.5, ?, 0, 0, "
        "'legacy-1')",
        (
            conv_id,
            days_ago(3).isoformat(timespec="milliseconds"),
            "我的手机13812345678，身份证330302199001011234，邮箱zhang.san@example.com，座机0577-12345678",
            json.dumps([{"entity": "phone", "value": "13812345678"}]),
        ),
    )
    conn.execute(
        "INSERT INTO messages (conversation_id, channel, sender, direction, ts, text, dedup_key, handoff, "
        "fallback) VALUES (?, 'web', 'low', 'in', ?, '=HYPERLINK(\"http://x\",\"点我\")', 'legacy-2', 0, 0)",
        (conv_id, days_ago(3).isoformat(timespec="milliseconds")),
    )
    conn.commit()


def test_conversations_csv_is_masked_safe_and_audited(
    reviewer: TestClient, conv_ids: dict[str, str], db_path: Path
) -> None:
    _plant_unmasked_row(db_path, conv_ids["low"])
    rows = _csv(reviewer.get("/review/export/conversations.csv"))
    blob = json.dumps(rows, ensure_ascii=False)
    for secret in PII:
        assert secret not in blob
    legacy = next(r for r in rows if "我的手机" in r["文本"])
    assert legacy["文本"] == "我的手机[手机号]，身份证[身份证号]，邮箱[邮箱]，座机[电话]"
    assert "[手机号]" in legacy["实体"]
    formula = next(r for r in rows if "HYPERLINK" in r["文本"])
    assert formula["文本"].startswith("'=")
    assert {r["会话ID"] for r in rows} == set(conv_ids.values())
    assert {r["方向"] for r in rows} == {"用户", "机器人"}
    low_reply = next(r for r in rows if r["会话ID"] == conv_ids["low"] and r["方向"] == "机器人")
    assert low_reply["动作"] == "action_answer" and "永人才〔2016〕1号" in low_reply["引用"]

    audit = (
        sqlite3.connect(db_path)
        .execute("SELECT username, target_id, detail FROM audit_log WHERE action='export'")
        .fetchall()
    )
    assert len(audit) == 1 and audit[0][0] == "reviewer" and audit[0][1] == "conversations.csv"
    assert json.loads(audit[0][2])["rows"] == len(rows)


def test_conversations_csv_follows_the_filters(reviewer: TestClient, conv_ids: dict[str, str]) -> None:
    rows = _csv(reviewer.get("/review/export/conversations.csv?channel=api"))
    assert {r["会话ID"] for r in rows} == {conv_ids["handoff"]}
    assert [r["转人工"] for r in rows] == ["是", "是"]
    rows = _csv(reviewer.get("/review/export/conversations.csv?q=食堂几点"))
    assert {r["会话ID"] for r in rows} == {conv_ids["fallback"]}


def test_triage_csv_is_masked_and_audited(
    reviewer: TestClient, conv_ids: dict[str, str], db_path: Path
) -> None:
    headers = {"X-CSRF-Token": session_csrf(reviewer)}
    url = f"/review/api/c/{quote(conv_ids['handoff'], safe='')}/triage"
    body = {
        "status": "in_progress",
        "tags": ["需人工跟进"],
        "assignee": "reviewer",
        "note": "请回电 13812345678 或发邮件 zhang.san@example.com",
    }
    assert reviewer.post(url, json=body, headers=headers).status_code == 200
    rows = _csv(reviewer.get("/review/export/triage.csv"))
    assert len(rows) == 1
    row = rows[0]
    assert (
        row["会话ID"] == conv_ids["handoff"]
        and row["处理状态"] == "处理中"
        and row["问题标签"] == "需人工跟进"
    )
    assert row["处理人"] == "reviewer" and row["首个问题"] == "我要找人工客服"
    assert row["备注"] == "reviewer：请回电 [手机号] 或发邮件 [邮箱]"
    detail = (
        sqlite3.connect(db_path)
        .execute("SELECT detail FROM audit_log WHERE action='export' AND target_id='triage.csv'")
        .fetchone()
    )
    assert json.loads(detail[0]) == {"rows": 1}


def test_question_normalisation() -> None:
    same = [
        "金卡有什么用",
        "金卡有什麼用？",
        "金卡 有什么用",
        "金卡有什么用!!",
        "金卡，有什么用。",
        "金卡有什么用\n",
    ]
    assert {normalize_question(t) for t in same} == {"金卡有什么用"}
    assert normalize_question("ＧＯＬＤ　Card？") == "goldcard"
    assert normalize_question("补贴100万") == "补贴100万"


def test_insights_numbers(reviewer: TestClient, conv_ids: dict[str, str]) -> None:
    data = reviewer.get("/review/api/insights").json()
    t = data["totals"]
    assert (t["conversations"], t["user_messages"], t["fallbacks"]) == (9, 10, 3)
    assert t["fallback_rate"] == 30.0 and (t["up"], t["down"], t["positive_rate"]) == (1, 1, 50.0)
    assert t["handoffs"] == 1
    top = data["unanswered"]
    assert (
        top[0]["count"] == 2
        and top[0]["conversations"] == 2
        and normalize_question(top[0]["example"]) == "金卡有什么用"
    )
    assert {normalize_question(q["example"]) for q in top} == {
        "金卡有什么用",
        "你们食堂几点开饭",
        "今天天气怎么样",
    }
    intents = dict(zip(data["intents"]["labels"], data["intents"]["values"], strict=True))
    assert intents["ask_gold_card"] == 4 and intents["ask_benefits"] == 3 and intents["out_of_scope"] == 1
    assert dict(zip(data["channels"]["labels"], data["channels"]["values"], strict=True)) == {
        "网页": 5,
        "微信": 3,
        "接口": 1,
    }
    daily = data["daily"]
    assert len(daily["labels"]) == 30 and sum(daily["conversations"]) == 9
    day = days_ago(2).strftime("%m-%d")
    assert daily["fallback_rate"][daily["labels"].index(day)] == 100.0


def test_insights_date_range(reviewer: TestClient) -> None:
    day = days_ago(2).date().isoformat()
    data = reviewer.get(f"/review/api/insights?date_from={day}&date_to={day}").json()
    assert data["totals"]["conversations"] == 1 and data["daily"]["labels"] == [days_ago(2).strftime("%m-%d")]
    swapped = reviewer.get(f"/review/api/insights?date_from={day}&date_to=2000-01-01").json()
    assert swapped["errors"]


def test_insights_page_has_its_charts(reviewer: TestClient) -> None:
    html = reviewer.get("/review/insights").text
    for canvas in ("chart-daily", "chart-intents", "chart-channels", "chart-feedback"):
        assert f'id="{canvas}"' in html
    assert '<script src="/review/static/chart.umd.min.js"></script>' in html
    assert "未能回答的高频问题" in html and "兜底率" in html
