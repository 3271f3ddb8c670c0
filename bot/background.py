"""Fire-and-forget tasks that are still tracked (logged on failure, awaited or cancelled on shutdown).

Why: the tracker fetch that adds intent/confidence to the log and the late WeChat customer-service
send must not delay a reply, but a bare `create_task` can be garbage-collected mid-flight and hides
its exceptions. Tests call `drain()` to wait for them deterministically.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


class BackgroundTasks:
    """A set of running tasks with `spawn`, `drain` and `cancel_all`."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str = "background") -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(lambda t: self._done(t, name))
        return task

    def _done(self, task: asyncio.Task[Any], name: str) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s task failed", name, exc_info=task.exception())

    async def drain(self, timeout: float = 10.0) -> None:
        """Wait until no task is running (tasks may spawn more; loop until quiet or timeout)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._tasks and loop.time() < deadline:
            await asyncio.wait(set(self._tasks), timeout=max(0.0, deadline - loop.time()))

    async def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)


async def every(seconds: float, job: Callable[[], object], name: str) -> None:
    """Run the blocking `job` in a worker thread now and then every `seconds`, until cancelled.

    For scheduled housekeeping (the retention purge). Not a `BackgroundTasks` task: it never finishes
    on its own, so `drain()` would wait for it; its owner cancels it on shutdown. A failed run is logged
    and the schedule goes on — one bad night must not stop the purges that follow."""
    while True:
        try:
            await asyncio.to_thread(job)
        except Exception:
            log.exception("%s failed; next run in %.0f s", name, seconds)
        await asyncio.sleep(seconds)
