"""Observability at the gateway (#14 item 3): /metrics after turns, who may read it, the request id in
the response, in the JSON log lines and on the call to Rasa; senders pseudonymised, no openid logged.

Apps are the usual test apps around the fake Rasa (gateway_fakes.py); TestClient's `client` address
decides whether a request counts as coming from loopback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from bot.app import create_app
from bot.auth.schema import open_db
from bot.auth.sessions import SESSION_COOKIE, create_session
from bot.auth.users import create_user
from bot.logstore import LogStore
from bot.rasa_client import RasaClient
from bot.settings import Settings
from talentbot_rasa.jsonlog import JsonFormatter, pseudonym
from tests.gateway.gateway_fakes import FakeRasa, FakeSender, Turn, chat, drain
from tests.gateway.test_gateway_wechat import OPENID, post_plain, text_xml

LOOPBACK = ("127.0.0.1", 50000)
REMOTE = ("203.0.113.9", 50000)


class JsonCapture(logging.Handler):
    """Formats every record as it is emitted (the request id is read then), parsed back to a dict."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.setFormatter(JsonFormatter("gateway"))
        self.lines: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def logs() -> Iterator[JsonCapture]:
    root = logging.getLogger()
    capture, level = JsonCapture(), root.level
    root.addHandler(capture)
    root.setLevel(logging.INFO)
    yield capture
    root.removeHandler(capture)
    root.setLevel(level)


class HeaderRecorder:
    """The fake Rasa behind a transport that keeps the headers of every turn sent to it."""

    def __init__(self, fake: FakeRasa) -> None:
        self.fake = fake
        self.headers: list[httpx.Headers] = []

    async def handler(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/webhook"):
            self.headers.append(request.headers)
        return await self.fake.handler(request)


def make_app(
    settings: Settings, fake: FakeRasa, store: LogStore, sender: FakeSender | None = None
) -> tuple[FastAPI, HeaderRecorder]:
    recorder = HeaderRecorder(fake)
    rasa = RasaClient(
        settings.rasa_url, settings.action_url, timeout=5.0, transport=httpx.MockTransport(recorder.handler)
    )
    app = create_app(settings, rasa_client=rasa, store=store, wechat_sender=sender, optional_routers=())
    return app, recorder


@pytest.fixture
def local(
    settings: Settings, fake_rasa: FakeRasa, store: LogStore, fake_sender: FakeSender
) -> Iterator[tuple[TestClient, HeaderRecorder]]:
    """A client on loopback (may read /metrics) and the recorder of what reached Rasa."""
    app, recorder = make_app(settings, fake_rasa, store, fake_sender)
    with TestClient(app, client=LOOPBACK) as c:
        yield c, recorder


def scrape(client: TestClient, **kw: Any) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """/metrics as {(sample name, sorted labels): value}."""
    resp = client.get("/metrics", **kw)
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("text/plain")
    out = {}
    for family in text_string_to_metric_families(resp.text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def value(samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str) -> float:
    return samples[(name, tuple(sorted(labels.items())))]


# ---- /metrics ----------------------------------------------------------------------------------------
def test_metrics_show_turn_latency_histograms_by_channel_after_a_few_turns(
    local: tuple[TestClient, HeaderRecorder], fake_sender: FakeSender
) -> None:
    client, _ = local
    before = scrape(client)
    assert value(before, "talentbot_turn_duration_seconds_count", channel="web") == 0
    for question in ("我属于第几类人才？", "能拿多少奖励？", "金卡有什么用"):
        assert chat(client, question, sender="web-obs-1").status_code == 200
    client.post("/api/chat", json={"sender": "api-obs-1", "message": "你好"})
    assert post_plain(client, text_xml("金卡", msg_id=7001)).status_code == 200
    after = scrape(client)
    for channel, turns in (("web", 3), ("api", 1), ("wechat", 1)):
        assert value(after, "talentbot_turn_duration_seconds_count", channel=channel) == turns
        assert value(after, "talentbot_turn_duration_seconds_bucket", channel=channel, le="+Inf") == turns
        assert value(after, "talentbot_rasa_duration_seconds_count", channel=channel) == turns
    assert value(after, "talentbot_turn_duration_seconds_sum", channel="web") > 0
    # the buckets are cumulative: a quick fake turn lands in the first one already
    assert value(after, "talentbot_turn_duration_seconds_bucket", channel="web", le="30.0") == 3


def test_fallbacks_handoffs_and_errors_are_counted_by_who_failed(
    local: tuple[TestClient, HeaderRecorder], fake_rasa: FakeRasa
) -> None:
    client, _ = local
    fake_rasa.responder = lambda s, m, md: Turn(
        [{"recipient_id": s, "text": "抱歉，没听懂。"}], intent="nlu_fallback", fallback=True
    )
    chat(client, "啊？")
    fake_rasa.responder = lambda s, m, md: Turn(
        [{"recipient_id": s, "text": "正在为您转接人工。"}], actions=["action_handoff"], handoff=True
    )
    chat(client, "转人工")
    fake_rasa.responder = lambda s, m, md: Turn([], actions=["action_answer_benefits"])  # no reply
    chat(client, "奖励")
    fake_rasa.down = True
    chat(client, "还在吗")
    fake_rasa.down, fake_rasa.webhook_status = False, 500
    chat(client, "还在吗？")
    m = scrape(client)
    assert value(m, "talentbot_fallbacks_total", channel="web", source="rasa") == 1
    # Rasa unreachable, Rasa failing and the action server failing all end in the hotline reply
    assert value(m, "talentbot_fallbacks_total", channel="web", source="gateway") == 3
    assert value(m, "talentbot_handoffs_total", channel="web") == 1
    assert value(m, "talentbot_rasa_errors_total", reason="unavailable") == 2
    assert value(m, "talentbot_action_errors_total") == 1
    assert value(m, "talentbot_turn_duration_seconds_count", channel="web") == 5


def test_wechat_answers_sent_after_the_window_are_counted(
    local: tuple[TestClient, HeaderRecorder], fake_rasa: FakeRasa, fake_sender: FakeSender
) -> None:
    client, _ = local
    fake_rasa.delay = 1.0  # longer than the test settings' 0.5 s passive deadline
    resp = post_plain(client, text_xml("慢一点的问题", msg_id=7101))
    assert resp.status_code == 200 and resp.text == "success"
    drain(client)
    assert len(fake_sender.sent) == 1
    m = scrape(client)
    assert value(m, "talentbot_wechat_async_replies_total", outcome="sent") == 1
    assert value(m, "talentbot_wechat_async_replies_total", outcome="failed") == 0


def test_assist_latency_is_a_histogram_by_endpoint(tmp_path: Any) -> None:
    from tests.assist.assist_helpers import login, make_gateway, page_csrf

    with TestClient(make_gateway(tmp_path), client=LOOPBACK) as client:
        login(client)
        assert client.get("/api/assist", params={"q": "金卡 公交"}).status_code == 200
        calc = client.post(
            "/api/assist/calc/category",
            json={"inputs": {"honours": "杰青"}},
            headers={"X-CSRF-Token": page_csrf(client)},
        )
        assert calc.status_code in (200, 422)
        m = scrape(client)
    assert value(m, "talentbot_assist_duration_seconds_count", endpoint="search") == 1
    assert value(m, "talentbot_assist_duration_seconds_count", endpoint="calc") == 1


# ---- who may read /metrics ----------------------------------------------------------------------------
def test_metrics_are_refused_to_a_remote_client_without_a_staff_session(
    settings: Settings, fake_rasa: FakeRasa, store: LogStore
) -> None:
    app, _ = make_app(settings, fake_rasa, store)
    with TestClient(app, client=REMOTE) as remote:
        resp = remote.get("/metrics")
        assert resp.status_code == 403 and resp.json()["error"] == "metrics_forbidden"
        assert "talentbot_" not in resp.text
        remote.cookies.set(SESSION_COOKIE, "not-a-session")
        assert remote.get("/metrics").status_code == 403
    with TestClient(app) as unknown:  # TestClient's default peer is "testclient", not an address
        assert unknown.get("/metrics").status_code == 403


def test_a_proxy_on_the_same_host_does_not_make_a_client_local(
    local: tuple[TestClient, HeaderRecorder],
) -> None:
    client, _ = local
    for header in ("X-Forwarded-For", "X-Real-IP", "Forwarded"):
        assert client.get("/metrics", headers={header: "203.0.113.9"}).status_code == 403
    assert client.get("/metrics").status_code == 200


def test_a_staff_session_may_read_metrics_from_anywhere(
    settings: Settings, fake_rasa: FakeRasa, store: LogStore
) -> None:
    conn = open_db(settings.db_path)
    try:
        user_id = create_user(conn, "ops01", "运维-测试-口令-2024", "reviewer")
        token = create_session(conn, user_id, hours=1, ip=None, user_agent=None)
    finally:
        conn.close()
    app, _ = make_app(settings, fake_rasa, store)
    with TestClient(app, client=REMOTE) as remote:
        remote.cookies.set(SESSION_COOKIE, token)
        assert "talentbot_turn_duration_seconds" in remote.get("/metrics").text


def test_the_metrics_token_lets_a_remote_prometheus_in(
    settings: Settings, fake_rasa: FakeRasa, store: LogStore
) -> None:
    import dataclasses

    configured = dataclasses.replace(settings, metrics_token="scrape-token-0123456789")
    app, _ = make_app(configured, fake_rasa, store)
    with TestClient(app, client=REMOTE) as remote:
        assert remote.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 403
        ok = remote.get("/metrics", headers={"Authorization": "Bearer scrape-token-0123456789"})
        assert ok.status_code == 200 and "talentbot_fallbacks_total" in ok.text
    assert "scrape-token" not in repr(configured)


# ---- request id and logs --------------------------------------------------------------------------------
def test_one_turn_has_one_request_id_in_the_response_the_logs_and_the_call_to_rasa(
    local: tuple[TestClient, HeaderRecorder], logs: JsonCapture, fake_rasa: FakeRasa
) -> None:
    client, recorder = local
    resp = chat(client, "我属于第几类人才？", sender="web-obs-secret-1")
    request_id = resp.headers["X-Request-ID"]
    assert len(request_id) == 32
    assert recorder.headers[-1]["X-Request-ID"] == request_id  # the turn channel puts it in the metadata
    assert "request_id" not in fake_rasa.calls[-1]["metadata"]  # the turn's own metadata is unchanged
    mine = [line for line in logs.lines if line["request_id"] == request_id]
    by_message = {line["message"]: line for line in mine}
    turn = by_message["turn answered"]
    assert turn["service"] == "gateway" and turn["logger"] == "bot.dialogue"
    assert turn["channel"] == "web" and turn["replies"] == 1 and turn["fallback"] is None
    assert turn["sender"] == pseudonym("web-obs-secret-1")
    access = by_message["POST /api/chat 200"]
    assert (access["path"], access["status"], access["method"]) == ("/api/chat", 200, "POST")
    assert all("web-obs-secret-1" not in json.dumps(line, ensure_ascii=False) for line in logs.lines)


def test_a_sane_request_id_from_a_proxy_is_kept_and_a_hostile_one_replaced(
    local: tuple[TestClient, HeaderRecorder], logs: JsonCapture
) -> None:
    client, recorder = local
    body = {"sender": "web-obs-2", "message": "你好", "metadata": {"channel": "web"}}
    kept = client.post("/api/chat", json=body, headers={"X-Request-ID": "edge-4f2a-0001"})
    assert kept.headers["X-Request-ID"] == "edge-4f2a-0001"
    assert recorder.headers[-1]["X-Request-ID"] == "edge-4f2a-0001"
    hostile = client.get("/api/health", headers={"X-Request-ID": "x" * 65})
    assert hostile.headers["X-Request-ID"] != "x" * 65 and len(hostile.headers["X-Request-ID"]) == 32
    assert not any("x" * 65 in json.dumps(line) for line in logs.lines)


def test_the_wechat_access_line_has_neither_the_openid_nor_the_query(
    local: tuple[TestClient, HeaderRecorder], logs: JsonCapture
) -> None:
    client, _ = local
    resp = post_plain(client, text_xml("金卡有什么用", msg_id=7201))
    assert resp.status_code == 200
    access = [line for line in logs.lines if line["logger"] == "bot.access"]
    assert [line["path"] for line in access] == ["/wechat"]
    assert access[0]["request_id"] == resp.headers["X-Request-ID"]
    # the gateway's lines (the test client's own httpx lines show the URL it asked for)
    text = "\n".join(json.dumps(line, ensure_ascii=False) for line in logs.lines if line["logger"] != "httpx")
    assert OPENID not in text and "signature=" not in text
    turn = next(line for line in logs.lines if line["message"] == "turn answered")
    assert turn["channel"] == "wechat" and turn["sender"].startswith("s-")
