"""The Rasa plug-ins are an installed package: Rasa finds them from any working directory.

Rasa imports the classes named in the endpoints files by module path. They used to live in the
repository's `scripts/`, importable only when Rasa ran in the repository root; worse, a tracker store
whose class does not import is replaced by Rasa with an in-memory one after a warning, so a deployment
started elsewhere would have served without keeping any conversation. Here a Python started in a
temporary directory (the repository root not on sys.path) builds each store through Rasa's own
factories from the shipped endpoints files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from bot.settings import REPO_ROOT

ENDPOINTS = ("endpoints.yml", "endpoints.prod.yml")

_LOAD = """
import importlib.util, json, sys
from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import TrackerStore
from rasa.shared.utils.common import class_from_module_path
from rasa.utils.endpoints import read_endpoint_config

root = sys.argv[1]
out = {"scripts_importable": importlib.util.find_spec("scripts") is not None}
tracker = TrackerStore.create(read_endpoint_config(f"{root}/endpoints.yml", "tracker_store"))
out["dev_tracker"] = type(tracker).__module__ + "." + type(tracker).__name__
lock = LockStore.create(read_endpoint_config(f"{root}/endpoints.yml", "lock_store"))
out["dev_lock"] = type(lock).__module__ + "." + type(lock).__name__
out["dev_lock_file"] = str(lock.path)
prod = read_endpoint_config(f"{root}/endpoints.prod.yml", "tracker_store")
out["prod_tracker"] = class_from_module_path(prod.type).__name__  # connecting needs PostgreSQL
lock = LockStore.create(read_endpoint_config(f"{root}/endpoints.prod.yml", "lock_store"))  # lazy Redis
out["prod_lock"] = type(lock).__module__ + "." + type(lock).__name__
print(json.dumps(out))
"""


def test_endpoints_files_name_the_installed_package() -> None:
    for name in ENDPOINTS:
        text = (REPO_ROOT / name).read_text(encoding="utf-8")
        assert "scripts." not in text, name
        config = yaml.safe_load(text)
        for key in ("tracker_store", "lock_store"):
            assert config[key]["type"].startswith("talentbot_rasa."), (name, key)


def test_rasa_loads_the_plugins_from_outside_the_repository(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()  # endpoints.yml keeps its SQLite files in var/ of Rasa's directory
    env = {
        **os.environ,
        "DB_HOST": "127.0.0.1:1",
        "DB_NAME": "talentbot",
        "DB_USER": "rasa",
        "DB_PASSWORD": "secret",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": "1",
        "ACTION_ENDPOINT_URL": "http://127.0.0.1:1/webhook",
    }
    env.pop("PYTHONPATH", None)
    done = subprocess.run(
        [sys.executable, "-c", _LOAD, str(REPO_ROOT)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out == {
        "scripts_importable": False,  # the repository root is not on the path
        "dev_tracker": "talentbot_rasa.lean_sql_tracker_store.LeanSQLTrackerStore",  # not in-memory
        "dev_lock": "talentbot_rasa.sqlite_lock_store.SQLiteLockStore",
        "dev_lock_file": str(tmp_path / "var" / "rasa_locks.db"),
        "prod_tracker": "LeanSQLTrackerStore",
        "prod_lock": "talentbot_rasa.redis_lock_store.AtomicRedisLockStore",
    }
    assert (tmp_path / "var" / "rasa_tracker.db").is_file()
