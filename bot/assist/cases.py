"""Computable cases named in a keyword query, answered by the policy_kb calculator for each.

Why rank a calculation above the clauses: "第三类 重点推荐" asks for a figure, and the clause only gives
the percentages; the calculator gives the figure *and* cites the same clauses. A case is *strong* when
the query names its calculator and states the inputs it needs (vocabulary.py `needs`); an honour
mentioned in passing ("國千 房補") still yields its category, but as a *weak* case ranked among the
clauses. Nothing here knows a figure: every answer, step and citation is the rule's own Result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.assist.query import ParsedQuery
from bot.assist.vocabulary import CALCULATORS
from policy_kb import api, registry
from policy_kb.catalogue import catalogue
from policy_kb.model import Result, Status
from policy_kb.passages import documents
from policy_kb.search import tokens

TRANCHE_KEYS = {"创业": "startup", "创新": "innovation"}
Built = tuple[Result, dict[str, Any]]  # a calculator's Result and the inputs read from the query


@dataclass
class Case:
    """One calculator run for the query: its Result, how sure we are it was asked, what it was given."""

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


def _needs_met(rule: str, pq: ParsedQuery) -> bool:
    spec = CALCULATORS[rule]
    return rule in pq.named and any(all(pq.present(n) for n in need) for need in spec["needs"])


def _honours_text(pq: ParsedQuery) -> str | None:
    """The query for a rule that reads honours itself (api …(honours=…)), when it names any."""
    return pq.text if pq.has_honours else None


def _only_honours(pq: ParsedQuery) -> bool:
    """Whether the query says nothing but honours (and places): “杰青”, “151 第三层次”, not
    “研究生 博士后 劳务费”, where 博士后 is said in passing."""
    h = pq.honours
    words = [n for x in h.honours for n in (x.name, *x.aliases)] + list(h.ambiguous) + list(h.unlisted)
    words += [a for d in documents() if d.region in pq.regions for a in (d.region, *d.aliases)]
    known = set(tokens(" ".join(words)))
    return all(t in known for t in tokens(pq.text))


def _category_from_honours(pq: ParsedQuery, region: str | None) -> int | None:
    if not pq.has_honours:
        return None
    r = api.category_for_honours(pq.text, region=region)
    return r.values.get("category") if r.ok else None


# ---- one builder per calculator: (result, inputs read) or None when the query does not ask for it ----


def _funding(pq: ParsedQuery, region: str | None) -> Built | None:
    category = pq.category or _category_from_honours(pq, region)
    plan = pq.plan if pq.project_type == "创业" else None
    if category is None and plan is None:
        return None
    given: dict[str, Any] = {
        "category": category,
        "rating": pq.rating,
        "project_type": pq.project_type,
        "plan": plan,
        "paid_in_capital": pq.amount("paid_in_capital", default=False),
        "project_investment": pq.amount("investment", default=False),
    }
    return api.project_funding(**given, region=region), given


def _tranche(pq: ParsedQuery, region: str | None) -> Built | None:
    # a tranche depends on one figure besides the condition figures (实缴/支出/投入/销售, labelled):
    # the approved total, so a lone unlabelled amount is that total (“创业项目 270万 第二期”)
    total = pq.amount("approved_total")
    if total is not None and pq.tranche != "last":
        given = {
            "project_type": pq.project_type,
            "approved_total": total,
            "tranches_received": int(pq.tranche or 1) - 1,
            "paid_in_capital": pq.amount("paid_in_capital", default=False),
            "spending": pq.amount("spending", default=False),
            "investment": pq.amount("investment", default=False),
            "sales": pq.amount("sales", default=False),
        }
        return api.next_tranche(**given, region=region), given
    result = tranche_conditions(pq.project_type, pq.tranche, region)
    return (result, {"project_type": pq.project_type, "tranche": pq.tranche}) if result else None


def _flexible(pq: ParsedQuery, region: str | None) -> Built:
    # the rule caps per person and per firm: several pays typed (“3人 40万 30万 20万”) are one per
    # person; one pay with a head count (“2人 年薪80万”) is that pay for each of them
    pays = [a.yuan for a in pq.amounts if a.role in ("salary", None)]
    people = pq.people if pq.people and pq.people > 1 and len(pays) <= 1 else None
    given = {"people": people or (len(pays) if len(pays) > 1 else None), "taxable_pay": pays or None}
    taxable: Any = pays if len(pays) > 1 else (pays[0] if pays else None)
    return api.flexible_reward(taxable_pay=taxable, people=people, region=region), given


def _overseas(pq: ParsedQuery, region: str | None) -> Built:
    people = pq.people if pq.people and pq.people > 1 else None
    given = {"people": people, "annual_salary": pq.amount("salary")}
    return api.overseas_engineer(annual_salary=given["annual_salary"], people=people, region=region), given


def _loan(pq: ParsedQuery, region: str | None) -> Built:
    given = {
        "category": pq.category,
        "loan_amount": pq.amount("loan_amount"),
        "benchmark_rate": pq.rate,
        "tax_within_3y": pq.amount("tax", default=False),
    }
    honours = _honours_text(pq) if pq.category is None else None
    return api.loan_interest(**given, region=region, honours=honours), given


def _housing(pq: ParsedQuery, region: str | None) -> Built:
    return api.housing_subsidy(pq.plan, region=region), {"plan": pq.plan}


def _intermediary(pq: ParsedQuery, region: str | None) -> Built | None:
    ed = api.resolve(region) if region else None
    if ed is not None and (isinstance(ed, Result) or not ed.has("intermediary.fee_share")):
        return None  # a 台州市 provision; another region chosen means its own text applies
    given = {"fee": pq.amount("fee")}
    return api.intermediary_fee_subsidy(**given), given


def _workstation(pq: ParsedQuery, region: str | None) -> Built:
    given = {"kind": pq.workstation_kind, "level": pq.level}
    return api.workstation(**given, region=region), given


def _skills(pq: ParsedQuery, region: str | None) -> Built | None:
    r = api.skills_award(pq.text, region=region)
    return (
        (r, {"award": r.values.get("award")})
        if r.status not in (Status.INVALID, Status.NEEDS_INPUT)
        else None
    )


def _employer(pq: ParsedQuery, region: str | None) -> Built:
    return api.employer_reward(pq.plan, region=region), {"plan": pq.plan}


def _referral(pq: ParsedQuery, region: str | None) -> Built:
    return api.referral_fee(pq.plan, region=region), {"plan": pq.plan}


def _hotline(pq: ParsedQuery, region: str | None) -> Built:
    return api.hotline(region), {}


def _benefits(pq: ParsedQuery, region: str | None) -> Built:
    return api.benefits(pq.category, region=region), {"category": pq.category}


def _total_award(pq: ParsedQuery, region: str | None) -> Built:
    honours = _honours_text(pq) if pq.category is None else None
    return api.total_award(pq.category, region=region, honours=honours), {"category": pq.category}


# In ranking order; each runs only when the query names its calculator and states its `needs`.
BUILDERS: dict[str, Callable[[ParsedQuery, str | None], Built | None]] = {
    "project_funding": _funding,
    "next_tranche": _tranche,
    "flexible_reward": _flexible,
    "overseas_engineer": _overseas,
    "loan_interest": _loan,
    "housing_subsidy": _housing,
    "intermediary_fee_subsidy": _intermediary,
    "workstation": _workstation,
    "skills_award": _skills,
    "employer_reward": _employer,
    "referral_fee": _referral,
    "total_award": _total_award,
    "hotline": _hotline,
}


def detect(pq: ParsedQuery, region: str | None) -> list[Case]:
    """Every calculator the query asks for, strong cases first in BUILDERS order."""
    cases: list[Case] = []
    for rule, build in BUILDERS.items():
        built = build(pq, region) if _needs_met(rule, pq) else None
        # an INVALID figure read from keywords is more likely our misreading than the caller's case
        if built is not None and built[0].status is not Status.INVALID:
            cases.append(Case(rule, built[0], strong=True, given=built[1]))
    others = pq.named - {"category_for_honours", "benefits", "hotline"}
    if pq.category is not None and not others:
        result, given = _benefits(pq, region)
        cases.append(Case("benefits", result, strong=True, given=given))
    if pq.has_honours:
        # asked outright, or nothing but honours typed ("杰青", "151 第三层次"); else an honour in
        # passing ("國千 房補", "研究生 博士后 劳务费")
        asked = "category_for_honours" in pq.named or (not pq.named and _only_honours(pq))
        result = api.category_for_honours(pq.text, region=region)
        if result.status is Status.NEEDS_INPUT:
            result = explain_ambiguity(result)
        names = [h["name"] for h in result.values.get("honours", [])]
        cases.append(Case("category_for_honours", result, strong=asked, given={"honours": names}))
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


# ---- tranche conditions when the approved total is not known yet ------------------------------------


def tranche_conditions(
    project_type: str | None, tranche: int | str | None, region: str | None
) -> Result | None:
    """The conditions for tranche N from policy_kb; None where the region's policy has no tranches."""
    result = api.tranche_conditions(project_type, tranche, region=region)
    return result if result.status is Status.OK else None


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
