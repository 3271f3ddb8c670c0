"""Fixed awards and subsidies of 永委办发〔2016〕82号 三（一）、（四）–（八）、（十）.

Each of these is a table lookup or a banded lookup; the figures live in editions/*.yaml.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from policy_kb import inputs
from policy_kb.deciders import who_decides
from policy_kb.editions import Edition
from policy_kb.model import Missing, Result
from policy_kb.money import fmt_yuan
from policy_kb.reading import said_not_overseas
from policy_kb.rules.base import ASK_CATEGORY, Trace, guarded, per_person
from policy_kb.rules.base import people as base_people
from policy_kb.text import GAP_ASKED, SUM_ASKED, compact

PLANS = ("国家千人计划", "省千人计划", "580计划")
_PLAN_WORDS = {
    "国家千人计划": ("国家千人", "国千", "青年千人", "青千", "国家级千人"),
    "省千人计划": ("省千人", "省千", "浙江千人", "浙江省千人", "省级千人"),
    "580计划": ("580",),
}
ASK_PLAN = Missing("plan", "入选的是国家“千人计划”、浙江省“千人计划”还是温州市“580计划”？", PLANS)


def parse_plan(value: object) -> str | None:
    """国千/国家千人计划 → 国家千人计划; 省千 → 省千人计划; 580 → 580计划; otherwise None (the first of
    several named, in the order of PLANS)."""
    named = plans_named(value)
    return named[0] if named else None


def plan_aliases(plan: str) -> tuple[str, ...]:
    """The words a plan is named by ("国家千人计划" → 国家千人, 国千, …); () for no plan."""
    return _PLAN_WORDS.get(plan, ())


def plans_named(value: object) -> list[str]:
    """Every plan the words name, in the order of PLANS ("国家千人和省千人" → both)."""
    text = compact(str(value or ""))
    return [p for p, words in _PLAN_WORDS.items() if any(compact(w) in text for w in words)]


@guarded("total_award")
def total_award(ed: Edition, category: object = None, project_funded: object = None) -> Result:
    """`project_funded`: the project funding already granted, one of the award's three parts — what is left
    of the category's maximum for the other two ("项目资助给了200万…总的奖励资助还剩多少空间", dev61)."""
    t = Trace("total_award", ed)
    n = inputs.category(category)
    funded = inputs.amount_yuan(project_funded, "已获得的项目资助")
    if n is None:
        return _all_awards(t, ed)
    pid = f"award_cap.category_{n}"
    cap = t.use(pid)
    bound = ed.param(pid).bound
    components = "、".join(t.use("award.components"))
    condition = award_condition(t, ed)
    word = "不少于" if bound == "min" else "最高"
    t.step(f"第{n}类人才奖励资助{word}{fmt_yuan(cap)}（{ed.param(pid).label}）", pid)
    t.step(f"奖励资助主要包括{components}三项", "award.components")
    answer = f"{condition}的第{n}类人才，奖励资助{word}{fmt_yuan(cap)}，主要包括{components}三项。"
    if funded is None:
        return t.ok(answer, category=n, cap=cap, bound=bound)
    if bound == "min":
        # 第1类's 不少于 sets no ceiling: nothing can be said to be "left"
        answer += f"第{n}类的奖励资助是“不少于”{fmt_yuan(cap)}，原文没有规定上限，已获项目资助之外还有多少，以评审认定为准。"
        return t.ok(answer, category=n, cap=cap, bound=bound, project_funded=funded)
    if funded >= cap:
        # (第5类's project cap is its whole award; more than the award cannot be granted as a project: checked by the office)
        answer += (
            f"您说的项目资助{fmt_yuan(funded)}已达到第{n}类奖励资助的最高额，按原文已没有余额；如与实际不符，请向县招才局"
            f"（县委人才办）核实。"
        )
        return t.ok(answer, category=n, cap=cap, bound=bound, project_funded=funded, left=0)
    left = cap - funded
    t.step(f"{fmt_yuan(cap)} − 已获项目资助{fmt_yuan(funded)} = {fmt_yuan(left)}", pid)
    answer += (
        f"项目资助已获{fmt_yuan(funded)}，三项合计最高{fmt_yuan(cap)}，个人奖励和住房补贴等最多还剩{fmt_yuan(left)}"
        f"（{fmt_yuan(cap)} − {fmt_yuan(funded)}）；这是上限，不是应得数，具体数额以评审认定为准。"
    )
    return t.ok(answer, category=n, cap=cap, bound=bound, project_funded=funded, left=left)


def award_condition(t: Trace, ed: Edition) -> str:
    """三（一）'s condition as the text states it (符合我县产业发展导向，经评审认定，在永嘉创业创新), with the county
    named: "是不是只要有人才称号就自动能领？还要满足啥前提" is answered by it (dev29), not by 创业创新 alone;
    benefits states it too ("项目偏房地产…第2类那笔最高的资助我还有戏吗", dev27)."""
    return str(t.use("award.condition")).replace("我县", ed.region).replace("，", "、")


def _all_awards(t: Trace, ed: Edition) -> Result:
    """Category unknown: 三（一） for every category and what the award includes, then the offer.

    Why answer before asking: "奖励资助包括哪几块", "各类人才最高拿多少" are settled by the text alone;
    only which line applies to the talent needs their category."""
    parts = []
    for n in range(1, 6):
        pid = f"award_cap.category_{n}"
        if not ed.has(pid):
            continue
        cap = t.use(pid)
        word = "不少于" if ed.param(pid).bound == "min" else "最高"
        parts.append(f"第{n}类{word}{fmt_yuan(cap)}")
        t.step(f"第{n}类人才奖励资助{word}{fmt_yuan(cap)}", pid)
    components = "、".join(t.use("award.components"))
    condition = award_condition(t, ed)
    t.step(f"奖励资助主要包括{components}三项", "award.components")
    t.result.offers = [ASK_CATEGORY]
    answer = f"{condition}的领军人才，奖励资助：{'，'.join(parts)}；奖励资助主要包括{components}三项。"  # the category question is the offer (its options are buttons), not part of the answer text
    return t.ok(answer, category=None)


@guarded("housing_subsidy")
def housing_subsidy(ed: Edition, plan: object = None) -> Result:
    """三（七）: the purchase subsidy of the plan named; two plans named ("国家千人和省千人的购房补贴一样吗"):
    each one's and whether they differ."""
    t = Trace("housing_subsidy", ed)
    several = plans_named(plan)
    if len(several) >= 2:
        return _housing_compared(t, ed, several)
    p = parse_plan(plan)
    if p is None:
        meant = _plans_meant(ed, plan)
        if len(meant) >= 2:
            # "千人计划的100万购房补贴": 国家 or 省 — each one's figure, never "不在其中"
            return _housing_compared(t, ed, meant)
        if plan:
            return _housing_not_listed(t, ed, str(plan))
        return t.missing(ASK_PLAN)
    pid = f"housing.{p}"
    amount = t.use(pid)
    t.step(f"{ed.param(pid).label}：{fmt_yuan(amount)}", pid)
    rule = t.use("housing.implementing_rule")
    t.step(
        f"具体按《永嘉县人民政府关于加强人才住房保障工作的实施意见》（{rule}）执行",
        "housing.implementing_rule",
    )
    return t.ok(
        f"入选{p}的人才，符合有关条件的，可给予最高{fmt_yuan(amount)}的购房补贴，具体按《永嘉县人民政府关于"
        f"加强人才住房保障工作的实施意见》（{rule}）执行。该文件不在本系统收录的文件中，具体条件以它为准。",
        plan=p,
        amount=amount,
        implementing_rule=rule,
        implementing_rule_applies=True,
    )


def _plans_meant(ed: Edition, plan: object) -> list[str]:
    """The plans an ambiguous name may mean (千人计划 → 国家千人计划, 省千人计划), each with a housing figure."""
    if not isinstance(plan, str) or not plan.strip():
        return []
    from policy_kb.catalogue import catalogue

    found = catalogue(ed.id).match(plan)
    meant = [parse_plan(h.name) for cands in found.ambiguous.values() for h in cands]
    return [m for i, m in enumerate(meant) if m and m not in meant[:i] and ed.has(f"housing.{m}")]


def _housing_compared(t: Trace, ed: Edition, plans: list[str]) -> Result:
    amounts = [int(t.use(f"housing.{p}")) for p in plans]
    for p, a in zip(plans, amounts, strict=True):
        t.step(f"{ed.param(f'housing.{p}').label}：{fmt_yuan(a)}", f"housing.{p}")
    rule = t.use("housing.implementing_rule")
    lines = "、".join(f"入选{p}的最高{fmt_yuan(a)}" for p, a in zip(plans, amounts, strict=True))
    if len(set(amounts)) == 1:
        verdict = "标准相同" if len(plans) == 2 else "三者标准相同"
    elif len(plans) == 2:
        verdict = f"相差{fmt_yuan(abs(amounts[0] - amounts[1]))}"
    else:
        verdict = "标准不同"
    return t.ok(
        f"购房补贴（符合有关条件的）：{lines}，{verdict}。具体按《永嘉县人民政府关于加强人才住房保障工作的实施意见》"
        f"（{rule}）执行，该文件不在本系统收录的文件中，具体条件以它为准。",
        plans=plans,
        amounts=amounts,
        implementing_rule=rule,
        implementing_rule_applies=True,
    )


def _housing_not_listed(t: Trace, ed: Edition, plan: str) -> Result:
    """三（七） and its 203号 reference cover only the three plans; for anyone else the text says only
    that the award of 三（一） includes a housing subsidy, without a figure or an implementing rule."""
    listed = "、".join(f"{p}最高{fmt_yuan(t.use(f'housing.{p}'))}" for p in PLANS)
    rule = t.use("housing.implementing_rule")
    t.step(f"三（七）购房补贴只列了三类计划人才：{listed}，具体按{rule}执行", "housing.implementing_rule")
    components = "、".join(t.use("award.components"))
    t.step(f"三（一）：第1–5类人才的奖励资助包括{components}，未写住房补贴的标准", "award.components")
    t.use("org.lead")
    return t.assess(
        f"{ed.region}三（七）的购房补贴只针对入选国家“千人计划”、浙江省“千人计划”、温州市“580计划”的人才"
        f"（符合有关条件的，分别最高{fmt_yuan(ed.value('housing.国家千人计划'))}、"
        f"{fmt_yuan(ed.value('housing.省千人计划'))}、{fmt_yuan(ed.value('housing.580计划'))}，"
        f"具体按{rule}执行），“{plan}”不在其中。三（一）规定第1–5类人才的奖励资助包括住房补贴，"
        f"但文件没有写明这部分住房补贴的标准，也没有说它按{rule}执行。请向县招才局（县委人才办）咨询。",
        plan=None,
        amount=None,
        implementing_rule_applies=False,
    )


@guarded("overseas_engineer")
def overseas_engineer(
    ed: Edition, annual_salary: object = None, people: object = None, engineer_selected: object = None
) -> Result:
    """三（四）: a one-off grant to the employer per engineer (每人), by each one's salary band.

    `annual_salary`: one figure, or one per engineer; `people`: how many (one salary then counts for
    each, "2人 年薪80万"). The clause sets no cap per firm, so the grants add up. `engineer_selected`
    False ("没入选温州市的海外工程师"): the grant is for engineers who are, whatever the salary.
    """
    if engineer_selected == OTHER_LIST:
        return _engineer_other_list(ed, annual_salary, people)
    if inputs.yes_no(engineer_selected, "是否入选温州市“海外工程师”") is False:
        return _engineer_not_selected(ed, annual_salary, people)
    t = Trace("overseas_engineer", ed)
    salaries = [inputs.amount_yuan(s, "年薪") for s in per_person(annual_salary, people, "年薪")]
    if not salaries or any(s is None for s in salaries):
        return t.missing(Missing("salary", "这位海外工程师的年薪是多少（万元）？"))
    t.use("overseas_engineer.condition")
    bands = [
        (t.use(f"overseas_engineer.band_{i}.min_salary"), f"overseas_engineer.band_{i}.grant", i)
        for i in (1, 2, 3, 4)
    ]
    rows = [_overseas_band(t, bands, salary) for salary in salaries if salary is not None]
    grants = [r["grant"] for r in rows]
    total = sum(grants)
    n = len(salaries)
    if n == 1:
        r = rows[0]
        if r["band"] is None:
            return t.ok(
                f"年薪{fmt_yuan(r['salary'])}低于{fmt_yuan(bands[0][0])}，不在“海外工程师”资助的4个年薪区间内。",
                salary=r["salary"],
                amount=0,
                band=None,
                people=1,
                per_person=[0],
            )
        return t.ok(
            f"引进并入选温州市“海外工程师”的，年薪{fmt_yuan(r['salary'])}属于{r['band_text']}区间，"
            f"按每人{fmt_yuan(r['grant'])}给予用人单位一次性资助。",
            salary=r["salary"],
            amount=r["grant"],
            band=r["band"],
            people=1,
            per_person=grants,
        )
    if len(set(salaries)) == 1:
        r = rows[0]
        detail = (
            f"{n}人年薪均为{fmt_yuan(r['salary'])}，属于{r['band_text']}区间，每人{fmt_yuan(r['grant'])}"
            if r["band"]
            else f"{n}人年薪均为{fmt_yuan(r['salary'])}，低于{fmt_yuan(bands[0][0])}，不在资助区间内"
        )
    else:
        detail = "；".join(
            f"第{i}人年薪{fmt_yuan(r['salary'])}"
            + (f"，{r['band_text']}区间，{fmt_yuan(r['grant'])}" if r["band"] else "，不在资助区间内")
            for i, r in enumerate(rows, 1)
        )
    t.step(f"{n}人合计{fmt_yuan(total)}（三（四）按每人计，未设单位上限）", "overseas_engineer.band_1.grant")
    return t.ok(
        f"引进并入选温州市“海外工程师”的，按每人标准给予用人单位一次性资助：{detail}，"
        f"{n}人合计{fmt_yuan(total)}。资助发给用人单位。",
        amount=total,
        band=rows[0]["band"] if len({r["band"] for r in rows}) == 1 else None,
        people=n,
        per_person=grants,
        salaries=salaries,
    )


# `engineer_selected` for an engineer on another list than 温州市's ("入选的是浙江省的海外工程师…不是温州市评的")
OTHER_LIST = "other_list"


def _engineer_other_list(ed: Edition, annual_salary: object, people: object) -> Result:
    """三（四） names 入选温州市“海外工程师”的企业 only: an engineer on 浙江省's (or another) list is a case the text
    does not settle (dev30) — the rule as written, what it would give if it applied, and who decides."""
    return _engineer_off_list(
        ed,
        annual_salary,
        people,
        "三（四）写的是{condition}，按年薪区间每人一次性资助；入选其他层级（如浙江省）“海外工程师”名单的是否同样适用，"
        "原文没有写明。",
        "如按这一条计算：",
        "能否享受、是否需另行申报温州市“海外工程师”，以县招才局（县委人才办）的认定为准。",
    )


def _engineer_not_selected(ed: Edition, annual_salary: object, people: object) -> Result:
    """三（四） is for engineers selected as 温州市“海外工程师”: not yet selected, no grant — and what it
    would be once selected, when the pay is known ("还没入选…能先拿吗？那如果入选了给多少")."""
    return _engineer_off_list(
        ed,
        annual_salary,
        people,
        "三（四）的资助只给{condition}，按年薪区间每人一次性资助；没有入选温州市“海外工程师”的，这一条不适用，"
        "不论年薪多少。",
        "如果入选：",
        "是否有其他引才政策可以申请，请咨询县招才局（县委人才办）。",
    )


def _engineer_off_list(
    ed: Edition, annual_salary: object, people: object, rule: str, if_listed: str, who: str
) -> Result:
    """An engineer the words do not put on 温州市's list: `rule` (with the clause's {condition}), the grant
    once listed when the pay is known (after `if_listed`), then `who` decides or helps."""
    t = Trace("overseas_engineer", ed)
    condition = t.use("overseas_engineer.condition")
    t.step(f"资助的前提：{condition}", "overseas_engineer.condition")
    answer = rule.format(condition=condition)
    once = overseas_engineer(ed, annual_salary, people) if annual_salary else None
    if once is not None and once.ok and once.values.get("amount"):
        answer += f"{if_listed}{once.answer}"
        t.result.cite(*once.citations)
    return t.assess(
        answer + who, amount=None, if_selected=once.values.get("amount") if once is not None else None
    )


def _overseas_band(t: Trace, bands: list[tuple[int, str, int]], salary: int) -> dict[str, Any]:
    chosen = None
    for lower, grant_pid, i in bands:
        if salary >= lower:  # lower bound inclusive (含)
            chosen = (lower, grant_pid, i)
    if chosen is None:
        t.step(
            f"年薪{fmt_yuan(salary)}低于最低区间下限{fmt_yuan(bands[0][0])}（含），不在资助区间内",
            "overseas_engineer.band_1.min_salary",
        )
        return {"salary": salary, "band": None, "grant": 0, "band_text": ""}
    lower, grant_pid, i = chosen
    grant = t.use(grant_pid)
    upper = bands[i][0] if i < 4 else None
    band_text = f"{fmt_yuan(lower)}（含）－{fmt_yuan(upper)}" if upper else f"{fmt_yuan(lower)}及以上"
    t.step(f"年薪{fmt_yuan(salary)}落在第{i}区间（{band_text}）", f"overseas_engineer.band_{i}.min_salary")
    t.step(f"该区间每人资助{fmt_yuan(grant)}，一次性给予用人单位", grant_pid)
    return {"salary": salary, "band": i, "grant": grant, "band_text": band_text}


_SKILLS = {
    "中华技能大奖": ("中华技能",),
    "钱江技能大奖": ("钱江技能", "钱江"),
    "瓯江技能大奖": ("瓯江技能", "瓯江"),
    # ("要是以后再评上浙江省的首席技师，又能拿多少", dev29)
    "省首席技师": ("省首席技师", "省级首席技师", "浙江省首席技师", "省的首席技师"),
    "市首席技师": ("市首席技师", "温州市首席技师", "市级首席技师", "市的首席技师"),
    "省技能大师工作室": ("省技能大师工作室", "省级技能大师工作室"),
    "市技能大师工作室": ("市技能大师工作室", "市级技能大师工作室"),
    "国家一级职业资格高级技师": ("高级技师", "国家一级职业资格", "一级职业资格"),
}


_LEVEL_CHARS = frozenset("一二三四五六七八九十两省市县国")
_LOOSE_LEVEL = re.compile(
    r"(省|市)(?:(?:里面?|这边|那边|级)(?:的|评的|认定的)?|评的|认定的)(?=首席技师|技能大师工作室)"
)


def _award_words(text: str) -> str:
    """The words as 三（五）'s awards are looked for in them: compact, and the level said loosely made the level
    ("省里的首席技师", "市里面评的技能大师工作室" → 省首席技师, 市技能大师工作室; dev33)."""
    return _LOOSE_LEVEL.sub(r"\1", compact(text or ""))


def skills_award_spellings(award: str) -> tuple[str, ...]:
    """How the words may name a 三（五） award (the key of skills_award_named), longest first."""
    return tuple(sorted(_SKILLS.get(award, ()), key=len, reverse=True))


def _held_at(words: str, at: int) -> bool:
    """Whether the award named at words[at:] is said as held, not right after 不是/没评上 …"""
    return not _NOT_HELD.search(words[max(0, at - 4) : at])


def _last_held(words: str, spelling: str) -> int:
    """Where `spelling` is last named as held, or -1."""
    found = [m.start() for m in re.finditer(re.escape(spelling), words) if spelling]
    return max((i for i in found if _held_at(words, i)), default=-1)


def _all_denied(words: str) -> bool:
    """True when the words name a 三（五） award and every one they name is said not held."""
    named = [w for ws in _SKILLS.values() for w in map(compact, ws) if w and w in words]
    return bool(named) and all(_last_held(words, w) < 0 for w in named)


def skills_award_denied(text: str) -> bool:
    """True when every 三（五） award the words name is said not held ("我是技师…还不是高级技师", dev39): the
    award the intent model tagged in them is not the worker's."""
    return _all_denied(_award_words(text))


def skills_award_named(text: str) -> str | None:
    """The 三（五） award a message names ("新評上了市級「技能大師工作室」" → 市技能大师工作室), or None.

    Why here and not only in the NLU: the entity model misses titles in quotes, traditional characters
    and one-character typos ("省首席技式"). Whole words first; then a word of four or more characters
    with one character wrong, which never turns 市 into 省 (an exact 市首席技师 is found first)."""
    words = _award_words(text)
    if not words:
        return None
    # the award named last: a question read with the one before it ("我刚评上市首席技师…" then "我徒弟刚考出了
    # 国家一级职业资格证书，是高级技师，他能拿多少", dev31) asks of the latest
    at = {key: max(_last_held(words, compact(w)) for w in spellings) for key, spellings in _SKILLS.items()}
    named = [key for key, i in at.items() if i >= 0]
    if named:
        return max(named, key=lambda key: at[key])
    if _all_denied(words):
        return None  # every award named is one said not held ("还不是高级技师", dev39)
    for key, spellings in _SKILLS.items():
        for w in (compact(x) for x in spellings):
            if len(w) < 4:
                continue
            for i in range(len(words) - len(w) + 1):
                window = words[i : i + len(w)]
                diff = [(a, b) for a, b in zip(window, w, strict=True) if a != b]
                # (never a numeral or a level: 二级职业资格 is not a slip of 一级, dev18)
                if window[0] == w[0] and len(diff) == 1 and not _LEVEL_CHARS.intersection(diff[0]):
                    return key
    return None


@guarded("skills_award")
def skills_award(ed: Edition, award: object = None, people: object = None) -> Result:
    """三（五）: one award per honour; `people` newly recognised workers multiply a per-person award
    ("5个工人新取得高级技师" → 5 × 3000元); a 技能大师工作室's subsidy is per studio, not per person."""
    t = Trace("skills_award", ed)
    n = base_people(people)
    text = compact(str(award or ""))
    key = next((k for k, words in _SKILLS.items() if any(compact(w) in text for w in words)), None)
    if key is None:
        listed = (
            "中华/钱江/瓯江技能大奖、省/市首席技师、省/市技能大师工作室、新取得国家一级职业资格证书的高级技师"
        )
        for base in ("技能大师工作室", "首席技师"):
            if base in text and not re.search(r"国家|全国|国家级", text):
                # 省 and 市 are both listed with different amounts: which one
                options = tuple(k for k in _SKILLS if k.endswith(base))
                return t.missing(Missing("skills_award", f"是省级还是市级{base}？", options))
        if award:
            # a level or honour the list does not have (国家级技能大师工作室, 技术能手): never priced
            t.use("skills.中华技能大奖")
            named = f"“{award}”" if len(str(award)) <= 12 else "您提到的这项荣誉"
            return t.assess(
                f"三（五）只列了{listed}的奖励（资助），{named}不在其中，文件没有规定它的标准。"
                "能否参照或另有政策，请咨询县招才局（县委人才办）。",
                award=None,
            )
        return t.missing(Missing("skills_award", "获得的是哪项技能荣誉？", tuple(_SKILLS)))
    pid = f"skills.{key}"
    amount = t.use(pid)
    kind = "资助" if "工作室" in key else "奖励"
    t.step(f"{ed.param(pid).label}：{fmt_yuan(amount)}{kind}", pid)
    answer = f"{ed.param(pid).label}，给予{fmt_yuan(amount)}{kind}。"
    if n is not None and n > 1 and kind == "奖励":
        total = amount * n
        t.step(f"{n}人 × {fmt_yuan(amount)} = {fmt_yuan(total)}", pid)
        return t.ok(
            answer + f"{n}人合计{fmt_yuan(total)}（每人{fmt_yuan(amount)}）。",
            award=key,
            amount=amount,
            people=n,
            total=total,
        )
    return t.ok(answer, award=key, amount=amount, total=amount)


# "省级和市级技能大师工作室": one head shared by two levels
_SHARED_HEAD = re.compile(r"(省级?)(?:和|与|跟|、)(市级?)(技能大师工作室|首席技师)")
# "两个人评上市首席技师": the head count just before an award, in its clause
_AWARD_HEADS = re.compile(r"(\d+|[一二两三四五六七八九十])(?:个人?|位|名|人)[^，,。；;？?]{0,14}$")
_COMPARES = GAP_ASKED
# awards or stations asked about one by one ("省首席技师奖多少？要是市首席技师又是多少", "省级和市级各多少"):
# each figure, no total — one worker is not both; a total only when the words ask for one
APART = re.compile(r"又是|又有|又给|又能|的话|要是|如果|假如|换成|分别|各(?:是|多少|有|给|补|奖|资助)")
_SUMS = re.compile(SUM_ASKED.pattern + r"|全部")
# the other level named alone in place of the award's ("市级技能大师工作室…省级的话又是多少")
_OTHER_LEVEL = re.compile(r"(?:要是|如果|假如|换成)?(省级|市级|省|市)(?:的话|的呢|呢|的又|又|那个|的那个)")
_LEVEL_SWAP = {"省": "市", "市": "省"}


# "还不是", "并非": the award after it is one the worker does not hold
_NOT_HELD = re.compile(r"(?:不是|并非|不算|没评上|没考出)$")
# an award named without its level ("对技能大师工作室有补助吗"), then levels said without the noun ("一个省级的、一个
# 市级的", dev39): each level is that award
_LEVELLESS_AWARD = re.compile(r"(?<![省市级])(技能大师工作室|首席技师)")
_LEVEL_ALONE = re.compile(r"(省|市)级?的(?=[、，,。；;和与跟])")


def _levels_of_the_award_named(words: str) -> str:
    """`words` with each level said alone after a levelless award named as that award at that level."""
    named = _LEVELLESS_AWARD.search(words)
    if named is None or not _LEVEL_ALONE.search(words, named.end()):
        return words
    head, tail = words[: named.end()], words[named.end() :]
    return head + _LEVEL_ALONE.sub(lambda m: f"{m[1]}{named[1]}", tail)


def asked_apart(text: str) -> bool:
    """Whether the words ask for several figures one by one rather than their total or difference."""
    words = compact(text or "")
    return bool(APART.search(words)) and not _SUMS.search(words) and not _COMPARES.search(words)


def skills_awards_said(text: str) -> list[tuple[str, int]]:
    """Every 三（五） award the words name, in order, with the head count said before it ("一个人评上瓯江
    技能大奖，还有两个人评上市首席技师" → [(瓯江技能大奖, 1), (市首席技师, 2)]); one award named twice
    is one entry."""
    words = _SHARED_HEAD.sub(lambda m: f"{m[1]}{m[3]}和{m[2]}{m[3]}", _award_words(text))
    words = _levels_of_the_award_named(words)
    claimed: list[tuple[int, int, str]] = []
    spellings = sorted(((compact(w), k) for k, ws in _SKILLS.items() for w in ws), key=lambda p: -len(p[0]))
    for w, key in spellings:
        for m in re.finditer(re.escape(w), words):
            if not _held_at(words, m.start()):
                # "我是技师，就是国家二级那种，还不是高级技师" (dev39): an award named as not held is not claimed
                claimed.append((m.start(), m.end(), ""))
                continue
            if not any(m.start() < e and s < m.end() for s, e, _ in claimed):
                claimed.append((m.start(), m.end(), key))
    claimed = [c for c in claimed if c[2]]
    out: list[tuple[str, int]] = []
    prev_end = 0
    for start, end, key in sorted(claimed):
        heads = _AWARD_HEADS.search(words[prev_end:start])
        prev_end = end
        if key in (k for k, _ in out):
            continue
        n = base_people(heads.group(1)) if heads else None
        out.append((key, n or 1))
    if len(out) == 1 and out[0][0][0] in _LEVEL_SWAP:
        # "新评上了市级技能大师工作室…省级的话又是多少": the same award at the level named alone after it
        for m in _OTHER_LEVEL.finditer(words):
            if m.start() >= claimed[0][1] and m.group(1)[0] == _LEVEL_SWAP[out[0][0][0]]:
                other = _LEVEL_SWAP[out[0][0][0]] + out[0][0][1:]
                if other in _SKILLS:
                    out.append((other, 1))
                break
    return out


# whether one worker's two awards are both paid ("这两笔奖县里会都发吗？还是只发钱多的那个？", dev74)
BOTH_PAID_ASKED = re.compile(
    r"都发|都给|都能拿|都拿|都能领|两[样个项份笔]\S{0,8}都|只(?:发|给|拿)\S{0,3}(?:多|高)的|叠加|重复|同时(?:拿|享受|领)|就高"
)


def _both_paid(t: Trace, ed: Edition, parts: list[str], amounts: list[int], named: list[str]) -> Result:
    """Each award's figure and 四（二）'s rule, never their sum: whether two honours of one worker are "涉及同一项目的
    奖励" (就高) the text does not say, so who decides is named — a sum would read as the answer."""
    t.use("rule.highest_not_duplicate")
    top = max(amounts)
    t.step(f"同一项目的奖励就高：若按同一项目认定，按较高的{fmt_yuan(top)}", "rule.highest_not_duplicate")
    answer = (
        "；".join(parts)
        + f"。文件四（二）规定：涉及同一项目的奖励（补助、资助），采用“就高”的原则，避免重复资助——若两项按同一项目认定，"
        f"只按较高的{fmt_yuan(top)}发放。两项技能荣誉是否算同一项目——"
    )
    who = who_decides(ed.region, "四（二）")
    if who is not None:
        answer += who.answer
        t.result.cite(*who.citations)
    return t.assess(answer, awards=named, each=amounts, highest=top)


@guarded("skills_awards")
def skills_awards(ed: Edition, awards: object = None) -> Result:
    """三（五）: several awards the words name, each times its head count, and their total ("一个瓯江技能
    大奖、两个市首席技师，一共多少" → 5万 + 2 × 2万 = 9万元); asked for the difference of two ("省级和市级
    技能大师工作室差多少"), the difference. A studio's subsidy is per studio, an award per person."""
    t = Trace("skills_awards", ed)
    named = skills_awards_said(str(awards or ""))
    if len(named) < 2:
        return t.missing(Missing("awards", "是哪几项技能荣誉，各几人？", tuple(_SKILLS)))
    parts: list[str] = []
    amounts: list[int] = []
    for key, n in named:
        pid = f"skills.{key}"
        each = int(t.use(pid))
        kind = "资助" if "工作室" in key else "奖励"
        unit = "个" if "工作室" in key else "人"
        line = f"{ed.param(pid).label}，每{unit}{fmt_yuan(each)}{kind}"
        if n > 1:
            line += f"，{n}{unit} × {fmt_yuan(each)} = {fmt_yuan(each * n)}"
        t.step(line, pid)
        parts.append(line)
        amounts.append(each * n)
    if len(named) == 2 and _COMPARES.search(compact(str(awards))):
        diff = abs(amounts[0] - amounts[1])
        answer = "；".join(parts) + f"。两者相差{fmt_yuan(diff)}。"
        return t.ok(answer, awards=[k for k, _ in named], difference=diff)
    both_asked = BOTH_PAID_ASKED.search(compact(str(awards))) is not None
    if asked_apart(str(awards)) and not both_asked:
        return t.ok("；".join(parts) + "。", awards=[k for k, _ in named], each=amounts)
    if both_asked and all(n == 1 for _, n in named):
        return _both_paid(t, ed, parts, amounts, [k for k, _ in named])
    total = sum(amounts)
    answer = "；".join(parts) + f"。合计{' + '.join(fmt_yuan(a) for a in amounts)} = {fmt_yuan(total)}。"
    return t.ok(answer, awards=[k for k, _ in named], total=total)


# "一个省级博士后科研工作站和一个市级院士专家工作站": each station named with its level before it
_STATION = re.compile(r"(国家级|国家|省级|省|市级|市)[^，。；？,;?]{0,6}?(博士后|院士)")
_LEVEL_KEYS = {"国": "国家级", "省": "省级", "市": "市级"}


# "院士专家工作站…省级和市级各多少": one kind, its levels listed together ("省级市级 建站补助各多少", dev45)
_LEVELS_LISTED = re.compile(
    r"(国家级|省级|市级)(?:和|与|跟|、|及|以及)?(国家级|省级|市级)(?:(?:和|与|跟|、|及)?(国家级|省级|市级))?"
)


def stations_named(words: str) -> list[tuple[str, str]]:
    """The (kind, level) of every station the words name with its level, in order, once each."""
    out: list[tuple[str, str]] = []
    text = compact(words)
    for m in _STATION.finditer(text):
        station = ("博士后" if m.group(2) == "博士后" else "院士专家", _LEVEL_KEYS[m.group(1)[0]])
        if station not in out:
            out.append(station)
    kinds = {k for k in ("博士后", "院士") if k in text}
    listed = _LEVELS_LISTED.search(text)
    if len(out) <= 1 and len(kinds) == 1 and listed:
        kind = "博士后" if "博士后" in kinds else "院士专家"
        out = [(kind, _LEVEL_KEYS[g[0]]) for g in listed.groups() if g]
    return out


@guarded("workstation")
def workstation(ed: Edition, kind: object = None, level: object = None) -> Result:
    """三（六）: one station's subsidy — or, when the words (`kind` reads them) name several stations
    with their levels, each one's and their total ("省级博士后站和市级院士站加起来" is 20万 + 20万)."""
    t = Trace("workstation", ed)
    k = compact(str(kind or ""))
    several = stations_named(k)
    if len(several) >= 2 and level in (None, ""):
        return _stations_total(t, ed, several, k)
    kind_key = "博士后" if "博士后" in k else "院士专家" if "院士" in k else None
    lv = compact(str(level or "")) or k
    level_key = next((x for x in ("国家级", "省级", "市级") if x[0] in lv), None)
    missing = []
    if kind_key is None:
        missing.append(
            Missing(
                "workstation_kind",
                "是博士后科研工作站还是院士专家工作站？",
                ("博士后科研工作站", "院士专家工作站"),
            )
        )
    if level_key is None:
        missing.append(Missing("workstation_level", "新认定的是哪一级？", ("国家级", "省级", "市级")))
    if missing:
        return t.missing(*missing)
    pid = f"workstation.{kind_key}.{level_key}"
    if not ed.has(pid):
        other = [x for x in ("国家级", "省级", "市级") if ed.has(f"workstation.{kind_key}.{x}")]
        for x in other:
            t.use(f"workstation.{kind_key}.{x}")
        return t.assess(
            f"文件对{kind_key}工作站只规定了{'、'.join(other)}的建站补助，未规定{level_key}，请向县招才局（县委人才办）咨询。"
        )
    amount = t.use(pid)
    t.step(f"{ed.param(pid).label}：{fmt_yuan(amount)}（一次性）", pid)
    return t.ok(
        f"{ed.param(pid).label}为{fmt_yuan(amount)}，一次性给予。",
        kind=kind_key,
        level=level_key,
        amount=amount,
    )


def _stations_total(t: Trace, ed: Edition, stations: list[tuple[str, str]], words: str = "") -> Result:
    total = 0
    parts = []
    for kind_key, level_key in stations:
        pid = f"workstation.{kind_key}.{level_key}"
        if not ed.has(pid):
            return t.assess(
                f"文件未规定{level_key}{kind_key}工作站的建站补助，请向县招才局（县委人才办）咨询。"
            )
        amount = t.use(pid)
        total += amount
        parts.append(f"{ed.param(pid).label}{fmt_yuan(amount)}")
        t.step(f"{ed.param(pid).label}：{fmt_yuan(amount)}（一次性）", pid)
    if asked_apart(words):
        # "省级和市级各多少": each station's subsidy, asked one by one — no total the words did not ask for
        return t.ok(f"{'，'.join(parts)}，均为一次性给予。", stations=stations)
    t.step(f"合计：{fmt_yuan(total)}")
    return t.ok(
        f"{'，'.join(parts)}，合计{fmt_yuan(total)}，均为一次性给予。", amount=total, stations=stations
    )


@guarded("employer_reward")
def employer_reward(
    ed: Edition, plan: object = None, selected_in_yongjia: object = None, trip: object = None
) -> Result:
    """三（八）. `trip`: what the words say of a trip abroad to recruit (policy_kb.reading.overseas_trip):
    one said is counted into the total asked ("一个进了省千人…另外我们还跟着市人社局统一组织的团去了趟欧洲
    招人…总共能拿多少钱", dev27: 10万 + 5万 + 1万 = 16万元), on the clause's condition when the organiser
    is not said; one made on the firm's own is not the clause's case."""
    t = Trace("employer_reward", ed)
    trip_amount = t.use("employer.overseas_trip")
    counts = _plan_counts(plan)
    if counts:
        return _employer_counts(t, counts, trip_amount, trip)
    several = plans_named(plan)
    if len(several) == 2 and GAP_ASKED.search(compact(str(plan))):
        # "…浙江省千人计划选上了，单位有奖吗？" then "那要是选上的是国家千人，单位能多拿多少？" (dev30): each plan's
        # reward to the employer and the difference, 30万元 − 10万元
        return _plans_gap(t, "employer", several, "以永嘉地申报入选的用人单位奖励", amount=None)
    p = parse_plan(plan)
    if p is not None and inputs.selected_in_yongjia(selected_in_yongjia) is False:
        # "当年是通过杭州的单位申报入选的": 三（八） rewards the employer of a selection applied for 以永嘉地
        pid = f"employer.{p}"
        t.use(pid)
        lead = t.use("org.lead")
        t.step(f"{ed.param(pid).label}：限以永嘉地申报入选的；{inputs.SELECTED_ELSEWHERE}，不适用", pid)
        return t.ok(
            f"用人单位引才奖励给的是以永嘉地申报入选{p}的用人单位；{inputs.SELECTED_ELSEWHERE}，不属于这一"
            f"情形。是否算以永嘉地申报，以县里的认定为准（{lead}）。",
            plan=p,
            amount=None,
            selected_in_yongjia=False,
        )
    if p is None:
        if plan:
            return t.invalid(
                f"用人单位引才奖励只针对国家“千人计划”、浙江省“千人计划”、温州市“580计划”，“{plan}”不在其中。"
            )
        if trip is not None:
            return _trip_only(t, ed, trip_amount, trip)
        return t.missing(ASK_PLAN)
    pid = f"employer.{p}"
    amount = t.use(pid)
    t.step(f"{ed.param(pid).label}：{fmt_yuan(amount)}", pid)
    lead = f"以永嘉地申报入选{p}的用人单位，给予{fmt_yuan(amount)}奖励"
    if trip is not None:
        return _with_trip(t, lead, amount, trip_amount, trip, plan=p)
    t.step(
        f"另：参加市级及以上统一组织的赴国外招才引智活动，一次性差旅费补助{fmt_yuan(trip_amount)}",
        "employer.overseas_trip",
    )
    return t.ok(
        f"{lead}；参加市级及以上组织人事部门统一组织的赴国外招才引智活动，另给予一次性差旅费补助"
        f"{fmt_yuan(trip_amount)}。",
        plan=p,
        amount=amount,
        trip_subsidy=trip_amount,
    )


_TRIP_RULE = "参加市级及以上组织人事部门统一组织的赴国外招才引智活动，给予赴外企业一次性差旅费补助"
_OWN_TRIP = "企业自行出国招人的，文件没有规定补助，以县招才局（县委人才办）的认定为准。"


def _trip_only(t: Trace, ed: Edition, trip_amount: int, trip: object) -> Result:
    """A trip asked of with no selection named ("派了3个人参加市里组织的出国招才活动" then "差旅补助是一个人1万，还是
    整个公司一共1万", dev33): the subsidy is the firm's, one-off, whoever went — then the selection rewards."""
    rewards = "、".join(fmt_yuan(t.use(f"employer.{p}")) for p in PLANS if ed.has(f"employer.{p}"))
    t.step(f"{_TRIP_RULE}{fmt_yuan(trip_amount)}", "employer.overseas_trip")
    condition = _OWN_TRIP if trip == "own" else ""
    return t.ok(
        f"{_TRIP_RULE}{fmt_yuan(trip_amount)}：补助给赴外企业，一次性{fmt_yuan(trip_amount)}，文件没有按出访人数计算。"
        f"{condition}另外，以永嘉地申报入选国家“千人计划”、浙江省“千人计划”、温州市“580计划”的，用人单位分别给予"
        f"{rewards}奖励。",
        amount=trip_amount if trip != "own" else None,
        trip_subsidy=trip_amount,
    )


def _with_trip(t: Trace, lead: str, rewards: int, trip_amount: int, trip: object, **values: object) -> Result:
    """The rewards and the trip the words said, priced together: organised by a 市级 or higher department,
    the sum; organiser not said, the sum on that condition; on the firm's own, the rewards alone and why."""
    if trip == "own":
        t.step(f"{_TRIP_RULE}{fmt_yuan(trip_amount)}；企业自行组织的不在此列", "employer.overseas_trip")
        return t.ok(
            f"{lead}。{_TRIP_RULE}{fmt_yuan(trip_amount)}；{_OWN_TRIP}",
            amount=rewards,
            trip_subsidy=None,
            **values,
        )
    total = rewards + trip_amount
    t.step(f"{_TRIP_RULE}{fmt_yuan(trip_amount)}", "employer.overseas_trip")
    t.step(f"{fmt_yuan(rewards)} + {fmt_yuan(trip_amount)} = {fmt_yuan(total)}")
    if trip == "organised":
        return t.ok(
            f"{lead}；{_TRIP_RULE}{fmt_yuan(trip_amount)}。合计{fmt_yuan(rewards)} + {fmt_yuan(trip_amount)} = "
            f"{fmt_yuan(total)}。",
            amount=total,
            trip_subsidy=trip_amount,
            **values,
        )
    return t.ok(
        f"{lead}；{_TRIP_RULE}{fmt_yuan(trip_amount)}。你们的出国招才活动如是市级及以上组织人事部门统一组织的，"
        f"合计{fmt_yuan(rewards)} + {fmt_yuan(trip_amount)} = {fmt_yuan(total)}；自行组织的只有{fmt_yuan(rewards)}。",
        amount=total,
        trip_subsidy=trip_amount,
        **values,
    )


def _plans_gap(t: Trace, rule: str, plans: list[str], lead: str, tail: str = "", **values: object) -> Result:
    """Two plans' figures under one rule (`rule`.<plan>: employer, referral) and their difference."""
    amounts = [int(t.use(f"{rule}.{x}")) for x in plans]
    lines = "，".join(f"入选{x}的{fmt_yuan(a)}" for x, a in zip(plans, amounts, strict=True))
    t.step(f"{lead}：{lines}", *[f"{rule}.{x}" for x in plans])
    return t.ok(
        f"{lead}：{lines}，相差{fmt_yuan(abs(amounts[0] - amounts[1]))}。{tail}",
        plans=plans,
        amounts=amounts,
        **values,
    )


def _plan_counts(plan: object) -> dict[str, int]:
    """{plan: people} when `plan` gives head counts ({国家千人计划: 1, 580计划: 2}, as policy_kb.reading
    .plan_counts reads them); {} for a single plan name. A count that is not a whole number of people
    is refused."""
    if not isinstance(plan, dict):
        return {}
    out: dict[str, int] = {}
    for name, count in plan.items():
        key = parse_plan(name)
        n = base_people(count)
        if key is None:
            raise inputs.InputError(f"“{name}”不是国家“千人计划”、浙江省“千人计划”或温州市“580计划”。")
        if n is None or n < 1:
            raise inputs.InputError(f"{key}的入选人数应为正整数。")
        out[key] = out.get(key, 0) + n
    return out


def _employer_counts(t: Trace, counts: dict[str, int], trip: int, trip_said: object = None) -> Result:
    """三（八） for several selections: each person selected is rewarded on their own plan's figure."""
    parts, total = [], 0
    for p, n in counts.items():
        pid = f"employer.{p}"
        amount = t.use(pid)
        total += amount * n
        t.step(f"入选{p}{n}人：{n} × {fmt_yuan(amount)} = {fmt_yuan(amount * n)}", pid)
        parts.append(f"入选{p}{n}人，{n} × {fmt_yuan(amount)} = {fmt_yuan(amount * n)}")
    t.step(f"合计{fmt_yuan(total)}")
    if trip_said is not None:
        lead = f"以永嘉地申报入选的，用人单位按人计奖：{'；'.join(parts)}；奖励合计{fmt_yuan(total)}"
        return _with_trip(t, lead, total, trip, trip_said, plans=counts)
    t.step(
        f"另：参加市级及以上统一组织的赴国外招才引智活动，一次性差旅费补助{fmt_yuan(trip)}",
        "employer.overseas_trip",
    )
    return t.ok(
        f"以永嘉地申报入选的，用人单位按人计奖：{'；'.join(parts)}；合计{fmt_yuan(total)}。参加市级及以上组织人事部门"
        f"统一组织的赴国外招才引智活动，另给予一次性差旅费补助{fmt_yuan(trip)}。",
        plans=counts,
        amount=total,
        trip_subsidy=trip,
    )


# the talent referred did not apply ("他后来没去报千人计划也没报580"): 三（十）'s 完成…申报、评审 is not met
_NOT_APPLIED = re.compile(
    r"没(?:有)?(?:去)?(?:报|申报|参加评审)|未(?:申报|报名)|不报了|放弃(?:申报|了申报)"
    # "千人计划的申报评审还没弄完，现在能先领引见费吗" (dev59): applied, not yet through
    r"|(?:申报|评审)\S{0,4}?(?:还没有?|尚未|还未)(?:弄完|完成|走完|结束|做完|评完|出结果|下来)"
    r"|(?:还没有?|尚未|还未)(?:弄完|完成|走完|做完)\S{0,4}?(?:申报|评审)"
)


@guarded("referral_fee")
def referral_fee(
    ed: Edition,
    plan: object = None,
    referred: object = None,
    selected: object = None,
    referred_talent: object = None,
) -> Result:
    """三（十）: 2万元 per talent referred who completed the application and review, plus the plan's
    award per talent selected. `referred`/`selected` are head counts ("引荐了3位，其中1位入选国家千人计划"
    → 3 × 2万 + 1 × 30万 = 36万元); without them, one talent. `referred_talent`: the words about who was
    referred — the fee and awards are for a 海外高层次人才, so one the words say is not overseas ("国内一所
    985高校的教授，不是海外回来的") is not priced: the text does not provide for it, and 认定 decides."""
    t = Trace("referral_fee", ed)
    fee = t.use("referral.fee")
    if referred_talent and said_not_overseas(str(referred_talent)):
        from policy_kb.deciders import who_decides

        who = who_decides(ed.region, "三（十）")
        for c in who.citations if who else []:
            t.result.cite(c)
        return t.assess(
            f"三（十）的引荐费（{fmt_yuan(fee)}）和入选后的奖励，针对的是“每成功引荐一名海外高层次人才来永嘉对接人才项目”；"
            "您说引荐的人才不是海外人才，原文没有规定引荐国内人才的情形。" + (who.answer if who else ""),
            fee=None,
        )
    if referred_talent and _NOT_APPLIED.search(compact(str(referred_talent))):
        # "来永嘉对接过项目了，但他后来没去报千人计划也没报580" (dev30): the fee is for a referral 并完成…申报、评审
        t.step("引荐费的条件：成功引荐来永嘉对接人才项目，并完成千人计划/580计划申报、评审", "referral.fee")
        return t.assess(
            f"三（十）的引荐费（{fmt_yuan(fee)}）给予“每成功引荐一名海外高层次人才来永嘉对接人才项目，并完成国家"
            "“千人计划”、浙江省“千人计划”或温州市“580计划”申报、评审”的中介组织等单位或个人；您说的人才还没有完成申报、"
            "评审，按原文还不满足这一条件，不能先领，完成申报、评审后才能申请引荐费。具体以县招才局（县委人才办）的认定为准。",
            fee=None,
        )
    several = plans_named(plan)
    if len(several) == 2 and GAP_ASKED.search(compact(str(plan))):
        # "那介绍的人后来入选省千人，和入选580比，再给的奖励差多少？" after the 引荐费 (dev33): each plan's award to the
        # referrer and the difference; the fee is the same for both
        return _plans_gap(
            t,
            "referral",
            several,
            "引荐的人才入选后再给予引荐人才的单位或个人的奖励",
            f"引荐费{fmt_yuan(fee)}两者相同。",
            fee=fee,
        )
    n = base_people(referred)
    counts = _plan_counts(plan)
    if counts:
        return _referral_plan_counts(t, fee, n, counts)
    if n is not None and n > 1:
        # ("这3个人都走完了…申报和评审，不过最后一个都没选上", dev57: none selected is a count too)
        chosen = 0 if selected == 0 else base_people(selected)
        return _referral_counts(t, fee, n, parse_plan(plan), chosen)
    t.step(
        f"成功引荐一名海外高层次人才来永嘉对接人才项目，并完成千人计划/580计划申报、评审：引荐费{fmt_yuan(fee)}",
        "referral.fee",
    )
    p = parse_plan(plan)
    if p is None:
        extras = "、".join(f"{x}{fmt_yuan(t.use(f'referral.{x}'))}" for x in PLANS)
        return t.ok(
            f"每成功引荐一名海外高层次人才并完成申报、评审，给予中介组织等单位或个人引荐费{fmt_yuan(fee)}；"
            f"人才入选后再分别奖励：{extras}。",
            fee=fee,
            extra=None,
            total=fee,
        )
    extra = t.use(f"referral.{p}")
    if selected == 0:
        # "他报了浙江省千人计划，评审都走完了但最后没选上，我个人能拿到点什么吗？" (dev38): the fee only — the award is
        # for a talent 入选 the plan
        t.step(f"引荐的人才未入选{p}：没有入选后的奖励（入选才再奖励{fmt_yuan(extra)}）", f"referral.{p}")
        return t.ok(
            f"给予中介组织等单位或个人：引荐费{fmt_yuan(fee)}（完成申报、评审即可）。人才没有入选{p}，"
            f"不再给予入选后的{fmt_yuan(extra)}奖励。",
            plan=p,
            fee=fee,
            extra=0,
            total=fee,
        )
    t.step(f"引荐的人才入选{p}：再奖励{fmt_yuan(extra)}", f"referral.{p}")
    return t.ok(
        f"给予中介组织等单位或个人：引荐费{fmt_yuan(fee)}，人才入选{p}后再奖励{fmt_yuan(extra)}，"
        f"合计{fmt_yuan(fee + extra)}。",
        plan=p,
        fee=fee,
        extra=extra,
        total=fee + extra,
    )


def _referral_plan_counts(t: Trace, fee: int, referred: int | None, counts: dict[str, int]) -> Result:
    """三（十） with selections for several plans: the fee for every talent referred (at least those
    selected), plus each plan's award for each one selected for it."""
    chosen = sum(counts.values())
    n = referred if referred is not None else chosen
    if chosen > n:
        return t.invalid(f"入选人数（{chosen}）不能多于引荐人数（{n}）。")
    fees = fee * n
    t.step(f"引荐{n}人并完成申报、评审：{n} × {fmt_yuan(fee)} = {fmt_yuan(fees)}", "referral.fee")
    parts, bonus = [], 0
    for p, k in counts.items():
        extra = t.use(f"referral.{p}")
        bonus += extra * k
        t.step(f"入选{p}{k}人：{k} × {fmt_yuan(extra)} = {fmt_yuan(extra * k)}", f"referral.{p}")
        parts.append(f"{k}人入选{p}，再奖励{k} × {fmt_yuan(extra)} = {fmt_yuan(extra * k)}")
    total = fees + bonus
    return t.ok(
        f"引荐{n}人并完成申报、评审，引荐费{n} × {fmt_yuan(fee)} = {fmt_yuan(fees)}；其中{'；'.join(parts)}；"
        f"合计{fmt_yuan(total)}。",
        plans=counts,
        fee=fee,
        referred=n,
        selected=chosen,
        total=total,
    )


def _referral_counts(t: Trace, fee: int, n: int, p: str | None, selected: int | None) -> Result:
    """Several talents referred: the fees for all of them, plus the plan award for those selected."""
    fees = fee * n
    t.step(f"引荐{n}人并完成申报、评审：{n} × {fmt_yuan(fee)} = {fmt_yuan(fees)}", "referral.fee")
    if p is None:
        extras = "、".join(f"{x}{fmt_yuan(t.use(f'referral.{x}'))}" for x in PLANS)
        return t.ok(
            f"引荐{n}人并完成申报、评审，引荐费合计{fmt_yuan(fees)}（每人{fmt_yuan(fee)}）；其中每有一人入选，"
            f"再分别奖励：{extras}。",
            fee=fee,
            referred=n,
            total=fees,
        )
    extra = t.use(f"referral.{p}")
    if selected is None:  # how many were selected is not said: never assume it
        t.step(f"每有一人入选{p}：再奖励{fmt_yuan(extra)}", f"referral.{p}")
        return t.ok(
            f"引荐{n}人并完成申报、评审，引荐费合计{fmt_yuan(fees)}（每人{fmt_yuan(fee)}）；其中每有一人入选{p}，"
            f"再奖励{fmt_yuan(extra)}。请告诉我入选了几人，我帮您算合计。",
            plan=p,
            fee=fee,
            extra=extra,
            referred=n,
            total=fees,
        )
    if selected > n:
        return t.invalid(f"入选人数（{selected}）不能多于引荐人数（{n}）。")
    if selected == 0:
        t.step(f"没有人入选{p}：没有入选后的奖励（入选才再奖励{fmt_yuan(extra)}）", f"referral.{p}")
        return t.ok(
            f"引荐{n}人并完成申报、评审，引荐费{n} × {fmt_yuan(fee)} = {fmt_yuan(fees)}；没有人入选{p}，不再给予入选后"
            f"每人{fmt_yuan(extra)}的奖励；合计{fmt_yuan(fees)}。",
            plan=p,
            fee=fee,
            extra=0,
            referred=n,
            selected=0,
            total=fees,
        )
    bonus = extra * selected
    t.step(f"入选{p}{selected}人：{selected} × {fmt_yuan(extra)} = {fmt_yuan(bonus)}", f"referral.{p}")
    total = fees + bonus
    return t.ok(
        f"引荐{n}人并完成申报、评审，引荐费{n} × {fmt_yuan(fee)} = {fmt_yuan(fees)}；其中{selected}人入选{p}，"
        f"再奖励{selected} × {fmt_yuan(extra)} = {fmt_yuan(bonus)}；合计{fmt_yuan(total)}。",
        plan=p,
        fee=fee,
        extra=extra,
        referred=n,
        selected=selected,
        total=total,
    )


def times_line(gap: Result) -> str:
    """How many times one category's maximum is the other's ("第4类的最高额是第5类的几倍" → 200万元是100万元的2倍),
    from award_difference's caps; "" when the gap has no two maxima."""
    caps = gap.values.get("caps") if gap.ok else None
    if not caps or not all(caps):
        return ""
    (na, ca), (nb, cb) = sorted(
        zip((gap.values["first"], gap.values["second"]), caps, strict=True), key=lambda x: -x[1]
    )
    ratio = Decimal(ca) / Decimal(cb)
    shown = f"{ratio.quantize(Decimal('0.01')).normalize():f}"
    return f"第{na}类的最高额（{fmt_yuan(ca)}）是第{nb}类（{fmt_yuan(cb)}）的{shown}倍。"
