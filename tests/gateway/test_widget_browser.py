"""The chat widget in Debian's Chromium (Playwright), at 390×844 like a phone.

The gateway runs in a thread (uvicorn, loopback, free port) in front of the fake Rasa, which answers
with a cited reply and quick-reply buttons. Never runs `playwright install`: it drives /usr/bin/chromium
and is skipped when that is absent.

Every state the tests reach is also checked with axe-core (vendored, tests/vendor/axe-core): no serious
or critical violation on the chat page, the embedded page and the embedding host with the chat open.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.logstore import LogStore
from bot.settings import Settings
from tests.browser_support import assert_accessible, chromium, enable_axe, require_browser, serve
from tests.gateway.gateway_fakes import FakeRasa, build_app, policy_citation

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

sync_api = require_browser()


@pytest.fixture
def gateway(settings: Settings, fake_rasa: FakeRasa, store: LogStore) -> Iterator[str]:
    fake_rasa.delay = 0.4  # long enough to see the typing indicator
    with serve(build_app(settings, fake_rasa, store), start_timeout=10) as url:
        yield url


@pytest.fixture
def browser() -> Iterator[Any]:
    with chromium(sync_api) as b:
        yield b


def test_ask_read_citation_press_quick_reply_and_reload(
    gateway: str, browser: Any, fake_rasa: FakeRasa, store: LogStore, tmp_path: Path
) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    page = enable_axe(context).new_page()
    page.goto(gateway + "/")
    expect = sync_api.expect
    expect(page.locator("#welcome")).to_contain_text("人才服务热线")
    assert_accessible(page, "/ (welcome)")

    # Ask by keyboard: type and press Enter.
    page.locator("#input").fill("我能拿多少奖励？")
    page.locator("#input").press("Enter")
    expect(page.locator("#typing")).to_be_visible()
    answer = page.locator(".msg.bot").filter(has_text="收到：我能拿多少奖励？")
    expect(answer).to_be_visible()
    expect(page.locator("#typing")).to_be_hidden()

    # The citation is collapsed under the answer; expanding it shows the clause and the quote.
    quote = policy_citation("award_cap.category_2")["quote"]
    details = answer.locator("details.cites")
    expect(details).not_to_have_attribute("open", "")
    expect(details.locator("q")).to_be_hidden()
    details.locator("summary").click()
    expect(details.locator("q")).to_have_text(quote)
    expect(details).to_contain_text(policy_citation("award_cap.category_2")["clause"])
    assert_accessible(page, "/ (answer, citation open, feedback and quick replies)")

    # Thumbs up on the answer.
    answer.get_by_role("button", name="有帮助", exact=True).click()
    expect(answer.get_by_role("button", name="有帮助", exact=True)).to_have_attribute("aria-pressed", "true")

    # A quick reply sends its payload (not the title) to Rasa; keyboard-activated.
    quick = page.locator(".quick").get_by_role("button", name="我是第2类人才")
    quick.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".msg.user").last).to_have_text("我是第2类人才")
    expect(page.locator(".msg.bot").last).to_contain_text(
        "收到：/inform"
    )  # this turn's answer, not the last one
    assert fake_rasa.calls[-1]["message"] == '/inform{"category": "2"}'

    # Text that looks like HTML stays text.
    page.locator("#input").fill('<img src=x onerror="window.pwned=1">')
    page.locator("#send").click()
    expect(page.locator(".msg.user").last).to_have_text('<img src=x onerror="window.pwned=1">')
    expect(page.locator(".msg.bot").last).to_contain_text("收到：<img")
    assert page.locator("#log img").count() == 0 and page.evaluate("window.pwned") is None

    # Fits a phone: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot = tmp_path / "widget-390.png"
    page.screenshot(path=str(shot), full_page=False)
    if os.environ.get("TALENTBOT_SCREENSHOT"):
        shutil.copy(shot, os.environ["TALENTBOT_SCREENSHOT"])
    assert shot.stat().st_size > 10_000

    # Reload: same sender (localStorage), history redrawn from the log, feedback state kept.
    sender = page.evaluate("localStorage.getItem('talentbot.sender')")
    assert sender and sender.startswith("web-")
    page.reload()
    expect(page.locator(".msg.user")).to_have_count(3)
    expect(page.locator(".msg.user").first).to_have_text("我能拿多少奖励？")
    first_answer = page.locator(".msg.bot").filter(has_text="收到：我能拿多少奖励？")
    expect(first_answer.get_by_role("button", name="有帮助", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator(".quick").get_by_role("button", name="我是第2类人才")).to_be_visible()
    assert page.evaluate("localStorage.getItem('talentbot.sender')") == sender
    assert_accessible(page, "/ (history redrawn after reload)")
    assert {m["direction"] for m in store.history("web", sender)} == {"in", "out"}


def test_handoff_button_and_embed_script(
    gateway: str, browser: Any, fake_rasa: FakeRasa, store: LogStore
) -> None:
    expect = sync_api.expect
    page = enable_axe(browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")).new_page()
    page.goto(gateway + "/")
    page.get_by_role("button", name="转人工服务").click()
    expect(page.locator(".msg.bot").last).to_contain_text("收到：转人工")
    assert fake_rasa.calls[-1]["message"] == "转人工"
    sender = page.evaluate("localStorage.getItem('talentbot.sender')")
    conv = store._conn().execute("SELECT handoff FROM conversations WHERE sender=?", (sender,)).fetchone()
    assert conv["handoff"] == 1

    # Any site: the embed script adds a floating button that opens the chat in an iframe.
    # The host document is answered by Playwright itself at a path of the gateway's origin (a real
    # navigation, not set_content, whose document.open() would drop the message listener axe uses to
    # reach into the iframe).
    host = enable_axe(browser.new_context(viewport={"width": 1024, "height": 768}, locale="zh-CN")).new_page()
    host_html = (
        '<html lang="zh-CN"><head><title>某人才网</title></head><body><main><h1>某人才网</h1></main>'
        f'<script src="{gateway}/widget.js" data-title="测试咨询"></script></body></html>'
    )
    host.route(
        gateway + "/host-page",
        lambda route: route.fulfill(body=host_html, content_type="text/html; charset=utf-8"),
    )
    host.goto(gateway + "/host-page")
    launcher = host.get_by_role("button", name="打开测试咨询")
    expect(launcher).to_be_visible()
    launcher.click()
    frame = host.frame_locator("iframe[title='测试咨询']")
    expect(frame.locator("h1")).to_have_text("测试咨询")
    frame.locator("#input").fill("你好")
    frame.locator("#input").press("Enter")
    expect(frame.locator(".msg.bot").last).to_contain_text("收到：你好")
    assert_accessible(host, "a host page with the embedded chat open (axe checks inside the iframe)")
    frame.get_by_role("button", name="关闭对话窗口").click()
    expect(host.locator("iframe[title='测试咨询']")).to_be_hidden()


def test_chat_page_accessibility_landmarks_live_log_and_error_state(gateway: str, browser: Any) -> None:
    """axe-core on the desktop width and the embedded page, and the structure a screen reader relies on:
    Chinese page language, one main landmark holding the conversation log, the log announced politely,
    feedback buttons named by their visible text, and the network-error message with its retry button."""
    expect = sync_api.expect
    page = enable_axe(browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")).new_page()
    page.goto(gateway + "/")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    expect(page.get_by_role("banner").get_by_role("heading", level=1)).to_be_visible()
    main = page.get_by_role("main")
    expect(main).to_have_count(1)
    log = main.get_by_role("log", name="对话记录")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(main.get_by_role("textbox", name="输入您的问题")).to_be_visible()
    assert_accessible(page, "/ (desktop)")

    page.locator("#input").fill("我能拿多少奖励？")
    page.locator("#input").press("Enter")
    answer = log.locator(".msg.bot").filter(has_text="收到：我能拿多少奖励？")
    expect(answer).to_be_visible()
    feedback = answer.get_by_role("group", name="这条回答有帮助吗？")
    for name in ("有帮助", "没帮助"):  # what is read is what is shown
        button = feedback.get_by_role("button", name=name, exact=True)
        expect(button).to_have_text(name)
        expect(button).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("status")).to_have_text("助手已回复")

    # The network drops: the error is a message in the log with a retry button, and still passes axe.
    page.route("**/api/chat", lambda route: route.abort())
    page.locator("#input").fill("再问一次")
    page.locator("#input").press("Enter")
    error = log.locator(".msg.system")
    expect(error).to_contain_text("网络异常")
    expect(error.get_by_role("button", name="重新发送")).to_be_visible()
    assert_accessible(page, "/ (network error with retry)")

    embed = enable_axe(browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")).new_page()
    embed.goto(gateway + "/?embed=1&title=测试咨询")
    expect(embed.get_by_role("button", name="关闭对话窗口")).to_be_visible()
    assert_accessible(embed, "/?embed=1")
