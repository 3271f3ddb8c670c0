"""A Redis lock store whose ticket operations are atomic across processes (Rasa replicas, Sanic workers).

Why: Rasa Open Source 3.6's `RedisLockStore` changes a conversation's lock with GET, modify in
Python, SET. Two Rasa processes that receive a turn of the same conversation at the same moment both
read "no lock", both write a lock holding ticket 1, and both run the turn; the SQL tracker store then
keeps the events of one and silently drops the other's (bench/scaleout_check.py shows it with the
stock class: one of two simultaneous turns vanishes). Rasa's fix, `ConcurrentRedisLockStore`, exists
only in the commercial edition.

This subclass keeps Rasa's ticket-lock algorithm and storage format and only makes each
read-modify-write a Redis transaction (WATCH key → GET → MULTI/SET or DEL → EXEC, retried on
conflict): issuing a ticket, finishing one, dropping expired ones and the final clean-up. Selected in
endpoints.prod.yml with `type: scripts.redis_lock_store.AtomicRedisLockStore` (Rasa is started from
the repository root, so `scripts` is importable).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
Change = Callable[[TicketLock | None], tuple[TicketLock | None, T]]


class AtomicRedisLockStore(RedisLockStore):
    """`RedisLockStore` with every lock change done in one optimistic Redis transaction."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        kwargs: dict[str, Any] = dict(endpoint_config.kwargs)
        super().__init__(host=endpoint_config.url or "localhost", **kwargs)

    def _transact(self, conversation_id: str, change: Change[T]) -> T:
        """Apply `change` to the stored lock atomically; None from `change` deletes the lock."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new, result = change(lock)
                    pipe.multi()
                    if new is None:
                        pipe.delete(key)
                    else:
                        pipe.set(key, new.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:  # another process changed the lock meanwhile: redo
                    continue

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
