"""Project funding by category × review rating — 附件1 二（一）、（二）.

Exceptions are explicit, Catala-style, and checked in this order (each overrides the general rule):
1. a project selected for the city's 人才新政十条 gets the city-determined amount;
2. a startup talent selected for 国家/省千人计划 or 580计划 is funded at category 2/3/4 特别推荐;
3. category 1 has its own rule (重点推荐 800万; 特别推荐 一事一议; the text is silent on 一般推荐);
4. categories 2–4 and 5 get a share of the category's maximum standard.
Then the caps, which the text states as the *normal* rule (一般不超过): startup ≤ paid-in registered
capital, innovation ≤ the unit's project investment. Where the rating's amount exceeds the applicant's
figure, the answer gives both figures, the normal-rule amount, and says exceptions are for the review
(附件1 二（二） 经评审认定; 附件1 五: 县科技局会同县招才局（县委人才办）等部门组织实施) — never a silent cap.
"""

from __future__ import annotations

import re

from policy_kb import inputs, reading, registry
from policy_kb.editions import Edition
from policy_kb.model import Result
from policy_kb.money import fmt_percent, fmt_yuan, share
from policy_kb.rules.awards import parse_plan
from policy_kb.rules.base import ASK_CATEGORY, ASK_PROJECT_TYPE, ASK_RATING, Trace, guarded
from policy_kb.rules.tranches import SCHEDULE_KEYS, schedule


@guarded("project_funding")
def project_funding(
    ed: Edition,
    category: object = None,
    rating: object = None,
    project_type: object = None,
    paid_in_capital: object = None,
    project_investment: object = None,
    plan: object = None,
    city_selected: bool = False,
    selected_in_yongjia: object = None,
    selection_year: object = None,
    city_amount: object = None,
) -> Result:
    """`city_amount`: the amount the city fixed for a project selected for its 人才新政十条 funding ("市里给我定了
    150万") — the county funds that amount, not one re-rated by the category's shares (附件1 二（二）)."""
    t = Trace("project_funding", ed)
    ptype = inputs.project_type(project_type)
    capital = inputs.amount_yuan(paid_in_capital, "实缴注册资本")
    invest = inputs.amount_yuan(project_investment, "单位项目投入经费")
    fixed = inputs.amount_yuan(city_amount, "市级确定的资助金额")
    if city_selected or fixed is not None:
        t.step("项目入选市“人才新政十条”科技项目资助：按市级确定资助金额予以落实", "funding.city_selected")
        if fixed is not None:
            return t.ok(
                f"项目入选市“人才新政十条”科技项目资助的，按市级确定的资助金额予以落实：市里确定的是{fmt_yuan(fixed)}，"
                f"县里按{fmt_yuan(fixed)}落实，不再按人才类别和评审结果另行计算。",
                amount=fixed,
                city_selected=True,
            )
        return t.assess("项目入选市“人才新政十条”科技项目资助的，按市级确定的资助金额予以落实。")

    plan_key = parse_plan(plan)
    if plan_key is not None and inputs.selected_in_yongjia(selected_in_yongjia) is False:
        return _selected_elsewhere(t, plan_key, category, rating, ptype, capital, invest)
    year = inputs.year(selection_year, "入选年份")
    if plan_key is not None and year is not None and year < t.use("funding.plan_startup_included_year"):
        return _selected_before(t, plan_key, year)
    if plan_key is not None:
        if ptype is None and (inputs.category(category) is None or inputs.rating(rating) is None):
            # 以永嘉地申报入选国家千人计划的人才, 项目按什么标准资助: the plan's startup rule (600万元), not
            # the category's rating bands, whose 360万/180万 are not what a startup talent gets
            return _plan_rule_only(t, plan_key)
        if ptype == "创业":
            n = t.use("funding.plan_startup_rule")[plan_key]
            r = inputs.rating(rating)
            if r is not None and r != "特别推荐" and inputs.selected_in_yongjia(selected_in_yongjia) is None:
                return _rated_or_plan(t, plan_key, n, r, ptype, capital, invest)
            lead = _plan_standard(t, plan_key, n)
            result = _share_of_standard(t, n, "特别推荐", ptype, capital, invest)
            result.answer = f"{lead}：{result.answer}"
            return result

    n = inputs.category(category)
    r = inputs.rating(rating)
    if n is None:
        return t.missing(*([ASK_CATEGORY] + ([ASK_RATING] if r is None else [])))
    found = _bands(t, n, ptype, plan_key) if r is None else _rated(t, n, r, ptype, capital, invest)
    if plan_key is not None and ptype == "创新" and found.ok:
        # "以永嘉地申报入选的国家千人计划专家…做研发的创新项目…也能按特别推荐标准直接给钱吗" (dev42): the plan
        # standard is the 创业人才's; an 创新 project is priced by its review
        t.use("funding.plan_startup_rule")
        found.answer = (
            f"按特别推荐标准直接资助，只适用于以永嘉地申报入选{plan_key}的创业人才；创新类项目不在此列，"
            f"按评审结果资助。{found.answer}"
        )
    return found


def _rated_or_plan(
    t: Trace, plan_key: str, n: int, r: str, ptype: str | None, capital: int | None, invest: int | None
) -> Result:
    """A plan talent's startup project with a rating below 特别推荐, where the selection was applied for
    not said ("我是省千人，在永嘉做创业项目…是重点推荐，那实际能拿多少", dev33): the rating's amount, then the
    plan standard that applies if the selection was applied for 以永嘉地 — never one of them guessed."""
    rated = _rated(t, n, r, ptype, capital, invest)
    # (one Trace, one Result: the rating's values are kept whole — its amount, share and schedule — and
    # the plan standard's amount is added beside them, not mixed in)
    rated_answer, rated_values = rated.answer, dict(rated.values)
    special = _share_of_standard(t, n, "特别推荐", ptype, capital, invest)
    special_answer, plan_amount = special.answer, special.values.get("amount")
    lead = _plan_standard(t, plan_key, n)
    t.result.values = rated_values
    return t.ok(
        f"按评审结果：{rated_answer}\n如果您是{lead}：{special_answer.split('。')[0]}。"
        "是否属于以永嘉地申报入选，以县里的认定为准。",
        plan=plan_key,
        plan_amount=plan_amount,
    )


def _plan_standard(t: Trace, plan_key: str, n: int) -> str:
    """附件1 二（二）'s plan standard as the text words it, with its own "（含2015年度入选人员）" (who asks "我是
    2015年入选的，也能享受吗" is answered by it), and its step in the trace."""
    t.step(
        f"以永嘉地申报入选{plan_key}的创业人才项目，按第{n}类人才特别推荐的标准资助",
        "funding.plan_startup_rule",
    )
    included = re.search(r"（含[^）]*）", t.edition.param("funding.plan_startup_rule").citation.quote)
    return f"以永嘉地申报入选{plan_key}的创业人才{included.group(0) if included else ''}，项目按第{n}类人才特别推荐的标准资助"


def _rated(t: Trace, n: int, r: str, ptype: str | None, capital: int | None, invest: int | None) -> Result:
    """The category's funding for a review rating (附件1 二（二）)."""
    t.use("funding.ratings")
    if r == "不予推荐":
        t.step("评审结果为“不予推荐”，不予资助", "funding.ratings")
        return t.ok("评审结果为“不予推荐”的项目不予资助。", category=n, rating=r, amount=0)
    if n == 1:
        return _category_one(t, r, ptype, capital, invest)
    return _share_of_standard(t, n, r, ptype, capital, invest)


def _category_one(t: Trace, r: str, ptype: str | None, capital: int | None, invest: int | None) -> Result:
    standard = t.use("funding.standard.category_1")
    t.step(f"第1类人才项目资助标准不少于{fmt_yuan(standard)}", "funding.standard.category_1")
    if r == "重点推荐":
        amount = t.use("funding.category_1.重点推荐")
        t.step(f"第1类人才项目确定为重点推荐：给予{fmt_yuan(amount)}", "funding.category_1.重点推荐")
        return _apply_caps(t, 1, r, amount, ptype, capital, invest, standard=standard, share_percent=None)
    if r == "特别推荐":
        t.step("第1类人才项目确定为特别推荐：采取“一事一议”方式确定资助额度", "funding.category_1.特别推荐")
        return t.assess(
            "第1类人才项目确定为特别推荐的，采取“一事一议”的方式确定资助额度（资助标准不少于"
            f"{fmt_yuan(standard)}），由县里个案研究决定。",
            category=1,
            rating=r,
            standard=standard,
        )
    t.step("文件未规定第1类人才项目被评为“一般推荐”时的资助额度", "funding.ratings")
    return t.assess(
        "文件只规定了第1类人才项目“重点推荐”（800万元）和“特别推荐”（一事一议）的资助，"
        "未规定“一般推荐”的额度，请向县科技局或县招才局（县委人才办）确认。",
        category=1,
        rating=r,
        standard=standard,
    )


def _share_of_standard(
    t: Trace, n: int, r: str, ptype: str | None, capital: int | None, invest: int | None
) -> Result:
    std_pid = f"funding.standard.category_{n}"
    standard = t.use(std_pid)
    t.step(f"第{n}类人才项目最高资助标准{fmt_yuan(standard)}", std_pid)
    group = "category_5" if n == 5 else "category_2_4"
    share_pid = f"funding.share.{group}.{r}"
    pct = t.use(share_pid)
    amount = share(standard, pct)
    t.step(
        f"评为{r}：按最高资助标准的{fmt_percent(pct)}，{fmt_yuan(standard)} × {fmt_percent(pct)} = {fmt_yuan(amount)}",
        share_pid,
    )
    return _apply_caps(t, n, r, amount, ptype, capital, invest, standard=standard, share_percent=pct)


def _bands(t: Trace, n: int, ptype: str | None, plan_key: str | None) -> Result:
    """Category known, rating not: the category's standard and what each rating gives, then the offer.

    Why answer before asking: the standard and the three shares are fixed by 附件1 二（一）、（二）; only
    which of them applies depends on the review. "正高职称，项目最多资助多少" is answered with 100万元.
    """
    ratings = ("特别推荐", "重点推荐", "一般推荐")
    std_pid = f"funding.standard.category_{n}"
    standard = t.use(std_pid)
    t.use("funding.ratings")
    if n == 1:
        t.step(f"第1类人才项目资助标准不少于{fmt_yuan(standard)}", std_pid)
        key = t.use("funding.category_1.重点推荐")
        t.step(f"第1类人才项目确定为重点推荐：给予{fmt_yuan(key)}", "funding.category_1.重点推荐")
        t.step("第1类人才项目确定为特别推荐：采取“一事一议”方式确定资助额度", "funding.category_1.特别推荐")
        answer = (
            f"第1类人才创新创业科技项目资助标准不少于{fmt_yuan(standard)}：项目确定为重点推荐的给予"
            f"{fmt_yuan(key)}，确定为特别推荐的采取“一事一议”的方式确定资助额度（文件未规定一般推荐的额度）。"
        )
        bands = [{"rating": "重点推荐", "amount": key}, {"rating": "特别推荐", "amount": None}]
    else:
        group = "category_5" if n == 5 else "category_2_4"
        bands = []
        for r in ratings:
            pct = t.use(f"funding.share.{group}.{r}")
            bands.append({"rating": r, "share_percent": pct, "amount": share(standard, pct)})
        t.step(
            f"第{n}类人才项目最高资助标准{fmt_yuan(standard)}；"
            + "、".join(f"{b['rating']}{fmt_percent(b['share_percent'])}" for b in bands),
            std_pid,
            *[f"funding.share.{group}.{r}" for r in ratings],
        )
        answer = (
            f"第{n}类人才创新创业科技项目最高资助标准为{fmt_yuan(standard)}，按评审结果给予："
            + "，".join(
                f"{b['rating']}{fmt_percent(b['share_percent'])}即{fmt_yuan(b['amount'])}" for b in bands
            )
            + "；不予推荐的不予资助。"
        )
    if plan_key is not None and ptype != "创新":
        answer += _plan_sentence(t, plan_key)
    kinds = [ptype] if ptype else list(CAPS)
    caps = []
    for kind in kinds:
        pid, _, what = CAPS[kind]
        t.use(pid)
        caps.append(f"{kind}类项目资助总额一般不超过{what}")
    answer += "另外，" + "，".join(caps) + "。"
    t.result.offers = [ASK_RATING]
    return t.ok(
        answer + "您的项目评审结果是哪一档？告诉我后可以算出您的资助额。",
        category=n,
        rating=None,
        project_type=ptype,
        standard=standard,
        bands=bands,
    )


def _plan_sentence(t: Trace, plan_key: str) -> str:
    """附件1 二（二）第2段 as a sentence with its figure (国家千人计划 → 第2类特别推荐 = 600万元)."""
    m = t.use("funding.plan_startup_rule")[plan_key]
    standard = t.use(f"funding.standard.category_{m}")
    pct = t.use("funding.share.category_2_4.特别推荐")
    amount = share(standard, pct)
    t.step(
        f"以永嘉地申报入选{plan_key}的创业人才项目，按第{m}类人才特别推荐的标准资助：{fmt_yuan(amount)}",
        "funding.plan_startup_rule",
        f"funding.standard.category_{m}",
    )
    return (
        f"以永嘉地申报入选{plan_key}的创业人才（含2015年度入选人员），项目按第{m}类人才特别推荐的标准"
        f"给予资助，即{fmt_yuan(amount)}。"
    )


def _selected_elsewhere(
    t: Trace,
    plan_key: str,
    category: object,
    rating: object,
    ptype: str | None,
    capital: int | None,
    invest: int | None,
) -> Result:
    """A plan selection applied for through another place ("当年是通过杭州的单位申报入选的"): 附件1 二（二）'s
    startup rule is for those selected 以永嘉地申报, so it does not price the project; the category's review
    bands do, and who decides whether the selection counts is said."""
    m = t.use("funding.plan_startup_rule")[plan_key]
    who = review_body(t)
    t.step(
        f"按第{m}类人才特别推荐标准资助的，限以永嘉地申报入选{plan_key}的创业人才；{inputs.SELECTED_ELSEWHERE}，不适用",
        "funding.plan_startup_rule",
    )
    n = inputs.category(category) or m
    r = inputs.rating(rating)
    # "能直接按第2类特别推荐拿600万吗": 特别推荐 beside the plan is the plan rule's level, not a review
    # result, so the bands answer; another rating named is the project's own review
    rest = (
        _bands(t, n, ptype, None) if r is None or r == "特别推荐" else _rated(t, n, r, ptype, capital, invest)
    )
    rest.answer = (
        f"按第{m}类人才特别推荐的标准资助的，是以永嘉地申报入选{plan_key}的创业人才（含2015年度入选人员）；"
        f"{inputs.SELECTED_ELSEWHERE}，不属于这一情形，项目资助按评审结果确定。是否算以永嘉地申报，以{who}"
        f"的认定为准。{rest.answer}"
    )
    rest.values["selected_in_yongjia"] = False
    return rest


def _selected_before(t: Trace, plan_key: str, year: int) -> Result:
    """A selection made before the year the text includes ("我是2014年入选的，也适用吗"): 附件1 二（二） says
    含2015年度入选人员 and nothing of earlier years — the rule as written, then who decides; no figure is
    promised for a case the text leaves open."""
    included = t.use("funding.plan_startup_included_year")
    sentence = _plan_sentence(t, plan_key)
    t.step(
        f"{year}年入选：原文写明含{included}年度入选人员，未写明此前年度入选的是否适用",
        "funding.plan_startup_included_year",
    )
    return t.assess(
        f"{sentence}原文写明“含{included}年度入选人员”，没有写明{included}年以前（如{year}年）入选的是否适用；"
        f"是否按这一标准资助，以{review_body(t)}的认定为准。",
        plan=plan_key,
        selection_year=year,
    )


def _plan_rule_only(t: Trace, plan_key: str) -> Result:
    """A plan named, neither the category nor the project type: the startup rule, then offer the type."""
    answer = _plan_sentence(t, plan_key)
    t.use("funding.cap.startup")
    answer += "创业类项目资助总额一般不超过实缴注册资本；创新类项目按人才类别和评审结果确定资助额。"
    t.result.offers = [ASK_PROJECT_TYPE]
    return t.ok(answer + ASK_PROJECT_TYPE.question, plan=plan_key, project_type=None)


# project type → (cap parameter, the applicant's figure that caps it, its Chinese name)
CAPS = {
    "创业": ("funding.cap.startup", "paid_in_capital", "实缴注册资本"),
    "创新": ("funding.cap.innovation", "project_investment", "单位项目投入经费"),
}


def _schedule_note(t: Trace, ptype: str, amount: int) -> str:
    """附件1 三: how the amount is paid (创业 40/30/30, 创新 50/50) — "两期各拿多少" is answered too."""
    key = SCHEDULE_KEYS[ptype]
    rows = schedule(t, key, amount)
    parts = "、".join(
        f"第{r['tranche']}期{fmt_percent(r['share_percent'])}即{fmt_yuan(r['amount'])}" for r in rows
    )
    t.step(f"分{len(rows)}期拨付：{parts}", *[f"tranche.{key}.{r['tranche']}.share" for r in rows])
    return f"按项目进度分{len(rows)}期拨付：{parts}。"


def review_body(t: Trace) -> str:
    """Who decides the exceptions to a 一般 rule of 附件1: the review the implementing bodies organise."""
    t.use("funding.review")
    return str(t.use("funding.implementing_bodies"))


def _apply_caps(
    t: Trace,
    n: int,
    r: str,
    amount: int,
    ptype: str | None,
    capital: int | None,
    invest: int | None,
    *,
    standard: int,
    share_percent: int | None,
) -> Result:
    cap_note = ""
    capped_by = None
    who = None
    by_rating = amount
    general_cap = None
    if ptype is None:
        cap_note = "注意：创业类项目资助总额一般不超过实缴注册资本，创新类项目一般不超过单位项目投入经费。"
        t.use("funding.cap.startup")
        t.use("funding.cap.innovation")
    else:
        pid, slot, what = CAPS[ptype]
        t.use(pid)
        figure = capital if slot == "paid_in_capital" else invest
        if figure is None:
            cap_note = f"另外，{ptype}类项目资助总额一般不超过{what}。"
        elif figure < amount:
            general_cap = figure
            who = review_body(t)
            t.step(
                f"{ptype}类项目资助总额一般不超过{what}：按评审结果计{fmt_yuan(amount)}，超过{what}"
                f"{fmt_yuan(figure)}；按一般规定以{fmt_yuan(figure)}为限，例外由评审认定",
                pid,
                "funding.review",
                "funding.implementing_bodies",
            )
            cap_note = (
                f"但{ptype}类项目资助总额一般不超过{what}：您的{what}为{fmt_yuan(figure)}，低于按评审结果计算的"
                f"{fmt_yuan(amount)}，按这一一般规定，资助总额为{fmt_yuan(figure)}。这是一般规定，不是绝对上限，"
                f"是否例外由项目评审认定（本办法由{who}组织实施）。"
            )
            amount, capped_by = figure, slot
        else:
            t.step(f"{what}{fmt_yuan(figure)}不低于{fmt_yuan(amount)}，符合“资助总额一般不超过{what}”", pid)
            # ("公司实缴资本正好81万，会不会被卡？", dev42: the cap asked about is said to be met, not only traced)
            cap_note = f"您的{what}为{fmt_yuan(figure)}，资助总额没有超过{what}，符合“{ptype}类项目资助总额一般不超过{what}”。"
    kind = f"{ptype}类" if ptype else ""
    # "第5类 重点推荐 比例": the share and the standard it applies to, not only the product
    basis = (
        f"（最高资助标准{fmt_yuan(standard)}的{fmt_percent(share_percent)}）"
        if share_percent is not None
        else ""
    )
    schedule_note = _schedule_note(t, ptype, amount) if ptype and amount > 0 else ""
    cap_note += schedule_note
    if capped_by:
        answer = (
            f"第{n}类人才{kind}项目评为{r}，按评审结果计算的科技项目资助为{fmt_yuan(by_rating)}{basis}。"
            f"{cap_note}"
        )
    else:
        answer = f"第{n}类人才{kind}项目评为{r}，可获科技项目资助{fmt_yuan(amount)}{basis}。{cap_note}"
    return t.ok(
        answer,
        category=n,
        rating=r,
        project_type=ptype,
        standard=standard,
        share_percent=share_percent,
        amount=amount,
        amount_by_rating=by_rating,
        general_cap=general_cap,
        review_body=who,  # who decides an exception to the 一般 cap (None when none applies)
        exceeds_general_cap=capped_by is not None,
        capped_by=capped_by,
        schedule_note=schedule_note,  # the answer's last sentence: how the amount is paid (附件1 三)
    )


@guarded("funding_cap")
def funding_cap(
    ed: Edition,
    project_words: object = None,
    project_type: object = None,
    paid_in_capital: object = None,
    project_investment: object = None,
    category: object = None,
    rating: object = None,
) -> Result:
    """附件1 二（二）'s 一般 cap from the firm's own figure, before the category and rating are known.

    Why: "创新类项目的资助是不是不能超过公司自己投进去的钱？我们这个项目预算投入只有50万" (dev26, dev17) asks the cap,
    and the answer is settled by what was said: 一般不超过50万元 — a normal rule, not an absolute one, with
    the review deciding exceptions. The category's bands come after, asked for, never guessed. Once the
    category, the rating, a title or a plan is known project_funding prices the project with the cap in
    it, so this rule steps aside (NEEDS_INPUT). `project_words`: the question, when the figures are read
    from it (policy_kb.reading's roles: 实缴 → paid_in_capital, 投入 → investment)."""
    t = Trace("funding_cap", ed)
    words = str(project_words or "")
    said = reading.read(words) if words else None
    if said is not None:
        project_type = project_type or said.project_type
        category = category or said.category
        rating = rating or said.rating
        paid_in_capital = paid_in_capital or reading.pick(said.amounts, "paid_in_capital", default=False)
        project_investment = project_investment or reading.pick(said.amounts, "investment", default=False)
    ptype = inputs.project_type(project_type)
    if inputs.category(category) is not None or inputs.rating(rating) is not None or _names_talent(words):
        return t.missing(ASK_CATEGORY)  # project_funding answers with the category's own figures
    if ptype is None:
        return t.missing(ASK_PROJECT_TYPE)
    pid, slot, what = CAPS[ptype]
    figure = inputs.amount_yuan(paid_in_capital if slot == "paid_in_capital" else project_investment, what)
    if figure is None:
        return t.missing(registry.ask(slot))
    who = review_body(t)
    t.step(f"{ptype}类项目资助总额一般不超过{what}：{what}{fmt_yuan(figure)}", pid, "funding.review")
    return t.ok(
        f"{ptype}类项目资助总额一般不超过{what}。按您说的{what}{fmt_yuan(figure)}，资助总额一般不超过"
        f"{fmt_yuan(figure)}。这是一般规定，不是绝对上限，是否例外由项目评审认定（本办法由{who}组织实施）。"
        "具体资助额还要看人才类别和项目评审结果：告诉我您属于第几类人才和评审结果，我可以帮您算出金额。",
        project_type=ptype,
        general_cap=figure,
        review_body=who,
    )


def _names_talent(words: str) -> bool:
    """Whether the words name a plan or a title (the category's figures then answer, not the cap alone):
    the registry's own reading of those two inputs."""
    if not words:
        return False
    return registry.read_input("plan", words) is not None or registry.read_input("honours", words) is not None
