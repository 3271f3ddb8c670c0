"""Abuse limits (bot/limits.py): per sender and per IP on /api/chat, /api/feedback and /wechat.

Checked here: the bucket arithmetic (burst, steady rate, Retry-After, free retries), the 429 in the
shared JSON error shape with a Chinese message and `Retry-After`, that a limited request never reaches
Rasa, that one sender's or one address's flood leaves the others alone, the WeChat answer (a polite
passive text, HTTP 200), the settings, and the Redis backend against a real redis-server (skipped with
the reason when none is installed). The flood's effect on other senders' latency is measured by
bench/flood.py; tests/gateway/test_limits_flood.py checks the same run's outcome without timing it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import shutil
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot import limits
from bot.limits import MemoryBackend, Rate, RedisBackend, RequestLimiter
from bot.logstore import LogStore
from bot.settings import Settings, SettingsError
from tests.gateway.gateway_fakes import FakeRasa, FakeSender, build_app, chat
from tests.gateway.test_gateway_wechat import params, post_plain, reply_content, text_xml

LIMITED = {
    "limit_sender_per_minute": 6,  # one every 10 s: nothing refills during a test
    "limit_sender_burst": 3,
    "limit_ip_per_minute": 6,
    "limit_ip_burst": 8,
    "limit_wechat_bad_per_minute": 3,
    "wechat_passive_deadline": 4.0,  # as in test_gateway_wechat.py: a loaded machine must not defer
}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, **LIMITED)


def reply_text(resp: Any) -> str:
    """The passive reply's text, whoever it is addressed to."""
    assert resp.status_code == 200, resp.text
    return ET.fromstring(resp.content).findtext("Content") or ""


def client_at(app: FastAPI, ip: str) -> TestClient:
    return TestClient(app, client=(ip, 50000))


def assert_429(resp: Any, words: str) -> int:
    """The shared error shape, a Chinese message naming the wait, and Retry-After in whole seconds."""
    assert resp.status_code == 429, resp.text
    body = resp.json()
    assert set(body) == {"error", "message", "message_en"} and body["error"] == "too_many_requests"
    seconds = int(resp.headers["Retry-After"])
    assert seconds >= 1 and words in body["message"] and f"{seconds} 秒" in body["message"]
    return seconds


# ---- the bucket --------------------------------------------------------------------------------
class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(limits.time, "monotonic", fake)
    return fake


def test_burst_then_steady_rate_with_exact_wait(clock: Clock) -> None:
    backend, rate = MemoryBackend(), Rate(per_minute=6, burst=3)  # one per 10 s, three at once

    async def run() -> list[float]:
        return [await backend.hit("k", rate) for _ in range(4)]

    assert asyncio.run(run()) == [0.0, 0.0, 0.0, pytest.approx(10.0)]
    clock.now += 9.9
    assert asyncio.run(backend.hit("k", rate)) == pytest.approx(0.1)  # refused requests cost nothing
    clock.now += 0.1
    assert asyncio.run(backend.hit("k", rate)) == 0.0
    assert asyncio.run(backend.hit("other", rate)) == 0.0  # keys are independent
    assert limits.retry_after(0.1) == 1 and limits.retry_after(10.0) == 10 and limits.retry_after(10.2) == 11


def test_a_retry_of_an_admitted_request_is_free_a_few_times_only(clock: Clock) -> None:
    backend, rate = MemoryBackend(), Rate(per_minute=6, burst=1)

    async def run() -> list[float]:
        first = await backend.hit("k", rate, once="m1")
        retries = [await backend.hit("k", rate, once="m1") for _ in range(limits.FREE_RETRIES)]
        return [
            first,
            *retries,
            await backend.hit("k", rate, once="m1"),
            await backend.hit("k", rate, once="m2"),
        ]

    waits = asyncio.run(run())
    assert waits[: 1 + limits.FREE_RETRIES] == [0.0] * (1 + limits.FREE_RETRIES)
    assert waits[-2] > 0 and waits[-1] > 0  # the id cannot be replayed forever; a new id is charged


def test_stale_keys_are_swept_and_memory_is_bounded(clock: Clock) -> None:
    backend, rate = MemoryBackend(max_keys=50), Rate(per_minute=60, burst=5)

    async def run() -> None:
        for i in range(200):
            await backend.hit(f"sender-{i}", rate)

    asyncio.run(run())
    assert len(backend._tat) <= 50
    clock.now += 60
    asyncio.run(backend.hit("late", rate))
    assert list(backend._tat) == ["late"]


# ---- /api/chat and /api/feedback ---------------------------------------------------------------
def test_a_sender_over_its_limit_gets_a_polite_429_and_never_reaches_rasa(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    for i in range(3):
        assert chat(client, f"问题{i}", sender="web-flood-1").status_code == 200
    seconds = assert_429(chat(client, "再问一次", sender="web-flood-1"), "您发送消息过于频繁")
    assert 1 <= seconds <= 10
    assert [c["sender"] for c in fake_rasa.calls] == ["web-flood-1"] * 3
    assert chat(client, "我也想问", sender="web-calm-2").status_code == 200  # another sender is not affected


def test_a_resend_with_the_same_client_message_id_is_not_charged(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    for i in range(3):
        resp = chat(
            client,
            f"问题{i}",
            sender="web-retry-1",
            metadata={"channel": "web", "client_message_id": f"cid-{i}0000000"},
        )
        assert resp.status_code == 200
    again = chat(
        client,
        "问题2",
        sender="web-retry-1",
        metadata={"channel": "web", "client_message_id": "cid-20000000"},
    )
    assert again.status_code == 200  # the widget's retry after a network error is answered, not refused
    assert len(fake_rasa.calls) == 3  # and answered once (dedup)
    fresh = chat(
        client,
        "新问题",
        sender="web-retry-1",
        metadata={"channel": "web", "client_message_id": "cid-90000000"},
    )
    assert_429(fresh, "您发送消息过于频繁")


def test_an_address_over_its_limit_is_refused_whatever_sender_it_names(
    app: FastAPI, fake_rasa: FakeRasa
) -> None:
    with client_at(app, "203.0.113.9") as flood, client_at(app, "198.51.100.4") as calm:
        statuses = [chat(flood, "你好", sender=f"web-rotating-{i}").status_code for i in range(10)]
        assert statuses == [200] * 8 + [429] * 2
        assert_429(chat(flood, "你好", sender="web-rotating-99"), "您所在网络发出的请求过多")
        assert chat(calm, "你好", sender="web-calm-1").status_code == 200
    assert len(fake_rasa.calls) == 9


def test_loopback_is_exempt_from_the_ip_limit_but_not_from_the_sender_limit(app: FastAPI) -> None:
    with client_at(app, "127.0.0.1") as local:
        assert all(chat(local, "你好", sender=f"web-bench-{i}").status_code == 200 for i in range(12))
        statuses = [chat(local, "你好", sender="web-one").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_feedback_has_its_own_budget(client: TestClient) -> None:
    replies = chat(client, "你好", sender="web-fb-1").json()["replies"]
    message_id = replies[0]["message_id"]
    body = {"message_id": message_id, "value": "up", "sender": "web-fb-1"}
    assert [client.post("/api/feedback", json=body).status_code for _ in range(3)] == [200] * 3
    assert_429(client.post("/api/feedback", json=body), "评价提交过于频繁")
    assert chat(client, "还能继续问吗", sender="web-fb-1").status_code == 200  # chat budget untouched


def test_limits_can_be_turned_off(settings: Settings, fake_rasa: FakeRasa, store: LogStore) -> None:
    app = build_app(dataclasses.replace(settings, limits_enabled=False), fake_rasa, store)
    with TestClient(app) as client:
        assert all(chat(client, "你好", sender="web-many").status_code == 200 for _ in range(12))


# ---- /wechat -----------------------------------------------------------------------------------
def test_a_wechat_user_over_the_limit_gets_a_polite_passive_reply_not_an_http_error(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    for i in range(3):
        assert "收到" in reply_content(post_plain(client, text_xml(f"问题{i}", msg_id=5000 + i)))
    limited = post_plain(client, text_xml("再问", msg_id=5010))
    assert limited.status_code == 200  # WeChat would resend on any other status
    text = reply_content(limited)
    assert "您发送消息过于频繁" in text and "秒" in text
    assert len(fake_rasa.calls) == 3
    # WeChat resends a message it did not hear back about (same MsgId): admitted, same answer.
    assert "问题2" in reply_content(post_plain(client, text_xml("问题2", msg_id=5002)))
    other = text_xml("我是另一个用户", msg_id=6000, openid="oOtherUser000000000000000000")
    assert "收到" in reply_text(post_plain(client, other))


def test_an_address_sending_unverifiable_wechat_callbacks_is_cut_off(client: TestClient) -> None:
    forged = {**params(), "signature": "0" * 40}
    for _ in range(3):
        resp = client.post("/wechat", params=forged, content=text_xml("x").encode())
        assert resp.status_code == 403
    blocked = client.post("/wechat", params=params(), content=text_xml("你好", msg_id=7001).encode())
    assert_429(blocked, "您所在网络发出的请求过多")
    assert client.get("/wechat", params={**params(), "echostr": "e"}).status_code == 429


def test_genuine_wechat_traffic_is_not_limited_per_address(client: TestClient) -> None:
    """All of an account's users reach us from a few WeChat servers: only failures count per IP."""
    for i in range(12):
        xml = text_xml("你好", msg_id=8000 + i, openid=f"oUser{i:023d}")
        assert "收到" in reply_text(post_plain(client, xml))


# ---- settings ----------------------------------------------------------------------------------
def test_limit_settings_are_read_and_checked() -> None:
    s = Settings.from_env(
        {
            "TALENTBOT_LIMITS": "off",
            "TALENTBOT_LIMIT_SENDER_PER_MINUTE": "30",
            "TALENTBOT_LIMIT_SENDER_BURST": "5",
            "TALENTBOT_LIMIT_IP_PER_MINUTE": "0",
            "TALENTBOT_LIMIT_EXEMPT_NETWORKS": "none",
            "REDIS_HOST": "10.0.0.5",
            "REDIS_PORT": "6380",
        }
    )
    assert (s.limits_enabled, s.limit_sender_per_minute, s.limit_sender_burst) == (False, 30, 5)
    assert s.limit_ip_per_minute == 0 and s.limit_exempt_networks == ""
    assert s.redis_url == "redis://10.0.0.5:6380/2"  # the lock store's Redis, another database
    assert Settings.from_env({"REDIS_URL": "redis://cache:6379/5", "REDIS_HOST": "x"}).redis_url == (
        "redis://cache:6379/5"
    )
    assert Settings().limits_enabled and Settings().redis_url == ""  # in memory by default
    with pytest.raises(SettingsError) as err:
        Settings.from_env(
            {
                "TALENTBOT_LIMITS": "maybe",
                "TALENTBOT_LIMIT_SENDER_BURST": "0",
                "TALENTBOT_LIMIT_IP_PER_MINUTE": "-1",
                "TALENTBOT_LIMIT_EXEMPT_NETWORKS": "10.0.0.0/8,intranet",
                "REDIS_URL": "http://user:hunter2@cache",
            }
        )
    message = str(err.value)
    for variable in ("TALENTBOT_LIMITS", "TALENTBOT_LIMIT_SENDER_BURST", "TALENTBOT_LIMIT_IP_PER_MINUTE"):
        assert variable in message
    assert "'intranet' is not an IP network" in message and "redis://" in message
    assert "hunter2" not in message  # a Redis URL may carry a password


# ---- Redis -------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server not installed (apt-get install redis-server); Redis backend not tested")
    port, workdir = _free_port(), tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/2"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_redis_backend_has_the_same_arithmetic(redis_url: str) -> None:
    async def run() -> tuple[list[float], list[float]]:
        backend = RedisBackend(redis_url)
        try:
            rate = Rate(per_minute=6, burst=3)
            key = f"test:{time.time_ns()}"
            waits = [await backend.hit(key, rate) for _ in range(4)]
            once = [
                await backend.hit(key + "b", Rate(6, 1), once=key + "m")
                for _ in range(1 + limits.FREE_RETRIES + 1)
            ]
            return waits, once
        finally:
            await backend.aclose()

    waits, once = asyncio.run(run())
    assert waits[:3] == [0.0, 0.0, 0.0] and 9.0 < waits[3] <= 10.0
    assert once[:-1] == [0.0] * (1 + limits.FREE_RETRIES) and once[-1] > 0


def test_two_gateways_on_one_redis_share_a_senders_budget(
    redis_url: str, settings: Settings, store: LogStore, tmp_path: Path
) -> None:
    shared = dataclasses.replace(settings, redis_url=redis_url)
    sender = f"web-shared-{time.time_ns()}"
    rasa_a, rasa_b = FakeRasa(), FakeRasa()
    store_b = LogStore(tmp_path / "b.db")
    try:
        with (
            TestClient(build_app(shared, rasa_a, store, FakeSender())) as a,
            TestClient(
                build_app(dataclasses.replace(shared, db_path=tmp_path / "b.db"), rasa_b, store_b)
            ) as b,
        ):
            statuses = [chat(gw, f"问题{i}", sender=sender).status_code for i, gw in enumerate([a, b, a, b])]
            assert statuses == [200, 200, 200, 429]
            assert_429(chat(a, "再问", sender=sender), "您发送消息过于频繁")
    finally:
        store_b.close()
    assert len(rasa_a.calls) + len(rasa_b.calls) == 3


def test_an_unreachable_redis_lets_requests_through(
    settings: Settings, fake_rasa: FakeRasa, store: LogStore, caplog: pytest.LogCaptureFixture
) -> None:
    """A limiter outage must not become a chat outage: fail open, warn once."""
    dead = dataclasses.replace(settings, redis_url=f"redis://127.0.0.1:{_free_port()}/2")
    with TestClient(build_app(dead, fake_rasa, store)) as client:
        started = time.monotonic()
        assert all(chat(client, "你好", sender="web-no-redis").status_code == 200 for _ in range(5))
        assert time.monotonic() - started < 10
    warnings = [r for r in caplog.records if "Redis unavailable" in r.getMessage()]
    assert len(warnings) == 1


def test_the_limiter_is_built_from_the_settings(settings: Settings, redis_url: str) -> None:
    assert isinstance(limits.build_limiter(settings).backend, MemoryBackend)
    limiter = limits.build_limiter(dataclasses.replace(settings, redis_url=redis_url))
    assert isinstance(limiter, RequestLimiter) and isinstance(limiter.backend, RedisBackend)
    asyncio.run(limiter.aclose())
