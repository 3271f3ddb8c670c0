"""Conversation log: contents, masking, the turn facts Rasa sends, feedback, history, concurrency."""

from __future__ import annotations

import asyncio
import json
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.logstore import LogStore
from bot.masking import mask_pii
from tests.gateway.gateway_fakes import FakeRasa, Turn, chat, default_responder, drain, policy_citation

# The store on SQLite and on PostgreSQL (#14 item 1): tests using it run on both (tests/pg_support.py).
BOTH_BACKENDS = True


def rows(
    store: LogStore, sql: str = "SELECT * FROM messages ORDER BY id", *args: Any
) -> list[dict[str, Any]]:
    return [dict(r) for r in store._conn().execute(sql, args).fetchall()]


def test_inbound_is_logged_before_rasa_is_asked(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore
) -> None:
    seen: list[list[dict[str, Any]]] = []

    def responder(s: str, m: str, md: dict[str, Any]) -> Turn:
        seen.append(rows(store))
        return default_responder(s, m, md)

    fake_rasa.responder = responder
    chat(client, "我属于第几类人才？")
    assert [(r["direction"], r["text"]) for r in seen[0]] == [("in", "我属于第几类人才？")]


def test_a_turn_is_logged_with_the_facts_rasa_sent_with_it(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore
) -> None:
    fake_rasa.responder = lambda s, m, md: Turn(
        messages=default_responder(s, m, md).messages,
        intent="ask_category",
        confidence=0.87,
        entities=[{"entity": "honour", "value": "国家千人计划", "start": 2, "end": 8, "extractor": "x"}],
        actions=["action_category"],
    )
    reply = chat(client, "我是国家千人计划", sender="web-log-1").json()["replies"][0]
    # no drain: the facts came with Rasa's answer and are in the log when the reply leaves
    inbound, outbound = rows(store)
    assert inbound["direction"] == "in" and outbound["direction"] == "out"
    assert inbound["channel"] == outbound["channel"] == "web"
    assert inbound["sender"] == "web-log-1"
    assert inbound["conversation_id"] == outbound["conversation_id"]
    assert inbound["intent"] == "ask_category" and inbound["confidence"] == pytest.approx(0.87)
    assert json.loads(inbound["entities"]) == [{"entity": "honour", "value": "国家千人计划"}]
    assert datetime.fromisoformat(inbound["ts"]).tzinfo == timezone.utc
    assert outbound["id"] == reply["message_id"]
    assert outbound["action"] == "action_category"
    assert outbound["latency_ms"] >= 0
    assert json.loads(outbound["citations"]) == [policy_citation("award_cap.category_2")]
    assert json.loads(outbound["buttons"])[0]["payload"] == '/inform{"category": "2"}'
    assert outbound["feedback"] is None and outbound["handoff"] == 0 and outbound["fallback"] == 0
    assert inbound["fallback"] == 0
    conv = store.conversation(inbound["conversation_id"])
    assert (
        conv["n_messages"] == 2 and conv["min_confidence"] == pytest.approx(0.87) and conv["channel"] == "web"
    )
    # the gateway asked Rasa once per turn and nothing else (no tracker API, no tracker store)
    assert fake_rasa.paths == ["/webhooks/turn/webhook"]


def test_each_reply_is_logged_with_the_action_that_sent_it(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore
) -> None:
    fake_rasa.responder = lambda s, m, md: Turn(
        messages=[
            {"recipient_id": s, "text": "第一段", "action": "action_answer_policy"},
            {
                "recipient_id": s,
                "custom": {"citations": [policy_citation("award_cap.category_2")]},
                "action": "action_answer_policy",
            },
            {"recipient_id": s, "text": "第二段", "action": "category_form"},
            {"recipient_id": s, "text": "第三段"},  # Rasa did not say: the turn's last action
        ],
        actions=["action_answer_policy", "category_form", "action_ask_honour"],
    )
    replies = chat(client, "金卡呢").json()["replies"]
    assert [r["text"] for r in replies] == ["第一段", "第二段", "第三段"]
    assert "citations" in replies[0]
    logged = [store.message(r["message_id"])["action"] for r in replies]
    assert logged == ["action_answer_policy", "category_form", "action_ask_honour"]


@pytest.mark.parametrize(
    ("intent", "actions"),
    [
        ("nlu_fallback", ["action_fallback"]),  # low NLU confidence → the fallback rule
        ("ask_gold_card", ["action_fallback"]),  # the dialogue policy fell back (no rule for the state)
    ],
)
def test_a_fallback_turn_is_counted(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore, intent: str, actions: list[str]
) -> None:
    fake_rasa.responder = lambda s, m, md: Turn(
        messages=[{"recipient_id": s, "text": "抱歉，我没听懂。"}],
        intent=intent,
        confidence=0.2,
        actions=actions,
        fallback=True,
    )
    reply = chat(client, "天气怎么样").json()["replies"][0]
    inbound, outbound = rows(store)
    assert inbound["fallback"] == 1 and inbound["intent"] == intent
    assert outbound["action"] == "action_fallback"
    conv = store.conversation(store.message(reply["message_id"])["conversation_id"])
    assert conv["fallback_count"] == 1 and conv["min_confidence"] == pytest.approx(0.2)


def test_a_turn_rasa_does_not_call_a_fallback_is_not_counted(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore
) -> None:
    # the gateway logs Rasa's verdict; it does not guess from action or intent names
    fake_rasa.responder = lambda s, m, md: Turn(
        messages=[{"recipient_id": s, "text": "好的"}], intent="affirm", actions=["utter_affirm_ack"]
    )
    chat(client, "好的")
    assert [r["fallback"] for r in rows(store)] == [0, 0]


def test_silent_rasa_turn_is_still_annotated(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore
) -> None:
    fake_rasa.responder = lambda s, m, md: Turn(
        messages=[], intent="ask_gold_card", confidence=0.41, actions=[]
    )
    reply = chat(client, "金卡").json()["replies"][0]
    inbound, outbound = rows(store)
    assert inbound["intent"] == "ask_gold_card" and inbound["fallback"] == 1
    assert outbound["id"] == reply["message_id"] and outbound["action"] == "gateway_fallback"


def test_missing_turn_facts_do_not_affect_the_reply(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore
) -> None:
    fake_rasa.facts_up = False  # the turn was not in Rasa's tracker (`"turn": null`)
    resp = chat(client, "你好")
    assert resp.status_code == 200 and resp.json()["replies"]
    inbound, outbound = rows(store)
    assert inbound["intent"] is None and inbound["fallback"] == 0
    assert outbound["action"] == "action_answer_benefits"  # still named on the message itself


def test_personal_data_is_masked_but_the_official_hotline_is_kept(
    client: TestClient, fake_rasa: FakeRasa, store: LogStore
) -> None:
    fake_rasa.responder = lambda s, m, md: Turn(
        messages=[{"recipient_id": s, "text": "请拨打 0577-57756270"}],
        entities=[{"entity": "phone", "value": "13912345678"}],
    )
    text = "我手机13912345678，座机0577-66778899，身份证330324199001011234，邮箱zhang.san@example.com，热线0577-57756270打不通"
    chat(client, text)
    drain(client)
    inbound, outbound = rows(store)
    for secret in ("13912345678", "66778899", "330324199001011234", "zhang.san@example.com"):
        assert secret not in inbound["text"]
        assert secret not in (inbound["entities"] or "")
    assert "[手机号]" in inbound["text"] and "[电话]" in inbound["text"]
    assert "[身份证号]" in inbound["text"] and "[邮箱]" in inbound["text"]
    assert "0577-57756270" in inbound["text"] and "0577-57756270" in outbound["text"]
    # …and the raw text still reached Rasa (masking is for the log only)
    assert fake_rasa.calls[-1]["message"] == text
    search = (  # the search index (FTS5 on SQLite, pg_trgm's ILIKE on PostgreSQL) has only the mask
        "SELECT COUNT(*) FROM messages WHERE text ILIKE '%13912345678%'"
        if store.pooled
        else "SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH '13912345678'"
    )
    assert store._conn().execute(search).fetchone()[0] == 0


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("+86 139 1234 5678", "[手机号]"),
        ("139-1234-5678", "[手机号]"),
        ("(0577)66778899转123", "[电话]"),
        ("010-12345678", "[电话]"),
        ("33032419900101123X", "[身份证号]"),
        ("a_b-c@mail.zj.gov.cn", "[邮箱]"),
        ("（0577）57756270", "（0577）57756270"),
        ("0577 57756270", "0577 57756270"),
        ("资助1200万元", "资助1200万元"),
        ("2016年7月28日", "2016年7月28日"),
    ],
)
def test_mask_formats(raw: str, masked: str) -> None:
    assert mask_pii(raw) == masked


def test_feedback_updates_message_and_conversation(client: TestClient, store: LogStore) -> None:
    reply = chat(client, "你好", sender="web-fb").json()["replies"][0]
    resp = client.post(
        "/api/feedback", json={"message_id": reply["message_id"], "value": "down", "sender": "web-fb"}
    )
    assert resp.status_code == 200 and resp.json() == {
        "ok": True,
        "message_id": reply["message_id"],
        "value": "down",
    }
    conv_id = store.message(reply["message_id"])["conversation_id"]
    assert store.message(reply["message_id"])["feedback"] == "down"
    assert store.conversation(conv_id)["negative_feedback"] == 1
    client.post("/api/feedback", json={"message_id": reply["message_id"], "value": "up"})
    assert store.message(reply["message_id"])["feedback"] == "up"
    assert store.conversation(conv_id)["negative_feedback"] == 0


def test_feedback_refused_on_user_messages_and_other_senders_replies(
    client: TestClient, store: LogStore
) -> None:
    reply = chat(client, "你好", sender="web-owner").json()["replies"][0]
    inbound_id = reply["message_id"] - 1
    assert client.post("/api/feedback", json={"message_id": inbound_id, "value": "up"}).status_code == 404
    other = client.post(
        "/api/feedback", json={"message_id": reply["message_id"], "value": "down", "sender": "web-x"}
    )
    assert other.status_code == 404
    assert store.message(reply["message_id"])["feedback"] is None


def test_history_returns_the_senders_conversation(client: TestClient) -> None:
    first = chat(client, "第一问", sender="web-hist").json()["replies"][0]
    client.post("/api/feedback", json={"message_id": first["message_id"], "value": "up"})
    chat(client, "第二问", sender="web-hist")
    chat(client, "别人的问题", sender="web-someone-else")
    resp = client.get("/api/history", params={"sender": "web-hist"})
    assert resp.status_code == 200
    messages = resp.json()["messages"]
    assert [(m["direction"], m["text"]) for m in messages] == [
        ("in", "第一问"),
        ("out", "收到：第一问"),
        ("in", "第二问"),
        ("out", "收到：第二问"),
    ]
    assert messages[1]["feedback"] == "up"
    assert messages[1]["citations"] == [policy_citation("award_cap.category_2")]
    assert messages[3]["buttons"][0]["title"] == "我是第2类人才"
    assert client.get("/api/history", params={"sender": "web-nobody"}).json()["messages"] == []


def test_long_silence_starts_a_new_conversation(store: LogStore) -> None:
    start = datetime(2024, 5, 1, 8, 0, tzinfo=timezone.utc)
    a = store.log_inbound("web", "u", "早上好", "k1", ts=start.isoformat(timespec="milliseconds"))
    b = store.log_inbound(
        "web", "u", "还在吗", "k2", ts=(start + timedelta(minutes=30)).isoformat(timespec="milliseconds")
    )
    c = store.log_inbound(
        "web", "u", "下午好", "k3", ts=(start + timedelta(hours=3)).isoformat(timespec="milliseconds")
    )
    assert a.conversation_id == b.conversation_id != c.conversation_id


def test_full_text_search_finds_chinese_substrings(store: LogStore) -> None:
    store.log_inbound("web", "u", "请问项目资助第二期怎么申领", "k1")
    store.log_inbound("web", "u", "人才金卡有什么用", "k2")
    search = (  # PostgreSQL: ILIKE, served by the pg_trgm index
        "SELECT m.text FROM messages m WHERE m.text ILIKE '%' || ? || '%'"
        if store.pooled
        else "SELECT m.text FROM messages_fts f JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH ?"
    )
    hits = store._conn().execute(search, ("第二期",)).fetchall()
    assert [h[0] for h in hits] == ["请问项目资助第二期怎么申领"]


def test_twenty_concurrent_writer_threads_log_every_message_exactly_once(tmp_path: Path) -> None:
    store = LogStore(tmp_path / "concurrent.db")
    per_thread, barrier = 25, threading.Barrier(20)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            barrier.wait()
            for i in range(per_thread):
                key = f"t{n}-m{i}"
                for _ in range(2):  # every message is retried once: still logged once
                    m = store.log_inbound("web", f"user-{n % 5}", f"线程{n}消息{i}", key)
                store.log_outbound(
                    m.conversation_id, "web", f"user-{n % 5}", {"text": f"答{n}-{i}"}, key + "#out0"
                )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    keys = [r["dedup_key"] for r in rows(store, "SELECT dedup_key FROM messages")]
    assert len(keys) == len(set(keys)) == 20 * per_thread * 2
    convs = rows(store, "SELECT * FROM conversations")
    assert len(convs) == 5  # five senders, each one conversation
    assert sum(c["n_messages"] for c in convs) == 20 * per_thread * 2
    store.close()


def test_twenty_concurrent_http_turns_are_logged_exactly_once(
    app: FastAPI, fake_rasa: FakeRasa, store: LogStore
) -> None:
    fake_rasa.delay = 0.05  # keep the turns overlapping

    async def run() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as c:

            async def send(n: int) -> httpx.Response:
                meta = {"channel": "web", "client_message_id": f"client-msg-{n:04d}"}
                return await c.post(
                    "/api/chat", json={"sender": f"web-c{n}", "message": f"问题{n}", "metadata": meta}
                )

            first = await asyncio.gather(*(send(n) for n in range(20)))
            retries = await asyncio.gather(*(send(n) for n in range(20)))  # same client ids again
            await app.state.services.tasks.drain()
            return list(first) + list(retries)

    responses = asyncio.run(run())
    assert all(r.status_code == 200 for r in responses)
    assert [r.json() for r in responses[:20]] == [r.json() for r in responses[20:]]
    assert len(fake_rasa.calls) == 20
    texts = sorted(r["text"] for r in rows(store, "SELECT text FROM messages WHERE direction='in'"))
    assert texts == sorted(f"问题{n}" for n in range(20))
    assert rows(store, "SELECT COUNT(*) AS n FROM messages WHERE direction='out'")[0]["n"] == 20
