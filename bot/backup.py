"""`make backup` / `make restore`: copies of the embedded stores taken with SQLite's online backup API.

Why the backup API and not `cp`: the gateway keeps writing while a backup runs, and in WAL mode the
newest commits live in `talentbot.db-wal`; copying the files could catch a page half-written or miss
the WAL. `sqlite3.Connection.backup` copies a consistent snapshot page by page while writers go on.

What is copied: the gateway's database (conversation log, staff accounts, audit log, review tables)
and, when it is in var/, Rasa's SQLite tracker store, into `var/backups/<YYYYmmdd-HHMMSS>/` with a
`manifest.json` (when, schema version). The lock store is not copied: its rows live seconds.

Why restore is careful: it replaces every row written since the backup. It refuses while the gateway
answers on its port (a running gateway would keep writing into the file being replaced; stop `make
run` first, or `--force` when the port belongs to something else), asks for a typed "yes" unless
`--yes`, checks the copy (`PRAGMA integrity_check`, a schema version this code knows), keeps the
current files in `var/backups/pre-restore-<time>/` first, and upgrades an older backup's schema after.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bot.db import connect, utc_now
from bot.migrations import LATEST_VERSION, ensure_current, schema_version
from bot.settings import Settings, SettingsError

GATEWAY_FILE = "talentbot.db"
TRACKER_FILE = "rasa_tracker.db"
MANIFEST = "manifest.json"


class BackupError(RuntimeError):
    """A backup or restore that must not go ahead; the message says why and what to do (Chinese first)."""


@dataclass(frozen=True)
class Restored:
    source: Path
    files: tuple[str, ...]
    kept_in: Path | None  # the previous files, copied before they were replaced
    version_before: int
    version_after: int


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")


def copy_db(source: Path, target: Path) -> None:
    """Copy one SQLite file with the online backup API (a consistent snapshot, writers keep going)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10.0)
    dst = sqlite3.connect(target, timeout=10.0)
    try:
        src.backup(dst, pages=1024)  # in steps: a writer waits for one step, not the whole copy
    finally:
        dst.close()
        src.close()


def _sources(settings: Settings) -> dict[str, Path]:
    files = {GATEWAY_FILE: settings.db_path}
    tracker = settings.var_dir / TRACKER_FILE
    if tracker.is_file():
        files[TRACKER_FILE] = tracker
    return files


def backup(settings: Settings, target: Path | None = None) -> Path:
    """Back up the embedded stores into `target` (default var/backups/<time>/); returns the folder."""
    if not settings.db_path.is_file():
        raise BackupError(
            f"没有可备份的数据库：{settings.db_path} 不存在。(no database at {settings.db_path})"
        )
    folder = target or settings.var_dir / "backups" / _stamp()
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"备份目录 {folder} 已存在且不为空。(backup folder is not empty)")
    files = _sources(settings)
    for name, path in files.items():
        copy_db(path, folder / name)
    conn = sqlite3.connect(folder / GATEWAY_FILE)
    try:
        version = schema_version(conn)
    finally:
        conn.close()
    manifest = {"created_at": utc_now(), "schema_version": version, "files": sorted(files)}
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def _check_copy(path: Path) -> int:
    """The copy's schema version, after checking it is a sound SQLite file this code can read."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            version = schema_version(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise BackupError(f"{path} 不是可用的 SQLite 数据库：{err} (not a usable SQLite file)") from None
    if verdict != "ok":
        raise BackupError(f"{path} 已损坏（integrity_check: {verdict}），未恢复。(the copy is damaged)")
    if version > LATEST_VERSION:
        raise BackupError(
            f"备份的结构版本 {version} 比本程序支持的 {LATEST_VERSION} 新：请用生成该备份的版本恢复。"
            f" (backup schema {version} is newer than this code's {LATEST_VERSION})"
        )
    return version


def gateway_running(settings: Settings) -> bool:
    """Something answers on the gateway's port (loopback): most likely `make run`."""
    from bot.supervisor import port_in_use

    return port_in_use(settings.gateway_port)


def restore(
    settings: Settings,
    source: Path,
    *,
    force: bool = False,
    assume_yes: bool = False,
    ask: Callable[[str], str] | None = None,
) -> Restored:
    """Replace the embedded stores with the backup in `source` (a backup folder or one .db file)."""
    files = (
        {n: source / n for n in (GATEWAY_FILE, TRACKER_FILE) if (source / n).is_file()}
        if source.is_dir()
        else {GATEWAY_FILE: source}
    )
    if GATEWAY_FILE not in files or not files[GATEWAY_FILE].is_file():
        raise BackupError(f"在 {source} 中没有找到 {GATEWAY_FILE}。(no {GATEWAY_FILE} in {source})")
    if not force and gateway_running(settings):
        raise BackupError(
            f"网关似乎正在运行（端口 {settings.gateway_port} 有程序在监听）：请先在 make run 的窗口按 Ctrl-C 停止服务再恢复；"
            f"若该端口属于其他程序，可加 --force。"
            f" (the gateway seems to be running on port {settings.gateway_port}: stop it first, or use --force)"
        )
    version = _check_copy(files[GATEWAY_FILE])
    if not assume_yes:
        question = (
            f"将用 {source} 覆盖 {settings.db_path}"
            + (f" 和 {settings.var_dir / TRACKER_FILE}" if TRACKER_FILE in files else "")
            + "，此后写入的数据都会丢失（当前文件会先另存）。确认请输入 yes："
        )
        if ask is None and not sys.stdin.isatty():
            raise BackupError(
                "需要确认：请在终端中运行，或加 --yes。(confirmation needed: run in a terminal or pass --yes)"
            )
        if (ask or input)(question).strip().lower() != "yes":
            raise BackupError("已取消，未做任何更改。(cancelled, nothing changed)")
    targets = {GATEWAY_FILE: settings.db_path, TRACKER_FILE: settings.var_dir / TRACKER_FILE}
    kept_in: Path | None = None
    current = {n: targets[n] for n in files if targets[n].is_file()}
    if current:
        kept_in = settings.var_dir / "backups" / f"pre-restore-{_stamp()}"
        for name, path in current.items():
            copy_db(path, kept_in / name)
    for name, path in files.items():
        # Into the live file with the backup API (not a file copy): its -wal and -shm stay consistent.
        copy_db(path, targets[name])
    conn = connect(settings.db_path)
    try:
        after = ensure_current(conn).after
    finally:
        conn.close()
    return Restored(source, tuple(sorted(files)), kept_in, version, after)


def backups(settings: Settings) -> list[Path]:
    root = settings.var_dir / "backups"
    return sorted(p for p in root.iterdir() if (p / GATEWAY_FILE).is_file()) if root.is_dir() else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.backup", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    made = sub.add_parser("backup", help="back up var/ (make backup)")
    made.add_argument("--to", type=Path, help="folder to write (default var/backups/<time>)")
    back = sub.add_parser("restore", help="restore a backup (make restore FROM=…)")
    back.add_argument("source", type=Path, help="a backup folder, or one talentbot.db copy")
    back.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    back.add_argument("--force", action="store_true", help="restore even though the gateway port is in use")
    sub.add_parser("list", help="list the backups in var/backups")
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        if args.command == "backup":
            folder = backup(settings, args.to)
            print(f"备份完成 backup written: {folder}")
            print(f"恢复方法 to restore: make restore FROM={folder}")
        elif args.command == "restore":
            done = restore(settings, args.source, force=args.force, assume_yes=args.yes)
            print(f"已恢复 restored {', '.join(done.files)} from {done.source}")
            if done.kept_in:
                print(f"恢复前的文件已另存 previous files kept in: {done.kept_in}")
            if done.version_after != done.version_before:
                print(f"数据库结构已升级 schema upgraded: {done.version_before} → {done.version_after}")
        else:
            for folder in backups(settings):
                print(folder)
    except (BackupError, SettingsError) as err:
        print(f"talentbot: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
