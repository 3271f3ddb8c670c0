"""The one entry point adapters (Rasa actions, web routes, CLI) call.

Resolves the region to a policy edition, then dispatches to the rule. Why here: adapters should not
know which county defines what; a question the region's policy does not cover comes back as a
NEEDS_ASSESSMENT result saying so, never as a figure borrowed from another county.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from policy_kb import inputs, reading
from policy_kb.aspects import NO_TITLE
from policy_kb.catalogue import catalogue
from policy_kb.editions import (
    Edition,
    RegionScope,
    all_editions,
    covered_texts,
    display_value,
    not_covered_note,
    regions,
    resolve_region,
)
from policy_kb.model import Citation, Missing, Result, Status
from policy_kb.money import fmt_yuan
from policy_kb.rules import awards, category, eligibility, flexible, funding, loans, tranches
from policy_kb.rules import benefits as benefits_rule
from policy_kb.rules.awards import skills_awards as _skills_awards
from policy_kb.rules.stacking import highest_award as _highest_award
from policy_kb.text import normalise

DEFAULT_REGION = "永嘉县"


def resolve(region: str | None) -> Edition | Result:
    """The edition for a region name; default 永嘉县 (the only edition defining categories 1–5).

    A region our texts do not cover (温州市, 鹿城, 杭州 …) or do not know comes back as a
    NEEDS_ASSESSMENT result saying whose policies these are and to ask the local office.
    """
    scope = resolve_region(region or DEFAULT_REGION)
    if scope.status == "covered":
        assert scope.edition is not None  # a covered place always has its edition
        return scope.edition
    return _region_result(scope, region)


def _region_result(scope: RegionScope, asked: str | None) -> Result:
    message, citations = not_covered_note(scope, asked)
    result = Result(
        rule="region",
        status=Status.NEEDS_ASSESSMENT,
        region=str(scope.place or asked or ""),
        message=message,
        answer=message,
        values={"scope": scope.status, "place": scope.place, "parent": scope.parent, "covered": regions()},
    )
    result.cite(*citations)
    return result


def region_scope(text: str | None) -> Result:
    """Where a region name or a whole question is about: covered (the edition that answers),
    uncovered (温州市, its districts other than 永嘉, other cities: "these are 永嘉县's and 台州市's
    policies; ask your local office") or unknown (no place named: ask which region).

    values: scope ∈ covered|uncovered|unknown, place (as written), region and edition when covered,
    parent (温州市 for 鹿城区), also_uncovered (places named beside a covered one), covered regions.
    """
    scope = resolve_region(text)
    if scope.status == "uncovered":
        result = _region_result(scope, text)
        result.rule = "region_scope"
        return result
    if scope.status == "unknown":
        ask = Missing("region", "请问您咨询的是哪个地区的人才政策？", tuple(regions()))
        result = Result(
            rule="region_scope",
            status=Status.NEEDS_INPUT,
            missing=[ask],
            message=f"还需要了解：{ask.question}目前收录的是{covered_texts()}的政策。",
            values={"scope": "unknown", "place": None, "covered": regions()},
        )
        result.answer = result.message
        return result
    ed = scope.edition
    assert ed is not None  # neither uncovered nor unknown: covered, with its edition
    answer = f"“{scope.place}”属于{ed.region}，按{ed.region}《{ed.title}》（{ed.doc}）回答。"
    also_note = ""
    if scope.also_uncovered:
        others = "、".join(scope.also_uncovered)
        also_note = f"您还提到了{others}：这些是{ed.region}的政策，不适用于{others}，{others}的人才政策请咨询当地人才工作部门。"
        answer += also_note
    result = Result(
        rule="region_scope",
        status=Status.OK,
        region=ed.region,
        edition=ed.id,
        answer=answer,
        values={
            "scope": "covered",
            "place": scope.place,
            "region": ed.region,
            "edition": ed.id,
            "also_uncovered": list(scope.also_uncovered),
            "also_note": also_note,
            "covered": regions(),
        },
    )
    result.cite(ed.scope_citation())
    return result


def region_named_by_terms(text: str | None) -> str | None:
    """The region whose text alone uses a term of the lexicon's own list in the words (金卡, 房票, 专业技术拔尖人才);
    None otherwise. Stricter than region_from_words: it may outweigh a region carried from an earlier answer."""
    from policy_kb.search import term_region

    return term_region(text or "", curated=True)


def region_from_words(text: str | None) -> str | None:
    """The region whose text alone uses the policy terms in the words ("以情聚才", "金卡" → 永嘉县; "英才卡",
    "房票补贴", "500精英计划" → 台州市); None when the words name no such term or terms of both.

    Why: "以情聚才对单位领导有什么要求" names no place, yet only one of our texts has 以情聚才 — asking
    "which region?" there is a question the words already answered. (Search boosts that region too.)
    """
    from policy_kb.search import term_region

    return term_region(text or "")


def _not_covered(rule: str, ed: Edition, what: str, needs: str = "") -> Result:
    if rule == "category_for_honours":
        try:
            from policy_kb.rules import taizhou

            note = taizhou.category_note()
            note.values["not_in_edition"] = True
            return note
        except (ImportError, AttributeError):
            pass
    others = [e for e in all_editions().values() if e.id != ed.id and needs and e.has(needs)]
    where = others[0].region if others else DEFAULT_REGION
    msg = (
        f"《{ed.title}》（{ed.doc}）没有规定{what}。这类问题请咨询{ed.region}人才工作部门，"
        f"或告诉我您在{where}，我按{where}政策回答。"
    )
    return Result(
        rule=rule,
        status=Status.NEEDS_ASSESSMENT,
        region=ed.region,
        edition=ed.id,
        message=msg,
        answer=msg,
        values={"not_in_edition": True},  # the adapters may answer from that edition's own clauses
    )


def _run(
    rule: str, fn: Callable[..., Result], needs: str, what: str, region: str | None, **kw: Any
) -> Result:
    """Run a rule on the region's edition. With no region, the default county's — or, for a provision
    only one edition has (台州's 房票补贴, 改革创新奖励), that edition's."""
    if region is None:
        defining = [e for e in all_editions().values() if e.has(needs)]
        if len(defining) == 1:
            region = defining[0].region
    ed = resolve(region)
    if isinstance(ed, Result):
        return ed
    if not ed.has(needs):
        return _not_covered(rule, ed, what, needs)
    return fn(ed, **kw)


def _explained_category(category: Any, honours: Any, region: str | None) -> tuple[Any, Result | None]:
    """The stated category, or the one the honours give together with the cited result that says why.

    Why: "我是杰青，能拿多少钱" should be answered as "杰青属于第2类 … 第2类可享受 …", with the
    catalogue clause cited, not as a bare category-2 answer. When the honours cannot decide (an
    ambiguous or unlisted honour) the category stays unknown and the rule asks for it as usual.
    """
    if category not in (None, "") or not honours:
        return category, None
    found = category_for_honours(honours, region=region)
    if found.status is Status.NEEDS_ASSESSMENT:
        return None, found  # every honour named is unlisted: the answer is the assessment, not a question
    return (found.values["category"], found) if found.ok else (None, None)


def _prefixed(why: Result | None, result: Result) -> Result:
    """The rule's result with the category sentence before it; an unlisted title answers instead.

    Why the assessment wins: "硕士能拿多少奖励" must not be asked "您属于第几类" (the talent does not know)
    nor shown every category's figures; the text says such titles are assessed (二 经认定, 三（十一）).
    """
    unsettled = result.status is Status.NEEDS_INPUT or result.values.get("category") is None
    if why is not None and why.status is Status.NEEDS_ASSESSMENT and unsettled:
        why.rule = result.rule
        return why
    if why is None or result.status is Status.INVALID:
        return result
    # the category sentence only: the rule's own answer states the category's figures itself
    result.answer = f"{why.values.get('category_sentence', why.answer)}{result.answer}"
    own = {pid for step in result.steps for pid in step.params}
    result.steps = [s for s in why.steps if not own & set(s.params)] + result.steps
    result.citations = why.citations + [c for c in result.citations if c not in why.citations]
    result.values.setdefault("honours", why.values.get("honours"))
    return result


def category_for_honours(honours: str | list[str] | None, region: str | None = None) -> Result:
    return _run(
        "category_for_honours",
        category.category_for_honours,
        "award_cap.category_1",
        "第1–5类人才分类",
        region,
        honours=honours,
    )


def _joined(rule: str, parts: list[Result]) -> Result:
    """An answer resting on several rules' results (two categories' awards, a group's, each firm's subsidy): the first
    one's region and edition, its citations, then each other citation once."""
    first = parts[0]
    result = Result(rule=rule, status=Status.OK, region=first.region, edition=first.edition)
    result.citations = list(first.citations)
    for r in parts[1:]:
        result.citations += [c for c in r.citations if c not in result.citations]
    return result


def _two_awards(first: Any, second: Any, region: str | None, rule: str) -> tuple[Result, Result] | Result:
    """三（一）'s award line for each of two categories, or the Result that stops `rule` (a category that
    cannot be read, one not given, a region without the provision)."""
    try:
        known = [inputs.category(first), inputs.category(second)]
    except inputs.InputError as err:
        return Result(rule=rule, status=Status.INVALID, message=str(err))
    if None in known:
        ask = Missing(
            "category", "比较的是哪两类人才？（第1至第5类）", ("第1类", "第2类", "第3类", "第4类", "第5类")
        )
        return Result(
            rule=rule, status=Status.NEEDS_INPUT, missing=[ask], message=f"还需要了解：{ask.question}"
        )
    a, b = total_award(known[0], region=region), total_award(known[1], region=region)
    for r in (a, b):
        if not r.ok:
            return r
    return a, b


def award_difference(first: Any = None, second: Any = None, region: str | None = None) -> Result:
    """三（一）: two categories' award caps and the difference ("第3类和第4类最高奖励资助差多少" → 250万元).
    A category whose cap is a floor (第1类 不少于1200万元) has no exact difference: the least one (its floor
    less the other's maximum) is said, and that the text sets no most."""
    pair = _two_awards(first, second, region, "award_difference")
    if isinstance(pair, Result):
        return pair
    a, b = pair
    ca, cb = int(a.values.get("cap") or 0), int(b.values.get("cap") or 0)
    result = _joined("award_difference", [a, b])
    na, nb = a.values.get("category"), b.values.get("category")
    word = {"min": "不少于", "max": "最高"}
    line = (
        f"第{na}类奖励资助{word.get(str(a.values.get('bound')), '')}{fmt_yuan(ca)}，"
        f"第{nb}类{word.get(str(b.values.get('bound')), '')}{fmt_yuan(cb)}"
    )
    bounds = (a.values.get("bound"), b.values.get("bound"))
    if "min" in bounds or not (ca and cb):
        result.values = {"first": na, "second": nb, "difference": None, "at_least": None}
        floor, cap = (ca, cb) if bounds[0] == "min" else (cb, ca)
        if bounds.count("min") == 1 and ca and cb and floor > cap:
            # "那万人计划里的杰出人才呢？两个相比至少差多少？" (dev46): a floor above the other's maximum differs
            # from it by at least their gap; how much more, the text does not cap
            result.answer = (
                f"{line}；第1类的标准是“不少于”，没有上限，所以两者至少相差{fmt_yuan(floor - cap)}"
                f"（{fmt_yuan(floor)} − {fmt_yuan(cap)}），最多相差多少文件没有规定。"
            )
            result.values["at_least"] = floor - cap
            return result
        result.answer = f"{line}；第1类的标准是“不少于”，没有上限，两者之差文件没有一个确定的数。"
        return result
    result.answer = f"{line}，最高额相差{fmt_yuan(abs(ca - cb))}。"
    result.values = {"first": na, "second": nb, "difference": abs(ca - cb), "caps": (ca, cb)}
    return result


def award_total(first: Any = None, second: Any = None, region: str | None = None) -> Result:
    """三（一）: two people's categories, each award line and the total of the two maxima ("一个第2类一个
    第4类，最高合计多少" → 1000万元). A floor (第1类 不少于) has no maximum to add: each line is said, no total."""
    pair = _two_awards(first, second, region, "award_total")
    if isinstance(pair, Result):
        return pair
    a, b = pair
    result = _joined("award_total", [a, b])
    caps = [int(r.values.get("cap") or 0) for r in (a, b)]
    lines = [a.answer, b.answer]
    total = None
    if all(r.values.get("bound") == "max" for r in (a, b)) and all(caps):
        total = sum(caps)
        lines.append(
            f"两人最高合计：{' + '.join(fmt_yuan(c) for c in caps)} = {fmt_yuan(total)}（均为上限，以评审认定为准）。"
        )
    result.answer = "\n".join(lines)
    result.values = {
        "first": a.values.get("category"),
        "second": b.values.get("category"),
        "total": total,
        "each": [a.answer, b.answer],  # each category's line, for a question asking each and not the sum
    }
    return result


def award_for_people(category: Any = None, people: Any = None, region: str | None = None) -> Result:
    """三（一）: several people of one category, their maxima summed ("两个温州580计划的人…两人加起来最多能拿
    多少" → 2 × 200万元 = 400万元, dev33). A floor (第1类 不少于) has no maximum to add: the line alone."""
    from policy_kb.rules.base import people as count_of

    try:
        n = count_of(people)
    except inputs.InputError as err:
        return Result(rule="total_award", status=Status.INVALID, message=str(err))
    one = total_award(category, region=region)
    cap = one.values.get("cap") if one.ok else None
    if n is None or n < 2 or one.values.get("bound") != "max" or not isinstance(cap, int):
        return one
    total = n * cap
    one.answer += f"\n{n}人最高合计：{n} × {fmt_yuan(cap)} = {fmt_yuan(total)}（均为上限，以评审认定为准）。"
    one.values = {**one.values, "people": n, "total": total}
    return one


def _headcounts(groups: Any) -> list[tuple[int, int]] | Result:
    """(people, category) pairs from the words ("两个第5类再加一个第4类") or from pairs given as such; a Result
    that stops the rule when neither reads."""
    ask = Missing("groups", "每一类各有几人？（如：两个第5类、一个第4类）")
    if isinstance(groups, str):
        found = reading.headcounts(groups)
    elif isinstance(groups, list | tuple) and all(
        isinstance(g, list | tuple) and len(g) == 2 for g in groups
    ):
        try:
            found = [(inputs.count(n, "人数", 50), inputs.category(c)) for n, c in groups]  # type: ignore[misc]
        except inputs.InputError as err:
            return Result(rule="award_for_group", status=Status.INVALID, message=str(err))
    else:
        found = []
    pairs = [(n, c) for n, c in found if isinstance(n, int) and n > 0 and isinstance(c, int)]
    if not pairs or len(pairs) != len(found):
        return Result(
            rule="award_for_group",
            status=Status.NEEDS_INPUT,
            missing=[ask],
            message=f"还需要了解：{ask.question}",
        )
    return pairs


def award_for_group(groups: Any = None, region: str | None = None) -> Result:
    """三（一）: a group of people counted by category, each category's line and the sum of their caps ("两个第5类
    再加一个第4类，最高一共多少" → 2 × 100万元 + 1 × 200万元 = 400万元, dev67). 第1类's 不少于 has no maximum: a
    group all of 第1类 sums the floors (至少), one mixing it with others gets each line and no total."""
    pairs = _headcounts(groups)
    if isinstance(pairs, Result):
        return pairs
    lines: list[str] = []
    results: list[Result] = []
    for _, each in pairs:
        one = total_award(each, region=region)
        if not one.ok:
            return one
        if one.answer not in lines:
            lines.append(one.answer)
        results.append(one)
    result = _joined("award_for_group", results)
    bounds = {r.values.get("bound") for r in results}
    caps = [int(r.values.get("cap") or 0) for r in results]
    people = sum(n for n, _ in pairs)
    terms = " + ".join(f"{n} × {fmt_yuan(c)}" for (n, _), c in zip(pairs, caps, strict=True))
    total: int | None = sum(n * c for (n, _), c in zip(pairs, caps, strict=True))
    if bounds == {"max"} and all(caps):
        lines.append(f"{people}人最高合计：{terms} = {fmt_yuan(total or 0)}（均为上限，以评审认定为准）。")
    elif bounds == {"min"} and all(caps):
        lines.append(
            f"{people}人合计不少于：{terms} = {fmt_yuan(total or 0)}（第1类的标准是“不少于”，没有上限）。"
        )
    else:
        total = None
        lines.append("第1类的标准是“不少于”，没有上限，所以合计没有一个确定的最高数。")
    result.answer = "\n".join(lines)
    result.values = {"people": people, "total": total}
    return result


def category_definition(category: Any = None, region: str | None = None) -> Result:
    """二: what category N is called and who it includes ("第1类人才叫什么" → 国内外顶尖人才), quoted whole."""
    ed = resolve(region)
    if isinstance(ed, Result):
        return ed
    from policy_kb.passages import passage_at
    from policy_kb.rules.base import ASK_CATEGORY

    result = Result(rule="category_definition", status=Status.OK, region=ed.region, edition=ed.id)
    try:
        n = inputs.category(category)
    except inputs.InputError as err:
        result.status = Status.INVALID
        result.message = str(err)
        return result
    if n is None:
        result.status = Status.NEEDS_INPUT
        result.missing = [ASK_CATEGORY]
        result.message = f"还需要了解：{ASK_CATEGORY.question}"
        return result
    passage = passage_at(ed.region, f"二 第{n}类")
    if passage is None:
        return _not_covered("category_definition", ed, "第1–5类人才分类", "award_cap.category_1")
    result.answer = passage.text
    result.values = {"category": n, "name": passage.title.split("：", 1)[-1]}
    result.cite(passage.citation)
    return result


def category_overview(region: str | None = None) -> Result:
    """二、三（十一）: how a category is decided (listed titles; 认定 for anyone else), before asking a title."""
    return _run(
        "category_overview", category.category_overview, "award_cap.category_1", "第1–5类人才分类", region
    )


def total_award(
    category: Any = None, region: str | None = None, honours: Any = None, project_funded: Any = None
) -> Result:
    category, why = _explained_category(category, honours, region)
    return _prefixed(
        why,
        _run(
            "total_award",
            awards.total_award,
            "award_cap.category_1",
            "第1–5类人才奖励资助",
            region,
            category=category,
            project_funded=project_funded,
        ),
    )


def benefits(category: Any = None, region: str | None = None, honours: Any = None) -> Result:
    category, why = _explained_category(category, honours, region)
    return _prefixed(
        why,
        _run(
            "benefits",
            benefits_rule.benefits,
            "award_cap.category_1",
            "第1–5类人才待遇",
            region,
            category=category,
        ),
    )


def project_funding(
    category: Any = None,
    rating: Any = None,
    project_type: Any = None,
    paid_in_capital: Any = None,
    project_investment: Any = None,
    plan: Any = None,
    city_selected: bool = False,
    region: str | None = None,
    honours: Any = None,
    selected_in_yongjia: Any = None,
    selection_year: Any = None,
    city_amount: Any = None,
) -> Result:
    """附件1 二: the category's funding by review rating; `honours` give the category ("正高职称" → 第5类,
    said before the figures) when it is not stated; an unlisted title is referred, never priced."""
    category, why = _explained_category(category, honours, region)
    return _prefixed(
        why,
        _run(
            "project_funding",
            funding.project_funding,
            "funding.standard.category_1",
            "按评审结果的项目资助",
            region,
            category=category,
            rating=rating,
            project_type=project_type,
            paid_in_capital=paid_in_capital,
            project_investment=project_investment,
            plan=plan,
            city_selected=city_selected,
            selected_in_yongjia=selected_in_yongjia,
            selection_year=selection_year,
            city_amount=city_amount,
        ),
    )


def funding_cap(
    project_words: Any = None,
    project_type: Any = None,
    paid_in_capital: Any = None,
    project_investment: Any = None,
    category: Any = None,
    rating: Any = None,
    region: str | None = None,
) -> Result:
    """附件1 二（二）: the 一般 cap of a project's funding from the firm's own figure (实缴注册资本 for 创业,
    单位项目投入经费 for 创新), before the category and rating are known; it steps aside once they are."""
    return _run(
        "funding_cap",
        funding.funding_cap,
        "funding.cap.startup",
        "项目资助总额上限",
        region,
        project_words=project_words,
        project_type=project_type,
        paid_in_capital=paid_in_capital,
        project_investment=project_investment,
        category=category,
        rating=rating,
    )


def next_tranche(
    project_type: Any = None,
    approved_total: Any = None,
    tranches_received: Any = None,
    paid_in_capital: Any = None,
    spending: Any = None,
    investment: Any = None,
    sales: Any = None,
    region: str | None = None,
    tranche: Any = None,
    received_amount: Any = None,
) -> Result:
    """附件1 三（一）、（二）: the next tranche of a project, or the asked one (`tranche`: 2, "last")."""
    return _run(
        "next_tranche",
        tranches.next_tranche,
        "tranche.startup.1.share",
        "项目资助分期拨付",
        region,
        project_type=project_type,
        approved_total=approved_total,
        tranches_received=tranches_received,
        paid_in_capital=paid_in_capital,
        spending=spending,
        investment=investment,
        sales=sales,
        tranche=tranche,
        received_amount=received_amount,
    )


def tranche_conditions(project_type: Any = None, tranche: Any = None, region: str | None = None) -> Result:
    return _run(
        "tranche_conditions",
        tranches.tranche_conditions,
        "tranche.startup.1.share",
        "项目资助分期拨付",
        region,
        project_type=project_type,
        tranche=tranche,
    )


def loan_interest(
    category: Any = None,
    loan_amount: Any = None,
    benchmark_rate: Any = None,
    actual_rate: Any = None,
    tax_within_3y: Any = None,
    region: str | None = None,
    honours: Any = None,
    later_loan: Any = None,
    two_years_had: Any = None,
    below_benchmark: Any = None,
    informal_loan: Any = None,
    ten_not_selected: Any = None,
    tax_late: Any = None,
    firms: Any = None,
    loan_not_own: Any = None,
    revenue_not_tax: Any = None,
    innovation_project: Any = None,
    per_year_asked: Any = None,
    tax_below: Any = None,
) -> Result:
    category, why = _explained_category(category, honours, region)
    return _prefixed(
        why,
        _run(
            "loan_interest",
            loans.loan_interest,
            "loan.years",
            "创业项目贷款贴息",
            region,
            category=category,
            loan_amount=loan_amount,
            benchmark_rate=benchmark_rate,
            actual_rate=actual_rate,
            tax_within_3y=tax_within_3y,
            later_loan=later_loan,
            two_years_had=two_years_had,
            below_benchmark=below_benchmark,
            informal_loan=informal_loan,
            ten_not_selected=ten_not_selected,
            tax_late=tax_late,
            firms=firms,
            loan_not_own=loan_not_own,
            revenue_not_tax=revenue_not_tax,
            innovation_project=innovation_project,
            per_year_asked=per_year_asked,
            tax_below=tax_below,
        ),
    )


def loan_interest_per_firm(
    categories: Any = None,
    loan_amount: Any = None,
    benchmark_rate: Any = None,
    actual_rate: Any = None,
    below_benchmark: Any = None,
    region: str | None = None,
) -> Result:
    """三（三）: one loan each for firms of different categories ("我是第2类人才，我老婆是第5类，我们各自…开了公司…
    两家公司都在银行各贷了400万，利率按4%…两家一共能贴多少", dev67 → 32万元 + 16万元 = 48万元): each firm at its own
    category's cap, then the sum. `categories`: the words naming them, or a list of categories."""
    named = reading.categories(categories) if isinstance(categories, str) else categories
    if not isinstance(named, list | tuple) or len(named) < 2:
        ask = Missing("categories", "各家企业的领衔人分别是第几类人才？")
        return Result(
            rule="loan_interest_per_firm",
            status=Status.NEEDS_INPUT,
            missing=[ask],
            message=f"还需要了解：{ask.question}",
        )
    each = [
        loan_interest(
            c,
            loan_amount,
            benchmark_rate,
            actual_rate=actual_rate,
            below_benchmark=below_benchmark,
            region=region,
        )
        for c in named
    ]
    amounts = [r.values.get("amount") if r.ok else None for r in each]
    if not all(isinstance(a, int) for a in amounts):
        return next((r for r in each if not r.ok or not isinstance(r.values.get("amount"), int)), each[0])
    first = each[0]
    result = _joined("loan_interest_per_firm", each)
    total = sum(a for a in amounts if isinstance(a, int))
    years = first.values.get("years")
    sums = " + ".join(fmt_yuan(a) for a in amounts if isinstance(a, int))
    result.answer = "\n".join(
        [
            *(r.answer for r in each),
            f"{len(each)}家企业各按本企业领衔人的类别计算，{years}年贴息合计约{sums} = {fmt_yuan(total)}"
            f"（追加的择优贴息另计）。",
        ]
    )
    result.values = {"firms": len(each), "amount_all": total, "amounts": amounts}
    return result


def housing_subsidy(plan: Any = None, region: str | None = None) -> Result:
    """永嘉县 三（七） purchase subsidies; in 台州市, whose plan has 房票补贴 instead, that provision."""
    ed = resolve(region)
    if isinstance(ed, Edition) and not ed.has("housing.580计划") and ed.has("housing.voucher_to_talent"):
        return housing_voucher(region=ed.region)
    return _run(
        "housing_subsidy", awards.housing_subsidy, "housing.580计划", "人才购房补贴标准", region, plan=plan
    )


def _taizhou_rule(name: str, needs: str, what: str, region: str | None, **kw: Any) -> Result:
    """A 台州市 rule (policy_kb.rules.taizhou, bound to its edition) run as `_run` runs any rule: the
    region's edition when it defines `needs`, else the not-regulated answer."""
    from policy_kb.rules import taizhou

    rule = getattr(taizhou, name)
    return _run(name, lambda ed, **given: rule(**given), needs, what, region, **kw)


def housing_voucher(region: str | None = None) -> Result:
    """台州市 五、21.: 房票补贴 paid to a talent who buys a home (the plan states no amount); 六、24."""
    return _taizhou_rule("housing_voucher", "housing.voucher_to_talent", "人才房票补贴", region)


def talent_apartments(area: Any = None, region: str | None = None) -> Result:
    """台州市 五、21.: talent apartments each county-level area provides (三区三市 / 其他县)."""
    return _taizhou_rule(
        "housing_supply_targets", "housing.apartment.county", "人才公寓建设任务", region, area=area
    )


def reform_award(scope: Any = None, region: str | None = None, separate_practices: bool = False) -> Result:
    """台州市 六、25.: one-off award to an employer whose talent-work reform is replicable 全国 (50万元)
    or 全省 (30万元); `separate_practices`: the tiers named belong to two reforms (their sum is said)."""
    return _taizhou_rule(
        "reform_award",
        "reform.national",
        "人才工作改革创新奖励",
        region,
        scope=scope,
        separate_practices=separate_practices,
    )


def equity_award(
    net_asset_increase_3y: Any = None, years_worked: Any = None, region: str | None = None
) -> Result:
    """台州市 六、25.: state-owned firms' equity awards (≤15% of the 3-year net-asset increase)."""
    return _taizhou_rule(
        "equity_award_cap",
        "equity.share",
        "国有企业股权奖励",
        region,
        net_asset_increase_3y=net_asset_increase_3y,
        years_worked=years_worked,
    )


def fund_profit_share(gov_share_profit: Any = None, region: str | None = None) -> Result:
    """台州市 五、17.: 50% of the government share's profit rewards the talent (team) and fund manager."""
    return _taizhou_rule(
        "fund_profit_share",
        "fund.profit_share",
        "基金收益让利奖励",
        region,
        gov_share_profit=gov_share_profit,
    )


def contest_landing(projects: Any = None, region: str | None = None) -> Result:
    """台州市 三、9.: of the projects shown at 以赛引才 events, 40% 以上 should land."""
    return _taizhou_rule(
        "contest_landing", "recruit.contest_landing_rate", "以赛引才项目落地率", region, projects=projects
    )


def recruitment_task(recruited: Any = None, region: str | None = None) -> Result:
    """台州市 七、29.: which 招商引资 task a recruited talent counts as (自主申报的千人计划专家; 市外全职引进的
    顶尖、领军、高端人才 经认定)."""
    return _taizhou_rule(
        "recruitment_task",
        "recruit.task_self_applied",
        "招才引智视同招商引资任务",
        region,
        recruited=recruited,
    )


def talent_housing_homes(homes: Any = None, region: str | None = None) -> Result:
    """台州市 五、21.: 新建商品住房项目中配建不低于 5% 的人才专用房 (探索)."""
    return _taizhou_rule(
        "talent_housing_homes", "housing.commodity_share", "商品住房配建人才专用房", region, homes=homes
    )


def talent_housing_area(floor_area: Any = None, region: str | None = None) -> Result:
    """台州市 五、21.: the same 5% of a project's floor area, said to be one reading of a share the text leaves open."""
    return _taizhou_rule(
        "talent_housing_area",
        "housing.commodity_share",
        "商品住房配建人才专用房（按面积）",
        region,
        floor_area=floor_area,
    )


def patent_growth(patents: Any = None, region: str | None = None) -> Result:
    """台州市 五、18.: patent applications to grow 10% 以上 a year."""
    return _taizhou_rule("patent_growth", "ip.patent_growth", "专利申请量增长目标", region, patents=patents)


def _clause_key(clause: str) -> str:
    return re.sub(r"[\s.．]", "", normalise(clause))


def provisions(clause: str | None = None, region: str | None = None) -> Result:
    """Every edition entry of a clause (and its sub-items), each with its verbatim quote: a lookup for
    provisions no calculator computes (附件2 第九条, 台州 五、21. …). "五、21" = "五、21."; "附件2第八条"
    also gives 第八条（一）–（六）. With no region, the edition that has the clause (永嘉县 if both)."""
    key = _clause_key(clause if isinstance(clause, str) else "")

    def entries_of(ed: Edition) -> list[Any]:
        out = []
        for p in ed.parameters.values():
            ck = _clause_key(p.citation.clause)
            # normalise() makes brackets ASCII: 第六条（一） → 第六条(一)
            if ck == key or (key and ck.startswith(key) and (key.endswith(")") or ck[len(key)] == "(")):
                out.append(p)
        return out

    if region is None:
        having = [e for e in all_editions().values() if entries_of(e)]
        region = having[0].region if len(having) == 1 else None
    ed = resolve(region)
    if isinstance(ed, Result):
        return ed
    found = entries_of(ed) if key else []
    if not found:
        msg = f"{ed.doc}中没有“{clause}”这一条的数据条目；可以用条文检索查看原文，或咨询{ed.region}人才工作部门。"
        return Result(
            rule="provisions",
            status=Status.NEEDS_ASSESSMENT,
            region=ed.region,
            edition=ed.id,
            message=msg,
            answer=msg,
        )
    lines = [f"{ed.doc}《{ed.title}》{found[0].citation.clause}："]
    entries = []
    for p in found:
        shown = display_value(p, ed)
        lines.append(
            f"· {p.label}：{shown}（{p.citation.clause}）"
            if shown
            else f"· {p.label}（{p.citation.clause}）：“{p.citation.display_quote()}”"
        )
        entries.append(
            {
                "id": p.id,
                "label": p.label,
                "value": p.value,
                "unit": p.unit,
                "bound": p.bound,
                "display": shown,
                "clause": p.citation.clause,
                "quote": p.citation.display_quote(),
            }
        )
    result = Result(
        rule="provisions",
        status=Status.OK,
        region=ed.region,
        edition=ed.id,
        answer="\n".join(lines),
        values={"clause": found[0].citation.clause, "entries": entries},
    )
    result.cite(*(p.citation for p in found))
    return result


def overseas_engineer(
    annual_salary: Any = None, region: str | None = None, people: Any = None, engineer_selected: Any = None
) -> Result:
    """三（四）: per-engineer grant to the employer; `annual_salary` one figure or one per engineer,
    `people` how many ("2人 年薪80万" → annual_salary="80万", people=2)."""
    return _run(
        "overseas_engineer",
        awards.overseas_engineer,
        "overseas_engineer.band_1.grant",
        "海外工程师资助",
        region,
        annual_salary=annual_salary,
        people=people,
        engineer_selected=engineer_selected,
    )


def skills_award(award: Any = None, region: str | None = None, people: Any = None) -> Result:
    """三（五）: `people` newly recognised workers multiply a per-person award."""
    return _run(
        "skills_award",
        awards.skills_award,
        "skills.中华技能大奖",
        "技能人才奖励标准",
        region,
        award=award,
        people=people,
    )


def skills_awards(awards: Any = None, region: str | None = None) -> Result:
    """三（五）: several awards the words (`awards`) name, each times its head count, and their total or,
    asked for it, the difference of two."""
    return _run(
        "skills_awards", _skills_awards, "skills.中华技能大奖", "技能人才奖励标准", region, awards=awards
    )


def highest_award(offers: Any = None, region: str | None = None) -> Result:
    """四（二）: the amounts offered for the same project (`offers`, the words) — the higher one (就高)."""
    return _run(
        "highest_award", _highest_award, "rule.highest_not_duplicate", "就高原则", region, offers=offers
    )


def skills_award_named(text: str) -> str | None:
    """The 三（五） award the words name, whole or with one character mistyped (None: none named)."""
    return awards.skills_award_named(text)


def workstation(kind: Any = None, level: Any = None, region: str | None = None) -> Result:
    return _run(
        "workstation",
        awards.workstation,
        "workstation.博士后.省级",
        "工作站建站补助",
        region,
        kind=kind,
        level=level,
    )


def employer_reward(
    plan: Any = None, region: str | None = None, selected_in_yongjia: Any = None, trip: Any = None
) -> Result:
    """三（八）: the employer of a talent selected 以永嘉地 for `plan`; not when the selection was applied for
    through another place (`selected_in_yongjia` no). `trip`: a trip abroad to recruit the words said
    (reading.overseas_trip), counted into the total."""
    return _run(
        "employer_reward",
        awards.employer_reward,
        "employer.580计划",
        "用人单位引才奖励",
        region,
        plan=plan,
        selected_in_yongjia=selected_in_yongjia,
        trip=trip,
    )


def referral_fee(
    plan: Any = None,
    region: str | None = None,
    referred: Any = None,
    selected: Any = None,
    referred_talent: Any = None,
) -> Result:
    """三（十）: `referred` talents referred (each 2万元), `selected` of them selected for `plan`;
    `referred_talent` the words about who was referred (a talent said not to be overseas is 认定's)."""
    return _run(
        "referral_fee",
        awards.referral_fee,
        "referral.fee",
        "引荐费",
        region,
        plan=plan,
        referred=referred,
        selected=selected,
        referred_talent=referred_talent,
    )


def flexible_reward(
    taxable_pay: Any = None,
    years_already: Any = 0,
    firm_awarded_this_year: Any = 0,
    region: str | None = None,
    people: Any = None,
    pay_kind: Any = None,
    years_summed: Any = None,
) -> Result:
    """附件2 第七条: `taxable_pay` one figure or one per person, `people` how many ("4人 每人30万" →
    taxable_pay="30万", people=4); per-person (5万元) and per-firm (15万元) yearly caps both apply.
    `pay_kind`: income not pay for work ("分红"): the rule and who decides, no figure."""
    return _run(
        "flexible_reward",
        flexible.flexible_reward,
        "flexible.share",
        "柔性引才奖励",
        region,
        taxable_pay=taxable_pay,
        years_already=years_already,
        firm_awarded_this_year=firm_awarded_this_year,
        people=people,
        pay_kind=pay_kind,
        years_summed=years_summed,
    )


# 附件2's articles by what a question about them says, most specific first; 第七条 is the reward itself
FLEXIBLE_TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "附件2 第十一条",
        ("负责实施", "哪个单位负责", "组织实施", "谁负责", "实施单位", "主管部门", "哪个部门管"),
    ),
    ("附件2 第一条", ("目的", "为什么出台", "出台", "解决什么", "宗旨", "为什么制定")),
    # (what the government does and what the firm does: "这是政府帮我们找好人直接派过来，还是我们自己出去谈、自己签？政府在这
    # 里面到底管到哪一步", dev78 — 政府引导、市场调节、契约管理、绩效激励)
    (
        "附件2 第三条",
        (
            "运作",
            "原则",
            "运行机制",
            "谁领导",
            "领导小组",
            "管到哪",
            "政府在这里面",
            "政府帮我们找",
            "直接派过来",
            "自己出去谈",
        ),
    ),
    (
        "附件2 第四条",
        (
            "对象",
            "什么样的人才",
            "哪些人才",
            "哪类",
            "哪一类",
            "几类",
            "算不算",
            "什么人才",
            "属于哪",
            # "这种算县里说的柔性引进人才吗" (dev55): whether the talent is one of its 对象
            "柔性引进人才吗",
            "柔性引进的人才吗",
            "算柔性",
            # "县里的柔性引才，对请来的人有什么要求？" then "我们想请一个杭州的博士来兼职…他算吗？" (dev59): the person
            "请来的人",
            "引进的人有什么要求",
            "对人有什么要求",
            "对人才有什么要求",
            "他算吗",
            "她算吗",
            "他算不算",
            "这个人算",
            # ("能把他算成柔性引进的领军人才吗", dev78)
            "算成",
            "算作",
            "领军人才吗",
        ),
    ),
    # (户口、社保 asked about, not stated: "他户口社保都还在杭州…按什么比例算" is 第七条's 20%, dev22)
    (
        "附件2 第二条",
        (
            "户口要",
            "户口需",
            "户口迁",
            "迁户口",
            "转户口",
            "户籍要",
            "户籍迁",
            "社保要",
            "社保需",
            "转社保",
            "档案要",
            "人事关系要",
            "要不要迁",
            "需不需要迁",
            "要不要转",
            "转到",
            "转过来",
            "迁到",
            "迁过来",
            "迁入",
            "什么是柔性",
            "定义",
            "什么意思",
        ),
    ),
    ("附件2 第十条", ("弄虚作假", "处罚", "假签", "假引", "追缴", "造假", "骗取")),
    # whether the reward is certain once an agreement is signed and paid ("是不是只要签了协议、钱也付了…就一定能拿到", dev78):
    # 第七条's 根据人才在企业的工作成效, before 第六条's 协议 the words also name
    ("附件2 第七条", ("一定能拿", "肯定能拿", "保证能拿", "一定能领", "一定有", "就能拿到", "就一定")),
    ("附件2 第六条", ("协议", "合同", "服务期限", "服务期", "签多久", "多长时间")),
    # 第九条's own benefits before 第七条's "多少": "获了省科技进步奖，县里奖多少", "能给他发住房补贴吗，能给多少"
    # are the talent's 同等额度 award, 同类人员待遇 and 一人一策, not the firm's 20% reward
    (
        "附件2 第九条",
        (
            "科技奖",
            "科技进步奖",
            "获奖",
            "奖项",
            "大奖",
            "住房",
            "房补",
            "购房",
            "子女",
            "一人一策",
            "一事一议",
            "立项",
            "同类人员",
            "全职在永",
            "转为全职",
            "转全职",
        ),
    ),
    (
        "附件2 第七条",
        ("多少", "金额", "几年", "连续", "上限", "比例", "怎么算", "计算", "标准", "给谁", "根据什么"),
    ),
    (
        "附件2 第八条",
        (
            "申请",
            "申报",
            "程序",
            "流程",
            "材料",
            "怎么领",
            "审核",
            "公示",
            "什么时候",
            "多久",
            "兑现",
            "发到",
            "发放",
        ),
    ),
    ("附件2 第九条", ("待遇", "享受", "优惠", "奖项")),
    ("附件2 第五条", ("方式", "形式", "途径", "顾问", "兼职", "返聘", "旅居", "对口支援", "技术入股")),
)
ASK_FLEXIBLE_TOPIC = Missing(
    "flexible_topic",
    "您想了解柔性引才的哪一方面？",
    ("引才方式", "合作协议与服务期限", "奖励标准", "申请程序", "柔性引进人才的待遇", "弄虚作假的处理"),
)


def _article_passage(clause: str, region: str) -> Result | None:
    """The article's verbatim text (with the list it introduces) as a decided, cited Result."""
    from policy_kb.passages import passage_at

    p = passage_at(region, clause)
    if p is None:
        return None
    body = p.text + "".join(item.text for item in p.items if item.text not in p.text)
    result = Result(
        rule="flexible_terms",
        status=Status.OK,
        region=p.region,
        edition=p.edition,
        answer=f"{p.citation.doc} {clause}：{body}",
        values={"clause": clause},
    )
    result.cite(p.citation)
    return result


def agreement_term(months: Any = None, region: str | None = None) -> Result:
    """附件2 第六条（二）: whether an agreement's service term (`months`) meets 一年以上."""
    return _run(
        "agreement_term",
        flexible.agreement_term,
        "flexible.min_service_years",
        "柔性引才协议期限",
        region,
        months=months,
    )


def _same_award(result: Result, text: str) -> None:
    """第九条（二）: a personal award for work done in 永嘉 is matched 同等额度 — "拿了省科技进步奖，个人奖金
    5万，县里给多少" is answered 5万元 before the article (the award must be one the article names)."""
    found = [a for a in reading.amounts(text) if a.yuan]
    if "奖" not in text or len(found) != 1:
        return
    amount = fmt_yuan(found[0].yuan)
    result.answer = (
        f"按附件2第九条（二），柔性引进的人才在永工作成果获得国家、省部级或市级重大科技奖项（个人）的，"
        f"给予同等额度的资金奖励：您说的个人奖金{amount}，同等额度即{amount}。\n{result.answer}"
    )
    result.values["amount"] = found[0].yuan


def flexible_terms(
    topic: str | None = None, region: str | None = None, honours: Any = None, each_person: Any = None
) -> Result:
    """附件2 (柔性引进人才) article by topic: 第五条 ways, 第六条 agreement and service term, 第七条 the
    reward's rule, 第八条 procedure, 第九条 the talents' own benefits, 第十条 penalties — each answered
    from its own article with quotes (the reward amount itself is `flexible_reward`). With `each_person`, the
    `honours` are several people's, one each ("一个是中科院院士…一个是省特级专家…还有一个是正高"): each title's
    category is said, not the highest of one person's several titles."""
    text = normalise(topic if isinstance(topic, str) else "")
    clause = next((c for c, words in FLEXIBLE_TOPICS if any(w in text for w in words)), None)
    if clause is None:
        return Result(
            rule="flexible_terms",
            status=Status.NEEDS_INPUT,
            missing=[ASK_FLEXIBLE_TOPIC],
            message=f"还需要了解：{ASK_FLEXIBLE_TOPIC.question}",
        )
    # the article's own words answer a question about it (第七条's "根据人才在企业的工作成效", 第八条（二）'s
    # 《永嘉县柔性引才奖励申请表》 are in no summary); the edition entries stay the fallback
    result = _article_passage(clause, region or DEFAULT_REGION) or provisions(
        clause, region=region or DEFAULT_REGION
    )
    result.rule = "flexible_terms"
    result.values["topic"] = topic
    result.values.setdefault("clause", clause)
    if clause == "附件2 第九条":
        _same_award(result, text)
    months = reading.agreement_months(text) if clause == "附件2 第六条" else None
    if months is not None:
        # "协议只签半年可以吗": whether the term meets 第六条（二）, before the article's words
        term = agreement_term(months, region=region)
        if term.ok:
            result.answer = f"{term.answer}\n{result.answer}"
            result.values["meets"] = term.values.get("meets")
    untitled = no_title_note(text, region or DEFAULT_REGION) if clause == "附件2 第四条" else None
    if untitled is not None and not honours:
        # "他没有国内这些人才称号…能算柔性引才的对象吗" (dev55): not among the 对象 without a title or 认定
        result.answer = f"{result.answer}\n{untitled.answer}"
        result.citations = result.citations + untitled.citations
    if clause == "附件2 第四条" and honours:
        # the objects are categories 1–5: which category the named talent is in answers "算不算"
        several = inputs.yes_no(each_person, "称号是否分属不同的人") is True
        titles = list(honours) if isinstance(honours, list | tuple) else [honours]
        whys = (
            [category_for_honours([h], region=region) for h in titles] if several and len(titles) > 1 else []
        )
        if any(w.ok and w.values.get("category_sentence") for w in whys):
            # one person each: every title's own category (never the highest of them for all); a title the
            # catalogue does not list gets its own note, no category
            lines = [
                str(w.values.get("category_sentence") or "") if w.ok else (w.answer or w.message)
                for w in whys
            ]
            result.answer = "\n".join(line for line in lines if line) + "\n" + result.answer
            cited = _catalogue_lines([c for w in whys for c in w.citations])
            result.citations = [
                *dict.fromkeys(c for c in cited if c not in result.citations),
                *result.citations,
            ]
            return result
        why = category_for_honours(honours, region=region)
        lead = why.values.get("category_sentence") if why.ok else (why.answer or why.message)
        if lead:
            result.answer = f"{lead}\n{result.answer}"
            cited = _catalogue_lines(why.citations)
            result.citations = [c for c in cited if c not in result.citations] + result.citations
    return result


def _catalogue_lines(citations: list[Citation]) -> list[Citation]:
    """The catalogue's own lines (二, 三（十一）'s 认定) of a category reading's citations: 三（一）'s award, which
    category_for_honours also cites, is not what 附件2 第四条's answer rests on."""
    return [c for c in citations if c.clause.startswith("二") or c.clause == "三（十一）"]


def no_title_note(said: str, region: str | None) -> Result | None:
    """When the words say no title is held ("啥人才称号都没有…我这种能报吗", "他没有国内这些人才称号…能算柔性引才的
    对象吗"): without a listed title or 认定 the talent is not among the 第1—5类 a measure is for, and the text's
    way in — 二's 相当于…经认定 and 三（十一）'s 偏才专才. A category is never guessed. None when the words do not
    say so, name a listed title after all, or `region` is not the catalogue's."""
    if not said or not NO_TITLE.search(normalise(said)):
        return None
    cat = catalogue()
    found = cat.match(said)
    if cat.edition.region != region or found.honours:
        return None
    understood = f"{found.understood}。" if found.unlisted else ""  # "“副教授”：副教授属于副高级职称…"
    note = understood + (
        "您说没有人才称号：本条所列对象主要是第1—5类领军型人才，没有目录所列称号、也未经认定的，不在所列对象之中，"
        "不能直接按本条申报或享受。学术、技术水平相当于第1—5类的（含海外），经认定后列入相应层次；"
        f"重点产业急需的“偏才”“专才”由{cat.assessment_who}后享受相应政策。"
    )
    return Result(
        rule="untitled_note",
        status=Status.OK,
        answer=note,
        region=region,
        citations=[cat.assessment_citation, cat.special_citation],
    )


def project_eligibility(
    project_type: Any = None,
    years_full_time: Any = None,
    contract_years: Any = None,
    months_per_year: Any = None,
    equity_percent: Any = None,
    own_investment: Any = None,
    company_age_years: Any = None,
    region: str | None = None,
    other_equity_percent: Any = None,
    largest_holder: Any = None,
    lead_role: Any = None,
    labour_contract: Any = None,
    aim_asked: Any = None,
) -> Result:
    return _run(
        "project_eligibility",
        eligibility.project_eligibility,
        "project.startup.min_equity",
        "项目申报条件",
        region,
        project_type=project_type,
        years_full_time=years_full_time,
        contract_years=contract_years,
        months_per_year=months_per_year,
        equity_percent=equity_percent,
        own_investment=own_investment,
        company_age_years=company_age_years,
        other_equity_percent=other_equity_percent,
        largest_holder=largest_holder,
        lead_role=lead_role,
        labour_contract=labour_contract,
        aim_asked=aim_asked,
    )


def matching_grant(kind: Any = None, amount: Any = None, region: str | None = None) -> Result:
    return _run(
        "matching_grant",
        eligibility.matching_grant,
        "team.province_match",
        "等额配套资助",
        region,
        kind=kind,
        amount=amount,
    )


def taizhou_overview() -> Result:
    """台州市 plan: everything it offers talents, employers and intermediaries, cited."""
    from policy_kb.rules import taizhou

    return taizhou.overview()


def intermediary_fee_subsidy(
    fee: Any = None, already_received_this_firm: Any = 0, full_time: Any = True, unified_event: Any = True
) -> Result:
    """台州市 三、9.: 50% of the intermediary fee for a full-time hire, at most 30万元 per firm."""
    from policy_kb.rules import taizhou

    return taizhou.intermediary_fee_subsidy(
        fee=fee,
        already_received_this_firm=already_received_this_firm,
        full_time=full_time,
        unified_event=unified_event,
    )


def services(region: str | None = None, service_words: str | None = None) -> Result:
    from policy_kb import services as svc

    return svc.services(region or DEFAULT_REGION, service_words)


def gold_card(region: str | None = None) -> Result:
    from policy_kb import services as svc

    return svc.gold_card(region or DEFAULT_REGION)


def hotline(region: str | None = None) -> Result:
    from policy_kb import services as svc

    return svc.hotline(region or DEFAULT_REGION)


def who_decides(region: str | None, clause: str, shown: str = "") -> Result | None:
    """Who decides the cases a clause leaves open (policy_kb.deciders), or None."""
    from policy_kb import deciders

    return deciders.who_decides(region, clause, shown)


def document_passages(query: str, region: str | None = None, k: int = 3) -> list[Any]:
    """The passages about a document as such (its aims, principles, effective date, who leads, funds
    and evaluates it: each edition's `document_clauses`) that the words match, best first.

    Why apart from search: "人才新政坚持什么原则" or "文件什么时候开始实施" share few words with any clause
    and name the document, which every clause's context repeats; among the few clauses about the
    document itself, the weak match is the right one."""
    from policy_kb import search as kb_search

    prefixes = _document_clauses()
    hits = kb_search.search(query, k=DOCUMENT_DEPTH, region=region)

    def about_document(hit: Any) -> bool:
        clause = hit.citation.clause
        return any(
            clause == p or clause.startswith((p + "（", p + " ", p + "、"))
            for p in prefixes.get(hit.region, ())
        )

    return [h for h in hits if about_document(h)][:k]


def effective_date(region: str | None = None) -> Result:
    """When a document takes effect and the date it was signed, in its own words (edition `dates`):
    永委办发〔2016〕82号 五 "本意见自发文之日起实施", signed 2016年7月28日; 台市委发〔2018〕39号 signed
    2018年4月13日 and no separate effective date. Without a region, every edition's."""
    eds = [e for e in all_editions().values() if region is None or e.region == region]
    result = Result(rule="effective_date", status=Status.OK, region=region or "")
    lines = []
    for ed in sorted(eds, key=lambda e: e.effective):
        dates = ed.meta.get("dates") or {}
        signed, effective = dates.get("signed"), dates.get("effective")
        if not signed:
            continue
        if effective:
            result.cite(
                Citation(ed.doc, str(effective["clause"]), str(effective["quote"]), ed.title, ed.region)
            )
            lines.append(
                f"{ed.region}《{ed.doc}》{effective['clause']}写明“{effective['quote']}”，发文日期为{signed['quote']}，"
                f"即自{signed['quote']}起实施。"
            )
        else:
            lines.append(f"{ed.region}《{ed.doc}》的印发日期为{signed['quote']}，正文没有另写施行日期。")
        result.cite(Citation(ed.doc, str(signed["clause"]), str(signed["quote"]), ed.title, ed.region))
        transition = dates.get("transition")
        if transition:
            lines.append(f"同条还规定：“{transition['quote']}”。")
            result.cite(
                Citation(ed.doc, str(transition["clause"]), str(transition["quote"]), ed.title, ed.region)
            )
        period = dates.get("period")
        if period:
            # "管到哪一年为止": a plan's years are in its title — its targets run to the last of them
            lines.append(f"计划期为{period['years']}（{period['quote']}）。")
            result.cite(Citation(ed.doc, str(period["clause"]), str(period["quote"]), ed.title, ed.region))
    if not lines:
        return Result(rule="effective_date", status=Status.NEEDS_ASSESSMENT, message="文件没有写明施行日期。")
    result.answer = "".join(lines)
    if len(eds) == 1:
        result.edition = eds[0].id
    return result


DOCUMENT_DEPTH = 40  # how deep document_passages looks into the search ranking


@cache
def _document_clauses() -> dict[str, tuple[str, ...]]:
    """Region → the clauses about the document itself (each edition's `document_clauses`), read once."""
    from policy_kb.editions import all_editions

    return {
        e.region: tuple(str(c) for c in e.meta.get("document_clauses") or []) for e in all_editions().values()
    }


def search(query: str, k: int = 3, region: str | None = None) -> list[Any]:
    from policy_kb import search as kb_search

    return kb_search.search(query, k=k, region=region)
