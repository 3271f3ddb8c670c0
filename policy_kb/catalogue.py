"""The talent catalogue: which honour or title puts a person in which category (1–5).

Why a matcher and not a lookup: people write 杰青, 国千, “151”第三层次, 博士 inside a sentence, often
several at once. We match the longest alias first, never guess an honour the text does not list
(those need assessment, 经认定), and ask when an alias is ambiguous (千人计划: national or provincial?).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from policy_kb.editions import Edition, edition
from policy_kb.model import Citation
from policy_kb.text import claim_spans, compact

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Honour:
    id: str
    name: str
    category: int
    aliases: tuple[str, ...]
    citation: Citation
    needs_confirmation: str = ""


@dataclass
class Match:
    """What the matcher found in a piece of text."""

    honours: list[Honour] = field(default_factory=list)
    ambiguous: dict[str, list[Honour]] = field(default_factory=dict)  # alias → candidates
    unlisted: dict[str, str] = field(default_factory=dict)  # known-unlisted term → note
    leftovers: list[str] = field(default_factory=list)  # input items where nothing matched


@dataclass(frozen=True)
class Catalogue:
    edition: Edition
    honours: dict[str, Honour]
    ambiguous: dict[str, tuple[str, ...]]
    unlisted: dict[str, str]
    assessment_who: str
    assessment_citation: Citation
    special_citation: Citation

    @property
    def _patterns(self) -> list[tuple[str, str, str]]:
        return _alias_patterns(self.edition.id)

    def match(self, items: str | list[str]) -> Match:
        """Find every listed honour in `items` (a sentence or a list of honour names)."""
        texts = [items] if isinstance(items, str) else [str(i) for i in items]
        found = Match()
        for raw in texts:
            text = compact(raw)
            if not text:
                continue
            claims = claim_spans(text, ((alias, (kind, target)) for alias, kind, target in self._patterns))
            for _, (kind, target) in claims:
                if kind == "honour":
                    h = self.honours[target]
                    if h not in found.honours:
                        found.honours.append(h)
                elif kind == "ambiguous":
                    found.ambiguous[target] = [self.honours[i] for i in self.ambiguous[target]]
                else:
                    found.unlisted[target] = self.unlisted[target]
            if not claims:
                found.leftovers.append(raw.strip())
        # an ambiguous alias is settled when one of its candidates was also named explicitly
        for alias, cands in list(found.ambiguous.items()):
            if any(c in found.honours for c in cands):
                del found.ambiguous[alias]
        return found

    def by_category(self) -> dict[int, list[Honour]]:
        out: dict[int, list[Honour]] = {}
        for h in self.honours.values():
            out.setdefault(h.category, []).append(h)
        return dict(sorted(out.items()))


@cache
def _alias_patterns(edition_id: str) -> list[tuple[str, str, str]]:
    cat = catalogue(edition_id)
    pats: dict[str, tuple[str, str]] = {}
    for term in cat.unlisted:
        pats[compact(term)] = ("unlisted", term)
    for alias in cat.ambiguous:
        pats.setdefault(compact(alias), ("ambiguous", alias))
    for h in cat.honours.values():
        for a in (h.name, *h.aliases):
            pats[compact(a)] = ("honour", h.id)  # an explicit honour alias wins over an ambiguous one
    return sorted(((a, k, t) for a, (k, t) in pats.items() if a), key=lambda p: -len(p[0]))


def _load(path: Path) -> Catalogue:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    ed = edition(data["edition"])

    def cite(quote: str) -> Citation:
        return Citation(doc=ed.doc, clause=str(data["clause"]), quote=quote, title=ed.title, region=ed.region)

    honours = {
        h["id"]: Honour(
            id=h["id"],
            name=h["name"],
            category=int(h["category"]),
            aliases=tuple(str(a) for a in h["aliases"]),
            citation=cite(h["quote"]),
            needs_confirmation=h.get("needs_confirmation", ""),
        )
        for h in data["honours"]
    }
    a = data["assessment"]
    special = Citation(
        doc=ed.doc, clause="三（十一）", quote=a["special_quote"], title=ed.title, region=ed.region
    )
    return Catalogue(
        edition=ed,
        honours=honours,
        ambiguous={str(k): tuple(v) for k, v in data.get("ambiguous", {}).items()},
        unlisted={str(k): str(v) for k, v in data.get("known_unlisted", {}).items()},
        assessment_who=a["who"],
        assessment_citation=cite(a["quote"]),
        special_citation=special,
    )


@cache
def catalogue(edition_id: str = "yongjia-2016") -> Catalogue:
    return _load(DATA_DIR / f"catalogue-{edition_id}.yaml")


def catalogues() -> dict[str, Catalogue]:
    return {
        p.stem.removeprefix("catalogue-"): catalogue(p.stem.removeprefix("catalogue-"))
        for p in sorted(DATA_DIR.glob("catalogue-*.yaml"))
    }


def user_dictionary_terms() -> list[str]:
    """Every honour name and alias (for jieba's user dictionary and spaCy's EntityRuler)."""
    terms: set[str] = set()
    for cat in catalogues().values():
        for h in cat.honours.values():
            terms.update(t for t in (h.name, *h.aliases) if t)
        terms.update(cat.ambiguous)
        terms.update(cat.unlisted)
    return sorted(terms)
