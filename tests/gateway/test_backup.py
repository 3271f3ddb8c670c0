"""`make backup` / `make restore` (#14 item 6): online backups of var/'s SQLite stores, a restore that
brings back exactly the backed-up rows, and the guards around it (gateway running, confirmation,
damaged copy, newer schema); an older release's backup is upgraded on restore."""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot import backup as backups
from bot.auth.schema import open_db
from bot.logstore import LogStore
from bot.migrations import LATEST_VERSION
from bot.settings import Settings
from bot.supervisor import free_port
from tests.gateway.test_migrations import build_release_var, dump


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    var = tmp_path / "var"
    # A port nobody listens on: "the gateway is not running".
    return replace(Settings(), var_dir=var, db_path=var / "talentbot.db", gateway_port=free_port())


def log(settings: Settings, sender: str, n: int) -> None:
    store = LogStore(settings.db_path)
    try:
        for i in range(n):
            store.log_inbound("web", sender, f"第{i}个问题：金卡有什么用", f"{sender}-{i}")
    finally:
        store.close()


def tracker(settings: Settings, *senders: str) -> None:
    conn = sqlite3.connect(settings.var_dir / "rasa_tracker.db")
    conn.execute("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id TEXT, data TEXT)")
    conn.executemany("INSERT INTO events (sender_id) VALUES (?)", [(s,) for s in senders])
    conn.commit()
    conn.close()


def count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def test_restore_brings_back_exactly_what_was_backed_up(settings: Settings) -> None:
    log(settings, "before", 3)
    tracker(settings, "before")
    saved = dump(settings.db_path)
    folder = backups.backup(settings)
    assert json.loads((folder / "manifest.json").read_text())["schema_version"] == LATEST_VERSION
    assert sorted(p.name for p in folder.glob("*.db")) == ["rasa_tracker.db", "talentbot.db"]

    log(settings, "after", 2)  # written after the backup: gone after the restore
    tracker(settings, "after")
    conn = open_db(settings.db_path)
    conn.execute("DELETE FROM messages WHERE sender='before' AND dedup_key='before-0'")
    conn.close()

    done = backups.restore(settings, folder, assume_yes=True)

    assert dump(settings.db_path) == saved
    assert (
        count(settings.db_path, "SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH '\"第0个问题\"'")
        == 1
    )
    assert (
        count(settings.var_dir / "rasa_tracker.db", "SELECT COUNT(*) FROM events WHERE sender_id='after'")
        == 0
    )
    assert done.kept_in is not None  # the replaced files were kept first
    assert count(done.kept_in / "talentbot.db", "SELECT COUNT(*) FROM messages WHERE sender='after'") == 2
    log(settings, "later", 1)  # the restored file is a working log store
    assert count(settings.db_path, "SELECT COUNT(*) FROM messages") == 4


def test_a_backup_taken_while_the_gateway_writes_is_consistent(settings: Settings) -> None:
    log(settings, "seed", 1)
    stop = threading.Event()

    def writer() -> None:
        store = LogStore(settings.db_path)
        i = 0
        while not stop.is_set():
            store.log_inbound("web", "busy", "又一个问题", f"busy-{i}")
            i += 1
        store.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        folder = backups.backup(settings)
    finally:
        stop.set()
        thread.join()
    copy = folder / "talentbot.db"
    assert sqlite3.connect(copy).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n = count(copy, "SELECT COUNT(*) FROM messages")
    assert n >= 1 and count(copy, "SELECT SUM(n_messages) FROM conversations") == n


@pytest.fixture
def listening(settings: Settings) -> Iterator[Settings]:
    """Something (the gateway) listens on the gateway's port."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    try:
        yield replace(settings, gateway_port=sock.getsockname()[1])
    finally:
        sock.close()


def test_restore_refuses_while_the_gateway_runs_unless_forced(listening: Settings) -> None:
    log(listening, "a", 1)
    folder = backups.backup(listening)
    log(listening, "b", 1)
    with pytest.raises(backups.BackupError, match="网关似乎正在运行"):
        backups.restore(listening, folder, assume_yes=True)
    assert count(listening.db_path, "SELECT COUNT(*) FROM messages") == 2  # untouched
    backups.restore(listening, folder, assume_yes=True, force=True)
    assert count(listening.db_path, "SELECT COUNT(*) FROM messages") == 1


def test_restore_asks_first_and_a_no_changes_nothing(settings: Settings) -> None:
    log(settings, "a", 1)
    folder = backups.backup(settings)
    log(settings, "b", 1)
    asked: list[str] = []
    with pytest.raises(backups.BackupError, match="已取消"):
        backups.restore(settings, folder, ask=lambda q: asked.append(q) or "no")
    assert "输入 yes" in asked[0] and count(settings.db_path, "SELECT COUNT(*) FROM messages") == 2
    backups.restore(settings, folder, ask=lambda q: "yes")
    assert count(settings.db_path, "SELECT COUNT(*) FROM messages") == 1


def test_a_damaged_or_newer_backup_is_refused(settings: Settings, tmp_path: Path) -> None:
    log(settings, "a", 1)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 100)
    with pytest.raises(backups.BackupError, match="SQLite"):
        backups.restore(settings, junk, assume_yes=True)
    newer = backups.backup(settings)
    conn = sqlite3.connect(newer / "talentbot.db")
    conn.execute("INSERT INTO schema_version VALUES (99, 'future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(backups.BackupError, match="结构版本 99"):
        backups.restore(settings, newer, assume_yes=True)
    assert count(settings.db_path, "SELECT COUNT(*) FROM messages") == 1


def test_a_backup_from_the_release_before_versions_is_upgraded_on_restore(
    settings: Settings, tmp_path: Path
) -> None:
    old = build_release_var(tmp_path / "old-var")
    rows = dump(old)
    log(settings, "current", 1)
    done = backups.restore(settings, old, assume_yes=True)
    assert (done.version_before, done.version_after) == (0, LATEST_VERSION)
    assert dump(settings.db_path) == rows


def test_the_command_line(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    log(settings, "a", 1)
    monkeypatch.setenv("TALENTBOT_VAR_DIR", str(settings.var_dir))
    monkeypatch.setenv("GATEWAY_PORT", str(settings.gateway_port))
    assert backups.main(["backup"]) == 0
    folder = backups.backups(settings)[-1]
    assert f"make restore FROM={folder}" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert backups.main(["restore", str(folder)]) == 1  # no terminal to ask, no --yes
    assert "--yes" in capsys.readouterr().err
    assert backups.main(["restore", str(folder), "--yes"]) == 0
