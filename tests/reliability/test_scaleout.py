"""The path beyond one machine: endpoints.prod.yml, how `make run` selects it, and the scale-out check.

The first two tests are cheap and always run. The last one runs bench/scaleout_check.py — the whole
stack on loopback: nginx, two gateways, two Rasa replicas, two action servers, PostgreSQL and Redis,
with the kill test and the load figures (about three minutes on two cores) — only when selected with
`pytest -m scaleout` (`make test` does). Its report goes to a temp file, so the run leaves the working
tree alone; `make scaleout` writes bench/SCALEOUT.md.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.settings import REPO_ROOT, Settings
from bot.supervisor import services

PROD = REPO_ROOT / "endpoints.prod.yml"


def test_prod_endpoints_use_postgres_redis_and_a_balanced_action_url() -> None:
    config = yaml.safe_load(PROD.read_text(encoding="utf-8"))
    tracker, lock, action = config["tracker_store"], config["lock_store"], config["action_endpoint"]
    assert (tracker["type"], tracker["dialect"]) == (
        "talentbot_rasa.lean_sql_tracker_store.LeanSQLTrackerStore",
        "postgresql",
    )
    assert [tracker[k] for k in ("url", "db", "username", "password")] == [
        "${DB_HOST}",
        "${DB_NAME}",
        "${DB_USER}",
        "${DB_PASSWORD}",
    ]
    assert (lock["type"], lock["url"], lock["port"]) == (
        "talentbot_rasa.redis_lock_store.AtomicRedisLockStore",
        "${REDIS_HOST}",
        "${REDIS_PORT}",
    )
    assert action["url"] == "${ACTION_ENDPOINT_URL}"
    text = PROD.read_text(encoding="utf-8")
    assert "127.0.0.1" not in text and "password:" in text and "${DB_PASSWORD}" in text  # no secret in git


def test_make_run_passes_the_endpoints_file_named_by_talentbot_endpoints(tmp_path: Path) -> None:
    def rasa_endpoints(**environ: str) -> str:
        settings = Settings.from_env({"TALENTBOT_VAR_DIR": str(tmp_path), **environ})  # as make run reads it
        rasa = next(s for s in services(settings, Path("m.tar.gz"), python="py") if s.name == "rasa")
        return rasa.cmd[rasa.cmd.index("--endpoints") + 1]

    assert rasa_endpoints() == str(REPO_ROOT / "endpoints.yml")
    assert rasa_endpoints(TALENTBOT_ENDPOINTS="endpoints.prod.yml") == str(PROD)
    # another action port: the copy keeps the prod file's load-balanced action URL (no loopback port to move)
    moved = rasa_endpoints(TALENTBOT_ENDPOINTS="endpoints.prod.yml", ACTION_PORT="6055")
    assert "${ACTION_ENDPOINT_URL}" in Path(moved).read_text(encoding="utf-8")


@pytest.mark.scaleout
@pytest.mark.rasa
@pytest.mark.timeout(480)
def test_the_whole_stack_behind_nginx_shares_conversations_and_survives_a_kill(tmp_path: Path) -> None:
    report = tmp_path / "SCALEOUT.md"
    proc = subprocess.run(
        [sys.executable, "-m", "bench.scaleout_check", "--report", str(report)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=460,
    )
    assert proc.returncode == 0 and "PASS" in proc.stdout, proc.stdout[-3000:] + proc.stderr[-3000:]
    print(proc.stdout[-1500:])  # the figures, shown with pytest -s
    text = report.read_text(encoding="utf-8")
    assert "messages sent" in text and "p95" in text
