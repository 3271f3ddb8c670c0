"""First-run experience (#14 item 8): `make run` (scripts/first_run.sh → bot/supervisor.py) shows
numbered, timed steps and says what to do when a step fails: no Python 3.10, too little disk, a
port in use (which process, which variable to change), a database newer than the code."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot import firstrun
from bot.settings import REPO_ROOT, Settings
from bot.supervisor import Service, run
from tests.gateway.test_migrations import build_release_var

SCRIPT = REPO_ROOT / "scripts" / "first_run.sh"


@pytest.fixture
def python_stub(tmp_path: Path) -> Path:
    stub = tmp_path / "find-python310.sh"
    stub.write_text(f"#!/bin/sh\necho {sys.executable}\n", encoding="utf-8")
    stub.chmod(0o755)
    return stub


@pytest.fixture
def busy_port() -> Iterator[int]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    try:
        yield int(sock.getsockname()[1])
    finally:
        sock.close()


def first_run(**env: str) -> subprocess.CompletedProcess[str]:
    """The script's first step only: every case here fails there, before anything is installed."""
    spare = {"GATEWAY_PORT": "1", "RASA_PORT": "2", "ACTION_PORT": "3"}  # nobody listens below 1024 here
    return subprocess.run(
        ["bash", str(SCRIPT)],
        env={**os.environ, **spare, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_no_python_310_says_how_to_install_it(tmp_path: Path) -> None:
    done = first_run(FIND_PYTHON310="/bin/false")
    assert done.returncode == 1
    assert "[1/4] 检查环境" in done.stdout
    assert "[1/4] 失败 FAILED" in done.stderr and "没有找到 Python 3.10" in done.stderr
    assert "apt-get install python3.10" in done.stderr and "pyenv install 3.10" in done.stderr


def test_too_little_disk_says_what_to_clean(python_stub: Path) -> None:
    done = first_run(FIND_PYTHON310=str(python_stub), MIN_FREE_MB="999999999")
    assert done.returncode == 1 and "磁盘空间不足" in done.stderr and "models/" in done.stderr


def test_a_busy_port_names_the_variable_to_change(python_stub: Path, busy_port: int) -> None:
    done = first_run(FIND_PYTHON310=str(python_stub), MIN_FREE_MB="1", GATEWAY_PORT=str(busy_port))
    assert done.returncode == 1
    assert f"端口 {busy_port} 已被占用" in done.stderr
    assert f"GATEWAY_PORT={busy_port + 100} make run" in done.stderr
    assert "Python 3.10:" in done.stdout  # the checks before it passed and said so


def test_the_supervisor_names_the_process_on_a_busy_port(
    busy_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    service = Service("rasa", ["true"], Path("/dev/null"), busy_port)
    assert run([service], "http://127.0.0.1:1/", {}) == 1
    err = capsys.readouterr().err
    assert f"端口 {busy_port} 已被占用" in err and f"RASA_PORT={busy_port + 100} make run" in err
    owner = firstrun.port_owner(busy_port)
    if owner is not None:  # ss or lsof could tell
        assert owner in err and str(os.getpid()) in owner


def test_start_upgrades_a_release_database_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = build_release_var(tmp_path / "var")
    settings = replace(Settings(), var_dir=db.parent, db_path=db)
    assert firstrun.upgrade_database(settings)
    assert "数据库结构已升级 database schema upgraded: 0 → " in capsys.readouterr().out
    assert firstrun.upgrade_database(settings)
    assert "已是最新" in capsys.readouterr().out


def test_a_database_newer_than_the_code_stops_the_start_with_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = build_release_var(tmp_path / "var")
    settings = replace(Settings(), var_dir=db.parent, db_path=db)
    firstrun.upgrade_database(settings)
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_version VALUES (99, 'future', 'x')")
    conn.commit()
    conn.close()
    assert not firstrun.upgrade_database(settings)
    assert "make restore" in capsys.readouterr().out
