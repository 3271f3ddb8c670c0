"""Flexible-introduction reward for employers — 三（九） and 附件2 第七条.

Reward = 20% of each talent's yearly taxable pay, at most 5万 per person per year, at most 15万 per
firm per year across all its flexible talents, for at most 3 reward years per person. The main text
(三（九）) states only the 15万 yearly cap; 附件2 adds the per-person cap; both apply.

The reward is the firm's (给予企业引才奖励), never the talent's: every answer says so, and says which
cap is per person and which per firm.
"""

from __future__ import annotations

from policy_kb import inputs, registry
from policy_kb.deciders import who_decides
from policy_kb.editions import Edition
from policy_kb.model import Missing, Result
from policy_kb.money import fmt_percent, fmt_yuan, share
from policy_kb.rules.base import Trace, guarded
from policy_kb.rules.base import per_person as per_person_figures


@guarded("flexible_reward")
def flexible_reward(
    ed: Edition,
    taxable_pay: object = None,
    years_already: object = 0,
    firm_awarded_this_year: object = 0,
    people: object = None,
    pay_kind: object = None,
    years_summed: object = None,
) -> Result:
    """`taxable_pay`: one figure, or one per person; `people`: how many (one figure then counts for each,
    "4人 每人30万"). Each person's 20% is capped at 5万 a year, then the firm's year at 15万. `pay_kind`:
    income that is not pay for work ("分红"), which the text neither counts nor excludes."""
    t = Trace("flexible_reward", ed)
    if pay_kind and taxable_pay in (None, ""):
        return _pay_kind_open(t, ed, str(pay_kind))
    pays_raw = per_person_figures(taxable_pay, people, "年计税劳动报酬")
    read = [inputs.amount_yuan(p, "人才年计税劳动报酬") for p in pays_raw]
    pays = [p for p in read if p is not None]
    done = inputs.count(years_already, "已计入奖励的年度数", 50) or 0
    if (not pays or len(pays) < len(read)) and done >= ed.param("flexible.max_years_per_person").value:
        # answer first: "已经拿满三年奖励了，第四年还能再报吗" is settled by the years alone (dev18)
        return _years_used_up(t, done)
    if not pays or len(pays) < len(read):
        return t.missing(Missing("salary", "柔性引进人才的年计税劳动报酬总额是多少？"))
    max_years = t.use("flexible.max_years_per_person")
    used = inputs.amount_yuan(firm_awarded_this_year, "本年度企业已获柔性引才奖励") or 0
    pct = t.use("flexible.share")
    per_person = t.use("flexible.cap_per_person_year")
    per_firm = t.use("flexible.cap_per_firm_year")
    t.use("flexible.min_service")
    t.step(
        f"正文三（九）写“每年奖励最高不超过{fmt_yuan(per_firm)}”；附件2第七条明确这是同一企业每年累计上限，"
        f"另有每人每年度{fmt_yuan(per_person)}的上限。奖励发给企业",
        "flexible.main_text",
        "flexible.cap_per_firm_year",
    )
    ban = t.use("flexible.fraud_ban_years")
    if done >= max_years:
        t.step(
            f"同一人累计计入企业引才奖励年度不超过{max_years}年，已计入{done}年",
            "flexible.max_years_per_person",
        )
        # the years already counted were each paid on the same rule: say what one such year gave
        each_year = [min(share(pay, pct), per_person) for pay in pays]
        before = "、".join(fmt_yuan(x) for x in each_year)
        return t.ok(
            f"同一人累计计入企业引才奖励的年度不超过{max_years}年，该人才已计入{done}年，本年度企业不再因其获奖。"
            f"此前每个年度按年计税劳动报酬总额的{fmt_percent(pct)}计、每人每年度最高{fmt_yuan(per_person)}，"
            f"即每年{before}（同一企业每年累计最高{fmt_yuan(per_firm)}）。",
            amount=0,
            per_person=[0] * len(pays),
            per_year_before=each_year,
            recipient="企业",
        )
    per: list[int] = []
    raws: list[int] = []  # each person's 20% before the per-person cap (the answer shows the working)
    for i, pay in enumerate(pays, 1):
        raw = share(pay, pct)
        raws.append(raw)
        got = min(raw, per_person)
        who = f"第{i}位人才" if len(pays) > 1 else "该人才"
        capped = (
            f"，超过每人每年{fmt_yuan(per_person)}上限，按{fmt_yuan(per_person)}计"
            if raw > per_person
            else ""
        )
        t.step(
            f"{who}：{fmt_yuan(pay)} × {fmt_percent(pct)} = {fmt_yuan(raw)}{capped}",
            "flexible.share",
            "flexible.cap_per_person_year",
        )
        per.append(got)
    subtotal = sum(per)
    room = max(per_firm - used, 0)
    amount = min(subtotal, room)
    n = len(pays)
    if n > 1:
        t.step(f"{n}人合计{fmt_yuan(subtotal)}", "flexible.cap_per_person_year")
    if amount < subtotal:
        t.step(
            f"同一企业每年累计最高{fmt_yuan(per_firm)}，本年度已获{fmt_yuan(used)}，"
            f"本次最多{fmt_yuan(room)}",
            "flexible.cap_per_firm_year",
        )
    answer = (
        f"柔性引才奖励发给引进人才的企业（用人单位），不发给人才本人。"
        f"按人才年计税劳动报酬总额的{fmt_percent(pct)}计：每人每年度最高{fmt_yuan(per_person)}，"
        f"同一人累计计入奖励年度不超过{max_years}年；同一企业每年累计最高{fmt_yuan(per_firm)}。"
        f"企业本次可获约{fmt_yuan(amount)}。"
    )

    def working(pay: int, raw: int) -> str:
        """ "50万元 × 20% = 10万元，超过每人每年度5万元上限，按5万元计" (the cap part only when it applies)."""
        over = (
            f"，超过每人每年度{fmt_yuan(per_person)}上限，按{fmt_yuan(per_person)}计"
            if raw > per_person
            else ""
        )
        return f"{fmt_yuan(pay)} × {fmt_percent(pct)} = {fmt_yuan(raw)}{over}"

    if n == 1 and raws[0] > per_person:
        # "一年付他报酬50万": the 20% is 10万元, over the per-person cap — the working said, so 10万 is not
        # taken for the answer nor 5万 for a slip (三（九） states only the firm's 15万元 a year)
        answer = answer.removesuffix("。") + f"（{working(pays[0], raws[0])}）。"
    if n > 1 and amount < subtotal:
        # over the firm's cap: each person's share, and the cap that decides — not the uncapped sum, which read as
        # the firm's figure ("4个专家每人20万…一年总共能拿多少" said 16万元 beside the 15万元 answer, dev76)
        shares = (
            f"每人{working(pays[0], raws[0])}"
            if len(set(pays)) == 1
            else "逐人计为"
            + "、".join(
                f"{fmt_yuan(pay)} × {fmt_percent(pct)} = {fmt_yuan(raw)}"
                + (f"（按{fmt_yuan(per_person)}计）" if raw > per_person else "")
                for pay, raw in zip(pays, raws, strict=True)
            )
        )
        answer += (
            f"（共{n}人，{shares}；{n}人合计超过同一企业每年累计最高{fmt_yuan(per_firm)}的上限"
            + (f"（本年度已获{fmt_yuan(used)}）" if used else "")
            + f"，按{fmt_yuan(amount)}计）"
        )
    elif n > 1:
        # each person's working, as for one ("4人每人30万": 30万元 × 20% = 6万元, over the cap, 按5万元计)
        if len(set(pays)) == 1:
            each = f"每人{working(pays[0], raws[0])}，合计{n} × {fmt_yuan(per[0])} = {fmt_yuan(subtotal)}"
        else:
            each = (
                "逐人计为"
                + "、".join(
                    f"{fmt_yuan(pay)} × {fmt_percent(pct)} = {fmt_yuan(raw)}"
                    + (f"（按{fmt_yuan(per_person)}计）" if raw > per_person else "")
                    for pay, raw in zip(pays, raws, strict=True)
                )
                + f"，合计{fmt_yuan(subtotal)}"
            )
        answer += f"（共{n}人，{each}）"
    if done:
        answer += f"该人才已计入{done}年，还可再计{max_years - done}年。"
    over = inputs.count(years_summed, "合计的年数", 50) or 0
    if over > 1 and amount > 0:
        # "3年下来公司总共能拿到多少" (dev24): this year's figure for each year still counted, at most 3 a person
        counted = min(over, max_years - done)
        total = amount * counted
        t.step(
            f"按{counted}年计：{fmt_yuan(amount)} × {counted} = {fmt_yuan(total)}",
            "flexible.max_years_per_person",
        )
        limit = (
            f"（同一人累计计入奖励年度不超过{max_years}年，{over}年中只计{counted}年）"
            if counted < over
            else ""
        )
        answer += (
            f"按每年报酬不变计，{counted}年合计{fmt_yuan(amount)} × {counted} = {fmt_yuan(total)}{limit}；"
            "每年的奖励按当年报酬和企业当年已获奖励核定。"
        )
    if pay_kind:
        # "年薪40万，另外年底有分红，分红算不算": the pay priced, the other income left to who decides
        answer += _pay_kind_note(ed, str(pay_kind), t)
    t.step(f"假签协议、假引人才等弄虚作假的，追缴奖励，{ban}年内不得享受引才优惠", "flexible.fraud_ban_years")
    return t.ok(
        answer,
        amount=amount,
        per_person=per,
        firm_room=room,
        years_left=max_years - done,
        recipient="企业",
        people=n,
        subtotal=subtotal,
    )


def _pay_kind_open(t: Trace, ed: Edition, kind: str) -> Result:
    """第七条 counts 年计税劳动报酬: whether "分红" (or 期权, 股息 …) is part of it the text does not say, so the
    answer is the rule as written and who decides — never a reward figure computed from it (dev23)."""
    pct = t.use("flexible.share")
    per_person = t.use("flexible.cap_per_person_year")
    t.step(f"第七条以引进人才年计税劳动报酬总额为基数；“{kind}”是否计入，文件没有写明", "flexible.share")
    answer = (
        f"附件2第七条按引进人才年计税劳动报酬总额的{fmt_percent(pct)}给予企业引才奖励，每人每年度最高"
        f"{fmt_yuan(per_person)}。" + _pay_kind_note(ed, kind, t, priced=False)
    )
    return t.assess(answer, pay_kind=kind, amount=None, recipient="企业")


def _pay_kind_note(ed: Edition, kind: str, t: Trace, priced: bool = True) -> str:
    """That the text does not say whether `kind` counts as 年计税劳动报酬, and who decides (cited on `t`)."""
    note = f"您说的“{kind}”是否计入年计税劳动报酬，文件没有写明，" + (
        "以上只按报酬计。" if priced else "不能按它直接算出奖励。"
    )
    who = who_decides(ed.region, "附件2 第七条")
    if who is not None:
        note += who.answer
        t.result.cite(*who.citations)
    return note


@guarded("agreement_term")
def agreement_term(ed: Edition, months: object = None) -> Result:
    """附件2 第六条（二）: the agreement must set a service term of 一年以上 (a year counts: 以上 includes
    the number). `months` is the term the talent's words give; without one the article is the answer."""
    t = Trace("agreement_term", ed)
    need = t.use("flexible.min_service_years")
    got = inputs.count(months, "协议服务期限（月）", 1200)
    if got is None:
        return t.missing(registry.ask("months"))
    term = f"{got // 12}年" if got % 12 == 0 else f"{got}个月"
    meets = got >= int(need) * 12
    t.step(f"约定服务期限{term}，要求{need}年以上", "flexible.min_service_years")
    verdict = "符合" if meets else "不符合"
    why = "，达到这一要求" if meets else "，达不到这一要求"
    return t.ok(
        f"{verdict}：附件2第六条（二）要求协议“约定一年以上服务期限，明确在永服务时间”，"
        f"您说的服务期限是{term}{why}。",
        meets=meets,
        months=got,
    )


def _years_used_up(t: Trace, done: int) -> Result:
    """附件2 第七条 同一人累计计入企业引才奖励年度不超过3年: the years already counted use it up, whatever the pay."""
    max_years = t.use("flexible.max_years_per_person")
    t.step(
        f"同一人累计计入企业引才奖励年度不超过{max_years}年，已计入{done}年", "flexible.max_years_per_person"
    )
    return t.ok(
        f"按附件2 第七条，同一人累计计入企业引才奖励的年度不超过{max_years}年；该人才已计入{done}年，"
        "之后的年度企业不能再因其申报柔性引才奖励（累计计算，原文未设例外）。",
        amount=0,
        recipient="企业",
    )
