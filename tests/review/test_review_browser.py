"""The review dashboard in Debian's Chromium (Playwright): log in, filter to low-confidence
conversations, tag one and resolve it, mark an entity span with the page's script, and see the
insights charts drawn — with no console errors (CSP violations included).

uvicorn serves a tmp_path DB seeded with conversations from a thread on a free port. Never runs
`playwright install`: it drives /usr/bin/chromium and is skipped when that is absent. Set
REVIEW_SCREENSHOTS=<dir> to keep screenshots of /review and /review/insights.

Each page the walk-through visits (login, list, filtered list, transcript after triage and annotation,
annotation queue, insights) is checked with axe-core (vendored, tests/vendor/axe-core): no serious or
critical violation. Each insights chart has a table with the same figures, reachable by keyboard and
screen readers.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from tests.browser_support import assert_accessible, chromium, enable_axe, require_browser, serve
from tests.review.review_fixtures import REVIEWER

pytestmark = pytest.mark.browser


sync_api = require_browser()


@pytest.fixture
def server(app: FastAPI) -> Iterator[str]:
    with serve(app, start_timeout=10) as url:
        yield url


@pytest.fixture
def page(server: str) -> Iterator[Any]:
    with chromium(sync_api) as browser:
        context = enable_axe(browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN"))
        pg = context.new_page()
        pg.console_errors = []
        pg.on("console", lambda msg: msg.type == "error" and pg.console_errors.append(msg.text))
        pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))
        pg.on("response", lambda r: r.status >= 400 and pg.console_errors.append(f"{r.status} {r.url}"))
        yield pg


def log_in(page: Any, server: str, back_to: str = "/review") -> None:
    """Fill the login form a staff page redirected to, as a reviewer; lands back on that page."""
    page.get_by_label("用户名").fill(REVIEWER[0])
    page.get_by_label("密码").fill(REVIEWER[1])
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{server}{back_to}")


def _shot(page: Any, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    keep = os.environ.get("REVIEW_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / name)


def test_login_filter_tag_resolve_annotate_and_insights(
    page: Any, server: str, conv_ids: dict[str, str], db_path: Path, tmp_path: Path
) -> None:
    expect = sync_api.expect
    page.goto(f"{server}/review")
    assert "/login?next=%2Freview" in page.url
    assert_accessible(page, "/login")
    log_in(page, server)
    expect(page.locator("#conversations tbody tr")).to_have_count(len(conv_ids))
    _shot(page, tmp_path, "review.png")
    assert_accessible(page, "/review")

    page.get_by_label("置信度低于阈值").check()
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**low_confidence=1**")
    rows = page.locator("#conversations tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".badge.b-lowconf")).to_have_text("低置信度 0.42")
    assert_accessible(page, "/review (filtered)")

    rows.first.get_by_role("link", name="人才补贴怎么申请").click()
    page.wait_for_url("**/review/c/**")
    triage = page.locator("#triage")
    triage.get_by_label("理解错误").check()
    triage.get_by_label("状态").select_option("resolved")
    triage.get_by_label("添加备注").fill("已补充补贴申请的知识条目。")
    triage.get_by_role("button", name="保存").click()
    expect(page.get_by_role("status")).to_have_text("处理信息已保存。")
    expect(triage.locator(".status")).to_have_text("已解决")
    expect(triage.get_by_label("理解错误")).to_be_checked()

    # Mark "人才" as an entity by selecting it in the message, as a reviewer would with the mouse.
    turn = page.locator("article.turn.user").first
    turn.locator("summary").click()
    pick = turn.locator(".span-pick")
    pick.evaluate("""el => {
        const range = document.createRange();
        range.setStart(el.firstChild, 0);
        range.setEnd(el.firstChild, 2);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        el.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    }""")
    expect(turn.locator(".ent-list code")).to_have_text("人才")
    turn.get_by_label("正确意图").select_option("ask_benefits")
    turn.get_by_role("button", name="加入标注队列").click()
    expect(page.get_by_role("status")).to_have_text("标注已加入队列。")
    _shot(page, tmp_path, "conversation.png")
    assert_accessible(page, "/review/c/… (triaged, annotation open)")

    page.goto(f"{server}/review?status=resolved")
    rows = page.locator("#conversations tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".b-tag")).to_have_text("理解错误")
    page.goto(f"{server}/review/annotations")
    expect(page.locator("#annotations code").first).to_have_text("[人才](honour)补贴怎么申请")
    assert_accessible(page, "/review/annotations")

    page.goto(f"{server}/review/insights")
    page.wait_for_function(
        "() => window.Chart && Chart.getChart('chart-daily') && Chart.getChart('chart-feedback')"
    )
    drawn = page.evaluate("""() => ['chart-daily', 'chart-intents', 'chart-channels', 'chart-feedback']
        .map(id => Chart.getChart(id).data.datasets[0].data.reduce((a, b) => a + b, 0))""")
    assert drawn[0] == len(conv_ids) and drawn[3] == 2  # conversations per day; 1 up + 1 down
    _shot(page, tmp_path, "insights.png")
    assert_accessible(page, "/review/insights")
    assert page.console_errors == []

    conn = sqlite3.connect(db_path)
    status, tags = conn.execute(
        "SELECT status, tags FROM triage WHERE conversation_id=?", (conv_ids["low"],)
    ).fetchone()
    assert status == "resolved" and "理解错误" in tags
    assert {r[0] for r in conn.execute("SELECT action FROM audit_log WHERE username='reviewer'")} >= {
        "login",
        "triage_update",
        "note_add",
        "annotation_save",
    }


def test_each_insights_chart_has_a_table_with_the_same_figures(page: Any, server: str) -> None:
    """Under every chart a <details> holds a captioned table; opened by keyboard, each table is in the
    accessibility tree by its caption and lists exactly the labels and numbers the chart draws (a day
    without questions has no fallback rate: a gap in the line, "—" in the table). The page passes axe
    with the tables open, and also for a range with no data."""
    expect = sync_api.expect
    page.goto(f"{server}/review/insights")
    log_in(page, server, "/review/insights")
    page.wait_for_function("() => window.Chart && Chart.getChart('chart-feedback')")

    captions = {
        "chart-daily": "每日会话量与兜底率",
        "chart-intents": "意图分布（用户提问）",
        "chart-channels": "渠道分布（会话）",
        "chart-feedback": "用户反馈",
    }
    for chart_id, caption in captions.items():
        details = page.locator(f"#{chart_id}-table")
        table = page.get_by_role("table", name=caption, exact=True)
        expect(table).to_have_count(0)  # folded: out of the way until asked for
        details.locator("summary").focus()
        page.keyboard.press("Enter")
        expect(table).to_be_visible()
        drawn = page.evaluate(
            """id => { const c = Chart.getChart(id);
                       return {labels: c.data.labels, series: c.data.datasets.map(d => d.data)}; }""",
            chart_id,
        )
        rows = table.locator("tbody tr")
        expect(rows).to_have_count(len(drawn["labels"]))
        shown = [[cell.strip() for cell in row.locator("th, td").all_inner_texts()] for row in rows.all()]
        assert [row[0] for row in shown] == [str(label) for label in drawn["labels"]], chart_id
        figures = [[None if cell == "—" else float(cell) for cell in row[1:]] for row in shown]
        assert figures == [list(values) for values in zip(*drawn["series"], strict=True)], chart_id
        headers = table.get_by_role("columnheader")
        expect(headers).to_have_count(1 + len(drawn["series"]))
        expect(table.get_by_role("rowheader")).to_have_count(len(drawn["labels"]))

    feedback = page.get_by_role("table", name="用户反馈", exact=True)
    expect(feedback.get_by_role("row", name="好评 1")).to_be_visible()
    expect(feedback.get_by_role("row", name="差评 1")).to_be_visible()
    assert_accessible(page, "/review/insights (tables open)")

    page.goto(f"{server}/review/insights?date_from=2001-01-01&date_to=2001-01-03")
    page.locator("#chart-intents-table summary").click()
    expect(page.locator("#chart-intents-table tbody")).to_have_text("该时段没有数据。")
    assert_accessible(page, "/review/insights (empty range)")
    assert page.console_errors == []
