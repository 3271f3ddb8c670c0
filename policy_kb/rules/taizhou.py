"""Calculators for 台州市 台市委发〔2018〕39号《高水平建设人才强市行动计划（2018-2020）》.

Why a module of its own: Taizhou's plan is shaped differently from Yongjia's decree. It has no 1–5
categories (talent levels come from 《台州市高层次人才分类目录》, which we do not hold), and most of
its money goes to employers, funds and intermediaries rather than to a talent by category. So the
calculators here are the few provisions the text states with a figure — the intermediary-fee subsidy
(三、9.), state-owned equity awards (六、25.), reform awards (六、25.), the fund-profit reward
(五、17.) and housing supply (五、21.) — plus an overview and a note on categories that never guesses.

Every figure comes from editions/taizhou-2018.yaml through `Trace.use`/`Trace.step`, so each one a
result uses is cited. Public functions take no edition argument: they are bound to taizhou-2018.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from decimal import ROUND_CEILING, Decimal
from functools import wraps
from typing import Any

from policy_kb import inputs, registry
from policy_kb.editions import Edition, Parameter, display_value, edition
from policy_kb.inputs import CN_SMALL, InputError
from policy_kb.model import Missing, Result
from policy_kb.money import fmt_yuan, share
from policy_kb.rules.base import Trace, guarded
from policy_kb.rules.base import per_person as per_person_figures
from policy_kb.text import GAP_ASKED, compact, normalise

EDITION_ID = "taizhou-2018"
# Input sanity, not a policy figure: nobody has worked 60+ years in one firm; larger is a typo.
MAX_PLAUSIBLE_YEARS = 60
SCOPES = ("全国", "全省")

ASK_FEE = Missing("fee", "这次全职引进人才支付的中介费用是多少（元或万元）？")
ASK_FULL_TIME = Missing("full_time", "该人才是全职引进的吗？", ("是", "否"))
ASK_UNIFIED_EVENT = Missing("unified_event", "是通过全市统一组织的海外引才活动引进的吗？", ("是", "否"))
ASK_ALREADY = Missing("already_received_this_firm", "贵企业此前已按这一条领取过多少中介费用补助？")
ASK_NET_ASSET = Missing("net_asset_increase_3y", "企业近三年税后利润累计形成的净资产增值额是多少？")
ASK_YEARS = Missing("years_worked", "您在本企业已连续工作几年？")
ASK_SCOPE = Missing("scope", "这项改革创新做法是在全国还是全省可复制推广？", SCOPES)
ASK_PROFIT = Missing("gov_share_profit", "基金中政府出资部分的收益是多少？")

# overview() sections: parameters are grouped by id prefix, in YAML order within a section.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("人才培养与激励", ("training.",)),
    ("引才渠道与柔性引才", ("recruit.",)),
    ("引才中介与引荐奖励", ("intermediary.", "referral.")),
    ("用人单位激励", ("employer.", "equity.", "reform.")),
    ("孵化与平台", ("incubator.",)),
    ("创业金融", ("fund.", "loan.")),
    ("住房与生活", ("housing.", "life.")),
    ("科研经费与容错", ("funding.",)),
    ("服务与咨询", ("service.",)),
    ("三年目标（2018-2020）", ("target.",)),
)


def _taizhou(fn: Callable[..., Result]) -> Callable[..., Result]:
    """Bind a rule written as `fn(ed, ...)` to taizhou-2018 and turn InputError into INVALID.

    The public signature drops `ed`, so callers (api, actions, tests) use the arguments the
    contract names and introspection shows them too.
    """
    inner = guarded(fn.__name__)(fn)

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Result:
        return inner(edition(EDITION_ID), *args, **kwargs)

    sig = inspect.signature(fn)
    # ignore[attr-defined]: `__signature__` is the attribute inspect.signature reads, not declared on Callable.
    wrapper.__signature__ = sig.replace(parameters=list(sig.parameters.values())[1:])  # type: ignore[attr-defined]
    return wrapper


# ---- input parsers (InputError → INVALID via `guarded`) ---------------------------------------------
def _years(value: Any, what: str) -> Decimal | None:
    """A span of years (3, 2.5, "3年", "三年"); fractions matter at the three-year threshold."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError(f"{what}应为年数，例如“3年”。")
    if isinstance(value, int | float | Decimal):
        d = Decimal(str(value))
    elif isinstance(value, str):
        m = re.fullmatch(rf"(\d+(?:\.\d+)?|[{''.join(CN_SMALL)}])\s*年?", normalise(value))
        if not m:
            raise InputError(f"没能读懂{what}“{value}”，请写成数字，例如“3年”。")
        n = m.group(1)
        d = Decimal(CN_SMALL[n]) if n in CN_SMALL else Decimal(n)
    else:
        raise InputError(f"{what}应为年数，例如“3年”。")
    if not d.is_finite():
        raise InputError(f"{what}不是有效数字。")
    if d < 0:
        raise InputError(f"{what}不能是负数。")
    if d > MAX_PLAUSIBLE_YEARS:
        raise InputError(f"{what}“{value}”超出合理范围，请核对后重新输入。")
    return d


def _fmt_years(d: Decimal) -> str:
    return f"{d.normalize():f}"


def _scope(value: Any) -> str | None:
    """全国 or 全省 from what was typed ("全国可复制推广" → 全国)."""
    if value is None or value == "":
        return None
    text = compact(str(value))
    hits = [s for s in SCOPES if s in text]
    if len(hits) != 1:
        raise InputError(f"推广范围“{value}”应为“全国”或“全省”之一。")
    return hits[0]


def _area(value: Any, groups: dict[str, list[str]]) -> tuple[str, str] | None:
    """(area, group) for a county-level name or a group name; None when only 台州 itself is given."""
    if value is None or value == "":
        return None
    text = compact(str(value))
    if text in {"台州", "台州市"}:
        return None
    if text in groups:
        return text, text
    for group, members in groups.items():
        for name in members:
            if name in text:
                return name, group
    names = "、".join(n for members in groups.values() for n in members)
    raise InputError(f"“{value}”不是台州市的县（市、区）。请告诉我具体地区：{names}。")


def _display(p: Parameter) -> str:
    """A parameter's value as Chinese text with the text's qualifier (10家以上, 不超过15%, 50万元)."""
    return display_value(p, edition(EDITION_ID)) or p.citation.display_quote()


# ---- 三、9. intermediary-fee subsidy -------------------------------------------------------------------
@_taizhou
def intermediary_fee_subsidy(
    ed: Edition,
    fee: Any = None,
    already_received_this_firm: Any = 0,
    full_time: Any = True,
    unified_event: Any = True,
) -> Result:
    """三、9.: 50% of the intermediary fee for a full-time hire made through the city's unified
    overseas recruitment events, at most 30万元 per firm.

    The text says "单家企业最高不超过 30 万元" and not "每年", so the cap is treated as a running
    total per firm: what the firm already received under this clause is deducted. The trace says so.
    """
    t = Trace("intermediary_fee_subsidy", ed)
    # one fee, or one per person hired ("两个人，中介费一个20万、一个36万"): their sum is the firm's fees
    fees = [inputs.amount_yuan(f, "中介费用") for f in per_person_figures(fee, None, "中介费用")]
    amount = None if any(f is None for f in fees) else sum(f for f in fees if f is not None)
    fee_said = (
        f"{'、'.join(fmt_yuan(f) for f in fees if f is not None)}，合计{fmt_yuan(amount)}"
        if len(fees) > 1 and amount is not None
        else fmt_yuan(amount)
        if amount is not None
        else ""
    )
    already = inputs.amount_yuan(already_received_this_firm, "贵企业已获的中介费用补助")
    is_full_time = inputs.yes_no(full_time, "是否全职引进")
    via_event = inputs.yes_no(unified_event, "是否通过全市统一组织的海外引才活动")
    condition = t.use("intermediary.condition")

    if is_full_time is False or via_event is False:
        reason = "不是全职引进" if is_full_time is False else "不是通过全市统一组织的海外引才活动引进"
        t.step(f"适用条件：{condition}；本次{reason} → 不适用本条", "intermediary.condition")
        # the rule as written first (its share and cap), then why it does not reach this hire
        pct, cap = t.use("intermediary.fee_share"), t.use("intermediary.firm_cap")
        answer = (
            f"按{ed.doc} 三、9.，企业参加全市统一组织的海外引才活动、全职引进人才的，中介费用给予{pct}%补助，"
            f"单家企业最高不超过{fmt_yuan(cap)}。这一补助只适用于“{condition}”的情形；本次{reason}，"
            "不能按这一条申请中介费用补助（补助为0元）。"
        )
        return t.ok(answer, eligible=False, amount=0)

    missing = [
        m
        for m, v in (
            (ASK_FULL_TIME, is_full_time),
            (ASK_UNIFIED_EVENT, via_event),
            (ASK_FEE, amount),
            (ASK_ALREADY, already),
        )
        if v is None
    ]
    if missing:
        return t.missing(*missing)
    assert amount is not None and already is not None  # each one was asked for above

    cap = t.use("intermediary.firm_cap")
    if already > cap:
        return t.invalid(
            f"贵企业已获补助{fmt_yuan(already)}，超过了单家企业最高{fmt_yuan(cap)}的上限，请核对已获金额。"
        )

    pct = t.use("intermediary.fee_share")
    raw = share(amount, pct)
    remaining = cap - already
    payable = min(raw, remaining)
    capped = raw > remaining
    t.step(f"适用条件：{condition} → 符合", "intermediary.condition")
    t.step(f"中介费用{fee_said} × {pct}% = {fmt_yuan(raw)}", "intermediary.fee_share")
    t.step(
        f"单家企业最高不超过{fmt_yuan(cap)}；原文未写“每年”，按单家企业累计总额计："
        f"已获{fmt_yuan(already)}，尚可补助{fmt_yuan(remaining)}",
        "intermediary.firm_cap",
    )
    t.step(
        f"本次补助 = {fmt_yuan(raw)}与{fmt_yuan(remaining)}中的较小者 = {fmt_yuan(payable)}"
        + ("（达到单家企业上限）" if capped else ""),
        "intermediary.fee_share",
        "intermediary.firm_cap",
    )

    answer = (
        f"按{ed.doc} 三、9.，企业参加全市统一组织的海外引才活动、全职引进人才的，中介费用给予{pct}%补助，"
        f"单家企业最高不超过{fmt_yuan(cap)}。本次中介费用{fee_said}，"
        # capped: the uncapped share is in the trace, not in the answer, where it would read as a figure
        # the firm can get
        + (f"按{pct}%计已超过单家企业上限" if capped else f"按{pct}%计{fmt_yuan(raw)}")
    )
    if already:
        answer += f"；贵企业已获{fmt_yuan(already)}，尚可补助{fmt_yuan(remaining)}"
    answer += f"，本次可获补助{fmt_yuan(payable)}" + ("（已达单家企业上限）" if capped else "") + "。"
    answer += "补助发给引才企业。原文未写上限按年计算，这里按单家企业累计总额计算。"
    return t.ok(
        answer,
        eligible=True,
        fee=amount,
        share_percent=pct,
        subsidy_before_cap=raw,
        firm_cap=cap,
        already_received=already,
        remaining_before=remaining,
        amount=payable,
        capped=capped,
        remaining_after=remaining - payable,
        cap_basis="单家企业累计（原文未写每年）",
    )


# ---- 六、25. state-owned equity award ------------------------------------------------------------------
def _equity_pool(t: Trace, ed: Edition, increase: int) -> Result:
    """The increase known, the years not: the firm's cap and the years condition, then the offer.
    Why answer first: the cap does not depend on the person; only whether they qualify does."""
    pct = t.use("equity.share")
    min_years = t.use("equity.min_years")
    pool = share(increase, pct)
    t.step(
        f"近三年税后利润累计形成的净资产增值额{fmt_yuan(increase)} × {pct}% = {fmt_yuan(pool)}，"
        "为本企业股权奖励总额的上限（原文未规定每人份额）",
        "equity.share",
    )
    t.step(f"奖励对象须在本企业连续工作{min_years}年以上（含{min_years}年）", "equity.min_years")
    t.result.offers = [ASK_YEARS]
    return t.ok(
        f"按{ed.doc} 六、25.，国有企业在符合相关规定的情况下，可按不超过近三年税后利润累计形成的净资产增值额的"
        f"{pct}%，以股权奖励方式奖励在本企业连续工作{min_years}年以上的重要技术人员。按增值额{fmt_yuan(increase)}计，"
        f"全企业股权奖励总额最高{fmt_yuan(pool)}（原文未规定每人份额）。{ASK_YEARS.question}",
        net_asset_increase_3y=increase,
        pool_cap=pool,
        share_percent=pct,
        min_years=min_years,
        eligible=None,
    )


def _years_verdict(t: Trace, years: Decimal, min_years: int) -> tuple[bool, str]:
    """六、25.'s 连续工作三年以上 checked against the years in the firm ("三年以上" includes three): whether it is
    met, and the sentence that says so (the firm's own conditions stay its call)."""
    eligible = years >= min_years
    t.step(
        f"在本企业连续工作{_fmt_years(years)}年，要求{min_years}年以上（含{min_years}年）→ "
        + ("符合" if eligible else "不符合"),
        "equity.min_years",
    )
    if eligible:
        return True, (
            f"您已连续工作{_fmt_years(years)}年，满足年限要求；"
            "是否属于重要技术人员、企业是否符合相关规定，由企业按规定确定。"
        )
    return False, f"您连续工作{_fmt_years(years)}年，不足{min_years}年，暂不符合股权奖励的年限条件。"


def _equity_years(t: Trace, ed: Edition, years: Decimal) -> Result:
    """The years known, the increase not: whether the years condition is met, then the offer.
    Why answer first: "我才进公司两年，今年能拿吗" is settled by the years alone (三年以上); the
    increase only sizes the firm's pool."""
    pct = t.use("equity.share")
    min_years = t.use("equity.min_years")
    eligible, verdict = _years_verdict(t, years, min_years)
    t.result.offers = [ASK_NET_ASSET]
    return t.ok(
        f"按{ed.doc} 六、25.，国有企业在符合相关规定的情况下，可按不超过近三年税后利润累计形成的净资产增值额的"
        f"{pct}%，以股权奖励方式奖励在本企业连续工作{min_years}年以上的重要技术人员。{verdict}"
        f"{ASK_NET_ASSET.question.rstrip('？')}？告诉我可以算出股权奖励总额的上限。",
        years_worked=_fmt_years(years),
        min_years=min_years,
        share_percent=pct,
        eligible=eligible,
    )


@_taizhou
def equity_award_cap(ed: Edition, net_asset_increase_3y: Any = None, years_worked: Any = None) -> Result:
    """六、25.: a state-owned firm may award equity worth at most 15% of the net-asset increase formed
    by the last three years' after-tax profits, to key technical staff with 连续工作三年以上.

    The 15% is the firm's total, not a per-person share — the text does not split it. "三年以上"
    includes exactly three years (以上 includes the number itself in Chinese legal drafting). Whether
    the firm is state-owned, meets 相关规定 and counts the person as 重要技术人员 is the firm's call,
    so those conditions are listed as unknown rather than assumed.
    """
    t = Trace("equity_award_cap", ed)
    increase = inputs.amount_yuan(net_asset_increase_3y, "近三年税后利润累计形成的净资产增值额")
    years = _years(years_worked, "在本企业连续工作年限")
    if increase is None:
        return _equity_years(t, ed, years) if years is not None else t.missing(ASK_NET_ASSET, ASK_YEARS)
    if years is None:
        return _equity_pool(t, ed, increase)

    pct = t.use("equity.share")
    min_years = t.use("equity.min_years")
    pool = share(increase, pct)
    t.step(
        f"近三年税后利润累计形成的净资产增值额{fmt_yuan(increase)} × {pct}% = {fmt_yuan(pool)}，"
        "为本企业股权奖励总额的上限（原文未规定每人份额）",
        "equity.share",
    )
    eligible, verdict = _years_verdict(t, years, min_years)
    t.step("须由企业确认：属国有企业且符合相关规定；本人为本企业重要技术人员", "equity.share")
    conditions = [
        {"text": "国有企业，且符合相关规定", "met": None},
        {"text": "本企业重要技术人员", "met": None},
        {"text": f"在本企业连续工作{min_years}年以上", "met": eligible},
    ]

    answer = (
        f"按{ed.doc} 六、25.，国有企业在符合相关规定的情况下，可按不超过近三年税后利润累计形成的净资产增值额的"
        f"{pct}%，以股权奖励方式奖励在本企业连续工作{min_years}年以上的重要技术人员。"
        f"按增值额{fmt_yuan(increase)}计，全企业股权奖励总额最高{fmt_yuan(pool)}（原文未规定每人份额）。"
        + verdict
    )
    return t.ok(
        answer,
        eligible=eligible,
        net_asset_increase_3y=increase,
        share_percent=pct,
        pool_cap=pool,
        years_worked=_fmt_years(years),
        min_years=min_years,
        conditions=conditions,
    )


# ---- 六、25. reform award ------------------------------------------------------------------------------
@_taizhou
def reform_award(ed: Edition, scope: Any = None, separate_practices: bool = False) -> Result:
    """六、25.: one-off award to an employer whose talent-work reform is replicable nationally (50万元)
    or province-wide (30万元). "分别给予" gives one figure per tier; the text does not say the tiers add up.
    With `separate_practices` ("我们有两项做法，一项被全国推广了，一项在全省推广") the two tiers belong to two
    reforms, each awarded by its own reach: their sum is stated, and that one reform's tiers are not said
    to add up.
    """
    t = Trace("reform_award", ed)
    named = [x for x in SCOPES if x in compact(str(scope or ""))]
    if len(named) == 2 and separate_practices:
        national, provincial = t.use("reform.national"), t.use("reform.provincial")
        t.step(
            f"两项做法各按其推广范围：全国 {fmt_yuan(national)} + 全省 {fmt_yuan(provincial)} = "
            f"{fmt_yuan(national + provincial)}",
            "reform.national",
            "reform.provincial",
        )
        answer = (
            f"按{ed.doc} 六、25.，企事业单位在人才工作改革方面探索创新，按照在全国、全省可复制推广，分别给予"
            f"{fmt_yuan(national)}、{fmt_yuan(provincial)}的一次性奖励。两项做法各按其推广范围计："
            f"全国推广的一项{fmt_yuan(national)} + 全省推广的一项{fmt_yuan(provincial)} = {fmt_yuan(national + provincial)}。"
            "奖励发给单位；同一项做法全国、全省两档原文未写明可以叠加，具体以本条所列责任单位的认定为准。"
        )
        return t.ok(answer, scope="全国、全省", amount=national + provincial, recipient="企事业单位")
    if len(named) == 2:
        # "被全省推广了，奖多少？要是全国都推广呢？": both tiers asked — each as the text gives it
        national, provincial = t.use("reform.national"), t.use("reform.provincial")
        t.step(
            f"在全国可复制推广 → {fmt_yuan(national)}；在全省可复制推广 → {fmt_yuan(provincial)}",
            "reform.national",
        )
        t.step("原文对全国、全省两档“分别给予”，未写两档可以叠加；奖励对象为企事业单位", "reform.provincial")
        answer = (
            f"按{ed.doc} 六、25.，企事业单位在人才工作改革方面探索创新、做法在全省可复制推广的，给予"
            f"{fmt_yuan(provincial)}的一次性奖励；在全国可复制推广的，给予{fmt_yuan(national)}"
            f"（全国一档比全省多{fmt_yuan(national - provincial)}）。奖励发给单位；原文未写明全国、全省两档可以叠加，"
            "能否都拿请咨询本条所列的责任单位。"
        )
        return t.ok(
            answer, scope="全国、全省", amount=None, gap=national - provincial, recipient="企事业单位"
        )
    s = _scope(scope)
    if s is None:
        return t.missing(ASK_SCOPE)
    pid = "reform.national" if s == "全国" else "reform.provincial"
    amount = t.use(pid)
    t.step(f"在{s}可复制推广 → 一次性奖励{fmt_yuan(amount)}", pid)
    t.step("原文对全国、全省两档“分别给予”，未写两档可以叠加；奖励对象为企事业单位", pid)
    answer = (
        f"按{ed.doc} 六、25.，企事业单位在人才工作改革方面探索创新、做法在{s}可复制推广的，"
        f"给予{fmt_yuan(amount)}的一次性奖励。奖励发给单位；原文未写明全国、全省两档可以叠加。"
    )
    return t.ok(answer, scope=s, amount=amount, recipient="企事业单位")


# ---- 五、17. fund-profit reward ------------------------------------------------------------------------
@_taizhou
def fund_profit_share(ed: Edition, gov_share_profit: Any = None) -> Result:
    """五、17.: when talent/industry guidance funds invest in seed- or early-stage projects of
    high-level talents, 50% of the profit on the government's share rewards the talent (team) and the
    fund manager — after 认定. How the 50% is split between them the text does not say, so we don't.
    """
    t = Trace("fund_profit_share", ed)
    profit = inputs.amount_yuan(gov_share_profit, "政府出资部分收益")
    if profit is None:
        return t.missing(ASK_PROFIT)
    pct = t.use("fund.profit_share")
    reward = share(profit, pct)
    t.step(
        "适用：人才创业基金、政府产业引导基金及子基金投资种子期、初创期高层次人才创业项目，经认定后",
        "fund.profit_share",
    )
    t.step(
        f"政府出资部分收益{fmt_yuan(profit)} × {pct}% = {fmt_yuan(reward)}，用于奖励人才（团队）和基金管理人",
        "fund.profit_share",
    )
    t.step("原文未规定人才（团队）与基金管理人之间如何分配", "fund.profit_share")
    conditions = [
        {"text": "投资对象为种子期、初创期高层次人才创业项目", "met": None},
        {"text": "经认定", "met": None},
    ]
    answer = (
        f"按{ed.doc} 五、17.，人才创业基金、政府产业引导基金及子基金投资种子期、初创期高层次人才创业项目的，"
        f"经认定后，政府出资部分收益的{pct}%用于奖励人才（团队）和基金管理人。政府出资部分收益{fmt_yuan(profit)}，"
        f"可用于奖励的总额为{fmt_yuan(reward)}；人才（团队）与基金管理人之间如何分配，原文没有规定。"
    )
    return t.ok(
        answer,
        gov_share_profit=profit,
        share_percent=pct,
        reward_pool=reward,
        recipients=["人才（团队）", "基金管理人"],
        split=None,
        conditions=conditions,
    )


# ---- 五、21. housing supply ----------------------------------------------------------------------------
@_taizhou
def housing_supply_targets(ed: Edition, area: Any = None) -> Result:
    """五、21.: talent apartments each area must provide (三区三市 25000 m², other counties 15000 m²)
    and the 5% talent-housing share in new commodity housing.

    These are duties of the local governments, not amounts a talent can claim; the answer says so and
    points to the 房票补贴 paid to talents. Which areas are 三区三市 is administrative geography kept
    in the edition header (area_groups), since 39号 does not list them.
    """
    t = Trace("housing_supply_targets", ed)
    share = _share_of_project(t, area)
    if share is not None:
        return share
    groups: dict[str, list[str]] = ed.meta["area_groups"]
    said = area
    several = _areas(area, groups)
    if not several and _OUR_DISTRICT.search(compact(str(area or ""))):
        # "我们区今年交付了24000平方米" (dev50): every 区 of 台州 (椒江、黄岩、路桥) is one of 三区三市
        t.step("台州市的区（椒江、黄岩、路桥）都属于“三区三市”")
        area = "三区三市"
        several = _areas(area, groups)
    if len({g for _, g in several}) == 1 and _DELIVERED.search(compact(str(area or ""))):
        # "三区三市每个地方最少多少？我们区交付了24000平方米，达标了吗" (dev50): one group's minimum, against the area said
        named, group = several[0]
        area, several = (group if group in compact(str(area)) else named), [several[0]]
    if len(several) == 2 and _COMPARE.search(compact(str(area))):
        return _apartments_difference(t, ed, several)  # "天台比温岭少多少平方米"
    if len(several) > 1 and compact(str(area)) not in groups:  # a bare 其他县 asks what each one provides
        return _apartments_total(t, ed, several)
    resolved = _area(area, groups)
    if resolved is None:
        options = tuple(n for members in groups.values() for n in members)
        return t.missing(Missing("area", "是台州市哪个县（市、区）？", options))
    name, group = resolved
    pid = "housing.apartment.district_city" if group == "三区三市" else "housing.apartment.county"
    m2 = t.use(pid)
    pct = t.use("housing.commodity_share")
    voucher = t.use("housing.voucher_to_talent")
    if name != group:
        t.step(f"{name}属于“{group}”（按2018年行政区划；39号文本身未列名单）")
    t.step(f"{group}各提供“拎包入住”式人才公寓{m2}平方米以上", pid)
    t.step(f"探索新建商品住房项目中配建不低于{pct}%的人才专用房", "housing.commodity_share")
    t.step(f"个人购房：申请房票补贴的，{voucher}", "housing.voucher_to_talent")
    where = f"{name}各" if name == group else f"{name}属于“{group}”，"
    delivered = _delivered_m2(said)
    if delivered is not None:
        # "我们区今年交付了24000平方米拎包入住的，达标了吗？差多少？" (dev50): the area said against the minimum
        gap = m2 - delivered
        t.step(f"{m2} − {delivered} = {gap}平方米" if gap > 0 else f"{delivered} ≥ {m2}平方米")
        verdict = (
            f"您说的{delivered}平方米比{m2}平方米少{gap}平方米，尚未达到这一最低要求。"
            if gap > 0
            else f"您说的{delivered}平方米已达到{m2}平方米以上的要求。"
        )
        answer = (
            f"按{ed.doc} 五、21.，{where}应提供“拎包入住”式人才公寓{m2}平方米以上。{verdict}"
            "这是政府的建设任务，是否达标以本条所列责任单位（市建设局<规划局>等）的考核为准。"
        )
        return t.ok(
            answer, area=name, group=group, apartment_min_m2=m2, delivered_m2=delivered, short_m2=max(gap, 0)
        )
    answer = (
        f"按{ed.doc} 五、21.，{where}应提供“拎包入住”式人才公寓{m2}平方米以上；"
        f"并探索在新建商品住房项目中配建不低于{pct}%的人才专用房。这些是政府的建设任务，不是个人可申领的金额；"
        f"人才本人购买商品住房（含二手住房）并办理不动产登记后申请房票补贴的，{voucher}。"
    )
    return t.ok(answer, area=name, group=group, apartment_min_m2=m2, commodity_share_min_percent=pct)


# the asker's own district, not named ("我们区", "咱们区里")
_OUR_DISTRICT = re.compile(r"(?:我们|咱们|本|我们这个|我所在的?)区")
# an area the words say was built or delivered ("交付了24000平方米", "建了2万平方米")
_DELIVERED = re.compile(
    # ("我们听说温岭目前大概有18000平方米，够不够？", dev61)
    r"(?:交付|建成|建了|建好|提供了|已有|有了|完成了|盖了|现有|目前\S{0,3}?有|现在\S{0,3}?有)\S{0,4}?"
    r"(\d+(?:\.\d+)?)\s*(万)?\s*(?:平方米|平米|平方|㎡)"
)


# a commodity-housing project's floor area, said with the 配建 share asked ("规划总建筑面积20万平方米的商品住宅…配建人才
# 专用房…最多要配多少", dev61)
_PROJECT_AREA = re.compile(
    r"(?:总建筑面积|建筑面积|规划|项目|住宅|楼盘)\S{0,8}?(\d+(?:\.\d+)?)\s*(万)?\s*(?:平方米|平米|平方|㎡)"
)


def _share_of_project(t: Trace, words: Any) -> Result | None:
    """五、21.'s 配建不低于5%的人才专用房 applied to the project's area the words give; None unless they give one and
    name the 配建."""
    said = compact(str(words or ""))
    m = _PROJECT_AREA.search(said) if "配建" in said or "专用房" in said else None
    if m is None:
        return None
    area = Decimal(m.group(1)) * (10000 if m.group(2) else 1)
    pct = t.use("housing.commodity_share")
    least = area * Decimal(pct) / 100
    t.step(f"{area:,.0f} × {pct}% = {least:,.0f}平方米（不低于）", "housing.commodity_share")
    return t.ok(
        f"按台市委发〔2018〕39号 五、21.，“探索新建商品住房项目中配建不低于{pct}%的人才专用房”：按您说的{area:,.0f}平方米计算，"
        f"{area:,.0f} × {pct}% = {least:,.0f}平方米，即至少配建{least:,.0f}平方米。原文规定的是“不低于”，没有规定上限；这是"
        "“探索”性的要求，具体配建办法以当地（市建设局<规划局>等责任单位）的规定为准。",
        share_percent=pct,
        least_m2=int(least),
    )


def _delivered_m2(words: Any) -> int | None:
    """The talent-apartment area the words say was delivered, in m²; None when they say none."""
    m = _DELIVERED.search(compact(str(words or "")))
    return int(Decimal(m.group(1)) * (10000 if m.group(2) else 1)) if m else None


# the whole city, or "all of them": every county-level area of both groups
_WHOLE_CITY = re.compile(r"全市|全台州|所有县|九个县|9个县|各县市区|所有的?县市区")


def _areas(value: Any, groups: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Every county-level area the words name, a group (三区三市, 其他县 / 三个县) standing for its
    members and 全市 for all of them, in the edition's order; [] for none."""
    if value is None or value == "":
        return []
    text = compact(str(value))
    whole = bool(_WHOLE_CITY.search(text))
    named = {g for g in groups if g in text}
    # "三个区加三个县级市" is 三区三市 (dev24), not the three other counties its 三个县 spells
    if re.search(r"[三3]个区\S{0,3}[三3]个(?:县级)?市", text) and "三区三市" in groups:
        named.add("三区三市")
    if re.search(r"[三3]个县(?!级)", text) and "其他县" in groups:
        named.add("其他县")
    out = [
        (name, group)
        for group, members in groups.items()
        for name in members
        if whole or group in named or name in text
    ]
    return out


# "天台比温岭少多少", "跟温岭比呢", "两地相比"
_COMPARE = re.compile(GAP_ASKED.pattern + r"|比\S{0,6}?(少|多)|[跟和与同]\S{0,6}?比|相比|对比|比较")


def _apartments_difference(t: Trace, ed: Edition, areas: list[tuple[str, str]]) -> Result:
    """五、21. for two areas compared ("天台比温岭少多少平方米"): each one's minimum and the difference."""
    sizes = []
    for name, group in areas:
        pid = "housing.apartment.district_city" if group == "三区三市" else "housing.apartment.county"
        m2 = t.use(pid)
        t.step(f"{name}属于“{group}”，应提供{m2}平方米以上", pid)
        sizes.append((name, group, m2))
    (a, ga, ma), (b, gb, mb) = sizes
    gap = abs(ma - mb)
    t.step(f"{max(ma, mb)} − {min(ma, mb)} = {gap}平方米")
    answer = (
        f"按{ed.doc} 五、21.，{a}属于“{ga}”，应提供“拎包入住”式人才公寓{ma}平方米以上；{b}属于“{gb}”，"
        f"应提供{mb}平方米以上；两者的最低要求相差{gap}平方米。"
        "哪些县（市、区）属于“三区三市”按2018年行政区划，39号文本身未列名单；这些是政府的建设任务，不是个人可申领的金额。"
    )
    return t.ok(answer, areas=[a, b], apartment_gap_m2=gap)


def _apartments_total(t: Trace, ed: Edition, areas: list[tuple[str, str]]) -> Result:
    """五、21. summed over several areas ("三区三市加起来至少多少平方米"): each area's minimum, added up.
    Which areas are 三区三市 is the edition header's administrative geography, said in the answer."""
    parts: dict[str, list[str]] = {}
    total = 0
    for name, group in areas:
        parts.setdefault(group, []).append(name)
    lines = []
    for group, names in parts.items():
        pid = "housing.apartment.district_city" if group == "三区三市" else "housing.apartment.county"
        m2 = t.use(pid)
        total += m2 * len(names)
        t.step(
            f"{group}（{'、'.join(names)}）各{m2}平方米以上：{len(names)} × {m2} = {m2 * len(names)}平方米",
            pid,
        )
        lines.append(
            f"{group}{'、'.join(names)}各{m2}平方米以上，共{len(names)} × {m2} = {m2 * len(names)}平方米"
        )
    t.step(f"合计至少{total}平方米")
    answer = (
        f"按{ed.doc} 五、21.，{'；'.join(lines)}；合计至少{total}平方米（{total / 10000:g}万平方米）。"
        "哪些县（市、区）属于“三区三市”按2018年行政区划，39号文本身未列名单；这些是政府的建设任务，不是个人可申领的金额。"
    )
    return t.ok(answer, areas=[n for n, _ in areas], apartment_total_m2=total)


# ---- a rate applied to a count the words give (三、9. 落地率, 五、21. 配建比例, 五、18. 同比增长) ---------------


def _count(value: Any, what: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        n = int(Decimal(str(value).strip()))
    except Exception:
        raise InputError(f"没能读懂{what}“{value}”，请写成数字。") from None
    if n < 0 or n > 10_000_000:
        raise InputError(f"{what}应在0到10000000之间。")
    return n


def _at_least(t: Trace, pid: str, base: int, unit: str, growth: bool = False) -> tuple[int, str]:
    """(the smallest whole count meeting "pid% 以上" of `base` — or `base` grown by it —, the working)."""
    pct = Decimal(str(t.use(pid)))
    exact = base * (1 + pct / 100) if growth else base * pct / 100
    need = int(exact.to_integral_value(rounding=ROUND_CEILING))
    shown = f"{base} × (1 + {pct:g}%)" if growth else f"{base} × {pct:g}%"
    working = f"{shown} = {exact.normalize():f}{unit}" + (f"，取整至少{need}{unit}" if exact != need else "")
    t.step(working, pid)
    return need, working


@_taizhou
def contest_landing(ed: Edition, projects: Any = None) -> Result:
    """三、9.: 以赛引才 — 人才项目落地率达到 40% 以上: of N projects shown, at least 40% of N should land."""
    t = Trace("contest_landing", ed)
    n = _count(projects, "参赛（路演）项目数")
    if n is None:
        return t.missing(registry.ask("projects"))
    need, working = _at_least(t, "recruit.contest_landing_rate", n, "个")
    pct = t.use("recruit.contest_landing_rate")
    answer = (
        f"按{ed.doc} 三、9.，以赛引才“人才项目落地率达到{pct}%以上”：{working}，"
        f"即{n}个项目中至少要落地{need}个才达到这一目标。这是全市的工作目标，具体考核口径以市委组织部、市人力社保局为准。"
    )
    return t.ok(answer, projects=n, landing_min=need)


def _housing_share(t: Trace, ed: Edition, base: int, unit: str) -> tuple[int, str]:
    """(the least share, the reply) of 五、21.'s 配建不低于 5% 的人才专用房 for `base` homes (套) or a floor area (平方米);
    of an area, the reply first says that the text does not say of what the 5% is."""
    need, working = _at_least(t, "housing.commodity_share", base, unit)
    pct = t.use("housing.commodity_share")
    basis = "" if unit == "套" else f"。原文没有写明这{pct}%按套数还是按面积计；按建筑面积计"
    return need, (
        f"按{ed.doc} 五、21.，“探索新建商品住房项目中配建不低于{pct}%的人才专用房”{basis}：{working}，即至少配建{need}{unit}。"
        "原文写的是“探索”，具体配建要求以当地住建（规划）部门的规定为准，可咨询市建设局<规划局>或所在县（市、区）。"
    )


@_taizhou
def talent_housing_homes(ed: Edition, homes: Any = None) -> Result:
    """五、21.: 探索新建商品住房项目中配建不低于 5% 的人才专用房 — of N new homes, at least 5%."""
    t = Trace("talent_housing_homes", ed)
    n = _count(homes, "新建商品住房套数")
    if n is None:
        return t.missing(registry.ask("homes"))
    need, answer = _housing_share(t, ed, n, "套")
    return t.ok(answer, homes=n, talent_homes_min=need)


@_taizhou
def talent_housing_area(ed: Edition, floor_area: Any = None) -> Result:
    """五、21.: 配建不低于 5% 的人才专用房, of a floor area ("总建筑面积10万平方米"). The text says 5% and not of what
    (homes or area), so the reply says that before the working: a share by area is one reading, not the rule."""
    t = Trace("talent_housing_area", ed)
    n = _count(floor_area, "新建商品住房建筑面积")
    if n is None:
        return t.missing(registry.ask("floor_area"))
    need, answer = _housing_share(t, ed, n, "平方米")
    return t.ok(answer, floor_area=n, talent_area_min=need)


@_taizhou
def patent_growth(ed: Edition, patents: Any = None) -> Result:
    """五、18.: 发明专利申请量、PCT 国际专利申请量每年同比各增长 10%以上 — from last year's count."""
    t = Trace("patent_growth", ed)
    n = _count(patents, "上一年专利申请量")
    if n is None:
        return t.missing(registry.ask("patents"))
    need, working = _at_least(t, "ip.patent_growth", n, "件", growth=True)
    pct = t.use("ip.patent_growth")
    answer = (
        f"按{ed.doc} 五、18.，发明专利申请量、PCT国际专利申请量“每年同比各增长{pct}%以上”：{working}，"
        f"即下一年至少要达到{need}件。这是工作目标，责任单位是市科技局。"
    )
    return t.ok(answer, patents=n, next_year_min=need)


# ---- 五、21. housing voucher -----------------------------------------------------------------------------
@_taizhou
def housing_voucher(ed: Edition) -> Result:
    """五、21.: 房票补贴 — a talent who buys a commodity home (second-hand included) and registers it
    may have the voucher subsidy paid to them; 六、24.: the six bay platforms explore applying 房票补贴
    and talent apartments uniformly. The plan states no amount and no talent level: the answer says so.
    """
    t = Trace("housing_voucher", ed)
    policy = t.use("housing.voucher_policy")
    paid = t.use("housing.voucher_to_talent")
    contacts = "、".join(t.use("housing.contacts")[:2])
    t.step("完善人才房票补贴政策；原文未写房票补贴的金额、标准和适用的人才层次", "housing.voucher_policy")
    t.step(
        f"人才购买商品住房（含二手住房）并办理不动产登记后申请房票补贴的，{paid}", "housing.voucher_to_talent"
    )
    t.step("六大万亩级产业平台内探索房票补贴、人才公寓政策统一实施", "housing.bay_platforms")
    t.step(f"责任单位：{'、'.join(ed.value('housing.contacts'))}", "housing.contacts")
    answer = (
        f"按{ed.doc} 五、21.，台州市{policy.split('（')[0]}：人才购买商品住房（含二手住房）并办理不动产登记后"
        f"申请房票补贴的，{paid}。原文没有写明房票补贴的金额、标准和适用的人才层次，具体以当地房票补贴政策为准。"
        "六、24.还提出在六大万亩级产业平台内探索房票补贴、人才公寓政策统一实施。"
        f"可向{contacts}或所在县（市、区）咨询。"
    )
    return t.ok(
        answer,
        amount=None,
        paid_to="人才",
        conditions=["购买商品住房（含二手住房）", "办理不动产登记后申请房票补贴"],
        contacts=list(ed.value("housing.contacts")),
    )


# ---- overview and categories ---------------------------------------------------------------------------
@_taizhou
def overview(ed: Edition) -> Result:
    """Everything the plan states for talents, employers and intermediaries, grouped, each cited.

    Built from the edition itself so a new parameter shows up here without code changes; sections are
    chosen by id prefix (SECTIONS).
    """
    t = Trace("overview", ed)
    sections = []
    lines = [
        f"{ed.doc}《{ed.title}》的主要政策（没有第1–5类划分，人才层次按"
        f"{t.use('service.category_directory')}认定）："
    ]
    for title, prefixes in SECTIONS:
        params = [p for p in ed.parameters.values() if p.id.startswith(prefixes)]
        if not params:
            continue
        t.step(f"{title}：{len(params)}项", *(p.id for p in params))
        items = [
            {"id": p.id, "label": p.label, "value": _display(p), "clause": p.citation.clause} for p in params
        ]
        sections.append({"title": title, "items": items})
        lines.append(f"【{title}】")
        lines += [f"· {i['label']}：{i['value']}（{i['clause']}）" for i in items]
    return t.ok("\n".join(lines), sections=sections)


@_taizhou
def category_note(ed: Edition, honours: Any = None) -> Result:
    """Why we cannot name a Taizhou talent category, and whom to ask — never a guess.

    The plan refers to 《台州市高层次人才分类目录》 for levels such as 高级以上 and 高端以上, but that
    directory is not among our sources; borrowing Yongjia's 1–5 categories would be wrong.
    """
    t = Trace("category_note", ed)
    if honours is None or honours == "":
        named: list[str] = []
    elif isinstance(honours, str):
        named = [honours]
    elif isinstance(honours, list | tuple) and all(isinstance(h, str) for h in honours):
        named = list(honours)
    else:
        raise InputError("人才称号请用文字填写，例如“国家千人计划”。")
    directory = t.use("service.category_directory")
    contacts = "、".join(t.use("service.contacts"))
    platform = t.use("service.one_stop")
    t.step(f"台州市的人才层次以{directory}为准；该目录不在本系统收录的文件中", "service.category_directory")
    t.step(
        f"人才评定申报、政策兑现的责任单位：{contacts}；办理渠道：{platform}",
        "service.contacts",
        "service.one_stop",
    )
    about = f"您提到的“{'、'.join(named)}”对应哪一层次，" if named else "您属于哪一层次，"
    message = (
        f"{ed.doc}《{ed.title}》没有第1–5类人才分类，“高级以上人才”“高端以上人才”等层次以{directory}为准，"
        f"而该目录不在我们收录的文件中。{about}我们无法替您判断，也不会套用其他地区的分类。"
        f"请向{contacts}咨询，或到{platform}办理评定申报。"
    )
    return t.assess(
        message, category=None, directory=directory, contacts=t.use("service.contacts"), honours=named
    )


# ---- 七、29. talent recruitment counted as investment-attraction tasks ----------------------------------
# "自己申报上的国家千人" is 自主申报; "不是自主申报的" is not
_SELF_APPLIED = re.compile(
    r"(?<!不是)(?<!非)(?<!没有)(?<!没)(?:自主申报|自己申报|自行申报|自己报|自主申请|自己申请)"
)
_NOT_SELF_APPLIED = re.compile(
    r"不是自主申报|非自主申报|不是自己申报|不是自己报|不是自己申请|没有?自主申报|没有?自己申报|没有?自己报"
)


_COUNT = re.compile(
    r"(\d+|[一两二三四五六七八九十])[个名位]"
    r"(?:(?:自主|自己|自行)申报(?:成功|上)?的|自主申报|从市外全职引进的|全职引进的"
    # any other words about them ending in 的 ("2个从市外全职引进、已经认定的领军人才", dev68), no count or sentence end
    r"|[^\d一两二三四五六七八九十个名位，,。；;？?！!]{1,16}的)?$"
)


# a head count said after the kind, in the same question ("那如果是省千人呢？我们引进了3个", dev55)
# (not past the sentence's end: "…国家千人计划专家。后来又引进了3个…省千人" gives 国家 none, dev68)
_COUNT_AFTER = re.compile(
    r"^[^\s。！!；;]{0,12}?(?:引进|引来|引了|招了|来了)了?(\d+|[一两二三四五六七八九十])[个名位]"
    # "入选国家千人计划的有2个，省千人计划的有1个，…高端人才有4个" (dev72): the count the kind "has"
    r"|^[^\s，,。！!；;]{0,6}?(?:的)?(?:有|共|一共)(\d+|[一两二三四五六七八九十])[个名位]"
    # "外地全职引来的顶尖人才1个、领军人才2个" (dev72): the count right after the kind
    r"|^(?:人才|专家|计划专家|计划)?(\d+|[一两二三四五六七八九十])[个名位]"
)
# a kind said to be absent ("国家千人没有", "国家千人一个也没有"): none of it
_NONE_AFTER = re.compile(
    r"^(?:人才|专家|计划专家|计划)?(?:的)?(?:没有|一个也没有|一个都没有|都没有|也没有|0个|零个)"
    # (not "国家千人没有自主申报": a condition unmet, said of one who is there)
    r"(?![^，,。；;？?！!\s]{0,2}(?:自主|自己|自行|申报|全职|认定|入选|经过))"
)
# a count said of the people first, their kind later in the clause ("3个专家是本地自己申报、入选了省千人计划的",
# dev72): the last such count before the kind, with no sentence's end between
_COUNT_OF_WHO = re.compile(
    r"(\d+|[一两二三四五六七八九十])[个名位](?:专家|人才|人)?(?:都)?是[^。！!？?；;]*$"
)


def _count_before(said: str, words: tuple[str, ...], others: tuple[str, ...] = ()) -> int | None:
    """The head count said right before a kind of talent ("2个自主申报的国家千人" → 2), or right after it
    ("省千人呢？我们引进了3个" → 3), 0 when the kind is said to be absent ("国家千人没有"); None when none is said.
    A mention inside another kind's name (千人 in 省千人, when
    `others` holds 省千人) is not this kind's: "2个…国家千人计划专家。后来又引进了3个…省千人" gives 国家 2 (dev68)."""
    taken = [range(m.start(), m.end()) for o in others if o for m in re.finditer(re.escape(compact(o)), said)]
    for w in words:
        w = compact(w)
        starts = [m.start() for m in re.finditer(re.escape(w), said)]
        # (the latest mention: "一个…国家千人" then "引进了2个…国家千人")
        own = [
            i for i in starts if not any(i in r and i + len(w) - 1 in r and len(r) > len(w) for r in taken)
        ]
        if not own:
            continue
        i = own[-1]
        if _NONE_AFTER.search(said[i + len(w) :]):
            return 0
        m = (
            _COUNT.search(said[max(0, i - 20) : i])
            or _COUNT_AFTER.search(said[i + len(w) :])
            or _COUNT_OF_WHO.search(said[max(0, i - 30) : i])
        )
        if m:
            raw = next(g for g in m.groups() if g)
            return int(raw) if raw.isdigit() else CN_SMALL.get(raw)
    return None


# 七、29. counts a 顶尖/领军/高端 talent only when brought 从市外 and 全职: one taken from a place of the city
# itself ("从椒江区一家企业全职挖来一个领军人才") or brought part-time ("柔性引进…周末过来指导，不是全职的", dev55)
# does not meet those words
_NOT_FULL_TIME = re.compile(r"柔性|兼职|不是全职|非全职|不全职|没有全职|周末|短期|顾问")


def _from_inside(said: str, ed: Edition) -> str | None:
    """The city's own place a talent is said to come from ("从椒江区…挖来" → 椒江), None when none is."""
    for place in (*ed.aliases, "本市", "市内"):
        if re.search(rf"从(?:本市|我们)?{place}(?!市?(?:外|以外|之外))", said):  # (not "从台州市外")
            return place
    return None


# the task the asker must complete, with its count ("考核任务里有3个科研特别重大项目"); 重大项目 alone is not the
# tail of 科研特别重大项目
_TASK_TARGET = re.compile(
    r"(?:任务|考核|指标|要求)[^。？?]{0,8}?(\d+|[一两二三四五六七八九十])[个项]"
    r"(科研特别重大项目|(?<!特别)重大项目|一般项目)"
)


# how many of the talents named came full-time ("其中2位是全职从北京过来的")
_FULL_TIME_COUNT = re.compile(r"(\d+|[一两二三四五六七八九十])[位名个](?:是|都是)?全职")
# the tasks done before those the question names ("已经完成了2个")
_DONE_BEFORE = re.compile(r"已(?:经)?完成了?(\d+|[一两二三四五六七八九十])[个项]")


# two kinds weighed against each other ("哪个分量更重", "是不是一样", "哪个算得多")
_WHICH_WEIGHS = re.compile(
    r"哪个[^。？?]{0,6}(?:重|多|高|大)|一样吗|是不是一样|有没有区别|有区别吗|一样不一样"
)


def _count_of(raw: str) -> int:
    return int(raw) if raw.isdigit() else CN_SMALL.get(raw, 0)


def _tasks_against_target(said: str, done: dict[str, int]) -> str:
    """The tasks the people named count as, added up by kind, and — when the words give the target of one kind
    ("任务里有3个科研特别重大项目") — how many of it are done and how many are still short. Only each person's
    own task counts toward its kind: a 省“千人计划” expert is a 重大项目, not a 科研特别重大项目."""
    if not done:
        return ""
    m = _TASK_TARGET.search(said)
    text = (
        "合计视同完成" + "、".join(f"{n}个{task}" for task, n in done.items()) + "。"
        if len(done) > 1 or m is None
        else ""
    )
    if m is None:
        return text
    target = _count_of(m.group(1))
    kind = m.group(2)
    have = done.get(kind, 0)
    before = _DONE_BEFORE.search(said[m.end() :])
    already = _count_of(before.group(1)) if before else 0
    others = "、".join(f"{n}个{task}" for task, n in done.items() if task != kind)
    text += f"对照{target}个{kind}的任务："
    if already:
        # "任务是5个重大项目，已经完成了2个。如果再引进3个自主申报的省千人，是不是就完成了？" (dev64)
        text += f"已完成{already}个，加上这次视同完成的{have}个，共{already + have}个，"
        have += already
    else:
        text += f"已视同完成{have}个，"
    text += f"还差{target - have}个" if have < target else "已经完成"
    if others:
        text += f"（{others}不计入{kind}）"
    return text + "。"


def _kind_names(kind: str) -> tuple[str, ...]:
    """How the words name a kind of talent: a plan's aliases (国家千人, 千人计划 …), a tier without 人才 (顶尖)."""
    from policy_kb.rules.awards import plan_aliases

    return plan_aliases(kind) or (kind.removesuffix("人才"),)


def _others(kind: str, several: list[str]) -> tuple[str, ...]:
    """The names of the other kinds said beside `kind` (千人 inside 省千人 is not 国家千人's mention)."""
    return tuple(a for k in several if k != kind for a in _kind_names(k))


@_taizhou
def recruitment_task(ed: Edition, recruited: Any = None) -> Result:
    """七、29.: 招才引智 counted in the 招商引资 assessment — a self-applied 国家/省“千人计划” expert is one
    科研特别重大项目 / 重大项目 task, a 顶尖/领军/高端 talent brought full-time from outside the city (经认定)
    one 科研特别重大项目 / 重大项目 / 一般项目 task. Why a rule: the clause quoted whole states all five
    levels, and a caller who asked about one expert was left to pick the one meant (dev12)."""
    from policy_kb.rules.awards import parse_plan, plan_aliases, plans_named

    t = Trace("recruitment_task", ed)
    said = compact(str(recruited or ""))
    own: dict[str, str] = t.use("recruit.task_self_applied")
    tiers: dict[str, str] = t.use("recruit.task_full_time")
    plan = parse_plan(said) if said else None
    tier = next((k for k in tiers if k.removesuffix("人才") in said), None)
    self_rule = "；".join(
        f"{p.replace('千人计划', '“千人计划”')}专家视同完成{task}" for p, task in own.items()
    )
    tier_rule = "、".join(f"{k}视同完成{task}" for k, task in tiers.items())
    rule = (
        f"按{ed.doc} 七、29.，实行招才引智和招商引资一体化考核：每引进1名自主申报的{self_rule}招商引资任务；"
        f"从市外全职引进的人才经认定后，{tier_rule}招商引资任务。"
    )
    units = "具体以本条所列责任单位（市经合办、市委组织部等）的考核认定为准。"
    several = [p for p in plans_named(said) if p in own] + [
        k for k in tiers if k.removesuffix("人才") in said
    ]
    # a kind said to be absent ("3个…省千人计划的，国家千人没有", dev72) is not one of those brought in
    absent = [k for k in several if _count_before(said, _kind_names(k), _others(k, several)) == 0]
    if absent and len(absent) == len(several):
        # "国家千人没有，省千人也没有" (every kind named said absent): the rule, and that nothing named counts
        t.step(rule, "recruit.task_self_applied", "recruit.task_full_time")
        named = "、".join(k.replace("千人计划", "“千人计划”") for k in absent)
        return t.ok(
            f"{rule}您说的{named}都没有引进，按原文不视同完成招商引资任务。{units}",
            task=None,
            recruited=None,
            done={},
        )
    if absent:
        several = [k for k in several if k not in absent]
        plan = next((k for k in several if k in own), None) if plan in absent or plan is None else plan
        tier = next((k for k in several if k in tiers), None) if tier in absent else tier
    if len(several) >= 2 and not _NOT_SELF_APPLIED.search(said):
        # "引进了2个自主申报的国家千人和1个自主申报的省千人，一共相当于完成了什么" (dev50), "顶尖人才…要是引进的是
        # 高端人才，又算什么" (dev51): each kind named, with its count when one is said
        lines = []
        done: dict[str, int] = {}
        for kind in several:
            task = own.get(kind) or tiers[kind]
            n = _count_before(said, _kind_names(kind), _others(kind, several))
            if kind in own:
                who = f"引进{n or 1}名自主申报的{kind.replace('千人计划', '“千人计划”')}专家"
            else:
                who = f"从市外全职引进{n or 1}名{kind}（经认定）"
            lines.append(f"{who}，视同完成{n}个{task}" if n and n > 1 else f"每{who}，视同完成{task}")
            t.step(lines[-1], "recruit.task_self_applied" if kind in own else "recruit.task_full_time")
            done[task] = done.get(task, 0) + (n or 1)
        same = ""
        if len(done) == 1 and _WHICH_WEIGHS.search(said):
            # "一个自己申报上的省千人专家，和一个从市外全职引进、认定过的领军人才…哪个分量更重" (dev68): the same task
            same = f"两者都视同完成{next(iter(done))}招商引资任务，按原文分量相同。"
        answer = f"按{ed.doc} 七、29.：{'；'.join(lines)}招商引资任务。{same}{_tasks_against_target(said, done)}{units}"
        return t.ok(answer, task=None, recruited=several, done=done)
    if plan in own and not _NOT_SELF_APPLIED.search(said):
        task = own[plan]
        name = plan.replace("千人计划", "“千人计划”")
        if _SELF_APPLIED.search(said):
            t.step(f"自主申报的{name}专家 → 视同完成{task}招商引资任务", "recruit.task_self_applied")
            answer = f"按{ed.doc} 七、29.，每引进1名自主申报的{name}专家，视同完成{task}招商引资任务。"
            n = _count_before(said, plan_aliases(plan) or (plan,))
            if n and n > 1:  # "今年引进了2个自主申报的国家千人计划专家" (dev55): the count's tasks
                answer += f"引进{n}名，视同完成{n}个{task}招商引资任务。"
                t.step(f"{n}名 → {n}个{task}", "recruit.task_self_applied")
            answer += _tasks_against_target(said, {task: n or 1})
            return t.ok(answer + units, task=task, recruited=plan)
        t.step(
            f"{name}专家：自主申报的视同完成{task}；否则按市外全职引进的认定层次", "recruit.task_self_applied"
        )
        answer = (
            f"按{ed.doc} 七、29.，引进的{name}专家是自主申报的，视同完成{task}招商引资任务；不是自主申报、"
            f"从市外全职引进的，按经认定的层次，{tier_rule}招商引资任务。{units}"
        )
        return t.ok(answer, task=task, recruited=plan)
    if plan in own:
        # "引进的国家千人不是自主申报的": the self-applied standard is not the one; the full-time tiers are
        name = plan.replace("千人计划", "“千人计划”")
        t.step(f"{name}专家不是自主申报的：按市外全职引进的认定层次", "recruit.task_full_time")
        answer = (
            f"按{ed.doc} 七、29.，“视同完成{own[plan]}”的是自主申报的{name}专家；不是自主申报的，从市外全职"
            f"引进的按经认定的层次，{tier_rule}招商引资任务。{units}"
        )
        return t.ok(answer, task=None, recruited=plan)
    if tier is not None:
        task = tiers[tier]
        inside = _from_inside(said, ed)
        part_time = _NOT_FULL_TIME.search(said)
        full = _FULL_TIME_COUNT.search(said)
        if part_time and full and not inside:
            # "请来了3位顶尖人才…其中2位是全职从北京过来的，另1位是柔性的" (dev64): only the full-time ones count
            n = _count_of(full.group(1))
            t.step(
                f"从市外全职引进的{tier}{n}名（经认定）→ 视同完成{n}个{task}；柔性引进的不是全职引进",
                "recruit.task_full_time",
            )
            answer = (
                f"按{ed.doc} 七、29.，从市外全职引进的{tier}经认定后，视同完成{task}招商引资任务。您说的全职从市外"
                f"引进的{n}名，视同完成{n}个{task}；“{part_time.group(0)}”的不是全职引进，按原文不计入。"
                f"{_tasks_against_target(said, {task: n})}{units}"
            )
            return t.ok(answer, task=task, recruited=tier, done={task: n})
        why = (
            f"是从{inside}引进的，不是从市外"
            if inside
            else f"是“{part_time.group(0)}”的，不是全职引进"
            if part_time
            else ""
        )
        if why:
            t.step(f"{tier}：{why} → 不符合本条“从市外全职引进”", "recruit.task_full_time")
            answer = (
                f"按{ed.doc} 七、29.，视同完成招商引资任务的是“从市外全职引进”的顶尖、领军、高端人才（经认定），"
                f"{tier}视同完成{task}招商引资任务。您说的这位人才{why}，不符合这一条件，按原文不能视同完成{task}任务。"
                f"{units}"
            )
            return t.ok(answer, task=None, recruited=tier)
        t.step(f"从市外全职引进的{tier}（经认定）→ 视同完成{task}招商引资任务", "recruit.task_full_time")
        answer = f"按{ed.doc} 七、29.，从市外全职引进的{tier}经认定后，视同完成{task}招商引资任务。"
        n = _count_before(said, (tier.removesuffix("人才"),))
        if (
            n and n > 1
        ):  # "从外地全职引进了3个高端人才，都已经认定过了…能顶几个什么项目" (dev68): the count's tasks
            t.step(f"{n}名 → {n}个{task}", "recruit.task_full_time")
            answer += f"引进{n}名，视同完成{n}个{task}招商引资任务。{_tasks_against_target(said, {task: n})}"
        answer += f"是否属于{tier}、是否全职引进，以认定为准；{units}"
        return t.ok(answer, task=task, recruited=tier)
    t.step(rule, "recruit.task_self_applied", "recruit.task_full_time")
    return t.ok(f"{rule}{units}", task=None, recruited=None)
