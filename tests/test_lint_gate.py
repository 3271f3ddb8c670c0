"""The lint gate bites: `make lint` (ruff check + ruff format --check, run first by `make test`) fails on
an unused import or an unformatted file written with the project's configuration, and passes on the
project as it stands (issue 13: `make test` fails on a lint error).

The probes are written to a temporary folder and checked with `--config pyproject.toml`, so the real
tree is never touched.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "pyproject.toml"


def ruff(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_ruff_rejects_an_unused_import_and_an_unformatted_file(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import os\nx  =  1\n", encoding="utf-8")
    checked = ruff("check", "--config", str(CONFIG), "--no-cache", str(probe), cwd=tmp_path)
    assert checked.returncode != 0 and "F401" in checked.stdout, checked.stdout + checked.stderr
    formatted = ruff("format", "--check", "--config", str(CONFIG), "--no-cache", str(probe), cwd=tmp_path)
    assert formatted.returncode != 0, formatted.stdout + formatted.stderr


def test_the_project_passes_the_lint_gate() -> None:
    checked = ruff("check", ".")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    formatted = ruff("format", "--check", ".")
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
