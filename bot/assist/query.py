"""Reading a hotline keyword query: which region, which figures, which calculator it names.

Why not the Rasa NLU: staff type three or four keywords while talking ("第三类 重点推荐", "柔性 30万"),
not sentences, and need an answer per keystroke. Keyword queries are regular enough to be read
deterministically in well under a millisecond — and every reading is policy_kb's own: places through
policy_kb.editions.resolve_region (so 瓯北 is 永嘉县 and 鹿城 is a place our texts do not cover), honours
through the catalogue matcher, amounts, categories, ratings and tranche numbers through policy_kb.inputs,
plans through the awards rule's parser. What stays here is only where a figure sits in the query and
which word before it says what it is (vocabulary.py). Text is normalised the way policy_kb.search does
it (traditional → simplified, full-width → half-width, no spaces), so the same query reaches the same
calculator and the same jieba/BM25 search.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import TypeVar

from bot.assist.vocabulary import AMOUNT_LABELS, CALCULATORS, LEVELS, WORKSTATION_KINDS
from policy_kb import inputs
from policy_kb.catalogue import Match, catalogue
from policy_kb.editions import resolve_region
from policy_kb.inputs import InputError
from policy_kb.rules.awards import parse_plan
from policy_kb.search import compact

_AMOUNT = re.compile(
    r"(?<![\d.])-?(\d+(?:\.\d+)?)(亿|万)元?|(?<![\d.])-?(\d+(?:\.\d+)?)元"
)  # "-30万" is matched so that it is refused, not read as 30万
_RATE = re.compile(r"(\d+(?:\.\d+)?)%")
_CATEGORY = re.compile(r"(?<![哪几每各])第?[1-5一二三四五]类")  # not 哪一类, 几类
# 第二期, 首期, 尾款 — but 分三期 says how many tranches there are, not which one is asked about
_TRANCHE = re.compile(r"(?<!分)第?[1-3一二三]期|首期|头期|尾款|最后一期")
_PEOPLE = re.compile(r"(?<![\d.第])(\d{1,3}|[一二两三四五])\s*(?:个)?(?:人|名|位)(?![才民员士])")
MAX_REGIONS = 4  # places named in one query that are looked up (more is not a hotline query)

T = TypeVar("T")


@cache
def _calculator_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The vocabulary normalised once (normalising costs more than matching)."""
    return tuple((name, tuple(compact(w) for w in spec["words"])) for name, spec in CALCULATORS.items())


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
    people: int | None = None  # 2人, 两名: how many talents the figures are for
    uncovered: str | None = None  # a place no text covers (鹿城, 杭州), when no covered one is named

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
            "project_type": self.project_type is not None,
            "workstation_kind": self.workstation_kind is not None,
            "level": self.level is not None,
            "skills": True,  # the rule itself says whether it knows the award
        }[need]


def _regions(text: str) -> tuple[tuple[str, ...], str | None]:
    """(covered regions named, in order; a place named that no text covers, when none is covered).

    policy_kb.editions.resolve_region names one place per call, the covered one first; a query naming
    两 regions (永嘉 台州) is read again without the place found."""
    found: list[str] = []
    rest = text
    for _ in range(MAX_REGIONS):
        scope = resolve_region(rest)
        if scope.status == "covered" and scope.edition is not None and scope.place:
            found.append(scope.edition.region)
            rest = rest.replace(scope.place, " ")
            continue
        if scope.status == "uncovered" and not found:
            return (), scope.place
        break
    return tuple(dict.fromkeys(found)), None


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


def _read(pattern: re.Pattern[str], text: str, reader: Callable[[str], T]) -> T | None:
    """The first match of `pattern` read by a policy_kb.inputs parser; None when it refuses it."""
    m = pattern.search(text)
    if not m:
        return None
    try:
        return reader(m.group(0).replace("首", "第一").replace("头", "第一"))
    except InputError:
        return None


def _tranche(text: str) -> int | str | None:
    m = _TRANCHE.search(text)
    if m and m.group(0) in ("尾款", "最后一期"):
        return "last"
    return _read(_TRANCHE, text, lambda s: inputs.count(s, "期数", 3))


def _people(text: str) -> int | None:
    m = _PEOPLE.search(text)
    if not m:
        return None
    n = m.group(1)
    if n.isdigit():
        return int(n) or None
    try:
        return inputs.count(n, "人数", 5)
    except InputError:
        return None


def _first_of(text: str, words: tuple[str, ...]) -> str | None:
    return next((w for w in words if w in text), None)


def parse(query: str) -> ParsedQuery:
    """Everything the calculators could use from a keyword query (nothing is guessed)."""
    text = compact(query)
    rate = _RATE.search(text)
    types = [t for t in inputs.PROJECT_TYPES if t in text]
    named = frozenset(name for name, words in _calculator_words() if any(w in text for w in words))
    regions, uncovered = _regions(text) if text else ((), None)
    return ParsedQuery(
        raw=query,
        text=text,
        regions=regions,
        category=_read(_CATEGORY, text, inputs.category),
        rating=_first_of(text, inputs.RATINGS),
        project_type=types[0] if len(types) == 1 else None,
        tranche=_tranche(text),
        amounts=_amounts(_RATE.sub(" ", text)),
        rate=Decimal(rate.group(1)) if rate else None,
        plan=parse_plan(text),
        level=_first_of(text, LEVELS),
        workstation_kind=_first_of(text, WORKSTATION_KINDS),
        honours=catalogue().match(text) if text else Match(),
        named=named,
        people=_people(text),
        uncovered=uncovered,
    )
