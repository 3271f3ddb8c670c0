"""The accessibility check itself (tests/browser_support.py + the vendored axe-core) catches what it must.

The page tests only ever see a clean result, which would also be what a check that silently did nothing
returns. So: axe-core is the vendored version, it runs on a page with a strict CSP (as ours have), and a
page with known faults — in the document and inside an iframe, where the embedded chat lives — fails with
those faults named.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser_support import (
    AXE,
    assert_accessible,
    axe_violations,
    chromium,
    enable_axe,
    require_browser,
)

pytestmark = pytest.mark.browser

sync_api = require_browser()

FAULTY = """<!doctype html><html lang="zh-CN"><head><title>有问题的页面</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
</head><body><main><h1>测试</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<button type="button"></button>
<p style="color:#bbb;background:#fff">浅灰色的文字看不清</p>
<iframe title="嵌入" srcdoc="<html lang='zh-CN'><body><main><input type='text'></main></body></html>"></iframe>
</main></body></html>"""


@pytest.fixture
def page() -> Iterator[Any]:
    with chromium(sync_api) as browser:
        yield enable_axe(browser.new_context(locale="zh-CN")).new_page()


def test_vendored_axe_is_the_recorded_version() -> None:
    recorded = (AXE.parent / "VERSION").read_text(encoding="utf-8").split()[1]
    assert AXE.read_text(encoding="utf-8").startswith(f"/*! axe v{recorded}\n")
    assert (AXE.parent / "LICENSE").exists() and (AXE.parent / "LICENSE-3RD-PARTY.txt").exists()


def test_faults_in_the_page_and_in_an_iframe_fail_the_check(page: Any) -> None:
    # Served from an http origin (intercepted, nothing leaves the machine): axe talks to frames by
    # postMessage, which an about:blank page's opaque origin would not allow.
    page.route("http://faulty.test/", lambda route: route.fulfill(body=FAULTY, content_type="text/html"))
    page.goto("http://faulty.test/")
    page.frame_locator("iframe").locator("input").wait_for()
    assert page.evaluate("axe.version") == (AXE.parent / "VERSION").read_text(encoding="utf-8").split()[1]

    found = {v["id"]: v for v in axe_violations(page)}
    assert {"image-alt", "button-name", "color-contrast", "label"} <= set(found), sorted(found)
    assert found["label"]["nodes"][0]["target"] == "iframe input"  # axe looked inside the frame
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page, "a faulty page")


def test_a_frame_axe_cannot_reach_fails_the_check(page: Any) -> None:
    """about:blank has an opaque origin, so axe cannot talk to its srcdoc frame: not a silent pass."""
    page.set_content(FAULTY)
    page.frame_locator("iframe").locator("input").wait_for()
    found = {v["id"]: v for v in axe_violations(page)}
    assert found["frame-tested"]["impact"] == "critical"


def test_a_clean_page_passes(page: Any) -> None:
    page.set_content(
        '<!doctype html><html lang="zh-CN"><head><title>好的页面</title></head><body><main><h1>测试</h1>'
        '<label>姓名<input type="text"></label><button type="button">提交</button></main></body></html>'
    )
    assert assert_accessible(page, "a clean page") == []
