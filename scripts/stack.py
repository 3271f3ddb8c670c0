"""Start and stop the three services (actions, Rasa, gateway) on spare ports, state under one directory.

Why this exists next to scripts/run_all.py: the benchmarks and the reliability tests need the real
stack, but on ports that do not collide with a developer's `make run`, with every piece of state (the
conversation log, Rasa's tracker store, logs) in a temporary directory, and with the power to stop,
kill and restart one service at a time. The commands, the child environment, the process groups and
the health wait are run_all's own (`services`, `Supervisor`, `wait_healthy`), so the stack under test
is started exactly as `make run` starts it; only the ports, the endpoints file and the state
directory differ.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType

import yaml

from bot.settings import REPO_ROOT, Settings
from scripts.run_all import Service, Supervisor, find_model, gateway_env, services, wait_healthy

SERVICE_NAMES = ("actions", "rasa", "gateway")


def free_port() -> int:
    """A TCP port nobody listens on right now (the kernel's pick for port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_url(url: str, supervisor: Supervisor, timeout: float = 120.0, interval: float = 0.2) -> float:
    """Seconds until `url` answers 200; RuntimeError when a supervised child exits or time runs out."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        with (
            contextlib.suppress(urllib.error.URLError, OSError),
            urllib.request.urlopen(url, timeout=3) as resp,
        ):
            if resp.status == 200:
                return time.monotonic() - started
        dead = supervisor.dead()
        if dead is not None:
            raise RuntimeError(f"{dead.name} exited before {url} was ready")
        time.sleep(interval)
    raise RuntimeError(f"{url} not ready after {timeout:.0f} s")


def write_endpoints(source: Path, target: Path, action_port: int, tracker_db: Path) -> Path:
    """A copy of `source` whose action endpoint and SQLite tracker file are this stack's own.

    Everything else (lock store and tracker store types) is kept, so a test of endpoints.yml tests the
    file the team ships; a SQLite lock store's file moves next to the tracker file.
    """
    config = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    config.setdefault("action_endpoint", {})["url"] = f"http://127.0.0.1:{action_port}/webhook"
    tracker = config.get("tracker_store") or {}
    if str(tracker.get("dialect", "")).lower() == "sqlite":
        tracker["db"] = str(tracker_db)
    lock = config.get("lock_store") or {}
    if "sqlite" in str(lock.get("type", "")).lower():  # scripts.sqlite_lock_store: its own file too
        lock["db"] = str(tracker_db.with_name("rasa_locks.db"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


@dataclass
class Stack:
    """Actions, Rasa and the gateway as run_all starts them, on spare ports, state in `state_dir`."""

    state_dir: Path
    model: Path
    endpoints_source: Path = REPO_ROOT / "endpoints.yml"
    extra_env: dict[str, str] = field(default_factory=dict)  # for every service
    # per service, e.g. {"rasa": {"SANIC_WORKERS": "2"}}
    service_env: dict[str, dict[str, str]] = field(default_factory=dict)
    rasa_module: str = "scripts.rasa_speedups"  # `python -m <this> run …`, as run_all ships; "rasa" = stock
    settings: Settings = field(init=False)
    supervisor: Supervisor = field(init=False)

    def __post_init__(self) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.settings = Settings(
            gateway_port=free_port(),
            rasa_port=free_port(),
            action_port=free_port(),
            var_dir=self.state_dir,
            db_path=self.state_dir / "talentbot.db",
        )
        self.supervisor = Supervisor(REPO_ROOT)
        self.endpoints = write_endpoints(
            self.endpoints_source,
            # not endpoints.yml: run_all writes that name into var_dir for a non-default ACTION_PORT
            self.state_dir / "endpoints.stack.yml",
            self.settings.action_port,
            self.state_dir / "rasa_tracker.db",
        )

    # ---- addresses ---------------------------------------------------------------------------
    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.gateway_port}"

    @property
    def rasa_url(self) -> str:
        return self.settings.rasa_url

    @property
    def action_url(self) -> str:
        return self.settings.action_url

    # ---- services ----------------------------------------------------------------------------
    def service(self, name: str) -> Service:
        """run_all's Service for `name`, pointed at this stack's endpoints file and state directory."""
        by_name = {s.name: s for s in services(self.settings, self.model, REPO_ROOT, sys.executable)}
        svc = by_name[name]
        cmd = list(svc.cmd)
        if "--endpoints" in cmd:
            cmd[cmd.index("--endpoints") + 1] = str(self.endpoints)
        if name == "rasa" and cmd[1] == "-m":
            cmd[2] = self.rasa_module
        base_env = dict(svc.env)
        if name == "gateway":  # the tracker file of *this* stack's endpoints, not the developer's var/
            base_env.pop("RASA_TRACKER_DB", None)
            base_env.update(gateway_env(self.endpoints, REPO_ROOT))
        env = {
            **base_env,
            "GATEWAY_PORT": str(self.settings.gateway_port),
            "RASA_PORT": str(self.settings.rasa_port),
            "ACTION_PORT": str(self.settings.action_port),
            "HOST": "127.0.0.1",
            "TALENTBOT_VAR_DIR": str(self.state_dir),
            "TALENTBOT_DB": str(self.settings.db_path),
            **self.extra_env,
            **self.service_env.get(name, {}),
        }
        return replace(svc, cmd=cmd, env=env)

    def start(self, *names: str) -> None:
        """Start the named services (all three, in run_all's order, when none are named)."""
        for name in names or SERVICE_NAMES:
            proc = self.process(name)
            if proc is not None and proc.poll() is None:
                continue  # running: nothing to do
            if proc is not None:  # exited on its own: forget it, start it again
                self.stop(name)
            self.supervisor.start(self.service(name))

    def process(self, name: str) -> subprocess.Popen[bytes] | None:
        """The running Popen of `name`, or None."""
        return next((p for s, p in self.supervisor.running if s.name == name), None)

    def pid(self, name: str) -> int | None:
        proc = self.process(name)
        return proc.pid if proc else None

    def stop(self, name: str, *, kill: bool = False, grace: float = 15.0) -> None:
        """Stop one service: SIGKILL at once when `kill` (a crash), else SIGTERM then SIGKILL."""
        for entry in list(self.supervisor.running):
            svc, proc = entry
            if svc.name != name:
                continue
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL if kill else signal.SIGTERM)
                try:
                    proc.wait(timeout=5 if kill else grace)
                except subprocess.TimeoutExpired:  # still alive after the grace period: force it
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=5)
            self.supervisor.running.remove(entry)

    def stop_all(self) -> None:
        self.supervisor.stop()

    # ---- readiness ---------------------------------------------------------------------------
    def wait_healthy(self, timeout: float = 180.0) -> float:
        """Seconds until the gateway's /api/health says 200; raises with the logs' tails otherwise."""
        started = time.monotonic()
        outcome = wait_healthy(f"{self.gateway_url}/api/health", self.supervisor, timeout, [False])
        if outcome != "ok":
            raise RuntimeError(f"stack not healthy ({outcome}):\n{self.log_tails()}")
        return time.monotonic() - started

    def wait_for(self, url: str, timeout: float = 120.0) -> float:
        """Seconds until `url` answers 200 (one service's readiness); raises with the logs' tails."""
        try:
            return wait_for_url(url, self.supervisor, timeout)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}\n{self.log_tails()}") from None

    def log_tails(self, lines: int = 15) -> str:
        out = []
        for name in SERVICE_NAMES:
            path = self.state_dir / "log" / f"{name}.log"
            if path.exists():
                text = path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
                out.append(f"--- {name}\n" + "\n".join(text))
        return "\n".join(out)

    # ---- context manager ---------------------------------------------------------------------
    def __enter__(self) -> Stack:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop_all()


def latest_model(models_dir: Path = REPO_ROOT / "models") -> Path:
    """models/LATEST (as run_all picks it); raises when nothing is trained."""
    model = find_model(models_dir)
    if model is None:
        raise FileNotFoundError("no trained model under models/: run `make train` first")
    return model
