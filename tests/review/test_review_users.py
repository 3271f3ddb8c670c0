"""Staff accounts: admin management pages, the CLI, and the first admin from the environment."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import sqlite_utils
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.auth import users
from bot.auth.schema import REPO_ROOT, open_db
from bot.settings import Settings
from tests.review.review_fixtures import ADMIN, build_app, login, session_csrf


def _audit_actions(db_path: Path) -> list[str]:
    return [r[0] for r in sqlite3.connect(db_path).execute("SELECT action FROM audit_log ORDER BY id")]


def test_admin_manages_accounts(admin: TestClient, app: FastAPI, db_path: Path) -> None:
    token = session_csrf(admin)
    resp = admin.post(
        "/review/users",
        data={
            "csrf_token": token,
            "username": "Zhao",
            "password": "zhao-password-1",
            "role": "reviewer",
            "display_name": "赵复核",
        },
    )
    assert resp.status_code == 200 and "账号已创建" in resp.text and "赵复核" in resp.text
    for data, message in (
        ({"username": "zhao", "password": "another-password"}, "已存在"),
        ({"username": "qian", "password": "short"}, "密码至少 10 位"),
        ({"username": "a b", "password": "long-enough-pw"}, "用户名须为"),
        ({"username": "sun", "password": "long-enough-pw", "role": "root"}, "角色只能是"),
    ):
        bad = admin.post("/review/users", data={"csrf_token": token, "role": "reviewer", **data})
        assert bad.status_code == 400 and message in bad.text

    with TestClient(app) as zhao:
        assert login(zhao, "ZHAO", "zhao-password-1").status_code == 303  # usernames are case-insensitive
        assert zhao.get("/review").status_code == 200
        zhao_id = users.get_user(open_db(db_path), "zhao")["id"]
        # disabling the account ends its sessions at once
        admin.post(f"/review/users/{zhao_id}", data={"csrf_token": token, "role": "reviewer", "active": "0"})
        assert zhao.get("/review", follow_redirects=False).status_code == 303
        assert login(zhao, "zhao", "zhao-password-1").status_code == 401
        admin.post(f"/review/users/{zhao_id}", data={"csrf_token": token, "role": "reviewer", "active": "1"})
        resp = admin.post(
            f"/review/users/{zhao_id}/password", data={"csrf_token": token, "password": "new-password-22"}
        )
        assert "密码已重置" in resp.text
        assert login(zhao, "zhao", "zhao-password-1").status_code == 401
        assert login(zhao, "zhao", "new-password-22").status_code == 303

    admin_id = users.get_user(open_db(db_path), ADMIN[0])["id"]
    last = admin.post(
        f"/review/users/{admin_id}", data={"csrf_token": token, "role": "reviewer", "active": "1"}
    )
    assert last.status_code == 400 and "至少保留一名启用的管理员" in last.text
    actions = _audit_actions(db_path)
    assert actions.count("user_create") == 3  # two fixtures + zhao
    assert actions.count("user_update") == 2 and actions.count("user_password") == 1


def test_cli_creates_an_account_from_an_env_var(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    env = {**os.environ, "NEW_ADMIN_PW": "cli-password-123"}
    ok = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.auth.users",
            "--db",
            str(db),
            "create",
            "--username",
            "boss",
            "--role",
            "admin",
            "--password-env",
            "NEW_ADMIN_PW",
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0, ok.stderr
    assert "已创建账号 boss（管理员）" in ok.stdout
    missing = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.auth.users",
            "--db",
            str(db),
            "create",
            "--username",
            "x2",
            "--password-env",
            "NOT_SET_ANYWHERE",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 2 and "NOT_SET_ANYWHERE" in missing.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "bot.auth.users", "--db", str(db), "list"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "boss\t管理员\t启用" in listed.stdout
    conn = open_db(db)
    assert users.authenticate(conn, "boss", "cli-password-123") is not None
    assert conn.execute("SELECT password_hash FROM users").fetchone()[0].startswith("$argon2id$")


def test_cli_prompts_for_the_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    answers = iter(["prompt-password-1", "prompt-password-1", "x-password-1", "y-password-1"])
    monkeypatch.setattr(users.getpass, "getpass", lambda prompt="": next(answers))
    db = str(tmp_path / "p.db")
    assert users.main(["--db", db, "create", "--username", "first"]) == 0
    assert "first（管理员）" in capsys.readouterr().out  # the first account defaults to admin
    assert users.main(["--db", db, "create", "--username", "second"]) == 2  # mismatched confirmation
    assert "两次输入的密码不一致" in capsys.readouterr().err


def test_ensure_admin_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.db"
    monkeypatch.delenv("TALENTBOT_ADMIN_USER", raising=False)
    monkeypatch.delenv("TALENTBOT_ADMIN_PASSWORD", raising=False)
    assert users.ensure_admin_from_env(db) is None
    monkeypatch.setenv("TALENTBOT_ADMIN_USER", "chief")
    assert users.ensure_admin_from_env(db) is None  # password missing: nothing, no default password
    monkeypatch.setenv("TALENTBOT_ADMIN_PASSWORD", "short")
    with pytest.raises(users.UserError):
        users.ensure_admin_from_env(db)
    monkeypatch.setenv("TALENTBOT_ADMIN_PASSWORD", "chief-password-1")
    assert users.ensure_admin_from_env(sqlite_utils.Database(db)) == "chief"
    monkeypatch.setenv("TALENTBOT_ADMIN_PASSWORD", "changed-password-2")
    assert users.ensure_admin_from_env(sqlite3.connect(db)) is None  # never overwrites an existing account
    conn = open_db(db)
    assert users.authenticate(conn, "chief", "chief-password-1")["role"] == "admin"
    assert users.authenticate(conn, "chief", "changed-password-2") is None


def test_app_start_creates_the_env_admin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TALENTBOT_ADMIN_USER", "starter")
    monkeypatch.setenv("TALENTBOT_ADMIN_PASSWORD", "starter-password-1")
    db = tmp_path / "start.db"
    app = build_app(db, tmp_path / "none.yml")
    app.state.settings = replace(Settings.from_env(), var_dir=tmp_path, db_path=db)  # as bot.app builds it
    with TestClient(app) as client:  # lifespan runs here
        assert login(client, "starter", "starter-password-1").status_code == 303
        assert client.get("/review/users").status_code == 200


def test_reviewer_sees_no_admin_links(reviewer: TestClient, admin: TestClient) -> None:
    assert "/review/users" not in reviewer.get("/review").text
    assert "/review/users" in admin.get("/review").text
    # a logged-in user asking for the login form goes straight back to the review pages
    assert (
        reviewer.get("/login?next=/review/insights", follow_redirects=False).headers["location"]
        == "/review/insights"
    )
