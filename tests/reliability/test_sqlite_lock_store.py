"""talentbot_rasa/sqlite_lock_store.py: Rasa's ticket lock in a SQLite file, atomic across OS processes.

The multi-process test is the point: Sanic workers are separate processes, each with its own store
object on the same file. A naive get/modify/save store (Rasa's stock algorithm) fails that test.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import sqlite3
import time
from pathlib import Path

import pytest
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockStore, RedisLockStore
from rasa.core.utils import number_of_sanic_workers
from rasa.utils.endpoints import EndpointConfig

from talentbot_rasa.atomic_lock_store import AtomicTicketLockOps, Change
from talentbot_rasa.redis_lock_store import AtomicRedisLockStore
from talentbot_rasa.sqlite_lock_store import SQLiteLockStore

PROCESSES, TICKETS_EACH = 4, 50
RACE_WINDOW = 0.001  # seconds between reading and writing the lock, the same for both stores below


class _SlowAtomicStore(SQLiteLockStore):
    """The real store with a pause between reading and writing the lock (inside the transaction)."""

    def _transact(self, conversation_id: str, change: Change) -> object:
        def slow(lock: TicketLock | None) -> tuple[TicketLock | None, object]:
            time.sleep(RACE_WINDOW)
            return change(lock)

        return super()._transact(conversation_id, slow)


class _NaiveStore(SQLiteLockStore):
    """Rasa's stock `LockStore.issue_ticket` (get, modify in Python, save) on the same file, with the
    same pause between read and write: what the atomic operations are there to prevent."""

    issue_ticket = LockStore.issue_ticket

    def get_or_create_lock(self, conversation_id: str) -> TicketLock:
        lock = super().get_or_create_lock(conversation_id)
        time.sleep(RACE_WINDOW)
        return lock


def _issue_in_child(cls: type[SQLiteLockStore], db: str, barrier: object, out: object) -> None:
    # like Sanic workers starting: all processes open the fresh file at once, each its own store
    barrier.wait(timeout=30)  # type: ignore[attr-defined]
    store = cls(db=db)
    out.put([store.issue_ticket("conv") for _ in range(TICKETS_EACH)])  # type: ignore[attr-defined]


def _issue_from_processes(cls: type[SQLiteLockStore], db: Path) -> list[int]:
    """Tickets issued on one conversation by PROCESSES OS processes at once, TICKETS_EACH each."""
    ctx = multiprocessing.get_context("fork")
    barrier, out = ctx.Barrier(PROCESSES), ctx.Queue()
    procs = [ctx.Process(target=_issue_in_child, args=(cls, str(db), barrier, out)) for _ in range(PROCESSES)]
    for proc in procs:
        proc.start()
    try:
        tickets = [t for _ in procs for t in out.get(timeout=60)]
    finally:
        for proc in procs:
            proc.join(timeout=10)
            if proc.exitcode is None:
                proc.kill()
    assert [proc.exitcode for proc in procs] == [0] * PROCESSES
    return tickets


def _assert_distinct_and_consecutive(tickets: list[int], db: Path) -> None:
    total = PROCESSES * TICKETS_EACH
    assert len(tickets) == total
    assert sorted(tickets) == list(range(total)), f"{total - len(set(tickets))} duplicate tickets"
    lock = SQLiteLockStore(db=db).get_lock("conv")
    assert lock is not None and [t.number for t in lock.tickets] == list(range(total))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "locks" / "rasa_locks.db"


@pytest.fixture
def store(db: Path) -> SQLiteLockStore:
    return SQLiteLockStore(db=db)


def test_get_save_delete_round_trip(store: SQLiteLockStore, db: Path) -> None:
    assert store.get_lock("c") is None
    lock = TicketLock("c")
    lock.issue_ticket(60)
    lock.issue_ticket(60)
    store.save_lock(lock)
    assert store.get_lock("c").dumps() == lock.dumps()  # type: ignore[union-attr]
    lock.issue_ticket(60)
    store.save_lock(lock)  # overwrites
    assert store.get_lock("c").dumps() == lock.dumps()  # type: ignore[union-attr]

    again = SQLiteLockStore(db=db)  # another instance (another worker) on the same file sees it
    assert again.get_lock("c").dumps() == lock.dumps()  # type: ignore[union-attr]
    assert again.get_lock("other") is None

    store.delete_lock("c")
    assert store.get_lock("c") is None and again.get_lock("c") is None
    store.delete_lock("c")  # deleting a missing lock is fine


def test_file_table_and_wal_are_created(store: SQLiteLockStore, db: Path) -> None:
    assert db.is_file()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        columns = [(r[1], r[2], r[3], r[5]) for r in conn.execute("PRAGMA table_info(locks)")]
    assert columns == [("conversation_id", "TEXT", 0, 1), ("lock", "TEXT", 1, 0)]


def test_relative_db_resolves_against_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = SQLiteLockStore(EndpointConfig(type="x", db="var/l.db"))
    assert store.path == tmp_path / "var" / "l.db" and store.path.is_file()


def test_unknown_option_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="dbb"):
        SQLiteLockStore(EndpointConfig(type="x", dbb=str(tmp_path / "l.db")))


def test_tickets_from_many_processes_are_distinct_and_consecutive(db: Path) -> None:
    _assert_distinct_and_consecutive(_issue_from_processes(SQLiteLockStore, db), db)


def test_tickets_stay_distinct_with_a_pause_inside_the_transaction(db: Path) -> None:
    _assert_distinct_and_consecutive(_issue_from_processes(_SlowAtomicStore, db), db)


def test_the_same_check_fails_for_a_naive_get_modify_save_store(db: Path) -> None:
    tickets = _issue_from_processes(_NaiveStore, db)
    with pytest.raises(AssertionError):
        _assert_distinct_and_consecutive(tickets, db)
    assert len(set(tickets)) < len(tickets)  # two processes were handed the same ticket


def test_lock_serialises_two_holders(db: Path) -> None:
    worker_a, worker_b = SQLiteLockStore(db=db), SQLiteLockStore(db=db)  # two workers, one file
    events: list[str] = []

    async def hold(store: SQLiteLockStore, name: str, seconds: float) -> None:
        async with store.lock("conv", wait_time_in_seconds=0.01):
            events.append(f"{name} in")
            await asyncio.sleep(seconds)
            events.append(f"{name} out")

    async def main() -> None:
        first = asyncio.create_task(hold(worker_a, "A", 0.3))
        await asyncio.sleep(0.05)
        assert events == ["A in"]
        second = asyncio.create_task(hold(worker_b, "B", 0))
        await asyncio.sleep(0.1)
        assert events == ["A in"]  # B waits while A holds the lock
        assert worker_b.is_someone_waiting("conv")
        await asyncio.gather(first, second)

    asyncio.run(main())
    assert events == ["A in", "A out", "B in", "B out"]
    assert worker_a.get_lock("conv") is None  # the last holder's cleanup removed the lock


def test_cleanup_deletes_the_lock_only_when_nobody_waits(store: SQLiteLockStore) -> None:
    first, second = store.issue_ticket("c"), store.issue_ticket("c")
    assert (first, second) == (0, 1)
    store.cleanup("c", first)
    lock = store.get_lock("c")
    assert lock is not None and [t.number for t in lock.tickets] == [second]
    assert not lock.is_locked(second)  # the waiter is now served
    store.cleanup("c", second)
    assert store.get_lock("c") is None
    store.cleanup("c", second)  # no lock: nothing to do
    assert store.get_lock("c") is None


def test_finish_serving_keeps_an_empty_lock(store: SQLiteLockStore) -> None:
    ticket = store.issue_ticket("c")
    store.finish_serving("c", ticket)
    lock = store.get_lock("c")
    assert lock is not None and not lock.is_someone_waiting()
    store.finish_serving("missing", 0)
    assert store.get_lock("missing") is None


def test_update_lock_drops_expired_tickets(store: SQLiteLockStore) -> None:
    store.issue_ticket("c", lock_lifetime=0.05)
    live = store.issue_ticket("c", lock_lifetime=60)
    time.sleep(0.1)
    store.update_lock("c")
    with sqlite3.connect(store.path) as conn:  # what is stored, not what TicketLock filters on read
        stored = TicketLock.from_dict(json.loads(conn.execute("SELECT lock FROM locks").fetchone()[0]))
    assert [t.number for t in stored.tickets] == [live]
    store.update_lock("missing")
    assert store.get_lock("missing") is None


def test_rasa_builds_it_from_endpoints_and_runs_two_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = EndpointConfig(
        type="talentbot_rasa.sqlite_lock_store.SQLiteLockStore", db=str(tmp_path / "l.db")
    )
    store = LockStore.create(config)  # Rasa's factory: cls(endpoint_config=config)
    assert isinstance(store, SQLiteLockStore) and store.path == tmp_path / "l.db"
    assert store.issue_ticket("c") == 0

    monkeypatch.setenv("SANIC_WORKERS", "2")
    # rasa.core.run passes the endpoint config (endpoints.lock_store), not the built store
    assert number_of_sanic_workers(config) == 2
    assert number_of_sanic_workers(EndpointConfig(type="in_memory")) == 1
    assert number_of_sanic_workers(None) == 1


def test_redis_store_keeps_its_methods_from_the_shared_ops() -> None:
    for name in ("issue_ticket", "finish_serving", "update_lock", "cleanup"):
        assert getattr(AtomicRedisLockStore, name) is getattr(AtomicTicketLockOps, name)
        assert getattr(SQLiteLockStore, name) is getattr(AtomicTicketLockOps, name)
    assert "_transact" in vars(AtomicRedisLockStore) and "_transact" in vars(SQLiteLockStore)
    assert issubclass(AtomicRedisLockStore, RedisLockStore)
    # Rasa's constructor path; redis-py does not connect until the first command
    store = LockStore.create(
        EndpointConfig(
            url="redis.example", type="talentbot_rasa.redis_lock_store.AtomicRedisLockStore", key_prefix="tb"
        )
    )
    assert isinstance(store, AtomicRedisLockStore) and store.key_prefix == "tb:lock:"
    kwargs = store.red.connection_pool.connection_kwargs
    assert (kwargs["host"], kwargs["port"], kwargs["db"]) == ("redis.example", 6379, 1)


def test_unimplemented_transact_is_an_error() -> None:
    with pytest.raises(NotImplementedError):
        AtomicTicketLockOps().update_lock("c")
