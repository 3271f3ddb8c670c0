"""Paying project funding in tranches, and what unlocks the next one — 附件1 三（一）、（二）.

Startup projects: 40% / 30% / 30%; innovation projects: 50% / 50%. The last tranche is the remainder,
so the tranches always add up to the approved total exactly. Conditions the applicant's figures can
prove (capital, spending, investment, sales) are checked; the others are listed for them to confirm.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from policy_kb import inputs
from policy_kb.editions import Edition
from policy_kb.model import Missing, Result
from policy_kb.money import fmt_percent, fmt_yuan, share
from policy_kb.rules.base import Trace, guarded

SCHEDULE_KEYS = {"创业": "startup", "创新": "innovation"}
# 附件1 三（一） pays a 创业 project in three tranches, 三（二） an 创新 project in two
TRANCHE_COUNTS = {"startup": 3, "innovation": 2}


@dataclass(frozen=True)
class FigureCheck:
    """A condition that one of the applicant's figures can prove."""

    slot: str
    what: str  # Chinese name of the figure
    target: str  # "total" or "tranche"
    strict: bool  # 超过 (strictly greater) vs 达到/同等 (at least)
    question: str


# Which figure proves which tranche (the rest are conditions to confirm).
FIGURE_CHECKS: dict[tuple[str, int], FigureCheck] = {
    ("startup", 1): FigureCheck(
        "paid_in_capital", "实缴注册资本", "tranche", True, "企业目前实缴注册资本是多少？"
    ),
    ("startup", 2): FigureCheck("spending", "企业实际项目支出", "total", False, "企业实际项目支出累计多少？"),
    ("startup", 3): FigureCheck("sales", "企业销售额", "total", False, "企业销售额累计多少？"),
    ("innovation", 1): FigureCheck("investment", "企业项目投入", "total", False, "企业项目投入累计多少？"),
    ("innovation", 2): FigureCheck("sales", "相关产品销售额", "total", False, "相关产品销售额累计多少？"),
}


def tranche_count(project_type: str | None) -> int | None:
    """How many tranches a project type is paid in (创业 3, 创新 2); None for an unknown type."""
    key = SCHEDULE_KEYS.get(project_type or "")
    return TRANCHE_COUNTS[key] if key else None


def schedule(t: Trace, key: str, total: int) -> list[dict[str, int]]:
    n = TRANCHE_COUNTS[key]
    rows, paid = [], 0
    for i in range(1, n + 1):
        pct = t.use(f"tranche.{key}.{i}.share")
        amount = share(total, pct) if i < n else total - paid
        paid += amount
        rows.append({"tranche": i, "share_percent": pct, "amount": amount})
    return rows


OFFER_TOTAL = Missing("approved_total", "项目确定的资助总额是多少？告诉我后可以帮您算出每期的金额。")
OFFER_TYPE = Missing(
    "project_type", "您的项目是创业类还是创新类？告诉我后可以只看您那一类的规定。", ("创业类", "创新类")
)
OFFER_RECEIVED = Missing("tranches_received", "您已经拿到几期资助了？", ("0", "1", "2"))


@guarded("next_tranche")
def next_tranche(
    ed: Edition,
    project_type: object = None,
    approved_total: object = None,
    tranches_received: object = None,
    paid_in_capital: object = None,
    spending: object = None,
    investment: object = None,
    sales: object = None,
    tranche: object = None,
    received_amount: object = None,
) -> Result:
    """`received_amount`: what the tranches received came to ("第一期已经到账60万了"); with no total given, the total
    is that amount over their shares (创新 第1期 50%: 60万 → 120万, dev64) — said as worked out, then answered."""
    got = inputs.amount_yuan(received_amount, "已拨付的资助金额")
    ptype = inputs.project_type(project_type)
    received = inputs.count(tranches_received, "已拨付的期数", 3)
    if got and approved_total in (None, "") and ptype and received:
        key = SCHEDULE_KEYS[ptype]
        if received < TRANCHE_COUNTS[key]:
            t = Trace("next_tranche", ed)
            pct = sum(Decimal(str(t.use(f"tranche.{key}.{k}.share"))) for k in range(1, received + 1))
            total = int((Decimal(got) * 100 / pct).to_integral_value())
            t.step(
                f"已拨付前{received}期共{fmt_yuan(got)}，占资助总额的{fmt_percent(pct)}：{fmt_yuan(got)} ÷ {fmt_percent(pct)} = {fmt_yuan(total)}"
            )
            r = _next_tranche(
                ed, project_type, total, received, paid_in_capital, spending, investment, sales, tranche
            )
            if r.ok:
                said = "第1期" if received == 1 else f"前{received}期"
                r.answer = (
                    f"{ptype}类项目{said}拨付资助总额的{fmt_percent(pct)}，已拨{fmt_yuan(got)}，推算资助总额为"
                    f"{fmt_yuan(total)}（{fmt_yuan(got)} ÷ {fmt_percent(pct)}，以确定的资助总额为准）。{r.answer}"
                )
                r.cite(*t.result.citations)
                r.values["derived_total"] = total
            return r
    return _next_tranche(
        ed,
        project_type,
        approved_total,
        tranches_received,
        paid_in_capital,
        spending,
        investment,
        sales,
        tranche,
    )


def _next_tranche(
    ed: Edition,
    project_type: object = None,
    approved_total: object = None,
    tranches_received: object = None,
    paid_in_capital: object = None,
    spending: object = None,
    investment: object = None,
    sales: object = None,
    tranche: object = None,
) -> Result:
    """The next (or the asked) tranche: answer first with what the known facts settle, then offer.

    `tranche` is the one asked about (第二期, 尾款 = "last"): when `tranches_received` is not given, the
    ones before it are taken as paid — who asks what the 第二期 of a 270万 project is has had the first.

    Why not ask first: the share, the amount, the conditions, the materials and the office of a
    tranche do not depend on the talent's own figures; only whether a condition is met does. So a
    missing project type gives both types' rules, a missing total gives the percentages, a missing
    figure gives the requirement — each followed by an offer to check (`Result.offers`).
    """
    t = Trace("next_tranche", ed)
    ptype = inputs.project_type(project_type)
    total = inputs.amount_yuan(approved_total, "确定的资助总额")
    figures = {
        "paid_in_capital": inputs.amount_yuan(paid_in_capital, "实缴注册资本"),
        "spending": inputs.amount_yuan(spending, "实际项目支出"),
        "investment": inputs.amount_yuan(investment, "项目投入"),
        "sales": inputs.amount_yuan(sales, "销售额"),
    }
    upper = 3 if ptype != "创新" else 2
    received = inputs.count(tranches_received, "已拨付的期数", upper)
    if received is None and tranche not in (None, ""):
        # the last of which schedule, when the type is not known: both types are answered
        last = upper if ptype else None
        asked = last if tranche == "last" else inputs.count(tranche, "期数", 9)
        if asked is not None and ptype and asked > upper:
            key = SCHEDULE_KEYS[ptype]
            t.use(f"tranche.{key}.{upper}.share")
            return t.ok(
                f"{ptype}类项目只分{upper}期拨付，没有第{asked}期。", project_type=ptype, tranche=None
            )
        received = asked - 1 if asked else None
    if total == 0:
        return t.invalid("资助总额为0时没有可拨付的资金，请核对确定的资助总额。")
    if ptype is None:
        return _both_types(t, ed, total, received)
    key = SCHEDULE_KEYS[ptype]
    if total is None:
        return _without_total(t, ed, ptype, key, received)
    rows = schedule(t, key, total)
    plan_text = " / ".join(
        f"第{r['tranche']}期{fmt_percent(r['share_percent'])}（{fmt_yuan(r['amount'])}）" for r in rows
    )
    t.step(
        f"{ptype}类项目资助总额{fmt_yuan(total)}，分{len(rows)}期：{plan_text}（末期取余数，各期合计等于总额）",
        *[f"tranche.{key}.{r['tranche']}.share" for r in rows],
    )
    t.step(f"项目实施期限一般不超过{t.use('project.max_years')}年", "project.max_years")
    if received is None:
        t.result.offers = [OFFER_RECEIVED]
        return t.ok(
            f"{ptype}类项目资助总额{fmt_yuan(total)}，分{len(rows)}期拨付：{plan_text}。"
            + "每期拨付前须满足相应条件、提交相应材料。"
            + OFFER_RECEIVED.question,
            project_type=ptype,
            schedule=rows,
            approved_total=total,
        )
    if received >= len(rows):
        return t.ok(
            f"{ptype}类项目共{len(rows)}期，您已拿到全部{len(rows)}期资助，没有下一期了。",
            project_type=ptype,
            tranche=None,
            schedule=rows,
            approved_total=total,
        )
    nxt = rows[received]
    i = nxt["tranche"]
    conditions = [{"text": c, "met": None} for c in t.use(f"tranche.{key}.{i}.conditions")]
    materials = list(t.use(f"tranche.{key}.{i}.materials"))
    office = t.use("tranche.office")
    check = FIGURE_CHECKS[(key, i)]
    target = total if check.target == "total" else nxt["amount"]
    value = figures[check.slot]
    tranche_facts = {
        "project_type": ptype,
        "tranche": i,
        "share_percent": nxt["share_percent"],
        "amount": nxt["amount"],
        "conditions": conditions,
        "materials": materials,
        "office": office,
        "schedule": rows,
    }
    t.step("需提交材料：" + "、".join(materials), f"tranche.{key}.{i}.materials")
    verification = ""
    if i >= 2:
        verification = t.use("tranche.verification")
        t.step(f"{verification}后拨付", "tranche.verification")
    after = f"，{verification}后拨付" if verification else ""
    head = f"{ptype}类项目第{i}期拨付资助总额的{fmt_percent(nxt['share_percent'])}，即{fmt_yuan(nxt['amount'])}。"
    progress = _progress(rows, i)
    relation = "超过" if check.strict else "达到"
    requirement = f"{check.what}须{relation}{fmt_yuan(target)}"
    if value is None:
        offer = Missing(check.slot, f"您的{check.what}现在是多少？我可以帮您核对是否满足条件。")
        t.result.offers = [offer]
        t.step(f"第{i}期条件：{requirement}", f"tranche.{key}.{i}.conditions")
        answer = (
            head + progress + f"条件：{'；'.join(c['text'] for c in conditions)}（即{requirement}）。"
            f"需提交：{'、'.join(materials)}，向{office}提出申请{after}。" + offer.question
        )
        return t.ok(answer, **tranche_facts, figure_met=None, gap=None)
    met = value > target if check.strict else value >= target
    for c in conditions:
        if check.what in c["text"] or (check.slot == "paid_in_capital" and "实缴注册资本" in c["text"]):
            c["met"] = met
    gap = 0 if met else target - value + (1 if check.strict else 0)
    # 超过 is strict: at 100万 against 108万 the capital must grow by more than 8万元 (gap keeps the
    # exact yuan; the sentence says "8万元以上" rather than "8.0001万元")
    short = f"，还差{fmt_yuan(target - value)}" + ("以上" if check.strict else "")
    if check.strict and value == target:
        short = f"：正好相等，须超过{fmt_yuan(target)}"
    verdict = "满足" if met else f"尚未满足{short}"
    t.step(
        f"第{i}期条件：{requirement}；您填的是{fmt_yuan(value)}，{verdict}",
        f"tranche.{key}.{i}.conditions",
    )
    others = [c["text"] for c in conditions if c["met"] is None]
    confirm = f"另需确认：{'；'.join(others)}。" if others else ""
    answer = (
        f"您的{ptype}类项目下一期是第{i}期，拨付{fmt_percent(nxt['share_percent'])}即{fmt_yuan(nxt['amount'])}。"
        f"{progress}{check.what}{fmt_yuan(value)}，{relation}{fmt_yuan(target)}的要求{'已满足' if met else '尚未满足'}"
        + ("。" if met else f"{short}，暂不符合第{i}期的拨付条件。")
        + f"{confirm}"
        f"材料：{'、'.join(materials)}，向{office}提出申请{after}。"
    )
    return t.ok(answer, **tranche_facts, figure_met=met, gap=gap)


def _progress(rows: list[dict[str, Any]], i: int) -> str:
    """After a later tranche, what has been paid in all and what is still to come ("拿完一共到手多少，
    尾款呢"): sums of the schedule's own rows, nothing else."""
    if i < 2:
        return ""
    paid = sum(int(r["amount"]) for r in rows[:i])
    rest = rows[i:]
    later = "；".join(
        f"第{r['tranche']}期{fmt_percent(r['share_percent'])}即{fmt_yuan(r['amount'])}" for r in rest
    )
    return f"拿到第{i}期后累计{fmt_yuan(paid)}" + (f"，之后还有{later}。" if rest else "，全部拨付完毕。")


def _without_total(t: Trace, ed: Edition, ptype: str, key: str, received: int | None) -> Result:
    """Type known, total not: the percentages and the asked tranche's conditions, then offer the total."""
    count = TRANCHE_COUNTS[key]
    ids = [f"tranche.{key}.{i}.share" for i in range(1, count + 1)]
    percents = [Decimal(str(t.use(pid))) for pid in ids]
    shares = " / ".join(f"第{i}期{fmt_percent(p)}" for i, p in enumerate(percents, start=1))
    t.step(f"{ptype}类项目分{count}期拨付：{shares}", *ids)
    if received is not None and received >= count:
        return t.ok(
            f"{ptype}类项目共{count}期，您已拿到全部{count}期资助，没有下一期了。", project_type=ptype
        )
    total_share = sum(percents)
    # "三期拿完是不是就是批下来的全部金额": the shares' own sum says so
    whole = "，即确定的资助总额全部拨付" if total_share == 100 else ""
    text = f"{ptype}类项目资助分{count}期拨付：{shares}，{count}期合计{fmt_percent(total_share)}{whole}。"
    if received is not None:
        text += _tranche_part(t, ed, ptype, key, received + 1)
        office = t.use("tranche.office")
        text += f"向{office}提出申请。"
    t.result.offers = [OFFER_TOTAL]
    return t.ok(
        text + OFFER_TOTAL.question,
        project_type=ptype,
        tranche=(received or 0) + 1 if received is not None else None,
    )


def _both_types(t: Trace, ed: Edition, total: int | None, received: int | None) -> Result:
    """Type unknown: what the text says for both types (with amounts when the total is known)."""
    parts = []
    for ptype, key in SCHEDULE_KEYS.items():
        count = TRANCHE_COUNTS[key]
        if total is not None:
            rows = schedule(t, key, total)
            shares = " / ".join(
                f"第{r['tranche']}期{fmt_percent(r['share_percent'])}（{fmt_yuan(r['amount'])}）"
                for r in rows
            )
        else:
            shares = " / ".join(
                f"第{i}期{fmt_percent(t.use(f'tranche.{key}.{i}.share'))}" for i in range(1, count + 1)
            )
        t.step(
            f"{ptype}类项目分{count}期：{shares}", *[f"tranche.{key}.{i}.share" for i in range(1, count + 1)]
        )
        if received is not None and received < count:
            parts.append(_tranche_part(t, ed, ptype, key, received + 1, total))
        else:
            parts.append(f"{ptype}类项目分{count}期拨付：{shares}。")
    # who applies and how the money comes (附件1 三: 由其所在单位向县科技部门提出申请 … 划拨有关经费), not only the
    # office: "申请拨款是我个人直接去，还是公司去？" is answered by it (dev38)
    route = t.use("tranche.application_route")
    offers = [OFFER_TYPE] + ([OFFER_TOTAL] if total is None else [])
    t.result.offers = offers
    text = "".join(parts) + f"均{route}。" + OFFER_TYPE.question
    return t.ok(text, project_type=None, approved_total=total)


@guarded("tranche_conditions")
def tranche_conditions(ed: Edition, project_type: object = None, tranche: object = None) -> Result:
    """What unlocks tranche N (share, conditions, materials, office) for one or both project types.

    Why beside next_tranche: that rule decides a *given* project's next payment and so needs the
    approved total; "创业 第二期 条件" asks for the conditions themselves. `tranche` may be "last".
    """
    t = Trace("tranche_conditions", ed)
    ptype = inputs.project_type(project_type)
    types = [ptype] if ptype else list(SCHEDULE_KEYS)
    parts: list[str] = []
    rows: list[dict[str, Any]] = []
    for pt in types:
        key = SCHEDULE_KEYS[pt]
        count = TRANCHE_COUNTS[key]
        i = count if tranche == "last" else (inputs.count(tranche, "期数", 9) or 1)
        if i > count:
            parts.append(f"{pt}类项目只分{count}期拨付，没有第{i}期。")
            t.use(f"tranche.{key}.{count}.share")
            continue
        parts.append(_tranche_part(t, ed, pt, key, i))
        rows.append(
            {
                "project_type": pt,
                "tranche": i,
                "share_percent": ed.value(f"tranche.{key}.{i}.share"),
                "conditions": [{"text": c, "met": None} for c in ed.value(f"tranche.{key}.{i}.conditions")],
                "materials": list(ed.value(f"tranche.{key}.{i}.materials")),
            }
        )
    if not rows:
        return t.ok("".join(parts), tranches=[])
    office = t.use("tranche.office")
    both = "均" if len(rows) > 1 else ""
    return t.ok("".join(parts) + f"{both}向{office}提出申请。", tranches=rows, office=office)


def _tranche_part(t: Trace, ed: Edition, ptype: str, key: str, i: int, total: int | None = None) -> str:
    pct = t.use(f"tranche.{key}.{i}.share")
    conditions = t.use(f"tranche.{key}.{i}.conditions")
    materials = t.use(f"tranche.{key}.{i}.materials")
    t.step(f"{ptype}类第{i}期：拨付资助总额的{fmt_percent(pct)}", f"tranche.{key}.{i}.share")
    t.step(f"条件：{'；'.join(conditions)}", f"tranche.{key}.{i}.conditions")
    t.step(f"材料：{'、'.join(materials)}", f"tranche.{key}.{i}.materials")
    amount = ""
    if total is not None:
        rows = schedule(t, key, total)
        amount = f"（{fmt_yuan(rows[i - 1]['amount'])}）"
    text = (
        f"{ptype}类项目第{i}期拨付资助总额的{fmt_percent(pct)}{amount}，条件是{'、'.join(conditions)}，"
        f"需提交{'、'.join(materials)}"
    )
    if i >= 2:
        verification = t.use("tranche.verification")
        t.step(f"{verification}后拨付", "tranche.verification")
        text += f"，{verification}后拨付"
    return text + "。"
