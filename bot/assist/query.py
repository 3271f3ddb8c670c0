"""Reading a hotline keyword query: which region, which figures, which calculator it names.

Why not the Rasa NLU: staff type three or four keywords while talking ("第三类 重点推荐", "柔性 30万"),
not sentences, and need an answer per keystroke. Keyword queries are regular enough that the catalogue
matcher (honours and their aliases), policy_kb's input parsers and a small vocabulary
(bot/assist/vocabulary.py) read them deterministically, in well under a millisecond. Text is normalised
the way policy_kb.search does it (traditional → simplified, full-width → half-width, no spaces), so the
same query reaches the same calculator and the same jieba/BM25 search, whose tokenizer carries the
catalogue's user dictionary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from bot.assist.vocabulary import AMOUNT_LABELS, CALCULATORS, LEVELS, WORKSTATION_KINDS
from policy_kb import inputs
from policy_kb.catalogue import Match, catalogue
from policy_kb.inputs import InputError
from policy_kb.passages import documents
from policy_kb.rules.awards import parse_plan
from policy_kb.search import compact
from policy_kb.text import claim_spans

_AMOUNT = re.compile(
    r"(?<![\d.])-?(\d+(?:\.\d+)?)(亿|万)元?|(?<![\d.])-?(\d+(?:\.\d+)?)元"
)  # "-30万" is matched so that it is refused, not read as 30万
_RATE = re.compile(r"(\d+(?:\.\d+)?)%")
_CATEGORY = re.compile(r"(?<![哪几每各])第?([1-5一二三四五])类")  # not 哪一类, 几类
_RATING = re.compile(r"(特别|重点|一般|不予)推荐")
_TRANCHE = re.compile(r"第?([1-3一二三])期|(首期)|(尾款)|(最后一期)")
_HAN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}


@cache
def _calculator_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The vocabulary normalised once (normalising costs more than matching)."""
    return tuple((name, tuple(compact(w) for w in spec["words"])) for name, spec in CALCULATORS.items())


@cache
def _region_aliases() -> tuple[tuple[str, str], ...]:
    """(alias, region) pairs from the editions, longest alias first (台州市 before 台州)."""
    pairs = {(compact(a), d.region) for d in documents() for a in (d.region, *d.aliases)}
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@dataclass(frozen=True)
class Amount:
    """A sum of money typed in the query and the figure the word before it says it is."""

    yuan: int
    slot: str | None  # salary | paid_in_capital | … (vocabulary.AMOUNT_LABELS), None if unlabelled


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    text: str  # compact normalised form
    regions: tuple[str, ...]  # regions the query names (永嘉县, 台州市)
    category: int | None = None
    rating: str | None = None
    project_type: str | None = None
    tranche: int | str | None = None  # 1–3, or "last" for 尾款
    amounts: tuple[Amount, ...] = ()
    rate: Decimal | None = None
    plan: str | None = None
    level: str | None = None
    workstation_kind: str | None = None
    honours: Match = field(default_factory=Match)
    named: frozenset[str] = frozenset()  # calculators whose words occur in the query

    def amount(self, *slots: str, default: bool = True) -> int | None:
        """The amount labelled with one of `slots`; else, with `default`, the one unlabelled amount."""
        for a in self.amounts:
            if a.slot in slots:
                return a.yuan
        unlabelled = [a.yuan for a in self.amounts if a.slot is None]
        return unlabelled[0] if default and len(unlabelled) == 1 else None

    @property
    def has_honours(self) -> bool:
        h = self.honours
        return bool(h.honours or h.ambiguous or h.unlisted)

    def present(self, need: str) -> bool:
        """Whether the query states the input `need` (a `needs` entry of vocabulary.CALCULATORS)."""
        return {
            "honours": self.has_honours,
            "rating": self.rating is not None,
            "tranche": self.tranche is not None,
            "amount": bool(self.amounts),
            "category": self.category is not None,
            "rate": self.rate is not None,
            "plan": self.plan is not None,
            "workstation_kind": self.workstation_kind is not None,
            "level": self.level is not None,
            "skills": True,  # the rule itself says whether it knows the award
        }[need]


def _regions(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(region for _, region in claim_spans(text, _region_aliases())))


def _amounts(text: str) -> tuple[Amount, ...]:
    labels = AMOUNT_LABELS
    out: list[Amount] = []
    prev_end = 0
    for m in _AMOUNT.finditer(text):
        try:
            yuan = inputs.amount_yuan(m.group(0), "金额")
        except InputError:
            continue
        before = text[prev_end : m.start()]
        best: tuple[int, str] | None = None
        for slot, words in labels.items():
            for w in words:
                at = before.rfind(w)
                if at != -1 and (best is None or at + len(w) > best[0]):
                    best = (at + len(w), slot)
        if yuan is not None:
            out.append(Amount(yuan, best[1] if best else None))
        prev_end = m.end()
    return tuple(out)


def _tranche(text: str) -> int | str | None:
    m = _TRANCHE.search(text)
    if not m:
        return None
    if m.group(2):
        return 1
    if m.group(3) or m.group(4):
        return "last"
    d = m.group(1)
    return int(d) if d.isdigit() else _HAN[d]


def _category(text: str) -> int | None:
    m = _CATEGORY.search(text)
    if not m:
        return None
    d = m.group(1)
    return int(d) if d.isdigit() else _HAN[d]


def _first_of(text: str, words: tuple[str, ...]) -> str | None:
    return next((w for w in words if w in text), None)


def parse(query: str) -> ParsedQuery:
    """Everything the calculators could use from a keyword query (nothing is guessed)."""
    text = compact(query)
    rate = _RATE.search(text)
    types = [t for t in inputs.PROJECT_TYPES if t in text]
    rating = _RATING.search(text)
    named = frozenset(name for name, words in _calculator_words() if any(w in text for w in words))
    return ParsedQuery(
        raw=query,
        text=text,
        regions=_regions(text),
        category=_category(text),
        rating=rating.group(0) if rating else None,
        project_type=types[0] if len(types) == 1 else None,
        tranche=_tranche(text),
        amounts=_amounts(_RATE.sub(" ", text)),
        rate=Decimal(rate.group(1)) if rate else None,
        plan=parse_plan(text),
        level=_first_of(text, LEVELS),
        workstation_kind=_first_of(text, WORKSTATION_KINDS),
        honours=catalogue().match(text) if text else Match(),
        named=named,
    )
