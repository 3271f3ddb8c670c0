"""`make run` → `python -m scripts.run_all`: start the action server, Rasa and the gateway; Ctrl-C stops all.

Why a supervisor script instead of three terminals: a newcomer runs one command. Each child gets its
own process group and a log file in var/log/, so Ctrl-C reaches this script only and the children
are stopped in order (gateway, Rasa, actions) with SIGTERM, then SIGKILL after a grace period.

Rasa and the action server always bind 127.0.0.1 (Rasa's HTTP API has no auth token here); only the
gateway follows HOST.
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
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import yaml

from bot.settings import REPO_ROOT, Settings
from bot.tracker_events import tracker_db_from_endpoints

HEALTH_TIMEOUT = 180.0
STOP_GRACE = 15.0
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


def endpoints_file(settings: Settings, root: Path) -> Path:
    """endpoints.yml (or $TALENTBOT_ENDPOINTS, e.g. endpoints.prod.yml, see docs/SCALING.md), or a copy
    in var/ pointing at ACTION_PORT when it is not the default 5055."""
    source = root / os.environ.get("TALENTBOT_ENDPOINTS", "endpoints.yml")
    if settings.action_port == 5055:
        return source
    text = source.read_text(encoding="utf-8").replace("127.0.0.1:5055", f"127.0.0.1:{settings.action_port}")
    target = settings.var_dir / "endpoints.yml"
    target.write_text(text, encoding="utf-8")
    return target


def services(
    settings: Settings, model: Path, root: Path = REPO_ROOT, python: str = sys.executable
) -> list[Service]:
    """Action server, Rasa, gateway — in start order."""
    logs = settings.var_dir / "log"
    endpoints = endpoints_file(settings, root)
    return [
        Service(
            "actions",
            [
                python,
                "-m",
                "rasa",
                "run",
                "actions",
                "--actions",
                "actions",
                "--port",
                str(settings.action_port),
            ],
            logs / "actions.log",
            settings.action_port,
        ),
        # scripts.rasa_speedups = `rasa run` with constants Rasa recomputes per turn cached (same
        # verdicts; see its docstring). Two Sanic workers share the port (the lock store in
        # endpoints.yml is shared between processes); TensorFlow gets one thread per worker so the
        # two do not fight over the two cores. SANIC_WORKERS=1 in the environment: one process.
        Service(
            "rasa",
            [
                python,
                "-m",
                "scripts.rasa_speedups",
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
            rasa_env(),
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
            gateway_env(endpoints, root),
        ),
    ]


def rasa_env() -> dict[str, str]:
    """Sanic workers (default 2, `SANIC_WORKERS` overrides) and one TensorFlow thread pool each."""
    return {
        "SANIC_WORKERS": os.environ.get("SANIC_WORKERS", "2"),
        "TF_INTER_OP_PARALLELISM_THREADS": os.environ.get("TF_INTER_OP_PARALLELISM_THREADS", "1"),
        "TF_INTRA_OP_PARALLELISM_THREADS": os.environ.get("TF_INTRA_OP_PARALLELISM_THREADS", "1"),
    }


def gateway_env(endpoints: Path, root: Path) -> dict[str, str]:
    """RASA_TRACKER_DB for the gateway when Rasa's trackers are a SQLite file it can read directly
    (bot/tracker_events.py); nothing otherwise (the gateway then asks Rasa's HTTP API)."""
    try:
        config = yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    db = tracker_db_from_endpoints(config, root) if isinstance(config, dict) else None
    return {"RASA_TRACKER_DB": str(db)} if db else {}


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


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


def wait_healthy(url: str, supervisor: Supervisor, timeout: float, should_stop: list[bool]) -> str:
    """ "ok" once `url` answers 200; "died" if a child exits; "timeout"; "stopped" on Ctrl-C."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if should_stop[0]:
            return "stopped"
        if supervisor.dead() is not None:
            return "died"
        try:
            with urllib.request.urlopen(url, timeout=3) as resp:
                if resp.status == 200:
                    return "ok"
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1.0)
    return "timeout"


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
            print(f"端口 {s.port} 已被占用（{s.name}）。请先停止占用该端口的进程。", file=sys.stderr)
        return 1
    should_stop = [False]

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        should_stop[0] = True

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    supervisor = Supervisor(cwd)
    try:
        for service in to_start:
            supervisor.start(service)
            print(f"started {service.name:8s} → log {service.log_path}")
        print(f"waiting for {health_url} (up to {int(timeout)} s) …")
        outcome = wait_healthy(health_url, supervisor, timeout, should_stop)
        if outcome != "ok":
            return _report_failure(outcome, supervisor, timeout)
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


def _report_failure(outcome: str, supervisor: Supervisor, timeout: float) -> int:
    if outcome == "stopped":
        return 0
    if outcome == "died":
        died = supervisor.dead()
        assert died is not None
        print(
            f"{died.name} exited during start-up; last lines of {died.log_path}:\n{tail(died.log_path)}",
            file=sys.stderr,
        )
    else:
        print(f"not healthy after {int(timeout)} s; see the logs in var/log/.", file=sys.stderr)
        for service, _ in supervisor.running:
            print(f"--- {service.name}: {tail(service.log_path, 8)}", file=sys.stderr)
    return 1


def main() -> int:
    settings = Settings.from_env()
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
    print(f"model: {model}")
    return run(services(settings, model), urls["health"], urls)


if __name__ == "__main__":
    sys.exit(main())
