"""Schema versions (#14 item 5): a var/ built by the release before versions upgrades on start without
losing a row, the version is recorded, and the runner is safe (ordered, all-or-nothing, refuses a
newer database, one migrator at a time, a backend without a dialect's SQL is refused, not skipped).

The release var/ is built from tests/gateway/data/release_a71c64e_schema.sql: the schema exactly as
git a71c64e (HEAD before versions) created it, dumped from its sqlite_master.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.auth.schema import open_db
from bot.db import connect
from bot.migrations import LATEST_VERSION, MIGRATIONS, ensure_current, schema_version
from bot.migrations.runner import Migration, MigrationError, SchemaTooNew, SQLiteBackend, Step, migrate
from bot.rasa_client import RasaClient
from bot.settings import Settings
from tests.gateway.gateway_fakes import FakeRasa

RELEASE_SCHEMA = Path(__file__).parent / "data" / "release_a71c64e_schema.sql"
RELEASE_TABLES = (
    "messages",
    "conversations",
    "users",
    "sessions",
    "login_failures",
    "audit_log",
    "triage",
    "triage_notes",
    "annotations",
    "review_config",
)


def _recent(minutes_ago: int) -> str:
    """A timestamp well inside the retention window (the gateway purges old rows at start)."""
    moment = datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)
    return moment.isoformat(timespec="milliseconds")


def build_release_var(var: Path, *, staff_only: bool = False) -> Path:
    """var/talentbot.db as the release made it, with rows in every table (`staff_only`: only the staff
    tables, as `make user` left the file before the first start)."""
    var.mkdir(parents=True, exist_ok=True)
    path = var / "talentbot.db"
    conn = sqlite3.connect(path)
    sql = RELEASE_SCHEMA.read_text(encoding="utf-8")
    if staff_only:
        kept = [s for s in sql.split(";\n") if re.search(r"\b(users|sessions|login_failures|audit_log)\b", s)]
        sql = ";\n".join(kept) + ";\n"
    conn.executescript(sql)
    conn.execute("PRAGMA journal_mode=WAL")
    now = _recent(0)
    conn.execute(
        "INSERT INTO users (id, username, password_hash, role, display_name, active, created_at, updated_at) "
        "VALUES (1, 'chief', 'argon2-hash', 'admin', '王管理', 1, ?, ?)",
        (now, now),
    )
    conn.execute(
        "INSERT INTO sessions VALUES ('tokenhash', 1, 'csrf', ?, '2999-01-01T00:00:00.000+00:00', ?, '127.0.0.1', 'ua')",
        (now, now),
    )
    conn.execute("INSERT INTO login_failures (username, ip, ts) VALUES ('chief', '10.0.0.1', ?)", (now,))
    conn.execute(
        "INSERT INTO audit_log (ts, user_id, username, action, detail) VALUES (?, 1, 'chief', 'login', NULL)",
        (now,),
    )
    if not staff_only:
        conv = "web:talent-1:20250101T000000000000"
        conn.execute(
            "INSERT INTO conversations VALUES (?, 'web', 'talent-1', ?, ?, 2, 0, 0.8, 0, 0)",
            (conv, _recent(10), _recent(9)),
        )
        rows = [
            (1, conv, "in", _recent(10), "金卡有什么用", "ask_gold_card", 0.8, "k1"),
            (2, conv, "out", _recent(9), "金卡持有人可以享受公交优惠。", None, None, "k1#out0"),
        ]
        for mid, cid, direction, ts, text, intent, conf, key in rows:
            conn.execute(
                "INSERT INTO messages (id, conversation_id, channel, sender, direction, ts, text, intent, "
                "confidence, handoff, fallback, dedup_key) VALUES (?, ?, 'web', 'talent-1', ?, ?, ?, ?, ?, 0, 0, ?)",
                (mid, cid, direction, ts, text, intent, conf, key),
            )
        conn.execute(
            "INSERT INTO triage VALUES (?, 'in_progress', '[\"金卡\"]', 'chief', ?, 'chief')", (conv, now)
        )
        conn.execute(
            "INSERT INTO triage_notes (conversation_id, author, ts, text) VALUES (?, 'chief', ?, '回访')",
            (conv, now),
        )
        conn.execute(
            "INSERT INTO annotations (message_id, conversation_id, text, intent, created_by, created_at, updated_at) "
            "VALUES (1, ?, '金卡有什么用', 'ask_gold_card', 'chief', ?, ?)",
            (conv, now, now),
        )
        conn.execute("INSERT INTO review_config VALUES ('intents', '[\"ask_gold_card\"]')")
    conn.commit()
    conn.close()
    return path


def dump(path: Path, tables: tuple[str, ...] = RELEASE_TABLES) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}"))) for t in tables if t in present}
    finally:
        conn.close()


def schema_of(path: Path) -> set[tuple[str, str, str]]:
    """(type, name, sql with whitespace collapsed) of every object, for comparing two files."""
    conn = sqlite3.connect(path)
    try:
        return {
            (t, n, re.sub(r"\s+", " ", s or "").replace("( ", "(").replace(" )", ")"))
            for t, n, s in conn.execute("SELECT type, name, sql FROM sqlite_master")
        }
    finally:
        conn.close()


def versions(path: Path) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    finally:
        conn.close()


def test_a_release_var_upgrades_on_start_without_losing_a_row(tmp_path: Path) -> None:
    var = tmp_path / "var"
    db = build_release_var(var)
    before = dump(db)
    assert all(before[t] for t in RELEASE_TABLES), "the fixture must hold rows in every table"

    settings = replace(Settings(), var_dir=var, db_path=db, admin_user="", admin_password="")
    fake = FakeRasa()
    rasa = RasaClient(settings.rasa_url, settings.action_url, transport=httpx.MockTransport(fake.handler))
    with TestClient(create_app(settings, rasa_client=rasa)) as client:
        assert client.get("/review", follow_redirects=False).status_code == 303  # staff pages open

    assert dump(db) == before  # every row of every table, unchanged
    assert versions(db) == list(range(1, LATEST_VERSION + 1))
    fresh = tmp_path / "fresh.db"
    ensure_current(connect(fresh))
    assert schema_of(db) == schema_of(fresh)  # an upgraded file is the same schema as a new one
    conn = connect(db)
    hits = conn.execute("SELECT rowid FROM messages_fts WHERE messages_fts MATCH '公交优惠'").fetchall()
    assert [h[0] for h in hits] == [2]  # the search index still covers the old rows


def test_a_var_with_only_staff_tables_upgrades_and_keeps_the_accounts(tmp_path: Path) -> None:
    db = build_release_var(tmp_path / "var", staff_only=True)
    before = dump(db)
    open_db(db).close()  # what `make user` or the first staff request does
    after = dump(db)
    assert {t: after[t] for t in before} == before
    assert after["messages"] == [] and versions(db) == list(range(1, LATEST_VERSION + 1))


def test_a_new_file_starts_at_the_latest_version_and_a_second_start_changes_nothing(tmp_path: Path) -> None:
    conn = connect(tmp_path / "t.db")
    first = ensure_current(conn)
    assert (first.before, first.after) == (0, LATEST_VERSION)
    assert [m.version for m in first.applied] == [m.version for m in MIGRATIONS]
    again = ensure_current(conn)
    assert not again.changed and schema_version(conn) == LATEST_VERSION


def test_a_database_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    conn = connect(tmp_path / "t.db")
    ensure_current(conn)
    conn.execute("INSERT INTO schema_version VALUES (?, 'from the future', 'x')", (LATEST_VERSION + 1,))
    with pytest.raises(SchemaTooNew, match="数据库结构版本"):
        open_db(tmp_path / "t.db")


def test_a_failing_step_leaves_the_old_version_and_no_half_change(tmp_path: Path) -> None:
    conn = connect(tmp_path / "t.db")
    steps = [
        Migration(1, "one", sqlite=("CREATE TABLE a (x)",)),
        Migration(2, "two", sqlite=("CREATE TABLE b (x)", "INSERT INTO no_such_table VALUES (1)")),
    ]
    migrate(SQLiteBackend(conn), steps[:1])
    with pytest.raises(MigrationError, match="migration 2"):
        migrate(SQLiteBackend(conn), steps)
    assert schema_version(conn) == 1
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name='b'").fetchone()[0] == 0


def test_migrations_are_numbered_one_by_one() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    with pytest.raises(MigrationError, match="numbered"):
        migrate(RecordingBackend("sqlite"), [Migration(1, "a", sqlite=()), Migration(3, "c", sqlite=())])


def test_two_processes_starting_at_once_apply_each_migration_once(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    errors: list[BaseException] = []

    def start() -> None:
        try:
            ensure_current(connect(path))
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and versions(path) == list(range(1, LATEST_VERSION + 1))


class RecordingBackend:
    """A backend that is not SQLite: what a PostgreSQL backend plugs into (dialect, version, lock)."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.version = 0
        self.ran: list[Step] = []

    def current_version(self) -> int:
        return self.version

    @contextmanager
    def locked(self) -> Iterator[None]:
        yield

    def run(self, step: Step) -> None:
        self.ran.append(step)

    def record(self, migration: Migration) -> None:
        self.version = migration.version


def test_another_backend_plugs_in_and_a_dialect_not_written_yet_is_refused() -> None:
    unwritten = RecordingBackend("mysql")
    with pytest.raises(MigrationError, match="no mysql form"):
        migrate(unwritten, MIGRATIONS)  # a dialect nobody wrote is refused, not skipped
    assert unwritten.version == 0
    assert all(m.postgresql is not None for m in MIGRATIONS)  # #14 item 1: every version on PostgreSQL
    backend = RecordingBackend("postgresql")
    mine = [Migration(1, "a", postgresql=("CREATE TABLE a (x int)",))]
    report = migrate(backend, mine)
    assert report.after == 1 and backend.ran == ["CREATE TABLE a (x int)"]
