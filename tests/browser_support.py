"""What every browser test needs: Debian's Chromium driven by Playwright, an app served on loopback,
and an accessibility check with axe-core.

Why shared: the widget, assist and review tests launch the same browser with the same flags (no
`playwright install`, no background networking on this closed network) and serve their app the same
way (uvicorn in a thread on a free port, `ws="none"` because Rasa pins websockets 10).

axe-core is vendored in tests/vendor/axe-core/ (version and update script there) and reaches the page as
a Playwright init script, which the DevTools protocol evaluates outside the page's CSP — so the pages keep
their strict `script-src 'self'` and nothing is loaded from anywhere but the test's own files.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import uvicorn

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
AXE_BLOCKING = ("serious", "critical")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def require_browser() -> ModuleType:
    """playwright.sync_api, or skip the calling module with the reason."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(
            f"{CHROMIUM} not installed (apt-get install chromium); browser tests skipped",
            allow_module_level=True,
        )
    return pytest.importorskip("playwright.sync_api", reason="playwright (Python) not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(app: Any, start_timeout: float = 15.0) -> Iterator[str]:
    """Serve `app` with uvicorn in a thread on a free loopback port; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws="none"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium(sync_api: ModuleType) -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def enable_axe(context: Any) -> Any:
    """Make axe-core available in every page and frame the browser context opens; returns the context."""
    context.add_init_script(path=str(AXE))
    return context


def axe_violations(page: Any, include: str | None = None) -> list[dict[str, Any]]:
    """axe-core's violations for the page as it is now (or for the elements matching `include`).

    Runs axe's default rule set (WCAG 2.x A/AA and best practices); the page's context must have been
    through `enable_axe` before the page loaded. Frames are checked too; a frame axe could not reach
    (its `frame-tested` check left incomplete) is reported as a critical violation, so content that
    was never looked at cannot pass.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        raise AssertionError("axe-core not loaded: call enable_axe(context) before opening the page")
    return page.evaluate(
        """async (include) => {
            const result = await axe.run(include ? {include: [include]} : document,
                                         {resultTypes: ["violations"]});
            const nodes = v => v.nodes.map(n => ({target: n.target.flat().join(" "), summary: n.failureSummary}));
            const found = result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: nodes(v)}));
            result.incomplete.filter(v => v.id === "frame-tested").forEach(v => found.push({
                id: v.id, impact: "critical", help: "axe-core could not run inside this frame", nodes: nodes(v)}));
            return found;
        }""",
        include,
    )


def assert_accessible(page: Any, where: str, include: str | None = None) -> list[dict[str, Any]]:
    """Fail on any serious or critical axe-core violation (listed with their elements); returns the
    minor and moderate ones, if any, for the caller to look at."""
    found = axe_violations(page, include)
    blocking = [v for v in found if v["impact"] in AXE_BLOCKING]
    assert not blocking, f"axe-core: serious/critical violations on {where}:\n" + json.dumps(
        blocking, ensure_ascii=False, indent=1
    )
    return found
