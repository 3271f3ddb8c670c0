"""WeChat callback with real signed XML (plain and safe mode), built per the Official Account protocol."""

from __future__ import annotations

import dataclasses
import hashlib
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from wechatpy.crypto import WeChatCrypto

from bot.logstore import LogStore
from bot.policy_facts import hotline
from bot.replies import merge_rasa_messages
from bot.settings import Settings
from bot.wechat.formatting import to_wechat_text
from tests.gateway.gateway_fakes import FakeRasa, FakeSender, Turn, build_app, default_responder, drain

# The store on SQLite and on PostgreSQL (#14 item 1): tests using it run on both (tests/pg_support.py).
BOTH_BACKENDS = True

TOKEN = "test-token"
APPID = "wx1234567890abcdef"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # 43 characters, as WeChat issues them
OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"
GH_ID = "gh_0123456789ab"
PASSIVE_WINDOW = 4.0  # seconds: the production default (WeChat waits 5 s)


def sign(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def text_xml(content: str, msg_id: int = 1001, create_time: int | None = None, openid: str = OPENID) -> str:
    return (
        f"<xml><ToUserName><![CDATA[{GH_ID}]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
        f"<CreateTime>{create_time or int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>"
    )


def event_xml(event: str, create_time: int) -> str:
    return (
        f"<xml><ToUserName><![CDATA[{GH_ID}]]></ToUserName><FromUserName><![CDATA[{OPENID}]]></FromUserName>"
        f"<CreateTime>{create_time}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        f"<Event><![CDATA[{event}]]></Event></xml>"
    )


def media_xml(kind: str, msg_id: int, extra: str = "") -> str:
    return (
        f"<xml><ToUserName><![CDATA[{GH_ID}]]></ToUserName><FromUserName><![CDATA[{OPENID}]]></FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[{kind}]]></MsgType>"
        f"<MediaId><![CDATA[media_1]]></MediaId>{extra}<MsgId>{msg_id}</MsgId></xml>"
    )


def params(timestamp: int | None = None, nonce: str = "n0nce123", token: str = TOKEN) -> dict[str, str]:
    ts = str(timestamp if timestamp is not None else int(time.time()))
    return {"signature": sign(token, ts, nonce), "timestamp": ts, "nonce": nonce, "openid": OPENID}


def post_plain(client: TestClient, xml: str, **kw: Any) -> Any:
    return client.post(
        "/wechat", params=params(**kw), content=xml.encode(), headers={"Content-Type": "text/xml"}
    )


def reply_content(resp: Any) -> str:
    assert resp.status_code == 200, resp.text
    root = ET.fromstring(resp.content)
    assert root.findtext("MsgType") == "text"
    assert root.findtext("ToUserName") == OPENID and root.findtext("FromUserName") == GH_ID
    return root.findtext("Content") or ""


def logged(store: LogStore) -> list[dict[str, Any]]:
    return [dict(r) for r in store._conn().execute("SELECT * FROM messages ORDER BY id").fetchall()]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Passive replies here get a wide window: on a loaded machine a first turn (log store, thread
    pool, the index warming at start-up) can take over the shared 0.5 s and come back "success".
    The late path has its own app with a short window (test_slow_assistant_…, and
    test_gateway_wechat_slow_path.py)."""
    return dataclasses.replace(settings, wechat_passive_deadline=PASSIVE_WINDOW)


# ---- verification and authentication ---------------------------------------------------------------
def test_server_verification_echoes_echostr(client: TestClient) -> None:
    resp = client.get("/wechat", params={**params(), "echostr": "7391847562"})
    assert resp.status_code == 200 and resp.text == "7391847562"


def test_verification_with_bad_signature_is_forbidden(client: TestClient) -> None:
    bad = {**params(), "signature": "0" * 40, "echostr": "x"}
    resp = client.get("/wechat", params=bad)
    assert resp.status_code == 403 and resp.json()["error"] == "bad_signature"


def test_post_with_bad_signature_is_forbidden_and_not_processed(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore
) -> None:
    resp = post_plain(client, text_xml("你好"), token="wrong-token")
    assert resp.status_code == 403
    assert fake_rasa.calls == [] and logged(store) == []


def test_stale_timestamp_is_refused(client: TestClient, fake_rasa: FakeRasa) -> None:
    old = int(time.time()) - 301
    resp = post_plain(client, text_xml("你好", create_time=old), timestamp=old)
    assert resp.status_code == 403 and resp.json()["error"] == "stale_timestamp"
    future = int(time.time()) + 3600
    assert post_plain(client, text_xml("你好"), timestamp=future).status_code == 403
    assert client.get("/wechat", params={**params(timestamp=old), "echostr": "x"}).status_code == 403
    assert fake_rasa.calls == []


def test_body_over_one_megabyte_is_refused(client: TestClient, fake_rasa: FakeRasa) -> None:
    resp = post_plain(client, text_xml("长" * 400_000))  # ~1.2 MB of UTF-8
    assert resp.status_code == 413 and resp.json()["error"] == "body_too_large"
    assert fake_rasa.calls == []


@pytest.mark.parametrize(
    "payload",
    [
        '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f"<xml><ToUserName>{GH_ID}</ToUserName><FromUserName>{OPENID}</FromUserName><CreateTime>1</CreateTime>"
        "<MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>",
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
        "<xml><MsgType>text</MsgType><Content>&lol2;</Content></xml>",
        "<!DOCTYPE xml><xml><MsgType>text</MsgType></xml>",
    ],
)
def test_doctype_and_entities_are_refused(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore, payload: str
) -> None:
    resp = post_plain(client, payload)
    assert resp.status_code == 400 and resp.json()["error"] == "xml_forbidden"
    assert fake_rasa.calls == [] and logged(store) == []


def test_malformed_xml_is_a_400(client: TestClient) -> None:
    assert post_plain(client, "<xml><MsgType>text</Msg").status_code == 400
    assert post_plain(client, "<other/>").status_code == 400
    assert post_plain(client, "<xml><Content>x</Content></xml>").status_code == 400


def test_channel_disabled_without_token(settings: Settings, fake_rasa: FakeRasa, store: LogStore) -> None:
    app = build_app(dataclasses.replace(settings, wechat_token=""), fake_rasa, store)
    with TestClient(app) as c:
        resp = c.get("/wechat", params={**params(), "echostr": "x"})
    assert resp.status_code == 404 and resp.json()["error"] == "wechat_disabled"


# ---- answering -------------------------------------------------------------------------------------
def test_text_message_gets_passive_reply_with_citation_lines(client: TestClient, fake_rasa: FakeRasa) -> None:
    content = reply_content(post_plain(client, text_xml("我能拿多少奖励？")))
    lines = content.splitlines()
    assert lines[0] == "收到：我能拿多少奖励？"
    assert "可回复：我是第2类人才 / 转人工" in lines
    cite = default_responder("s", "m", {}).messages[1]["custom"]["citations"][0]
    assert f"依据：{cite['doc']} {cite['clause']}" in lines
    assert fake_rasa.calls[-1]["metadata"] == {"channel": "wechat"}


def test_openid_is_hashed_everywhere(client: TestClient, fake_rasa: FakeRasa, store: LogStore) -> None:
    post_plain(client, text_xml("你好"))
    drain(client)
    assert fake_rasa.calls[-1]["sender"].startswith("wx-") and OPENID not in fake_rasa.calls[-1]["sender"]
    if store.pooled:  # PostgreSQL: every text column of every table of ours
        conn = store._conn()
        tables = ("messages", "conversations", "audit_log", "annotations", "triage", "triage_notes")
        dump = "\n".join(str(dict(r)) for t in tables for r in conn.execute(f"SELECT * FROM {t}"))
    else:
        dump = "\n".join(store._conn().iterdump())
    assert OPENID not in dump
    assert {r["sender"] for r in logged(store)} == {fake_rasa.calls[-1]["sender"]}
    assert {r["channel"] for r in logged(store)} == {"wechat"}


def test_retries_of_a_msgid_are_processed_once_with_the_same_answer(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore
) -> None:
    xml = text_xml("下一期资助怎么申领？", msg_id=6054768590064713728)
    answers = [reply_content(post_plain(client, xml, nonce=f"nonce{i}")) for i in range(3)]
    assert len(set(answers)) == 1 and answers[0]
    assert len(fake_rasa.calls) == 1
    assert [r["direction"] for r in logged(store)] == ["in", "out"]


def test_user_slash_text_is_neutralised(client: TestClient, fake_rasa: FakeRasa) -> None:
    post_plain(client, text_xml("/restart", msg_id=77))
    assert fake_rasa.calls[-1]["message"] == "／restart"


def test_cdata_terminator_is_stripped_from_reply(client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.responder = lambda s, m, md: Turn(
        messages=[{"recipient_id": s, "text": "前]]><script>x</script>]]]>>后"}]
    )
    resp = post_plain(client, text_xml("test", msg_id=88))
    assert b"]]>" not in resp.content.replace(b"]]></Content>", b"").replace(b"]]></", b"")
    content = reply_content(resp)
    assert "]]>" not in content and content.startswith("前") and content.endswith("后")


def test_subscribe_gets_a_welcome_and_event_retries_are_deduplicated(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore
) -> None:
    created = int(time.time())
    first = reply_content(post_plain(client, event_xml("subscribe", created)))
    again = reply_content(post_plain(client, event_xml("subscribe", created), nonce="other-nonce"))
    assert first == again
    official = hotline()
    for topic in (
        "第几类人才",
        "奖励资助",
        "下一期",
        "金卡",
        official.value,
        f"依据：{official.doc} {official.clause}",
    ):
        assert topic in first
    assert fake_rasa.calls == []
    rows = logged(store)
    assert [r["direction"] for r in rows] == ["in", "out"]
    assert rows[0]["text"] == "[事件] subscribe" and rows[1]["text"].startswith("您好！")
    post_plain(client, event_xml("subscribe", created + 1))  # a new event (different CreateTime)
    assert len(logged(store)) == 4


def test_other_events_get_empty_success(client: TestClient, store: LogStore) -> None:
    resp = post_plain(client, event_xml("unsubscribe", int(time.time())))
    assert resp.status_code == 200 and resp.text == "success"
    assert logged(store) == []


@pytest.mark.parametrize("kind", ["image", "video", "location", "link"])
def test_non_text_messages_get_a_polite_text(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore, kind: str
) -> None:
    content = reply_content(post_plain(client, media_xml(kind, msg_id=500)))
    assert "文字" in content
    assert fake_rasa.calls == []
    assert logged(store)[0]["text"] == f"[{kind}]"


def test_voice_with_recognition_is_answered_as_text(client: TestClient, fake_rasa: FakeRasa) -> None:
    xml = media_xml(
        "voice", 501, "<Format><![CDATA[amr]]></Format><Recognition><![CDATA[人才金卡]]></Recognition>"
    )
    assert reply_content(post_plain(client, xml)).startswith("收到：人才金卡")
    assert "文字" in reply_content(post_plain(client, media_xml("voice", 502, "<Format>amr</Format>")))


def test_slow_assistant_answers_later_through_customer_service(
    settings: Settings, fake_rasa: FakeRasa, fake_sender: FakeSender, store: LogStore
) -> None:
    short = dataclasses.replace(settings, wechat_passive_deadline=0.5)
    fake_rasa.delay = 1.0  # longer than the 0.5 s passive window
    xml = text_xml("慢一点的问题", msg_id=9001)
    with TestClient(build_app(short, fake_rasa, store, fake_sender)) as client:
        first = post_plain(client, xml)
        assert first.status_code == 200 and first.text == "success"
        retry = post_plain(client, xml, nonce="retry-nonce")
        assert retry.text == "success"  # deferred: the retry must not produce a second delivery
        drain(client)
    expected = to_wechat_text(
        merge_rasa_messages(default_responder("s", "慢一点的问题", {}).messages).replies
    )
    assert fake_sender.sent == [(OPENID, expected)]
    assert "依据：" in expected
    assert len(fake_rasa.calls) == 1
    assert [r["direction"] for r in logged(store)] == ["in", "out"]


# ---- safe mode -------------------------------------------------------------------------------------
@pytest.fixture
def safe_client(
    settings: Settings, fake_rasa: FakeRasa, store: LogStore, fake_sender: FakeSender
) -> Iterator[TestClient]:
    app = build_app(dataclasses.replace(settings, wechat_aes_key=AES_KEY), fake_rasa, store, fake_sender)
    with TestClient(app) as c:
        yield c


def encrypted_request(plain_xml: str, nonce: str = "safe-nonce") -> tuple[dict[str, str], bytes]:
    crypto = WeChatCrypto(TOKEN, AES_KEY, APPID)
    ts = str(int(time.time()))
    envelope = ET.fromstring(crypto.encrypt_message(plain_xml, nonce, ts))
    encrypt = envelope.findtext("Encrypt") or ""
    body = f"<xml><ToUserName><![CDATA[{GH_ID}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    query = {
        **params(timestamp=int(ts), nonce=nonce),
        "encrypt_type": "aes",
        "msg_signature": sign(TOKEN, ts, nonce, encrypt),
    }
    return query, body.encode()


def test_safe_mode_round_trip(safe_client: TestClient, fake_rasa: FakeRasa) -> None:
    query, body = encrypted_request(text_xml("我属于第几类人才？", msg_id=3001))
    resp = safe_client.post("/wechat", params=query, content=body)
    assert resp.status_code == 200
    envelope = ET.fromstring(resp.content)
    assert envelope.findtext("Encrypt") and envelope.findtext("Content") is None  # nothing in clear
    crypto = WeChatCrypto(TOKEN, AES_KEY, APPID)
    plain = crypto.decrypt_message(
        resp.content,
        envelope.findtext("MsgSignature"),
        envelope.findtext("TimeStamp"),
        envelope.findtext("Nonce"),
    )
    reply = ET.fromstring(plain)
    assert reply.findtext("ToUserName") == OPENID
    assert (reply.findtext("Content") or "").startswith("收到：我属于第几类人才？")
    assert fake_rasa.calls[-1]["message"] == "我属于第几类人才？"


def test_safe_mode_bad_msg_signature_is_forbidden(safe_client: TestClient, fake_rasa: FakeRasa) -> None:
    query, body = encrypted_request(text_xml("你好", msg_id=3002))
    query["msg_signature"] = "f" * 40
    resp = safe_client.post("/wechat", params=query, content=body)
    assert resp.status_code == 403 and fake_rasa.calls == []


def test_safe_mode_decrypted_payload_is_checked_for_doctype(
    safe_client: TestClient, fake_rasa: FakeRasa
) -> None:
    evil = '<!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + text_xml("&e;", msg_id=3003).replace(
        "<![CDATA[&e;]]>", "&e;"
    )
    query, body = encrypted_request(evil)
    resp = safe_client.post("/wechat", params=query, content=body)
    assert resp.status_code == 400 and resp.json()["error"] == "xml_forbidden"
    assert fake_rasa.calls == []
