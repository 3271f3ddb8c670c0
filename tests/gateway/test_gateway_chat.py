"""POST /api/chat: reply merging, buttons and payload allow-list, slash neutralising, Rasa failures."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.logstore import LogStore
from bot.policy_facts import hotline
from bot.rasa_client import RasaClient
from bot.settings import Settings
from tests.gateway.gateway_fakes import FakeRasa, Turn, chat, policy_citation

# The store on SQLite and on PostgreSQL (#14 item 1): tests using it run on both (tests/pg_support.py).
BOTH_BACKENDS = True


def test_reply_carries_text_buttons_and_citations_of_the_following_custom_message(client: TestClient) -> None:
    resp = chat(client, "我能拿多少奖励？")
    assert resp.status_code == 200
    body = resp.json()
    assert body["sender"] == "web-test-1"
    [reply] = body["replies"]  # the custom citations message is merged, not a reply of its own
    assert reply["text"] == "收到：我能拿多少奖励？"
    assert reply["buttons"][0] == {"title": "我是第2类人才", "payload": '/inform{"category": "2"}'}
    assert reply["citations"] == [policy_citation("award_cap.category_2")]
    assert isinstance(reply["message_id"], int)


def test_custom_message_with_text_is_its_own_reply_and_citations_attach_to_preceding(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    cite_a, cite_b = policy_citation("award_cap.category_1"), policy_citation("loan.years")
    fake_rasa.responder = lambda s, m, md: Turn(
        messages=[
            {"recipient_id": s, "text": "第一段"},
            {"recipient_id": s, "custom": {"citations": [cite_a]}},
            {"recipient_id": s, "text": "第二段"},
            {"recipient_id": s, "custom": {"text": "第三段", "citations": [cite_b]}},
            {"recipient_id": s, "custom": {"meta": {"debug": 1}}},
        ]
    )
    replies = chat(client, "你好").json()["replies"]
    assert [r["text"] for r in replies] == ["第一段", "第二段", "第三段"]
    assert replies[0]["citations"] == [cite_a]
    assert "citations" not in replies[1]
    assert replies[2]["citations"] == [cite_b]


def test_typed_slash_command_is_neutralised(client: TestClient, fake_rasa: FakeRasa) -> None:
    resp = chat(client, '/ask_gold_card{"category": "1"}')
    assert resp.status_code == 200
    sent = fake_rasa.calls[-1]["message"]
    assert not sent.startswith("/")
    assert sent == '／ask_gold_card{"category": "1"}'
    resp = chat(client, "   /restart")
    assert fake_rasa.calls[-1]["message"] == "／restart"


def test_offered_button_payload_is_forwarded_unchanged(client: TestClient, fake_rasa: FakeRasa) -> None:
    first = chat(client, "我能拿多少奖励？").json()["replies"][0]
    button = first["buttons"][0]
    resp = chat(client, button["title"], payload=button["payload"])
    assert resp.status_code == 200
    assert fake_rasa.calls[-1]["message"] == '/inform{"category": "2"}'


def test_clause_button_payload_with_its_json_reaches_rasa_intact_and_an_edited_one_does_not(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    # a clause button (actions/clauses.py): JSON with quotes and a passage id with "#"
    payload = '/show_clause{"clause_id": "yj-3-3#2"}'
    fake_rasa.responder = lambda s, m, md: Turn(
        messages=[
            {
                "recipient_id": s,
                "text": "《…》：……\n您问的也可能是：",
                "buttons": [{"title": "三（三） 加强创业用房和融资支持", "payload": payload}],
            }
        ]
    )
    offered = chat(client, "贷款").json()["replies"][0]["buttons"][0]
    assert offered["payload"] == payload
    chat(client, offered["title"], payload=offered["payload"])
    assert fake_rasa.calls[-1]["message"] == payload
    chat(client, "贷款")
    chat(client, offered["title"], payload='/show_clause{"clause_id": "../../etc"}')  # never offered
    assert fake_rasa.calls[-1]["message"] == "三（三） 加强创业用房和融资支持"


def test_payload_not_offered_is_sent_as_neutralised_text(client: TestClient, fake_rasa: FakeRasa) -> None:
    chat(client, "你好")
    chat(client, "我是第1类", payload='/inform{"category": "1"}')  # never offered
    assert fake_rasa.calls[-1]["message"] == "我是第1类"
    chat(client, "/inform", payload="/inform")
    assert fake_rasa.calls[-1]["message"] == "／inform"


def test_payload_offered_to_another_sender_is_refused(client: TestClient, fake_rasa: FakeRasa) -> None:
    chat(client, "你好", sender="web-alice")
    chat(client, "我是第2类人才", sender="web-mallory", payload='/inform{"category": "2"}')
    assert fake_rasa.calls[-1]["message"] == "我是第2类人才"


def test_only_channel_and_known_region_metadata_reach_rasa(client: TestClient, fake_rasa: FakeRasa) -> None:
    chat(client, "台州政策", metadata={"channel": "web", "region": "永嘉", "slots": {"category": 1}})
    assert fake_rasa.calls[-1]["metadata"] == {"channel": "web", "region": "永嘉"}
    chat(client, "x", metadata={"channel": "web", "region": "火星"})
    assert fake_rasa.calls[-1]["metadata"] == {"channel": "web"}
    client.post("/api/chat", json={"sender": "api-client", "message": "你好"})  # no widget metadata
    assert fake_rasa.calls[-1]["metadata"] == {"channel": "web"}


def test_rasa_down_gives_polite_reply_with_cited_hotline(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore
) -> None:
    fake_rasa.down = True
    resp = chat(client, "我属于第几类人才？")
    assert resp.status_code == 200
    [reply] = resp.json()["replies"]
    official = hotline()
    assert official.value in reply["text"] and "0577-57756270" in reply["text"]
    assert reply["citations"] == [official.citation()]
    logged = store.message(reply["message_id"])
    assert logged["fallback"] == 1 and logged["action"] == "gateway_fallback"
    conv = store.conversation(logged["conversation_id"])
    assert conv["fallback_count"] == 1 and conv["n_messages"] == 2


def test_empty_answer_5xx_and_client_errors_all_fall_back(client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.responder = lambda s, m, md: Turn(messages=[])  # e.g. action server down: Rasa says nothing
    assert "0577-57756270" in chat(client, "a").json()["replies"][0]["text"]

    fake_rasa.responder = lambda s, m, md: Turn(messages=[{"recipient_id": s, "image": "x.png"}])
    assert "0577-57756270" in chat(client, "b").json()["replies"][0]["text"]

    fake_rasa.webhook_status = 500
    resp = chat(client, "c")
    assert resp.status_code == 200 and "0577-57756270" in resp.json()["replies"][0]["text"]
    fake_rasa.webhook_status = 200

    def broken(s: str, m: str, md: dict[str, Any]) -> Turn:
        raise RuntimeError("unexpected")  # surfaces inside the HTTP client, not as an httpx error

    fake_rasa.responder = broken
    resp = chat(client, "d")
    assert resp.status_code == 200 and "0577-57756270" in resp.json()["replies"][0]["text"]


def test_slow_rasa_times_out_into_fallback(settings: Settings, fake_rasa: FakeRasa, store: LogStore) -> None:
    fake_rasa.delay = 2.0
    rasa = RasaClient(
        settings.rasa_url, settings.action_url, timeout=0.2, transport=httpx.MockTransport(fake_rasa.handler)
    )
    with TestClient(create_app(settings, rasa_client=rasa, store=store, optional_routers=())) as c:
        resp = chat(c, "慢")
    assert resp.status_code == 200
    [reply] = resp.json()["replies"]
    assert "0577-57756270" in reply["text"]
    assert store.message(reply["message_id"])["fallback"] == 1


def test_same_client_message_id_is_answered_once(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore
) -> None:
    meta = {"channel": "web", "client_message_id": "abcdef123456"}
    first = chat(client, "重复发送", metadata=meta).json()
    second = chat(client, "重复发送", metadata=meta).json()
    assert len(fake_rasa.calls) == 1
    assert first["replies"] == second["replies"]
    rows = store._conn().execute("SELECT COUNT(*) FROM messages WHERE direction='in'").fetchone()[0]
    assert rows == 1


def test_handoff_button_and_handoff_action_flag_the_conversation(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore
) -> None:
    reply = chat(client, "转人工", metadata={"channel": "web", "handoff": True}).json()["replies"][0]
    conv_id = store.message(reply["message_id"])["conversation_id"]
    assert store.conversation(conv_id)["handoff"] == 1

    fake_rasa.responder = lambda s, m, md: Turn(
        messages=[{"recipient_id": s, "text": "已为您转接人工。"}],
        intent="human_handoff",
        actions=["action_handoff"],
        handoff=True,  # the turn channel's verdict: action_handoff ran
    )
    reply = chat(client, "找个真人", sender="web-other").json()["replies"][0]
    row = store.message(reply["message_id"])
    assert row["action"] == "action_handoff" and row["handoff"] == 1
    assert store.conversation(row["conversation_id"])["handoff"] == 1


def test_handoff_meta_from_action_sets_flag_immediately(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore
) -> None:
    fake_rasa.responder = lambda s, m, md: Turn(
        messages=[
            {"recipient_id": s, "text": "请拨打热线。"},
            {"recipient_id": s, "custom": {"meta": {"handoff": True}}},
        ]
    )
    reply = chat(client, "人工").json()["replies"][0]
    assert store.message(reply["message_id"])["handoff"] == 1
