"""Who may apply for project funding — 附件1 一（一）创新类、（二）创业类 — and matching grants.

Boundaries as written: 未超过3年 (≤3), 5年及以上 (≥5), 不少于9个月 (≥9), 不低于30% (≥30),
100万元以上 (≥100万; Chinese legal usage counts 以上 inclusive), 3周年以内 (≤3).
Conditions a figure cannot prove (leading a project, a founding shareholder) are listed to confirm.

"股权一般不低于30％" is the normal rule, not a hard one (一般 qualifies the equity share only): missing it
alone is NEEDS_ASSESSMENT — the review decides (附件1 五) — never "不符合".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from policy_kb import inputs
from policy_kb.editions import Edition
from policy_kb.model import Missing, Result
from policy_kb.money import fmt_yuan
from policy_kb.passages import passage_at
from policy_kb.rules.base import ASK_PROJECT_TYPE, Trace, guarded
from policy_kb.rules.funding import review_body
from policy_kb.text import SUM_ASKED, compact


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


def _age_text(years: Decimal) -> str:
    """3 → 3年, 1.5 → 1.5年, 3 years and 2 months (3.1666…, "三年零两个月") → 3年2个月, "三年多" → 3年多."""
    if years == years.quantize(Decimal("0.01")):
        return f"{years.normalize():f}年"
    whole = int(years)
    months = int((years - whole) * 12 + Decimal("0.5"))
    if not months and years > whole:
        return f"{whole}年多"  # "四年多前成立的" (reading.MORE_THAN_YEARS): more than 4 years, by how much unsaid
    return f"{whole}年{months}个月" if months else f"{whole}年"


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
    other_equity_percent: object = None,
    largest_holder: object = None,
    lead_role: object = None,
    labour_contract: object = None,
    aim_asked: object = None,
) -> Result:
    """附件1 一: the conditions of the project type, each checked against the figure given. `other_equity_
    percent`: the largest share another holder has (the lead must be 第一大股东); `largest_holder` False
    when the talent says another holds more ("我是二股东，他是大股东"). For 创新: `lead_role` True/False when
    the words say whether the lead is the project's main person or holds its key technology, `labour_contract`
    False when they say the contract is not a 正式劳动合同 (a 顾问 agreement). `aim_asked`: the words ask what kind of
    project is wanted ("这种方向有没有要求？县里优先支持哪种？", dev59) — the clause's 要求…为目标 is said first."""
    t = Trace("project_eligibility", ed)
    ptype = inputs.project_type(project_type)
    if ptype is None:
        return _both_types(t, ed)
    conds = (
        _innovation_conditions(
            t, years_full_time, contract_years, months_per_year, lead_role, labour_contract
        )
        if ptype == "创新"
        else _startup_conditions(
            t, equity_percent, own_investment, company_age_years, other_equity_percent, largest_holder
        )
    )
    confirm = (
        "项目领衔人应为项目主要负责人或关键技术持有者"
        if ptype == "创新"
        else "项目领衔人应为企业的主要创办人，且为第一大股东"
    )
    aim = ""
    if aim_asked:
        pid = "project.innovation.aim" if ptype == "创新" else "project.startup.aim"
        aim = f"{ptype}类项目要求{t.use(pid)}。"
        t.step(aim, pid)
    if any(c.pid == "project.innovation.lead" for c in conds):
        confirm = ""  # the words said who the lead is: checked above
    if any(c.pid == "project.startup.founder" and c.ok is False for c in conds):
        confirm = "项目领衔人应为企业的主要创办人"  # 第一大股东 is already answered (not met)
    for c in conds:
        mark = "待核对" if c.ok is None else "符合" if c.ok else "低于一般要求" if c.general else "不符合"
        t.step(f"{c.said or c.need}：{mark}", c.pid)
    failed = [c.said for c in conds if c.ok is False and not c.general]
    short = [c.said for c in conds if c.ok is False and c.general]
    unknown = [c for c in conds if c.ok is None]
    note = ""
    if short:
        who = review_body(t)
        t.step("“一般”要求的例外由项目评审认定", "funding.review", "funding.implementing_bodies")
        note = (
            f"{'；'.join(short)}，未达到这一一般要求。这是一般要求而非硬性条件，能否例外由项目评审认定"
            f"（本办法由{who}组织实施）。"
        )
    edges = [c.label for c in conds if c.ok and c.on_edge]
    if edges:
        who = review_body(t)
        note += f"{'、'.join(edges)}正好等于界线（“以上”“以内”按通常用法含本数），视为符合；如有疑问，以{who}的认定为准。"
    met_said = [c.said for c in conds if c.ok]
    met_line = f"符合：{'；'.join(met_said)}。" if met_said else ""
    if failed:
        # the conditions no figure was given for are still stated: "他一年里要在永嘉待多长时间才行" beside a
        # 3-year contract asks 每年不少于9个月 too, and the talent may fix the contract and still miss it
        rest = f"其他条件：{'；'.join(c.need for c in unknown)}。" if unknown else ""
        answer = f"{aim}{ptype}类项目申报条件核对：不符合：{'；'.join(failed)}。{met_line}{note}{rest}{_to_confirm(confirm)}"
        return t.ok(answer, project_type=ptype, eligible=False, failed=failed, general_short=short)
    if unknown:
        # answer first: every condition, what the given figures already settle, then offer the rest
        met = [c.said for c in conds if c.ok]
        t.result.offers = [Missing(c.slot, c.question) for c in unknown]
        clause = "附件1 一（一）" if ptype == "创新" else "附件1 一（二）"
        answer = (
            (
                _clause_text(t, ed, clause)
                or f"{ptype}类项目申报条件：{'；'.join(c.need for c in conds)}；{confirm}。"
            )
            + (f"您提供的：{'；'.join(met)}，符合。" if met else "")
            + note
            + f"还需核对：{'、'.join(c.label for c in unknown)}。{unknown[0].question}"
        )
        return t.ok(answer, project_type=ptype, eligible=None, failed=[], general_short=short)
    if short:
        answer = (
            f"{aim}{ptype}类项目申报条件核对：{met_line or '其他条件均满足。'}{note}{_to_confirm(confirm)}"
        )
        return t.assess(answer, project_type=ptype, eligible=None, failed=[], general_short=short)
    answer = (
        f"{aim}{ptype}类项目申报条件核对：以上条件均符合——{'；'.join(met_said)}。{note}{_to_confirm(confirm)}"
    )
    return t.ok(answer, project_type=ptype, eligible=True, failed=[], general_short=[])


def _to_confirm(confirm: str) -> str:
    """ "另需确认：…。" for a condition no figure can prove, or nothing when the words settled it."""
    return f"另需确认：{confirm}。" if confirm else ""


@dataclass(frozen=True)
class _Condition:
    """One condition of 附件1 一: what it requires, and (when the figure is given) whether it is met."""

    pid: str
    slot: str
    label: str
    question: str
    need: str  # the requirement in the text's terms
    said: str  # the requirement against the given figure ("" when not given)
    ok: bool | None
    general: bool = False  # the text says 一般: falling short is for the review, not a refusal
    # the figure is the bound itself and the text says 以上/以内: met as the words are commonly read (含本数), and
    # said so — a reader of the text alone may take it otherwise (dev42: "自己出资刚好100万整，这个算达到要求了吗")
    on_edge: bool = False


def _innovation_conditions(
    t: Trace,
    years_full_time: object,
    contract_years: object,
    months_per_year: object,
    lead_role: object = None,
    labour_contract: object = None,
) -> list[_Condition]:
    limit = t.use("project.innovation.max_years_full_time")
    need_contract = t.use("project.innovation.min_contract_years")
    need_months = t.use("project.innovation.min_months_per_year")
    y = _num(years_full_time, "来永嘉全职工作年限", 80)
    c = _num(contract_years, "劳动合同年限", 80)
    m = _num(months_per_year, "每年在永嘉工作月数", 12)
    said_contract = f"劳动合同{c}年，须{need_contract}年及以上" if c is not None else ""
    contract_ok: bool | None = None if c is None else c >= need_contract
    if labour_contract is False:
        # "签的不是劳动合同，是一份5年的技术顾问服务协议" (dev56): not the 正式劳动合同 the clause names
        said_contract = f"您说签的不是正式劳动合同（如顾问、服务协议），须与用人单位签订{need_contract}年及以上正式劳动合同"
        contract_ok = False
    lead: list[_Condition] = []
    if lead_role is not None:
        need_lead = t.use("project.innovation.lead")
        lead = [
            _Condition(
                "project.innovation.lead",
                "lead_role",
                "领衔人身份",
                "领衔人是项目的主要负责人或关键技术持有者吗？",
                f"项目领衔人应为{need_lead}",
                (
                    f"领衔人是{need_lead}之一（二者有其一即可）"
                    if lead_role
                    else f"您说领衔人既不是项目主要负责人，也不持有关键技术，须为{need_lead}"
                ),
                bool(lead_role),
            )
        ]
    return [
        *lead,
        _Condition(
            "project.innovation.max_years_full_time",
            "years_full_time",
            "来永嘉全职工作年限",
            "来永嘉全职工作几年了？",
            f"来永嘉全职工作未超过{limit}年",
            f"来永嘉全职工作{_age_text(y)}，须未超过{limit}年" if y is not None else "",
            None if y is None else y <= limit,
        ),
        _Condition(
            "project.innovation.min_contract_years",
            "contract_years",
            "劳动合同年限",
            "与用人单位签订的劳动合同是几年？",
            f"劳动合同{need_contract}年及以上",
            said_contract,
            contract_ok,
        ),
        _Condition(
            "project.innovation.min_months_per_year",
            "months_per_year",
            "每年在永嘉工作月数",
            "每年在永嘉工作几个月？",
            f"每年在永嘉工作不少于{need_months}个月",
            f"每年在永嘉工作{m}个月，须不少于{need_months}个月" if m is not None else "",
            None if m is None else m >= need_months,
        ),
    ]


def _startup_conditions(
    t: Trace,
    equity_percent: object,
    own_investment: object,
    company_age_years: object,
    other_equity_percent: object = None,
    largest_holder: object = None,
) -> list[_Condition]:
    min_equity = t.use("project.startup.min_equity")
    min_own = t.use("project.startup.min_own_investment")
    max_age = t.use("project.startup.max_company_age_years")
    t.use("project.startup.founder")
    e = _num(equity_percent, "本人股权比例", 100)
    own = inputs.amount_yuan(own_investment, "本人投入的实际资金")
    a = _num(company_age_years, "企业成立年限", 100)
    other = _num(other_equity_percent, "其他股东股权比例", 100)
    # 第一大股东: settled by the two shares given, or by the talent saying another holds more
    said = (
        f"本人股权{e}%，另有股东持股{other}%，须为第一大股东"
        if e is not None and other is not None
        else "您说另有股东持股比您多（您不是第一大股东），而项目领衔人须为第一大股东"
        if largest_holder is False
        else None
    )
    largest = (
        [
            _Condition(
                "project.startup.founder",
                "other_equity_percent",
                "是否第一大股东",
                "其他股东中持股最多的占多少（%）？",
                "项目领衔人应为企业的主要创办人，且为第一大股东",
                said,
                e > other if e is not None and other is not None else False,
            )
        ]
        if said is not None
        else []
    )
    return [
        *largest,
        _Condition(
            "project.startup.min_equity",
            "equity_percent",
            "本人持股比例",
            "您本人持股比例是多少（%）？",
            f"本人股权一般不低于{min_equity}%",
            f"本人股权{e}%，一般不低于{min_equity}%" if e is not None else "",
            None if e is None else e >= min_equity,
            general=True,
        ),
        _Condition(
            "project.startup.min_own_investment",
            "own_investment",
            "本人实际投入资金",
            "您本人实际投入了多少资金？",
            f"本人实际投入资金{fmt_yuan(min_own)}以上",
            f"本人实际投入{fmt_yuan(own)}，须在{fmt_yuan(min_own)}以上" if own is not None else "",
            None if own is None else own >= min_own,
            on_edge=own is not None and own == min_own,
        ),
        _Condition(
            "project.startup.max_company_age_years",
            "company_age_years",
            "企业成立年限",
            "企业成立几年了？",
            f"企业注册成立在{max_age}周年以内",
            f"企业成立{_age_text(a)}，须在{max_age}周年以内" if a is not None else "",
            None if a is None else a <= max_age,
            on_edge=a is not None and a == max_age,
        ),
    ]


def _clause_text(t: Trace, ed: Edition, clause: str) -> str:
    """The clause's own words (附件1 一（二） names the 创业团队 and the stage, which no figure holds)."""
    p = passage_at(ed.region, clause)
    if p is None:
        return ""
    t.result.cite(p.citation)
    return p.text


def _both_types(t: Trace, ed: Edition) -> Result:
    """Type unknown: both types' conditions (附件1 一（一）创新, 一（二）创业), then which type."""
    startup = _startup_conditions(t, None, None, None)
    innovation = _innovation_conditions(t, None, None, None)
    t.result.offers = [ASK_PROJECT_TYPE]
    # 附件1 一's lead-in says who may apply (第1–5类领军型人才, 符合产业发展方向) before the two types
    intro = _clause_text(t, ed, "附件1 一").split("\n")[-1].strip()
    verbatim = [intro] + [_clause_text(t, ed, c) for c in ("附件1 一（二）", "附件1 一（一）")]
    summary = (
        f"创业类项目申报条件：{'；'.join(c.need for c in startup)}；项目领衔人应为企业的主要创办人，且为第一大股东。"
        f"创新类项目申报条件：{'；'.join(c.need for c in innovation)}；项目领衔人应为项目主要负责人或关键技术持有者。"
    )
    return t.ok(
        ("".join(verbatim) if all(verbatim) else summary) + ASK_PROJECT_TYPE.question,
        project_type=None,
        eligible=None,
    )


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
    if city and province:
        # two teams ("…入选了浙江省领军型创业创新团队，省里资助了1000万…另外还有一个团队准备报温州市的", dev48): the
        # one whose sentence gives the amount is the one asked about
        funded = [x for x in re.split(r"[。；;！!？?]", text) if re.search(r"\d+(?:\.\d+)?万", x)]
        if len(funded) == 1 and funded[0] != text:
            return team_level(funded[0])
        return None
    if not city and not province:
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
    # (引智项目 is a 国外智力项目 named by what it does: "被列成了省级重点引智项目，省里给了40万", dev34)
    intelligence = "智力" in k or "引智" in k
    pid = "team.province_match" if is_team else "foreign_intelligence.match" if intelligence else None
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
    if not is_team and _national_last(k):
        # "那要是国家外专局立项的国家级引智项目呢？县里配不配" (dev34): 三（四） matches 省、市级 projects only
        t.use(pid)
        return t.assess(
            "三（四）只规定对省、市级重点国外智力项目按上级资助额给予等额配套，没有规定国家级引智项目的配套；"
            f"是否配套、配多少，以县里的认定为准，可向{_lead(t)}咨询。",
            amount=None,
        )
    upper = inputs.amount_yuan(amount, "上级资助额")
    pct = t.use(pid)
    if upper is None:
        return t.missing(Missing("amount", "上级（省或市）确定的资助额是多少？"))
    match = upper * pct // 100
    t.step(f"按上级资助额{fmt_yuan(upper)}给予等额配套：{fmt_yuan(match)}", pid)
    # the sum only when the words ask it ("加上县里的，一共能拿多少"): "市里批了8万，那县里跟多少" asks the
    # county's 8万元, and a 16万元 beside it reads as the answer (dev20)
    total = f"，两项合计{fmt_yuan(upper + match)}" if SUM_ASKED.search(compact(k)) else ""
    return t.ok(
        f"{ed.param(pid).label}：上级资助{fmt_yuan(upper)}，县里等额配套{fmt_yuan(match)}{total}。",
        amount=match,
        with_upper=upper + match,
        team_level=level,
    )


_NATIONAL = re.compile(r"国家(?:级|外专局|外国专家局|重点)")
_PROVINCE_OR_CITY = re.compile(r"省级|市级|省里|市里|省重点|市重点|温州市|浙江省|省、市")


def _national_last(words: str) -> bool:
    """True when the level the words name last is 国家级 (the words may hold an earlier 市级 question)."""
    national = [m.start() for m in _NATIONAL.finditer(words)]
    lower = [m.start() for m in _PROVINCE_OR_CITY.finditer(words)]
    return bool(national) and (not lower or national[-1] > lower[-1])


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
