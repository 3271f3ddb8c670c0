"""Rasa's ticket-lock operations written once as atomic read-modify-write steps.

Why: Rasa Open Source 3.6's `LockStore` changes a conversation's lock by reading it (`get_lock`),
modifying it in Python and writing it back (`save_lock`). With one process that is safe (the event
loop runs one step at a time), but with several Rasa processes sharing a store — Sanic workers
(`SANIC_WORKERS>1`) or replicas — two turns of the same conversation arriving together can both
read "no lock", both write a lock holding ticket 1 and both run the turn; the tracker store then
keeps one turn's events and silently drops the other's.

`AtomicTicketLockOps` keeps Rasa's ticket-lock algorithm and storage format (`TicketLock`) and only
routes every lock change through `_transact(conversation_id, change)`, which a backend implements
as one transaction: read the lock, call `change(lock | None) -> (new_lock | None, result)`, write
`new_lock` (or delete the lock when it is None), all with no other process changing the lock in
between. Mix it in before the storage class so its methods win:
`class AtomicRedisLockStore(AtomicTicketLockOps, RedisLockStore)` (talentbot_rasa/redis_lock_store.py),
`class SQLiteLockStore(AtomicTicketLockOps, LockStore)` (talentbot_rasa/sqlite_lock_store.py).

`lock()`, `_acquire_lock()` and `is_someone_waiting()` stay Rasa's: they only read the lock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME

T = TypeVar("T")
Change = Callable[[TicketLock | None], tuple[TicketLock | None, T]]


class AtomicTicketLockOps:
    """The four lock-changing `LockStore` methods, each one `_transact` call."""

    def _transact(self, conversation_id: str, change: Change[T]) -> T:
        """Apply `change` to the stored lock of `conversation_id` atomically and return its result;
        a None lock from `change` deletes the stored lock."""
        raise NotImplementedError

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def change(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        return self._transact(conversation_id, change)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def change(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._transact(conversation_id, change)

    def update_lock(self, conversation_id: str) -> None:
        def change(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._transact(conversation_id, change)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Finish the ticket and delete the lock if nobody waits — in one step, so a ticket issued
        by another process in between is never deleted with it."""

        def change(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._transact(conversation_id, change)
