"""talentbot_rasa/lean_sql_tracker_store.py must store and load exactly what Rasa's SQLTrackerStore does.

Each conversation is played turn by turn the way Rasa's processor does it (retrieve the tracker, add
the turn's events, save), once with Rasa's store and once with the lean one, each on its own SQLite
file; after every turn both files must hold the same rows and every store must load the same tracker
from either file (written by one class, read by the other). PostgreSQL (with and without Rasa's
POSTGRESQL_SCHEMA) is checked the same way when a PostgreSQL server binary is installed.
"""

from __future__ import annotations

import asyncio
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.constants import POSTGRESQL_SCHEMA
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.utils.endpoints import EndpointConfig, read_endpoint_config

from bot.settings import REPO_ROOT
from talentbot_rasa.lean_sql_tracker_store import LeanSQLTrackerStore

CLASS_PATH = "talentbot_rasa.lean_sql_tracker_store.LeanSQLTrackerStore"
T0 = 1_700_000_000.0


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(REPO_ROOT / "domain.yml"))


def _user(
    text: str, intent: str, entities: list[dict[str, Any]] | None = None, t: float = 0.0
) -> UserUttered:
    entities = entities or []
    parse = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.93},
        "entities": entities,
        "intent_ranking": [{"name": intent, "confidence": 0.93}, {"name": "inform", "confidence": 0.04}],
        "response_selector": {},
    }
    return UserUttered(
        text, parse["intent"], entities, parse, timestamp=T0 + t, input_channel="wechat", message_id=f"m{t}"
    )


def _turns() -> list[list[Event]]:
    """What one conversation adds to its tracker before each save: two sessions, forms, a restart.

    Timestamps are fixed (and `action_session_start` shares its timestamp with the `session_started`
    after it, as happens when both are stamped in the same clock tick) so the session boundary is the
    same for every run."""

    def at(t: float) -> float:
        return T0 + t

    listen = "action_listen"
    honour = [{"entity": "honour", "value": "国家级领军人才", "start": 2, "end": 9}]
    region = [{"entity": "region", "value": "椒江", "start": 0, "end": 2}]
    return [
        [
            ActionExecuted("action_session_start", timestamp=at(0)),
            SessionStarted(timestamp=at(0)),
            ActionExecuted(listen, timestamp=at(0.001)),
        ],
        [
            _user("我是国家级领军人才，属于第几类？", "ask_category", honour, t=1),
            SlotSet("honour", ["国家级领军人才"], timestamp=at(1.01)),
            ActionExecuted("category_form", timestamp=at(1.02)),
            ActiveLoop("category_form", timestamp=at(1.02)),
            SlotSet("requested_slot", None, timestamp=at(1.02)),
            ActiveLoop(None, timestamp=at(1.03)),
            ActionExecuted("action_answer_category", timestamp=at(1.04)),
            BotUttered(
                "您属于B类人才。",
                {"buttons": [{"title": "我能享受哪些待遇", "payload": "/ask_benefits"}]},
                {"utter_action": "utter_category"},
                timestamp=at(1.05),
            ),
            SlotSet("category", "B", timestamp=at(1.05)),
            ActionExecuted(listen, timestamp=at(1.06)),
        ],
        [
            _user("我能享受哪些待遇", "ask_benefits", t=2),
            ActionExecuted("benefits_form", timestamp=at(2.01)),
            ActiveLoop("benefits_form", timestamp=at(2.01)),
            SlotSet("requested_slot", "region", timestamp=at(2.01)),
            BotUttered("请问您在台州哪个区县？", timestamp=at(2.02)),
            ActionExecuted(listen, timestamp=at(2.03)),
        ],
        [
            _user("椒江", "inform", region, t=3),
            SlotSet("region", "椒江", timestamp=at(3.01)),
            ActionExecuted("benefits_form", timestamp=at(3.02)),
            SlotSet("requested_slot", None, timestamp=at(3.02)),
            ActiveLoop(None, timestamp=at(3.02)),
            ActionExecuted("action_answer_benefits", timestamp=at(3.03)),
            BotUttered("B类人才可享受……", timestamp=at(3.04)),
            ActionExecuted(listen, timestamp=at(3.05)),
        ],
        [  # the session expired: a new one starts, carrying the slots over
            ActionExecuted("action_session_start", timestamp=at(4000)),
            SessionStarted(timestamp=at(4000)),
            SlotSet("category", "B", timestamp=at(4000)),
            SlotSet("region", "椒江", timestamp=at(4000)),
            ActionExecuted(listen, timestamp=at(4000.01)),
        ],
        [
            _user("你好", "greet", t=4001),
            ActionExecuted("utter_greet", timestamp=at(4001.01)),
            BotUttered("您好！我是人才政策咨询助手", timestamp=at(4001.02)),
            ActionExecuted(listen, timestamp=at(4001.03)),
        ],
        [
            _user("/restart", "restart", t=4002),
            ActionExecuted("action_restart", timestamp=at(4002.01)),
            Restarted(timestamp=at(4002.01)),
            ActionExecuted(listen, timestamp=at(4002.02)),
        ],
        [
            _user("台州有什么人才计划", "ask_taizhou_plan", t=4003),
            ActionExecuted("action_answer_policy", timestamp=at(4003.01)),
            BotUttered("台州市“500精英计划”……", timestamp=at(4003.02)),
            ActionExecuted(listen, timestamp=at(4003.03)),
        ],
    ]


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def _sqlite(cls: type[SQLTrackerStore], db: Path, domain: Domain, **kwargs: Any) -> SQLTrackerStore:
    return cls(domain, dialect="sqlite", db=str(db), **kwargs)


def _rows(store: SQLTrackerStore) -> list[tuple[Any, ...]]:
    """Every stored row but its id, in id order (read with plain SQL, not by either class)."""
    with store.engine.connect() as connection:
        result = connection.execute(
            sa.text(
                "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id"
            )
        )
        return [tuple(row) for row in result]


def _turn(store: TrackerStore, sender: str, events: list[Event]) -> DialogueStateTracker:
    """One turn as Rasa's processor runs it: load the tracker (or start one), add events, save."""
    tracker = run(store.retrieve(sender)) or store.init_tracker(sender)
    for event in events:
        tracker.update(event)
    run(store.save(tracker))
    return tracker


def _state(tracker: DialogueStateTracker | None) -> Any:
    if tracker is None:
        return None
    return tracker.current_state(EventVerbosity.ALL), list(tracker.events)


def _assert_same_loads(stores: list[SQLTrackerStore], sender: str) -> DialogueStateTracker:
    """Every store (each class on each file) loads the same latest-session and full tracker."""
    latest = [_state(run(store.retrieve(sender))) for store in stores]
    full = [_state(run(store.retrieve_full_tracker(sender))) for store in stores]
    assert all(state == latest[0] for state in latest)
    assert all(state == full[0] for state in full)
    assert latest[0] is not None
    return run(stores[0].retrieve(sender))


def test_same_rows_and_same_trackers_as_rasa_turn_by_turn(tmp_path: Path, domain: Domain) -> None:
    rasa = _sqlite(SQLTrackerStore, tmp_path / "rasa.db", domain)
    lean = _sqlite(LeanSQLTrackerStore, tmp_path / "lean.db", domain)
    # the other class on each file: lean reads what Rasa wrote and Rasa reads what lean wrote
    lean_on_rasa = _sqlite(LeanSQLTrackerStore, tmp_path / "rasa.db", domain)
    rasa_on_lean = _sqlite(SQLTrackerStore, tmp_path / "lean.db", domain)
    stores = [rasa, lean, lean_on_rasa, rasa_on_lean]

    played: list[Event] = []
    for events in _turns():
        _turn(rasa, "wechat-1", events)
        _turn(lean, "wechat-1", events)
        played += events
        assert _rows(rasa) == _rows(lean)
        _assert_same_loads(stores, "wechat-1")

    assert len(_rows(lean)) == len(played)  # every event stored once
    # the latest session starts at the second `session_started` (4000 s), its `action_session_start`
    # (same timestamp, stored just before it) included — Rasa's definition
    latest = run(lean.retrieve("wechat-1"))
    assert latest is not None
    assert [e.timestamp for e in latest.events] == [e.timestamp for e in played if e.timestamp >= T0 + 4000]
    assert isinstance(latest.events[0], ActionExecuted) and isinstance(latest.events[1], SessionStarted)
    full = run(lean.retrieve_full_tracker("wechat-1"))
    assert full is not None and list(full.events) == played
    assert latest.get_slot("category") is None  # set at the session start, reset by the restart


def test_two_conversations_in_one_table_do_not_mix(tmp_path: Path, domain: Domain) -> None:
    rasa = _sqlite(SQLTrackerStore, tmp_path / "rasa.db", domain)
    lean = _sqlite(LeanSQLTrackerStore, tmp_path / "lean.db", domain)
    turns = _turns()
    for i, events in enumerate(turns):  # interleaved, and the second one is in a different session
        for store in (rasa, lean):
            _turn(store, "a", events)
            if i < 4:
                _turn(store, "b", turns[i + 4])
    assert _rows(rasa) == _rows(lean)
    for sender in ("a", "b"):
        _assert_same_loads([rasa, lean, _sqlite(LeanSQLTrackerStore, tmp_path / "rasa.db", domain)], sender)


def test_rasa_and_lean_can_take_turns_writing_one_file(tmp_path: Path, domain: Domain) -> None:
    """A switch between the classes (either way, at any turn) continues the same conversation."""
    rasa = _sqlite(SQLTrackerStore, tmp_path / "rasa.db", domain)
    mixed = [
        _sqlite(SQLTrackerStore, tmp_path / "mixed.db", domain),
        _sqlite(LeanSQLTrackerStore, tmp_path / "mixed.db", domain),
    ]
    for i, events in enumerate(_turns()):
        _turn(rasa, "c", events)
        _turn(mixed[i % 2], "c", events)
    assert _rows(rasa) == _rows(mixed[0])
    _assert_same_loads([rasa, *mixed], "c")


def test_saving_the_same_tracker_twice_stores_nothing_new(tmp_path: Path, domain: Domain) -> None:
    lean = _sqlite(LeanSQLTrackerStore, tmp_path / "lean.db", domain)
    turns = _turns()
    tracker = _turn(lean, "d", turns[0] + turns[1])
    stored = _rows(lean)
    assert len(stored) == len(turns[0] + turns[1])
    run(lean.save(tracker))
    run(lean.save(tracker))
    assert _rows(lean) == stored

    for event in turns[2]:  # the next turn: only its events are appended, after the stored ones
        tracker.update(event)
    run(lean.save(tracker))
    after = _rows(lean)
    assert after[: len(stored)] == stored
    assert [row[1] for row in after[len(stored) :]] == [e.type_name for e in turns[2]]

    # a save right after a new session started (the stored latest session is still the old one)
    for event in turns[4]:
        tracker.update(event)
    run(lean.save(tracker))
    run(lean.save(run(lean.retrieve("d"))))  # the reloaded new session: already all stored
    assert len(_rows(lean)) == len(turns[0] + turns[1] + turns[2] + turns[4])


def test_columns_hold_what_rasa_puts_there(tmp_path: Path, domain: Domain) -> None:
    lean = _sqlite(LeanSQLTrackerStore, tmp_path / "lean.db", domain)
    _turn(lean, "e", _turns()[0] + _turns()[1])
    rows = _rows(lean)
    user = next(row for row in rows if row[1] == "user")
    assert user[:5] == ("e", "user", T0 + 1, "ask_category", None)
    form = next(row for row in rows if row[1] == "action" and row[4] == "category_form")
    assert form[3] is None
    slot = next(row for row in rows if row[1] == "slot")
    assert slot[4] == "honour"  # Rasa stores data["name"] in action_name for every event type


def test_unknown_sender_keys_and_exists(tmp_path: Path, domain: Domain) -> None:
    lean = _sqlite(LeanSQLTrackerStore, tmp_path / "lean.db", domain)
    assert run(lean.retrieve("nobody")) is None
    assert run(lean.retrieve_full_tracker("nobody")) is None
    assert run(lean.exists("nobody")) is False
    assert run(lean.keys()) == []
    _turn(lean, "f", _turns()[0])
    _turn(lean, "g", _turns()[0])
    assert sorted(run(lean.keys())) == ["f", "g"]
    assert run(lean.exists("f")) is True
    assert run(lean.retrieve("nobody")) is None
    created = run(lean.get_or_create_tracker("h"))  # Rasa's: a new tracker, listening, saved
    assert [e.type_name for e in created.events] == ["action"]
    assert _state(run(lean.retrieve("h"))) == _state(created)


class _ListBroker(EventBroker):
    def __init__(self) -> None:
        self.published: list[dict[str, Any]] = []

    def publish(self, event: dict[str, Any]) -> None:
        self.published.append(event)


def test_new_events_go_to_the_event_broker_as_with_rasa(tmp_path: Path, domain: Domain) -> None:
    brokers = _ListBroker(), _ListBroker()
    rasa = _sqlite(SQLTrackerStore, tmp_path / "rasa.db", domain, event_broker=brokers[0])
    lean = _sqlite(LeanSQLTrackerStore, tmp_path / "lean.db", domain, event_broker=brokers[1])
    for events in _turns():
        _turn(rasa, "i", events)
        _turn(lean, "i", events)
    assert brokers[1].published == brokers[0].published
    assert len(brokers[1].published) == sum(len(events) for events in _turns())


def test_rasas_factory_builds_it_from_the_endpoints_file(tmp_path: Path, domain: Domain) -> None:
    db = tmp_path / "rasa_tracker.db"
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        f'tracker_store:\n  type: {CLASS_PATH}\n  dialect: "sqlite"\n  db: "{db}"\n', encoding="utf-8"
    )
    broker = _ListBroker()
    configs = {
        "from-file": read_endpoint_config(str(endpoints), "tracker_store"),
        "in-code": EndpointConfig(type=CLASS_PATH, dialect="sqlite", db=str(db)),
    }
    for sender, config in configs.items():
        store = TrackerStore.create(config, domain=domain, event_broker=broker)
        # Rasa falls back to an InMemoryTrackerStore (with a warning only) when the path does not import
        assert type(store) is LeanSQLTrackerStore
        assert store.domain is domain and store.event_broker is broker
        assert store.engine.url.database == str(db)
        _turn(store, sender, _turns()[0])
    rasa = _sqlite(SQLTrackerStore, db, domain)
    assert sorted(run(rasa.keys())) == ["from-file", "in-code"]
    assert len(_rows(rasa)) == 2 * len(_turns()[0]) == len(broker.published)


# ---- PostgreSQL, when a server is installed --------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on 127.0.0.1 (trust auth, fsync off); yields "host:port".

    In a directory of its own under /tmp, not pytest's tmp_path: as root the server runs as the
    `postgres` user, which cannot enter pytest's root-only directories."""
    bindir = _pg_bindir()
    if bindir is None or not (bindir / "pg_ctl").exists():
        pytest.skip("no PostgreSQL server installed")
    with tempfile.TemporaryDirectory(prefix="lean-tracker-pg-") as tmp:
        yield from _cluster(bindir, Path(tmp))


def _cluster(bindir: Path, root: Path) -> Iterator[str]:
    data = root / "data"
    data.mkdir(mode=0o700)

    def as_postgres(cmd: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd

    if os.geteuid() == 0:
        root.chmod(0o755)
        shutil.chown(data, "postgres")
    port = _free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": True}
    opts = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(data / "log")]
    try:
        initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "rasa", "--auth=trust"]
        subprocess.run(as_postgres(initdb), **quiet)
        subprocess.run(as_postgres([*pg_ctl, "-o", opts, "-w", "-t", "60", "start"]), **quiet)
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"could not start a PostgreSQL server here: {error}")
    try:
        yield f"127.0.0.1:{port}"
    finally:
        subprocess.run(as_postgres([*pg_ctl, "-m", "fast", "-w", "stop"]), **{**quiet, "check": False})


def _pg(cls: type[SQLTrackerStore], host: str, db: str, domain: Domain, **kwargs: Any) -> SQLTrackerStore:
    config = EndpointConfig(url=host, type="SQL", dialect="postgresql", db=db, username="rasa", **kwargs)
    return cls(domain, host=config.url, **config.kwargs)


def _play_on(make: Callable[[type[SQLTrackerStore], str], SQLTrackerStore]) -> list[tuple[Any, ...]]:
    rasa, lean = make(SQLTrackerStore, "rasa_db"), make(LeanSQLTrackerStore, "lean_db")
    stores = [rasa, lean, make(LeanSQLTrackerStore, "rasa_db"), make(SQLTrackerStore, "lean_db")]
    for events in _turns():
        _turn(rasa, "pg", events)
        _turn(lean, "pg", events)
        assert _rows(rasa) == _rows(lean)
        _assert_same_loads(stores, "pg")
    return _rows(lean)


def test_postgresql_same_rows_and_trackers_as_rasa(postgres: str, domain: Domain) -> None:
    # login_db as in endpoints.prod.yml: Rasa creates each database on first start
    rows = _play_on(lambda cls, db: _pg(cls, postgres, db, domain, login_db="postgres"))
    assert len(rows) == sum(len(events) for events in _turns())


def test_postgresql_schema_from_rasas_environment_variable(
    postgres: str, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = sa.create_engine(f"postgresql://rasa@{postgres}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for db in ("schema_rasa", "schema_lean"):
            connection.execute(sa.text(f"CREATE DATABASE {db}"))
    for db in ("schema_rasa", "schema_lean"):
        with sa.create_engine(f"postgresql://rasa@{postgres}/{db}").begin() as connection:
            connection.execute(sa.text("CREATE SCHEMA trackers"))
    monkeypatch.setenv(POSTGRESQL_SCHEMA, "trackers")
    rows = _play_on(lambda cls, db: _pg(cls, postgres, f"schema_{db.removesuffix('_db')}", domain))
    assert rows
    with sa.create_engine(f"postgresql://rasa@{postgres}/schema_lean").connect() as connection:
        count = connection.execute(sa.text("SELECT count(*) FROM trackers.events")).scalar_one()
        assert count == len(rows)  # the events table is in the schema, not in public
        assert connection.execute(sa.text("SELECT to_regclass('public.events')")).scalar_one() is None

    # a schema that does not exist: Rasa's error and exit, at start-up rather than at the first turn
    monkeypatch.setenv(POSTGRESQL_SCHEMA, "no_such_schema")
    with pytest.raises(SystemExit):
        _pg(LeanSQLTrackerStore, postgres, "schema_lean", domain)


def test_sqlite_tracker_file_is_put_in_wal_mode(tmp_path: Path) -> None:
    """Two Rasa workers write it and the gateway reads it: WAL keeps readers off the writer's path."""
    import sqlite3

    db = tmp_path / "wal.db"
    LeanSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
