"""User text is data, never markup: <script> and <img onerror> in messages show up escaped in the list,
the transcript, insights and the annotation queue; no template marks anything |safe; no page loads
anything from another origin."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient

from bot.auth.templating import AUTH_TEMPLATES
from bot.review.rendering import HERE
from tests.review.review_fixtures import XSS_TEXT, session_csrf

RAW = ("<script>alert(1)</script>", "<img src=x onerror", "<b>粗体</b>", "<script>alert(3)")


def _assert_escaped(html: str) -> None:
    for raw in RAW:
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_list_escapes_user_text(reviewer: TestClient) -> None:
    html = reviewer.get("/review").text
    _assert_escaped(html)
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def test_transcript_escapes_user_and_bot_text(reviewer: TestClient, conv_ids: dict[str, str]) -> None:
    html = reviewer.get(f"/review/c/{quote(conv_ids['xss'], safe='')}").text
    _assert_escaped(html)
    assert "&lt;b&gt;粗体&lt;/b&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in html
    # the only <script> elements are our own file references
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/review/static/review.js">']


def test_insights_and_queue_escape_user_text(
    reviewer: TestClient, conv_ids: dict[str, str], db_path: Path
) -> None:
    conn = sqlite3.connect(db_path)
    # a fallback turn with markup, and an intent name that tries to close the JSON <script> block
    conn.execute(
        "UPDATE messages SET fallback=1, intent='</script><script>alert(9)</script>' "
        "WHERE conversation_id=? AND direction='in'",
        (conv_ids["xss"],),
    )
    conn.commit()
    html = reviewer.get("/review/insights").text
    _assert_escaped(html)
    assert "</script><script>alert(9)" not in html
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(9)" in html  # tojson escaped it inside the JSON
    msg_id = conn.execute(
        "SELECT id FROM messages WHERE conversation_id=? AND direction='in'", (conv_ids["xss"],)
    ).fetchone()[0]
    resp = reviewer.post(
        f"/review/api/c/{quote(conv_ids['xss'], safe='')}/m/{msg_id}/annotation",
        json={"intent": "ask_benefits"},
        headers={"X-CSRF-Token": session_csrf(reviewer)},
    )
    assert resp.status_code == 200
    queue = reviewer.get("/review/annotations").text
    for raw in RAW[:2]:
        assert raw not in queue
    assert XSS_TEXT not in queue


def test_no_template_disables_escaping() -> None:
    for folder in (AUTH_TEMPLATES, HERE / "templates"):
        for template in folder.glob("*.html"):
            text = template.read_text(encoding="utf-8")
            assert "|safe" not in text.replace(" ", ""), template
            assert "autoescape false" not in text, template


def test_pages_load_nothing_from_other_origins(
    admin: TestClient, anon: TestClient, conv_ids: dict[str, str]
) -> None:
    pages = [
        admin.get(p).text
        for p in (
            "/review",
            f"/review/c/{quote(conv_ids['low'], safe='')}",
            "/review/insights",
            "/review/annotations",
            "/review/users",
            "/review/audit",
        )
    ]
    pages.append(anon.get("/login").text)
    for html in pages:
        assert not re.search(r"""(src|href|action)\s*=\s*["']?(https?:)?//""", html, flags=re.I)
    chart = admin.get("/review/static/chart.umd.min.js")
    assert chart.status_code == 200 and "chart.js@4" in chart.text[:300] and "MIT" in chart.text[:300]
