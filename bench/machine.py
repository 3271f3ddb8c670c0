"""What the numbers were measured on: CPU, cores, RAM, OS, Python, Rasa and the model used.

Why in every report: a p95 means nothing without the machine (CI and laptops differ by 3x), and the
model hash says which training data the figures belong to.
"""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError):
        pass
    return 0.0


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_commit(repo: Path) -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True, timeout=5
        )
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def load_average() -> list[float]:
    """1/5/15-minute load: other work on the machine skews every latency, so reports show it."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def machine_facts(repo: Path) -> dict[str, object]:
    return {
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count() or 0,
        "ram_gib": _ram_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "rasa": _version("rasa"),
        "rasa_sdk": _version("rasa-sdk"),
        "tensorflow": _version("tensorflow"),
        "fastapi": _version("fastapi"),
        "uvicorn": _version("uvicorn"),
        "git_commit": _git_commit(repo),
        "load_average_at_start": load_average(),
    }
