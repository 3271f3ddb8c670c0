"""A Redis lock store whose ticket operations are atomic across processes (Rasa replicas, Sanic workers).

Why: Rasa Open Source 3.6's `RedisLockStore` changes a conversation's lock with GET, modify in
Python, SET. Two Rasa processes that receive a turn of the same conversation at the same moment both
read "no lock", both write a lock holding ticket 1, and both run the turn; the SQL tracker store then
keeps the events of one and silently drops the other's (bench/scaleout_check.py shows it with the
stock class: one of two simultaneous turns vanishes). Rasa's fix, `ConcurrentRedisLockStore`, exists
only in the commercial edition.

This subclass keeps Rasa's ticket-lock algorithm and storage format and only makes each
read-modify-write a Redis transaction (WATCH key → GET → MULTI/SET or DEL → EXEC, retried on
conflict): issuing a ticket, finishing one, dropping expired ones and the final clean-up — the four
operations themselves live in `talentbot_rasa.atomic_lock_store.AtomicTicketLockOps`, shared with
the single-host `talentbot_rasa.sqlite_lock_store.SQLiteLockStore`. Selected in endpoints.prod.yml
with `type: talentbot_rasa.redis_lock_store.AtomicRedisLockStore` (an installed package: Rasa finds it
from any working directory).
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from talentbot_rasa.atomic_lock_store import AtomicTicketLockOps, Change

T = TypeVar("T")


class AtomicRedisLockStore(AtomicTicketLockOps, RedisLockStore):
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
