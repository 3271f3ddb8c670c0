"""Who may apply for project funding — 附件1 一（一）创新类、（二）创业类 — and matching grants.

Boundaries as written: 未超过3年 (≤3), 5年及以上 (≥5), 不少于9个月 (≥9), 不低于30% (≥30),
100万元以上 (≥100万; Chinese legal usage counts 以上 inclusive), 3周年以内 (≤3).
Conditions a figure cannot prove (leading a project, a founding shareholder) are listed to confirm.

"股权一般不低于30％" is the normal rule, not a hard one (一般 qualifies the equity share only): missing it
alone is NEEDS_ASSESSMENT — the review decides (附件1 五) — never "不符合".
"""

from __future__ import annotations

import re
from decimal import Decimal

from policy_kb import inputs
from policy_kb.editions import Edition
from policy_kb.model import Missing, Result
from policy_kb.money import fmt_yuan
from policy_kb.rules.base import ASK_PROJECT_TYPE, Trace, guarded
from policy_kb.rules.funding import review_body
from policy_kb.text import compact


def _num(value: object, what: str, upper: int = 100) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        d = Decimal(str(value).replace("%", "").replace("年", "").replace("个月", "").strip())
    except Exception:
        raise inputs.InputError(f"没能读懂{what}“{value}”，请写成数字。") from None
    if not d.is_finite() or d < 0 or d > upper:
        raise inputs.InputError(f"{what}应在0到{upper}之间。")
    return d


@guarded("project_eligibility")
def project_eligibility(
    ed: Edition,
    project_type: object = None,
    years_full_time: object = None,
    contract_years: object = None,
    months_per_year: object = None,
    equity_percent: object = None,
    own_investment: object = None,
    company_age_years: object = None,
) -> Result:
    t = Trace("project_eligibility", ed)
    ptype = inputs.project_type(project_type)
    if ptype is None:
        return t.missing(ASK_PROJECT_TYPE)
    checks: list[tuple[str, bool]] = []
    general: set[int] = set()
    missing: list[Missing] = []
    if ptype == "创新":
        limit = t.use("project.innovation.max_years_full_time")
        need_contract = t.use("project.innovation.min_contract_years")
        need_months = t.use("project.innovation.min_months_per_year")
        y = _num(years_full_time, "来永嘉全职工作年限", 80)
        c = _num(contract_years, "劳动合同年限", 80)
        m = _num(months_per_year, "每年在永嘉工作月数", 12)
        for val, slot, q in (
            (y, "years_full_time", "来永嘉全职工作几年了？"),
            (c, "contract_years", "与用人单位签订的劳动合同是几年？"),
            (m, "months_per_year", "每年在永嘉工作几个月？"),
        ):
            if val is None:
                missing.append(Missing(slot, q))
        if missing:
            return t.missing(*missing)
        assert y is not None and c is not None and m is not None  # each one was asked for above
        checks = [
            (f"来永嘉全职工作{y}年，须未超过{limit}年", y <= limit),
            (f"劳动合同{c}年，须{need_contract}年及以上", c >= need_contract),
            (f"每年在永嘉工作{m}个月，须不少于{need_months}个月", m >= need_months),
        ]
        pids = (
            "project.innovation.max_years_full_time",
            "project.innovation.min_contract_years",
            "project.innovation.min_months_per_year",
        )
        confirm = "项目领衔人应为项目主要负责人或关键技术持有者"
    else:
        min_equity = t.use("project.startup.min_equity")
        min_own = t.use("project.startup.min_own_investment")
        max_age = t.use("project.startup.max_company_age_years")
        t.use("project.startup.founder")
        e = _num(equity_percent, "本人股权比例", 100)
        own = inputs.amount_yuan(own_investment, "本人投入的实际资金")
        a = _num(company_age_years, "企业成立年限", 100)
        for given, slot, q in (
            (e, "equity_percent", "您本人持股比例是多少（%）？"),
            (own, "own_investment", "您本人实际投入了多少资金？"),
            (a, "company_age_years", "企业成立几年了？"),
        ):
            if given is None:
                missing.append(Missing(slot, q))
        if missing:
            return t.missing(*missing)
        assert e is not None and own is not None and a is not None  # each one was asked for above
        checks = [
            (f"本人股权{e}%，一般不低于{min_equity}%", e >= min_equity),
            (f"本人实际投入{fmt_yuan(own)}，须在{fmt_yuan(min_own)}以上", own >= min_own),
            (f"企业成立{a}年，须在{max_age}周年以内", a <= max_age),
        ]
        general = {0}  # indexes of checks the text qualifies with 一般
        pids = (
            "project.startup.min_equity",
            "project.startup.min_own_investment",
            "project.startup.max_company_age_years",
        )
        confirm = "项目领衔人应为企业的主要创办人，且为第一大股东"
    for i, ((text, ok), pid) in enumerate(zip(checks, pids, strict=True)):
        mark = "符合" if ok else "低于一般要求" if i in general else "不符合"
        t.step(f"{text}：{mark}", pid)
    failed = [text for i, (text, ok) in enumerate(checks) if not ok and i not in general]
    short = [text for i, (text, ok) in enumerate(checks) if not ok and i in general]
    if short:
        who = review_body(t)
        t.step("“一般”要求的例外由项目评审认定", "funding.review", "funding.implementing_bodies")
        note = (
            f"{'；'.join(short)}，未达到这一一般要求。这是一般要求而非硬性条件，能否例外由项目评审认定"
            f"（本办法由{who}组织实施）。"
        )
    if failed:
        answer = f"{ptype}类项目申报条件核对：不符合：{'；'.join(failed)}。{note if short else ''}另需确认：{confirm}。"
        return t.ok(answer, project_type=ptype, eligible=False, failed=failed, general_short=short)
    if short:
        answer = f"{ptype}类项目申报条件核对：其他条件均满足；{note}另需确认：{confirm}。"
        return t.assess(answer, project_type=ptype, eligible=None, failed=[], general_short=short)
    answer = f"{ptype}类项目申报条件核对：以上条件均符合。另需确认：{confirm}。"
    return t.ok(answer, project_type=ptype, eligible=True, failed=[], general_short=[])


TEAM_LEVELS = ("浙江省", "温州市", "顶尖团队")
ASK_TEAM_LEVEL = Missing(
    "team_level",
    "团队入选的是浙江省领军型创业创新团队，还是温州市领军型创新创业团队？",
    ("浙江省领军型创业创新团队", "温州市领军型创新创业团队", "顶尖团队"),
)


def team_level(kind: str) -> str | None:
    """浙江省 / 温州市 / 顶尖团队 from what was typed; None when it does not say (or says both)."""
    text = compact(kind)
    if "顶尖" in text:
        return "顶尖团队"
    city = "温州" in text or re.search(r"市(级|里|领军|重点|团队)", text) is not None
    province = "浙江" in text or re.search(r"省(级|里|领军|重点|团队)", text) is not None
    if city == province:
        return None
    return "温州市" if city else "浙江省"


@guarded("matching_grant")
def matching_grant(ed: Edition, kind: object = None, amount: object = None) -> Result:
    """省领军型团队等额配套 (三（二）) and 省/市重点国外智力项目等额配套 (三（四）).

    Only teams selected by 浙江省 get the county's equal matching; teams selected by 温州市 follow
    the city's own measures, and 顶尖团队's major projects are decided case by case (三（二）).
    """
    t = Trace("matching_grant", ed)
    k = str(kind or "")
    is_team = "团队" in k or "顶尖" in k
    pid = "team.province_match" if is_team else "foreign_intelligence.match" if "智力" in k else None
    if pid is None:
        return t.missing(
            Missing(
                "matching_kind",
                "是省领军型创业创新团队，还是省、市级重点国外智力项目？",
                ("省领军型创业创新团队", "重点国外智力项目"),
            )
        )
    level = team_level(k) if is_team else None
    if is_team and level is None:
        return t.missing(ASK_TEAM_LEVEL)
    if level == "温州市":
        return _city_team(t)
    if level == "顶尖团队":
        rule = t.use("team.top_case_by_case")
        t.step(f"顶尖团队的特别重大项目：{rule}", "team.top_case_by_case")
        return t.assess(
            "对顶尖团队的特别重大项目，在项目资助、贷款贴息、财政扶持、融资扶持、住房政策等待遇保障方面"
            "可实行“一事一议”，没有固定标准，由县里个案研究决定。"
            f"可向{_lead(t)}咨询。",
            team_level=level,
            amount=None,
        )
    upper = inputs.amount_yuan(amount, "上级资助额")
    pct = t.use(pid)
    if upper is None:
        return t.missing(Missing("amount", "上级（省或市）确定的资助额是多少？"))
    match = upper * pct // 100
    t.step(f"按上级资助额{fmt_yuan(upper)}给予等额配套：{fmt_yuan(match)}", pid)
    return t.ok(
        f"{ed.param(pid).label}：上级资助{fmt_yuan(upper)}，县里等额配套{fmt_yuan(match)}。",
        amount=match,
        team_level=level,
    )


def _lead(t: Trace) -> str:
    t.use("org.lead")
    return "县招才局（县委人才办）"


def _city_team(t: Trace) -> Result:
    t.use("team.province_match")
    rule = t.use("team.city_rule")
    t.step(f"申报入选温州市领军型创新创业团队的：{rule}", "team.city_rule")
    t.step("县里按省资助额等额配套的规定只适用于入选浙江省领军型创业创新团队的", "team.province_match")
    return t.assess(
        "申报入选温州市领军型创新创业团队的，扶持政策、经费管理等按《温州市领军型创新创业团队引进培育实施办法（试行）》"
        "执行；只有入选浙江省领军型创业创新团队的，县里才按省资助额给予等额配套资助。"
        f"温州市的这一办法不在本系统收录的文件中，具体标准请向{_lead(t)}或温州市人才工作部门咨询。",
        team_level="温州市",
        amount=None,
    )
