"""Run an async job once per key and hand every caller with that key the same result.

Why: WeChat resends a message (same MsgId) up to three times when it does not hear back in 5 s, and
the widget may resend after a network error. Sharing the in-flight task (and keeping finished results
for a while) means a retry gets the same answer and the assistant is asked only once.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class OnceCache(Generic[T]):
    """Key → shared asyncio.Task; finished tasks are kept for `ttl` seconds, at most `max_entries`."""

    def __init__(self, ttl: float = 900.0, max_entries: int = 10_000) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._entries: OrderedDict[str, tuple[float, asyncio.Task[T]]] = OrderedDict()

    def start(self, key: str, factory: Callable[[], Awaitable[T]]) -> tuple[asyncio.Task[T], bool]:
        """The task for `key` (started now if new) and whether this call started it."""
        self._expire()
        entry = self._entries.get(key)
        if entry is not None:
            return entry[1], False
        task: asyncio.Task[T] = asyncio.ensure_future(factory())
        self._entries[key] = (time.monotonic(), task)
        task.add_done_callback(lambda t: self._forget_failed(key, t))
        return task, True

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def _forget_failed(self, key: str, task: asyncio.Task[T]) -> None:
        """A failed or cancelled job is not an answer: let the next retry run it again."""
        if task.cancelled() or task.exception() is not None:
            entry = self._entries.get(key)
            if entry is not None and entry[1] is task:
                del self._entries[key]

    def _expire(self) -> None:
        now = time.monotonic()
        while self._entries:
            key, (started, task) = next(iter(self._entries.items()))
            too_many = len(self._entries) > self.max_entries
            if not task.done() or (now - started < self.ttl and not too_many):
                break
            del self._entries[key]
