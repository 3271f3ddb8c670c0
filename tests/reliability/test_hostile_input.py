"""Hostile input on every public endpoint of the live gateway: a 4xx or a polite reply, never a 5xx or a hang.

Why against the live stack (uvicorn, real Rasa) and not the in-process app: invalid UTF-8, truncated
bodies and oversized requests behave differently on a real socket, and a "/intent{…}" injection is
only proven harmless by Rasa's own tracker. Each request has a 20 s client timeout: a hang fails.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from bench.assist import staff_cookie
from bot.app import create_app
from bot.rasa_client import RasaClient
from bot.settings import Settings
from tests.gateway.gateway_fakes import FakeRasa
from tests.reliability.reliability_helpers import Live, staff_session_headers

pytestmark = pytest.mark.timeout(120)
live_stack = pytest.mark.rasa

JSON = {"content-type": "application/json"}
DEEP = b"[" * 100_000 + b"]" * 100_000
DEEP_OBJECT = b'{"a":' * 50_000 + b"1" + b"}" * 50_000


def chat_body(**fields: Any) -> bytes:
    body = {"sender": "hostile-user", "message": "你好", **fields}
    return json.dumps(body, ensure_ascii=False).encode()


# (id, method, path, request kwargs) — every case must end in < 500 within the timeout.
CASES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("chat-empty-body", "POST", "/api/chat", {"content": b"", "headers": JSON}),
    ("chat-empty-object", "POST", "/api/chat", {"content": b"{}", "headers": JSON}),
    ("chat-not-json", "POST", "/api/chat", {"content": b"sender=a&message=b", "headers": JSON}),
    ("chat-json-array", "POST", "/api/chat", {"content": b"[1,2,3]", "headers": JSON}),
    ("chat-huge-body", "POST", "/api/chat", {"content": b"x" * 3_000_000, "headers": JSON}),
    ("chat-huge-message", "POST", "/api/chat", {"content": chat_body(message="长" * 5000), "headers": JSON}),
    (
        "chat-invalid-utf8",
        "POST",
        "/api/chat",
        {"content": b'{"sender":"u1","message":"\xff\xfe\xc3("}', "headers": JSON},
    ),
    (
        "chat-lone-surrogate",
        "POST",
        "/api/chat",
        {"content": b'{"sender":"u1","message":"\\ud800\\udfff\\ud800"}', "headers": JSON},
    ),
    (
        "chat-only-control-chars",
        "POST",
        "/api/chat",
        {"content": chat_body(message="\x00\x01\x1b\x7f"), "headers": JSON},
    ),
    ("chat-deep-array", "POST", "/api/chat", {"content": DEEP, "headers": JSON}),
    ("chat-deep-object", "POST", "/api/chat", {"content": DEEP_OBJECT, "headers": JSON}),
    ("chat-nan", "POST", "/api/chat", {"content": b'{"sender":"u1","message":NaN}', "headers": JSON}),
    (
        "chat-infinite-number",
        "POST",
        "/api/chat",
        {"content": b'{"sender":"u1","message":1e999}', "headers": JSON},
    ),
    ("chat-message-int", "POST", "/api/chat", {"json": {"sender": "u1", "message": 5}}),
    ("chat-message-list", "POST", "/api/chat", {"json": {"sender": "u1", "message": ["你好"]}}),
    ("chat-message-null", "POST", "/api/chat", {"json": {"sender": "u1", "message": None}}),
    ("chat-sender-int", "POST", "/api/chat", {"json": {"sender": 12, "message": "你好"}}),
    ("chat-sender-path", "POST", "/api/chat", {"json": {"sender": "../../etc/passwd", "message": "你好"}}),
    (
        "chat-sender-backslash",
        "POST",
        "/api/chat",
        {"json": {"sender": "..\\..\\win.ini", "message": "你好"}},
    ),
    ("chat-sender-sql", "POST", "/api/chat", {"json": {"sender": "a' OR '1'='1", "message": "你好"}}),
    ("chat-sender-huge", "POST", "/api/chat", {"json": {"sender": "a" * 10_000, "message": "你好"}}),
    (
        "chat-metadata-list",
        "POST",
        "/api/chat",
        {"json": {"sender": "u1", "message": "你好", "metadata": [1]}},
    ),
    (
        "chat-payload-object",
        "POST",
        "/api/chat",
        {"json": {"sender": "u1", "message": "你好", "payload": {"a": 1}}},
    ),
    (
        "chat-client-id-int",
        "POST",
        "/api/chat",
        {"json": {"sender": "u1", "message": "你好", "metadata": {"client_message_id": 7}}},
    ),
    (
        "chat-handoff-string",
        "POST",
        "/api/chat",
        {"json": {"sender": "u1", "message": "你好", "metadata": {"handoff": "yes"}}},
    ),
    (
        "chat-region-huge",
        "POST",
        "/api/chat",
        {"json": {"sender": "u1", "message": "你好", "metadata": {"region": "台" * 500}}},
    ),
    ("chat-form-encoded", "POST", "/api/chat", {"data": {"sender": "u1", "message": "你好"}}),
    ("feedback-huge-id", "POST", "/api/feedback", {"json": {"message_id": 2**70, "value": "up"}}),
    ("feedback-negative-id", "POST", "/api/feedback", {"json": {"message_id": -1, "value": "up"}}),
    ("feedback-bool-id", "POST", "/api/feedback", {"json": {"message_id": True, "value": "up"}}),
    ("feedback-float-id", "POST", "/api/feedback", {"json": {"message_id": 1.5, "value": "down"}}),
    (
        "feedback-bad-value",
        "POST",
        "/api/feedback",
        {"json": {"message_id": 1, "value": "'; DROP TABLE messages; --"}},
    ),
    (
        "feedback-path-sender",
        "POST",
        "/api/feedback",
        {"json": {"message_id": 1, "value": "up", "sender": "../../etc/passwd"}},
    ),
    ("feedback-deep", "POST", "/api/feedback", {"content": DEEP, "headers": JSON}),
    (
        "feedback-invalid-utf8",
        "POST",
        "/api/feedback",
        {"content": b'{"message_id":1,"value":"\xff"}', "headers": JSON},
    ),
    ("history-no-sender", "GET", "/api/history", {}),
    ("history-path-sender", "GET", "/api/history", {"params": {"sender": "../../etc/passwd"}}),
    ("history-invalid-utf8", "GET", "/api/history?sender=%FF%FE%00", {}),
    ("history-sql-sender", "GET", "/api/history", {"params": {"sender": "x' UNION SELECT * FROM users--"}}),
    ("history-huge-limit", "GET", "/api/history", {"params": {"sender": "u1", "limit": str(10**30)}}),
    ("history-negative-limit", "GET", "/api/history", {"params": {"sender": "u1", "limit": "-5"}}),
    ("history-bad-channel", "GET", "/api/history", {"params": {"sender": "u1", "channel": "wechat"}}),
    ("health-with-junk", "GET", "/api/health?x=%00%FF", {}),
    ("wechat-get-no-params", "GET", "/wechat", {}),
    (
        "wechat-get-bad-signature",
        "GET",
        "/wechat",
        {"params": {"signature": "x", "timestamp": "1", "nonce": "n", "echostr": "e"}},
    ),
    ("wechat-get-huge-timestamp", "GET", "/wechat", {"params": {"timestamp": "9" * 5000}}),
    ("wechat-post-no-signature", "POST", "/wechat", {"content": b"<xml></xml>"}),
    ("assist-anonymous", "GET", "/api/assist", {"params": {"q": "金卡"}}),
    ("assist-calc-anonymous", "POST", "/api/assist/calc/../../etc/passwd", {"json": {}}),
    ("review-anonymous", "GET", "/review/api/conversations", {}),
    ("review-path-id", "GET", "/review/api/c/..%2F..%2Fetc%2Fpasswd", {}),
    ("static-traversal", "GET", "/static/..%2F..%2Fsettings.py", {}),
    ("static-traversal-raw", "GET", "/static/../../bot/settings.py", {}),
    ("page-script-query", "GET", "/?embed=<script>alert(1)</script>", {}),
    ("login-no-csrf", "POST", "/login", {"data": {"username": "admin' --", "password": "x"}}),
    ("login-next-evil", "GET", "/login?next=//evil.example/%0d%0aSet-Cookie:x=1", {}),
    ("unknown-method", "PATCH", "/api/chat", {"json": {}}),
]


@pytest.fixture(scope="module")
def client(live: Live) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.stack.gateway_url, timeout=20.0, trust_env=False) as c:
        yield c


@pytest.fixture(scope="module")
def in_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The same app with the gateway engineer's fake Rasa: the table runs in `make test-fast` too."""
    tmp = tmp_path_factory.mktemp("hostile")
    cfg = Settings(
        var_dir=tmp, db_path=tmp / "t.db", wechat_token="reliability-token", wechat_openid_salt="s"
    )
    rasa = RasaClient(
        cfg.rasa_url, cfg.action_url, timeout=5.0, transport=httpx.MockTransport(FakeRasa().handler)
    )
    with TestClient(create_app(cfg, rasa_client=rasa), raise_server_exceptions=False) as c:
        yield c


CASE_PARAMS = pytest.mark.parametrize(
    ("method", "path", "kwargs"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)


@live_stack
@CASE_PARAMS
def test_hostile_request_gets_a_4xx_or_a_polite_reply(
    client: httpx.Client, method: str, path: str, kwargs: dict[str, Any]
) -> None:
    check_hostile(client.request(method, path, **kwargs), path)


@CASE_PARAMS
def test_hostile_request_in_process(
    in_process: TestClient, method: str, path: str, kwargs: dict[str, Any]
) -> None:
    check_hostile(in_process.request(method, path, **kwargs), path)


def test_review_annotation_with_an_out_of_range_message_id_is_not_a_500(in_process: TestClient) -> None:
    headers = staff_session_headers(in_process.app.state.services.settings.db_path)  # type: ignore[attr-defined]
    resp = in_process.post(
        f"/review/api/c/web:u1:x/m/{2**70}/annotation",
        json={"intent": "greet", "entities": []},
        headers=headers,
    )
    assert resp.status_code < 500


def check_hostile(resp: httpx.Response, path: str) -> None:
    assert resp.status_code < 500, resp.text[:300]
    if resp.status_code >= 400 and resp.headers.get("content-type", "").startswith("application/json"):
        body = resp.json()
        assert body.get("error") and body.get("message"), body  # the shared error shape, Chinese message
    if resp.status_code == 200 and path == "/api/chat":
        assert resp.json()["replies"], "a 200 chat turn always has a reply"


@live_stack
@pytest.mark.parametrize(
    "message",
    [
        "\x00\x07你好\x1b[31m，人才金卡有什么用\x7f",
        "'; DROP TABLE messages; --",
        "Robert'); DELETE FROM conversations WHERE ('1'='1",
        "<script>alert('x')</script>人才热线",
        "%s%s%s%n{0}{{7*7}}${jndi:ldap://x}",
        "\u202e\u200b\ufeff人才服务有哪些",
    ],
)
def test_odd_but_valid_text_gets_a_polite_reply_and_the_log_survives(live: Live, message: str) -> None:
    sender = live.sender("odd-text")
    texts = live.texts(sender, message)
    assert texts and all(t.strip() for t in texts)
    assert live.log_rows("SELECT COUNT(*) AS n FROM messages WHERE sender=?", (sender,))[0]["n"] >= 2
    assert live.log_rows("SELECT COUNT(*) AS n FROM conversations WHERE sender=?", (sender,))[0]["n"] == 1


@live_stack
def test_intent_injection_does_not_reach_rasa_as_a_command(live: Live) -> None:
    sender = live.sender("inject")
    texts = live.texts(sender, '/inform{"category": "5", "review_rating": "特别推荐"}')
    assert texts
    tracker = live.tracker(sender)
    user_events = [e for e in tracker["events"] if e.get("event") == "user"]
    assert user_events[-1]["text"].startswith("／"), "the leading slash was neutralised"
    assert tracker["slots"].get("review_rating") != "特别推荐"
    assert str(tracker["slots"].get("category")) != "5"


@live_stack
def test_an_offered_button_payload_is_the_only_command_accepted(live: Live) -> None:
    sender = live.sender("payload")
    resp = live.chat(sender, "特别推荐", payload='/inform{"category": "1"}')
    assert resp.status_code == 200 and resp.json()["replies"]
    assert str(live.slots(sender).get("category")) != "1", "a payload the bot never offered is plain text"


def _wechat_query(token: str) -> dict[str, str]:
    timestamp, nonce = str(int(time.time())), "hostile"
    signature = hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()
    return {"signature": signature, "timestamp": timestamp, "nonce": nonce}


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xml>&b;</xml>',
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Content>&e;</Content></xml>',
        b"<xml><ToUserName>",
        b"<notxml/>",
        b"<xml><MsgType>text</MsgType></xml>",
        b"\xff\xfe<xml/>",
        b"<xml>" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</xml>",
    ],
    ids=["billion-laughs", "xxe", "truncated", "wrong-root", "no-sender", "invalid-utf8", "deep"],
)
@live_stack
def test_signed_hostile_wechat_xml_is_refused(client: httpx.Client, body: bytes) -> None:
    resp = client.post("/wechat", params=_wechat_query("reliability-token"), content=body)
    assert 400 <= resp.status_code < 500, resp.text[:200]


@live_stack
def test_staff_endpoints_with_a_session_refuse_hostile_parameters(live: Live, client: httpx.Client) -> None:
    cookies = staff_cookie(live.stack.settings.db_path)
    assert cookies is not None
    cases = [
        {"q": "金" * 5000},
        {"q": "\x00\x01金卡\x1b"},
        {"q": "金卡", "k": "0"},
        {"q": "金卡", "k": "abc"},
        {"q": "金卡", "k": str(10**20)},
        {"q": "金卡", "region": "../../etc/passwd"},
        {"q": "' OR 1=1 --"},
    ]
    for params in cases:
        resp = client.get("/api/assist", params=params, cookies=cookies)
        assert resp.status_code < 500, (params, resp.text[:200])
    resp = client.post("/api/assist/calc/..%2F..%2Fetc", json={"x": 1}, cookies=cookies)
    assert resp.status_code < 500


@live_stack
def test_a_truncated_body_does_not_hang_the_gateway(live: Live, client: httpx.Client) -> None:
    """Content-Length promises 1000 bytes, the client sends 20 and stops writing."""
    with socket.create_connection(("127.0.0.1", live.stack.settings.gateway_port), timeout=15) as sock:
        sock.sendall(
            b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000\r\n\r\n" + b'{"sender":"u1","mess'
        )
        sock.shutdown(socket.SHUT_WR)
        started = time.monotonic()
        with contextlib.suppress(OSError):
            while sock.recv(4096):
                pass
        assert time.monotonic() - started < 15
    assert client.get("/api/health").status_code == 200


def test_out_of_range_row_ids_in_staff_urls_are_4xx_not_500(in_process: TestClient) -> None:
    """Every SQLite row id taken from a URL is bounded to 64 bits (bot.validation.RowId)."""
    headers = staff_session_headers(in_process.app.state.services.settings.db_path)  # type: ignore[attr-defined]
    for path in (
        f"/review/annotations/{2**70}/delete",
        f"/review/users/{2**70}",
        f"/review/users/{2**70}/password",
    ):
        resp = in_process.post(path, data={"role": "reviewer", "password": "x" * 12}, headers=headers)
        assert resp.status_code < 500, (path, resp.status_code)
