"""Every class of bad input to the JSON API → 4xx with {"error","message","message_en"}, never 5xx."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.gateway.gateway_fakes import FakeRasa


def assert_error(resp: Any, status: int, code: str) -> None:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error", "message", "message_en"}
    assert body["error"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])  # Chinese for people


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"sender": "u1"}, "invalid_message"),
        ({"sender": "u1", "message": 42}, "invalid_message"),
        ({"sender": "u1", "message": ["你好"]}, "invalid_message"),
        ({"sender": "u1", "message": None}, "invalid_message"),
        ({"sender": "u1", "message": ""}, "empty_message"),
        ({"sender": "u1", "message": " \n\t\u3000 "}, "empty_message"),
        ({"sender": "u1", "message": "\x00\x01"}, "empty_message"),
        ({"sender": "u1", "message": "长" * 2001}, "message_too_long"),
        ({"message": "你好"}, "invalid_sender"),
        ({"sender": "", "message": "你好"}, "invalid_sender"),
        ({"sender": 123, "message": "你好"}, "invalid_sender"),
        ({"sender": "a" * 129, "message": "你好"}, "invalid_sender"),
        ({"sender": "../../etc/passwd", "message": "你好"}, "invalid_sender"),
        ({"sender": "用户", "message": "你好"}, "invalid_sender"),
        ({"sender": "u1 u2", "message": "你好"}, "invalid_sender"),
        ({"sender": "u1", "message": "你好", "metadata": "web"}, "invalid_metadata"),
        ({"sender": "u1", "message": "你好", "metadata": {"client_message_id": "x"}}, "invalid_metadata"),
        ({"sender": "u1", "message": "你好", "metadata": {"handoff": "yes"}}, "invalid_metadata"),
        ({"sender": "u1", "message": "你好", "metadata": {"region": "长" * 40}}, "invalid_metadata"),
        ({"sender": "u1", "message": "你好", "payload": 5}, "invalid_payload"),
        ({"sender": "u1", "message": "你好", "payload": "/x" * 300}, "invalid_payload"),
    ],
)
def test_bad_chat_fields(client: TestClient, fake_rasa: FakeRasa, body: dict[str, Any], code: str) -> None:
    assert_error(client.post("/api/chat", json=body), 400, code)
    assert fake_rasa.calls == []  # nothing reached Rasa


def test_exactly_2000_characters_is_accepted(client: TestClient) -> None:
    resp = client.post("/api/chat", json={"sender": "u1", "message": "长" * 2000})
    assert resp.status_code == 200


def test_sender_of_128_characters_is_accepted(client: TestClient) -> None:
    assert client.post("/api/chat", json={"sender": "a" * 128, "message": "你好"}).status_code == 200


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"{not json", "invalid_json"),
        (b"", "invalid_json"),
        (b"[1, 2]", "invalid_json"),
        (b'"just a string"', "invalid_json"),
        (b'{"sender": "u1", "message": "\xff\xfe"}', "invalid_encoding"),
        ('{"sender": "u1", "message": "你好"}'.encode("gbk"), "invalid_encoding"),
        (b"[" * 60_000, "invalid_json"),
        (
            b'{"sender": "u1", "message": "hi", "metadata": ' + b'{"a": ' * 5_000 + b"1" + b"}" * 5_001,
            "invalid_json",
        ),
    ],
    ids=["broken", "empty", "array", "string", "bad-utf8", "gbk", "deep-array", "deep-object"],
)
def test_malformed_bodies(client: TestClient, raw: bytes, code: str) -> None:
    resp = client.post("/api/chat", content=raw, headers={"Content-Type": "application/json"})
    assert_error(resp, 400, code)


def test_body_over_64_kb_is_refused(client: TestClient) -> None:
    big = b'{"sender": "u1", "message": "' + b"a" * (64 * 1024) + b'"}'
    assert_error(client.post("/api/chat", content=big), 413, "body_too_large")


def test_streamed_body_over_limit_without_content_length_is_refused(client: TestClient) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(70):
            yield b"a" * 1024

    assert_error(client.post("/api/chat", content=chunks()), 413, "body_too_large")


def test_wrong_method_and_unknown_path_use_the_same_shape(client: TestClient) -> None:
    assert_error(client.get("/api/chat"), 405, "method_not_allowed")
    assert_error(client.get("/api/nothing-here"), 404, "not_found")


def test_query_validation_errors_use_the_shape(client: TestClient) -> None:
    resp = client.get("/api/history")
    assert resp.status_code == 422
    assert resp.json()["error"] == "invalid_request"
    assert "sender" in resp.json()["message"]
    assert_error(client.get("/api/history", params={"sender": "bad id!"}), 400, "invalid_sender")
    assert client.get("/api/history", params={"sender": "u1", "limit": "lots"}).status_code == 422
    assert client.get("/api/history", params={"sender": "u1", "limit": 100_000}).status_code == 422
    assert client.get("/api/history", params={"sender": "u1", "channel": "wechat"}).status_code == 422


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"message_id": "1", "value": "up"}, 400, "invalid_message_id"),
        ({"message_id": True, "value": "up"}, 400, "invalid_message_id"),
        ({"message_id": -3, "value": "up"}, 400, "invalid_message_id"),
        ({"message_id": 1, "value": "meh"}, 400, "invalid_feedback"),
        ({"message_id": 1}, 400, "invalid_feedback"),
        ({"message_id": 999999, "value": "down"}, 404, "message_not_found"),
        ({"message_id": 1, "value": "up", "sender": "bad id"}, 400, "invalid_sender"),
    ],
)
def test_bad_feedback(client: TestClient, body: dict[str, Any], status: int, code: str) -> None:
    assert_error(client.post("/api/feedback", json=body), status, code)
