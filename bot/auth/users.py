"""Staff accounts (reviewer / admin): argon2 password hashes in the gateway's SQLite file, plus a CLI.

    python -m bot.auth.users create --username wang --role admin          # password asked twice
    python -m bot.auth.users create --username li --password-env LI_PW    # password from $LI_PW
    python -m bot.auth.users list                                         # (`make user` = create)

Why no default password anywhere: the first admin comes from this CLI or from TALENTBOT_ADMIN_USER /
TALENTBOT_ADMIN_PASSWORD at first start (`ensure_admin_from_env`, called by the auth router's
lifespan), and an existing account is never overwritten from the environment — so a forgotten env var
cannot reset a changed password.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sqlite3
import sys
import unicodedata
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.auth import audit
from bot.auth.schema import as_connection, default_db_path, open_db
from bot.auth.sessions import revoke_user_sessions
from bot.db import is_postgres, utc_now
from bot.settings import Settings, SettingsError

log = logging.getLogger(__name__)

ROLES: dict[str, str] = {"reviewer": "复核员", "admin": "管理员"}
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256
HASHER = PasswordHasher()  # argon2id with the library's current recommended cost
# Verified against when the username is unknown, so both cases take the same time.
_DUMMY_HASH = HASHER.hash("talentbot-timing-equaliser")


class UserError(ValueError):
    """A rejected account change; `str(err)` is a Chinese message fit to show staff."""


def normalize_username(username: str) -> str:
    """NFKC + trim + lower-case: full-width letters and case must not create look-alike accounts."""
    return unicodedata.normalize("NFKC", username or "").strip().lower()


def _check_username(username: str) -> str:
    name = normalize_username(username)
    if not (2 <= len(name) <= 40) or not all(ch.isalnum() or ch in "._-" for ch in name):
        raise UserError("用户名须为 2–40 位字母、数字、汉字或 . _ -。")
    return name


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise UserError(f"密码至少 {MIN_PASSWORD_LENGTH} 位。")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError(f"密码最多 {MAX_PASSWORD_LENGTH} 位。")


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise UserError("角色只能是 reviewer（复核员）或 admin（管理员）。")
    return role


def get_user(conn: sqlite3.Connection, username: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM users WHERE username=?", (normalize_username(username),)).fetchone()
    return dict(row) if row else None


def get_user_by_id(conn: sqlite3.Connection, user_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM users WHERE id=?", (user_id,)).fetchone()
    return dict(row) if row else None


def list_users(conn: sqlite3.Connection, *, active_only: bool = False) -> list[dict[str, Any]]:
    sql = "SELECT id, username, role, display_name, active, created_at, last_login_at FROM users"
    sql += " WHERE active=1" if active_only else ""
    return [dict(r) for r in conn.execute(sql + " ORDER BY username").fetchall()]


def count_admins(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM users WHERE role='admin' AND active=1").fetchone()[0])


def create_user(
    conn: sqlite3.Connection,
    username: str,
    password: str,
    role: str,
    *,
    display_name: str = "",
    actor: dict[str, Any] | None = None,
) -> int:
    """Create an account and audit it; raises UserError on a taken name or a weak password."""
    name = _check_username(username)
    check_password(password)
    _check_role(role)
    if get_user(conn, name):
        raise UserError(f"用户名 {name} 已存在。")
    now = utc_now()
    cur = conn.execute(
        "INSERT INTO users (username, password_hash, role, display_name, active, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, 1, ?, ?)",
        (name, HASHER.hash(password), role, display_name.strip()[:60], now, now),
    )
    user_id = int(cur.lastrowid or 0)
    audit.record(
        conn,
        "user_create",
        target_type="user",
        target_id=name,
        detail={"role": role},
        **_actor(actor),
    )
    return user_id


def update_user(
    conn: sqlite3.Connection,
    user_id: int,
    *,
    role: str | None = None,
    active: bool | None = None,
    display_name: str | None = None,
    actor: dict[str, Any] | None = None,
) -> None:
    """Change role / active / display name; ends the user's sessions when their rights shrink."""
    user = get_user_by_id(conn, user_id)
    if user is None:
        raise UserError("账号不存在。")
    changes: dict[str, Any] = {}
    if role is not None and _check_role(role) != user["role"]:
        changes["role"] = role
    if active is not None and int(active) != user["active"]:
        changes["active"] = int(active)
    if display_name is not None and display_name.strip()[:60] != user["display_name"]:
        changes["display_name"] = display_name.strip()[:60]
    if not changes:
        return
    demotes_admin = (
        user["role"] == "admin"
        and user["active"]
        and (changes.get("role", "admin") != "admin" or changes.get("active", 1) == 0)
    )
    if demotes_admin and count_admins(conn) <= 1:
        raise UserError("至少保留一名启用的管理员。")
    sets = ", ".join(f"{col}=?" for col in changes)
    conn.execute(f"UPDATE users SET {sets}, updated_at=? WHERE id=?", (*changes.values(), utc_now(), user_id))
    if "role" in changes or changes.get("active") == 0:
        revoke_user_sessions(conn, user_id)
    before = {k: user[k] for k in changes}
    audit.record(
        conn,
        "user_update",
        target_type="user",
        target_id=user["username"],
        detail={"before": before, "after": changes},
        **_actor(actor),
    )


def set_password(
    conn: sqlite3.Connection, user_id: int, password: str, *, actor: dict[str, Any] | None = None
) -> None:
    """Replace a password and end every session of that user."""
    check_password(password)
    user = get_user_by_id(conn, user_id)
    if user is None:
        raise UserError("账号不存在。")
    conn.execute(
        "UPDATE users SET password_hash=?, updated_at=? WHERE id=?",
        (HASHER.hash(password), utc_now(), user_id),
    )
    revoke_user_sessions(conn, user_id)
    audit.record(conn, "user_password", target_type="user", target_id=user["username"], **_actor(actor))


def authenticate(conn: sqlite3.Connection, username: str, password: str) -> dict[str, Any] | None:
    """The active account whose password matches, else None; upgrades outdated hashes on the way."""
    user = get_user(conn, username)
    if not password or len(password) > MAX_PASSWORD_LENGTH:
        return None
    stored = user["password_hash"] if user and user["active"] else _DUMMY_HASH
    try:
        HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user["active"]:
        return None
    if HASHER.check_needs_rehash(stored):
        conn.execute("UPDATE users SET password_hash=? WHERE id=?", (HASHER.hash(password), user["id"]))
    conn.execute("UPDATE users SET last_login_at=? WHERE id=?", (utc_now(), user["id"]))
    return user


def _actor(actor: dict[str, Any] | None) -> dict[str, Any]:
    """Audit keyword arguments for whoever made a change (an admin, or the CLI / environment)."""
    actor = actor or {"username": "cli"}
    return {"user_id": actor.get("id"), "username": actor.get("username"), "ip": actor.get("ip")}


def ensure_admin_from_env(db: object, settings: Settings | None = None) -> str | None:
    """At first start, create the admin named by TALENTBOT_ADMIN_USER / TALENTBOT_ADMIN_PASSWORD
    (`settings.admin_user` / `admin_password`; the environment's Settings when none is given).

    Does nothing when the variables are unset or the account already exists (its password is never
    changed from here). Returns the created username. `db` is a path, a sqlite3 connection or a
    sqlite_utils Database. A weak password raises UserError, so a bad deployment fails loudly.
    """
    settings = settings or Settings.from_env()
    username = settings.admin_user.strip()
    password = settings.admin_password
    if not username and not password:
        return None
    if not username or not password:
        log.warning("TALENTBOT_ADMIN_USER and TALENTBOT_ADMIN_PASSWORD must both be set; no admin created")
        return None
    conn, owned = as_connection(db)
    try:
        if get_user(conn, username):
            return None
        create_user(conn, username, password, "admin", actor={"username": "env"})
        log.info("created admin account %s from the environment", normalize_username(username))
        return normalize_username(username)
    finally:
        if owned:
            conn.close()


# ---- CLI ---------------------------------------------------------------------------------------------
def _db_path(arg: str | None) -> Path | str:
    if not arg:
        return default_db_path()
    return arg if is_postgres(arg) else Path(arg)


def _read_password(env_name: str | None) -> str:
    if env_name:  # the variable the operator named with --password-env: input, not configuration
        value = os.environ.get(env_name)
        if not value:
            raise UserError(f"环境变量 {env_name} 未设置或为空。")
        return value
    first = getpass.getpass("密码（至少 10 位）：")
    if first != getpass.getpass("再次输入密码："):
        raise UserError("两次输入的密码不一致。")
    return first


def _cmd_create(conn: sqlite3.Connection, args: argparse.Namespace) -> None:
    username = args.username or input("用户名：").strip()
    role = args.role or ("admin" if count_admins(conn) == 0 else "reviewer")
    password = _read_password(args.password_env)
    create_user(conn, username, password, role, display_name=args.display_name or "")
    print(f"已创建账号 {normalize_username(username)}（{ROLES[role]}）。")


def _cmd_list(conn: sqlite3.Connection, _: argparse.Namespace) -> None:
    for user in list_users(conn):
        state = "启用" if user["active"] else "停用"
        print(f"{user['username']}\t{ROLES[user['role']]}\t{state}\t最近登录 {user['last_login_at'] or '-'}")


def _cmd_password(conn: sqlite3.Connection, args: argparse.Namespace) -> None:
    user = get_user(conn, args.username)
    if user is None:
        raise UserError("账号不存在。")
    set_password(conn, user["id"], _read_password(args.password_env))
    print(f"已重置 {user['username']} 的密码，其所有会话已失效。")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.auth.users", description="管理服务办公室复核账号")
    parser.add_argument(
        "--db", help="SQLite 文件或 postgresql:// 地址（默认 DATABASE_URL、TALENTBOT_DB 或 var/talentbot.db）"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create", help="创建账号")
    create.add_argument("--username")
    create.add_argument("--role", choices=sorted(ROLES), help="默认：尚无管理员时为 admin，否则 reviewer")
    create.add_argument("--display-name")
    create.add_argument("--password-env", metavar="VAR", help="从该环境变量读取密码（否则交互输入）")
    create.set_defaults(run=_cmd_create)
    sub.add_parser("list", help="列出账号").set_defaults(run=_cmd_list)
    password = sub.add_parser("set-password", help="重置密码")
    password.add_argument("--username", required=True)
    password.add_argument("--password-env", metavar="VAR")
    password.set_defaults(run=_cmd_password)
    args = parser.parse_args(argv)
    try:
        path = _db_path(args.db)
    except SettingsError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    conn = open_db(path)
    try:
        args.run(conn, args)
    except UserError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    finally:
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
