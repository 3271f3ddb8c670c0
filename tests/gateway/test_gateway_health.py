"""GET /api/health: 200 only when Rasa has a model and the action server is up; 503 otherwise."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.gateway.gateway_fakes import FakeRasa

KEYS = {"status", "rasa", "actions", "model"}


def test_all_up(client: TestClient) -> None:
    resp = client.get("/api/health")
    assert resp.status_code == 200
    assert resp.json() == {"status": "ok", "rasa": "ok", "actions": "ok", "model": "20240101-abc.tar.gz"}


def test_no_model_loaded(client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.model = None
    resp = client.get("/api/health")
    assert resp.status_code == 503
    assert set(resp.json()) == KEYS
    assert resp.json()["rasa"] == "no_model" and resp.json()["status"] == "unavailable"


def test_rasa_down(client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.rasa_up = False
    resp = client.get("/api/health")
    assert resp.status_code == 503
    assert resp.json() == {"status": "unavailable", "rasa": "down", "actions": "ok", "model": None}


def test_action_server_down(client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.actions_up = False
    resp = client.get("/api/health")
    assert resp.status_code == 503
    assert resp.json()["actions"] == "down" and resp.json()["rasa"] == "ok"


def test_rasa_without_the_turn_channel(client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.turn_channel = False  # credentials.yml lost talentbot_rasa.turn_channel.TurnChannel
    resp = client.get("/api/health")
    assert resp.status_code == 503
    assert resp.json()["rasa"] == "no_turn_channel" and resp.json()["status"] == "unavailable"
