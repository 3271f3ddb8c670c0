"""Fixtures for the hotline-assistant tests (helpers in assist_helpers.py, shared with the browser test)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.assist.assist_helpers import login, make_gateway


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    """One gateway per test module: the tests read, and argon2 hashing per test would cost seconds."""
    return make_gateway(tmp_path_factory.mktemp("assist"))


@pytest.fixture(scope="module")
def anon(gateway: FastAPI) -> Iterator[TestClient]:
    with TestClient(gateway) as c:
        yield c


@pytest.fixture(scope="module")
def staff(gateway: FastAPI) -> Iterator[TestClient]:
    with TestClient(gateway) as c:
        login(c)
        yield c
