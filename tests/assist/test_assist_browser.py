"""The hotline page in Debian's Chromium (Playwright): log in, type, read, copy, expand, calculate, open
the source — by keyboard, as staff on the phone would.

The gateway runs in a thread (uvicorn, loopback, free port) on a tmp_path database with a staff account
made by bot.users. Never runs `playwright install`: it drives /usr/bin/chromium and is skipped when that
is absent. Expected texts come from policy_kb, never from this file.

The login page, /assist in each state the walk-through reaches (empty, answers, expanded answer, calculator
result) and the source viewer are checked with axe-core (vendored, tests/vendor/axe-core): no serious or
critical violation.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policy_kb import api
from policy_kb.money import fmt_yuan
from policy_kb.services import catalogue_for
from tests.assist.assist_helpers import STAFF, make_gateway
from tests.browser_support import assert_accessible, chromium, enable_axe, require_browser, serve

pytestmark = pytest.mark.browser

DESK = {"width": 1366, "height": 900}
SCREENSHOT = Path(__file__).resolve().parents[2] / "results" / "assist_page.png"

sync_api = require_browser()


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    with serve(make_gateway(tmp_path)) as url:
        yield url


@pytest.fixture
def browser() -> Iterator[Any]:
    with chromium(sync_api) as b:
        yield b


def log_in(page: Any, base_url: str, check: bool = False) -> None:
    page.goto(base_url + "/assist")
    assert "/login" in page.url  # no staff page without logging in
    if check:
        assert_accessible(page, "/login")
    page.locator('input[name="username"]').fill(STAFF[0])
    page.locator('input[name="password"]').fill(STAFF[1])
    page.locator('input[name="password"]').press("Enter")
    page.wait_for_url(base_url + "/assist")


def test_type_read_copy_expand_and_open_the_source(base_url: str, browser: Any, tmp_path: Path) -> None:
    expect = sync_api.expect
    context = enable_axe(browser.new_context(viewport=DESK, locale="zh-CN"))
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    log_in(page, base_url, check=True)
    box = page.locator("#q")
    expect(box).to_be_focused()  # focused on load: staff type straight away
    assert_accessible(page, "/assist (empty)")

    # Typing is debounced: one keystroke every 30 ms makes one request, not eight.
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "/api/assist?" in r.url else None)
    page.keyboard.type("金卡 公交", delay=30)
    first = page.locator("li.result").first
    benefit = next(
        b for b in catalogue_for("yongjia-2016").gold_card.benefits if "公共交通" in b.citation.quote
    )
    expect(first.locator(".answer")).to_contain_text(benefit.citation.display_quote())
    expect(first.locator(".cite")).to_contain_text(f"{benefit.citation.doc} {benefit.citation.clause}")
    expect(first.locator(".quote")).to_be_visible()
    assert 1 <= page.locator("li.result").count() <= 3
    assert 1 <= len(requests) <= 2, requests
    assert_accessible(page, "/assist (answers)")

    # ↓ to the first answer, C copies its script to the clipboard.
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    page.keyboard.press("c")
    expect(page.locator("#toast")).to_have_text("已复制话术")
    answer = first.get_attribute("data-answer")
    assert answer and answer.startswith("根据《")
    assert page.evaluate("navigator.clipboard.readText()") == answer

    # Enter expands the answer: every citation with a link to the source.
    page.keyboard.press("Enter")
    expect(first.locator(".more")).to_be_visible()
    expect(first.locator(".expand")).to_have_attribute("aria-expanded", "true")

    # The source viewer opens in a new tab with the clause highlighted and scrolled into view.
    with context.expect_page() as opened:
        first.locator("a.source").click()
    viewer = opened.value
    viewer.wait_for_load_state()
    mark = viewer.locator("mark#hit")
    expect(mark).to_contain_text(benefit.citation.display_quote()[:8])
    expect(mark).to_be_in_viewport()
    assert_accessible(viewer, "source viewer")
    viewer.close()

    # / back to the box, Esc clears; a calculated case comes first with the calculator's figure.
    page.keyboard.press("/")
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(box).to_have_value("")
    expect(page.locator("li.result")).to_have_count(0)
    funding = api.project_funding(category=3, rating="重点推荐")
    page.keyboard.type("第三类 重点推荐")
    top = page.locator("li.result").first
    expect(top.locator(".badge")).to_have_text("计算")
    expect(top.locator(".answer")).to_contain_text(fmt_yuan(funding.values["amount"]))
    top.locator(".expand").click()
    expect(top.locator(".steps li")).to_have_count(len(funding.steps))
    assert_accessible(page, "/assist (calculated answer expanded)")
    top.focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator("li.result").nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()  # ↑ from the first answer goes back to the box

    # Markup typed into the box stays text.
    box.fill('<img src=x onerror="window.pwned=1">金卡')
    expect(page.locator("li.result").first).to_be_visible()
    assert page.locator("#results img").count() == 0 and page.evaluate("window.pwned") is None

    # The region select is remembered; the calculators use it.
    page.locator("#region").select_option("台州市")
    page.reload()
    expect(page.locator("#region")).to_have_value("台州市")
    expect(page.locator("#calc-region")).to_contain_text("台州市")
    page.locator("#region").select_option("")

    # A calculator: funding with the paid-in capital cap, answer + trace + citations.
    expected = api.project_funding(
        category=3, rating="重点推荐", project_type="创业", paid_in_capital="100万"
    )
    form = page.locator('form[data-calc="funding"]')
    page.locator("details.calc", has=form).locator("summary").click()  # calculators start folded
    form.locator('select[name="category"]').select_option("第3类")
    form.locator('select[name="rating"]').select_option("重点推荐")
    form.locator('select[name="project_type"]').select_option("创业类")
    form.locator('input[name="paid_in_capital"]').fill("100")
    form.locator("button[type=submit]").click()
    out = form.locator("xpath=following-sibling::div[contains(@class,'calc-out')]")
    expect(out.locator(".answer")).to_have_text(expected.answer)
    expect(out.locator(".steps li")).to_have_count(len(expected.steps))
    expect(out.locator(".cites li").first).to_contain_text(expected.citations[0].clause)
    assert_accessible(page, "/assist (calculator result)")

    # Screenshot with answers on screen, for a person to look at.
    box.fill("创业 第二期 条件")
    expect(page.locator("li.result").first.locator(".badge")).to_have_text("计算")
    page.screenshot(path=str(tmp_path / "assist.png"), full_page=False)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    shutil.copy(tmp_path / "assist.png", SCREENSHOT)
    assert SCREENSHOT.stat().st_size > 20_000
    context.close()


def test_copy_falls_back_to_a_selected_textarea_without_the_clipboard_api(
    base_url: str, browser: Any
) -> None:
    expect = sync_api.expect
    context = enable_axe(browser.new_context(viewport=DESK, locale="zh-CN"))
    # An intranet page over plain http has no navigator.clipboard: take it away and watch the copy event.
    context.add_init_script("""
        Object.defineProperty(navigator, "clipboard", { value: undefined });
        window.copied = [];
        document.addEventListener("copy", function () {
          var el = document.activeElement;
          window.copied.push(el && el.value !== undefined ? el.value.substring(el.selectionStart, el.selectionEnd)
                                                          : String(document.getSelection()));
        });
    """)
    page = context.new_page()
    log_in(page, base_url)
    page.keyboard.type("英才卡")
    first = page.locator("li.result").first
    expect(first).to_be_visible()
    first.locator("button.copy").click()
    expect(page.locator("#toast")).to_have_text("已复制话术")
    assert page.evaluate("window.copied") == [first.get_attribute("data-answer")]
    expect(first.locator("button.copy")).to_be_visible()

    # A calculator sent with nothing filled in asks for what it needs (amber text): still readable.
    form = page.locator('form[data-calc="funding"]')
    form.evaluate("f => { f.closest('details').open = true; }")
    form.locator("button[type=submit]").click()
    out = form.locator("xpath=following-sibling::div[contains(@class,'calc-out')]")
    expect(out).to_have_class(re.compile(r"status-(needs_input|needs_assessment|invalid)"))
    assert_accessible(page, "/assist (calculator asking for input, toast shown)")
    context.close()
