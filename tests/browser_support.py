"""What every browser test needs: Debian's Chromium driven by Playwright, and an app served on loopback.

Why shared: the widget, assist and review tests launch the same browser with the same flags (no
`playwright install`, no background networking on this closed network) and serve their app the same
way (uvicorn in a thread on a free port, `ws="none"` because Rasa pins websockets 10).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import pytest
import uvicorn

CHROMIUM = "/usr/bin/chromium"
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
