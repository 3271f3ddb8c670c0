"""bot/settings.py: one validated Settings; a bad environment value stops the start and names itself."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.auth.config import AuthConfig
from bot.settings import ENV, REPO_ROOT, Settings, SettingsError


def test_defaults_follow_design_md() -> None:
    s = Settings.from_env({})
    assert (s.host, s.gateway_port, s.rasa_port, s.action_port) == ("127.0.0.1", 8000, 5005, 5055)
    assert s.var_dir == REPO_ROOT / "var" and s.db_path == REPO_ROOT / "var" / "talentbot.db"
    assert s.endpoints_path == REPO_ROOT / "endpoints.yml" and s.sanic_workers == 2
    assert s == Settings()


def test_every_variable_is_read_and_typed(tmp_path: Path) -> None:
    s = Settings.from_env(
        {
            "HOST": "0.0.0.0",
            "GATEWAY_PORT": "9000",
            "RASA_PORT": " 6005 ",
            "TALENTBOT_VAR_DIR": str(tmp_path),
            "RASA_TIMEOUT": "12.5",
            "WECHAT_TOKEN": "tok",
            "TALENTBOT_COOKIE_SECURE": "1",
            "TALENTBOT_LOGIN_MAX_FAILURES": "3",
            "TALENTBOT_ENDPOINTS": "endpoints.prod.yml",
            "SANIC_WORKERS": "4",
            "ACTION_PORT": "",  # empty = unset
        }
    )
    assert (s.host, s.gateway_port, s.rasa_port, s.action_port) == ("0.0.0.0", 9000, 6005, 5055)
    assert s.db_path == tmp_path / "talentbot.db"  # follows TALENTBOT_VAR_DIR unless TALENTBOT_DB is set
    assert (s.rasa_timeout, s.wechat_token, s.cookie_secure) == (12.5, "tok", "always")
    assert s.endpoints_path == REPO_ROOT / "endpoints.prod.yml" and s.sanic_workers == 4
    assert AuthConfig.from_settings(s).max_failures == 3
    assert "tok" not in repr(s)  # secrets stay out of logs and tracebacks


@pytest.mark.parametrize(
    ("variable", "value", "reason"),
    [
        ("GATEWAY_PORT", "abc", "not a valid integer"),
        ("RASA_PORT", "70000", "not a TCP port"),
        ("ACTION_PORT", "0", "not a TCP port"),
        ("RASA_TIMEOUT", "-1", "more than 0 seconds"),
        ("WECHAT_PASSIVE_DEADLINE", "soon", "not a valid float"),
        ("TALENTBOT_COOKIE_SECURE", "sometimes", "permitted: 'auto', 'always', 'never'"),
        ("TALENTBOT_SESSION_HOURS", "0", "more than 0"),
        ("TALENTBOT_LOGIN_MAX_FAILURES", "many", "not a valid integer"),
        ("SANIC_WORKERS", "0", "1 or more"),
        ("WECHAT_API_BASE", "api.weixin.qq.com", "http:// or https://"),
    ],
)
def test_a_bad_value_names_the_variable(variable: str, value: str, reason: str) -> None:
    with pytest.raises(SettingsError) as err:
        Settings.from_env({variable: value})
    assert f"{variable}={value!r}" in str(err.value) and reason in str(err.value)


def test_every_bad_variable_is_named_at_once_and_secrets_are_not_echoed() -> None:
    with pytest.raises(SettingsError) as err:
        Settings.from_env({"GATEWAY_PORT": "abc", "RASA_TIMEOUT": "x", "WECHAT_SECRET": "s3cret"})
    message = str(err.value)
    assert "GATEWAY_PORT='abc'" in message and "RASA_TIMEOUT='x'" in message
    assert "s3cret" not in message


def test_overrides_are_validated_too() -> None:
    assert dataclasses.replace(Settings(), action_port=6055).action_port == 6055
    with pytest.raises(ValidationError):
        dataclasses.replace(Settings(), action_port=0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().host = "0.0.0.0"  # type: ignore[misc]


def test_bot_reads_no_environment_variable_outside_settings() -> None:
    """Configuration comes from Settings only: the one other read is the accounts CLI's
    --password-env, a variable the operator names on the command line."""
    readers = []
    for path in sorted((REPO_ROOT / "bot").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "os.environ" in text or "getenv(" in text:
            readers.append(path.relative_to(REPO_ROOT).as_posix())
    assert readers == ["bot/auth/users.py", "bot/settings.py", "bot/supervisor.py"]
    supervisor = (REPO_ROOT / "bot" / "supervisor.py").read_text(encoding="utf-8")
    assert supervisor.count("os.environ") == 1 and "env={**os.environ," in supervisor  # passed to children
    assert set(ENV.values()) >= {"HOST", "GATEWAY_PORT", "RASA_PORT", "ACTION_PORT", "TALENTBOT_DB"}


@pytest.mark.parametrize(
    "command", [["-m", "bot.supervisor"], ["-m", "bot"], ["-m", "bot.auth.users", "list"]]
)
def test_a_bad_value_stops_the_start_with_a_message(command: list[str], tmp_path: Path) -> None:
    """`make run`, `python -m bot` and `make user` refuse to start, naming the variable."""
    env = {**os.environ, "GATEWAY_PORT": "abc", "TALENTBOT_VAR_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, *command], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    assert "GATEWAY_PORT='abc': value is not a valid integer" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "log").exists() and not (tmp_path / "talentbot.db").exists()  # nothing started


def test_the_app_factory_refuses_a_bad_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """`uvicorn bot.app:app` builds the app from the environment: the same error stops it."""
    from bot.app import create_app

    monkeypatch.setenv("RASA_PORT", "rasa")
    with pytest.raises(SettingsError, match="RASA_PORT='rasa'"):
        create_app()
