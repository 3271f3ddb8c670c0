"""The widget in Debian's Chromium when the gateway says 429: the Chinese message is shown, the
typed text is not lost, a refused quick reply is offered again, and the page still passes axe-core.

Same set-up as test_widget_browser.py (uvicorn in a thread, fake Rasa), with a sender limit of two
messages so the third is refused.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest

from bot.logstore import LogStore
from bot.settings import Settings
from tests.browser_support import assert_accessible, chromium, enable_axe, require_browser, serve
from tests.gateway.gateway_fakes import FakeRasa, build_app

pytestmark = pytest.mark.browser

sync_api = require_browser()


@pytest.fixture
def gateway(settings: Settings, fake_rasa: FakeRasa, store: LogStore) -> Iterator[str]:
    limited = dataclasses.replace(settings, limit_sender_per_minute=1, limit_sender_burst=2)
    with serve(build_app(limited, fake_rasa, store), start_timeout=10) as url:
        yield url


@pytest.fixture
def browser() -> Iterator[Any]:
    with chromium(sync_api) as b:
        yield b


def test_a_refused_message_is_explained_in_chinese_and_given_back(
    gateway: str, browser: Any, fake_rasa: FakeRasa
) -> None:
    expect = sync_api.expect
    page = enable_axe(browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")).new_page()
    page.goto(gateway + "/")
    for question in ("我能拿多少奖励？", "金卡有什么用？"):
        page.locator("#input").fill(question)
        page.locator("#input").press("Enter")
        expect(page.locator(".msg.bot").filter(has_text="收到：" + question)).to_be_visible()

    page.locator("#input").fill("第三个问题：怎么申请下一期资助？")
    page.locator("#input").press("Enter")
    notice = page.locator(".msg.system.limited")
    expect(notice).to_contain_text("您发送消息过于频繁")
    expect(notice).to_contain_text("秒后再试")
    expect(page.locator("#input")).to_have_value("第三个问题：怎么申请下一期资助？")  # not lost
    expect(page.locator(".msg.user")).to_have_count(2)  # the refused message is not shown as sent
    expect(page.locator("#send")).to_be_enabled()
    assert_accessible(page, "/ (message refused with 429)")

    # A quick reply that is refused comes back, so the user can press it again later.
    page.locator(".quick").get_by_role("button", name="我是第2类人才").click()
    expect(page.locator(".msg.system.limited")).to_have_count(2)
    expect(page.locator(".quick").get_by_role("button", name="我是第2类人才")).to_be_visible()
    expect(page.locator("#input")).to_have_value("第三个问题：怎么申请下一期资助？")
    assert len(fake_rasa.calls) == 2
