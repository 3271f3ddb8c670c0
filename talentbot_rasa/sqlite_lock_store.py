"""A Rasa lock store in a SQLite file, so several Sanic workers on ONE machine can share a lock store
without a Redis server.

Why: Rasa 3.6 ignores `SANIC_WORKERS>1` with its default in-memory lock store (each worker process
would have its own locks, so two turns of one conversation could run at once in two workers), and
its `RedisLockStore` needs a Redis server and still changes a lock with GET, modify in Python, SET —
two processes can both read "no lock" and both take ticket 1. This store keeps Rasa's ticket-lock
algorithm and storage format (`TicketLock.dumps()`), and runs every lock change
(`talentbot_rasa.atomic_lock_store.AtomicTicketLockOps`) in one `BEGIN IMMEDIATE` SQLite transaction:
SQLite lets one writer at a time hold that lock on the file, so the read-modify-write of a ticket is
atomic across all processes of the host.

Only across processes of ONE host: SQLite's file locking is not reliable on network filesystems,
and a file is not shared between machines anyway. For Rasa on several machines use
`talentbot_rasa.redis_lock_store.AtomicRedisLockStore` (endpoints.prod.yml).

Selected in endpoints.yml (`talentbot_rasa` is installed, so Rasa finds it from any working
directory; a relative `db` is resolved against Rasa's working directory, the repository root under
`make run`):

    lock_store:
      type: talentbot_rasa.sqlite_lock_store.SQLiteLockStore
      db: var/rasa_locks.db

Rasa builds a custom lock store as `cls(endpoint_config=EndpointConfig(...))`
(`rasa.core.lock_store._load_from_module_name_in_endpoint_config`); the YAML keys other than `type`
arrive in `endpoint_config.kwargs`. Each call is a short synchronous SQLite statement on Rasa's event
loop thread (microseconds; up to `busy_timeout` if another process holds the write lock).
"""

from __future__ import annotations

import json
import logging
import os
import random
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockStore
from rasa.utils.endpoints import EndpointConfig

from talentbot_rasa.atomic_lock_store import AtomicTicketLockOps, Change

logger = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_DB = "var/rasa_locks.db"
DEFAULT_BUSY_TIMEOUT = 10.0  # seconds a statement waits for another process's write lock

_SCHEMA = "CREATE TABLE IF NOT EXISTS locks (conversation_id TEXT PRIMARY KEY, lock TEXT NOT NULL)"
_SELECT = "SELECT lock FROM locks WHERE conversation_id = ?"
_UPSERT = (
    "INSERT INTO locks (conversation_id, lock) VALUES (?, ?) "
    "ON CONFLICT (conversation_id) DO UPDATE SET lock = excluded.lock"
)
_DELETE = "DELETE FROM locks WHERE conversation_id = ?"


class SQLiteLockStore(AtomicTicketLockOps, LockStore):
    """Ticket locks in a SQLite file; every lock change is one `BEGIN IMMEDIATE` transaction."""

    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,
        *,
        db: str | os.PathLike[str] | None = None,
        busy_timeout: float | None = None,
    ) -> None:
        """`endpoint_config` is what Rasa passes (keys `db`, `busy_timeout`); `db`/`busy_timeout`
        allow direct construction in code and tests and win over the endpoint config."""
        options: dict[str, Any] = dict(endpoint_config.kwargs) if endpoint_config else {}
        unknown = set(options) - {"db", "busy_timeout"}
        if unknown:
            raise ValueError(f"SQLiteLockStore: unknown lock_store option(s) {sorted(unknown)}")
        path = Path(db if db is not None else options.get("db") or DEFAULT_DB).expanduser()
        self.path = path if path.is_absolute() else Path.cwd() / path
        self.busy_timeout = float(
            busy_timeout if busy_timeout is not None else options.get("busy_timeout", DEFAULT_BUSY_TIMEOUT)
        )
        self._local = threading.local()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._connection()  # create the file and table now: a bad path fails at start-up, not mid-turn
        super().__init__()

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection (per process too: a connection must not cross a fork)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None and self._local.pid == os.getpid():
            return conn
        conn = self._open()
        self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def _open(self) -> sqlite3.Connection:
        """A new connection in WAL mode with the table created.

        Switching a new file to WAL is the one step SQLite may refuse at once with "database is
        locked" without waiting `busy_timeout` (seen when two workers open a fresh file together),
        so opening is retried until `busy_timeout` has passed. WAL is a property of the file: once
        set, later opens only check it."""
        deadline = time.monotonic() + self.busy_timeout
        while True:
            # isolation_level=None: no implicit transactions, `_transact` issues BEGIN IMMEDIATE
            conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
            try:
                if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    conn.execute("PRAGMA journal_mode=WAL")  # polling readers never block the writer
                conn.execute("PRAGMA synchronous=NORMAL")  # locks are transient: no fsync per commit
                conn.execute(_SCHEMA)
                return conn
            except sqlite3.OperationalError as err:
                conn.close()
                if "locked" not in str(err) or time.monotonic() > deadline:
                    raise
                time.sleep(random.uniform(0.005, 0.05))

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        row = self._connection().execute(_SELECT, (conversation_id,)).fetchone()
        return TicketLock.from_dict(json.loads(row[0])) if row else None

    def save_lock(self, lock: TicketLock) -> None:
        self._connection().execute(_UPSERT, (lock.conversation_id, lock.dumps()))

    def delete_lock(self, conversation_id: str) -> None:
        deleted = self._connection().execute(_DELETE, (conversation_id,)).rowcount > 0
        self._log_deletion(conversation_id, deleted)

    def _transact(self, conversation_id: str, change: Change[T]) -> T:
        """Read, `change` and write the lock inside one write transaction: BEGIN IMMEDIATE takes
        the database's write lock before the read, so no other process can change the lock
        between our read and our write (they wait up to `busy_timeout` for it)."""
        conn = self._connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute(_SELECT, (conversation_id,)).fetchone()
            lock = TicketLock.from_dict(json.loads(row[0])) if row else None
            new, result = change(lock)
            if new is not None:
                conn.execute(_UPSERT, (conversation_id, new.dumps()))
            elif row is not None:
                conn.execute(_DELETE, (conversation_id,))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return result
