"""Fixtures for the review/auth tests: a tmp_path DB with seeded conversations and two staff accounts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.auth import users
from tests.pg_support import parametrise_backends
from tests.review.review_fixtures import ADMIN, REVIEWER, build_app, login, make_users, seed_log


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 at minimal cost: the tests hash dozens of passwords; production keeps the default."""
    monkeypatch.setattr(users, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrise_backends(metafunc)  # modules with BOTH_BACKENDS = True: SQLite and PostgreSQL


@pytest.fixture
def db_path(store_target: Path | str) -> Path | str:
    """tmp_path/talentbot.db, or a fresh PostgreSQL database's URL (tests/pg_support.py)."""
    return store_target


@pytest.fixture
def conv_ids(db_path: Path) -> dict[str, str]:
    ids = seed_log(db_path)
    make_users(db_path)
    return ids


@pytest.fixture
def app(db_path: Path | str, conv_ids: dict[str, str], tmp_path: Path) -> FastAPI:
    return build_app(db_path, tmp_path / "no-domain.yml")


@pytest.fixture
def anon(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture
def reviewer(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        assert login(client, *REVIEWER).status_code == 303
        yield client


@pytest.fixture
def admin(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        assert login(client, *ADMIN).status_code == 303
        yield client
