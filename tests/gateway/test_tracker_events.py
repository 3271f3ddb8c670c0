"""The gateway reads a turn's annotation from Rasa's SQLite tracker file, written by Rasa's own store."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_client import RasaClient, annotation_from_events
from bot.settings import REPO_ROOT
from bot.supervisor import gateway_env
from bot.tracker_events import TrackerEventsReader, tracker_db_from_endpoints


def _user(text: str, intent: str, confidence: float) -> UserUttered:
    parse = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []}
    return UserUttered(text, parse["intent"], [], parse)


def _turns(n: int) -> list[Any]:
    events: list[Any] = [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
    ]
    for i in range(n):
        events += [
            _user(f"问题{i}", "ask_gold_card" if i % 2 else "ask_category", 0.5 + i / 100),
            ActionExecuted(f"action_answer_{i}"),
            BotUttered(f"回答{i}"),
            SlotSet("category", i % 5 + 1),
            ActionExecuted("action_listen"),
        ]
    return events


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(REPO_ROOT / "domain.yml"))


def _rasa_store(db: Path, domain: Domain) -> SQLTrackerStore:
    return SQLTrackerStore(domain, dialect="sqlite", db=str(db))


def _save(store: SQLTrackerStore, sender: str, events: list[Any], domain: Domain) -> None:
    tracker = DialogueStateTracker.from_events(sender, events, domain.slots)
    asyncio.run(store.save(tracker))


def test_latest_turns_are_the_rows_rasa_stored(tmp_path: Path, domain: Domain) -> None:
    db = tmp_path / "rasa_tracker.db"
    store = _rasa_store(db, domain)
    _save(store, "web-a", _turns(6), domain)
    _save(store, "web-b", _turns(2), domain)  # another conversation in the same table
    reader = TrackerEventsReader(db, turns=3)
    events = reader.latest_events("web-a")
    assert events is not None
    users = [e["text"] for e in events if e["event"] == "user"]
    assert users == ["问题3", "问题4", "问题5"]  # the last three turns only, in Rasa's order
    annotation = annotation_from_events(events, "问题5")
    assert annotation is not None
    assert annotation.intent == "ask_gold_card" and annotation.confidence == pytest.approx(0.55)
    assert annotation.actions == ["action_answer_5"]
    assert annotation.bot_actions == [("action_answer_5", "回答5")]
    assert annotation_from_events(events, "问题0") is None  # outside the window
    assert [e["text"] for e in reader.latest_events("web-b") or [] if e["event"] == "user"] == [
        "问题0",
        "问题1",
    ]
    assert reader.latest_events("nobody") is None


def test_unreadable_file_answers_none_and_is_never_created(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    assert TrackerEventsReader(missing).latest_events("x") is None
    assert not missing.exists()
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()  # a file without Rasa's table (Rasa not started yet)
    assert TrackerEventsReader(empty).latest_events("x") is None


def _client(reader: TrackerEventsReader | None, calls: list[str], events: list[dict[str, Any]]) -> RasaClient:
    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        return httpx.Response(200, json={"events": events})

    return RasaClient(
        "http://rasa", "http://actions", transport=httpx.MockTransport(handler), tracker_events=reader
    )


def test_client_reads_the_file_and_asks_rasa_only_when_the_turn_is_not_there(
    tmp_path: Path, domain: Domain
) -> None:
    db = tmp_path / "rasa_tracker.db"
    _save(_rasa_store(db, domain), "web-a", _turns(6), domain)
    calls: list[str] = []
    http_events = [
        {"event": "user", "text": "问题0", "parse_data": {"intent": {"name": "greet", "confidence": 1}}}
    ]
    client = _client(TrackerEventsReader(db), calls, http_events)

    async def go() -> tuple[Any, Any, Any]:
        try:
            return (
                await client.annotate("web-a", "问题5"),
                await client.annotate("web-a", "问题0"),  # older than the window → Rasa's API
                await client.annotate("web-z", "你好"),  # unknown sender → Rasa's API (answers None)
            )
        finally:
            await client.aclose()

    recent, old, unknown = asyncio.run(go())
    assert recent.intent == "ask_gold_card"
    assert old.intent == "greet"
    assert unknown is None
    assert calls == ["/conversations/web-a/tracker", "/conversations/web-z/tracker"]


def test_client_without_reader_asks_rasa() -> None:
    calls: list[str] = []
    events = [
        {"event": "user", "text": "你好", "parse_data": {"intent": {"name": "greet", "confidence": 0.9}}}
    ]
    client = _client(None, calls, events)
    annotation = asyncio.run(client.annotate("s", "你好"))
    asyncio.run(client.aclose())
    assert annotation is not None and annotation.intent == "greet" and len(calls) == 1


def test_tracker_file_comes_from_the_endpoints_rasa_runs_with(tmp_path: Path) -> None:
    shipped = yaml.safe_load((REPO_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    assert tracker_db_from_endpoints(shipped, REPO_ROOT) == REPO_ROOT / "var" / "rasa_tracker.db"
    prod = yaml.safe_load((REPO_ROOT / "endpoints.prod.yml").read_text(encoding="utf-8"))
    assert tracker_db_from_endpoints(prod, REPO_ROOT) is None  # PostgreSQL: the HTTP API
    assert tracker_db_from_endpoints(
        {"tracker_store": {"dialect": "sqlite", "db": "/x/t.db"}}, REPO_ROOT
    ) == Path("/x/t.db")
    assert gateway_env(REPO_ROOT / "endpoints.yml", REPO_ROOT) == {
        "RASA_TRACKER_DB": str(REPO_ROOT / "var" / "rasa_tracker.db")
    }
    assert gateway_env(REPO_ROOT / "endpoints.prod.yml", REPO_ROOT) == {}
    assert gateway_env(tmp_path / "missing.yml", REPO_ROOT) == {}
