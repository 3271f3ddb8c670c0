"""The few policy facts the gateway itself states (the hotline), read from policy_kb with their citation.

Why here and not typed in: every figure a user sees must come from policy_kb with its clause; the
gateway only needs the hotline — for the polite fallback when Rasa is down, the welcome text, and
to keep the official number out of the PII masking.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from policy_kb.editions import all_editions, edition

HOTLINE_PARAM = "service.hotline"


@dataclass(frozen=True)
class Fact:
    """A value with the citation a reply must show next to it."""

    value: str
    region: str  # whose fact it is (the hotline is 永嘉县's; other editions may state none)
    doc: str
    clause: str
    quote: str

    def citation(self) -> dict[str, str]:
        """Citation in the public reply shape {"doc","clause","quote"}."""
        return {"doc": self.doc, "clause": self.clause, "quote": self.quote}

    def label(self) -> str:
        return f"依据：{self.doc} {self.clause}"


@cache
def hotline(edition_id: str = "yongjia-2016") -> Fact:
    """The talent service hotline of an edition (永嘉: 附件3 二（一）)."""
    ed = edition(edition_id)
    param = ed.param(HOTLINE_PARAM)
    cite = param.citation
    return Fact(value=str(param.value), region=ed.region, doc=cite.doc, clause=cite.clause, quote=cite.quote)


@cache
def official_numbers() -> frozenset[str]:
    """Digits of every official hotline in every edition (never masked: the bot states them itself)."""
    return frozenset(
        "".join(ch for ch in str(e.value(HOTLINE_PARAM)) if ch.isdigit())
        for e in all_editions().values()
        if e.has(HOTLINE_PARAM)
    )
