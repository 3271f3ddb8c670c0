"""Run the ordered schema migrations against one backend, and record each one in `schema_version`.

Why this shape:
- The runner knows nothing of SQL dialects. A backend (`SQLiteBackend`, `PostgresBackend`) answers three things — which version the database is at, how to hold the one migration lock,
  how to run a statement — and the runner decides what to apply, in order, all-or-nothing.
- `schema_version` keeps one row per applied migration (version, name, when), not a single counter:
  an operator can see when a database was upgraded and from what. The current version is MAX(version);
  a database without the table is version 0 (built before versions existed, or empty).
- All pending migrations run in one transaction under the backend's lock: two processes starting at
  once (the gateway and `make user`) cannot both apply a step, and a failed step leaves the database
  at its old version instead of half-way.
- A database newer than this code is refused (`SchemaTooNew`), never "downgraded" by guessing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.db import dialect_of, utc_now, write_tx

# A step: an SQL statement, or a Python function of the backend's connection (for data rewrites).
Step = str | Callable[[Any], None]

VERSION_TABLE = "schema_version"
VERSION_DDL = (
    f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


class MigrationError(RuntimeError):
    """The migrations cannot run here (a bad list, a dialect not written yet, a failed step)."""


class SchemaTooNew(MigrationError):
    """The database was upgraded by a newer release than this code."""

    def __init__(self, found: int, known: int) -> None:
        self.found, self.known = found, known
        super().__init__(
            f"数据库结构版本为 {found}，本程序只支持到 {known}：请使用更新的版本运行，或从与本版本匹配的备份恢复。"
            f" (database schema version {found} is newer than this code's {known})"
        )


@dataclass(frozen=True)
class Migration:
    """One schema change: its version (1, 2, … without gaps), a name, and its steps per dialect."""

    version: int
    name: str
    sqlite: tuple[Step, ...] | None = field(default=None, repr=False)
    postgresql: tuple[Step, ...] | None = field(default=None, repr=False)

    def steps(self, dialect: str) -> tuple[Step, ...]:
        steps = getattr(self, dialect, None)
        if steps is None:
            raise MigrationError(f"migration {self.version} ({self.name}) has no {dialect} form yet")
        return tuple(steps)


@dataclass(frozen=True)
class UpgradeReport:
    """What `migrate` did: the version before and after, and the migrations it applied."""

    before: int
    after: int
    applied: tuple[Migration, ...]

    @property
    def changed(self) -> bool:
        return bool(self.applied)


class Backend(Protocol):
    """What the runner needs from a database. `locked` yields with the migration lock held and one
    transaction open; leaving it normally commits, an exception rolls back."""

    dialect: str

    def current_version(self) -> int: ...

    def locked(self) -> Any: ...  # a context manager

    def run(self, step: Step) -> None: ...

    def record(self, migration: Migration) -> None: ...


class SQLiteBackend:
    """SQLite: BEGIN IMMEDIATE is the lock (one writer per file), and SQLite's DDL is transactional."""

    dialect = "sqlite"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def current_version(self) -> int:
        try:
            row = self.conn.execute(f"SELECT MAX(version) FROM {VERSION_TABLE}").fetchone()
        except sqlite3.OperationalError:  # no such table: built before versions, or empty
            return 0
        return int(row[0] or 0)

    @contextmanager
    def locked(self) -> Iterator[None]:
        with write_tx(self.conn):
            self.conn.execute(VERSION_DDL)
            yield

    def run(self, step: Step) -> None:
        if isinstance(step, str):
            self.conn.execute(step)
        else:
            step(self.conn)

    def record(self, migration: Migration) -> None:
        self.conn.execute(
            f"INSERT INTO {VERSION_TABLE} (version, name, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.name, utc_now()),
        )


class PostgresBackend:
    """PostgreSQL: `BEGIN IMMEDIATE` on a bot/pg.py connection is a transaction plus the store's
    advisory write lock (`pg_advisory_xact_lock`), so two gateways starting at once apply a step once;
    PostgreSQL's DDL is transactional too."""

    dialect = "postgresql"

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def current_version(self) -> int:
        exists = self.conn.execute("SELECT to_regclass(?) IS NOT NULL", (VERSION_TABLE,)).fetchone()[0]
        if not exists:
            return 0
        row = self.conn.execute(f"SELECT MAX(version) FROM {VERSION_TABLE}").fetchone()
        return int(row[0] or 0)

    @contextmanager
    def locked(self) -> Iterator[None]:
        with write_tx(self.conn):
            self.conn.execute(VERSION_DDL)
            yield

    def run(self, step: Step) -> None:
        if isinstance(step, str):
            self.conn.execute(step)
        else:
            step(self.conn)

    def record(self, migration: Migration) -> None:
        self.conn.execute(
            f"INSERT INTO {VERSION_TABLE} (version, name, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.name, utc_now()),
        )


def backend_for(conn: Any) -> Backend:
    """The backend of a store connection (`bot.db.connect`'s, either dialect)."""
    return PostgresBackend(conn) if dialect_of(conn) == "postgresql" else SQLiteBackend(conn)


def check_order(migrations: Sequence[Migration]) -> None:
    """Versions must be 1, 2, 3 … in order: a gap or a duplicate is a mistake in the list, not data."""
    expected = list(range(1, len(migrations) + 1))
    found = [m.version for m in migrations]
    if found != expected:
        raise MigrationError(f"migrations must be numbered {expected}, found {found}")


def migrate(backend: Backend, migrations: Sequence[Migration]) -> UpgradeReport:
    """Bring the database to the last migration's version; a no-op (no lock taken) when it is there."""
    check_order(migrations)
    latest = len(migrations)
    before = backend.current_version()
    if before == latest:
        return UpgradeReport(before, before, ())
    if before > latest:
        raise SchemaTooNew(before, latest)
    with backend.locked():
        before = backend.current_version()  # another process may have upgraded while we waited
        if before > latest:
            raise SchemaTooNew(before, latest)
        pending = tuple(migrations[before:])
        for migration in pending:
            for step in migration.steps(backend.dialect):
                try:
                    backend.run(step)
                except Exception as err:
                    raise MigrationError(
                        f"migration {migration.version} ({migration.name}) failed: {err}"
                    ) from err
            backend.record(migration)
    return UpgradeReport(before, latest, pending)
