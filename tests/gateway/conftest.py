"""Fixtures for gateway tests: fake Rasa and WeChat sender (gateway_fakes.py), a tmp_path log — or a
PostgreSQL database in modules marked `both_backends` (tests/pg_support.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.logstore import LogStore
from bot.settings import Settings
from tests.gateway.gateway_fakes import FakeRasa, FakeSender, build_app
from tests.pg_support import parametrise_backends


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrise_backends(metafunc)


@pytest.fixture
def fake_rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
def settings(tmp_path: Path, store_target: Path | str) -> Settings:
    """SQLite in tmp_path; PostgreSQL (a fresh database) where a module parametrises `backend`."""
    return Settings(
        var_dir=tmp_path,
        db_path=tmp_path / "talentbot.db",
        database_url=store_target if isinstance(store_target, str) else "",
        wechat_token="test-token",
        wechat_appid="wx1234567890abcdef",
        wechat_openid_salt="test-salt",
        wechat_passive_deadline=0.5,
    )


@pytest.fixture
def fake_sender() -> FakeSender:
    return FakeSender()


@pytest.fixture
def store(settings: Settings) -> Iterator[LogStore]:
    s = LogStore(settings.store)
    yield s
    s.close()


@pytest.fixture
def app(settings: Settings, fake_rasa: FakeRasa, store: LogStore, fake_sender: FakeSender) -> FastAPI:
    return build_app(settings, fake_rasa, store, fake_sender)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c
