"""The review vocabulary: triage statuses and tags, and the intents/entities a reviewer may assign.

Why intents come from domain.yml: an annotation is only useful as training data if its intent and
entity types exist in the Rasa domain; when the project has no domain yet, an admin-editable list in
the `review_config` table stands in (seeded with the intent names fixed in DESIGN.md).
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from fastapi import Request

from bot.auth.config import app_settings
from bot.settings import REPO_ROOT

STATUSES: dict[str, str] = {
    "new": "新建",
    "in_progress": "处理中",
    "resolved": "已解决",
    "wont_fix": "不处理",
}
# Reopening goes back to 处理中; nothing returns to 新建 once someone has looked at it.
TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"in_progress", "resolved", "wont_fix"}),
    "in_progress": frozenset({"resolved", "wont_fix"}),
    "resolved": frozenset({"in_progress"}),
    "wont_fix": frozenset({"in_progress"}),
}
TAGS: tuple[str, ...] = ("政策不清", "理解错误", "知识缺失", "需人工跟进", "其他")
DEFAULT_INTENTS = ("ask_category", "ask_benefits", "ask_next_tranche", "ask_gold_card", "out_of_scope")
DEFAULT_ENTITIES = ("honour", "category", "region", "project_type", "review_rating", "amount", "tranche")
OUT_OF_SCOPE = "out_of_scope"
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


@dataclass(frozen=True)
class Vocabulary:
    """Intents and entity types for annotation, and where they came from (for the page to say)."""

    intents: tuple[str, ...]
    entities: tuple[str, ...]
    source: str  # "domain" | "config"


def domain_path(request: Request | None = None) -> Path:
    """app.state.review_domain_path (tests), else TALENTBOT_DOMAIN (the app's Settings), else
    <repo>/domain.yml."""
    override = getattr(request.app.state, "review_domain_path", None) if request else None
    settings = app_settings(request.app if request else None)
    return Path(override or settings.review_domain or REPO_ROOT / "domain.yml")


def _names(items: Any) -> list[str]:
    """Domain lists hold plain names or one-key mappings (`- ask_x: {use_entities: …}`)."""
    names: list[str] = []
    for item in items or []:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            names.extend(str(key) for key in item)
    return names


def read_domain(path: Path) -> tuple[list[str], list[str]] | None:
    """Intents and entities of a domain file or directory of domain files; None if there is none."""
    files = sorted(path.rglob("*.yml")) + sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
    files = [f for f in files if f.is_file()]
    if not files:
        return None
    intents: list[str] = []
    entities: list[str] = []
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        if isinstance(data, dict):
            intents += [n for n in _names(data.get("intents")) if n not in intents]
            entities += [n for n in _names(data.get("entities")) if n not in entities]
    return intents, entities


def _config_list(conn: sqlite3.Connection, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    row = conn.execute("SELECT value FROM review_config WHERE key=?", (key,)).fetchone()
    if row is None:
        return default
    return tuple(json.loads(row["value"]))


def parse_names(text: str) -> list[str]:
    """One name per line (or separated by spaces/commas); raises ValueError on a malformed name."""
    names = [n for n in re.split(r"[\s,，、]+", text or "") if n]
    bad = [n for n in names if not NAME.match(n)]
    if bad:
        raise ValueError("名称只能包含英文字母、数字和下划线，且不能以数字开头：" + "、".join(bad))
    return list(dict.fromkeys(names))


def save_config_lists(conn: sqlite3.Connection, intents: list[str], entities: list[str]) -> None:
    if not intents:
        raise ValueError("至少需要一个意图。")
    for key, values in (("intents", intents), ("entities", entities)):
        conn.execute(
            "INSERT INTO review_config (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, json.dumps(values, ensure_ascii=False)),
        )


def vocabulary(conn: sqlite3.Connection, request: Request | None = None) -> Vocabulary:
    domain = read_domain(domain_path(request))
    if domain is not None and domain[0]:
        return Vocabulary(tuple(domain[0]), tuple(domain[1]), "domain")
    return Vocabulary(
        _config_list(conn, "intents", DEFAULT_INTENTS),
        _config_list(conn, "entities", DEFAULT_ENTITIES),
        "config",
    )
