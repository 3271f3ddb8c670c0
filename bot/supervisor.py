"""Start, watch and stop the three services: the action server, Rasa and the gateway.

Two users, one set of code:
- `make run` → scripts/first_run.sh (numbered, timed set-up steps) → `python -m bot.supervisor`:
  upgrade var/'s database schema, start all three on the configured ports, wait until the gateway's
  /api/health says 200, print the URLs, Ctrl-C stops all; a busy port or a service that dies gets a
  hint on what to do (bot/firstrun.py). Each child gets its own process
  group and a log file in var/log/, so Ctrl-C reaches this process only and the children are stopped
  in order (gateway, Rasa, actions) with SIGTERM, then SIGKILL after a grace period.
- `Stack` (the reliability tests, bench/): the same commands and child environment on spare ports,
  with every piece of state (conversation log, Rasa's trackers and locks, logs) in one directory and
  the power to stop, kill and restart one service at a time.

Both wait for readiness with `wait_ready` and point Rasa at a rewritten endpoints file with
`write_endpoints`. Rasa starts as `python -m talentbot_rasa.launcher run …` (Rasa with the speed-ups
of the installed talentbot_rasa package). Rasa and the action server always bind 127.0.0.1 (Rasa's
HTTP API has no auth token here); only the gateway follows HOST.

Logs: the action server starts as `python -m talentbot_rasa.action_launcher …` (rasa_sdk with our
JSON logs and the turn's request id on each action call), Rasa's launcher sets up the same format,
and every child gets TALENTBOT_LOG_SALT (bot.observability.logs.log_salt), so a sender's pseudonym
is the same in the three logs.
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
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType, TracebackType
from urllib.parse import urlparse

import yaml

from bot.firstrun import failure_hint, port_busy_hint, upgrade_database
from bot.observability.logs import log_salt
from bot.settings import REPO_ROOT, Settings, SettingsError

HEALTH_TIMEOUT = 180.0
STOP_GRACE = 15.0
RASA_LAUNCHER = "talentbot_rasa.launcher"  # `python -m <this> run …` = `rasa run` with the speed-ups
ACTION_LAUNCHER = "talentbot_rasa.action_launcher"  # `python -m <this> --actions …` = `rasa run actions`
SERVICE_NAMES = ("actions", "rasa", "gateway")  # start order
CHILD_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "RASA_TELEMETRY_ENABLED": "false",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "PYTHONUNBUFFERED": "1",
    "SANIC_HOST": "127.0.0.1",  # rasa_sdk binds 0.0.0.0 unless told otherwise
}


@dataclass
class Service:
    """One child process: its command, log file and port (checked free before start)."""

    name: str
    cmd: list[str]
    log_path: Path
    port: int | None = None
    env: dict[str, str] = field(default_factory=dict)


def find_model(models_dir: Path) -> Path | None:
    """The model named in models/LATEST if it exists, else the newest models/*.tar.gz."""
    latest = models_dir / "LATEST"
    if latest.is_file():
        named = latest.read_text(encoding="utf-8").strip()
        if named:
            candidate = Path(named) if Path(named).is_absolute() else models_dir / Path(named).name
            if candidate.is_file():
                return candidate
    models = sorted(models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def latest_model(models_dir: Path = REPO_ROOT / "models") -> Path:
    """`find_model`, raising when nothing is trained (tests and benchmarks)."""
    model = find_model(models_dir)
    if model is None:
        raise FileNotFoundError("no trained model under models/: run `make train` first")
    return model


def write_endpoints(source: Path, target: Path, action_port: int, state_dir: Path | None = None) -> Path:
    """A copy of the Rasa endpoints file `source` at `target`, pointed at this run's services.

    A loopback action endpoint moves to `action_port` (a load-balanced `${ACTION_ENDPOINT_URL}` is
    left alone); with `state_dir`, a SQLite tracker store and a SQLite lock store get their files
    there. Everything else (store types, options, `${VAR}`s) is kept, so a run of the copy tests the
    file the team ships."""
    config = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    action = config.setdefault("action_endpoint", {})
    url = str(action.get("url") or "")
    if not url or urlparse(url).hostname in ("127.0.0.1", "localhost"):
        action["url"] = f"http://127.0.0.1:{action_port}/webhook"
    if state_dir is not None:
        tracker = config.get("tracker_store") or {}
        if str(tracker.get("dialect", "")).lower() == "sqlite":
            tracker["db"] = str(state_dir / "rasa_tracker.db")
        lock = config.get("lock_store") or {}
        if "sqlite" in str(lock.get("type", "")).lower():  # talentbot_rasa.sqlite_lock_store
            lock["db"] = str(state_dir / "rasa_locks.db")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def endpoints_file(settings: Settings, root: Path) -> Path:
    """endpoints.yml (or TALENTBOT_ENDPOINTS, e.g. endpoints.prod.yml, see docs/SCALING.md), or a copy
    in var/ pointing at ACTION_PORT when it is not the default 5055."""
    source = root / settings.endpoints
    if settings.action_port == 5055:
        return source
    return write_endpoints(source, settings.var_dir / "endpoints.yml", settings.action_port)


def services(
    settings: Settings, model: Path, root: Path = REPO_ROOT, python: str = sys.executable
) -> list[Service]:
    """Action server, Rasa, gateway — in start order."""
    logs = settings.var_dir / "log"
    endpoints = endpoints_file(settings, root)
    salted = {"TALENTBOT_LOG_SALT": log_salt(settings)}  # one pseudonym per sender in all three logs
    return [
        Service(
            "actions",
            [python, "-m", ACTION_LAUNCHER, "--actions", "actions", "--port", str(settings.action_port)],
            logs / "actions.log",
            settings.action_port,
            salted,
        ),
        # talentbot_rasa.launcher = `rasa run` with constants Rasa recomputes per turn cached (same
        # verdicts; see talentbot_rasa/speedups.py). Two Sanic workers share the port (the lock store in
        # endpoints.yml is shared between processes); TensorFlow gets one thread per worker so the
        # two do not fight over the two cores. SANIC_WORKERS=1 in the environment: one process.
        Service(
            "rasa",
            [
                python,
                "-m",
                RASA_LAUNCHER,
                "run",
                "--enable-api",
                "--port",
                str(settings.rasa_port),
                "-i",
                "127.0.0.1",
                "--model",
                str(model),
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(root / "credentials.yml"),
            ],
            logs / "rasa.log",
            settings.rasa_port,
            {**rasa_env(settings), **salted},
        ),
        # --ws none: Rasa pins websockets 10.x, which uvicorn's default WebSocket layer cannot import.
        Service(
            "gateway",
            [
                python,
                "-m",
                "uvicorn",
                "bot.app:app",
                "--host",
                settings.host,
                "--port",
                str(settings.gateway_port),
                "--ws",
                "none",
            ],
            logs / "gateway.log",
            settings.gateway_port,
            salted,
        ),
    ]


def rasa_env(settings: Settings) -> dict[str, str]:
    """Sanic workers (default 2, `SANIC_WORKERS` overrides) and one TensorFlow thread each."""
    return {
        "SANIC_WORKERS": str(settings.sanic_workers),
        "TF_INTER_OP_PARALLELISM_THREADS": str(settings.tf_inter_op_threads),
        "TF_INTRA_OP_PARALLELISM_THREADS": str(settings.tf_intra_op_threads),
    }


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def free_port() -> int:
    """A TCP port nobody listens on right now (the kernel's pick for port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Supervisor:
    """Starts children in their own process groups and stops them all, in reverse order."""

    def __init__(self, cwd: Path = REPO_ROOT) -> None:
        self.cwd = cwd
        self.running: list[tuple[Service, subprocess.Popen[bytes]]] = []

    def start(self, service: Service) -> None:
        service.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = service.log_path.open("ab")
        log.write(f"\n==== {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(service.cmd)}\n".encode())
        log.flush()
        proc = subprocess.Popen(
            service.cmd,
            cwd=self.cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **CHILD_ENV, **service.env},
            start_new_session=True,
        )
        log.close()  # the child holds its own descriptor
        self.running.append((service, proc))

    def dead(self) -> Service | None:
        """The first child that has exited, if any."""
        return next((svc for svc, proc in self.running if proc.poll() is not None), None)

    def stop(self, grace: float = STOP_GRACE) -> None:
        """SIGTERM every process group (newest first), wait, then SIGKILL what is left."""
        for _, proc in reversed(self.running):
            _signal_group(proc, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for _, proc in reversed(self.running):
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(proc, signal.SIGKILL)
                proc.wait(timeout=5)
        self.running.clear()


def _signal_group(proc: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)


def tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class NotReady(RuntimeError):
    """`wait_ready` gave up: `reason` is "died" (a child exited: `service`), "timeout" or "stopped"."""

    def __init__(self, url: str, reason: str, timeout: float, service: Service | None = None) -> None:
        self.url, self.reason, self.timeout, self.service = url, reason, timeout, service
        detail = {
            "died": f"{service.name if service else 'a service'} exited before {url} was ready",
            "timeout": f"{url} not ready after {timeout:.0f} s",
            "stopped": f"stopped while waiting for {url}",
        }[reason]
        super().__init__(detail)


def wait_ready(
    url: str,
    supervisor: Supervisor,
    timeout: float = HEALTH_TIMEOUT,
    *,
    interval: float = 0.25,
    stop_requested: Callable[[], bool] = lambda: False,
) -> float:
    """Seconds until `url` answers 200. NotReady when a supervised child exits, `stop_requested()`
    (Ctrl-C) or `timeout` passes first."""
    started = time.monotonic()
    while True:
        if stop_requested():
            raise NotReady(url, "stopped", timeout)
        with (
            contextlib.suppress(urllib.error.URLError, OSError),  # not listening yet, or 503
            urllib.request.urlopen(url, timeout=3) as resp,
        ):
            if resp.status == 200:
                return time.monotonic() - started
        dead = supervisor.dead()
        if dead is not None:
            raise NotReady(url, "died", timeout, dead)
        if time.monotonic() - started >= timeout:
            raise NotReady(url, "timeout", timeout)
        time.sleep(interval)


def run(
    to_start: list[Service],
    health_url: str,
    urls: dict[str, str],
    timeout: float = HEALTH_TIMEOUT,
    cwd: Path = REPO_ROOT,
) -> int:
    """Start `to_start`, wait for health, print URLs, then supervise until Ctrl-C or a child dies."""
    busy = [s for s in to_start if s.port and port_in_use(s.port)]
    if busy:
        for s in busy:
            print(port_busy_hint(s.name, s.port or 0), file=sys.stderr)
        return 1
    should_stop = [False]

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        should_stop[0] = True

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    supervisor = Supervisor(cwd)
    try:
        for service in to_start:
            supervisor.start(service)
            print(f"  started {service.name:8s} → log {service.log_path}")
        print(f"  waiting for {health_url} (up to {int(timeout)} s; Rasa loads the model) …", flush=True)
        try:
            took = wait_ready(
                health_url, supervisor, timeout, interval=1.0, stop_requested=lambda: should_stop[0]
            )
        except NotReady as not_ready:
            return _report_failure(not_ready, supervisor)
        print(f"  全部就绪 all healthy in {took:.1f} s")
        print("\ntalentbot is running:")
        for label, url in urls.items():
            print(f"  {label:8s} {url}")
        print("Ctrl-C stops everything.")
        while not should_stop[0]:
            died = supervisor.dead()
            if died is not None:
                print(
                    f"\n{died.name} exited unexpectedly; last lines of {died.log_path}:\n{tail(died.log_path)}",
                    file=sys.stderr,
                )
                return 1
            time.sleep(0.5)
        return 0
    finally:
        print("stopping …")
        supervisor.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        print("stopped.")


def _report_failure(not_ready: NotReady, supervisor: Supervisor) -> int:
    if not_ready.reason == "stopped":
        return 0
    if not_ready.service is not None:
        died = not_ready.service
        print(
            f"{died.name} exited during start-up; last lines of {died.log_path}:\n{tail(died.log_path)}",
            file=sys.stderr,
        )
        print(failure_hint(died.name), file=sys.stderr)
    else:
        print(f"not healthy after {int(not_ready.timeout)} s; see the logs in var/log/.", file=sys.stderr)
        for service, _ in supervisor.running:
            print(f"--- {service.name}: {tail(service.log_path, 8)}", file=sys.stderr)
    return 1


@dataclass
class Stack:
    """Actions, Rasa and the gateway as `make run` starts them, on spare ports, state in `state_dir`.

    For the reliability tests and the benchmarks: the commands and child environment are `services`'
    own, so the stack under test is started exactly as `make run` starts it; only the ports, the
    endpoints file (`write_endpoints` into `state_dir`) and the state directory differ."""

    state_dir: Path
    model: Path
    endpoints_source: Path = REPO_ROOT / "endpoints.yml"
    extra_env: dict[str, str] = field(default_factory=dict)  # for every service
    # per service, e.g. {"rasa": {"SANIC_WORKERS": "2"}}
    service_env: dict[str, dict[str, str]] = field(default_factory=dict)
    rasa_module: str = RASA_LAUNCHER  # `python -m <this> run …`, as make run ships; "rasa" = stock
    settings: Settings = field(init=False)
    supervisor: Supervisor = field(init=False)

    def __post_init__(self) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.settings = replace(  # the environment's (SANIC_WORKERS, …), on loopback and spare ports
            Settings.from_env(),
            host="127.0.0.1",
            gateway_port=free_port(),
            rasa_port=free_port(),
            action_port=free_port(),
            var_dir=self.state_dir,
            db_path=self.state_dir / "talentbot.db",
        )
        self.supervisor = Supervisor(REPO_ROOT)
        self.endpoints = write_endpoints(
            self.endpoints_source,
            # not endpoints.yml: endpoints_file writes that name into var_dir for a non-default ACTION_PORT
            self.state_dir / "endpoints.stack.yml",
            self.settings.action_port,
            self.state_dir,
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
        """`services`' Service for `name`, pointed at this stack's endpoints file and state directory."""
        by_name = {s.name: s for s in services(self.settings, self.model, REPO_ROOT, sys.executable)}
        svc = by_name[name]
        cmd = list(svc.cmd)
        if "--endpoints" in cmd:
            cmd[cmd.index("--endpoints") + 1] = str(self.endpoints)
        if name == "rasa" and cmd[1] == "-m":
            cmd[2] = self.rasa_module
        base_env = dict(svc.env)
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
        """Start the named services (all three, in `make run`'s order, when none are named)."""
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

    def stop(self, name: str, *, kill: bool = False, grace: float = STOP_GRACE) -> None:
        """Stop one service: SIGKILL at once when `kill` (a crash), else SIGTERM then SIGKILL."""
        for entry in list(self.supervisor.running):
            svc, proc = entry
            if svc.name != name:
                continue
            if proc.poll() is None:
                _signal_group(proc, signal.SIGKILL if kill else signal.SIGTERM)
                try:
                    proc.wait(timeout=5 if kill else grace)
                except subprocess.TimeoutExpired:  # still alive after the grace period: force it
                    _signal_group(proc, signal.SIGKILL)
                    proc.wait(timeout=5)
            self.supervisor.running.remove(entry)

    def stop_all(self) -> None:
        self.supervisor.stop()

    # ---- readiness ---------------------------------------------------------------------------
    def wait_healthy(self, timeout: float = HEALTH_TIMEOUT) -> float:
        """Seconds until the gateway's /api/health says 200; raises with the logs' tails otherwise."""
        return self.wait_for(f"{self.gateway_url}/api/health", timeout)

    def wait_for(self, url: str, timeout: float = 120.0) -> float:
        """Seconds until `url` answers 200 (one service's readiness); raises with the logs' tails."""
        try:
            return wait_ready(url, self.supervisor, timeout, interval=0.2)
        except NotReady as exc:
            raise RuntimeError(f"{exc}\n{self.log_tails()}") from None

    def log_tails(self, lines: int = 15) -> str:
        out = []
        for name in SERVICE_NAMES:
            path = self.state_dir / "log" / f"{name}.log"
            if path.exists():
                out.append(f"--- {name}\n{tail(path, lines)}")
        return "\n".join(out)

    # ---- context manager ---------------------------------------------------------------------
    def __enter__(self) -> Stack:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop_all()


def main() -> int:
    try:
        settings = Settings.from_env()  # every variable checked before anything starts
    except SettingsError as err:
        print(f"talentbot: {err}", file=sys.stderr)
        return 2
    model = find_model(REPO_ROOT / "models")
    if model is None:
        print("models/ 中没有训练好的模型：请先运行 make train（make run 会自动训练）。", file=sys.stderr)
        return 2
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    shown = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    base = f"http://{shown}:{settings.gateway_port}"
    urls = {
        "chat": f"{base}/",
        "assist": f"{base}/assist",
        "review": f"{base}/review",
        "health": f"{base}/api/health",
    }
    print(f"  model: {model}")
    if not upgrade_database(settings):  # before any service opens var/talentbot.db
        return 2
    return run(services(settings, model), urls["health"], urls)


if __name__ == "__main__":
    sys.exit(main())
