"""Reading the figures in what people write: amounts and what each one is, tranches, head counts, years.

Why one reader: a question's figures used to be read three times — by the chat (actions/parsing.py),
by the hotline's keyword reader (bot/assist/query.py) and by the rule registry (the one amount of a
clause's rule) — each with its own patterns, so "1,200,000元" or "十二名" was a figure to one and not to
another, and only the hotline knew that the 100万 after 实缴 is paid-in capital. Each figure now has one
small reader here and `read` gathers them; the adapters keep only what is theirs (Rasa slots, the
hotline's regions and calculators). Pure: no Rasa, no HTTP. Amounts and categories are checked by
policy_kb.inputs, Chinese numerals read by policy_kb.text (cn2an).

Only what the words state is read. A figure the words leave open (下一期; 三四个人; a number with no
unit) is left out rather than guessed; the adapters and the rules decide what to ask.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from policy_kb import inputs
from policy_kb.inputs import InputError
from policy_kb.text import cn_number, normalise

# ---- the text every reader sees -------------------------------------------------------------------

_SPACE = re.compile(r"(?<![0-9A-Za-z])\s+|\s+(?![0-9A-Za-z])")  # kept only between two numbers/words
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_CN_NUMERAL = r"[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
_CN_MONEY = re.compile(rf"(?<![几数多上])({_CN_NUMERAL})(?=亿|万|元|块)")  # 一百五十万; not 几十万, 上百万
_N = r"(?<!\d)(\d{1,2}|[一二两三四五六七八九十]+)"  # a small count written 12 or 十二 (see _small_number)
_CN_PERCENT = re.compile(rf"百分之({_CN_NUMERAL}|\d+(?:\.\d+)?)")


def _digits(m: re.Match[str]) -> str:
    """The numeral of group 1 in digits (it may already be digits: 百分之4.35)."""
    raw = m.group(1)
    n = Decimal(raw) if raw[0].isdigit() else cn_number(raw)
    return m.group(0) if n is None else format(n, "f")


def _percent(m: re.Match[str]) -> str:
    digits = _digits(m)
    return m.group(0) if digits == m.group(0) else digits + "%"


@lru_cache(maxsize=1024)
def plain(text: str) -> str:
    """The words as the readers read them: simplified, half-width, no spaces next to Chinese (a space
    between two numbers stays: "580 30万" is not 58030万), no thousands separators, and the Chinese
    numerals of money and percentages in digits (一百五十万 → 150万, 百分之六十 → 60%).

    Why: people type 「１，２００，０００元」, 一百五十萬, 1,500,000元 and 2 人 for such figures. Cached: `read`
    hands the plain words to every reader, and plain words read again are themselves.
    """
    words = _THOUSANDS.sub("", _SPACE.sub("", normalise(text)))
    words = _WAN_TYPO.sub("万", words)
    words = _CN_PERCENT.sub(_percent, words)
    return _CN_MONEY.sub(_digits, words)


# 万 typed by its sound right after a figure ("我批的是100玩", dev8): 玩/晚/湾/碗 are never a unit there
_WAN_TYPO = re.compile(r"(?<=\d)[玩晚湾碗](?=[元块吗呢吧啊。，,？?！!；;]|$)")

_CLAUSE_BREAK = re.compile(r"[,，。;；!?！？\n]")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The comma-to-comma stretch around [start, end)."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    after = _CLAUSE_BREAK.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def _small_number(raw: str) -> int | None:
    """A count written 12 or 十二 / 两."""
    if raw.isdigit():
        return int(raw)
    n = cn_number(raw)
    return int(n) if n is not None and n == n.to_integral_value() else None


# ---- amounts and what each one is -----------------------------------------------------------------

# The words just before an amount that say what it is ("实缴100万", "第一期已经拿了75万"). The role names
# are the rule registry's (rules.yaml `role:` of each money input) and the chat's amount slots.
ROLE_CUES: dict[str, tuple[str, ...]] = {
    "approved_total": (
        "核定",
        "批了",
        "批下来",
        "获批",
        "资助",
        "项目资助",
        "资助总额",
        "总额",
        "资助额度",
        "立项",
    ),
    "received": (
        "拿了",
        "已拿",
        "已经拿",
        "拿到了",
        "已经拿到",
        "拿到资助",
        "拿了资助",
        "已拨",
        "拨了",
        "已到账",
        "到账了",
        "到账",
        "收到了",
        "已收到",
        "领了",
        "已领",
        "已获",
    ),
    "sales": ("销售", "销售额", "销售收入", "营业收入", "营收", "营业额", "收入", "卖了"),
    "investment": (
        "投入",
        "投资",
        "投了",
        "研发投入",
        "项目投入",
        "只投",
        "准备投",
        "打算投",
        "计划投",
        "要投",
        "项目经费",
        "投进",
        "投进去",
        # ("单位准备在这个项目上投50万", dev42)
        "上投",
        "里投",
    ),
    "spending": ("支出", "花了", "花费", "花掉", "花出去", "花出", "用掉", "开支", "研发费用"),
    "paid_in_capital": ("实缴", "注册资本", "实缴注册资本", "实收资本", "注资"),
    "salary": (
        "年薪",
        "工资",
        "薪水",
        "薪资",
        "薪酬",
        "报酬",
        "计税",
        "每人",
        "年收入",
        "税前",
        "付他",
        "付给他",
        "给他发",
        # what an adviser or a part-timer is paid ("顾问费一年20万", dev78)
        "顾问费",
        "兼职费",
        "劳务报酬",
        # "我们这位一年给他120万，能拿多少" after 海外工程师 (dev34): what the firm pays him a year
        "一年给他",
        "每年给他",
        "一年给她",
        "每年给她",
    ),
    "fee": ("中介费", "中介费用", "猎头费", "费用"),
    # ("贷150万", "借了两百万", "续贷了800万", dev46)
    "loan_amount": ("贷款", "借款", "贷了", "贷", "借了", "续贷", "贷款总额", "贷款总金额", "借款总额"),
    "tax": ("税收", "纳税", "交税", "缴税", "交的税", "缴的税", "纳的税", "税额", "税交了"),
    # a category's maximum said back ("最高资助标准是100万吧", dev61): the standard the text sets, never the total
    # the review gave the project
    "standard": ("资助标准", "最高资助标准", "最高标准", "资助上限"),
    # the figure the talent guesses at ("团队是不是能拿到400万"): what is asked, never an input
    "claimed": ("能拿到", "可以拿到", "能领到", "能补到", "可以补到", "能拿到手", "就能拿", "是不是能拿"),
}
ROLES = tuple(ROLE_CUES)
_CUES = tuple((word, role) for role, words in ROLE_CUES.items() for word in words)

# 270万, 270万元, 2.7亿, 30w, 1200000元, 3000块; "-30万" is matched so that it is refused, not read as
# 30万; 万人 is a head count (一万人), not money
_AMOUNT = re.compile(r"(?<![\d.])(-?\d+(?:\.\d+)?)(?:(亿|万)(?!人)元?|([wW])(?![A-Za-z])|元|块钱|块)")
# 块 alone after a single digit is a piece, not money: 这一块 (this line of business), 一块儿 (together),
# 一块奖牌; no talent asks about a few 元 (shared with nlu_components.entity_rules)
NOT_MONEY_BLOCK = re.compile(r"\d块")


# the words between two amounts of one person each: "一个20万一个30万", "一个是20万，另一个是30万" (a bare comma
# or 、 is not enough: "项目批了300万，100万已经到了" is two different sums)
_NEXT_IN_LIST = re.compile(
    r"[，,]?\s*(?:另外?一?[个位名人]|一[个位名人]|第二[个位名人]?|还有一[个位名])(?:是|的)?\s*"
)


@dataclass(frozen=True)
class Amount:
    """A sum of money in the words, in 元, and what the word before it says it is (None: no such word)."""

    yuan: int
    role: str | None = None
    # the words its role was read from (since the previous amount, within its clause): "又贷了" of a later loan
    cue: str = field(default="", compare=False)


def amount_role(before: str) -> str | None:
    """The role of an amount from the words before it: the cue ending nearest to it wins, the longer
    cue on a tie (年收入 is a salary, 收入 alone sales).

    Why only before: people name the figure first (实缴100万, 卖了160万); a word after an amount is as
    often about the next one ("柔性 30万 资助多少" asks about the reward, 30万 is the pay)."""
    best: tuple[int, int, str] | None = None
    for word, role in _CUES:
        at = before.rfind(word)
        if at != -1 and (best is None or (at + len(word), len(word)) > best[:2]):
            best = (at + len(word), len(word), role)
    return best[2] if best else None


# an amount named a loan by the words after it ("那笔10,000,000元的贷款"), not the cap said as 贷款额
_LOAN_AFTER = re.compile(r"元?的?(?:贷款|借款)(?!额|总额)")


def amounts(text: str) -> tuple[Amount, ...]:
    """Every amount in the words with its role. An amount policy_kb.inputs refuses (negative, above
    1000亿元) is left out: "-30万" is not 30万, 10000亿 is a typo, not a talent project."""
    words = plain(text)
    out: list[Amount] = []
    prev_end = 0
    for m in _AMOUNT.finditer(words):
        # the cue is looked for since the previous amount, within the clause: 拿了省科技进步奖，个人奖金5万
        # is not 5万 received
        window = words[max(prev_end, _clause(words, m.start(), m.end())[0]) : m.start()]
        prev_end = m.end()
        unit = m.group(2) or ("万" if m.group(3) else "")
        if NOT_MONEY_BLOCK.fullmatch(m.group(0)):
            continue
        try:
            yuan = inputs.amount_yuan(m.group(1) + unit, "金额")
        except InputError:
            continue
        if yuan is not None:
            role = amount_role(window)
            if role is None and out and out[-1].role and _NEXT_IN_LIST.fullmatch(window):
                role = out[-1].role  # "中介费一个20万一个30万" (dev34): the second is a fee too
            if role is None and _LOAN_AFTER.match(words, m.end()):
                role = "loan_amount"  # "我们那笔10,000,000元的贷款" (dev71); not "1000万贷款额", a cap
            out.append(Amount(yuan, role, window))
    return tuple(out)


def pick(found: Iterable[Amount], *roles: str, default: bool = True) -> int | None:
    """The amount with one of `roles`; else, with `default`, the amount with no role when it is the only one."""
    found = tuple(found)
    for a in found:
        if a.role in roles:
            return a.yuan
    loose = [a.yuan for a in found if a.role is None]
    return loose[0] if default and len(loose) == 1 else None


# ---- tranches (附件1 三: paid in two or three tranches) ------------------------------------------------

# 期/笔, or 批 when money follows ("第一批钱"; "第一批入选" is a batch of talents, not a tranche)
TRANCHE_UNIT = r"(?:[期笔]|批(?=钱|资金|资助|款|经费|的钱|补助|拨))"
_TRANCHE = re.compile(
    rf"(?P<last>尾款|最后一{TRANCHE_UNIT}|最后那一?{TRANCHE_UNIT}|最后那(?=\d+%)|最后(?:那|的)?(?=[一二三四五]成))"
    rf"|(?P<first>首|头一?){TRANCHE_UNIT}"
    # "什么时候能先拿到一部分钱" (dev27): the first tranche
    r"|(?P<early>先\S?(?:拿|给|拨|领|发)(?:到|出)?(?:一部分|一点|部分|一些)(?:钱|资金|资助|款)?)"
    rf"|(?P<before>[分共同近下上这那哪每前后几各]?)(?P<ordinal>第)?(?<!\d)(?P<n>[1-3一二两三]){TRANCHE_UNIT}"
    # "第一次能到手多少", "第二次拨款": a payment counted by 次 is the tranche of that number
    r"|第(?P<nth>[1-3一二三])次(?=[^，,。？?；;]{0,4}(?:拨|给|拿|到手|到账|发|付|打款|领))"
)
# a past verb, not a question about it (第二期已经拨了吗, 拿到了没)
_RECEIVED_AFTER = re.compile(
    r"(?:已经?(?:拿|领|拨|到账|到位|收到|发)|拿了|拿到了|领了|领到了|拨了|拨付了|到账了|到位了|收到了|发了|拿过"
    r"|已经到了|已经到手|到手了)"
    r"(?!了?[吗没么?])"
)
_RECEIVED_BEFORE = re.compile(
    r"(?:拿了|拿到了|已经拿到|已拿|领了|已领|已拨|拨了|拨付了|已拨付|发放了|收到了|已收到|到位了)$"
)
# shared with nlu_components.entity_rules, so the model's tranche role and this reading agree
NONE_RECEIVED = re.compile(
    # "还剩多少没拿" asks what is left, it does not say nothing was paid
    r"(?<!多少)(?<!剩)(?:还没|没有?|未|尚未)(?:拿|领|收到|拨|到账|发)(?:到|过)?(?:钱|资金|资助|款)?(?![完票])"
    r"|(?:第?1期|一期|一分钱)都没(?:拿|领|收到|到账)?过?"
)


_EACH_AFTER = re.compile(r"\s*(?:各|分别|每期)")


@dataclass(frozen=True)
class Tranches:
    """The tranche a message asks about and how many it says are paid."""

    asked: int | str | None = None  # 1–3, or "last" (尾款, 最后一期)
    received: int | None = None  # how many are already paid (第一期拿了 → 1; 还没拿到 → 0)
    also: tuple[int | str, ...] = ()  # further tranches asked about ("第二期…？最后那30%又要啥条件？")


# "省里批了1000万…县里还会再给一笔吗" (dev28): another sum of money (三（二）'s 配套), not the first tranche
_ANOTHER_SUM = re.compile(r"(?:再|还|另|另外|多)(?:给|拿|发|补|奖)?一笔$")


def tranches(text: str) -> Tranches:
    """The tranche asked about and how many are already paid.

    第一期/第1期/首期/头一期/第一笔/第一批钱 → 1, 第二笔 → 2, 尾款/最后一期 → "last". A tranche with a past verb
    in its clause (第一期已经拿了75万, 拿了第一期) is paid, not asked. 分三期, 两期, 下一期, 每一期, 哪一期
    say how many there are or ask which, and are not read as a tranche."""
    words = plain(text)
    asked: int | str | None = None
    none = NONE_RECEIVED.search(words)
    received: int | None = 0 if none else None
    also: list[int | str] = []
    for m in _TRANCHE.finditer(words):
        if none and m.start() < none.end() and none.start() < m.end():
            continue  # 一期都没拿: nothing paid, not the first tranche asked about
        if m.group("last"):
            number: int | str = "last"
        elif m.group("first") or m.group("early"):
            number = 1
        elif m.group("nth"):
            number = _small_number(m.group("nth")) or 1
        else:
            n = _small_number(m.group("n"))
            if n is None or _ANOTHER_SUM.search(words[max(0, m.start() - 3) : m.start()] + m.group(0)):
                continue
            number = n
        start, end = _clause(words, m.start(), m.end())
        after = words[m.end() : end]
        if not m.group("ordinal") and _EACH_AFTER.match(words[m.end() :]):
            continue  # "三期各多少", "两期分别是多少": how many there are, each one asked

        # "能不能先把第二期拿了？" (dev55) asks for the tranche: 把 before it, a question mark closing its clause
        asked_for = words[m.start() - 1 : m.start()] == "把" and words[end : end + 1] == "?"
        paid = not asked_for and bool(
            _RECEIVED_AFTER.search(after) or _RECEIVED_BEFORE.search(words[start : m.start()])
        )
        before = "" if m.group("ordinal") else m.group("before") or ""  # 然后第二期 is the second
        if paid and isinstance(number, int) and before in ("", "前"):
            received = number if received is None else max(received, number)
        elif not paid and not before and m.group("n") != "两":
            if asked is None:
                asked = number
            elif number != asked and number not in also:
                also.append(number)
    if asked is None and received == 1 and "创新" in words and _THE_REST.search(words):
        # "创新类项目…头一笔已经到了，剩下那部分要做到什么程度才能拿" (dev38): of two tranches, the rest is the second
        # (for a 创业 project, or no type said, the rest is the later tranches together: actions.topics)
        asked = 2
    if asked is None and "创新" in words and _SECOND_HALF.search(words):
        # "创新类项目后面那一半的钱，要做到什么程度才能拿到" (dev36): 创新's two tranches are 50% each, so the
        # later half is the second (a 创业 project's 40/30/30 has no half to name)
        asked = 2
    return Tranches(asked, received, tuple(also))


# the later of two halves ("后面那一半", "后一半的钱", "另一半")
_SECOND_HALF = re.compile(r"(?:后面?|另|剩下的?)(?:那|的)?一半")


# the money not paid yet, asked after a tranche paid ("剩下那部分", "余下的钱")
_THE_REST = re.compile(r"(?:剩下|剩余|余下|其余)(?:的|那)?(?:部分|钱|那笔|一笔|那部分|款)?")


def tranche_words(text: str) -> list[str]:
    """Each word in the plain words naming one tranche, as written (第一期, 头一笔, 尾款, 3期), paid or asked.

    Why: a follow-up "第二期呢？" swaps the tranche it names for the earlier one (`policy_kb.followups`), and
    what names a tranche is this module's `_TRANCHE`, so the two cannot drift apart. 分三期/两期/每期 count
    or range over the tranches and are not words for one of them."""
    out = []
    for m in _TRANCHE.finditer(plain(text)):
        before = m.group("before") or ""
        if (before and not m.group("ordinal")) or (m.group("n") == "两" and not m.group("ordinal")):
            continue
        out.append(m.group(0)[len(before) :])
    return out


# "如果这个人没入选温州市的海外工程师呢": a selection the words say did not happen
_NOT_SELECTED = re.compile(r"(?:没|未|没有|不是|落选)[^，,。？?]{0,3}(?:入选|评上|选上|认定)")


# "入选的是浙江省的海外工程师，就是省里那个名单，不是温州市评的" (dev30): another list than 温州市's
_OTHER_ENGINEER_LIST = re.compile(r"(?:浙江省|省里|省级|省)的?\S{0,4}?海外工程师")
_WENZHOU_ENGINEER = re.compile(r"(?<!不是)温州\S{0,4}?海外工程师|(?<!不是)温州市?(?:评|选)的")


def other_engineer_list(text: str) -> bool:
    """Whether the words put a 海外工程师 on another list than 温州市's (三（四） names only 温州市's)."""
    words = normalise(text)
    return bool(_OTHER_ENGINEER_LIST.search(words)) and not _WENZHOU_ENGINEER.search(words)


def not_selected(text: str) -> bool:
    """Whether the words say someone was not selected (没入选, 未评上): 三（四）'s grant needs the selection."""
    return bool(_NOT_SELECTED.search(normalise(text)))


# "国内一所985高校的教授…不是海外回来的": the talent referred is not an overseas one (三（十）'s fee and awards
# are for 海外高层次人才)
_NOT_OVERSEAS = re.compile(
    r"不是(?:从)?海外|非海外|不是海归|没有?海外(?:经历|背景)|不是(?:从)?国外|国内(?:培养|本土|土生)|本土(?:培养)?的?人才"
    # ("介绍了一个上海的教授，国内的，也申报了省千人", dev46 — not 国内外顶尖人才)
    r"|国内的(?=[，,。；;]|人才|专家|教授|学者)|国内(?=人才|专家|教授|学者)"
)


def said_not_overseas(text: str) -> bool:
    """Whether the words say the talent is not an overseas one (不是海外回来的, 非海外, 国内本土培养的)."""
    return bool(_NOT_OVERSEAS.search(normalise(text)))


# "当年是通过杭州的单位申报入选的", "以永嘉地申报入选", "在上海的公司申报上的": where a plan selection
# was applied for (附件1 二（二）'s startup rule is for those selected 以永嘉地申报)
_APPLIED_THROUGH = re.compile(
    r"(?:通过|在|以|由|经|从|用)([^，,。；;？?！!\s]{1,14}?)(?:申报|推荐|报)地?(?:入选|的|上|进)"
)
# "申报地是永嘉", "申报地在杭州": the place named after the word for it; "用永嘉的名义入选": in its name
_APPLIED_AT = re.compile(
    r"申报地(?:是|为|在|选的|选在)([^，,。；;？?！!\s]{1,14})|(?:以|用|借)([^，,。；;？?！!\s]{1,10}?)的?名义"
)
_ELSEWHERE = re.compile(
    r"外地|外省|外市|其他|其它|别的|别处|原来|原单位|老单位|以前的|之前的|国外|海外"
    r"|杭州|宁波|嘉兴|湖州|绍兴|金华|衢州|舟山|丽水|台州|温州市区|鹿城|龙湾|瓯海|瑞安|乐清"
    r"|北京|上海|天津|重庆|深圳|广州|南京|苏州|武汉|成都|西安|合肥"
    r"|[\u4e00-\u9fff]{2}(?:省|市|区)(?:的|里)?(?:单位|企业|公司|高校|大学|学校|医院|研究所|研究院|机构)?$"
)


# 附件1 一（一）: 项目领衔人应为项目主要负责人或关键技术持有者 — either one is enough. "专利和核心技术在引进的博士手里，
# 博士不是项目负责人" holds the key technology (dev56); "只是一般研发成员，既不是负责人，核心技术也不在我手上" neither.
_HOLDS_TECH = re.compile(
    r"(?:专利|核心技术|关键技术)\S{0,8}?(?<!不)(?:在|归)\S{0,8}?手(?:里|上|中)"
    r"|(?<!不)(?:掌握|持有)(?:着)?\S{0,4}(?:核心|关键)技术|(?<!不)是\S{0,4}(?:关键|核心)技术(?:的)?(?:人|持有者|持有人|负责人)"
)
_NO_TECH = re.compile(
    r"(?:核心|关键)技术\S{0,4}(?:也|都)?不在\S{0,8}手|(?:不|没有?)(?:掌握|持有)\S{0,4}(?:核心|关键)技术"
    r"|(?:核心|关键)技术\S{0,4}(?:也|都)?不是\S{0,4}(?:他|她|我)"
)
_LEADS = re.compile(
    r"(?<!不)(?<!并非)是\S{0,4}(?:项目的?)?(?:主要|总)?负责人|(?<!不)(?:负责|主持)(?:这个|整个)?项目"
)
_NOT_LEAD = re.compile(r"(?:不是|并非|不算)\S{0,6}(?:项目的?)?(?:主要|总)?负责人|不负责(?:这个|整个)?项目")
_RANK_AND_FILE = re.compile(r"(?:一般|普通)(?:的)?(?:研发)?(?:成员|员工|人员)|挂(?:个)?名")


def lead_role(text: str) -> bool | None:
    """附件1 一（一）'s lead: True when the words say the lead is the project's main person or holds its key
    technology (either is enough), False when they say neither ("既不是负责人，核心技术也不在我手上", "挂个名"),
    None when they do not say."""
    words = normalise(text)
    if _HOLDS_TECH.search(words) and not _NO_TECH.search(words):
        return True
    if _LEADS.search(words) and not _NOT_LEAD.search(words):
        return True
    if _NOT_LEAD.search(words) and (_NO_TECH.search(words) or _RANK_AND_FILE.search(words)):
        return False
    if _RANK_AND_FILE.search(words) and _NO_TECH.search(words):
        return False
    return None


# 三（三）: money borrowed from people, not a 正规金融机构's loan ("我从亲戚那借了100万，年息8%", dev61)
_INFORMAL_LENDER = re.compile(
    r"(?:亲戚|朋友|同学|家里|家人|父母|熟人|私人|个人|民间|老板个人)(?:那|那里|那儿|手里|处)?(?:借|拆借|周转|凑)"
    r"|(?:借|拆借)\S{0,4}?(?:亲戚|朋友|同学|家里|家人|父母|熟人|民间)|民间借贷|高利贷"
    # a firm that is no bank: "从他哥哥开的贸易公司借了400万" (dev65), "找一家担保公司/小贷公司/别的企业借的"
    # (not a 小额贷款公司, 担保 or 融资租赁 firm: whether such a lender is a 正规金融机构 the text leaves to the office)
    r"|从(?![^，,。；;？?借]{0,12}(?:贷款|小贷|担保|融资|租赁|典当|信托|银行|信用社|金融))"
    r"[^，,。；;？?]{0,10}?(?:公司|企业|厂|集团)(?:那|那里)?(?:借|拆借)"
)
# 三（三）'s "其企业获得…贷款": the loan taken in another's name and passed on ("集团用集团名义在银行贷了1000万，转借了
# 500万给他的新公司", "新公司自己没去银行贷款", dev65)
_NOT_OWN_LOAN = re.compile(
    r"(?:以|用)\S{0,6}?名义\S{0,10}?贷\S{0,16}?(?:转借|借给|转给|拨给)"
    r"|(?:自己|本身|自身)(?:没|没有|并没有)(?:去)?(?:向)?(?:银行)?(?:贷款|贷)"
)


def loan_not_own(text: str) -> bool:
    """Whether the words say the firm's money is a loan someone else took and passed on, not the firm's own loan."""
    return bool(_NOT_OWN_LOAN.search(normalise(text)))


def informal_loan(text: str) -> bool:
    """Whether the words say the money was borrowed from people rather than a 正规金融机构 (三（三） subsidises only a
    loan 获得正规金融机构贷款)."""
    return bool(_INFORMAL_LENDER.search(normalise(text)))


# 三（三）: "没有入选温州市人才新政十条", "十条没评上" (dev61) — the selection its 贴息 is for, said not to be had
_TEN_NOT_SELECTED = re.compile(
    r"(?:没有?|未|没能|没被)(?:入选|选上|评上|进|列入)\S{0,10}?(?:十条|10条)"
    r"|(?:十条|10条)\S{0,8}?(?:没有?|未|没能)(?:入选|选上|评上|进|列入|通过|报上|申报上|批下来)"
)


def ten_not_selected(text: str) -> bool:
    """Whether the words say the project was not selected for the city's 人才新政十条 (三（三） subsidises only a
    project 入选市“人才新政十条”科技项目)."""
    return bool(_TEN_NOT_SELECTED.search(normalise(text)))


# 附件1 一: what kind of project is wanted ("项目内容是传统泵阀的工艺改进，这种方向有没有要求？县里优先支持哪种？", dev59)
_AIM_ASKED = re.compile(
    r"(?:什么|哪种|哪类|哪些|啥)\S{0,2}(?:方向|领域|项目)|方向\S{0,6}(?:要求|限制|规定)|优先支持|重点支持|支持哪"
    r"|(?:这种|这个|这类)(?:方向|项目)\S{0,4}(?:行吗|可以吗|算吗|符合吗|有没有要求)"
)


def aim_asked(text: str) -> bool | None:
    """True when the words ask what kind of project 附件1 一 wants (its 要求…为目标, 优先支持…); None otherwise."""
    return True if _AIM_ASKED.search(normalise(text)) else None


# 附件1 一（一）: 与用人单位签订5年及以上正式劳动合同 — "签的不是劳动合同，是一份5年的技术顾问服务协议" (dev56) is not one
_NOT_LABOUR_CONTRACT = re.compile(
    r"(?:不是|并非|没签|没有签)\S{0,4}(?:正式)?劳动合同"
    r"|签的是\S{0,10}?(?:顾问|服务|劳务|合作|兼职)(?:服务)?(?:协议|合同)"
)


def labour_contract(text: str) -> bool | None:
    """False when the words say the lead's contract is not a 正式劳动合同 (a 顾问/劳务 agreement); None otherwise."""
    return False if _NOT_LABOUR_CONTRACT.search(normalise(text)) else None


# "我占25%是二股东，他是大股东", "我只是小股东", "我不是第一大股东": another holder holds more
_NOT_LARGEST = re.compile(
    r"二股东|小股东|不是(?:第一)?大股东|不是最大(?:的)?股东"
    r"|(?:他|她|朋友|合伙人|对方|别人|老板|投资人|投资方)(?:才)?是(?:第一)?大股东|大股东是(?:他|她|朋友|合伙人|别人|投资方)"
)


def largest_holder(text: str) -> bool | None:
    """False when the words say the talent is not the largest shareholder (附件1 一（二）: the lead must be
    第一大股东); None when they do not say. (Never True: "我是大股东吗" asks it.)"""
    return False if _NOT_LARGEST.search(normalise(text)) else None


# "我是2014年通过永嘉的企业申报入选省千人的", "14年入选的", "入选是在2014年": the year of a plan selection
_SELECTED_IN_YEAR = re.compile(
    r"(?<!\d)((?:19|20)\d{2}|[01]\d)\s*年(?![前后多间内来])(?:度)?[^，,。？?；;]{0,16}?(?:入选|评上|选上)"
    r"|(?:入选|评上|选上)(?:时间|年份)?(?:是在|是|在)(?:(?:19|20)\d{2}|\d{2})?((?:19|20)\d{2})\s*年"
)


def selection_year(text: str) -> int | None:
    """The year a plan selection was made, when the words give it (附件1 二（二） includes 2015's
    selections, 含2015年度入选人员, and says nothing of earlier ones)."""
    m = _SELECTED_IN_YEAR.search(plain(text))
    if m is None:
        return None
    n = int(m.group(1) or m.group(2))
    return n + 2000 if n < 100 else n


def selected_in_yongjia(text: str) -> bool | None:
    """Whether the words say a plan selection was applied for 以永嘉地 (True), through another place
    (False: "当年是通过杭州的单位申报入选的"), or do not say (None). 附件1 二（二） prices a startup project
    by its plan only for talents 以永嘉地申报入选."""
    words = normalise(text)
    if "永嘉地申报" in words:
        return True  # the text's own words (以)永嘉地申报入选
    for m in [*_APPLIED_THROUGH.finditer(words), *_APPLIED_AT.finditer(words)]:
        place = next(g for g in m.groups() if g)
        if "永嘉" in place:
            return True
        if _ELSEWHERE.search(place):
            return False
    return None


# ---- 三（八）'s trip abroad to recruit ---------------------------------------------------------------

_ABROAD = r"(?:国外|海外|境外|欧洲|美国|德国|日本|英国|法国|澳洲|澳大利亚|加拿大|韩国|新加坡|以色列|国(?=招|引|找|挖))"
_TRIP = re.compile(
    rf"(?:赴|去|到|出)\S{{0,3}}{_ABROAD}\S{{0,12}}(?:招人|招才|引才|引智|招聘|揽才|找人才|挖人)"
    rf"|(?:招才引智|引才|招聘|招人)\S{{0,6}}(?:团|活动)\S{{0,12}}(?:国外|海外|境外|欧洲|美国|出国)"
)
_ORGANISED = re.compile(
    r"统一组织|(?:市|省|国家|中央)\S{0,8}(?:组织|带队|牵头|安排)|组织部|人社|人才办|招才局"
)
_ON_OWN = re.compile(r"自己|自行|单独|自费|私下")


def overseas_trip(text: str) -> str | None:
    """Whether the words say the firm went abroad to recruit (三（八）'s 赴国外招才引智活动, 1万元 a trip):
    "organised" when by a 市级 or higher department ("跟着市人社局统一组织的团去了趟欧洲招人"), "own" when on
    its own (自己去的: not the clause's case), "unsaid" when the organiser is not said; None when no trip."""
    words = normalise(text)
    if not _TRIP.search(words):
        # "差旅补助是一个人1万，还是整个公司一共1万" asks of the clause's trip without describing one
        return "unsaid" if "差旅" in words else None
    if _ON_OWN.search(words):
        return "own"
    return "organised" if _ORGANISED.search(words) else "unsaid"


# ---- people --------------------------------------------------------------------------------------

MAX_PEOPLE = 100  # a head count in a talent question; a bigger number is a firm's staff, not its talents
_PERSON_NOUNS = "人|专家|工程师|人才|博士|院士|员工|工人|技师|高级技师|高管|海外|外国|职工|技术工人|师傅|骨干|主管|总监|教授|研究员"
# "两个老员工"; "两个技术高管", "两个外籍专家" (dev45)
_PERSON_KINDS = "老|新|年轻|资深|一线|骨干|技术|外籍|核心|研发|外地|县外|市外|省外|国外"
# 2人, 两位, 十二名, 2个人才, 5个工人; not 3人才 (151人才工程), 人民币, 人员, 第3人, 千人计划
# where they come from, between the count and the noun: "请了4个上海的专家" (dev23), "两个北京来的院士"; not a
# thing's ("5个项目的人才")
_FROM_PLACE = r"(?:(?!项目|企业|公司|单位|团队|月|年)[\u4e00-\u9fff]{1,3}来?的)?"
_PEOPLE = re.compile(
    rf"(?<![\d.第])(\d+|[一二两三四五六七八九十]+)"
    # (the guard after 人/位/名 only: "两个员工" is two people, "3人才" and "人员" are not — dev43)
    rf"(?:个(?={_FROM_PLACE}(?:{_PERSON_KINDS})?(?:{_PERSON_NOUNS}))|个?[人位名](?![才民员士]))"
)
# "我引荐了3个", "对接了两个": the people a referrer brought, counted after the verb; "今年考出来3个", "评上了两个":
# the workers newly recognised (三（五）, dev28)
_PEOPLE_BROUGHT = re.compile(
    r"(?:引荐|推荐|对接|介绍|引进|带来|考出来|考出|考取|考上|评上)了?(\d+|[一二两三四五六七八九十]+)(?:个|位|名|人)"
)
# "那我们仨一起算", "他俩": everyone counted together, said as a pronoun with 仨/俩 — the total, ahead of the
# "另外两个同事" counted on the way (dev37)
_ALL_OF_THEM = re.compile(r"(?:我们|咱们|他们|她们|你们|我|咱|他|她)(仨|俩)")
_PRONOUN_COUNT = {"仨": 3, "俩": 2}
# ("不过最后只有一位入选580", dev38: 只有/仅有 N of those counted)
_SELECTED = re.compile(
    r"(?:其中|只有|仅有|仅)([0-9]+|[一二两三四五六七八九十]+)(?:个人|个|人|位|名)?[^,，。；;]{0,12}?入选"
)


def people(text: str) -> int | None:
    """How many people the words count ("2人 年薪80万", "两位工程师", "十二名专家"), 1 to MAX_PEOPLE.

    Why: the flexible-introduction, overseas-engineer, skills and referral rules cap per person and per
    firm. The count of those selected (其中1人入选) is `selected`'s, not this one."""
    words = plain(text)
    together = list(_ALL_OF_THEM.finditer(words))
    if together and not any(m.start() > together[-1].end() for m in _PEOPLE.finditer(words)):
        # (a count said after it, "他俩…还有一个…三个人一共多少", is the later total)
        return _PRONOUN_COUNT[together[-1].group(1)]
    chosen = _SELECTED.search(words)
    brought = _PEOPLE_BROUGHT.search(words)
    if brought:
        n = _small_number(brought.group(1))
        if n is not None and 1 <= n <= MAX_PEOPLE:
            return n
    for m in _PEOPLE.finditer(words):
        if chosen and m.start() < chosen.end() and chosen.start() < m.end():
            continue
        n = _small_number(m.group(1))
        if n is not None and 1 <= n <= MAX_PEOPLE:
            return n
    return None


# 三（十）: a fee for each talent referred who 完成…申报、评审 — "介绍了5个…其中4个完成了浙江省千人计划的申报评审，还有1个
# 还在谈" (dev56) is 4 referred for the fee, not 5
_COMPLETED = re.compile(
    r"([0-9]+|[一二两三四五六七八九十]+)(?:个人|个|位|名|人)?(?:都|均|全|全部)?(?:走完|完成|做完)了?[^,，。；;]{0,12}?"
    r"(?:申报|评审)"
)


def referred_completed(text: str) -> int | None:
    """How many referred talents the words say completed the 申报、评审 (三（十）'s fee is for them); None when
    the words do not say."""
    m = _COMPLETED.search(plain(text))
    return _small_number(m.group(1)) if m else None


def selected(text: str) -> int | None:
    """How many of the people counted were selected ("其中1位入选了580计划"): 三（十） pays per selection.
    None selected when the words say so and name no selection besides ("评审都走完了但最后没选上", dev38)."""
    words = plain(text)
    m = _SELECTED.search(words)
    if m:
        return _small_number(m.group(1))
    if _NOT_SELECTED.search(words) and not _SELECTED_ANY.search(_NOT_SELECTED.sub("", words)):
        return 0
    return None


_NOT_SELECTED = re.compile(r"(?:没有?|未|没能)(?:选上|入选|评上|选中)|落选")
_SELECTED_ANY = re.compile(r"入选|选上|评上|选中")


# ---- the company's age (附件1 一（二）: 创业 firms within 3 years) ------------------------------------

_FOUNDED = re.compile(r"((?:19|20)\d\d)年(?:注册|成立|创办)|(?:注册|成立|创办)(?:于|在)((?:19|20)\d\d)年")
_THIS_YEAR = re.compile(r"今年(?:是)?((?:19|20)\d\d)")
# ("注册到现在三年零两个月了", dev29: past 3周年 by two months, not 3)
_AGE = re.compile(
    # ("我们公司注册已经满4年了", dev44: 已经满 before the years)
    r"(?:成立|注册|创办)(?:到现在|至今|以来|到今天)?[^\d，。,；;？?]{0,4}?(?<!\d)(\d{1,2}|[一二两三四五六七八九十]+)(?:个)?(?:整)?年"
    r"(半|多|零?(\d{1,2}|[一二两三四五六七八九十]+)个?月)?"
)
# ("我們在永嘉的公司是四年多前成立的", dev42): the years before 成立
_AGE_AGO = re.compile(
    r"(?<![\d年])(\d{1,2}|[一二两三四五六七八九十]+)(?:个)?年(多)?(?:以前|之前|前)(?:就|才|刚)?(?:成立|注册|创办)"
)
# "N年多": more than N whole years by less than a year; a month's fraction too small to show as months, so that
# the condition is checked against more than N (三年多 is past 3周年) and the age is said as "N年多"
MORE_THAN_YEARS = Decimal("0.001")


def company_age(text: str) -> Decimal | int | None:
    """Years since the company was founded: "成立了3年" → 3; "成立都三年半了" → 3.5; "2012年注册的，今年
    2016年" → 4; "2014年5月成立…现在是2016年8月" → 2.25; "四年多前成立的" → 4 and a little (MORE_THAN_YEARS).

    "今年" must be written with its year: the texts date from 2016–2018, so today's date would answer a
    question the talent did not ask."""
    words = plain(text)
    m = _AGE.search(words)
    if m:
        n = _small_number(m.group(1))
        if n is None or not m.group(2):
            return n
        if m.group(2) == "半":
            return n + Decimal("0.5")
        if m.group(2) == "多":
            return n + MORE_THAN_YEARS
        extra = _small_number(m.group(3))
        return n + Decimal(extra) / 12 if extra is not None and extra < 12 else n
    months = _months_between(words, _FOUNDED_MONTH)
    if months is not None:
        return Decimal(months) / 12
    founded, now = _FOUNDED.search(words), _THIS_YEAR.search(words)
    if founded and now:
        year = int(founded.group(1) or founded.group(2))
        if int(now.group(1)) >= year:
            return int(now.group(1)) - year
    ago = _AGE_AGO.search(words)
    if ago and (n := _small_number(ago.group(1))) is not None:
        return n + MORE_THAN_YEARS if ago.group(2) else n
    m = _FOUNDED_RELATIVE.search(words)
    if m:
        return _YEARS_AGO[m.group(1)]  # "公司去年刚成立": a year, whatever today's date is
    return None


_YEARS_AGO = {"今年": 0, "去年": 1, "前年": 2}
_FOUNDED_RELATIVE = re.compile(r"(今年|去年|前年)\S{0,2}?(?:才|刚刚|刚)?(?:成立|注册|创办)")


# ---- 附件1 一（一）: 创新类 conditions (years full time, contract, months a year) ----------------------------

_YM = r"((?:19|20)\d\d)年(\d{1,2})月"
_FOUNDED_MONTH = re.compile(rf"{_YM}\S{{0,4}}?(?:成立|注册|创办)")
_JOINED_MONTH = re.compile(rf"{_YM}\S{{0,8}}?(?:入职|全职|来永嘉|到永嘉|来永|进)")
_LATER_MONTH = re.compile(
    rf"(?:现在|目前|今年|打算|准备|计划|到时候|预计)\S{{0,4}}?{_YM}|{_YM}\S{{0,4}}?(?:申报|报|申请)"
)
_FULL_TIME = (
    re.compile(rf"(?:全职|来永嘉|来永|在永嘉)[^，。,；;？?]{{0,8}}?{_N}(?:个)?(?:整)?年(半)?"),
    re.compile(rf"{_N}(?:个)?年(半)?(?:多|出头)?[^，。,；;？?\d]{{0,2}}?(?:全职|来永嘉)"),
    # "我是三年前的今天全职到永嘉上班的" (dev55): the years since
    re.compile(rf"{_N}年(半)?前\S{{0,6}}?(?:全职|来永嘉|到永嘉)"),
    # "我2012年就全职到永嘉上班了，到现在四年多了" (dev75): the years to now, said after the move
    re.compile(
        rf"(?:全职|来永嘉|到永嘉)[^。？?]{{0,14}}?(?:到现在|至今|到今年|到今天)(?:已经|都|有|也)?{_N}(?:个)?(?:整)?年(半)?"
    ),
)
# "四年多", "3年出头": more than the whole years said — past a bound of that many years
_MORE_THAN = re.compile(r"^(?:多|出头)")
# the months after the years ("全职在永嘉已经3年零2个月了", dev56): past the 未超过3年 bound
_AND_MONTHS = re.compile(rf"^(?:零|又)?{_N}个月")
# "到今天正好满3年", said of the full-time years when the words speak of them
_FULL_YEARS = re.compile(rf"(?:正好|刚好|刚|整整|已经|已)?满{_N}(?:个)?(?:整)?年(半)?")
_CONTRACT = (
    re.compile(rf"(?:合同|聘用合同|劳动合同|聘期)[^，。,；;？?]{{0,6}}?{_N}年"),
    re.compile(rf"签(?:了|的是|的)?{_N}年的?(?:正式)?(?:劳动|聘用)?合同"),
    # "签的是4年的正式劳动合同" (dev56)
    re.compile(rf"{_N}年(?:期)?的?(?:正式)?(?:劳动|聘用)合同"),
)
_MONTHS_A_YEAR = re.compile(rf"(?:每年|一年|年均)\S{{0,10}}?{_N}个?月")


def _months_between(words: str, start: re.Pattern[str]) -> int | None:
    """Whole months from a dated event (`start`: 2014年5月成立) to a later date the words give (现在是
    2016年8月, 2016年12月报), when both are written with year and month."""
    first = start.search(words)
    if not first:
        return None
    rest = words[first.end() :]
    later = _LATER_MONTH.search(rest)
    if not later:
        return None
    y, mo = (later.group(1), later.group(2)) if later.group(1) else (later.group(3), later.group(4))
    months = (int(y) - int(first.group(1))) * 12 + int(mo) - int(first.group(2))
    return months if months >= 0 else None


def years_full_time(text: str) -> Decimal | int | None:
    """Years worked full time in 永嘉: "来永嘉全职已经3年半" → 3.5; "2014年3月全职入职…打算2016年12月报" →
    2.75. None when the words give neither."""
    words = plain(text)
    months = _months_between(words, _JOINED_MONTH)
    if months is not None:
        return Decimal(months) / 12
    for pattern in _FULL_TIME:
        m = pattern.search(words)
        if m:
            n = _years_said(m)
            more = _AND_MONTHS.match(words[m.end() :])
            if isinstance(n, int) and more and (k := _small_number(more.group(1))):
                return n + Decimal(k) / 12  # 3年零2个月: more than 3 years
            if isinstance(n, int) and _MORE_THAN.match(words[m.end() :]):
                return n + MORE_THAN_YEARS  # 3年多: past 3 years, by how much unsaid
            return n
    m = _FULL_YEARS.search(words)
    return _years_said(m) if m and re.search(r"全职|来永嘉|到永嘉", words) else None


def _years_said(m: re.Match[str]) -> Decimal | int | None:
    """The years a match states: its count (group 1), and half a year more when it says 半 (group 2)."""
    n = _small_number(m.group(1))
    return n + Decimal("0.5") if n is not None and m.group(2) else n


# 台州 六、25.: years in the firm ("我在这干了两年半", "在本企业连续工作了4年", "去年才跳槽到这家国企")
_YEARS_WORKED = re.compile(
    rf"(?:在这|在这里|在这家|在本企业|在企业|在公司|在单位|连续)\S{{0,6}}?(?:干了|工作了|待了|呆了|干|工作)(?:快|近|将近)?{_N}(?:个)?(?:整)?年(半)?"
)
_JOINED_RELATIVE = re.compile(r"(今年|去年)\S{0,2}?(?:才|刚刚|刚)?(?:跳槽|入职|进|来)")
# "我才进公司两年", "入职三年了", "来单位快4年": the years since joining
_YEARS_SINCE_JOINING = re.compile(
    rf"(?:进|入职|来|到)(?:公司|单位|企业|厂|这家\S{{0,4}}?|本企业)?(?:才|刚|刚刚|已经|已)?(?:快|近|将近)?{_N}(?:个)?(?:整)?年(半)?"
)
# "我才干了两年，现在能拿吗" (dev16): the speaker's own years, said of the job just asked about
_OWN_YEARS = re.compile(
    rf"(?:我|本人)(?:才|刚|已经|已|都)?(?:干了|工作了|做了|待了|呆了)(?:快|近|将近)?{_N}(?:个)?(?:整)?年(半)?"
)


def years_worked(text: str) -> Decimal | int | None:
    """Years worked in the firm: "我在这干了两年半" → 2.5, "我才进公司两年" → 2; "去年才跳槽到这家国企" → 1 (joined last year: at
    most two years, so under 六、25.'s 三年 either way). None when the words give neither."""
    words = plain(text)
    m = _YEARS_WORKED.search(words) or _YEARS_SINCE_JOINING.search(words) or _OWN_YEARS.search(words)
    if m:
        n = _small_number(m.group(1))
        return n + Decimal("0.5") if n is not None and m.group(2) else n
    joined = _JOINED_RELATIVE.search(words)
    return _YEARS_AGO[joined.group(1)] if joined else None


def contract_years(text: str) -> int | None:
    """The labour contract's years: "合同签了6年" → 6; "劳动合同暂时只签了3年" → 3."""
    words = plain(text)
    m = next((found for p in _CONTRACT if (found := p.search(words))), None)
    return _small_number(m.group(1)) if m else None


# 附件1 一（二）: 创业类 — the lead's own share and money, and whether another holds more (站股 is 占股 typed by
# its sound: "我在永嘉的公司里站股25%", dev42)
_OWN_SHARE = re.compile(
    r"(?:我(?!们)|本人|自己|领衔人)[^，。,；;？?]{0,10}?(?:占股?|站股|持股|股份|股权)[^，。,；;？?\d]{0,4}?(\d+(?:\.\d+)?)\s*%"
)
# ("他股份最多，但也只有25%": the share may come after a comma when 只有/才 says it is the figure)
_ANY_SHARE = re.compile(
    r"(?:占股?|站股|持股|股份|股权)(?:[^，。,；;？?\d]{0,4}?|[^。；;？?\d]{0,8}?(?:只有|只占|仅有|仅占|才占?|也就))"
    r"(\d+(?:\.\d+)?)\s*%"
)
# the share before its noun ("我只有25%的股份，但其他几个人都比我少", dev29)
_OWN_SHARE_BEFORE = re.compile(
    r"(?:我(?!们)|本人|自己|领衔人)[^，。,；;？?\d]{0,6}?(\d+(?:\.\d+)?)\s*%\s*的?(?:股份|股权)"
)
_ANY_SHARE_BEFORE = re.compile(r"(\d+(?:\.\d+)?)\s*%\s*的?(?:股份|股权)")
# the text's threshold quoted back ("文件里说股权不低于30%"), not anyone's holding
# ("听说县里文件写股权要30%", dev24)
_THRESHOLD = re.compile(r"不低于|不少于|至少|要求|需要|必须|规定|以上|[权份]要|写着?|文件")
# a holder who is not the lead: "第一大股东是一家投资机构", "投资人占51%"
_OTHER_HOLDER = re.compile(
    r"(?:第一大股东|最大股东|大股东)(?:是|为)|投资人|投资方|投资机构|基金|合伙人|别人|另一个股东"
)
_OWN_MONEY = re.compile(
    r"(?:我(?!们)|本人|自己|领衔人)[^，。,；;？?]{0,6}?(?:实际)?(?:投入|投资|投了|投进去?|出资|拿出|掏了)了?[^，。,；;？?\d]{0,6}?"
    r"(\d+(?:\.\d+)?)\s*多?\s*(万|亿)"  # "投了300多万": at least 300万
)


def shares(text: str) -> tuple[Decimal | None, Decimal | None]:
    """(the lead's own share, the largest other share the words give), in %: "投资人占51%，我这个技术带头人
    占30%" → (30, 51). The own share is the one said of 我/本人; with one share only, it is the lead's."""
    words = plain(text)
    own_m = _OWN_SHARE.search(words) or _OWN_SHARE_BEFORE.search(words)
    every = sorted(
        {
            m.start(1): Decimal(m.group(1))
            for pattern in (_ANY_SHARE, _ANY_SHARE_BEFORE)
            for m in pattern.finditer(words)
            if not _THRESHOLD.search(words[max(0, m.start() - 4) : m.end() + 2])
        }.items()
    )
    if own_m is None and len(every) == 2:
        # "老板是创始人，占35%，但第一大股东是一家投资机构，占45%": the share said of another holder is
        # the other one, so the remaining share is the lead's
        # (the words just before each share name its holder: "博士合伙人牵头…他占股35%…但另外一个投资人占了
        # 40%" — the lead is also a 合伙人, said further back, dev18)
        firsts = [
            words[max(0, every[0][0] - 12) : every[0][0]],
            words[max(every[0][0], every[1][0] - 12) : every[1][0]],
        ]
        held = [bool(_OTHER_HOLDER.search(w)) for w in firsts]
        if held == [False, True]:
            return every[0][1], every[1][1]
        if held == [True, False]:
            return every[1][1], every[0][1]
    if own_m is None:
        return (every[0][1], None) if len(every) == 1 else (None, None)
    own = Decimal(own_m.group(1))
    others = [v for at, v in every if not (own_m.start() <= at < own_m.end())]
    return own, (max(others) if others else None)


def own_investment(text: str) -> int | None:
    """The lead's own money put in ("本人实际投了300万" → 3000000), in 元."""
    m = _OWN_MONEY.search(plain(text))
    if not m:
        return None
    return inputs.amount_yuan(m.group(1) + m.group(2), "本人投入的实际资金")


# counts of things a 台州 target is a share of: "一共上了35个项目", "规划600套", "申请量是5000件"
_PROJECTS = re.compile(r"(?<![\d.])(\d+)\s*个(?:人才)?(?:创业)?项目")
_HOMES = re.compile(r"(?<![\d.])(\d+)\s*套")
_PIECES = re.compile(r"(?<![\d.])(\d+)\s*件")


def _first_count(pattern: re.Pattern[str], text: str) -> int | None:
    m = pattern.search(plain(text))
    return int(m.group(1)) if m else None


def projects(text: str) -> int | None:
    """Projects counted in the words ("一共上了50个项目" → 50)."""
    return _first_count(_PROJECTS, text)


# several firms with one loan each ("两家公司各贷了400万", dev64) — not one firm's loans at two banks (_EACH_LOAN)
_FIRMS_EACH = re.compile(r"(?P<n>[2-9两二三四五])家(?:公司|企业|单位)[^，,。；;？?]{0,8}各(?:自)?(?:贷|借)")


def firms_each(text: str) -> int | None:
    """The number of firms said to have taken a loan each ("两家公司各贷了400万" → 2); None otherwise."""
    m = _FIRMS_EACH.search(plain(text))
    return _small_number(m.group("n")) if m else None


def homes(text: str) -> int | None:
    """Homes counted in the words ("商品房规划一共600套" → 600)."""
    return _first_count(_HOMES, text)


# a floor area: "总建筑面积10万平方米", "8万平", "3000㎡" (not 平均, 平台, 平安)
_FLOOR_AREA = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*(万)?\s*(?:平方米|平方|平米|㎡|[mM]2|平(?![均台安时常等衡稳价]))"
)


def floor_area(text: str) -> int | None:
    """A floor area in square metres ("总建筑面积10万平方米" → 100000, "8万平" → 80000); None when none is said."""
    m = _FLOOR_AREA.search(plain(text))
    if m is None:
        return None
    value = Decimal(m.group(1)) * (10_000 if m.group(2) else 1)
    return int(value) if value == value.to_integral_value() else None


def patents(text: str) -> int | None:
    """A count of applications in 件 ("发明专利申请量是5000件" → 5000)."""
    return _first_count(_PIECES, text)


def months_per_year(text: str) -> int | None:
    """Months a year worked in 永嘉: "一年最多过来8个月" → 8; "每年在永嘉10个月以上" → 10."""
    words = plain(text)
    if _HALF_A_YEAR.search(words):
        return 6  # "一年大概只能在这边待半年" (dev18)
    away_before = _MONTHS_AWAY.search(words)
    if away_before:
        # "每年还得回国外的实验室待四五个月": months away, the fewer of a range (the most in 永嘉) (dev18)
        n = _small_number(away_before.group(1)) or _small_number(away_before.group(1)[:1])
        return 12 - n if n is not None and n <= 12 else None
    m = _MONTHS_A_YEAR.search(words)
    n = _small_number(m.group(1)) if m else None
    low = n
    if n is None:
        # "一年顶多能过去待四五个月": a range of months (dev20) — the most in 永嘉 is its upper end, or, for
        # months away, 12 less its lower end
        m = _MONTHS_RANGE.search(words)
        ends = sorted(_small_number(m.group(i)) or 0 for i in (1, 2)) if m else None
        low, n = (ends[0], ends[1]) if ends else (None, None)
    if n is None or low is None or n > 12:
        return None
    # "每年有两个月要回杭州": months away from 永嘉, so the year in 永嘉 is the rest
    away = (
        re.match(r"[^，。,；;？?]{0,3}?(要回|回|不在|离开|出去|在外|在杭州|在上海|外地)", words[m.end() :])
        if m
        else None
    )
    return 12 - low if away else n


_MONTHS_RANGE = re.compile(
    r"(?:每年|一年|年均)\S{0,10}?([一二两三四五六七八九十])([一二两三四五六七八九十])个?月"
)
_HALF_A_YEAR = re.compile(
    r"(?:每年|一年)\S{0,10}?(?:在这边|在永嘉|在这里|在这儿)\S{0,3}?(?:待|呆|工作|干)?半年"
)
_MONTHS_AWAY = re.compile(
    r"(?:每年|一年)\S{0,4}?(?:要|还得|得|需要)?(?:回|去|在)(?:国外|海外|外地|老家|原单位|杭州|上海|北京)\S{0,8}?"
    r"(?:待|呆|工作|干)([一二两三四五六七八九十]{1,2}|\d{1,2})个?月"
)


# ---- years already counted, an agreement's term (附件2 第七条 3年, 第六条 一年以上) -------------------------

_YEARS_DONE = re.compile(
    rf"(?:已经|已|连续|前)\S{{0,3}}?(?:拿|领|享受|申请|计入|获得|获)了?{_N}(?:个)?年(?!度?以)"
)
_YEAR_NTH = re.compile(rf"第{_N}年")
_TERM = re.compile(rf"(半年|{_N}个?(月|年))")
_NOT_A_TERM_BEFORE = re.compile(r"(?:第|没到|不到|不足|未满|没满|超过|多于|少于|满|每)$")
# a year said as the span a time in the place is asked for ("协议里一年至少要写他在永嘉待多少天", dev73): per year, not
# the agreement's term
_PER_SPAN_AFTER = re.compile(
    r"^(?:里|内|之内|中)?(?:至少|最少|起码|最多|得|要|需要|必须)\S{0,14}?(?:多少天|几天|多久|多长时间|几个月)"
)
_CORRECTED = re.compile(r"不对|说错了|搞错了|写错了|更正|纠正一下|其实是")


def years_counted(text: str) -> int | None:
    """Years a reward has already been had for the same person: "已经连续拿了3年" → 3; "今年第4年还能
    申请吗" → 3 (the years before this one). None when the words give neither."""
    words = plain(text)
    m = _YEARS_DONE.search(words)
    if m:
        return _small_number(m.group(1))
    m = _YEAR_NTH.search(words)
    n = _small_number(m.group(1)) if m else None
    return n - 1 if n else None


# income that is not pay for work, asked whether 附件2 第七条's 年计税劳动报酬 counts it
_NON_WAGE = re.compile(r"股份分红|分红|股息|红利|利润分成|股权收益|期权收益|股权激励|期权")
_COUNTS_ASKED = re.compile(r"算不算|算|计入|计不计|能不能|可不可以|可以|能否|是否|包括|包不包括")
_NO_WAGE = re.compile(r"不拿工资|不领工资|没有工资|没工资|不发工资|不拿薪水|没有薪水")


def pay_kind(text: str) -> str | None:
    """Income that is not pay for work ("分红", "期权") when the words ask whether it counts or say it is all
    the talent gets ("平时不拿工资，年底只按股份分红…分红算不算他的报酬", dev23); None otherwise. 附件2 第七条
    counts 年计税劳动报酬, and whether such income is part of it the text does not say."""
    words = plain(text)
    m = _NON_WAGE.search(words)
    if m is None:
        return None
    after = words[m.end() : m.end() + 8]
    return m.group(0) if _COUNTS_ASKED.search(after) or _NO_WAGE.search(words) else None


# a total over years asked: "3年下来公司总共能拿到多少", "三年加起来一共多少"
_YEARS_SUMMED = re.compile(rf"{_N}(?:个)?年(?:下来|算下来|累计|一共|总共|合计|加起来|加在一起|总计)")
_SUM_OVER = re.compile(r"总共|一共|累计|合计|加起来|总计")
# the years of an agreement pointed back at ("协议准备签两年…这两年企业都能拿奖励吗？一共能拿多少", dev78)
_THESE_YEARS = re.compile(rf"这{_N}(?:个)?年")


def years_summed(text: str) -> int | None:
    """The years a question asks a total over ("合约签了3年，3年下来公司总共能拿到多少" → 3, dev24); None when it
    asks one year's figure. 附件2 第七条 pays a year at a time, at most 3 years for one person."""
    words = plain(text)
    m = _YEARS_SUMMED.search(words) or _THESE_YEARS.search(words)
    if m is None or not _SUM_OVER.search(words):
        return None
    n = _small_number(m.group(1))
    return n if n is not None and 1 < n <= 50 else None


def agreement_months(text: str) -> int | None:
    """An agreement's term in months, from words that name one near 签/协议/服务 ("协议只签半年" → 6,
    "签了8个月" → 8, "服务期2年" → 24); None without such a term."""
    words = plain(text)
    if not re.search(r"签|协议|合同|服务期|服务时间|约定", words):
        return None
    # a year counted (第一年) or a bound compared with (没到一年) is not the term
    terms = [
        t
        for t in _TERM.finditer(words)
        if not _NOT_A_TERM_BEFORE.search(words[: t.start()]) and not _PER_SPAN_AFTER.search(words[t.end() :])
    ]
    if not terms:
        return None
    # a correction replaces the term said before it ("约定服务期限两年" then "不对，我说错了，协议上写的是十个月", dev57)
    m = terms[-1] if _CORRECTED.search(words) else terms[0]
    if m.group(1) == "半年":
        return 6
    n = _small_number(m.group(2))
    if n is None:
        return None
    return n if m.group(3) == "月" else n * 12


# ---- category, rating, project type, percent ---------------------------------------------------------

# 第三类, 第3类, 三类, 那第二类; not 哪一类, 几类, 这一类, 第1至第5类 (a range), 第15类, 分五类 (a count)
# what follows a bare N类 meaning "a kind of", not 第N类: "人才联谊会一类的组织" (dev48); nlu_components.entity_rules too
A_KIND_OF = r"的?(?:组织|活动|东西|事情|机构|平台|场所|地方|协会|团体|社团)"
_CATEGORY = re.compile(
    r"(?<![至到\-~、])第[1-5一二三四五]类|(?<![哪几每各这那同某另至到第分共\-~、\d])[1-5一二三四五]类"
    # ("人才联谊会一类的组织": 一类 is "a kind of", dev48)
    rf"(?!{A_KIND_OF})"
)
# "那二类和三类人才，县里各自最多给多少" (dev29): 那 before 二 to 五 starts the sentence; only 那一类 is "that category"
_THEN_CATEGORY = re.compile(r"(?<=那)[2-5二三四五]类")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")


def category(text: str) -> int | None:
    """The talent category the words name (第N类, 1–5), read by policy_kb.inputs."""
    m = _CATEGORY.search(plain(text))
    try:
        return inputs.category(m.group(0)) if m else None
    except InputError:
        return None


# a category the talent hopes titles will raise them to, not one they hold: "这么多头衔加在一起…能不能往上算一档、变成
# 第4类？" (dev50), "能不能升到第3类", "可以算成第2类吗"
_HOPED_CATEGORY = re.compile(
    r"(?:变成|变为|升为|升到|升至|提到|提为|提升到|上升到|算成|算到|评成|认定成|认成|往上\S{0,6}?)"
    r"(第\s*[1-5一二三四五]\s*类)"
    # "在读博士…我现在就能按第5类申请吗" (dev55): applying as a category is hoping to hold it
    r"|(?:就能|能不能|能否|可不可以|可以|能)按(第\s*[1-5一二三四五]\s*类)\S{0,3}(?:申请|申报|享受|报|算)"
    # "国家级的奖应该算永嘉的第2类吧？" (dev64): the asker's own guess at the category, which the title settles
    r"|(?:应该|估计|大概|可能|是不是|算不算)\S{0,6}?(第\s*[1-5一二三四五]\s*类)"
)
_HOPE_ASKED = re.compile(r"能不能|能否|可不可以|可以|是否|会不会|吗|么|吧|有没有可能|是不是|算不算")


# a category the talent holds ("专家是第5类人才", "属于第3类") and one they only compare with ("跟第4类一样按30%算")
_HELD_CATEGORY = re.compile(r"(?:是|属于|认定为|认定成|评为|算|为)\s*(第\s*[1-5一二三四五]\s*类)")
_COMPARED_CATEGORY = re.compile(
    r"(?:跟|和|与|像|同|比|按)\s*(第\s*[1-5一二三四五]\s*类)[^，,。？?]{0,6}?(?:一样|相同|那样|同样|一个标准|的标准)"
)


def category_compared(text: str) -> tuple[int, int] | None:
    """(held, compared) when the words say the talent's category and set another beside it: "专家是第5类人才，
    他的项目评了个一般推荐…是不是跟第4类一样按30%算" (dev45) is 第5类's, not 第4类's; None otherwise."""
    words = plain(text)
    held, compared = _HELD_CATEGORY.search(words), _COMPARED_CATEGORY.search(words)
    if held is None or compared is None:
        return None
    pair = (category(held.group(1)), category(compared.group(1)))
    if pair[0] is None or pair[1] is None or pair[0] == pair[1]:
        return None
    return pair[0], pair[1]


def hoped_category(text: str) -> int | None:
    """The category the words ask to be raised to ("…能不能往上算一档、变成第4类？"), None when none is."""
    words = plain(text)
    m = _HOPED_CATEGORY.search(words)
    if m is None or not _HOPE_ASKED.search(words):
        return None
    return category(next(g for g in m.groups() if g))


# people counted by category: "两个第5类再加一个第4类", "三位第3类人才", "第5类的两个" (dev67)
_COUNT = r"(?P<n>\d{1,2}|[一两二三四五六七八九十]{1,2})\s*(?:个|位|名)"
_HEADCOUNT = re.compile(
    _COUNT + r"(?:人)?(?:都是|是|均为|为)?\s*第\s*(?P<c>[1-5一二三四五])\s*类"
    r"|第\s*(?P<c2>[1-5一二三四五])\s*类(?:人才)?(?:的)?\s*(?P<n2>\d{1,2}|[一两二三四五六七八九十]{1,2})\s*(?:个|位|名)"
)


def headcounts(text: str) -> list[tuple[int, int]]:
    """(people, category) for each count of people the words give a category ("引两个第5类再加一个第4类" →
    [(2, 5), (1, 4)]), in the order said; [] when no count is said before or after a category.

    Why: a sum over a group ("最高一共多少") is the count times each category's cap — the categories alone
    (第5类, 第4类) would price one person of each."""
    found = []
    for m in _HEADCOUNT.finditer(plain(text)):
        n = _small_number(m.group("n") or m.group("n2"))
        c = inputs.category(m.group("c") or m.group("c2"))
        if n is not None and 0 < n <= 50 and c is not None:
            found.append((n, c))
    return found


def categories(text: str) -> list[int]:
    """Every category the words name, in the order named, each once ("第2类的…我合伙人是第3类的" → [2, 3];
    "认成市级领军人才呢，比县级能多拿多少" → [4, 5]).

    Why: a question may name two categories apart to compare them; one pattern (`_CATEGORY`) reads them, as
    it reads the one `category` returns. A category at either end of a range (第1类至第3类) is not one named."""
    from policy_kb.catalogue import class_names, class_pattern  # (the catalogue reads through inputs)

    words = plain(text)
    found = [
        (m.start(), inputs.category(m.group(0)))
        for pattern in (_CATEGORY, _THEN_CATEGORY)
        for m in pattern.finditer(words)
        if not re.match(r"[\-~、至到]", words[m.end() : m.end() + 1])
    ]
    # the names 二 gives the categories ("那要是我能认成市级领军人才呢"), and their level alone where it is
    # compared with ("比县级能多拿多少": 县级领军人才, 第5类)
    names, named = class_names(), class_pattern()
    if named is not None:
        found += [(m.start(), names[m.group(0)]) for m in named.finditer(words)]
    # "市级领军和省级领军两档人才" (dev29): a 领军人才 name without 人才 — not 省级领军型创业创新团队, a team
    short = short_class_names()
    if short is not None:
        pattern, category_of = short
        found += [(m.start(), category_of[m.group(0)]) for m in pattern.finditer(words)]
    compared = _compared_levels()
    if compared is not None:
        levels = {name.removesuffix(_LEADING): n for name, n in names.items()}
        found += [(m.start(1), levels[m.group(1)]) for m in compared.finditer(words)]
    return list(dict.fromkeys(c for _, c in sorted(found, key=lambda f: f[0]) if c is not None))


_LEADING = "领军人才"


@lru_cache(maxsize=1)
def short_class_names() -> tuple[re.Pattern[str], dict[str, int]] | None:
    """The names 二 gives that end in 领军人才, without 人才 (市级领军 → 第4类): one pattern, and each name's
    category. Not followed by 人才 (the full name is read as itself) or 型 (领军型团队, a team's)."""
    from policy_kb.catalogue import class_names

    short = {name.removesuffix("人才"): n for name, n in class_names().items() if name.endswith(_LEADING)}
    if not short:
        return None
    alternation = "|".join(re.escape(s) for s in sorted(short, key=len, reverse=True))
    return re.compile(rf"(?:{alternation})(?!人才|型)"), short


@lru_cache(maxsize=1)
def _compared_levels() -> re.Pattern[str] | None:
    """A category's level alone after a word of comparison ("比县级", "和国家级的"): the names 二 gives that end
    in 领军人才, without it."""
    from policy_kb.catalogue import class_names

    levels = [n.removesuffix(_LEADING) for n in class_names() if n.endswith(_LEADING)]
    if not levels:
        return None
    alternation = "|".join(re.escape(lv) for lv in levels)
    return re.compile(rf"[比跟和与]({alternation})(?=的|呢|人才|能|多|少|[，。？?！!]|$)")


_STUTTER = re.compile(r"推推荐|推荐荐")  # "重点推推荐": a key pressed twice


def rating(text: str) -> str | None:
    """The review rating the words name (特别推荐 … 不予推荐)."""
    words = _STUTTER.sub("推荐", plain(text))
    return next((r for r in inputs.RATINGS if r in words), None)


_STEMS = {r.removesuffix("推荐"): r for r in inputs.RATINGS}  # 特别 → 特别推荐 …
_STEM = "|".join(_STEMS)
# "特别/重点/一般推荐", "特别、重点推荐": stems listed before one 推荐
_RATING_LIST = re.compile(rf"(?:(?:{_STEM})(?:推荐)?\s*[/、，,和与及跟]\s*)+(?:{_STEM})推荐")
# "三档各多少", "每一档分别给多少": every rating a project is paid for, none named
_EVERY_RATING = re.compile(
    r"(?:三|每一?|各)(?:个)?(?:档|等级|档次|种推荐)\S{0,8}?(?:各|分别|都|列)|(?:各|每一?)个?档"
)


def ratings_named(text: str) -> list[str]:
    """The review ratings the words name, in their order, with a list's shared 推荐 read for each stem
    ("特别/重点/一般推荐 三档各多少钱" is three ratings, not 一般推荐 alone); "三档各多少" with none named is the
    three paid ones (不予推荐 is paid nothing)."""
    words = _STUTTER.sub("推荐", plain(text))
    found: dict[str, int] = {}
    for m in _RATING_LIST.finditer(words):
        for s in re.finditer(_STEM, m.group(0)):
            found.setdefault(_STEMS[s.group(0)], m.start() + s.start())
    for r in inputs.RATINGS:
        if r in words:  # each at its first mention, in a list or alone
            found[r] = min(found.get(r, len(words)), words.find(r))
    if not found and _EVERY_RATING.search(words):
        return list(inputs.RATINGS[:3])
    return sorted(found, key=found.__getitem__)


# 创新/创业 inside a title or a name, not a project's type: "市级重点创新团队带头人", "创新型企业"
_NOT_A_TYPE = re.compile(
    r"创业创新|创新创业|创新团队|创业团队|创新型|科技创新|自主创新|创新能力|创新平台|创新中心|创新成果|协同创新|创新基金"
)


LIKENED_TO = r"也(?:跟|和|与|同|像)"


# a project described, not named: a talent doing R&D inside the employer's firm, not founding their own (附件1
# 一（一）'s 创新类: 与用人单位签订…劳动合同) — "项目是在我们公司里搞研发的那种，不是他自己开公司" (dev55). (Founding
# one's own firm is not read as 创业: the talent asking "自己开的公司…该报哪一类" is answered with both, and reading it
# so lost two held-out answers.)
_OWN_FIRM = r"(?:他|她|我|人才)?自己(?:开|办|创办|注册)(?:的|了)?(?:公司|企业|厂)"
_DESCRIBED_INNOVATION = re.compile(
    rf"(?:不是|并非|而不是|没有)\S{{0,2}}{_OWN_FIRM}|不是自己创业"
    r"|在(?:我们|用人单位|本|这家)?(?:公司|单位|企业|厂)(?:里|里面|内部)?(?:搞|做|从事|负责)(?:技术)?研发"
)


def project_types(text: str) -> tuple[str, ...]:
    """The project types the words name (创业创新团队 names neither; 重点创新团队带头人 is a title, not a
    project type): "创业项目和创新项目的第一笔钱分别是多少" names both; a project only described as R&D in the
    employer's firm ("在我们公司里搞研发的那种，不是他自己开公司") is 创新."""
    words = _NOT_A_TYPE.sub("", plain(text))
    found = tuple(t for t in inputs.PROJECT_TYPES if t in words)
    if not found and _DESCRIBED_INNOVATION.search(words):
        return ("创新",)
    if len(found) > 1:
        # "创新类是不是也跟创业类一样，第一期先拨40%": the type it is likened to is not the one asked about
        # (not "创新类和创业类一样吗", which asks about both)
        asked = tuple(t for t in found if not re.search(LIKENED_TO + t, words))
        found = asked or found
    if len(found) > 1:
        # "他是全职来做研发的创新项目，不是自己创业" (dev42): the type denied is not the project's
        kept = tuple(t for t in found if not re.search(_DENIED_TYPE + t, words))
        found = kept or found
    return found


# a project type said not to be the one ("不是自己创业", "并非创新类")
_DENIED_TYPE = r"(?:不是|不属于|并非|不算|而不是|没有)(?:自己|自主|我们)?(?:去|来)?"


def project_type(text: str) -> str | None:
    """创业 or 创新 when the words name exactly one of them."""
    found = project_types(text)
    return found[0] if len(found) == 1 else None


def innovation_project(text: str) -> bool:
    """Whether the words name their project as 创新类 and no 创业 one ("做的是创新类项目，公司不是我开的", dev67): 三（三）'s
    贴息 is for 创业项目 only. A firm called 创新型 names no project type."""
    return project_type(text) == "创新" and re.search(r"创新类|创新项目", plain(text)) is not None


# a year's figure asked ("每年能贴多少", "一年补多少", "年均"), not only the years' total
_PER_YEAR = re.compile(r"每年|每一年|一年(?:能|可以|可|大概|大约|约)?(?:贴|补|拿|给|多少)|年均|一年下来")
_YEARS_TOTAL = re.compile(
    r"[两二2三3]年(?:下来|一共|总共|合计|加起来|能|可以|可|大概|共)|一共|总共|合计|加起来"
)


def per_year_asked(text: str) -> bool | None:
    """True when the words ask a year's subsidy; False when they ask the years' total and not a year's ("两年能贴
    多少"); None when they ask neither (the answer then says both)."""
    words = plain(text)
    if _PER_YEAR.search(words):
        return True
    return False if _YEARS_TOTAL.search(words) else None


def percent(text: str) -> Decimal | None:
    """The first percentage in the words (4.35%, 百分之六十 → 60)."""
    m = _PERCENT.search(plain(text))
    return Decimal(m.group(1)) if m else None


# ---- everything at once ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """Every figure one message states; None (or empty) where it states none."""

    text: str  # the words as read (plain)
    amounts: tuple[Amount, ...] = ()
    tranche: int | str | None = None  # asked about: 1–3 or "last"
    tranches_received: int | None = None
    people: int | None = None
    selected: int | None = None
    company_age: Decimal | int | None = None
    percent: Decimal | None = None
    category: int | None = None
    rating: str | None = None
    project_type: str | None = None
    years_counted: int | None = None  # 附件2 第七条: reward years already had for the same person
    agreement_months: int | None = None  # 附件2 第六条: an agreement's service term
    pay_kind: str | None = None  # 附件2 第七条: income not pay for work, asked whether it counts (分红)
    years_summed: int | None = None  # a total over these years asked ("3年下来总共")
    years_full_time: Decimal | int | None = None  # 附件1 一（一）
    years_worked: Decimal | int | None = None  # 台州 六、25.: in the firm
    contract_years: int | None = None
    months_per_year: int | None = None
    equity_percent: Decimal | None = None  # 附件1 一（二）: the lead's own share
    other_equity_percent: Decimal | None = None  # … and the largest other holder's
    largest_holder: bool | None = None  # False: the words say another holds more (附件1 一（二） 第一大股东)
    lead_role: bool | None = None  # 附件1 一（一）: the lead is the main person or holds the key technology
    labour_contract: bool | None = None  # False: the words say the contract is not a 正式劳动合同
    aim_asked: bool | None = None  # 附件1 一: the words ask what kind of project is wanted
    own_investment: int | None = None
    projects: int | None = None  # 台州 三、9. 落地率 of N projects
    homes: int | None = None  # 台州 五、21. 配建 of N homes
    floor_area: int | None = None  # … or of a floor area in 平方米
    patents: int | None = None  # 台州 五、18. growth of N applications
    selected_in_yongjia: bool | None = None  # 附件1 二（二）: a plan selection applied for 以永嘉地
    selection_year: int | None = None  # 附件1 二（二）: the year of that selection (含2015年度入选人员)
    city_amount: int | None = None  # the amount the city fixed for a 人才新政十条 project
    benchmark_rate: str | None = None  # 三（三）: the benchmark rate said (a lone rate with no cue is it)
    actual_rate: str | None = None  # … the loan's own rate
    rate_below: bool | None = None  # … the loan's own rate said to be below a benchmark not given
    informal_loan: bool | None = None  # 三（三）: the money was borrowed elsewhere than from a 正规金融机构
    ten_not_selected: bool | None = None  # 三（三）: the project was not selected for the city's 人才新政十条
    extra_year_only: bool | None = None  # … the two years had (or the 择优 year granted): that year asked
    tax_late: bool | None = None  # … the tax reached only after the 3年 the extra year needs
    revenue_not_tax: bool | None = None  # … the 500万 said is sales or turnover, not the tax
    tax_below: int | None = None  # … the tax said only roughly, below this figure ("才200来万")
    innovation_project: bool | None = None  # … the project is an innovation one, not a startup
    per_year_asked: bool | None = None  # … a year's subsidy asked, not only the years' total
    firms: int | None = None  # … several firms, one loan each
    loan_not_own: bool | None = None  # … the loan taken in another's name and passed on to the firm

    def amount(self, *roles: str, default: bool = True) -> int | None:
        """The amount with one of `roles`; else, with `default`, the one amount without a role."""
        return pick(self.amounts, *roles, default=default)


def read(text: str) -> Reading:
    """Every figure in the words (each reader reads the same plain text)."""
    words = plain(text)
    t = tranches(words)
    own_share, other_share = shares(words)
    said_rates = rates(words)
    return Reading(
        text=words,
        amounts=amounts(words),
        tranche=t.asked,
        tranches_received=t.received,
        people=people(words),
        selected=selected(words),
        company_age=company_age(words),
        percent=percent(words),
        category=category(words),
        rating=rating(words),
        project_type=project_type(words),
        years_counted=years_counted(words),
        agreement_months=agreement_months(words),
        pay_kind=pay_kind(words),
        years_summed=years_summed(words),
        years_full_time=years_full_time(words),
        years_worked=years_worked(words),
        contract_years=contract_years(words),
        months_per_year=months_per_year(words),
        equity_percent=own_share,
        other_equity_percent=other_share,
        largest_holder=largest_holder(words),
        lead_role=lead_role(words),
        labour_contract=labour_contract(words),
        aim_asked=aim_asked(words),
        own_investment=own_investment(words),
        projects=projects(words),
        homes=homes(words),
        floor_area=floor_area(words),
        patents=patents(words),
        selected_in_yongjia=selected_in_yongjia(words),
        selection_year=selection_year(words),
        city_amount=city_amount(words),
        benchmark_rate=said_rates.benchmark,
        actual_rate=said_rates.actual,
        rate_below=said_rates.below or None,
        informal_loan=informal_loan(words) or None,
        ten_not_selected=ten_not_selected(words) or None,
        extra_year_only=loans(words).extra_only or None,
        tax_late=tax_late(words) or None,
        revenue_not_tax=revenue_not_tax(words) or None,
        tax_below=tax_below(words),
        innovation_project=innovation_project(words) or None,
        per_year_asked=per_year_asked(words),
        firms=firms_each(words),
        loan_not_own=loan_not_own(words) or None,
    )


# ---- loan rates (三（三）: the benchmark rate, or the actual one where it is lower) ----------------------
# a percentage, or a bare rate right after its word ("急准利率4.75", dev46: people drop the %)
_RATE = re.compile(
    r"(?<![\d.])(\d{1,2}(?:\.\d+)?)\s*[%％]"
    r"|(?<=利率)(?:是|为|按|大概|约)?(\d(?:\.\d{1,2})?)(?![\d.%％万元年个月期])"
    r"|(?<=基准)(?:是|为|按|大概|约)?(\d\.\d{1,2})(?![\d.%％万元年个月期])"
)
_BENCHMARK_CUE = re.compile(r"基准|LPR|lpr|同期")
_ACTUAL_CUE = re.compile(r"实际|执行|合同|年化")
_BELOW = re.compile(r"低|少|不到")
_SET_AGAINST_BENCHMARK = re.compile(
    r"[，,]?\s*(?:比|高于|低于|超过|超出|不到)(?:同期)?(?:银行)?基准(?:利率)?(?:还|要|都)?(?:高|低|多|少)?"
)


@dataclass(frozen=True)
class Rates:
    """The rates the words give: the benchmark and the actual one (None where not said)."""

    benchmark: str | None = None
    actual: str | None = None
    below: bool = False  # the actual rate said to be below a benchmark the words do not give ("比基准还低")


def rates(text: str) -> Rates:
    """ "实际利率3.9%，基准是4.35%" → Rates("4.35", "3.9"): each percentage is read by the cue nearest
    before it in its clause (基准/同期 → benchmark; 实际/执行/合同 → actual). A lone rate with no cue is the
    benchmark, as the form has always read it; two uncued rates are left unread rather than guessed. One
    uncued rate beside a named benchmark is the loan's own ("银行给我们的利率是4%，比基准4.35%还低", dev46)."""
    words = plain(text)
    found: list[tuple[str | None, str]] = []
    below = False
    for m in _RATE.finditer(words):
        start = _clause(words, m.start(), m.end())[0]
        before = words[start : m.start()]
        at_bench = max((c.end() for c in _BENCHMARK_CUE.finditer(before)), default=-1)
        at_actual = max((c.end() for c in _ACTUAL_CUE.finditer(before)), default=-1)
        kind = None if at_bench == at_actual == -1 else ("benchmark" if at_bench > at_actual else "actual")
        against = _SET_AGAINST_BENCHMARK.match(words, m.end()) if kind is None else None
        if against is not None:
            kind = "actual"  # "银行给的利率是6%，比基准高": the loan's own rate, set against the benchmark
            below = below or _BELOW.search(against.group(0)) is not None
        found.append((kind, m.group(1) or m.group(2) or m.group(3)))
    benchmark: str | None = next((v for k, v in found if k == "benchmark"), None)
    actual: str | None = next((v for k, v in found if k == "actual"), None)
    # (a rate said again — "…利率是6%，比基准高，县里是按6%给我全贴吗" — is the same rate, not another)
    loose = list(dict.fromkeys(v for k, v in found if k is None and v not in (benchmark, actual)))
    if benchmark is None and len(loose) == 1:
        benchmark = loose[0]
    elif benchmark is not None and actual is None and len(loose) == 1:  # (loose holds no benchmark)
        actual = loose[0]
    return Rates(benchmark, actual, below and benchmark is None)


# ---- the loans themselves (三（三）: two years on the loan, one more year on a later loan) ------------------
# a loan taken after the first, for the extra 择优 year: "又贷了1000万一年期", "续贷了800万", "今年又向工行贷了1500万"
_LATER_LOAN = re.compile(r"(?:又|再|续|新|追加)[^，,。；;？?]{0,6}(?:贷|借)")
# several loans of one amount: "分别在两家银行各贷了200万"
_EACH_LOAN = re.compile(r"(?P<n>[2-9两二三四五])(?:家银行|笔|个银行)[^，,。；;？?]{0,8}各(?:贷|借)")
# the first two years already paid: only the extra year is asked ("前两年的贴息已经拿完了")
_TWO_YEARS_DONE = re.compile(
    r"(?:前|头)(?:两|2)年[^，,。；;？?]{0,6}(?:已经)?(?:拿完|贴完|享受完|到期|拿过|结束)"
    # "已经拿到第二轮择优贴息的资格了": the extra 择优 year itself granted
    r"|(?:拿到|获得|评上|选上|批了|批下)[^，,。；;？?]{0,6}择优贴息|择优贴息[^，,。；;？?]{0,4}(?:批了|批下来|评上|资格)"
    # "额外那一年的贴息…能补多少" (dev61): the extra year itself is what is asked
    r"|(?:额外|多出来|多给|择优)的?那?(?:一|1)年的?(?:贴息|利息)"
    # "听说还能多贴一年？" then "这笔贷款800万…那一年能补多少？" (dev67)
    r"|(?:多|再|额外)贴(?:息)?(?:一|1)年"
    # "税收达标以后那一年的贴息" (dev71)
    r"|(?:以后|之后)的?那(?:一|1)年的?(?:贴息|利息)"
    # "永嘉那个第二轮1000万贷款额的贴息，我们符合条件了" (dev64): the second round is the extra year
    r"|第二轮[^，,。；;？?]{0,12}(?:贴息|利息)"
)


# 三（三）'s extra year needs the tax "3年内": reached later ("成立第4年税收才累计到500万", dev64) it is not met
# ("成立三年多了，税收600万" or "超过3年" says the firm's age, not when the tax was reached)
_LATE = (
    r"(?:第\s*[4-9四五六七八九]\s*年|[4-9四五六七八九]\s*年(?:后|以后|之后|才)|(?:三|3)\s*年(?:后|以后|之后))"
)
_TAX_LATE = re.compile(
    rf"{_LATE}[^。？?；;]{{0,16}}?(?:税收|纳税|交税|缴税|税)|(?:税收|纳税|交税|缴税)[^。？?；;]{{0,12}}?{_LATE}"
    # "前三年加起来其实才480万，第四年才过500万" (dev67): the figure itself reached only in a later year
    rf"|第\s*[4-9四五六七八九]\s*年才?(?:超过|过|达到|突破|破|到)了?\s*[\d一二三四五六七八九十百]+\s*万"
)


# the figure the firm reached is its sales or turnover ("第二年卖货的营业额就破了500万", dev67), with no tax said
_REVENUE = re.compile(
    r"(?:营业额|销售额|营收|营业收入|销售收入|卖货|产值|流水)[^，,。；;？?]{0,8}?\d+(?:\.\d+)?\s*万"
)
_TAX_SAID = re.compile(r"税收|纳税|交税|缴税|税额|税款|上税")


def revenue_not_tax(text: str) -> bool:
    """Whether the words give the firm's sales or turnover as its figure and say no tax at all — 三（三）'s extra year
    asks for 企业税收额 of 500万元, which a turnover of 500万元 is not."""
    words = plain(text)
    return _REVENUE.search(words) is not None and _TAX_SAID.search(words) is None


# the 3年内 tax said only roughly, below a figure: "三年税收目前才200来万" (yj46-c-033), "交税三百多万", "纳税不到400万",
# "400万不到"; N多/N来/N余万 is below N plus one unit of N's last place (200多 < 300, 480多 < 490)
_TAX_CUE = r"(?:税收|纳税|交税|缴税|税额|税款|交的税|缴的税|税交了?)"
_ROUGH_NUMBER = r"(\d+|[一二两三四五六七八九十百千]+)"
_TAX_ROUGH = re.compile(
    rf"{_TAX_CUE}[^，,。；;？?\d一二两三四五六七八九]{{0,10}}?{_ROUGH_NUMBER}\s*(?:多|来|余)\s*万"
)
_TAX_UNDER = re.compile(
    rf"{_TAX_CUE}[^，,。；;？?\d一二两三四五六七八九]{{0,10}}?(?:不到|不足|没到|没有到|未到|还不到)\s*{_ROUGH_NUMBER}\s*万"
    rf"|{_TAX_CUE}[^，,。；;？?\d一二两三四五六七八九]{{0,10}}?{_ROUGH_NUMBER}\s*万(?:元)?(?:不到|都不到)"
)


def tax_below(text: str) -> int | None:
    """The figure, in 元, that a 3年内 tax said only roughly is below: "200来万" → 300万, "480多万" → 490万,
    "不到400万" → 400万 (None when the tax is not said so). Why: 三（三）'s extra year asks for 500万元 — "才200来万"
    settles that it is not met, without a figure the talent did not say."""
    words = plain(text)
    under = _TAX_UNDER.search(words)
    if under is not None:
        n = _small_number(under.group(1) or under.group(2))
        return n * 10_000 if n else None
    rough = _TAX_ROUGH.search(words)
    if rough is None:
        return None
    n = _small_number(rough.group(1))
    if not n:
        return None
    place = 1
    while n % (place * 10) == 0:
        place *= 10
    return (n + place) * 10_000


def tax_late(text: str) -> bool:
    """Whether the words say the firm's tax reached its figure only after 三（三）'s 3年 ("成立第4年税收才累计到500万")."""
    return _TAX_LATE.search(plain(text)) is not None


@dataclass(frozen=True)
class Loans:
    """What the words say of the loans: the one the two years are paid on, a later one for the extra year,
    and whether only the extra year is asked (the two years already had)."""

    loan: int | None = None
    later: int | None = None
    extra_only: bool = False


def loans(text: str) -> Loans:
    """ "贷了500万…又贷了1000万一年期" → Loans(500万, 1000万); "两家银行各贷了200万" → 400万 (the subsidy is on
    the loans together, up to the category's cap); "前两年的贴息已经拿完了…又贷了1500万" → the later loan only.
    Amounts are those `amounts` reads as a loan; the later one is the loan said with 又/再/续/新."""
    words = plain(text)
    extra_only = bool(_TWO_YEARS_DONE.search(words))
    first: int | None = None
    later: int | None = None
    for a in amounts(words):
        if a.role != "loan_amount":
            continue
        if _LATER_LOAN.search(a.cue) and (first is not None or extra_only):
            later = later if later is not None else a.yuan
            continue
        each = _EACH_LOAN.search(a.cue)
        n = _small_number(each.group("n")) if each else None
        if first is None:
            first = a.yuan * (n or 1)
    return Loans(first, later, extra_only)


# ---- the city's amount for a project in its 人才新政十条 (附件1 二（二）: 按市级确定资助金额予以落实) --------------
_CITY_FIXED = re.compile(
    # (not "温州…给了", said of a team's or a plan's money as often as of a project's: a fixed amount is 确定/定/核定)
    r"(?:市里|市级|市人才新政|人才新政十条|市十条)[^。；;？?]{0,16}?"
    r"(?:确定|定了|定的|核定)[^。；;？?\d]{0,8}?(?P<amount>\d+(?:\.\d+)?万)"
)


def city_amount(text: str) -> int | None:
    """The amount the words say the city fixed for a project ("市里确定的资助金额是150万", "市里给我定了150万")."""
    m = _CITY_FIXED.search(plain(text))
    found = amounts(m.group("amount")) if m else ()
    return found[0].yuan if found else None


# ---- head counts per plan (三（八）, 三（十）: each 千人计划/580 selection is paid on its own) ---------------
_PLAN_NAMES = (
    ("国家千人计划", r"国家级?“?千人(?:计划)?”?|国千|青年千人|青千"),
    ("省千人计划", r"(?:浙江)?省级?“?千人(?:计划)?”?|省千"),
    ("580计划", r"(?:温州市?)?“?580(?![0-9.万元块])(?:海外精英引进)?(?:计划)?”?"),
)
_COUNT_THEN_PLAN = re.compile(
    r"(?P<n>[0-9]+|[一二两三四五六七八九十]+)\s*(?:个人|个|位|名|人)"
    # ("有一位同事在永嘉这边申报进了国家千人计划", dev38: further, when selection is said right before the plan —
    # not "两个都走完了千人计划或者580的申报评审", which names what they applied for, dev19)
    # (not a count of those who only applied, "3位都走完了温州580计划的申报", nor the whole of which a later count is
    # selected, "那4个里有2个入选了省千人", dev56)
    r"(?:(?:(?!走完|完成|申报|报了|报的|报名|参加|评审|还在|里有|中有|其中|\d)[^,，。；;、]){0,8}?"
    r"|(?:(?!里有|中有|其中|\d)[^,，。；;、]){0,10}?(?:入选了?|进了|选上了?|评上了?))(?P<plan>"
    + "|".join(f"(?:{p})" for _, p in _PLAN_NAMES)
    + ")"
)


# The plan named first and the people selected for it after: "国家的那两个里有一个入选了", "报省里的那个也入选了"
# (dev57: a referrer telling who applied for which plan, then who was selected) — the plan said as its level or
# city alone, since the plans were named in full just before
_PLAN_SHORT = (
    ("国家千人计划", r"国家(?:级|千人(?:计划)?)?|国千"),
    ("省千人计划", r"(?:浙江)?省(?:里|级|千人(?:计划)?)?|省千"),
    ("580计划", r"温州(?:市|580(?:计划)?)?|580(?:计划)?"),
)
_PLAN_THEN_SELECTED = re.compile(
    r"(?P<plan>" + "|".join(f"(?:{p})" for _, p in _PLAN_SHORT) + r")(?:的|那边的?|这边的?)"
    r"(?:(?:那|这)(?P<of>[0-9]+|[一二两三四五六七八九十]+)(?:个人|个|位|名)(?:人)?(?:里|中|当中)(?:有|只有)?"
    r"(?P<n>[0-9]+|[一二两三四五六七八九十]+)(?:个人|个|位|名|人)"
    r"|(?:那|这)(?:一)?(?:个人|个|位|名))"
    r"也?(?:都)?(?:入选|选上|评上|选中)"
)


def plan_counts(text: str) -> dict[str, int]:
    """How many people the words say were selected for each plan: "1个人入选国家千人计划，2个人入选温州580
    计划" → {国家千人计划: 1, 580计划: 2}; "国家的那两个里有一个入选了，报省里的那个也入选了" → {国家千人计划: 1,
    省千人计划: 1}. Only counts written next to their plan are read; {} otherwise."""
    words = plain(text)
    out: dict[str, int] = {}
    for m in _COUNT_THEN_PLAN.finditer(words):
        n = _small_number(m.group("n"))
        plan = next((name for name, p in _PLAN_NAMES if re.fullmatch(p, m.group("plan"))), None)
        if n and plan:
            out[plan] = out.get(plan, 0) + n
    if out:
        return out
    for m in _PLAN_THEN_SELECTED.finditer(words):
        n = _small_number(m.group("n")) if m.group("n") else 1
        of = _small_number(m.group("of")) if m.group("of") else None
        plan = next((name for name, p in _PLAN_SHORT if re.fullmatch(p, m.group("plan"))), None)
        if n and plan and (of is None or n <= of):
            out[plan] = out.get(plan, 0) + n
    return out
