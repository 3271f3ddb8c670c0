"""From a citation to the passage it quotes, and so to a link into the source viewer.

Why resolve by quote: calculators, the service list and the gold card cite (document, clause, quote)
taken from the edition data, not passage ids. The quote is a verbatim slice of the source, so the
passage whose text contains it is the one to open and highlight. Clause labels differ slightly
(the catalogue cites 二 where the passage is 二 第2类), hence the fall-backs.
"""

from __future__ import annotations

from functools import cache, lru_cache
from urllib.parse import quote as url_quote

from policy_kb.model import Citation
from policy_kb.passages import Passage, SourceDoc, all_passages, documents
from policy_kb.text import compact

VIEWER = "/assist/source/{edition}/{passage_id}"
PROBE_CHARS = 24  # enough of a quote to be unique, short enough to stay inside one sentence group


@cache
def _doc_by_number() -> dict[str, SourceDoc]:
    return {d.doc: d for d in documents()}


@cache
def _compact_passages(edition: str) -> tuple[tuple[Passage, str], ...]:
    return tuple((p, compact(p.text)) for p in all_passages() if p.edition == edition)


def edition_of(doc_number: str) -> str | None:
    d = _doc_by_number().get(doc_number)
    return d.edition if d else None


def viewer_link(edition: str, passage_id: str) -> str:
    """The viewer's URL; ids of later sentence groups contain '#', which must not become a fragment."""
    return VIEWER.format(edition=url_quote(edition, safe=""), passage_id=url_quote(passage_id, safe=""))


@lru_cache(maxsize=4096)
def passage_for(doc_number: str, clause: str, quote: str) -> Passage | None:
    """The passage a citation quotes: same clause and containing the quote, else the best fall-back."""
    edition = edition_of(doc_number)
    if edition is None:
        return None
    probe = compact(quote)[:PROBE_CHARS]
    rows = _compact_passages(edition)
    tests = (
        lambda p, text: p.clause == clause and probe in text,
        lambda p, text: p.clause.startswith(clause) and probe in text,
        lambda p, text: bool(probe) and probe in text,
        lambda p, text: p.clause == clause,
    )
    for test in tests:
        for p, text in rows:
            if test(p, text):
                return p
    return None


def citation_dict(c: Citation) -> dict[str, str]:
    """The contract's {doc, clause, quote} plus the title and, where found, the passage and its link."""
    out = c.to_dict()
    p = passage_for(c.doc, c.clause, c.quote)
    if p is not None:
        out["passage_id"] = p.id
        out["edition"] = p.edition
        out["source_link"] = viewer_link(p.edition, p.id)
    return out
