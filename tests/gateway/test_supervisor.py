"""bot/supervisor.py (`make run`): model discovery, the commands it runs, and clean shutdown on SIGINT/SIGTERM."""

from __future__ import annotations

import dataclasses
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml

from bot.settings import REPO_ROOT, Settings
from bot.supervisor import NotReady, Service, Supervisor, find_model, services, wait_ready, write_endpoints


def touch(path: Path, mtime: float) -> Path:
    path.write_bytes(b"model")
    os.utime(path, (mtime, mtime))
    return path


def test_find_model_prefers_latest_file(tmp_path: Path) -> None:
    old = touch(tmp_path / "aaa.tar.gz", 1_000)
    touch(tmp_path / "bbb.tar.gz", 2_000)
    (tmp_path / "LATEST").write_text("aaa.tar.gz\n")
    assert find_model(tmp_path) == old


def test_find_model_falls_back_to_newest(tmp_path: Path) -> None:
    assert find_model(tmp_path) is None
    touch(tmp_path / "aaa.tar.gz", 1_000)
    newest = touch(tmp_path / "bbb.tar.gz", 2_000)
    assert find_model(tmp_path) == newest
    (tmp_path / "LATEST").write_text("gone.tar.gz")
    assert find_model(tmp_path) == newest


def test_commands_bind_loopback_and_use_the_repo_configs(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path, db_path=tmp_path / "t.db")
    actions, rasa, gateway = services(settings, Path("models/x.tar.gz"), python="py")
    assert actions.cmd == [
        "py",
        "-m",
        "talentbot_rasa.action_launcher",
        "--actions",
        "actions",
        "--port",
        "5055",
    ]
    assert rasa.cmd[:4] == ["py", "-m", "talentbot_rasa.launcher", "run"]
    for flag, value in [
        ("--port", "5005"),
        ("-i", "127.0.0.1"),
        ("--model", "models/x.tar.gz"),
        ("--endpoints", str(REPO_ROOT / "endpoints.yml")),
        ("--credentials", str(REPO_ROOT / "credentials.yml")),
    ]:
        assert rasa.cmd[rasa.cmd.index(flag) + 1] == value
    assert "--enable-api" in rasa.cmd
    assert gateway.cmd == [
        "py",
        "-m",
        "uvicorn",
        "bot.app:app",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        "--ws",
        "none",
    ]
    assert {s.log_path for s in (actions, rasa, gateway)} == {
        tmp_path / "log" / f"{n}.log" for n in ("actions", "rasa", "gateway")
    }


def test_other_action_port_rewrites_endpoints_into_var(tmp_path: Path) -> None:
    settings = dataclasses.replace(Settings(var_dir=tmp_path, db_path=tmp_path / "t.db"), action_port=6055)
    _, rasa, _ = services(settings, Path("m.tar.gz"))
    endpoints = Path(rasa.cmd[rasa.cmd.index("--endpoints") + 1])
    assert endpoints == tmp_path / "endpoints.yml"
    assert "http://127.0.0.1:6055/webhook" in endpoints.read_text()


def test_the_stack_copy_of_endpoints_moves_state_and_action_port_only(tmp_path: Path) -> None:
    """The test/bench stack's endpoints: same store classes, its own files and action port."""
    copy = write_endpoints(REPO_ROOT / "endpoints.yml", tmp_path / "e.yml", 6001, tmp_path / "state")
    shipped = yaml.safe_load((REPO_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    config = yaml.safe_load(copy.read_text(encoding="utf-8"))
    assert config["action_endpoint"]["url"] == "http://127.0.0.1:6001/webhook"
    assert config["tracker_store"] == {
        **shipped["tracker_store"],
        "db": str(tmp_path / "state" / "rasa_tracker.db"),
    }
    assert config["lock_store"] == {**shipped["lock_store"], "db": str(tmp_path / "state" / "rasa_locks.db")}
    prod = write_endpoints(REPO_ROOT / "endpoints.prod.yml", tmp_path / "p.yml", 6001, tmp_path / "state")
    assert "url: ${ACTION_ENDPOINT_URL}" in prod.read_text(encoding="utf-8")  # unquoted: Rasa expands it


def test_wait_ready_reports_a_child_that_died_or_time_running_out(tmp_path: Path) -> None:
    supervisor = Supervisor(cwd=tmp_path)
    url = f"http://127.0.0.1:{free_port()}/api/health"
    with pytest.raises(NotReady) as timed_out:
        wait_ready(url, supervisor, timeout=0.3, interval=0.05)
    assert timed_out.value.reason == "timeout" and timed_out.value.service is None
    supervisor.start(Service("quitter", [sys.executable, "-c", "pass"], tmp_path / "q.log"))
    with pytest.raises(NotReady) as died:
        wait_ready(url, supervisor, timeout=30, interval=0.05)
    assert died.value.reason == "died" and died.value.service is not None
    assert "quitter exited before" in str(died.value)
    with pytest.raises(NotReady) as stopped:
        wait_ready(url, Supervisor(cwd=tmp_path), timeout=30, stop_requested=lambda: True)
    assert stopped.value.reason == "stopped"
    supervisor.stop()


def test_supervisor_stops_every_child_group(tmp_path: Path) -> None:
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    stubborn = [
        sys.executable,
        "-c",
        "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)",
    ]
    supervisor = Supervisor(cwd=tmp_path)
    for name, cmd in [("a", sleeper), ("b", sleeper), ("c", stubborn)]:
        supervisor.start(Service(name, cmd, tmp_path / "log" / f"{name}.log"))
    procs = [p for _, p in supervisor.running]
    time.sleep(0.3)
    assert supervisor.dead() is None
    started = time.monotonic()
    supervisor.stop(grace=1.0)
    assert all(p.poll() is not None for p in procs)
    assert time.monotonic() - started < 10
    assert (tmp_path / "log" / "a.log").read_text().startswith("\n==== ")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_run_waits_for_health_then_signal_stops_all(tmp_path: Path, sig: signal.Signals) -> None:
    """run() with stand-in children: a static server answering /api/health and a sleeper."""
    (tmp_path / "site" / "api").mkdir(parents=True)
    (tmp_path / "site" / "api" / "health").write_text("ok")
    port = free_port()
    pids = tmp_path / "pids"
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from bot.supervisor import Service, run
        tmp = Path({str(tmp_path)!r})
        http = Service("web", [sys.executable, "-m", "http.server", "{port}", "--bind", "127.0.0.1",
                               "--directory", str(tmp / "site")], tmp / "log" / "web.log", {port})
        sleeper = Service("sleeper", [sys.executable, "-c",
                          "import os, time; open({str(pids)!r}, 'a').write(str(os.getpid()) + chr(10)); time.sleep(60)"],
                          tmp / "log" / "sleeper.log")
        sys.exit(run([sleeper, http], "http://127.0.0.1:{port}/api/health", {{"health": "x"}}, timeout=30))
    """)
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    out = ""
    assert proc.stdout is not None
    for line in proc.stdout:
        out += line
        if "Ctrl-C stops everything" in line:
            break
    assert "Ctrl-C stops everything" in out, out
    sleeper_pid = int(pids.read_text().split()[0])
    proc.send_signal(sig)
    rest, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, out + rest
    assert "stopped." in rest
    with pytest.raises(ProcessLookupError):
        os.kill(sleeper_pid, 0)
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0  # the server child is gone too
