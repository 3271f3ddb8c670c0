"""The gateway's store on PostgreSQL: a connection that speaks the subset of `sqlite3.Connection` the
store uses, and the one place where SQLite's SQL becomes PostgreSQL's.

Why an adapter instead of a second copy of every query: the log store, the staff accounts, the review
pages, retention and the per-sender requests are written once, in SQL both databases understand; what
differs is mechanical and lives here (`translate`): parameter styles (`?`, `:name` → `%s`,
`%(name)s`), `INSERT OR IGNORE`, SQLite's two-argument `MAX(a, b)` (PostgreSQL's `GREATEST`),
`group_concat`, `BEGIN IMMEDIATE` (a transaction plus one advisory lock: the same one-writer-at-a-time
rule SQLite's file lock gives, now across gateway hosts — the log store's read-then-insert of a
dedup key and of a sender's open conversation relies on it). The few fragments that cannot be
rewritten textually (a Beijing calendar day, a JSON array's elements, substring search) are
functions of the dialect in `bot/db.py`, chosen by the connection's `dialect`.

Rows behave like `sqlite3.Row` (by index, by name, `dict(row)`, unpacking); `cursor.lastrowid` is
PostgreSQL's `lastval()` — the id of the row the statement before inserted (identity columns).

Connections come from a small pool per URL (`close()` gives one back): the gateway opens one per staff
request and the log store one per call, and PostgreSQL's connections are too expensive to open for
each (a few ms and a backend process).
"""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

import psycopg2  # type: ignore[import-untyped]
import psycopg2.extensions  # type: ignore[import-untyped]

WRITE_LOCK_KEY = 0x7A1E17B07  # pg_advisory_xact_lock key of `BEGIN IMMEDIATE` (any constant, ours alone)
POOL_SIZE = 16  # connections per URL and process; more callers wait for one to come back
POOL_WAIT_SECONDS = 30.0


class PgRow(tuple):  # type: ignore[type-arg]
    """A result row readable as `sqlite3.Row` is: `row[0]`, `row["name"]`, `dict(row)`, unpacking."""

    _names: tuple[str, ...] = ()

    def __new__(cls, values: Sequence[Any], names: tuple[str, ...]) -> PgRow:
        row = super().__new__(cls, values)
        row._names = names
        return row

    def keys(self) -> list[str]:
        return list(self._names)

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._names.index(key))
            except ValueError:
                raise IndexError(f"no such column: {key}") from None
        return tuple.__getitem__(self, key)


class PgCursor:
    """What callers of `execute` use: fetchone/fetchall/iteration, rowcount, lastrowid."""

    def __init__(self, cur: psycopg2.extensions.cursor) -> None:
        self._cur = cur
        self._names = tuple(d[0] for d in cur.description) if cur.description else ()

    def _row(self, values: Sequence[Any] | None) -> PgRow | None:
        return None if values is None else PgRow(values, self._names)

    def fetchone(self) -> PgRow | None:
        return self._row(self._cur.fetchone()) if self._names else None

    def fetchall(self) -> list[PgRow]:
        return [PgRow(v, self._names) for v in self._cur.fetchall()] if self._names else []

    def __iter__(self) -> Iterator[PgRow]:
        return iter(self.fetchall())

    @property
    def rowcount(self) -> int:
        return int(self._cur.rowcount)

    @property
    def lastrowid(self) -> int | None:
        """The id the last INSERT drew from its identity sequence (this session's `lastval()`)."""
        with self._cur.connection.cursor() as cur:
            cur.execute("SELECT lastval()")
            row = cur.fetchone()
        return int(row[0]) if row else None


# ---- SQL: SQLite's spelling → PostgreSQL's -----------------------------------------------------------
_LITERAL_OR_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|::|\?|:[A-Za-z_]\w*|%")
_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO", re.IGNORECASE)
_TWO_ARG_MAX = re.compile(r"\bMAX\(\s*([\w.]+)\s*,\s*([^(),]+?)\s*\)", re.IGNORECASE)
_GROUP_CONCAT = re.compile(r"\bgroup_concat\(", re.IGNORECASE)


def _placeholders(sql: str) -> str:
    """`?` → `%s`, `:name` → `%(name)s`, a literal `%` → `%%`; text inside quotes keeps its `?`/`:`."""

    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        if token[0] in "'\"":
            return token.replace("%", "%%")
        if token == "::":
            return token
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return f"%({token[1:]})s"

    return _LITERAL_OR_TOKEN.sub(one, sql)


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """The PostgreSQL form of one statement written for SQLite (cached: the store's SQL is fixed text)."""
    out = sql
    if _INSERT_OR_IGNORE.match(out):
        out = _INSERT_OR_IGNORE.sub("INSERT INTO", out, count=1).rstrip().rstrip(";")
        out += " ON CONFLICT DO NOTHING"
    out = _TWO_ARG_MAX.sub(r"GREATEST(\1, \2)", out)
    out = _GROUP_CONCAT.sub("string_agg(", out)
    return _placeholders(out)


# ---- connections and their pool --------------------------------------------------------------------
class _Pool:
    """Idle connections of one URL, at most POOL_SIZE open; a borrower waits for one to come back."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._idle: queue.LifoQueue[psycopg2.extensions.connection] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(POOL_SIZE)

    def take(self) -> psycopg2.extensions.connection:
        if not self._slots.acquire(timeout=POOL_WAIT_SECONDS):
            raise TimeoutError(f"no free PostgreSQL connection after {POOL_WAIT_SECONDS:.0f} s")
        try:
            while True:
                try:
                    raw = self._idle.get_nowait()
                except queue.Empty:
                    raw = psycopg2.connect(self.url, connect_timeout=10)
                    raw.autocommit = True  # like the SQLite connections: transactions only where asked
                    return raw
                if not raw.closed:
                    return raw
        except BaseException:
            self._slots.release()
            raise

    def give_back(self, raw: psycopg2.extensions.connection, broken: bool) -> None:
        try:
            if not raw.closed and not broken:
                if raw.get_transaction_status() != psycopg2.extensions.TRANSACTION_STATUS_IDLE:
                    with raw.cursor() as cur:  # a caller that left a transaction open must not lend it on
                        cur.execute("ROLLBACK")
                self._idle.put(raw)
            elif not raw.closed:
                raw.close()
        finally:
            self._slots.release()

    def close_idle(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


_pools: dict[str, _Pool] = {}
_pools_lock = threading.Lock()


def _pool(url: str) -> _Pool:
    with _pools_lock:
        pool = _pools.get(url)
        if pool is None:
            pool = _pools[url] = _Pool(url)
        return pool


def close_pools() -> None:
    """Close every idle pooled connection (tests that drop a database; process shutdown)."""
    with _pools_lock:
        for pool in _pools.values():
            pool.close_idle()


class PgConnection:
    """One pooled PostgreSQL connection in autocommit mode, used like the store's SQLite connections."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = url
        self._pool = _pool(url)
        self._raw: psycopg2.extensions.connection | None = self._pool.take()
        self._broken = False

    @property
    def raw(self) -> psycopg2.extensions.connection:
        if self._raw is None:
            raise psycopg2.InterfaceError("connection already closed")
        return self._raw

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> PgCursor:
        if sql.strip().upper() == "BEGIN IMMEDIATE":
            # SQLite's write lock, for the whole database: one writing transaction at a time.
            self._run("BEGIN", ())
            return self._run("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
        return self._run(translate(sql), params)

    def _run(self, sql: str, params: Sequence[Any] | Mapping[str, Any]) -> PgCursor:
        cur = self.raw.cursor()
        try:
            cur.execute(sql, params if isinstance(params, Mapping) else tuple(params))
        except (psycopg2.OperationalError, psycopg2.InterfaceError):
            self._broken = True  # the server went away: do not lend this connection again
            raise
        return PgCursor(cur)

    def close(self) -> None:
        raw, self._raw = self._raw, None
        if raw is not None:
            self._pool.give_back(raw, self._broken)

    def __enter__(self) -> PgConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
