"""The type gate bites: mypy, with the project's own configuration, fails on a type error in the
strict policy core and passes on the project as it stands (issue 13: `make test` fails on a type error).

The probe is a throwaway `policy_kb/text.py` in a temporary folder, so the strict override for that
module name applies to it and the real tree and its mypy cache are never touched. The project run uses
the project's cache: warm after `make typecheck` (which `make test` runs first), about a minute cold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "pyproject.toml"

PROBE = """\
def untyped(value):  # strict scope: disallow_untyped_defs
    return value


count: int = "三"  # a type error anywhere
"""


def test_mypy_rejects_a_type_error_in_the_strict_policy_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "policy_kb"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "text.py").write_text(PROBE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the probe's cache goes to tmp_path/.mypy_cache
    stdout, stderr, status = api.run(["--config-file", str(CONFIG), "--no-error-summary", "policy_kb"])
    assert status != 0, stdout + stderr
    errors = sorted(line.split(" error: ")[1] for line in stdout.splitlines() if " error: " in line)
    assert errors == [
        "Function is missing a type annotation  [no-untyped-def]",
        'Incompatible types in assignment (expression has type "str", variable has type "int")  [assignment]',
    ], stdout
    assert all(line.startswith("policy_kb/text.py:") for line in stdout.splitlines()), stdout


def test_the_project_passes_mypy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # `files` in [tool.mypy] are relative to the repository
    stdout, stderr, status = api.run(["--config-file", str(CONFIG)])
    assert status == 0, stdout + stderr
    assert stdout.startswith("Success: no issues found"), stdout
