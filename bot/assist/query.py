"""Reading a hotline keyword query: which region, which honours, which rules its words name.

Why not the Rasa NLU: staff type three or four keywords while talking ("第三类 重点推荐", "柔性 30万"),
not sentences, and need an answer per keystroke. Keyword queries are regular enough to be read
deterministically in well under a millisecond — and every reading is policy_kb's own: places through
policy_kb.editions.resolve_region (so 瓯北 is 永嘉县 and 鹿城 is a place our texts do not cover), honours
through the catalogue matcher, the rules the words name through the rule registry (rules.yaml `words`),
and every figure — amounts and what each one is (年薪60万, 实缴 100万), categories, ratings, tranches,
head counts, rates — through policy_kb.reading, the reader the chat and the registry use too. Which
figure fills which input of a rule is the registry's (`registry.read_inputs`), not this module's.
Text is normalised the way policy_kb.search does it (traditional → simplified, full-width → half-width,
no spaces), so the same query reaches the same rules and the same jieba/BM25 search.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policy_kb import reading, registry
from policy_kb.catalogue import Match, catalogue
from policy_kb.editions import resolve_region
from policy_kb.search import compact

__all__ = ["ParsedQuery", "parse"]

MAX_REGIONS = 4  # places named in one query that are looked up (more is not a hotline query)


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    text: str  # compact normalised form
    regions: tuple[str, ...]  # regions the query names (永嘉县, 台州市)
    figures: reading.Reading = field(default_factory=lambda: reading.Reading(text=""))
    honours: Match = field(default_factory=Match)
    named: tuple[str, ...] = ()  # the registry rules whose words occur in the query, in registry order
    uncovered: str | None = None  # a place no text covers (鹿城, 杭州), when no covered one is named

    @property
    def has_honours(self) -> bool:
        h = self.honours
        return bool(h.honours or h.ambiguous or h.unlisted)


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


def parse(query: str) -> ParsedQuery:
    """Everything the ranking uses from a keyword query (nothing is guessed)."""
    text = compact(query)
    regions, uncovered = _regions(text) if text else ((), None)
    return ParsedQuery(
        raw=query,
        text=text,
        regions=regions,
        figures=reading.read(query),
        honours=catalogue().match(text) if text else Match(),
        named=tuple(rule.name for rule in registry.named(text)),
        uncovered=uncovered,
    )
