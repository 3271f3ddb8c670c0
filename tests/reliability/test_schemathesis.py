"""Property-based fuzzing of the gateway's OpenAPI schema (schemathesis), in process, with a fake Rasa.

Why a fake Rasa: the property under test is the gateway's own handling of any input its schema
admits (and some it does not) — no 5xx, and responses that match the schema where one is declared —
not Rasa's speed; 50 examples per operation keep the run to seconds. The staff routes (review,
assist) are fuzzed with a logged-in session and its CSRF token, so they are exercised past the 401.
The fake is the gateway engineer's (tests/gateway/gateway_fakes.py), which speaks the real formats.
"""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from bot.app import create_app
from bot.logstore import LogStore
from bot.rasa_client import RasaClient
from bot.settings import Settings
from tests.gateway.gateway_fakes import FakeRasa
from tests.reliability.reliability_helpers import staff_session_headers


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    tmp = tmp_path_factory.mktemp("schemathesis")
    cfg = Settings(
        var_dir=tmp, db_path=tmp / "talentbot.db", wechat_token="fuzz-token", wechat_openid_salt="s"
    )
    rasa = RasaClient(
        cfg.rasa_url, cfg.action_url, timeout=5.0, transport=httpx.MockTransport(FakeRasa().handler)
    )
    return create_app(cfg, rasa_client=rasa, store=LogStore(cfg.db_path))


@pytest.fixture(scope="module")
def staff_headers(gateway: FastAPI) -> dict[str, str]:
    return staff_session_headers(gateway.state.services.settings.db_path)


@pytest.fixture(scope="module")
def api_schema(gateway: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", gateway)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
def test_gateway_schema_no_5xx_and_conforming_responses(
    case: schemathesis.Case, staff_headers: dict[str, str]
) -> None:
    case.call_and_validate(headers=staff_headers, checks=[not_a_server_error, response_schema_conformance])
