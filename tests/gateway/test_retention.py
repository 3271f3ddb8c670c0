"""Retention (#14 item 6): the conversation log keeps `retention_days` (default 180); the gateway
purges at start and on a schedule; a purge also removes the search-index rows, annotations and
triage of what it deletes, drops conversations left empty, refreshes the ones it shortened, is
audited, and clears Rasa's SQLite trackers in var/ that went quiet before the window."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.auth.schema import open_db
from bot.logstore import LogStore
from bot.rasa_client import RasaClient
from bot.retention import RetentionJob, purge, purge_log
from bot.settings import Settings, SettingsError
from tests.gateway.gateway_fakes import FakeRasa

NOW = datetime.now(timezone.utc)


def _ts(days_ago: float) -> str:
    return (NOW - timedelta(days=days_ago)).isoformat(timespec="milliseconds")


def log_turn(store: LogStore, sender: str, text: str, days_ago: float, key: str) -> tuple[str, int, int]:
    """One user message and its reply, both `days_ago` old; returns (conversation, in id, out id)."""
    inbound = store.log_inbound("web", sender, text, key, ts=_ts(days_ago))
    out = store.log_outbound(inbound.conversation_id, "web", sender, {"text": f"答复：{text}"}, f"{key}#out0")
    conn = open_db(store.path)
    conn.execute("UPDATE messages SET ts=? WHERE id=?", (_ts(days_ago), out.id))
    LogStore._refresh(conn, inbound.conversation_id)
    conn.close()
    return inbound.conversation_id, inbound.id, out.id


def seed(path: Path) -> dict[str, str]:
    """old: one conversation 200 days ago (triage, note, annotation); long: 200 days ago and continued
    today within the idle gap of nothing (two conversations of one sender); new: yesterday."""
    store = LogStore(path, idle_minutes=60 * 24 * 365)  # one conversation per sender, however long
    try:
        old, old_in, _ = log_turn(store, "old", "金卡过期了怎么办", 200, "o1")
        long_conv, _, _ = log_turn(store, "long", "创业资助分几期发放", 200, "l1")
        log_turn(store, "long", "第二期什么时候领", 1, "l2")
        new, _, _ = log_turn(store, "new", "我属于第几类人才", 1, "n1")
    finally:
        store.close()
    conn = open_db(path)
    conn.execute(
        "INSERT INTO triage (conversation_id, status, tags, updated_at) VALUES (?, 'resolved', '[]', ?)",
        (old, _ts(199)),
    )
    conn.execute(
        "INSERT INTO triage_notes (conversation_id, author, ts, text) VALUES (?, 'a', ?, '已回访')",
        (old, _ts(199)),
    )
    conn.execute(
        "INSERT INTO annotations (message_id, conversation_id, text, intent, created_by, created_at, updated_at) "
        "VALUES (?, ?, '金卡过期了怎么办', 'ask_gold_card', 'a', ?, ?)",
        (old_in, old, _ts(199), _ts(199)),
    )
    conn.close()
    return {"old": old, "long": long_conv, "new": new}


def fts(conn: sqlite3.Connection, phrase: str) -> list[int]:
    return [
        r[0]
        for r in conn.execute("SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?", (f'"{phrase}"',))
    ]


def test_the_purge_deletes_what_is_older_than_the_window_and_everything_hanging_off_it(
    tmp_path: Path,
) -> None:
    db = tmp_path / "talentbot.db"
    ids = seed(db)
    conn = open_db(db)
    assert fts(conn, "金卡过期") and fts(conn, "创业资助")

    result = purge_log(conn, 180)

    assert (result.messages, result.conversations, result.annotations, result.triage, result.notes) == (
        4,
        1,
        1,
        1,
        1,
    )
    assert conn.execute("SELECT COUNT(*) FROM messages WHERE ts < ?", (_ts(180),)).fetchone()[0] == 0
    assert fts(conn, "金卡过期") == [] and fts(conn, "创业资助") == []  # the search index follows
    assert fts(conn, "第二期")  # … and keeps what is inside the window
    conn.execute("INSERT INTO messages_fts(messages_fts) VALUES('integrity-check')")
    left = {r["id"]: dict(r) for r in conn.execute("SELECT * FROM conversations")}
    assert set(left) == {ids["long"], ids["new"]}  # the emptied conversation is gone
    assert (
        left[ids["long"]]["n_messages"] == 2
        and left[ids["long"]]["started_at"] <= left[ids["long"]]["last_at"]
    )
    assert [
        conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("triage", "triage_notes", "annotations")
    ] == [0, 0, 0]
    row = conn.execute("SELECT * FROM audit_log WHERE action='retention_purge'").fetchone()
    assert row["username"] == "system" and json.loads(row["detail"])["messages"] == 4

    again = purge_log(conn, 180)
    assert again.deleted == 0
    assert conn.execute("SELECT COUNT(*) FROM audit_log WHERE action='retention_purge'").fetchone()[0] == 1


def test_the_window_is_a_validated_setting_with_a_default_of_180_days() -> None:
    assert Settings().retention_days == 180
    assert Settings.from_env({"TALENTBOT_RETENTION_DAYS": "30"}).retention_days == 30
    for bad in ("0", "-5", "abc", "5000"):
        with pytest.raises(SettingsError, match="TALENTBOT_RETENTION_DAYS"):
            Settings.from_env({"TALENTBOT_RETENTION_DAYS": bad})
    with pytest.raises(SettingsError, match="TALENTBOT_RETENTION_CHECK_HOURS"):
        Settings.from_env({"TALENTBOT_RETENTION_CHECK_HOURS": "0"})


def test_the_gateway_purges_at_start(tmp_path: Path) -> None:
    db = tmp_path / "talentbot.db"
    seed(db)
    settings = replace(Settings(), var_dir=tmp_path, db_path=db, retention_days=30)
    rasa = RasaClient(
        settings.rasa_url, settings.action_url, transport=httpx.MockTransport(FakeRasa().handler)
    )
    with TestClient(create_app(settings, rasa_client=rasa, optional_routers=())):
        deadline = time.monotonic() + 10
        conn = open_db(db)
        while conn.execute("SELECT COUNT(*) FROM messages WHERE ts < ?", (_ts(30),)).fetchone()[0]:
            assert time.monotonic() < deadline, "the start-up purge did not run"
            time.sleep(0.05)
        assert conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 4  # yesterday's stay


def test_the_purge_repeats_on_its_schedule_and_survives_a_failed_run() -> None:
    calls: list[float] = []

    def job() -> None:
        calls.append(time.monotonic())
        if len(calls) == 1:
            raise RuntimeError("disk busy")  # logged; the schedule goes on

    settings = replace(Settings(), retention_check_hours=0.1 / 3600)  # every 0.1 s

    async def run() -> None:
        retention = RetentionJob(settings, run=job)
        retention.start()
        await asyncio.sleep(0.5)
        await retention.stop()

    asyncio.run(run())
    assert len(calls) >= 3


def test_rasa_trackers_in_var_that_went_quiet_before_the_window_are_deleted(tmp_path: Path) -> None:
    tracker = sqlite3.connect(tmp_path / "rasa_tracker.db")
    tracker.execute(
        "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, type_name VARCHAR(255) "
        "NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)"
    )
    for sender, days in (("quiet", 200), ("quiet", 190), ("busy", 200), ("busy", 2)):
        ts = (NOW - timedelta(days=days)).timestamp()
        tracker.execute(
            "INSERT INTO events (sender_id, type_name, timestamp) VALUES (?, 'user', ?)", (sender, ts)
        )
    tracker.commit()
    tracker.close()
    settings = replace(Settings(), var_dir=tmp_path, db_path=tmp_path / "talentbot.db")
    result = purge(settings)
    assert result.tracker_senders == 1
    left = (
        sqlite3.connect(tmp_path / "rasa_tracker.db")
        .execute("SELECT DISTINCT sender_id FROM events")
        .fetchall()
    )
    assert left == [("busy",)]  # a live conversation keeps its whole tracker
