"""WeChat behind a load balancer (#14 item 1): a resend that lands on the other gateway is answered
once, and two gateways on a shared store refuse to start without a shared openid salt.

Two apps stand for two gateway hosts: the same store (SQLite file or PostgreSQL database, both
backends), one Redis (a real `redis-server` on a spare port; skipped without one), one fake Rasa that
counts the turns it is asked.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.logstore import LogStore
from bot.settings import Settings, SettingsError
from bot.supervisor import free_port
from tests.gateway.gateway_fakes import FakeRasa, FakeSender, build_app, drain
from tests.gateway.test_gateway_wechat import OPENID, post_plain, reply_content, text_xml

BOTH_BACKENDS = True


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server not installed (apt-get install redis-server; make scaleout does)")
    port = free_port()
    root = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(root),
        ],
        stdout=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/2"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def two_gateways(
    settings: Settings, redis_url: str, fake_rasa: FakeRasa, fake_sender: FakeSender
) -> Iterator[tuple[TestClient, TestClient]]:
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    shared = replace(settings, redis_url=redis_url, limits_enabled=False)
    stores = [LogStore(shared.store), LogStore(shared.store)]
    apps = [build_app(shared, fake_rasa, s, fake_sender) for s in stores]
    with TestClient(apps[0]) as a, TestClient(apps[1]) as b:
        yield a, b
    for s in stores:
        s.close()


def test_a_resend_on_the_other_gateway_is_answered_once(
    two_gateways: tuple[TestClient, TestClient], fake_rasa: FakeRasa, fake_sender: FakeSender
) -> None:
    a, b = two_gateways
    fake_rasa.delay = 1.0  # slower than the passive window (0.5 s in these settings): A sends it later
    first = post_plain(a, text_xml("我能拿多少奖励？", msg_id=7001))
    assert first.status_code == 200 and first.text == "success"
    resend = post_plain(b, text_xml("我能拿多少奖励？", msg_id=7001))  # WeChat's resend, to gateway B
    assert resend.status_code == 200 and resend.text == "success"
    drain(a)
    drain(b)
    assert len(fake_rasa.calls) == 1  # Rasa asked once
    assert [openid for openid, _ in fake_sender.sent] == [OPENID]  # the user gets the answer once


def test_a_fast_answer_is_not_repeated_by_the_other_gateway(
    two_gateways: tuple[TestClient, TestClient], fake_rasa: FakeRasa, fake_sender: FakeSender
) -> None:
    a, b = two_gateways
    assert reply_content(post_plain(a, text_xml("你好", msg_id=7002)))
    assert post_plain(b, text_xml("你好", msg_id=7002)).text == "success"
    drain(b)
    assert len(fake_rasa.calls) == 1 and fake_sender.sent == []


def test_two_gateways_on_postgresql_need_one_openid_salt(tmp_path: Path) -> None:
    shared = Settings(
        var_dir=tmp_path,
        database_url="postgresql://u:p@127.0.0.1:1/none",  # never opened: the check comes first
        wechat_token="t",
    )
    with pytest.raises(SettingsError, match="WECHAT_OPENID_SALT"):
        create_app(shared)
    # one host on SQLite keeps generating var/openid_salt as before
    create_app(replace(shared, database_url="", db_path=tmp_path / "talentbot.db"))
