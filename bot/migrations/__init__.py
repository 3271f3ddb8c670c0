"""Schema versions for the gateway's database (#14 item 5): `ensure_current(conn)` before first use.

Every owner of the file (the log store, the staff accounts, the review pages, `make user`, backups)
calls `ensure_current` instead of creating its own tables, so the schema has one history
(`bot/migrations/versions.py`) and one recorded version. See runner.py for how a step runs and
docs/OPERATIONS.md for upgrading a deployment.
"""

from __future__ import annotations

import sqlite3

from bot.migrations.runner import (
    Migration,
    MigrationError,
    SchemaTooNew,
    UpgradeReport,
    backend_for,
    migrate,
)
from bot.migrations.versions import MIGRATIONS

LATEST_VERSION = len(MIGRATIONS)

__all__ = [
    "LATEST_VERSION",
    "MIGRATIONS",
    "Migration",
    "MigrationError",
    "SchemaTooNew",
    "UpgradeReport",
    "ensure_current",
    "schema_version",
]


def ensure_current(conn: sqlite3.Connection) -> UpgradeReport:
    """Upgrade the gateway's database (SQLite or PostgreSQL) to LATEST_VERSION (one cheap read when it
    already is)."""
    return migrate(backend_for(conn), MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The recorded version (0: built before versions existed, or empty)."""
    return backend_for(conn).current_version()
