"""The audit log: one row per security- or data-relevant act (logins, triage, annotations, exports, users).

Why a table and not the application log: the service office must be able to answer "who changed this
conversation's status, and when" long after log files rotate, and admins read it from a page.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from bot.db import utc_now

ACTION_LABELS: dict[str, str] = {
    "login": "登录",
    "login_failed": "登录失败",
    "login_blocked": "登录被限流",
    "logout": "退出登录",
    "user_create": "创建账号",
    "user_update": "修改账号",
    "user_password": "重置密码",
    "triage_update": "修改处理状态",
    "note_add": "添加备注",
    "annotation_save": "保存标注",
    "annotation_delete": "删除标注",
    "vocab_update": "修改意图与实体列表",
    "export": "导出数据",
}


def record(
    conn: sqlite3.Connection,
    action: str,
    *,
    user_id: int | None = None,
    username: str | None = None,
    target_type: str | None = None,
    target_id: str | int | None = None,
    detail: dict[str, Any] | None = None,
    ip: str | None = None,
) -> int:
    """Append one audit row and return its id; `detail` is stored as JSON (Chinese kept readable)."""
    cur = conn.execute(
        "INSERT INTO audit_log (ts, user_id, username, action, target_type, target_id, detail, ip) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            utc_now(),
            user_id,
            username,
            action,
            target_type,
            None if target_id is None else str(target_id),
            json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else None,
            ip,
        ),
    )
    return int(cur.lastrowid or 0)


def recent(conn: sqlite3.Connection, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    """Newest audit rows first, with `detail` decoded."""
    rows = conn.execute(
        "SELECT * FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset)
    ).fetchall()
    out = []
    for row in rows:
        item = dict(row)
        item["detail"] = json.loads(item["detail"]) if item["detail"] else {}
        item["action_label"] = ACTION_LABELS.get(item["action"], item["action"])
        out.append(item)
    return out
