"""The conversation list: each filter narrows to exactly the seeded conversations it should, Chinese
full-text search (FTS5 trigram for 3+ characters, LIKE for shorter terms), paging and badges."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.auth.schema import open_db
from bot.review import queries
from bot.review.schema import ensure_review_schema
from tests.review.review_fixtures import SEED, days_ago, session_csrf

# The store on SQLite and on PostgreSQL (#14 item 1): tests using it run on both.
BOTH_BACKENDS = True


def _ids(client: TestClient, conv_ids: dict[str, str], query: str) -> set[str]:
    resp = client.get(f"/review/api/conversations?{query}")
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["total"] == len(body["conversations"])
    by_id = {v: k for k, v in conv_ids.items()}
    return {by_id[row["id"]] for row in body["conversations"]}


def _day(days: int) -> str:
    return days_ago(days).date().isoformat()  # 02:00 UTC is 10:00 the same day in Beijing


ALL = set(SEED)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ALL),
        ("channel=wechat", {"fallback", "ok", "trad2"}),
        ("channel=api", {"handoff"}),
        ("intent=ask_next_tranche", {"ok"}),
        ("intent=ask_benefits", {"low", "fallback", "xss"}),
        ("low_confidence=1", {"low"}),
        ("low_confidence=1&threshold=0.72", {"low", "trad", "trad2"}),
        ("threshold=0.72", ALL),  # the threshold alone filters nothing
        ("fallback=1", {"fallback", "oos", "trad", "trad2"}),
        ("handoff=1", {"handoff"}),
        ("negative=1", {"negative"}),
        ("channel=web&low_confidence=1", {"low"}),
        ("channel=web&fallback=1", {"oos", "trad"}),
        ("status=new", ALL),
        ("q=补贴", {"low", "xss"}),  # two characters: LIKE
        ("q=食堂几点", {"fallback"}),  # four characters: FTS5 trigram
        ("q=人才补贴", {"low"}),
        ("q=第几类人才", {"ok"}),
        ("q=什麼用", {"trad"}),
        ("q=金卡 有什么用", {"negative", "trad2"}),  # two terms, both must occur
        ("q=这是答复", ALL - {"xss"}),  # bot replies are searched too (xss has its own reply)
        ("q=不存在的内容", set()),
        ("q=100%", set()),  # LIKE wildcards are literal
    ],
)
def test_each_filter_narrows(
    reviewer: TestClient, conv_ids: dict[str, str], query: str, expected: set[str]
) -> None:
    assert _ids(reviewer, conv_ids, query) == expected


def test_date_range_in_beijing_days(reviewer: TestClient, conv_ids: dict[str, str]) -> None:
    assert _ids(reviewer, conv_ids, f"date_from={_day(4)}&date_to={_day(2)}") == {"low", "fallback", "xss"}
    assert _ids(reviewer, conv_ids, f"date_from={_day(1)}") == {"oos", "ok"}
    assert _ids(reviewer, conv_ids, f"date_to={_day(7)}") == {"negative", "trad2"}


def test_status_and_tag_filters_follow_triage(reviewer: TestClient, conv_ids: dict[str, str]) -> None:
    token = session_csrf(reviewer)
    for sender, body in (
        ("low", {"status": "in_progress"}),
        ("fallback", {"tags": ["知识缺失"], "status": "resolved"}),
        ("oos", {"tags": ["知识缺失", "其他"]}),
    ):
        resp = reviewer.post(
            f"/review/api/c/{conv_ids[sender]}/triage", json=body, headers={"X-CSRF-Token": token}
        )
        assert resp.status_code == 200, resp.text
    assert _ids(reviewer, conv_ids, "status=in_progress") == {"low"}
    assert _ids(reviewer, conv_ids, "status=resolved") == {"fallback"}
    assert _ids(reviewer, conv_ids, "status=new") == ALL - {"low", "fallback"}
    assert _ids(reviewer, conv_ids, "tag=知识缺失") == {"fallback", "oos"}
    assert _ids(reviewer, conv_ids, "tag=其他") == {"oos"}
    assert _ids(reviewer, conv_ids, "tag=知识缺失&status=new") == {"oos"}


def test_chinese_substring_search_uses_the_trigram_index(db_path: Path, conv_ids: dict[str, str]) -> None:
    if isinstance(db_path, str):
        pytest.skip("SQLite's FTS5 table; PostgreSQL's pg_trgm search is checked through the list page")
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name='messages_fts'").fetchone()[0]
    assert "trigram" in sql
    hits = conn.execute(
        "SELECT m.conversation_id FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid "
        "WHERE messages_fts MATCH ?",
        ('"食堂几点"',),
    ).fetchall()
    assert [h[0] for h in hits] == [conv_ids["fallback"]]
    where, _ = queries._where(conn, queries.Filters(q="食堂几点"))
    assert "MATCH" in where
    where, _ = queries._where(conn, queries.Filters(q="补贴"))
    assert "LIKE" in where and "MATCH" not in where


def test_fts_query_syntax_is_neutralised(reviewer: TestClient, conv_ids: dict[str, str]) -> None:
    for q in ('"食堂', "食堂 OR", "NEAR(食堂几点)", "食堂*", "a AND b"):
        assert reviewer.get("/review/api/conversations", params={"q": q}).status_code == 200


def test_paging(db_path: Path, conv_ids: dict[str, str]) -> None:
    conn = open_db(db_path)
    ensure_review_schema(conn, db_path)
    pages = [queries.list_conversations(conn, queries.Filters(page=n), per_page=4) for n in (1, 2, 3, 9)]
    assert [len(p.rows) for p in pages] == [4, 4, 1, 1]
    assert pages[0].total == 9 and pages[0].pages == 3 and pages[3].page == 3
    seen = [r["id"] for p in pages[:3] for r in p.rows]
    assert len(set(seen)) == 9  # no row twice, none missing
    assert seen[0] == conv_ids["ok"]  # newest first


def test_list_page_shows_why_each_row_needs_attention(reviewer: TestClient, conv_ids: dict[str, str]) -> None:
    html = reviewer.get("/review").text

    def row(sender: str) -> str:
        start = html.index(f'data-id="{conv_ids[sender]}"')
        return html[start : html.index("</tr>", start)]

    assert "低置信度 0.42" in row("low")
    assert "兜底" in row("fallback") and "低置信度" not in row("fallback")
    assert "超出范围" in row("oos")
    assert "转人工" in row("handoff")
    assert "差评" in row("negative")
    assert "badge" not in row("ok")
    assert "人才补贴怎么申请" in row("low")


def test_list_page_filters_round_trip(reviewer: TestClient, conv_ids: dict[str, str]) -> None:
    html = reviewer.get("/review?low_confidence=1&threshold=0.72&channel=web").text
    assert 'name="low_confidence" value="1" checked' in html
    assert '共 <strong id="total">2</strong> 个会话' in html
    assert "/review/export/conversations.csv?channel=web&amp;low_confidence=1&amp;threshold=0.72" in html


def test_bad_filter_values_are_reported_not_fatal(reviewer: TestClient) -> None:
    resp = reviewer.get("/review?date_from=2024-13-40&threshold=abc&page=x&status=bogus")
    assert resp.status_code == 200
    assert "开始日期格式应为 YYYY-MM-DD" in resp.text and "置信度阈值应为 0 到 1 之间的数" in resp.text
