"""Policy editions: each decree as versioned YAML data, every figure with its clause and quote.

Why data over code (OpenFisca/PolicyEngine): a revised decree or another county is a new YAML file
plus tests, not a new code path; and because every entry quotes its sentence verbatim, a test can
prove no figure was invented (tests/test_editions.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from policy_kb.model import Citation
from policy_kb.money import wan

EDITIONS_DIR = Path(__file__).parent / "editions"
SOURCES_DIR = Path(__file__).parent / "sources"
MONEY_UNITS = {"亿元": lambda v: wan(v) * 10_000, "万元": wan, "元": int}


class UnknownParameter(KeyError):
    """A rule asked for a figure the edition does not state — a programming error, not user error."""


@dataclass(frozen=True)
class Parameter:
    id: str
    label: str
    value: Any  # integer 元 for money; int for percent/years/months/count; str/list/dict otherwise
    unit: str
    citation: Citation
    bound: str = "max"  # "max" (最高/不超过) or "min" (不少于)
    raw_value: Any = None  # the value as written in the YAML (万元 before conversion)


@dataclass(frozen=True)
class Edition:
    id: str
    region: str
    doc: str
    title: str
    effective: str
    source: str
    aliases: tuple[str, ...]
    attachments: dict[str, str] = field(default_factory=dict)
    parameters: dict[str, Parameter] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def __hash__(self) -> int:  # editions are singletons per id
        return hash(self.id)

    def param(self, pid: str) -> Parameter:
        try:
            return self.parameters[pid]
        except KeyError as exc:
            raise UnknownParameter(f"{self.id} has no parameter {pid!r}") from exc

    def has(self, pid: str) -> bool:
        return pid in self.parameters

    def value(self, pid: str) -> Any:
        return self.param(pid).value

    def cite(self, pid: str) -> Citation:
        return self.param(pid).citation

    def source_text(self) -> str:
        return (SOURCES_DIR / self.source).read_text(encoding="utf-8")


def _load(path: Path) -> Edition:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    meta = data["edition"]
    params: dict[str, Parameter] = {}
    for entry in data.get("parameters", []):
        pid = entry["id"]
        if pid in params:
            raise ValueError(f"{path.name}: duplicate parameter {pid}")
        unit = entry["unit"]
        raw = entry["value"]
        value = MONEY_UNITS[unit](raw) if unit in MONEY_UNITS else raw
        citation = Citation(
            doc=meta["doc"],
            clause=str(entry["clause"]),
            quote=entry["quote"],
            title=meta["title"],
            region=meta["region"],
        )
        params[pid] = Parameter(
            id=pid,
            label=entry.get("label", pid),
            value=value,
            unit=unit,
            citation=citation,
            bound=entry.get("bound", "max"),
            raw_value=raw,
        )
    return Edition(
        id=meta["id"],
        region=meta["region"],
        doc=meta["doc"],
        title=meta["title"],
        effective=str(meta["effective"]),
        source=meta["source"],
        aliases=tuple(meta.get("aliases", [])),
        attachments=dict(meta.get("attachments", {})),
        parameters=params,
        meta={k: v for k, v in meta.items() if k not in {"id", "region", "doc", "title"}},
    )


@cache
def all_editions() -> dict[str, Edition]:
    """Every edition under editions/, by id (loaded once per process)."""
    return {e.id: e for e in (_load(p) for p in sorted(EDITIONS_DIR.glob("*.yaml")))}


def edition(edition_id: str) -> Edition:
    return all_editions()[edition_id]


def edition_for_region(region: str | None) -> Edition | None:
    """The newest edition whose region or aliases mention `region` (永嘉/温州 → 永嘉县; 台州/椒江 → 台州市)."""
    if not region:
        return None
    matches = [
        e
        for e in all_editions().values()
        if region in e.region or e.region in region or any(a in region or region in a for a in e.aliases)
    ]
    return max(matches, key=lambda e: e.effective) if matches else None


def regions() -> list[str]:
    return sorted({e.region for e in all_editions().values()})
