"""Fixtures for the reliability tests: one live stack per session on spare ports, state in tmp.

Why one shared stack: starting Rasa costs 25-70 s (model load), more than any test itself. Tests that
kill or restart a service bring it back before they end (`restored` checks the stack is healthy
again), so the next test starts from a healthy stack whatever the order.

Tests marked `scaleout` (bench/scaleout_check.py under pytest; the marker is in pyproject.toml) are
skipped unless selected with `-m scaleout`, because they install and start PostgreSQL and Redis.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.supervisor import Stack, latest_model
from tests.reliability.reliability_helpers import Live


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "scaleout" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="scale-out check: run with `pytest -m scaleout`")
    for item in items:
        if "scaleout" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """Actions, Rasa and the gateway as `make run` starts them, with WeChat enabled (a test token)."""
    try:
        model = latest_model()
    except FileNotFoundError:
        pytest.skip("no trained model under models/ (make train)")
    stack = Stack(
        tmp_path_factory.mktemp("stack"),
        model,
        extra_env={"WECHAT_TOKEN": "reliability-token", "WECHAT_OPENID_SALT": "reliability-salt"},
    )
    try:
        stack.start()
        stack.wait_healthy(timeout=240)
        yield Live(stack)
    finally:
        stack.stop_all()


@pytest.fixture
def restored(live: Live) -> Iterator[Live]:
    """The live stack, checked healthy again after the test (restarting whatever the test stopped)."""
    yield live
    live.stack.start()  # no-op for services still running
    live.stack.wait_healthy(timeout=180)
