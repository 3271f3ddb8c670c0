"""One ranked list for the hotline: calculated answers, clauses, services and gold-card items.

Why one list with one score: staff look at the top three and read the first. A strong calculated case
(the query names the rule — registry `words` — and states its `needs`) goes first; clauses, services
and gold-card items keep their BM25 score from policy_kb.search. The three slots show three different
things: a clause a calculated answer above already quotes (cited and linked on its card) is not shown
again, nor — when that answer is settled from one item of a list — the list and its other items (the
other categories beside the one an honour is in, the other tranches beside the one computed: the
alternatives the query did not ask about; a card repeating them read as a second answer); a list item
read on its list's card above it (“须提供的材料包括：1．… 6．…”), or a list below one of its items, is
demoted; a weak case (an honour mentioned in passing) sits just under the best clause.

A calculator given only part of its inputs answers with what the text settles when its rule does
(answer first, then `offers` to check the caller's own figure). Where the rule can only ask, the card
reads the clause that sets the figures (the best hit on one of the rule's registry clauses) and names
the input still missing — the text's figures and the rule's question, nothing computed here. A query that
names only a place our texts do not cover (鹿城, 杭州) gets policy_kb's not-covered answer and nothing
else, never another region's clauses.

Results are cached per normalised query (traditional/simplified, width and the spaces between words do
not matter; a space between two numbers does: "580 30万" is not 58030万), so
a query typed again — or re-sent by a debounced page — costs a dictionary look-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from functools import cache, lru_cache, partial
from typing import Any

from bot.assist import speech
from bot.assist.cases import Case, clause_cases, detect
from bot.assist.query import ParsedQuery, parse
from bot.assist.sources import citation_dict, passage_for, viewer_link
from policy_kb import api, reading, registry
from policy_kb.aspects import asked_terms, aspect_hit
from policy_kb.model import Result, Status
from policy_kb.money import fmt_yuan
from policy_kb.passages import Passage, all_passages, document_for_region, passage
from policy_kb.search import SearchHit, compact
from policy_kb.services import catalogue_for

STRONG = 100.0  # at least; raised above the best clause when BM25 runs high
WEAK_SHARE = 0.9  # a weak case just under the best clause
DEMOTE = 0.5  # a list item its list above reads, or a list below one of its items
EXTRA_HITS = 6  # search deeper than k: demotion and merging can push hits down
# words asking about a document itself: when it takes effect, its number, its aims and principles (not
# 依据 or 原则 alone: "贷款贴息 依据" asks for a provision's clause, "就高原则" is 四（二）)
DOCUMENT_CUE = re.compile(
    r"实施日期|施行|生效|有效期|发文|印发|文号|指导思想|总体要求|总体目标|基本原则|坚持.{0,4}原则"
)


class UnknownRegion(ValueError):
    """The region parameter names no region whose policy we hold."""


def resolve_region(region: str | None) -> str | None:
    """永嘉/温州 → 永嘉县, 台州/椒江 → 台州市, ''/None → None (both); UnknownRegion otherwise."""
    if not region or not region.strip():
        return None
    doc = document_for_region(region)
    if doc is None:
        raise UnknownRegion(region)
    return doc.region


def effective_region(pq: ParsedQuery, region: str | None) -> str | None:
    """A region typed in the query wins over the page's region select: staff typed it on purpose."""
    if len(pq.regions) == 1:
        return pq.regions[0]
    return None if pq.regions else region


# ---- suggestion dicts ----------------------------------------------------------------------------


def _shown(value: Any, unit: str, label: str) -> str:
    """One input as the card title shows it, by its registry unit: 第3类, 2人, 第2期, 270万元, 4.35%."""
    if isinstance(value, list):
        # 80万元 for 2人 at the same pay, not 80万元、80万元
        return "、".join(dict.fromkeys(_shown(v, unit, label) for v in value))
    if isinstance(value, dict):
        return str(value.get("name", ""))  # an honour the rule found: its catalogue name
    if label.startswith("已"):  # what is already paid or counted, not what is asked
        return f"{label}{value}{unit}"
    if unit == "类":
        return f"第{value}类"
    if unit == "期":
        return "最后一期" if value == "last" else f"第{value}期"
    if unit == "元" and isinstance(value, int):
        return fmt_yuan(value)
    if unit == "%" or isinstance(value, Decimal):
        return f"{value}%"
    if unit == "人" and label.startswith("其中"):  # of those counted, how many (其中1人入选)
        return f"其中{value}人"
    if unit in ("人", "年", "月"):
        return f"{value}{unit}"
    return str(value)


def _given_text(case: Case) -> str:
    """What the card answers for, in the rule's input order: each input as the query stated it, or as
    the rule settled it when the query did not (its Result's value of that name: 第2类 for 杰青, the 第2期
    a 270万 project's next tranche is). An input that reads the query's own words is shown only as the
    rule read it (中华技能大奖, not the whole query); a single person nobody counted is not shown."""
    spec = registry.rules().get(case.rule)
    if spec is None:
        return ""
    values = case.result.values
    parts: list[str] = []
    for name in spec.inputs:
        meta = registry.input_spec(name)
        stated = name in case.given and meta.reads not in ("words", "honours")
        value = case.given[name] if stated else values.get(name)
        if value in (None, "", [], False) or isinstance(value, bool):
            continue
        if not stated and meta.unit == "人" and value == 1:
            continue
        if isinstance(value, str) and len(value) > 20:
            continue  # a text, not a figure
        shown = _shown(value, meta.unit, meta.label)
        if shown and shown not in parts:
            parts.append(shown)
    return "·".join(parts)


def _missing_dicts(items: list) -> list[dict[str, Any]]:
    return [{"name": m.name, "question": m.question, "options": list(m.options)} for m in items]


def _calc_suggestion(
    case: Case, score: float, clause: SearchHit | None = None, query: str = ""
) -> dict[str, Any]:
    r: Result = case.result
    citations = [citation_dict(c) for c in r.citations]
    answer = case.answer
    if clause is not None:  # the rule only asks: read the clause, then what it still needs
        asks = "".join(m.question for m in r.missing)
        answer = f"{speech.passage_script(clause, query)}还需要：{asks}"
        cited = citation_dict(clause.citation)
        cited.update(
            passage_id=clause.passage_id,
            edition=clause.edition,
            source_link=viewer_link(clause.edition, clause.passage_id),
        )
        citations = [cited, *citations]
    spec = registry.rules().get(case.rule) or registry.rules().get(r.rule)
    label = spec.title if spec else r.rule
    given = _given_text(case)
    first = next((c for c in citations if "source_link" in c), None)
    return {
        "title": f"{label}{f'（{given}）' if given else ''}",
        "answer": answer,
        "citations": citations,
        "score": round(score, 2),
        # a rule without inputs states a fact (the hotline's number), shown as a service
        "kind": "service" if spec is not None and not spec.inputs else "calc",
        "rule": r.rule,
        "status": r.status.value,
        "region": r.region,
        "edition": r.edition,
        "steps": [s.text for s in r.steps],
        "missing": _missing_dicts(r.missing),
        "offers": _missing_dicts(getattr(r, "offers", [])),
        "passage_id": first["passage_id"] if first else None,
        "source_link": first["source_link"] if first else None,
    }


def _region_suggestion(result: Result) -> dict[str, Any]:
    """policy_kb's answer for a place none of the texts covers, with the clauses saying whom each
    text is addressed to."""
    citations = [citation_dict(c) for c in result.citations]
    return {
        "title": "不在收录范围的地区",
        "answer": result.answer or result.message,
        "citations": citations,
        "score": STRONG,
        "kind": "service",
        "rule": result.rule,
        "status": result.status.value,
        "region": "",
        "edition": "",
        "steps": [],
        "missing": [],
        "offers": [],
        "passage_id": None,
        "source_link": None,
    }


def _overview(hit: SearchHit, result: Result) -> tuple[str, list[dict[str, str]]]:
    """The whole gold-card or hotline answer for a hit on that service (what callers ask about)."""
    lead = speech.reference(hit.edition, hit.citation.clause)
    return f"{lead}，{result.answer}", [citation_dict(c) for c in result.citations]


def _hit_suggestion(
    hit: SearchHit, query: str, score: float, focus: re.Pattern[str] | None = None
) -> dict[str, Any]:
    citations = [citation_dict(hit.citation)]
    if hit.kind == "passage":
        answer = speech.passage_script(hit, query, focus)
        citations[0].update(
            passage_id=hit.passage_id,
            edition=hit.edition,
            source_link=viewer_link(hit.edition, hit.passage_id),
        )
        # a list card reads its items too: each item's clause is cited with its own link
        for item in passage(hit.passage_id).items if hit.items else ():
            cited = citation_dict(passage(item.passage_id).citation)
            cited.update(
                passage_id=item.passage_id,
                edition=hit.edition,
                source_link=viewer_link(hit.edition, item.passage_id),
            )
            citations.append(cited)
    else:
        cat = catalogue_for(hit.edition)
        if hit.kind == "gold_card":
            benefit_id = hit.passage_id.split("-card-", 1)[1]
            benefit = next(b for b in cat.gold_card.benefits if b.id == benefit_id)
            answer = speech.gold_card_script(hit, cat.gold_card, benefit)
        else:
            service = cat.service(hit.passage_id.split("-svc-", 1)[1])
            if service.id == cat.gold_card.service.id:
                answer, citations = _overview(hit, api.gold_card(hit.region))
            elif service.id == cat.hotline.service.id:
                answer, citations = _overview(hit, api.hotline(hit.region))
            else:
                answer = speech.service_script(hit, service)
    first = next((c for c in citations if "source_link" in c), None)
    return {
        "title": hit.title,
        "answer": answer,
        "citations": citations,
        "score": round(score, 2),
        "kind": "passage" if hit.kind == "passage" else "service",
        "item": hit.kind,
        "region": hit.region,
        "edition": hit.edition,
        "passage_id": first["passage_id"] if first else None,
        "source_link": first["source_link"] if first else None,
    }


# ---- ranking -------------------------------------------------------------------------------------


def _cited(cases: list[Case]) -> set[str]:
    """Passages the strong cases quote (resolved from their citations): their cards carry them."""
    out: set[str] = set()
    for case in cases:
        if case.strong:
            for c in case.result.citations:
                p = passage_for(c.doc, c.clause, c.quote)
                if p is not None:
                    out.add(p.id)
    return out


@cache
def _groups() -> dict[tuple[str, str], tuple[Passage, ...]]:
    """The sentence groups of each clause that introduces no list, by (edition, clause as cited)."""
    out: dict[tuple[str, str], list[Passage]] = {}
    for p in all_passages():
        if not p.items:
            out.setdefault((p.edition, p.clause), []).append(p)
    return {key: tuple(ps) for key, ps in out.items() if len(ps) > 1}


def _asked_group(hit: SearchHit, query: str) -> SearchHit:
    """The hit, or — for a long clause kept as several sentence groups (yj-1, yj-1#2) — the group of the
    same clause that says all the query's words the hit's group says and more, with its own text,
    citation and link.

    Why: search gives one hit per clause, scored by its best group, and a clause's title counts there
    (总体要求 is the title of every group of 一); the card reads sentences of the group it is given, so a
    clause found by its title could be read from a group that does not answer. Only a group saying
    strictly more of the query is read instead: search's choice stands wherever the groups say different
    things (国千 房补: 三（八）'s plans or its housing — search weighs which).
    """
    if hit.kind != "passage" or hit.items:
        return hit
    groups = _groups().get((hit.edition, hit.citation.clause), ())
    if not groups:
        return hit
    # the region's own name says where, not what ("台州 人才创业子基金 规模": 台州信保基金 is not the 子基金)
    place = {hit.region, hit.region.rstrip("市县")}
    best, most = hit.passage_id, speech.matched_terms(hit.text, query, hit.title) - place
    for p in groups:
        terms = speech.matched_terms(p.display, query, p.title) - place
        if terms > most:
            best, most = p.id, terms
    if best == hit.passage_id:
        return hit
    p = passage(best)
    return replace(hit, passage_id=p.id, text=p.display_with_items, citation=p.citation)


@cache
def _list_of() -> dict[str, Passage]:
    """The list passage each list item belongs to (二's five categories, 附件1 三（一）'s three tranches)."""
    return {i.passage_id: p for p in all_passages() if p.items for i in p.items}


def _alternatives(cases: list[Case]) -> set[str]:
    """The list and the other items of a list one item of which a settled strong case answers from:
    the alternatives the query did not ask about (the other categories beside the one an honour is in,
    the other tranches beside the one computed)."""
    out: set[str] = set()
    for case in cases:
        if not (case.strong and case.settled):
            continue
        for c in case.result.citations:
            p = passage_for(c.doc, c.clause, c.quote)
            parent = _list_of().get(p.id) if p is not None else None
            if parent is not None:
                out |= {parent.id, *(i.passage_id for i in parent.items)}
    return out


def _hit_passage(hit: SearchHit) -> str | None:
    if hit.kind == "passage":
        return hit.passage_id
    p = passage_for(hit.citation.doc, hit.citation.clause, hit.citation.quote)
    return p.id if p else None


def _listed(hit: SearchHit) -> set[str]:
    """The passages of the items a list hit shows with it."""
    return {i.passage_id for i in passage(hit.passage_id).items} if hit.items else set()


def _overlapping(hit: SearchHit, hits: list[SearchHit]) -> set[str]:
    """{hit's id} when a better hit already shows what it says: its list above it (the list card reads
    the item), or one of its items above it (the item answers; the list adds only its siblings)."""
    for other in hits:
        if other is hit or other.score < hit.score:
            continue
        if hit.passage_id in _listed(other) or other.passage_id in _listed(hit):
            return {hit.passage_id}
    return set()


def _clause_for(case: Case, hits: list[SearchHit]) -> SearchHit | None:
    """For a rule that could only ask: the best passage hit on one of the rule's clauses (the registry's
    `clauses`, 三（三） for 贷款贴息) in the rule's edition — the clause setting the figures it would use."""
    if case.settled or case.result.status is not Status.NEEDS_INPUT:
        return None
    for hit in hits:
        same = not case.result.edition or hit.edition == case.result.edition
        if hit.kind == "passage" and same and case.rule in _rules_of(hit):
            return hit
    return None


# A settled answer, and the rules whose clauses state another figure for the same category that a caller's question
# about it does not ask for — unless the query names them: "第3类 奖励资助 最高额" is 三（一）'s 450万元, and the
# project funding standard's 270万元 in the card below it is read off as the answer (dev61, dev64 s-004).
_CROWDING: dict[str, tuple[frozenset[str], re.Pattern[str]]] = {
    "total_award": (
        frozenset({"project_funding", "funding_cap"}),
        re.compile(r"项目|(?<!奖励)资助标准|评审|推荐"),
    ),
}
# The same for one project type's tranches: "创新类 第一期 申请材料" is 附件1 三（二）'s list, and 三（一）'s 创业 list beside
# it (场地租赁合同 …) is read off as the answer (dev63, dev64 s-011) — unless the query names the other type.
_OTHER_TYPE_CLAUSE = {"创新": ("附件1 三（一）", "创业"), "创业": ("附件1 三（二）", "创新")}


def _crowding_rules(cases: list[Case], key: str) -> set[str]:
    """The rules whose clause cards are left out beside a settled strong case (_CROWDING)."""
    out: set[str] = set()
    for case in cases:
        crowd = _CROWDING.get(case.rule) if case.strong and case.settled else None
        if crowd is not None and not crowd[1].search(key):
            out |= crowd[0]
    return out


def _crowding_clauses(cases: list[Case], key: str) -> tuple[str, ...]:
    """The clause prefixes whose cards are left out beside a settled strong tranche case of one project type."""
    out: list[str] = []
    for case in cases:
        if case.rule not in ("next_tranche", "tranche_conditions") or not (case.strong and case.settled):
            continue
        values = case.result.values
        kinds = {str(t.get("project_type")) for t in values.get("tranches") or ()} or {
            str(values.get("project_type"))
        }
        other = _OTHER_TYPE_CLAUSE.get(kinds.pop()) if len(kinds) == 1 else None
        if other is not None and other[1] not in key:
            out.append(other[0])
    return tuple(out)


def _rules_of(hit: SearchHit) -> set[str]:
    """The registry rules resting on a hit's clause."""
    return {r.name for r in registry.rules_for_clause(hit.citation.clause, hit.region)}


def rank(query: str, k: int = 3, region: str | None = None) -> tuple[str | None, list[dict[str, Any]]]:
    """(region searched, the k best suggestions). `region` must already be resolved (resolve_region)."""
    key = compact(query)
    if not key or k <= 0:
        return region, []
    where, suggestions = _rank_cached(key, reading.plain(query), k, region)
    return where, [dict(s) for s in suggestions]


@lru_cache(maxsize=2048)
def _rank_cached(
    key: str, words: str, k: int, region: str | None
) -> tuple[str | None, tuple[dict[str, Any], ...]]:
    """`key`: the query without any spaces (searched, and the words scripts are chosen by); `words`: as
    policy_kb.reading reads it, a space kept between two numbers ("海外工程师 2 80万" is not 280万)."""
    pq = parse(words)
    if pq.uncovered:
        return None, (_region_suggestion(api.region_scope(pq.raw)),)
    where = effective_region(pq, region)
    cases = detect(pq, where)
    hits = [_asked_group(h, key) for h in api.search(key, k=k + EXTRA_HITS, region=where)]
    if DOCUMENT_CUE.search(key):
        # "政策 实施日期", "82号文 依据": the clause about the document itself leads (policy_kb
        # document_clauses), however weakly its words match, ahead of provisions that share a word
        about = [_asked_group(h, key) for h in api.document_passages(key, where, k=1)]
        lead = max((h.score for h in hits), default=0.0) + 1.0
        hits = [replace(h, score=lead) for h in about] + [
            h for h in hits if all(h.passage_id != a.passage_id for a in about)
        ]
    aspect = aspect_hit(key, where)
    focus: tuple[str, re.Pattern[str]] | None = None  # the aspect's passage and the term its card quotes
    if aspect is not None:
        # "项目资助 资金来源", "资助资金 用途": the clause stating that aspect (policy_kb/aspects.py) leads,
        # ahead of the tranche or funding clauses that share the query's other words
        lead = max((h.score for h in hits), default=0.0) + 1.0
        hits = [replace(_asked_group(aspect, key), score=lead)] + [
            h for h in hits if h.passage_id != aspect.passage_id
        ]
        term = next((t for t in asked_terms(key) if t.search(hits[0].text)), None)
        focus = (hits[0].passage_id, term) if term is not None else None
    cases += clause_cases(hits, words, {c.rule for c in cases if c.settled})
    cited = _cited(cases)
    # Build only the k suggestions shown: scripts and citation look-ups are the costly part.
    scored: list[tuple[float, int, Callable[[], dict[str, Any]]]] = []
    best_hit = max((h.score for h in hits), default=0.0)
    strong = max(STRONG, best_hit + 10)
    for i, case in enumerate(cases):
        score = strong - i if case.strong else (best_hit * WEAK_SHARE if hits else STRONG / 10)
        clause = _clause_for(case, hits) if case.strong else None
        if clause is not None:
            cited.add(clause.passage_id)
        scored.append((score, len(scored), partial(_calc_suggestion, case, score, clause, key)))
    answered = cited | _alternatives(cases)
    crowding = _crowding_rules(cases, key)
    other_type = _crowding_clauses(cases, key)
    for hit in hits:
        if _hit_passage(hit) in answered:
            continue  # the calculated card above carries it (quoted, cited, linked) or answers instead
        if crowding and _rules_of(hit) & crowding:
            continue  # another figure for the same category beside the one asked (see _CROWDING)
        if other_type and hit.citation.clause.startswith(other_type):
            continue  # the other project type's tranche beside the one asked (_OTHER_TYPE_CLAUSE)
        score = hit.score * (DEMOTE if hit.passage_id in _overlapping(hit, hits) else 1.0)
        term = focus[1] if focus is not None and focus[0] == hit.passage_id else None
        scored.append((score, len(scored), partial(_hit_suggestion, hit, key, score, term)))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return where, tuple(build() for _, _, build in scored[:k])
