"""What `make run` tells a newcomer (#14 item 8): timed steps, and what to do when one fails.

Why here and not in the shell script: the start-up half (database upgrade, a busy port, a service
that will not come up) is in Python (bot/supervisor.py) and needs the same wording as the set-up half
(scripts/first_run.sh: Python 3.10, disk, install, training). Messages are Chinese first, then
English, and always end in something to do.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

from bot.db import connect
from bot.migrations import MigrationError, SchemaTooNew, ensure_current
from bot.settings import Settings

PORT_VARIABLES = {"gateway": "GATEWAY_PORT", "rasa": "RASA_PORT", "actions": "ACTION_PORT"}


def port_owner(port: int) -> str | None:
    """'python3 (pid 1234)' for the process listening on `port`, when `ss` or `lsof` can tell."""
    if shutil.which("ss"):
        out = _quiet(["ss", "-ltnpH", f"sport = :{port}"])
        found = re.search(r'users:\(\("([^"]+)",pid=(\d+)', out)
        if found:
            return f"{found.group(1)} (pid {found.group(2)})"
    if shutil.which("lsof"):
        lines = _quiet(["lsof", "-nP", f"-iTCP:{port}", "-sTCP:LISTEN"]).splitlines()[1:]
        if lines:
            parts = lines[0].split()
            return f"{parts[0]} (pid {parts[1]})"
    return None


def _quiet(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=5, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def port_busy_hint(service: str, port: int) -> str:
    """Which process holds the port, and how to move this service elsewhere."""
    owner = port_owner(port)
    variable = PORT_VARIABLES.get(service, "GATEWAY_PORT")
    who = f"，占用者：{owner}" if owner else ""
    who_en = f" by {owner}" if owner else ""
    spare = port + 100 if port + 100 <= 65535 else port - 100
    return (
        f"端口 {port} 已被占用（{service}{who}）。\n"
        f"  处理办法：停止该进程（例如上次未退出的 make run，可按 Ctrl-C 或 kill 它的 pid），"
        f"或换一个端口：{variable}={spare} make run\n"
        f"  Port {port} for {service} is in use{who_en}: stop that process, or run {variable}={spare} make run"
    )


@contextmanager
def timed(title: str) -> Iterator[None]:
    """Print `title …` then `title: 完成 done (x.x s)` — the sub-steps of starting the services."""
    print(f"  {title} …", flush=True)
    started = time.monotonic()
    yield
    print(f"  {title}：完成 done ({time.monotonic() - started:.1f} s)", flush=True)


def upgrade_database(settings: Settings) -> bool:
    """Bring the gateway's store (var/talentbot.db, or PostgreSQL when DATABASE_URL/DB_* say so) to this
    release's schema before anything opens it; False (with a hint) when it cannot be."""
    try:
        conn = connect(settings.store)
        try:
            report = ensure_current(conn)
        finally:
            conn.close()
    except SchemaTooNew as err:
        print(f"{err}\n  恢复旧版本的备份：make restore FROM=var/backups/<时间>", flush=True)
        return False
    except (MigrationError, OSError) as err:
        print(
            f"数据库升级失败 database upgrade failed: {err}\n"
            f"  数据库未被改动（升级是一个事务）。请检查磁盘空间与 {settings.db_path if not settings.shared_store else '数据库连接'} 的权限，"
            f"或先备份再联系维护人员：make backup",
            flush=True,
        )
        return False
    if report.changed:
        print(f"  数据库结构已升级 database schema upgraded: {report.before} → {report.after}", flush=True)
    else:
        print(f"  数据库结构已是最新 database schema is current (version {report.after})", flush=True)
    return True


def failure_hint(service: str) -> str:
    """What to try when a service exits during start-up or never becomes healthy."""
    common = f"  完整日志 full log: var/log/{service}.log；修正后重新运行 make run。"
    specific = {
        "rasa": "  Rasa 启动失败：常见原因是模型损坏或内存不足。可删除 models/ 下最新的模型后重新运行 make run（会重新训练）。",
        "actions": "  动作服务启动失败：通常是 actions/ 中的代码错误，请查看日志中的 Traceback。",
        "gateway": "  网关启动失败：常见原因是环境变量配置错误或数据库无法打开，请查看日志。",
    }
    return "\n".join(filter(None, (specific.get(service, ""), common)))
