"""Where the time goes: py-spy sampling of the running services during one load level.

Why py-spy: it attaches to the live gateway, Rasa and action server from outside (no code change, no
restart) and writes collapsed stacks ("raw" format) that we summarise here — a text answer for the
report instead of an SVG nobody opens. `--gil` keeps only samples of the thread holding the GIL: all
three servers run uvloop, whose wait for I/O happens in C below `asyncio.run`, so without it an idle
event loop looks like a busy one. Samples per second of GIL time over the sampling rate gives the
share of one core each process spent running Python.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from bot.settings import REPO_ROOT

RATE = 100  # samples per second
# Leaf frames that mean "waiting", should a sample of a waiting thread still come through.
IDLE_LEAVES = ("asyncio_run", "serve", "run_forever", "select", "wait", "_worker", "get")
# Entry and dispatch frames every request shares; left out of the inclusive ranking so it shows work.
ENTRY_FRAMES = (
    "runpy.py",
    "click/core.py",
    "uvicorn/main.py",
    "uvicorn/server.py",
    "uvicorn/_compat.py",
    "server/runners.py",
    "sanic/app.py",
    "sanic/http.py",
    "cli/run.py",
    "rasa/api.py",
    "rasa/__main__.py",
    "core/run.py",
    "(handle_request)",
    "(connection_task)",
    "rasa_sdk/__main__.py",
    "threading.py",
    "uvicorn/__main__.py",
    "multiprocessing/",  # Sanic's worker processes (SANIC_WORKERS=2) start under multiprocessing
    "main (talentbot_rasa/launcher.py)",
    "<module> (talentbot_rasa/launcher.py)",
)


def py_spy() -> str | None:
    candidate = Path(sys.executable).with_name("py-spy")
    return str(candidate) if candidate.exists() else shutil.which("py-spy")


def start(
    pids: dict[str, int], seconds: float, out_dir: Path
) -> list[tuple[str, Path, subprocess.Popen[bytes]]]:
    """One `py-spy record` per service for `seconds`; returns them to `finish`."""
    exe = py_spy()
    if exe is None:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    running = []
    for name, pid in pids.items():
        path = out_dir / f"{name}.collapsed.txt"
        cmd = [exe, "record", "-p", str(pid), "-d", str(int(seconds)), "-r", str(RATE), "-f", "raw"]
        # --subprocesses: Rasa's Sanic workers are children of the process we started
        cmd += ["-o", str(path), "--gil", "--nonblocking", "--subprocesses"]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        running.append((name, path, proc))
    return running


def finish(
    running: list[tuple[str, Path, subprocess.Popen[bytes]]], seconds: float, top: int = 12
) -> dict[str, dict]:
    """Wait for the recorders, then summarise each service's samples."""
    out: dict[str, dict] = {}
    for name, path, proc in running:
        try:
            proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        out[name] = (
            summarise(path, seconds, top)
            if path.exists()
            else {"error": "no samples (py-spy could not attach)"}
        )
    return out


def summarise(path: Path, seconds: float, top: int = 12) -> dict[str, object]:
    """Core share, hottest leaf frames (self time), hottest frames overall and of our code (inclusive)."""
    self_time: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    inclusive_ours: Counter[str] = Counter()
    busy = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        raw = [f for f in stack.split(";") if "(" in f]
        frames = [_short(f) for f in raw]
        if not frames or frames[-1].split(" (")[0] in IDLE_LEAVES:
            continue
        busy += count
        self_time[frames[-1]] += count
        for frame in set(frames):
            if not any(entry in frame for entry in ENTRY_FRAMES):
                inclusive[frame] += count
        for frame in {_short(f) for f in raw if _ours(f)}:
            inclusive_ours[frame] += count

    def shares(counter: Counter[str], limit: float = 1.0) -> list[tuple[str, float]]:
        rows = [(f, round(n / busy, 3)) for f, n in counter.most_common() if n / busy < limit]
        return rows[:top]

    return {
        "samples": busy,
        "core_share": round(busy / (RATE * seconds), 2) if seconds else 0.0,
        "top_self": shares(self_time) if busy else [],
        "top_inclusive": shares(inclusive) if busy else [],
        "top_ours_inclusive": shares(inclusive_ours) if busy else [],
    }


def _ours(frame: str) -> bool:
    """A frame of this repository's code (not of a package installed in the venv)."""
    where = frame.partition(" (")[2]
    return where.startswith(str(REPO_ROOT)) and "site-packages" not in where


def _short(frame: str) -> str:
    """'func (path/to/module.py:123)' → 'func (module.py)'; line numbers would split one function."""
    name, _, where = frame.partition(" (")
    where = where.rstrip(")").rsplit(":", 1)[0]
    parts = where.split("/")
    return f"{name} ({'/'.join(parts[-2:])})"
