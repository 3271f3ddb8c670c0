"""WeChat slow path end to end: a late answer leaves through wechatpy's own WeChatClient (token fetch and
`message.send_text`) to a local stand-in of the WeChat API (wechat_api_standin.py) on 127.0.0.1.

No fake sender anywhere: the app is built without one, so bot/app.py makes the production sender from
the settings (appid, secret, `wechat_api_base` → the stand-in). Only Rasa is faked (gateway_fakes,
at the HTTP boundary where the gateway calls it), and made slower than the passive window so every
answer here takes the customer-service path. The real https://api.weixin.qq.com/ is never contacted.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from wechatpy import WeChatClient

from bot.logstore import LogStore
from bot.replies import merge_rasa_messages
from bot.settings import Settings
from bot.wechat.formatting import to_wechat_text
from bot.wechat.sender import UnconfiguredSender, WeChatClientSender
from tests.gateway.gateway_fakes import FakeRasa, build_app, default_responder, drain
from tests.gateway.test_gateway_wechat import APPID, OPENID, logged, post_plain, text_xml
from tests.gateway.wechat_api_standin import WeChatApiStandIn

SECRET = "standin-app-secret-0123456789abcd"
PASSIVE_DEADLINE = 0.2  # seconds the gateway waits for a passive reply in these tests
RASA_DELAY = 0.6  # the dialogue is slower than that, so every answer goes out later


def answer_for(question: str) -> str:
    """The text the bot answers `question` with (what the customer-service message must carry)."""
    return to_wechat_text(merge_rasa_messages(default_responder("s", question, {}).messages).replies)


@pytest.fixture
def standin(monkeypatch: pytest.MonkeyPatch) -> Iterator[WeChatApiStandIn]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")  # a proxy in the environment must not catch loopback
    server = WeChatApiStandIn(appid=APPID, secret=SECRET).start()
    yield server
    server.stop()


@pytest.fixture
def slow_client(
    settings: Settings, fake_rasa: FakeRasa, store: LogStore, standin: WeChatApiStandIn
) -> Iterator[TestClient]:
    configured = dataclasses.replace(
        settings,
        wechat_secret=SECRET,
        wechat_api_base=standin.base_url,
        wechat_passive_deadline=PASSIVE_DEADLINE,
    )
    fake_rasa.delay = RASA_DELAY
    app = build_app(configured, fake_rasa, store)  # no sender passed: the production one is built
    sender = app.state.services.wechat.sender
    assert isinstance(sender, WeChatClientSender) and isinstance(sender.client, WeChatClient)
    assert f"{standin.base_url}cgi-bin/" == sender.client.API_BASE_URL
    with TestClient(app) as c:
        yield c


def ask_slowly(client: TestClient, question: str, msg_id: int) -> None:
    """A question WeChat sends (and retries) while the answer is not ready: both get "success"."""
    xml = text_xml(question, msg_id=msg_id)
    first = post_plain(client, xml)
    assert first.status_code == 200 and first.text == "success"
    retry = post_plain(client, xml, nonce=f"retry-{msg_id}")
    assert retry.status_code == 200 and retry.text == "success"
    drain(client)


def calls(standin: WeChatApiStandIn) -> list[tuple[str, str, Any]]:
    """(method, endpoint, token or errcode) of every call, in order."""
    out: list[tuple[str, str, Any]] = []
    for c in standin.calls:
        if c.path.endswith("/token"):
            out.append(("GET", "token", c.answer.get("access_token") or c.answer.get("errcode")))
        else:
            out.append(("POST", "send", (c.query.get("access_token"), c.answer.get("errcode"))))
    return out


def late_send_errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == "bot.wechat.bridge" and r.levelno == logging.ERROR
    ]


def assert_turn_logged(store: LogStore, question: str) -> None:
    """The user's message and the bot's answer are in the conversation log, whatever the delivery."""
    rows = [r for r in logged(store) if r["channel"] == "wechat"]
    inbound = [r for r in rows if r["direction"] == "in" and r["text"] == question]
    assert len(inbound) == 1
    outbound = [
        r for r in rows if r["direction"] == "out" and r["conversation_id"] == inbound[0]["conversation_id"]
    ]
    assert outbound and outbound[-1]["text"] == f"收到：{question}"


# ---- configuration ---------------------------------------------------------------------------------
def test_api_base_defaults_to_the_real_wechat_host_and_is_configurable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert Settings().wechat_api_base == "https://api.weixin.qq.com/"
    monkeypatch.delenv("WECHAT_API_BASE", raising=False)
    assert Settings.from_env().wechat_api_base == "https://api.weixin.qq.com/"
    monkeypatch.setenv("WECHAT_API_BASE", "http://127.0.0.1:18080/")
    assert Settings.from_env().wechat_api_base == "http://127.0.0.1:18080/"
    default = WeChatClientSender(APPID, SECRET)  # built only: nothing is sent, no host is contacted
    assert default.client.API_BASE_URL == "https://api.weixin.qq.com/cgi-bin/"
    assert default.client.auto_retry is False  # the one retry is ours (wechatpy's loops without limit)


def test_without_a_secret_late_answers_are_reported_undeliverable(
    settings: Settings, fake_rasa: FakeRasa, store: LogStore
) -> None:
    app = build_app(settings, fake_rasa, store)  # the shared settings have an appid but no secret
    assert isinstance(app.state.services.wechat.sender, UnconfiguredSender)


# ---- delivery --------------------------------------------------------------------------------------
def test_slow_answer_is_sent_by_wechatpy_as_a_customer_service_text(
    slow_client: TestClient, standin: WeChatApiStandIn, fake_rasa: FakeRasa, store: LogStore
) -> None:
    ask_slowly(slow_client, "慢一点的问题", msg_id=9101)
    # (1) the access token is fetched with the configured appid and secret
    [token] = standin.token_calls()
    assert token.method == "GET"
    assert token.query == {"grant_type": "client_credential", "appid": APPID, "secret": SECRET}
    # (2) the answer goes to the user's openid as a text message carrying the bot's answer
    [send] = standin.send_calls()
    assert send.method == "POST" and send.query == {"access_token": "TOKEN-1"}
    expected = answer_for("慢一点的问题")
    assert send.body == {"touser": OPENID, "msgtype": "text", "text": {"content": expected}}
    assert expected.startswith("收到：慢一点的问题") and "依据：" in expected
    assert standin.delivered() == [(OPENID, expected)]
    assert len(fake_rasa.calls) == 1  # WeChat's retry joined the running turn
    assert_turn_logged(store, "慢一点的问题")
    # a second late answer reuses the cached token
    ask_slowly(slow_client, "另一个慢问题", msg_id=9102)
    assert len(standin.token_calls()) == 1
    assert standin.delivered() == [(OPENID, expected), (OPENID, answer_for("另一个慢问题"))]


def test_expired_token_is_fetched_again_and_the_send_retried_once(
    slow_client: TestClient, standin: WeChatApiStandIn, store: LogStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    standin.send_errors = [40001]  # the token was replaced (e.g. fetched elsewhere)
    ask_slowly(slow_client, "第一个慢问题", msg_id=9201)
    standin.send_errors = [42001]  # later: the token has expired
    ask_slowly(slow_client, "第二个慢问题", msg_id=9202)
    assert calls(standin) == [
        ("GET", "token", "TOKEN-1"),
        ("POST", "send", ("TOKEN-1", 40001)),
        ("GET", "token", "TOKEN-2"),
        ("POST", "send", ("TOKEN-2", 0)),
        ("POST", "send", ("TOKEN-2", 42001)),
        ("GET", "token", "TOKEN-3"),
        ("POST", "send", ("TOKEN-3", 0)),
    ]
    for token in standin.token_calls():
        assert token.query["appid"] == APPID and token.query["secret"] == SECRET
    assert standin.delivered() == [
        (OPENID, answer_for("第一个慢问题")),
        (OPENID, answer_for("第二个慢问题")),
    ]
    assert late_send_errors(caplog) == []


def test_a_new_token_refused_too_is_not_retried_again(
    slow_client: TestClient, standin: WeChatApiStandIn, store: LogStore, caplog: pytest.LogCaptureFixture
) -> None:
    standin.send_errors = [40001, 42001]  # wechatpy's own auto_retry would keep fetching tokens here
    ask_slowly(slow_client, "令牌一直被拒", msg_id=9301)
    assert calls(standin) == [
        ("GET", "token", "TOKEN-1"),
        ("POST", "send", ("TOKEN-1", 40001)),
        ("GET", "token", "TOKEN-2"),
        ("POST", "send", ("TOKEN-2", 42001)),
    ]
    assert standin.delivered() == []
    [error] = late_send_errors(caplog)
    assert "errcode 42001" in error
    assert_turn_logged(store, "令牌一直被拒")
    ask_slowly(slow_client, "之后的问题", msg_id=9302)  # the next answer goes out with the token held
    assert calls(standin)[4:] == [("POST", "send", ("TOKEN-2", 0))]


# ---- permanent errors ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("failure", "cause"),
    [
        ("send_errors", "errcode 45015"),  # the user has not written within 48 h (or unsubscribed)
        ("token_errors", "errcode 40125"),  # the AppSecret was reset
        ("send_status", "HTTP 503"),
        ("unreachable", "ConnectionError"),
    ],
)
def test_permanent_error_is_logged_and_the_users_message_is_kept(
    slow_client: TestClient,
    standin: WeChatApiStandIn,
    fake_rasa: FakeRasa,
    store: LogStore,
    caplog: pytest.LogCaptureFixture,
    failure: str,
    cause: str,
) -> None:
    caplog.set_level(logging.INFO)
    if failure == "send_errors":
        standin.send_errors = [45015]
    elif failure == "token_errors":
        standin.token_errors = [40125]
    elif failure == "send_status":
        standin.send_status = 503
    else:
        standin.stop()
    ask_slowly(slow_client, "慢一点的问题", msg_id=9401)
    assert standin.delivered() == []
    if failure == "send_errors":  # not a token error: no new token, no second attempt
        assert calls(standin) == [("GET", "token", "TOKEN-1"), ("POST", "send", ("TOKEN-1", 45015))]
    [error] = late_send_errors(caplog)
    sender = fake_rasa.calls[-1]["sender"]  # the hashed openid, as in the conversation log
    assert error.startswith(f"late WeChat answer not delivered to {sender}: ") and cause in error
    # What the gateway and the WeChat client log (the test client's own httpx lines show the openid).
    lines = "\n".join(r.getMessage() for r in caplog.records if r.name.split(".")[0] != "httpx")
    assert "late WeChat answer not delivered" in lines
    for secret in (SECRET, OPENID, "TOKEN-"):
        assert secret not in lines
    assert_turn_logged(store, "慢一点的问题")
