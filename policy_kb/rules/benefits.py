"""What a category can get, in one answer — 三（一）、（三）、（九） and 附件1 二（一）.

Why an overview rule: "第三类能拿什么？" is the most common question; it deserves one cited answer
composed from the same parameters the detailed calculators use, not a separate copy of figures.

The flexible-introduction reward (三（九）, 附件2 第七条) is the firm's, not the talent's: the answer
says who receives it and which cap is per person (5万元 a year, 3 years) and which per firm (15万元
a year) — 三（九） alone says only "每年奖励最高不超过15万元", which 附件2 shows is the firm's total.
"""

from __future__ import annotations

from policy_kb import inputs
from policy_kb.editions import Edition
from policy_kb.model import Result
from policy_kb.money import fmt_yuan
from policy_kb.rules.awards import award_condition
from policy_kb.rules.base import ASK_CATEGORY, Trace, guarded


@guarded("benefits")
def benefits(ed: Edition, category: object = None) -> Result:
    t = Trace("benefits", ed)
    n = inputs.category(category)
    if n is None:
        return t.missing(ASK_CATEGORY)
    award_pid = f"award_cap.category_{n}"
    cap = t.use(award_pid)
    word = "不少于" if ed.param(award_pid).bound == "min" else "最高"
    comps = "、".join(t.use("award.components"))
    condition = award_condition(t, ed)
    fund_pid = f"funding.standard.category_{n}"
    std = t.use(fund_pid)
    fword = "不少于" if ed.param(fund_pid).bound == "min" else "最高"
    loan_cap = t.use(f"loan.cap.category_{n}")
    years = t.use("loan.years")
    t.use("incubator.direct_entry")
    pct = t.use("flexible.share")
    t.use("flexible.main_text")
    per_person = t.use("flexible.cap_per_person_year")
    max_years = t.use("flexible.max_years_per_person")
    firm_cap = t.use("flexible.cap_per_firm_year")
    t.use("rule.highest_not_duplicate")
    t.use("service.gold_card")
    t.step(f"奖励资助{word}{fmt_yuan(cap)}（含{comps}）", award_pid)
    t.step(f"其中科技项目资助标准{fword}{fmt_yuan(std)}，按评审结果确定", fund_pid)
    t.step(
        f"创业项目入选市“人才新政十条”科技项目的，{years}年最高{fmt_yuan(loan_cap)}贷款额全额贴息",
        f"loan.cap.category_{n}",
    )
    t.step(
        f"柔性引才奖励发给企业：年计税劳动报酬总额的{pct}%，每人每年度最高{fmt_yuan(per_person)}、"
        f"同一人最多{max_years}个年度；同一企业每年累计最高{fmt_yuan(firm_cap)}",
        "flexible.share",
        "flexible.cap_per_person_year",
        "flexible.max_years_per_person",
        "flexible.cap_per_firm_year",
    )
    lines = [
        f"1. {condition}的，奖励资助{word}{fmt_yuan(cap)}，包括{comps}；",
        f"2. 其中创业创新科技项目资助标准{fword}{fmt_yuan(std)}，具体按评审结果（特别推荐/重点推荐/一般推荐）确定；",
        f"3. 创业项目入选市“人才新政十条”科技项目、获得正规金融机构贷款的，给予{years}年最高{fmt_yuan(loan_cap)}贷款额的基准利率全额贴息；",
        "4. 新创办的企业直接列为县科技孵化器入孵企业；",
        f"5. 企业柔性引进您的，奖励发给引进人才的企业，不发给您本人：按您年计税劳动报酬总额的{pct}%计，"
        f"每人每年度最高{fmt_yuan(per_person)}，同一人最多计{max_years}个年度；"
        f"同一企业柔性引进多名人才的，每年累计最高{fmt_yuan(firm_cap)}；",
        "6. 可领取人才服务“金卡”，持卡享受相应的优质服务和优惠政策（可问我“金卡有什么用”）；",
        "同一项目的奖励按“就高”原则，不重复资助。",
    ]
    answer = f"{ed.region}第{n}类人才可享受：\n" + "\n".join(lines)
    return t.ok(
        answer,
        category=n,
        award_cap=cap,
        funding_standard=std,
        loan_cap=loan_cap,
        flexible_recipient="企业",
        flexible_cap_per_person_year=per_person,
        flexible_max_years_per_person=max_years,
        flexible_cap_per_firm_year=firm_cap,
    )
