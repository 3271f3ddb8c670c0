"""Computable cases named in a keyword query, each answered by its policy_kb rule through the registry.

Why rank a calculation above the clauses: "第三类 重点推荐" asks for a figure, and the clause only gives
the percentages; the rule gives the figure *and* cites the same clauses. Which rules a query names,
which of their inputs its words state and which inputs must be stated for the rule to be worth
running first are the rule registry's (policy_kb/data/rules.yaml `words`, `reads`/`role`, `needs`;
`registry.read_inputs`): a case is *strong* when the query names its rule and states one of its
`needs`. An honour mentioned in passing ("國千 房補") still yields its category, but as a *weak* case
ranked among the clauses. Nothing here knows a figure or reads one: every answer, step and citation is
the rule's own Result, and every input is what policy_kb.reading read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from bot.assist.query import ParsedQuery
from policy_kb import registry
from policy_kb.catalogue import catalogue
from policy_kb.model import Result, Status
from policy_kb.passages import documents
from policy_kb.registry import RuleSpec
from policy_kb.search import tokens

log = logging.getLogger(__name__)

# The rules that answer for the talent as a whole — the benefits of a category, the category of an
# honour — in the order they are shown. Why named here and not in the registry: which of them a query
# asks is ranking, not law. A query typing nothing but a category or an honour ("第三类", "杰青") asks
# for them; beside a calculation the query names ("580计划 第几类 最多拿多少") they are context and rank
# under it.
TALENT_RULES = ("benefits", "category_for_honours")


@dataclass
class Case:
    """One rule run for the query: its Result, how sure we are it was asked, what it was given."""

    rule: str
    result: Result
    strong: bool
    given: dict[str, Any] = field(default_factory=dict)  # inputs read from the query, for the title

    @property
    def answer(self) -> str:
        r = self.result
        return r.answer or r.message  # a NEEDS_INPUT result has only its question, unless explained

    @property
    def settled(self) -> bool:
        """Whether the rule answered; False for a NEEDS_INPUT result that only asks."""
        return bool(self.result.answer)

    @property
    def spec(self) -> RuleSpec:
        return registry.rules()[self.rule]


def _only_honours(pq: ParsedQuery) -> bool:
    """Whether the query says nothing but honours (and places): “杰青”, “151 第三层次”, not
    “研究生 博士后 劳务费”, where 博士后 is said in passing."""
    h = pq.honours
    words = [n for x in h.honours for n in (x.name, *x.aliases)] + list(h.ambiguous) + list(h.unlisted)
    words += [a for d in documents() if d.region in pq.regions for a in (d.region, *d.aliases)]
    known = set(tokens(" ".join(words)))
    return all(t in known for t in tokens(pq.text))


def run(rule: RuleSpec, pq: ParsedQuery, region: str | None, needed: bool = True) -> Case | None:
    """The rule on the inputs the query states (registry.read_inputs), or None when it is not to be run:
    its `needs` are not stated (with `needed`), it is a provision of another region than the one asked
    that cannot answer for that region (台州市's 中介费 under 永嘉县 — the api function takes no region), or
    a figure was refused (an INVALID figure read from keywords is more likely our misreading)."""
    given = registry.read_inputs(rule, pq.text, pq.figures)
    if needed and not registry.needs_met(rule, given):
        return None
    kwargs = dict(given)
    if "region" in registry.parameters(rule):
        kwargs["region"] = region
    elif rule.region and region and region != rule.region:
        return None
    try:
        result = rule(**kwargs)
    except Exception:  # one calculator's bug must not cost the caller the passages and the other cards
        log.exception("assist rule %s failed", rule.name)
        return None
    if result.status is Status.INVALID:
        return None
    if result.status is Status.NEEDS_INPUT:
        result = explain_ambiguity(result)
    return Case(rule.name, result, strong=True, given=given)


def _answers_less(case: Case, above: list[Case]) -> bool:
    """Whether a case above, resting on the same clauses, answered from all the inputs this one was
    given and more (next_tranche's 第2期 81万元 beside tranche_conditions' 第2期 conditions)."""
    return any(
        other.settled
        and set(other.spec.clauses) == set(case.spec.clauses)
        and set(case.given) < set(other.given)
        for other in above
    )


def detect(pq: ParsedQuery, region: str | None) -> list[Case]:
    """Every rule the query asks for: the named ones in registry order, then the talent rules."""
    rules = registry.rules()
    cases: list[Case] = []
    for name in pq.named:
        if name in TALENT_RULES:
            continue
        case = run(rules[name], pq, region)
        if case is not None and not _answers_less(case, cases):
            cases.append(case)
    named_calculation = any(rules[n].inputs for n in pq.named if n not in TALENT_RULES)
    for name in TALENT_RULES:
        rule = rules[name]
        if name in pq.named:
            case = run(rule, pq, region)
        elif name == "benefits" and pq.figures.category is not None and not named_calculation:
            case = run(rule, pq, region, needed=False)  # a category and nothing else asked: its benefits
        elif name == "category_for_honours" and pq.has_honours:
            # typed with nothing else ("杰青", "151 第三层次"), else an honour in passing ("國千 房補")
            case = run(rule, pq, region, needed=False)
            if case is not None:
                case.strong = not pq.named and _only_honours(pq)
        else:
            case = None
        if case is not None:
            cases.append(case)
    return cases


def explain_ambiguity(result: Result) -> Result:
    """“千人计划”: which honours the alias could mean and the category of each, from the catalogue.

    The rule asks the question; on the phone, staff also need to say what each answer would mean.
    """
    honours = {h.name: h for h in catalogue().honours.values()}
    parts: list[str] = []
    for missing in result.missing:
        options = [honours[o] for o in missing.options if o in honours]
        if not options:
            continue
        result.cite(*(h.citation for h in options))
        listed = "；".join(f"“{h.name}”属于第{h.category}类" for h in options)
        parts.append(f"{missing.question}{listed}。")
    if parts:
        result.answer = "".join(parts) + "请向来电人确认具体是哪一项。"
    return result


def clause_cases(hits: list[Any], query: str, known: set[str], top: int = 3) -> list[Case]:
    """Calculations the rule registry derives from the best passages: a passage whose clause has a rule
    taking the one amount the query gives ("净资产增值额 2000万 股权奖励上限" → 六、25.'s equity cap on
    2000万 = 300万元). Why here and not per calculator: the registry (policy_kb/data/rules.yaml) says
    which rule rests on which clause and which input an amount fills; no second parser is written."""
    out: list[Case] = []
    for hit in hits[:top]:
        if getattr(hit, "kind", "passage") != "passage":
            continue
        result = registry.compute_from_words(hit.citation.clause, hit.region, query)
        name = str(result.values.get("registry_rule", result.rule)) if result is not None else ""
        if result is not None and name not in known and all(c.rule != name for c in out):
            out.append(Case(name, result, strong=True, given={}))
    return out
