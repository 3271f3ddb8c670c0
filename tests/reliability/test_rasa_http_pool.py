"""talentbot_rasa/http_pool.py: Rasa's requests to an endpoint share connections, and nothing else changes."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from rasa.utils.endpoints import EndpointConfig

from talentbot_rasa import http_pool as rasa_http_pool


@pytest.fixture()
def pooled() -> Any:
    rasa_http_pool.apply()
    yield
    rasa_http_pool.restore()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@asynccontextmanager
async def _server(port: int, seen: list[dict[str, Any]]) -> AsyncIterator[None]:
    """An action-server stand-in that records each request's connection and headers."""

    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        peer = request.transport.get_extra_info("peername") if request.transport else None
        seen.append(
            {"peer": peer, "auth": request.headers.get("Authorization"), "x": request.headers.get("X-Bot")}
        )
        return web.json_response({"events": [], "responses": [{"text": body["next_action"]}]})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    try:
        yield
    finally:
        await runner.cleanup()


def _endpoint(port: int) -> EndpointConfig:
    return EndpointConfig(
        url=f"http://127.0.0.1:{port}/webhook",
        headers={"X-Bot": "talentbot"},
        basic_auth={"username": "bot", "password": "s3cret"},
    )


def test_calls_share_one_connection_and_send_rasas_headers(pooled: None) -> None:
    port, seen = _free_port(), []

    async def scenario() -> list[Any]:
        endpoint = _endpoint(port)
        async with _server(port, seen):
            return [await endpoint.request(json={"next_action": f"a{i}"}) for i in range(5)]

    replies = asyncio.run(scenario())
    assert [r["responses"][0]["text"] for r in replies] == [f"a{i}" for i in range(5)]
    assert len({s["peer"] for s in seen}) == 1  # one TCP connection for five calls
    assert {s["x"] for s in seen} == {"talentbot"}
    assert {s["auth"] for s in seen} == {aiohttp.BasicAuth("bot", "s3cret").encode()}


def test_without_the_pool_each_call_opens_a_connection() -> None:
    """The reason for the module: Rasa's own `request` connects anew each time."""
    port, seen = _free_port(), []

    async def scenario() -> None:
        endpoint = _endpoint(port)
        async with _server(port, seen):
            for i in range(3):
                await endpoint.request(json={"next_action": f"a{i}"})

    asyncio.run(scenario())
    assert len({s["peer"] for s in seen}) == 3


def test_a_restarted_server_is_reached_on_the_next_call(pooled: None) -> None:
    """An action server killed and started again (the fault test's case) must not cost a turn."""
    port, seen = _free_port(), []

    async def scenario() -> list[str]:
        endpoint = _endpoint(port)
        texts = []
        for round_ in range(2):
            async with _server(port, seen):
                reply = await endpoint.request(json={"next_action": f"round{round_}"})
                texts.append(reply["responses"][0]["text"])
        return texts

    assert asyncio.run(scenario()) == ["round0", "round1"]
    assert len({s["peer"] for s in seen}) == 2


def test_the_session_is_built_as_rasa_builds_it(pooled: None) -> None:
    endpoint = _endpoint(_free_port())

    async def compare() -> None:
        stock = rasa_http_pool._STOCK["session"](endpoint)
        async with endpoint.session() as ours, stock:
            assert dict(ours.headers) == dict(stock.headers)
            assert ours.auth == stock.auth
            assert ours.timeout == stock.timeout
            assert ours.connector.force_close is False and ours.connector.limit == 0
        assert not ours.closed  # the caller's `async with` leaves the pooled session open
        async with endpoint.session() as again:
            assert again is ours
        await ours.close()
        async with endpoint.session() as fresh:  # closed by someone else: a new one
            assert fresh is not ours
            await fresh.close()

    asyncio.run(compare())


def test_each_event_loop_gets_its_own_session(pooled: None) -> None:
    endpoint = _endpoint(_free_port())

    async def grab() -> Any:
        async with endpoint.session() as session:
            return session

    first = asyncio.run(grab())
    second = asyncio.run(grab())  # the first loop is closed; its session must not be reused
    assert second is not first
    asyncio.run(second.close())


def test_outside_an_event_loop_it_does_what_rasa_does(pooled: None) -> None:
    """No running loop: Rasa's own `session()` runs (aiohttp then refuses, as it does unpatched)."""
    endpoint = _endpoint(_free_port())

    def outcome(session: Any) -> str:
        try:
            session(endpoint)
        except RuntimeError as err:
            return type(err).__name__
        return "no error"

    assert (
        outcome(rasa_http_pool._pooled_session) == outcome(rasa_http_pool._STOCK["session"]) == "RuntimeError"
    )
