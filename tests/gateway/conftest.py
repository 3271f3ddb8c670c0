"""Fixtures for gateway tests: fake Rasa and WeChat sender (gateway_fakes.py), a tmp_path log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.logstore import LogStore
from bot.settings import Settings
from tests.gateway.gateway_fakes import FakeRasa, FakeSender, build_app


@pytest.fixture
def fake_rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        var_dir=tmp_path,
        db_path=tmp_path / "talentbot.db",
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
    s = LogStore(settings.db_path)
    yield s
    s.close()


@pytest.fixture
def app(settings: Settings, fake_rasa: FakeRasa, store: LogStore, fake_sender: FakeSender) -> FastAPI:
    return build_app(settings, fake_rasa, store, fake_sender)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c
