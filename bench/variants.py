"""Stack variants the benchmark compares with what `make run` ships: Rasa speed-ups, Sanic workers.

Why a Redis for the workers variant: Rasa ignores SANIC_WORKERS>1 unless the lock store can be shared
between processes, and with several processes only our atomic Redis lock store keeps simultaneous
turns of one conversation from overwriting each other (docs/SCALING.md). The Redis is a throwaway
child process on a spare loopback port; the tracker store stays SQLite as on one machine.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from bot.settings import REPO_ROOT
from scripts.run_all import Service, Supervisor
from scripts.stack import Stack, free_port

LOCK_STORE = "scripts.redis_lock_store.AtomicRedisLockStore"


VARIANTS = {"speedups": 1, "speedups-2workers": 2}  # name → Sanic workers; Rasa via rasa_speedups


def available(name: str) -> bool:
    return VARIANTS.get(name, 0) <= 1 or shutil.which("redis-server") is not None


@contextmanager
def speedups_stack(state: Path, model: Path, workers: int = 1) -> Iterator[Stack]:
    """Rasa through scripts.rasa_speedups, with `workers` Sanic workers (a Redis lock store if > 1)."""
    if workers <= 1:
        yield Stack(state, model, rasa_module="scripts.rasa_speedups")
        return
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        raise RuntimeError("SANIC_WORKERS>1 needs redis-server (apt-get install redis-server)")
    supervisor, port = Supervisor(REPO_ROOT), free_port()
    state.mkdir(parents=True, exist_ok=True)
    cmd = [redis_server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    try:
        supervisor.start(Service("redis", cmd, state / "log" / "redis.log", port))
        config = yaml.safe_load((REPO_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
        config["lock_store"] = {"type": LOCK_STORE, "url": "127.0.0.1", "port": port, "db": 1}
        source = state / "endpoints.workers.yml"
        source.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        yield Stack(
            state / "stack",
            model,
            endpoints_source=source,
            service_env={"rasa": {"SANIC_WORKERS": str(workers)}},
            rasa_module="scripts.rasa_speedups",
        )
    finally:
        supervisor.stop()
