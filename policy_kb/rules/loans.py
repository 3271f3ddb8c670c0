"""Loan-interest subsidy for startup projects — 永委办发〔2016〕82号 三（三）.

Subsidy = min(loan, cap by category) × rate × years, where rate is the benchmark rate, or the actual
rate where that is lower (the text says so after the extra option; we apply it to both — see the
ambiguity list in the issue note). The extra option (tax ≥ 500万 within 3 years) is competitive
(择优), so it is reported as "may be granted", never as an entitlement.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from policy_kb import inputs
from policy_kb.editions import Edition
from policy_kb.model import Missing, Result
from policy_kb.money import fmt_yuan
from policy_kb.rules.base import ASK_CATEGORY, Trace, guarded


def _condition_unmet(t: Trace, said: str, office: bool = False) -> Result:
    """三（三）'s condition (入选市“人才新政十条”科技项目…获得正规金融机构贷款), which the words say is not met; with
    `office`, who decides a case the text does not name."""
    condition = t.use("loan.condition")
    t.step(f"贴息的前提：{condition}；{said}，不满足", "loan.condition")
    decides = "具体情形以县招才局（县委人才办）的认定为准。" if office else ""
    return t.ok(
        f"按原文，贷款贴息的前提是：{condition}。{said}，不满足这一条件，不能按这一条享受贴息。{decides}",
        eligible=False,
    )


def _interest(principal: int, rate_pct: Decimal, years: int) -> int:
    return int((Decimal(principal) * rate_pct / 100 * years).to_integral_value(rounding=ROUND_HALF_UP))


@guarded("loan_interest")
def loan_interest(
    ed: Edition,
    category: object = None,
    loan_amount: object = None,
    benchmark_rate: object = None,
    actual_rate: object = None,
    tax_within_3y: object = None,
    later_loan: object = None,
    two_years_had: object = None,
    below_benchmark: object = None,
    informal_loan: object = None,
    ten_not_selected: object = None,
    tax_late: object = None,
    firms: object = None,
    loan_not_own: object = None,
    revenue_not_tax: object = None,
    innovation_project: object = None,
    per_year_asked: object = None,
    tax_below: object = None,
) -> Result:
    """`later_loan`: a loan taken for the extra 择优 year ("又贷了1000万一年期"), when it is not the first;
    `two_years_had` ("前两年的贴息已经拿完了"): only the extra year is asked — it does not depend on the
    category, so it is computed without one."""
    t = Trace("loan_interest", ed)
    # "公司资金紧张，我从亲戚那借了100万，年息8%…利息政府能帮贴吗", "…没有入选温州市人才新政十条" then "两年贴息能补多少？"
    # (dev61): a loan from people is no 正规金融机构 loan, and an unselected project is not the one subsidised — the
    # condition is said, and no figure is computed on it
    if inputs.yes_no(informal_loan, "借款是否并非来自正规金融机构") is True:
        return _condition_unmet(t, "您说这笔钱是向亲友、个人或其他企业借的，不是正规金融机构的贷款")
    if inputs.yes_no(innovation_project, "项目是否为创新类项目") is True:
        # "我是第2类人才，在永嘉一家企业当首席科学家，做的是创新类项目…贷款贴息我们能用吗" (dev67): 三（三） names 创业项目
        return _condition_unmet(t, "您说的是创新类项目，本条的贴息对象是创业项目", office=True)
    if inputs.yes_no(ten_not_selected, "项目是否未入选市“人才新政十条”科技项目") is True:
        return _condition_unmet(t, "您说项目没有入选市“人才新政十条”科技项目")
    if inputs.yes_no(loan_not_own, "贷款是否并非企业自身获得") is True:
        # "集团用集团名义在银行贷了1000万，转借了500万给他的新公司" (dev65): 其企业获得…贷款 is the firm's own loan
        return _condition_unmet(
            t,
            "您说这笔贷款是别的单位以自己的名义贷的、再转借给企业，不是该企业自身从正规金融机构获得的贷款",
            office=True,
        )
    several = inputs.count(firms, "企业数", 50)
    if several is not None and several > 1:
        # "两家公司各贷了400万…两家两年贴息加起来一共多少" (dev64): each firm's own subsidy (its own cap), then the sum
        one = loan_interest(
            ed,
            category,
            loan_amount,
            benchmark_rate,
            actual_rate,
            tax_within_3y,
            later_loan,
            two_years_had,
            below_benchmark,
            informal_loan,
            ten_not_selected,
            tax_late,
            revenue_not_tax=revenue_not_tax,
            per_year_asked=per_year_asked,
        )
        amount = one.values.get("amount") if one.ok else None
        if isinstance(amount, int):
            t.step(f"{several}家企业各{fmt_yuan(amount)}，合计{fmt_yuan(amount * several)}", "loan.years")
            one.answer += f"以上是每家企业的贴息；{several}家企业各自计算，{one.values['years']}年合计约{fmt_yuan(amount * several)}。"
            one.values.update(firms=several, amount_all=amount * several)
        return one
    refused = (
        # "第二年卖货的营业额就破了500万，是不是可以再多贴一年息？" (dev67): 企业税收额 is the condition, not turnover
        (_revenue_said, None)
        if inputs.yes_no(revenue_not_tax, "达到500万元的是否为营业额而非税收") is True
        # "成立第4年税收才累计到500万，还能申请那个1000万贷款额的一年贴息吗" (dev64): the extra year's 3年内 is not met
        else (_late_tax, False)
        if inputs.yes_no(tax_late, "税收是否在3年之后才达到") is True
        else None
    )
    short = inputs.amount_yuan(tax_below, "3年内企业税收额不到")
    # "第三年的利息还能继续贴吗？三年税收目前才200来万" (yj46-c-033): below 300万 is below 500万 whatever the figure
    if (
        refused is None
        and tax_within_3y in (None, "")
        and short is not None
        and short <= t.use("loan.extra.tax_threshold")
    ):
        refused = (partial(_short_tax, below=short), False)
    if refused is not None:
        # the extra year's figure is not this firm's: the two years as usual (without the tax), the verdict after them
        verdict, extra_met = refused
        said = verdict(t)
        if category in (None, "") or loan_amount in (None, "") or benchmark_rate in (None, ""):
            return t.ok(said.answer, amount=None, extra_amount=None, extra_met=extra_met)
        two = loan_interest(
            ed,
            category,
            loan_amount,
            benchmark_rate,
            actual_rate,
            None,
            None,
            None,
            below_benchmark,
            per_year_asked=per_year_asked,
        )
        if two.ok:
            two.answer += verdict(t, with_rule=False).answer
            two.values["extra_met"] = extra_met
        return two
    n = inputs.category(category)
    loan = inputs.amount_yuan(loan_amount, "贷款金额")
    bench = inputs.percent(benchmark_rate, "同期银行基准利率")
    actual = inputs.percent(actual_rate, "实际贷款利率")
    tax = inputs.amount_yuan(tax_within_3y, "3年内企业税收额")
    later = inputs.amount_yuan(later_loan, "追加贴息的贷款金额")
    had = inputs.yes_no(two_years_had, "前两年的贴息是否已享受完") is True
    per_year = inputs.yes_no(per_year_asked, "是否问每年的贴息") is not False
    below = inputs.yes_no(below_benchmark, "实际利率是否低于同期基准利率") is True
    if bench is None and actual is not None and below:
        # "利率只有3.8%，比基准还低" with no benchmark said: the actual rate is the one paid (以实际利率为准)
        t.step(f"实际利率{actual}%低于同期银行基准利率，以实际利率为准", "loan.actual_rate_rule")
        bench, actual, paid_at_actual = actual, None, True
    else:
        paid_at_actual = False
    on = later if later is not None else loan  # the loan the extra year is paid on
    if had and on is not None and bench is not None:
        return _extra_year_only(t, on, bench, actual, tax, paid_at_actual)
    if n is None and (tax is not None or later is not None or had):
        return _general_terms(t, tax, on, bench, actual)
    missing = []
    if n is None:
        missing.append(ASK_CATEGORY)
    if loan is None:
        missing.append(Missing("loan_amount", "企业从正规金融机构获得的贷款金额是多少？"))
    if bench is None:
        missing.append(Missing("loan_rate", "贷款同期银行基准利率是多少（%）？"))
    if n is not None and missing:
        if paid_at_actual:  # the rate is the actual one: the terms say the benchmark's rule, not this rate
            bench, actual = None, bench
        return _terms(
            t,
            n,
            missing,
            tax,
            bench if loan is None else None,
            loan if bench is None else None,
            actual,
            below=paid_at_actual,
        )
    if missing:
        return t.missing(*missing)
    assert n is not None and loan is not None and bench is not None  # each one was asked for above
    t.step("适用于入选市“人才新政十条”科技项目的创业项目，企业获得正规金融机构贷款", "loan.condition")
    cap = t.use(f"loan.cap.category_{n}")
    years = t.use("loan.years")
    eligible = _eligible_loan(t, n, cap, loan)
    rate = _rate_used(t, bench, actual)
    if rate == bench and not paid_at_actual:
        t.step(f"按同期银行基准利率{bench}%全额贴息", f"loan.cap.category_{n}")
    yearly = _interest(eligible, rate, 1)
    total = _interest(eligible, rate, years)
    t.step(
        f"{fmt_yuan(eligible)} × {rate}% × {years}年 = {fmt_yuan(total)}（每年{fmt_yuan(yearly)}）",
        "loan.years",
    )
    answer = (
        f"第{n}类创业项目可享受{years}年、贷款额最高{fmt_yuan(cap)}的贴息。按{fmt_yuan(eligible)}、"
        f"{_rate_said(rate, paid_at_actual)}计算，"
        # the year's figure only when a year's is asked: "两年能贴多少" asks the two years', and a year's figure beside
        # it reads as the answer to a careless eye (dev69 c-078)
        + (f"每年贴息约{fmt_yuan(yearly)}，" if per_year else "")
        + f"{years}年合计约{fmt_yuan(total)}。"
    )
    if actual is not None and actual > bench:
        # "银行给的利率是6%…政府是不是把6%的利息全包了？两年下来我们自己还要掏多少" (dev46): 全额贴息 is at the
        # benchmark; the rest of the interest is the firm's own
        owed = _interest(loan, actual, years)
        t.step(
            f"实际利率{actual}%高于基准利率{bench}%：{years}年利息{fmt_yuan(loan)} × {actual}% × {years}年 = "
            f"{fmt_yuan(owed)}，减贴息{fmt_yuan(total)}，企业自付{fmt_yuan(owed - total)}",
            "loan.actual_rate_rule",
        )
        # (the whole interest is not said: it reads as the subsidy — yjmain3-c-059's careless 15.6万)
        answer += (
            f"实际利率{actual}%高于基准利率{bench}%，贴息只按基准利率计，其余利息约{fmt_yuan(owed - total)}"
            f"由企业自行承担。"
        )
    values = {
        "category": n,
        "cap": cap,
        "eligible_loan": eligible,
        "rate_percent": str(rate),
        "years": years,
        "yearly": yearly,
        "amount": total,
        "extra_amount": None,
    }
    threshold, window, extra_cap, extra_years = _extra_terms(t)
    if tax is None and later is None:
        answer += (
            f"另外，{window}年内企业税收额达到{fmt_yuan(threshold)}的，还可择优再给予最高{fmt_yuan(extra_cap)}"
            f"贷款额{extra_years}年的基准利率全额贴息。"
        )
    elif tax is None or tax >= threshold:
        # the extra year on the later loan when one is said ("又贷了1000万一年期", dev46), else on this one
        base = later if later is not None else loan
        extra = _extra_interest(t, base, rate)
        met = (
            f"企业{window}年内税收{fmt_yuan(tax)}已达到{fmt_yuan(threshold)}"
            if tax is not None
            else f"若{window}年内企业税收额达到{fmt_yuan(threshold)}"
        )
        answer += (
            f"{met}，还可择优再获最高{fmt_yuan(extra_cap)}贷款额{extra_years}年的贴息：按"
            f"{fmt_yuan(min(base, extra_cap))}计约{fmt_yuan(extra)}，是否给予由择优评定。"
            f"两项合计约{fmt_yuan(total + extra)}（追加部分须经择优）。"
        )
        values["extra_amount"] = extra
    else:
        t.step(
            f"{window}年内税收{fmt_yuan(tax)}，未达到{fmt_yuan(threshold)}，不满足追加贴息条件",
            "loan.extra.tax_threshold",
        )
        answer += f"追加贴息要求{window}年内税收达到{fmt_yuan(threshold)}，目前{fmt_yuan(tax)}尚未达到。"
    return t.ok(answer, **values)


def _late_tax(t: Trace, with_rule: bool = True) -> Result:
    """The extra 择优 year's condition (with `with_rule`, its sentence first), which the words say the firm met only
    after its 3年."""
    threshold, window, _, extra_years = terms = _extra_terms(t)
    return _extra_refused(
        t,
        with_rule,
        terms,
        f"税收在{window}年之后才达到{fmt_yuan(threshold)}，不满足“{window}年内”的条件",
        f"您说税收是{window}年之后才达到的，不在“{window}年内”，按原文不满足追加{extra_years}年贴息的条件；"
        "具体情形以县招才局（县委人才办）的认定为准。",
    )


def _short_tax(t: Trace, with_rule: bool = True, *, below: int) -> Result:
    """The extra 择优 year's condition (with `with_rule`, its sentence first), against a 3年内 tax said only roughly
    and below the threshold ("才200来万"): not met, with no figure the talent did not say."""
    threshold, window, _, extra_years = terms = _extra_terms(t)
    return _extra_refused(
        t,
        with_rule,
        terms,
        f"{window}年内税收不到{fmt_yuan(below)}，未达到{fmt_yuan(threshold)}，不满足追加贴息条件",
        f"您说的{window}年内税收不到{fmt_yuan(below)}，未达到{fmt_yuan(threshold)}，不满足追加{extra_years}年贴息的条件，"
        f"贴息只有{t.use('loan.years')}年。",
    )


def _revenue_said(t: Trace, with_rule: bool = True) -> Result:
    """The extra 择优 year's condition (with `with_rule`, its sentence first), against a firm that gave its sales or
    turnover: the text counts 企业税收额, which a turnover of the same figure is not."""
    threshold, window, _, _ = terms = _extra_terms(t)
    return _extra_refused(
        t,
        with_rule,
        terms,
        f"条件是{window}年内企业税收额达到{fmt_yuan(threshold)}；营业额/销售额不是税收额",
        f"您说的是营业额（销售额），原文的条件是企业税收额，不是营业额：营业额达到{fmt_yuan(threshold)}不等于税收达到"
        f"{fmt_yuan(threshold)}。企业{window}年内的税收额达到{fmt_yuan(threshold)}才可参加择优，具体以县招才局（县委人才办）"
        "的认定为准。",
    )


def _extra_refused(
    t: Trace, with_rule: bool, terms: tuple[int, int, int, int], step: str, said: str
) -> Result:
    """A verdict against the extra 择优 year (`said`, with `step` traced), after the year's own sentence with `with_rule`."""
    t.step(step, "loan.extra.tax_threshold")
    return t.ok(f"{_extra_rule(*terms) if with_rule else ''}{said}")


def _extra_rule(threshold: int, window: int, extra_cap: int, extra_years: int) -> str:
    """三（三）'s extra 择优 year as one sentence, said before a verdict on it (_late_tax, _revenue_said)."""
    return (
        f"追加贴息的条件是：{window}年内企业税收额达到{fmt_yuan(threshold)}的，再择优给予最高{fmt_yuan(extra_cap)}贷款额"
        f"{extra_years}年的基准利率全额贴息。"
    )


def _extra_terms(t: Trace) -> tuple[int, int, int, int]:
    """三（三）'s extra 择优 year, each term cited: (the 3年内 tax threshold, those years, the loan cap, its years)."""
    return (
        t.use("loan.extra.tax_threshold"),
        t.use("loan.extra.window_years"),
        t.use("loan.extra.cap"),
        t.use("loan.extra.years"),
    )


def _extra_interest(t: Trace, base: int, rate: Decimal) -> int:
    """The extra 择优 year: 1年 on the loan up to 1000万元, at the rate the two years used."""
    extra_cap = t.use("loan.extra.cap")
    extra_years = t.use("loan.extra.years")
    counted = min(base, extra_cap)
    extra = _interest(counted, rate, extra_years)
    t.step(
        f"追加贴息：贷款额最高{fmt_yuan(extra_cap)}；{fmt_yuan(counted)} × {rate}% × {extra_years}年 = {fmt_yuan(extra)}",
        "loan.extra.tax_threshold",
        "loan.extra.cap",
        "loan.extra.years",
    )
    return extra


def _tax_verdict(t: Trace, tax: int) -> str:
    """The 3年内 tax said, against the extra year's 500万元."""
    threshold = t.use("loan.extra.tax_threshold")
    window = t.use("loan.extra.window_years")
    met = tax >= threshold
    t.step(
        f"{window}年内税收{fmt_yuan(tax)}，{'已达到' if met else '未达到'}{fmt_yuan(threshold)}",
        "loan.extra.tax_threshold",
    )
    if met:
        return f"您说的{window}年内税收{fmt_yuan(tax)}已达到{fmt_yuan(threshold)}，可以参加追加贴息的择优。"
    return (
        f"您说的{window}年内税收{fmt_yuan(tax)}未达到{fmt_yuan(threshold)}，不满足追加贴息的条件"
        f"（还差{fmt_yuan(threshold - tax)}），贴息只有{t.use('loan.years')}年。"
    )


def _rate_used(t: Trace, bench: Decimal, actual: Decimal | None) -> Decimal:
    if actual is not None and actual < bench:
        t.step(f"实际利率{actual}%低于基准利率{bench}%，以实际利率为准", "loan.actual_rate_rule")
        return actual
    return bench


def _rate_said(rate: Decimal, paid_at_actual: bool) -> str:
    """The rate an amount is computed at, as the answer says it: the actual rate named as such when it is
    the one paid because it is below the benchmark (以实际利率为准)."""
    return f"实际利率{rate}%（低于基准利率，以实际利率为准）" if paid_at_actual else f"利率{rate}%"


def _extra_year_only(
    t: Trace, base: int, bench: Decimal, actual: Decimal | None, tax: int | None, paid_at_actual: bool = False
) -> Result:
    """The two years already had, a later loan for the extra year: its interest, whatever the category
    ("前两年的贴息已经拿完了…三年内税收累计600万，今年又贷了1500万，一年期…这次能贴多少", dev46 → 1000万 × 4.35%)."""
    threshold, window, extra_cap, extra_years = _extra_terms(t)
    rate = _rate_used(t, bench, actual)
    extra = _extra_interest(t, base, rate)
    answer = (
        f"{window}年内企业税收额达到{fmt_yuan(threshold)}的，再择优给予最高{fmt_yuan(extra_cap)}贷款额"
        f"{extra_years}年的基准利率全额贴息（不分类别）。"
    )
    if tax is not None and tax < threshold:
        answer += _tax_verdict(t, tax)
        return t.ok(answer, amount=None, extra_amount=None, extra_met=False)
    within = "以内" if base <= extra_cap else f"超过上限，按{fmt_yuan(extra_cap)}计"
    answer += (
        f"您的贷款{fmt_yuan(base)}{within}，按{_rate_said(rate, paid_at_actual or rate != bench)}计，{extra_years}年贴息约"
        f"{fmt_yuan(extra)}"
        f"（不是按{t.use('loan.years')}年贴），是否给予由择优评定。"
    )
    if tax is not None:
        answer += _tax_verdict(t, tax)
    return t.ok(answer, amount=None, extra_amount=extra, extra_met=None if tax is None else True)


def _general_terms(
    t: Trace, tax: int | None, later: int | None, bench: Decimal | None, actual: Decimal | None
) -> Result:
    """No category, a question the category does not change (the third year, the 3年内 tax, the extra
    year's loan): every category's terms, then the tax said against 500万元 and the extra year computed
    when its loan and rate are said; the category is offered, for the two years' amount."""
    years = t.use("loan.years")
    caps: dict[int, list[int]] = {}
    for m in range(1, 6):
        if t.edition.has(f"loan.cap.category_{m}"):
            caps.setdefault(t.use(f"loan.cap.category_{m}"), []).append(m)
    t.use("loan.condition")
    t.use("loan.actual_rate_rule")
    threshold, window, extra_cap, extra_years = _extra_terms(t)
    by_category = "，".join(
        f"第{'、'.join(str(m) for m in ms)}类最高{fmt_yuan(cap)}"
        for cap, ms in sorted(caps.items(), reverse=True)
    )
    answer = (
        f"入选市“人才新政十条”科技项目的创业项目，企业获得正规金融机构贷款的，给予{years}年的同期银行基准利率"
        f"全额贴息（实际利率低于基准利率的，以实际利率为准），贴息贷款额按类别：{by_category}；{window}年内企业"
        f"税收额达到{fmt_yuan(threshold)}的，再择优给予最高{fmt_yuan(extra_cap)}贷款额{extra_years}年的基准利率"
        f"全额贴息。"
    )
    extra = None
    if tax is not None:
        answer += _tax_verdict(t, tax)
    if later is not None and bench is not None and (tax is None or tax >= threshold):
        extra = _extra_interest(t, later, _rate_used(t, bench, actual))
        answer += f"追加的{extra_years}年按{fmt_yuan(min(later, extra_cap))}计约{fmt_yuan(extra)}，是否给予由择优评定。"
    t.result.offers = [ASK_CATEGORY]
    answer += f"告诉我您属于第几类人才，我可以帮您算{years}年的贴息金额。"
    return t.ok(answer, amount=None, extra_amount=extra, extra_met=None if tax is None else tax >= threshold)


def _eligible_loan(t: Trace, n: int, cap: int, loan: int) -> int:
    """The loan amount the interest is paid on: the loan, or the category's cap when the loan is more."""
    eligible = min(loan, cap)
    t.step(
        f"第{n}类创业项目贴息贷款额最高{fmt_yuan(cap)}；贷款{fmt_yuan(loan)}，计贴息额{fmt_yuan(eligible)}",
        f"loan.cap.category_{n}",
    )
    return eligible


def _terms(
    t: Trace,
    n: int,
    offers: list[Missing],
    tax: int | None = None,
    bench: Decimal | None = None,
    loan: int | None = None,
    actual: Decimal | None = None,
    below: bool = False,
) -> Result:
    """Category known, the loan or the rate not: the category's terms (years, cap, rate rule, the extra
    year), then the offer to compute. Why: "第2类贴息最多按多少贷款额算，贴几年" is answered by the
    text alone; only the amount of interest needs the talent's loan and rate. A 3年内 tax the talent gave
    ("这三年交的税加起来大概300万…能申请吗") is checked against the extra year's threshold as well. With
    the rate and no loan ("基准利率按4.35%算…最多一共能贴多少"), the most the caps allow, each term and both.
    With the loan and no rate ("公司在农商行贷了400万，利息县里怎么贴"), the loan amount the interest is paid
    on (the loan, or the cap when it is more); only the rate is then asked."""
    t.use("loan.condition")
    cap = t.use(f"loan.cap.category_{n}")
    years = t.use("loan.years")
    t.use("loan.actual_rate_rule")
    threshold, window, extra_cap, extra_years = _extra_terms(t)
    t.step(
        f"第{n}类创业项目：{years}年、贷款额最高{fmt_yuan(cap)}的同期银行基准利率全额贴息",
        f"loan.cap.category_{n}",
        "loan.years",
    )
    t.step(
        f"{window}年内企业税收额达到{fmt_yuan(threshold)}的，择优再给予最高{fmt_yuan(extra_cap)}贷款额"
        f"{extra_years}年的基准利率全额贴息",
        "loan.extra.tax_threshold",
        "loan.extra.cap",
        "loan.extra.years",
    )
    t.result.offers = offers
    answer = (
        f"入选市“人才新政十条”科技项目的第{n}类创业项目，企业获得正规金融机构贷款的，给予{years}年、贷款额最高"
        f"{fmt_yuan(cap)}的同期银行基准利率全额贴息（实际利率低于基准利率的，以实际利率为准）；{window}年内"
        f"企业税收额达到{fmt_yuan(threshold)}的，再择优给予最高{fmt_yuan(extra_cap)}贷款额{extra_years}年的"
        f"基准利率全额贴息。"
    )
    same = [
        m
        for m in range(1, 6)
        if m != n
        and t.edition.has(f"loan.cap.category_{m}")
        and t.edition.param(f"loan.cap.category_{m}").value == cap
    ]
    if same:
        # 三（三） prices 第1、2类 and 第4、5类 together: "我合伙人是第5类…额度跟我（580，第4类）一样吗" (dev33)
        group = "、".join(str(m) for m in sorted([n, *same]))
        answer += f"第{group}类的贴息贷款额上限相同，均为{fmt_yuan(cap)}。"
    if tax is not None:
        answer += _tax_verdict(t, tax)
    if actual is not None and bench is None and below:
        answer += f"您说的实际贷款利率{actual}%低于同期基准利率，贴息以实际利率{actual}%为准。"
    elif actual is not None and bench is None:
        # "银行给的利率是6%，比基准高，县里是按6%给我全贴吗": the loan's own rate is not what is paid — the
        # benchmark is, or the actual rate where that is lower; which it is needs the benchmark
        t.step(
            f"实际利率{actual}%：贴息按同期银行基准利率计，实际利率低于基准利率的以实际利率为准",
            "loan.actual_rate_rule",
        )
        answer += (
            f"您说的实际贷款利率{actual}%不是贴息的依据：贴息按同期银行基准利率计算，实际利率高于基准利率的，"
            "高出的部分不贴息；实际利率低于基准利率的，以实际利率为准。"
        )
    most = None
    most_note = ""  # the most the caps allow, at the rate said: the chat keeps it only when the most is asked
    if bench is not None:
        most, extra_most = _interest(cap, bench, years), _interest(extra_cap, bench, extra_years)
        t.step(
            f"按贷款额上限：{fmt_yuan(cap)} × {bench}% × {years}年 = {fmt_yuan(most)}；追加："
            f"{fmt_yuan(extra_cap)} × {bench}% × {extra_years}年 = {fmt_yuan(extra_most)}",
            f"loan.cap.category_{n}",
            "loan.extra.cap",
        )
        most_note = (
            f"按基准利率{bench}%、贷款额上限计算，{years}年最多贴息{fmt_yuan(most)}；追加的{extra_years}年最多"
            f"{fmt_yuan(extra_most)}（须{window}年内税收达到{fmt_yuan(threshold)}并经择优）；两项合计理论上最多"
            f"{fmt_yuan(most + extra_most)}。实际贴息按实际贷款额计算，实际利率低于基准利率的以实际利率为准。"
        )
        answer += most_note + "告诉我贷款金额，我可以帮您算出贴息金额。"
    elif loan is not None:
        eligible = _eligible_loan(t, n, cap, loan)
        within = f"在贷款额上限{fmt_yuan(cap)}以内" if loan <= cap else f"超过贷款额上限{fmt_yuan(cap)}"
        answer += f"您的贷款{fmt_yuan(loan)}{within}，按{fmt_yuan(eligible)}贷款额贴息{years}年。" + (
            "告诉我同期银行基准利率，我可以帮您算出贴息金额。"
            if actual is not None
            else "告诉我贷款利率（或同期基准利率），我可以帮您算出贴息金额。"
        )
    else:
        answer += "告诉我贷款金额和利率，我可以帮您算出贴息金额。"
    return t.ok(
        answer,
        category=n,
        cap=cap,
        years=years,
        most=most,
        most_note=most_note,
        amount=None,
        extra_met=None if tax is None else tax >= threshold,
    )
