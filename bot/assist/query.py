"""Reading a hotline keyword query: which region, which figures, which calculator it names.

Why not the Rasa NLU: staff type three or four keywords while talking ("第三类 重点推荐", "柔性 30万"),
not sentences, and need an answer per keystroke. Keyword queries are regular enough to be read
deterministically in well under a millisecond — and every reading is policy_kb's own: places through
policy_kb.editions.resolve_region (so 瓯北 is 永嘉县 and 鹿城 is a place our texts do not cover), honours
through the catalogue matcher, plans through the awards rule's parser, and every figure — amounts and
what each one is (年薪60万, 实缴 100万), categories, ratings, tranches, head counts, rates — through
policy_kb.reading, the reader the chat and the rule registry use too. What stays here is the
ParsedQuery shape the calculators read and which calculator the words name (vocabulary.py). Text is
normalised the way policy_kb.search does it (traditional → simplified, full-width → half-width, no
spaces), so the same query reaches the same calculator and the same jieba/BM25 search.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from bot.assist.vocabulary import CALCULATORS, LEVELS, WORKSTATION_KINDS
from policy_kb import reading
from policy_kb.catalogue import Match, catalogue
from policy_kb.editions import resolve_region
from policy_kb.reading import Amount
from policy_kb.rules.awards import parse_plan
from policy_kb.search import compact

__all__ = ["Amount", "ParsedQuery", "parse"]

MAX_REGIONS = 4  # places named in one query that are looked up (more is not a hotline query)


@cache
def _calculator_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The vocabulary normalised once (normalising costs more than matching)."""
    return tuple((name, tuple(compact(w) for w in spec["words"])) for name, spec in CALCULATORS.items())


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    text: str  # compact normalised form
    regions: tuple[str, ...]  # regions the query names (永嘉县, 台州市)
    category: int | None = None
    rating: str | None = None
    project_type: str | None = None
    tranche: int | str | None = None  # 1–3, or "last" for 尾款
    amounts: tuple[Amount, ...] = ()  # each with its role: salary | paid_in_capital | … (policy_kb.reading)
    rate: Decimal | None = None
    plan: str | None = None
    level: str | None = None
    workstation_kind: str | None = None
    honours: Match = field(default_factory=Match)
    named: frozenset[str] = frozenset()  # calculators whose words occur in the query
    people: int | None = None  # 2人, 两名: how many talents the figures are for
    uncovered: str | None = None  # a place no text covers (鹿城, 杭州), when no covered one is named

    def amount(self, *roles: str, default: bool = True) -> int | None:
        """The amount with one of `roles`; else, with `default`, the one amount without a role."""
        return reading.pick(self.amounts, *roles, default=default)

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


def _first_of(text: str, words: tuple[str, ...]) -> str | None:
    return next((w for w in words if w in text), None)


def parse(query: str) -> ParsedQuery:
    """Everything the calculators could use from a keyword query (nothing is guessed)."""
    text = compact(query)
    figures = reading.read(query)
    named = frozenset(name for name, words in _calculator_words() if any(w in text for w in words))
    regions, uncovered = _regions(text) if text else ((), None)
    return ParsedQuery(
        raw=query,
        text=text,
        regions=regions,
        category=figures.category,
        rating=figures.rating,
        project_type=figures.project_type,
        tranche=figures.tranche,
        amounts=figures.amounts,
        rate=figures.percent,
        plan=parse_plan(text),
        level=_first_of(text, LEVELS),
        workstation_kind=_first_of(text, WORKSTATION_KINDS),
        honours=catalogue().match(text) if text else Match(),
        named=named,
        people=figures.people,
        uncovered=uncovered,
    )
