"""Rule-based entities in normalised text: amounts, percentages, ratings, project types, categories,
tranches, regions, skills awards and workstations.

Why rules and not DIET: these are closed vocabularies or numbers whose *value* matters to the
letter (270万 must become 2700000 元, 第三类 must become 3). A learned tagger would get the span
right most of the time and the value never; rules get both, and are testable one case at a time.
Honours are matched by the spaCy EntityRuler in `honour_extractor`; regions by the edition aliases.

Input is always `textnorm.normalise(...).text`: half-width digits, simplified characters, no spaces
next to Chinese, Chinese numerals already turned into digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from policy_kb.catalogue import class_names, class_pattern
from policy_kb.inputs import RATINGS
from policy_kb.reading import A_KIND_OF, LIKENED_TO, NONE_RECEIVED, NOT_MONEY_BLOCK, short_class_names


@dataclass(frozen=True)
class Span:
    """One entity found in normalised text; `value` is already the canonical value where rules know it."""

    entity: str
    start: int
    end: int
    text: str
    value: object
    role: str | None = None


# ---- amounts ----------------------------------------------------------------------------------------
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)(亿元|亿|万元|万|元|块钱|块|[wW](?![A-Za-z]))")
_UNIT_YUAN = {
    "亿元": 10**8,
    "亿": 10**8,
    "万元": 10**4,
    "万": 10**4,
    "w": 10**4,
    "W": 10**4,
    "元": 1,
    "块钱": 1,
    "块": 1,
}
_CLAUSE_BREAK = re.compile(r"[,，。;；!！?？、\n]")
# Words that say what an amount is, nearest one in the same clause wins. Order matters only for ties.
AMOUNT_ROLES: dict[str, tuple[str, ...]] = {
    "paid_in_capital": ("实缴注册资本", "注册资本", "实缴", "实收资本", "注资"),
    "approved_total": (
        "资助总额",
        "总额",
        "批了",
        "批下来",
        "批的",
        "获批",
        "核定",
        "资助额度",
        "立项",
        "总共资助",
        "一共资助",
        "资助了",
        "定了",
    ),
    "spending": ("项目支出", "支出", "花了", "花掉", "开支", "花费", "用掉"),
    "investment": ("项目投入", "投入", "投资", "投了", "投进", "投进去"),
    "sales": ("销售额", "销售收入", "销售", "卖了", "营收", "营业额"),
    "salary": ("年薪", "工资", "薪酬", "薪资", "报酬", "收入"),
    "loan_amount": ("贷款", "贷了", "借了", "授信"),
}
_ROLE_WORDS = sorted(((w, r) for r, ws in AMOUNT_ROLES.items() for w in ws), key=lambda p: -len(p[0]))


def yuan(number: str, unit: str) -> int | None:
    """ "270", "万" → 2700000. None for values that are not money (NaN, absurd sizes)."""
    try:
        value = Decimal(number) * _UNIT_YUAN[unit]
    except (InvalidOperation, KeyError):
        return None
    if value < 0 or value > 10**11:
        return None
    return int(value.to_integral_value())


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    after = _CLAUSE_BREAK.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def amount_role(text: str, start: int, end: int) -> str | None:
    """The role of the amount at [start, end): the nearest role word in its clause (before wins ties)."""
    c_start, c_end = _clause(text, start, end)
    best: tuple[int, str] | None = None
    for word, role in _ROLE_WORDS:
        for m in re.finditer(re.escape(word), text[c_start:c_end]):
            w_start, w_end = m.start() + c_start, m.end() + c_start
            if w_start < end and w_end > start:
                continue
            distance = start - w_end if w_end <= start else (w_start - end) + 0.5
            if best is None or distance < best[0]:
                best = (distance, role)
    return best[1] if best else None


def amounts(text: str) -> list[Span]:
    out = []
    for m in _AMOUNT.finditer(text):
        value = None if NOT_MONEY_BLOCK.fullmatch(m.group(0)) else yuan(m.group(1), m.group(2))
        if value is None:
            continue
        out.append(
            Span("amount", m.start(), m.end(), m.group(0), value, amount_role(text, m.start(), m.end()))
        )
    return out


# ---- percentages (loan rates) -----------------------------------------------------------------------
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
_RATE_WORDS = ("利率", "利息", "贴息", "基准", "年化", "lpr", "LPR")


def percents(text: str) -> list[Span]:
    """Percentages that are interest rates; 剩下的30% (a tranche share) is not a rate."""
    out = []
    for m in _PERCENT.finditer(text):
        c_start, c_end = _clause(text, m.start(), m.end())
        if any(w in text[c_start:c_end] for w in _RATE_WORDS) or text.strip() == m.group(0):
            out.append(Span("percent", m.start(), m.end(), m.group(0), m.group(1)))
    return out


# ---- review rating, project type ----------------------------------------------------------------------
_RATING = re.compile("|".join(RATINGS))
_PROJECT_TYPE = re.compile(r"(?<![创])(创业|创新)(?!创)(?=类|型|项目|的|吧|呢|啊|嘛|$|[,，。?？!！])")


def ratings(text: str) -> list[Span]:
    return [Span("review_rating", m.start(), m.end(), m.group(0), m.group(0)) for m in _RATING.finditer(text)]


def project_types(text: str) -> list[Span]:
    """创业/创新 when it names a project type, not the stock phrase 创业创新/创新创业."""
    out = []
    for m in _PROJECT_TYPE.finditer(text):
        end = m.end()
        if text[end : end + 1] in ("类", "型"):
            end += 1
        out.append(Span("project_type", m.start(), end, text[m.start() : end], m.group(1)))
    if len({s.value for s in out}) > 1:
        # "创新类是不是也跟创业类一样，第一期先拨40%": the type it is likened to is not the one asked about
        out = [s for s in out if not _LIKENED_TO.search(text[max(0, s.start - 3) : s.start])] or out
    return out


# not "创新类和创业类一样吗", which asks about both; the words are policy_kb.reading's (project_types)
_LIKENED_TO = re.compile(LIKENED_TO + "$")


# ---- category (第N类), tranche (第N期) -----------------------------------------------------------------
_CATEGORY = re.compile(r"(第)?(?<![\d\-~、])([1-5])类(?![\d\-~、])")
# "人才联谊会一类的组织" (dev48): 一类 is "a kind of", not 第1类 — a bare N类 before a thing that is no talent
_A_KIND_OF = re.compile(A_KIND_OF)
_TRANCHE = re.compile(r"(第|头|首)?(?<![\d\-~、])([0-3])(?:期|笔)|(首|头)(?:期|笔)")
_RECEIVED_WORDS = (
    "拿了",
    "拿到",
    "领了",
    "领到",
    "到账",
    "收到",
    "已经",
    "已拨",
    "拨了",
    "发了",
    "拿过",
    "到位",
    "给了",
)


def categories(text: str) -> list[Span]:
    """第N类, and the name the catalogue gives a category (市级领军人才 → 4, "那如果是市级领军人才呢")."""
    found = [
        Span("category", m.start(), m.end(), m.group(0), int(m.group(2)))
        for m in _CATEGORY.finditer(text)
        if m.group(1) or not _A_KIND_OF.match(text, m.end())
    ]
    named = class_pattern()
    if named is not None:
        names = class_names()
        found += [
            Span("category", m.start(), m.end(), m.group(0), names[m.group(0)]) for m in named.finditer(text)
        ]
    short = short_class_names()
    if short is not None:
        # "那我要是市级领军呢？" (dev54): the name without 人才 (not 省级领军型团队, a team's)
        pattern, category_of = short
        found += [
            Span("category", m.start(), m.end(), m.group(0), category_of[m.group(0)])
            for m in pattern.finditer(text)
            if not any(s.start <= m.start() < s.end for s in found)
        ]
    return found


def tranches(text: str) -> list[Span]:
    """第N期 with role "received" (拿了第一期 → 1) or "asked" (第二期怎么申请 → 2); 还没拿 → received 0."""
    out = [
        Span("tranche", m.start(), m.end(), m.group(0), 0, "received") for m in NONE_RECEIVED.finditer(text)
    ]
    for m in _TRANCHE.finditer(text):
        if any(m.start() < s.end and s.start < m.end() for s in out):
            continue
        c_start, c_end = _clause(text, m.start(), m.end())
        received = any(w in text[c_start:c_end] for w in _RECEIVED_WORDS)
        if not (m.group(1) or m.group(3)) and not received:
            continue  # bare 两期/三期 in a question is a count (分三期, 后面两期), not the tranche asked about
        number = int(m.group(2)) if m.group(2) else 1  # 首期 / 头笔 → the first
        out.append(
            Span("tranche", m.start(), m.end(), m.group(0), number, "received" if received else "asked")
        )
    return out


# ---- regions (from the editions' aliases) -------------------------------------------------------------
@cache
def region_aliases() -> dict[str, str]:
    """Every alias of every edition's region → the region (楠溪江 → 永嘉县, 椒江 → 台州市)."""
    from policy_kb.editions import all_editions

    table: dict[str, str] = {}
    for ed in all_editions().values():
        for alias in (ed.region, *ed.aliases):
            table.setdefault(alias, ed.region)
    return table


@cache
def _region_pattern() -> re.Pattern[str]:
    aliases = sorted(region_aliases(), key=len, reverse=True)
    return re.compile("|".join(re.escape(a) for a in aliases))


def regions(text: str) -> list[Span]:
    """Region mentions; value is the alias as listed (EntitySynonymMapper maps it to the region)."""
    return [
        Span("region", m.start(), m.end(), m.group(0), m.group(0)) for m in _region_pattern().finditer(text)
    ]


# ---- skills awards and workstations (三（五）、三（六）) -------------------------------------------------
SKILLS_AWARDS = (
    "中华技能大奖",
    "钱江技能大奖",
    "瓯江技能大奖",
    "省首席技师",
    "市首席技师",
    "省技能大师工作室",
    "市技能大师工作室",
    "高级技师",
)
_SKILLS = re.compile("|".join(sorted(SKILLS_AWARDS, key=len, reverse=True)))
_WORKSTATION = re.compile(r"(博士后(?:科研)?工作站|博士后站|院士(?:专家)?工作站)")
_LEVEL = re.compile(r"(国家级|省级|市级)")


def skills(text: str) -> list[Span]:
    return [Span("skills_award", m.start(), m.end(), m.group(0), m.group(0)) for m in _SKILLS.finditer(text)]


_LEVEL_ALONE = re.compile(r"\s*(国家级|省级|市级)的?[。.!！]?\s*")


def workstations(text: str) -> list[Span]:
    """Workstation kinds, and levels next to them (省级博士后工作站) or given alone as an answer (省级)."""
    alone = _LEVEL_ALONE.fullmatch(text)
    if alone:
        return [Span("workstation_level", alone.start(1), alone.end(1), alone.group(1), alone.group(1))]
    out = []
    for m in _WORKSTATION.finditer(text):
        kind = "博士后科研工作站" if m.group(0).startswith("博士后") else "院士专家工作站"
        out.append(Span("workstation_kind", m.start(), m.end(), m.group(0), kind))
        c_start, c_end = _clause(text, m.start(), m.end())
        for lv in _LEVEL.finditer(text, c_start, c_end):
            out.append(Span("workstation_level", lv.start(), lv.end(), lv.group(0), lv.group(0)))
    return out


# ---- counts of people (专家人数) ------------------------------------------------------------------------
_COUNT = re.compile(r"(\d{1,3})(位|名|个)(?=专家|院士|人才|海外|外国|工程师|博士)")


def counts(text: str) -> list[Span]:
    return [
        Span("count", m.start(), m.start() + len(m.group(1)), m.group(1), int(m.group(1)))
        for m in _COUNT.finditer(text)
    ]


RULES = (
    amounts,
    percents,
    ratings,
    project_types,
    categories,
    tranches,
    regions,
    skills,
    workstations,
    counts,
)


def extract(text: str) -> list[Span]:
    """Every rule-based entity in `text`, in order of appearance."""
    found = [span for rule in RULES for span in rule(text)]
    return sorted(found, key=lambda s: (s.start, -s.end, s.entity))
