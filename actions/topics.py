"""The policy topics the assistant answers: which policy_kb.api call, which region rule, what next.

Why a table: every answer action, the forms and the follow-up handler need the same three facts
about a topic — how to ask policy_kb, whether the answer depends on the region, and which next
questions make sense — and a new topic should be one entry here, not a new code path.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from actions import parsing
from actions.parsing import Facts
from policy_kb import api, reading, registry
from policy_kb.catalogue import catalogue
from policy_kb.counts import counts_summed
from policy_kb.editions import edition_for_region
from policy_kb.inputs import RATINGS
from policy_kb.model import Missing, Result, Status
from policy_kb.money import fmt_percent, fmt_yuan
from policy_kb.passages import passage_at
from policy_kb.rules.awards import (
    BOTH_PAID_ASKED,
    OTHER_LIST,
    asked_apart,
    plans_named,
    skills_award_denied,
    skills_awards_said,
    stations_named,
    times_line,
)
from policy_kb.rules.category import SEVERAL_PEOPLE, highest_held_note
from policy_kb.rules.tranches import tranche_count
from policy_kb.text import FEE_NAMED, GAP_ASKED, SUM_ASKED, compact, normalise, quoted_title

logger = logging.getLogger(__name__)

TAIZHOU = "台州市"
YONGJIA = "永嘉县"


class Scope(Enum):
    """How the region matters for a topic."""

    YONGJIA_ONLY = "yongjia_only"  # only 永委办发〔2016〕82号 defines it: answer for 永嘉县 and say so
    REGIONAL = "regional"  # both regions say something different: ask once which region
    TAIZHOU = "taizhou"  # a question about 台市委发〔2018〕39号 itself
    EITHER = "either"  # a question about a document as such: the words (or the talent's region) pick it


@dataclass(frozen=True)
class Topic:
    name: str
    intent: str
    label: str  # Chinese, for buttons and notes
    scope: Scope
    run: Callable[[Facts, str | None, str], Result]  # (facts, region, user text) → Result
    next_intents: tuple[str, ...] = ()
    # search query for the clause stating the whole rule: shown before asking for the talent's own
    # figure, so a hotline operator sees every band at once
    overview: str = ""
    # entities a follow-up may carry for this topic; a follow-up with none of them changes topic
    # ("那如果是重点推荐呢" after a category answer is about project funding)
    inputs: frozenset[str] = frozenset({"region"})
    # what the text says before we ask for the talent's own input, when that is more than one clause
    # (the category topic: how a category is decided, listed titles and 认定) — (region) → Result
    primer: Callable[[str | None], Result] | None = None
    # the clause-search score above which a matching clause leads instead of the primer
    primer_unless: float = 15.0
    # words naming 台州's own counterpart of a topic only 永嘉's text defines ("英才卡" for the 金卡): they
    # name 台州市 as surely as the place. Not any 台州-only word: "博士后工作站" is in both texts' topics
    taizhou_words: tuple[str, ...] = ()


def _figures_said(facts: Facts, text: str, *fields: str) -> Facts:
    """`facts` with each empty money field filled by the amount the words give in that role (the Facts
    field and policy_kb.reading's role share a name), when the model set no slot for it."""
    said = reading.amounts(text or "")
    out = replace(facts)
    for field in fields:
        value = reading.pick(said, field, default=False) if getattr(out, field) is None else None
        if value is not None:
            setattr(out, field, value)
    return out


# the money facts a tranche question can state (附件1 三: total, and each tranche's condition figure)
_TRANCHE_MONEY = ("approved_total", "spending", "sales", "paid_in_capital", "investment")


def _no_money(facts: Facts) -> bool:
    return all(getattr(facts, f) is None for f in _TRANCHE_MONEY)


_SPENDING_ASKED = re.compile(
    r"(?:项目上?|实际)\S{0,6}(?:要花到|花到|要花多少|花多少|支出)\S{0,6}(?:多少|才能|才可以)"
)


def _next_tranche(facts: Facts, region: str | None, text: str = "") -> Result:
    """The tranche schedule; without an approved total but with the category, rating and project type
    known ("第2类，创新项目评了重点推荐 — 第一期多少？"), the total is the one 附件1 二（二） sets for them,
    so the tranches are computed from it instead of asking for a figure the talent already gave us."""
    said = reading.tranches(text)
    several = _tranche_of_projects(facts, region, text, said.asked)
    if several is not None:
        return several
    # "資助總額是162萬", "支出花了150万": what the model set no slot for
    facts = _figures_said(facts, text, *_TRANCHE_MONEY)
    if _no_money(facts) and not (
        facts.category and facts.review_rating and _STANDARD_SAID.search(text or "")
    ):
        # "创新项目 72万 第一期多少": a lone amount no word gives a role is the approved total (the
        # registry's from_words input of next_tranche) — not a category's maximum said back beside its rating ("第2类
        # 最高600万对吧，重点推荐按多少比例？" then "那第一期能拿到多少钱？", dev61: 600万 × 60% is the total)
        facts = replace(facts, approved_total=reading.pick(reading.amounts(text or "")))
    if len(reading.project_types(text or "")) == 2:
        # "创业项目和创新项目的第一笔钱分别是多少": both types (the model's slot keeps only one of them)
        facts = replace(facts, project_type=None)
    elif facts.project_type is None:
        facts = replace(facts, project_type=reading.project_type(text or ""))  # "创业人才 … 第一期多少"
    if facts.project_type is None and (facts.spending is not None or _SPENDING_ASKED.search(text or "")):
        # 项目支出 is only 创业's condition (三（一）2): said, or asked ("项目上实际要花到多少钱才能去申请", dev53)
        facts = replace(facts, project_type="创业")
    if facts.project_type is None and said.asked in ("last", 3):
        facts = replace(facts, project_type="创业")  # 尾款, 第三期: only a 创业 project has a third tranche
    if said.received is not None and said.received != facts.tranches_received:
        # 前两期都拿到了 → 2; the reader sees which tranche a past verb belongs to, the model's rule only
        # that its clause has one ("前面两期钱都拿到了…问能不能先…拿一部分第三期" is 2 paid, not 3)
        facts = replace(facts, tranches_received=said.received)
    elif (
        facts.tranches_received is None
        and said.asked == "last"
        and (count := tranche_count(facts.project_type))
    ):
        # 尾款 asked: the ones before it are paid (2 for 创业, 1 for "创新类项目的尾款啥时候能拿到")
        facts = replace(facts, tranches_received=count - 1)
    elif said.received is None and isinstance(said.asked, int):
        # the tranche the words ask about, with no slot from the model ("创业项目 头一笔钱 要交啥材料") or over
        # one asked in an earlier message ("第一笔能先拿多少？" then "第二笔呢"): the ones before it are paid,
        # as for 第二期怎么申请 (parsing.Facts.from_slots)
        facts = replace(facts, tranches_received=said.asked - 1)
    elif facts.tranches_received is not None and said.received is None and said.asked == "last":
        # "最后一笔要满足什么才能拿？" after "第一笔能先拿多少？" (the slot still holds 第一笔)
        count = tranche_count(facts.project_type)
        if count is not None:
            facts = replace(facts, tranches_received=count - 1)
    last = tranche_count(facts.project_type) if said.asked == "last" else None
    if last is not None and facts.tranches_received != last - 1:
        # "第一期240万已经到账了。" then "最后一笔是多少钱？要达到什么条件才给？" (dev76): the last tranche is asked —
        # the third's 销售额 condition, not the second's 支出 one next after the one paid
        facts = replace(facts, tranches_received=last - 1)
    total, derived = facts.approved_total, None
    if total is None and not facts.category and facts.review_rating and facts.project_type:
        # "我是国家千人…创新项目评了特别推荐，第一期拿多少": the title's category prices the project
        facts = _category_from_title(facts, region, facts.honours or text)
    if total is None and facts.category and facts.review_rating and facts.project_type:
        # 实缴注册资本 is the 一般 cap of a 创业 total (附件1 二（二）); a 创新 project's 投入 in a tranche
        # question is progress towards 三（二）1's condition, not its budget, so it caps nothing here
        capital = facts.paid_in_capital if facts.project_type == "创业" else None
        funding = api.project_funding(
            facts.category, facts.review_rating, facts.project_type, capital, region=region
        )
        # the review's figure, not the 一般 cap: "一般不超过实缴注册资本" is a general rule the review may
        # depart from, so the tranche is priced on the rating and the capped figure is shown beside it
        amount = funding.values.get("amount_by_rating") if funding.ok else None
        if isinstance(amount, int) and amount > 0:
            total, derived = amount, funding
    elif (
        total is None and facts.project_type == "创业" and not facts.review_rating and (facts.honours or text)
    ):
        # 以永嘉地申报入选580计划的创业人才, 第一期多少: 附件1 二（二） prices the plan (第4类特别推荐, 120万元),
        # also once the title's category is known from an answer before ("他是国家千人…第一笔钱能先拿多少")
        funding = api.project_funding(
            None,
            None,
            "创业",
            plan=_plan(facts) or text,
            region=region,
            selected_in_yongjia=_selected_in_yongjia(facts, text),
        )
        amount = funding.values.get("amount") if funding.ok else None
        if isinstance(amount, int) and amount > 0 and funding.values.get("rating"):
            total, derived = amount, funding
    result = api.next_tranche(
        facts.project_type,
        total,
        facts.tranches_received,
        facts.paid_in_capital,
        facts.spending,
        facts.investment,
        facts.sales,
        region=region,
        # ("第一期已经到账60万了" then "那总共批了多少？第二期还剩多少没拿？", dev64: the total worked out from it)
        received_amount=reading.pick(reading.amounts(text or ""), "received", default=False)
        if total is None
        else None,
    )
    if said.also and result.ok:
        # "第二期30%什么条件？最后那30%又要啥条件？": each further tranche asked about, from its own clause
        result = _further_tranches(result, facts.project_type, said.also, region, total)
    elif result.ok and _LATER_TRANCHES.search(normalise(text or "")):
        # "第一期能拿多少？后面两期怎么给？": the tranche asked about, then the ones after it with their amounts
        # ("第一期已经到账了，后面两期加起来还有多少没给？", dev42: the ones after the tranche paid, 2 and 3)
        paid = said.received if said.asked is None else None
        result = _later_tranches(
            result, facts.project_type, total, region, SUM_ASKED.search(text or "") is not None, paid
        )
    if derived is None or total is None or not result.ok:
        return result
    values = derived.values
    caps = [c for c in derived.citations if "一般不超过" in c.quote]
    capped_note = ""
    if values.get("exceeds_general_cap"):
        # 实缴注册资本 under the rating's amount: the tranche on the rating's figure (with 三（一）1's
        # 实缴 condition checked against it), then what it would be if the review applies the 一般 cap,
        # and who decides — the text settles neither figure alone
        basis = (
            f"第{values['category']}类人才{values['project_type']}类项目评为{values['rating']}，按评审结果计算的"
            f"科技项目资助为{fmt_yuan(values['amount_by_rating'])}（最高资助标准{fmt_yuan(values['standard'])}"
            f"的{fmt_percent(values['share_percent'])}）。"
            if values.get("share_percent") is not None
            else f"按评审结果计算的科技项目资助为{fmt_yuan(values['amount_by_rating'])}。"
        )
        capped_note = _capped_tranche_note(facts, values, region)
    else:
        share = values.get("share_percent")
        priced = (
            f"资助总额为最高资助标准{fmt_yuan(values['standard'])}的{share}%，即{fmt_yuan(total)}"
            if share is not None
            else f"资助总额为{fmt_yuan(total)}"  # 第1类 重点推荐: a fixed sum, not a share of a standard
        )
        basis = (
            f"按第{values['category']}类人才、{values['project_type']}类项目评为{values['rating']}，{priced}"
            + (f"（{caps[0].quote}）" if caps else "")
            + "。"
        )
    if facts.review_rating is None:  # priced by the plan, not by a review of this project
        plan = next((c.quote for c in derived.citations if "特别推荐的标准" in c.quote), "")
        basis = (f"{plan}。" if plan else "") + basis
    cited = [c for c in derived.citations if c.clause in {"附件1 二（一）", "附件1 二（二）"}]
    result = replace(result, answer=basis + result.answer, citations=[*cited, *result.citations])
    if capped_note:
        result = _with_also(result, replace(result, answer=capped_note, citations=[]), sep="")
    return result


# a maximum said back ("最高600万", "上限270万"): the standard, not what the review gave the project
_STANDARD_SAID = re.compile(r"(?:最高|上限|封顶|最多)\S{0,2}?\d+(?:\.\d+)?\s*万")
# two or more projects named, each with its total ("一个项目批了81万，一个批了360万")
_PROJECTS_APART = re.compile(r"(?:两|三|几|[2-9])(?:个|家)\S{0,4}?(?:项目|企业|公司)|一个项目\S{0,12}?一个")


def _tranche_of_projects(facts: Facts, region: str | None, text: str, asked: object) -> Result | None:
    """附件1 三 for several projects: "一个项目批了81万，一个批了360万" then "两个项目第一期加起来能拿多少？" (dev59) — the
    tranche asked of each total, and their sum when asked; None unless the words give two totals or more."""
    words = normalise(text or "")
    said = reading.amounts(text or "")
    if any(a.role not in (None, "approved_total") for a in said):
        return None  # a capital, a spending or sales beside the totals: one project's figures, not several totals
    totals = list(dict.fromkeys(a.yuan for a in said))
    kind = facts.project_type or reading.project_type(text or "")
    if len(totals) < 2 or not isinstance(asked, int) or kind is None or not _PROJECTS_APART.search(words):
        return None
    found = [api.next_tranche(kind, total, asked - 1, region=region) for total in totals]
    if not all(r.ok and isinstance(r.values.get("amount"), int) for r in found):
        return None
    first = found[0].values
    lines = [
        f"项目{i}：{fmt_yuan(t)} × {fmt_percent(r.values['share_percent'])} = {fmt_yuan(r.values['amount'])}"
        for i, (t, r) in enumerate(zip(totals, found, strict=True), start=1)
    ]
    total = sum(int(r.values["amount"]) for r in found)
    summed = f"；合计{fmt_yuan(total)}" if SUM_ASKED.search(words) else ""
    conditions = "；".join(str(c["text"]) for c in first.get("conditions") or [])
    materials = "、".join(first.get("materials") or [])
    answer = (
        f"{kind}类项目第{asked}期拨付资助总额的{fmt_percent(first['share_percent'])}，按各项目的资助总额分别计算："
        f"{'；'.join(lines)}{summed}。每个项目须各自满足该期条件：{conditions}"
        + (f"；需提交：{materials}，向{first.get('office')}提出申请。" if materials else "。")
    )
    return replace(
        found[0],
        answer=answer,
        values={**first, "totals": totals, "amounts": [r.values["amount"] for r in found], "sum": total},
    )


def _capped_tranche_note(facts: Facts, values: dict[str, Any], region: str | None) -> str:
    """The tranche (or schedule) if the review holds the total to the 一般 cap (附件1 二（二）: 创业类项目资助总额
    一般不超过实缴注册资本), and who decides: "这个资助能全拿吗" with 实缴 100万 against 162万 by rating."""
    capped_total = values["amount"]
    capped = api.next_tranche(facts.project_type, capped_total, facts.tranches_received, region=region)
    if not capped.ok:
        return ""
    if isinstance(capped.values.get("amount"), int):
        figure = (
            f"第{capped.values['tranche']}期{fmt_percent(capped.values['share_percent'])}"
            f"即{fmt_yuan(capped.values['amount'])}"
        )
    else:
        rows = capped.values.get("schedule") or []
        figure = "分期为" + " / ".join(f"第{r['tranche']}期{fmt_yuan(r['amount'])}" for r in rows)
    return (
        f"另外，{facts.project_type}类项目资助总额一般不超过实缴注册资本：如评审按这一一般规定核定为"
        f"{fmt_yuan(capped_total)}，{figure}。这是一般规定，不是绝对上限，资助总额最终由项目评审认定"
        f"（本办法由{values['review_body']}组织实施）。"
    )


def _with_also(result: Result, extra: Result, sep: str = "\n") -> Result:
    """`result` with `extra`'s answer after it (before a closing offer question) and its citations added."""
    offer = next((o.question for o in result.offers if result.answer.endswith(o.question)), "")
    answer = result.answer.removesuffix(offer)
    citations = [*result.citations, *(c for c in extra.citations if c not in result.citations)]
    return replace(result, answer=f"{answer}{sep}{extra.answer}{offer}", citations=citations)


# the tranches after the one asked about, named together ("后面两期", "剩下的", "之后几期怎么给")
_LATER_TRANCHES = re.compile(
    r"(?:后面|后续|之后|剩下|剩余|其余|其他|后)的?(?:两|二|几|那两|那几)?期|剩下的钱|余下的"
    # "这笔钱是一次性给吗？第一次能到手多少": how it is paid out is asked too
    r"|一次性|一次给|分几[期次笔]|几次(?:给|拨|发|付)"
)


def _later_tranches(
    result: Result,
    project_type: str | None,
    total: int | None,
    region: str | None,
    summed: bool = False,
    paid: int | None = None,
) -> Result:
    """The answer with the tranches after the one it prices appended, each with its share and amount — and
    their sum when the words ask it ("后面两期加起来还有多少？": 24.3万 + 24.3万 = 48.6万元, dev39). `paid`: the
    tranches the words say are paid when they ask none by name — the later ones are those after it."""
    asked = paid if paid else result.values.get("tranche")
    if not isinstance(asked, int) or not isinstance(total, int):
        return result
    schedule = api.next_tranche(project_type, total, None, region=region)
    rows = [r for r in schedule.values.get("schedule") or [] if r["tranche"] > asked]
    if not schedule.ok or not rows:
        return result
    later = "；".join(
        f"第{r['tranche']}期{fmt_percent(r['share_percent'])}，即{fmt_yuan(r['amount'])}" for r in rows
    )
    if summed and len(rows) > 1:
        amounts = [int(r["amount"]) for r in rows]
        later += f"，合计{' + '.join(fmt_yuan(a) for a in amounts)} = {fmt_yuan(sum(amounts))}"
    note = (
        f"资助共分{len(schedule.values['schedule'])}期拨付，第{asked}期之后：{later}，每期按项目进度、满足该期条件后"
        "申请拨付。"
    )
    return _with_also(result, replace(schedule, answer=note), sep="")


def _further_tranches(
    result: Result,
    project_type: str | None,
    further: tuple[int | str, ...],
    region: str | None,
    total: int | None = None,
) -> Result:
    """The answer with the conditions of each further tranche the words ask about appended — with its amount
    when the total is known ("批了300万…第二期多少？最后一期呢？": 第3期 30%，即90万元, dev42)."""
    rows: dict[int, dict[str, Any]] = {}
    if isinstance(total, int) and project_type:
        schedule = api.next_tranche(project_type, total, None, region=region)
        if schedule.ok:
            rows = {int(r["tranche"]): r for r in schedule.values.get("schedule") or []}
    for tranche in further:
        extra = api.tranche_conditions(project_type, tranche, region=region)
        if not (extra.ok and extra.answer and extra.answer not in result.answer):
            continue
        number = (max(rows) if rows else None) if tranche == "last" else tranche
        row = rows.get(number) if isinstance(number, int) else None
        if row is not None:
            share = f"拨付资助总额的{fmt_percent(row['share_percent'])}"
            priced = extra.answer.replace(share, f"{share}，即{fmt_yuan(row['amount'])}", 1)
            extra = replace(extra, answer=priced)
        result = _with_also(result, extra, sep="")
    return result


def _plans(facts: Facts, text: str) -> Any:
    """Head counts per plan when the words give them ("1个人入选国家千人计划，2个人入选580": the words
    are more precise than the honour slot); else the one plan (三（八）, 三（十） pay each selection)."""
    if text and GAP_ASKED.search(compact(text)) and len(plans_named(text)) == 2:
        # "那要是选上的是国家千人，单位能多拿多少？" after 省千人's: both plans, and the gap (dev30)
        return text
    return reading.plan_counts(text or "") or _plan(facts)


# "…入选国家千人，再奖多少？要是入选的是温州580计划呢？": another plan put as an alternative, each priced apart
_ALTERNATIVE = re.compile(r"(?:要是|如果|若是|假如|换成|换做|或者)\S{0,12}呢")


def _referral(facts: Facts, region: str | None, text: str) -> Result:
    """三（十）: the fee and the reward for the plan the referred talent is selected for; two plans put as
    alternatives ("入选国家千人，再奖多少？要是入选的是温州580计划呢？", dev48) are each priced apart."""
    named = plans_named(text or "")
    if len(named) >= 2 and _ALTERNATIVE.search(normalise(text or "")) and not _ASKS_SUM.search(text or ""):
        found = [api.referral_fee(p, region=region, referred_talent=text) for p in named]
        if all(f.ok for f in found):
            lines = [f"{p}：{f.answer}" for p, f in zip(named, found, strict=True)]
            citations = [c for f in found for c in f.citations]
            return replace(found[0], answer="\n".join(lines), citations=list(dict.fromkeys(citations)))
    return api.referral_fee(
        _plans(facts, text),
        region=region,
        # (those who completed the 申报、评审 are the ones the fee is for, when the words count them apart)
        referred=reading.referred_completed(text or "") or parsing.people(text),
        selected=parsing.selected_count(text),
        referred_talent=text,
    )


def _plan(facts: Facts) -> str | None:
    """A plan button value, else the honours (policy_kb reads 国家“千人计划”人选 as 国家千人计划)."""
    return facts.plan or ("、".join(facts.honours) if facts.honours else None)


# 附件3's single services and the words that name each one
_SERVICE_WORDS = {
    "hotline": re.compile(r"热线|专线|服务电话"),
    # ("县里给人才发一张卡，还有专门打电话反映问题的线路", dev23: the card said loosely)
    "gold_card": re.compile(r"金卡|服务卡|人才卡|(?:发|办|给|领)\S{0,3}(?:一张|张|的)卡|那张卡"),
    "green_channel": re.compile(r"绿色通道"),
    # 台州 五、21.'s 保健医生 ("平常看病有没有专门对接的医生？还有那张英才卡…", dev21); 永嘉's health checks are
    # among the 金卡's services, so only a list with an entry of its own adds it
    "health": re.compile(r"保健医生|看病|就医|医生|健康管理|补充医疗"),
}


def listed_titles(found: Result) -> list[str]:
    """The catalogue names of the listed titles the category rule read."""
    return [
        str(h["name"]) for h in found.values.get("honours") or [] if isinstance(h, dict) and h.get("name")
    ]


def _card_for(card: Result, facts: Facts, region: str | None) -> Result:
    """The 金卡's answer, and for a title named whether its holder is among those the card is issued to.

    Why: "我们公司引进的那位温州580计划的人，这张卡能给他办吗？" (dev38) asks about one person; 附件3 二（三） issues
    the card to 领军型人才, and the catalogue says which category (if any) the title is — a title it does not
    list gets its 认定 rule, never a category guessed."""
    said = facts.honours or ([facts.plan] if facts.plan else [])
    if not card.ok or not said or (region or YONGJIA) != YONGJIA:
        return card
    found = api.category_for_honours(said, region=YONGJIA)
    category = found.values.get("category")
    if found.ok and isinstance(category, int):
        line = Result(
            rule="gold_card_holder",
            status=Status.OK,
            answer=f"您提到的{'、'.join(listed_titles(found) or said)}属于第{category}类领军型人才，在“金卡”的发放对象之内。",
            citations=found.citations,
        )
        return _with_also(card, line)
    if found.values.get("unknown"):
        return _with_also(card, found)  # not listed: the 认定 rule, with the office
    return card


def _services_asked(name: str) -> Callable[[Facts, str | None, str], Result]:
    """The service the intent names, then every other single service the words also name ("有没有专门的
    服务专线或者服务卡" is 服务专线 and 金卡): each answered from its own clause, in one reply."""

    def one(service: str, facts: Facts, region: str | None, text: str) -> Result:
        if service == "hotline":
            return api.hotline(region=region)
        if service == "gold_card":
            return _card_for(api.gold_card(region=region), facts, region)
        if service == "health":
            return _service("保健医生", None)(facts, region, text)  # only a list with its own entry
        return _service("绿色通道", "人才服务绿色通道")(facts, region, text)

    def run(facts: Facts, region: str | None, text: str) -> Result:
        result = one(name, facts, region, text)
        words = normalise(text or "")
        others = [n for n, w in _SERVICE_WORDS.items() if n != name and w.search(words)]
        for other in others if result.ok else []:
            extra = one(other, facts, region, text)
            if extra.ok and extra.answer:
                result = _with_also(result, extra)
        served = _served_title(facts, region, text) if result.ok and name != "gold_card" else None
        return _with_also(result, served) if served is not None else result

    return run


# whether the asker may use the services ("我是博士…县里那些给人才的服务…我能享受吗", dev56)
_MAY_USE = re.compile(r"能享受|可以享受|能不能享受|享受得到|能用|可以用|包括我|有我的份|我能不能|我可以")


def _served_title(facts: Facts, region: str | None, text: str) -> Result | None:
    """For a listed title named by someone asking whether they may use 永嘉's services: its category, and that
    附件3 一's 重点服务对象 are the 第1—5类领军型人才 (a title not listed gets no line here: the category rule says
    it is 认定's). None otherwise."""
    if (region or YONGJIA) != YONGJIA or not _MAY_USE.search(normalise(text or "")):
        return None
    found = api.category_for_honours(facts.honours or text, region=YONGJIA)
    category = found.values.get("category")
    objects = passage_at(YONGJIA, "附件3 一")
    if not found.ok or not isinstance(category, int) or objects is None:
        return None
    said = "、".join(listed_titles(found) or facts.honours) or "您的称号"
    return Result(
        rule="services_holder",
        status=Status.OK,
        answer=f"您提到的{said}属于第{category}类领军型人才，在附件3 一所列的重点服务对象（第1、2、3、4、5类领军型人才）之内。",
        citations=[*found.citations, objects.citation],
    )


def _service(keyword: str, fallback_query: str | None) -> Callable[[Facts, str | None, str], Result]:
    """One service out of the region's service list; when the list has none, the best passage — or, with
    no `fallback_query`, an undecided result (台州's 保健医生 asked beside 永嘉's 金卡 adds nothing)."""

    def run(facts: Facts, region: str | None, text: str) -> Result:
        services = api.services(region=region)
        entries = services.values.get("services") or []
        entry = next((s for s in entries if keyword in s.get("name", "")), None)
        if entry is None and fallback_query is None:
            return Result(rule=f"service:{keyword}", status=Status.NEEDS_ASSESSMENT)
        if entry is None:
            return search_result(text or fallback_query or "", region, services)
        cites = [c for c in services.citations if c.clause == entry.get("clause")] or services.citations[:1]
        units = "、".join(entry.get("lead_units") or [])
        answer = f"{entry['name']}：{entry['content']}。" + (
            f"（{entry.get('units_label', '牵头单位')}：{units}）" if units else ""
        )
        return Result(
            rule=f"service:{keyword}",
            status=Status.OK,
            region=services.region,
            edition=services.edition,
            answer=answer,
            values={"service": entry.get("id")},
            citations=cites,
        )

    return run


# BM25 score above which a passage is trusted to answer (probes: right clauses scored 10–55, chit-chat
# ≤ 4.2, but two wrong clauses scored 10–14 — hence 15).
SEARCH_MIN_SCORE = 15.0


def passage_result(hit: Any, rule: str) -> Result:
    """A search hit as a decided Result that quotes the passage and cites its clause."""
    return Result(
        rule=rule,
        status=Status.OK,
        region=hit.region,
        edition=getattr(hit, "edition", ""),
        answer=f"《{hit.title}》：{hit.text}",
        values={"score": hit.score, "passage": hit.passage_id},
        citations=[hit.citation],
    )


def search_result(
    query: str, region: str | None, fallback: Result | None = None, min_score: float = 0.0
) -> Result:
    """The best knowledge-base passage as a Result (its citation is the passage's clause)."""
    hits = api.search(query, k=1, region=region) if query else []
    if hits and hits[0].score >= min_score:
        return passage_result(hits[0], "search")
    return fallback or Result(
        rule="search", status=Status.NEEDS_ASSESSMENT, message="没有找到相关的政策条文。"
    )


# a public body, not a firm: 附件2 第二条's 柔性引才 is by 我县企业（含民办非企业单位）— "我们是县里的公立医院，属于事业单位…
# 能不能按柔性引才拿那个20%的奖励" (dev56) is a case the text does not settle
_PUBLIC_BODY = re.compile(r"事业单位|公立(?:医院|学校|中学|小学|幼儿园)|机关单位|政府部门|行政机关")


def _flexible(facts: Facts, region: str | None, text: str) -> Result:
    """附件2: the article the words are about (协议, 申报, 待遇 …); the reward computed once pay is known. An
    agreement term said short of 第六条（二）'s 一年以上 ("合作协议只签了半年…能申请柔性引才奖励吗", dev21, dev48) is said
    first: the reward's figure then only holds once the agreement meets it. A public body asking (事业单位) hears
    that 第二条 names 企业（含民办非企业单位）and who decides."""
    if (region or YONGJIA) == YONGJIA and _LOCAL_TALENT.search(normalise(text or "")):
        # "我们永嘉本地的一个博士，在县里另一家单位上班，下班来我们公司兼职…能按柔性引才申请奖励吗" (dev64): 第二条's
        # 柔性引才 brings in 县外人才 — the text's definition, not the reward for the pay said
        return _local_talent_note(region)
    answer = _flexible_answer(facts, region, text)
    if answer.ok and (region or YONGJIA) == YONGJIA and _PUBLIC_BODY.search(normalise(text or "")):
        answer = _with_also(answer, _public_body_note())
    if not facts.honours and answer.ok and text:
        # the titles the words give when the model tagged none ("请中国社会科学院的一位荣誉学部委员来给我们做文化顾问…他算
        # 哪一类？能奖多少？", dev78)
        named = titles_named(title_reading(text, region))
        facts = replace(facts, honours=named) if named else facts
    several = _several_people(facts, text)
    if (
        answer.ok
        and facts.honours
        and (several or _OBJECT_ASKED.search(normalise(text or "")))
        and not (several and any(c.clause == "附件2 第四条" for c in answer.citations))
    ):
        # "他算不算县里鼓励柔性引进的人？一年给他100万顾问费，企业一年能拿多少奖励？" about a 国家千人 (dev61): 第四条's
        # objects — the title's category first — then what was computed; several people named one by one ("一个是中科院
        # 院士…一个是省特级专家…", dev78): each one's own category
        objects = api.flexible_terms(
            "对象", region=region, honours=facts.honours, each_person="是" if several else None
        )
        if objects.ok and objects.answer not in answer.answer:
            cited = [c for c in objects.citations if c not in answer.citations]
            answer = replace(
                answer, answer=f"{objects.answer}\n{answer.answer}", citations=[*cited, *answer.citations]
            )
    months = reading.agreement_months(text or "")
    if months is None or not answer.ok:
        return answer
    term = api.agreement_term(months, region=region)
    if not term.ok or term.values.get("meets") or term.answer in answer.answer:
        return answer  # (第六条's own answer has said it already)
    # (the reward's figure holds only for an agreement that meets it: said so, not "本次可获")
    once = replace(answer, answer=f"协议约定一年以上服务期限后：{answer.answer}")
    return replace(_with_also(term, once), rule=answer.rule)


def titles_named(titled: Result | None) -> list[str]:
    """The catalogue titles a `title_reading` found in the words (their listed names), for when the model tagged none."""
    return (
        [str(h["name"]) for h in titled.values.get("honours") or []]
        if titled is not None and titled.ok
        else []
    )


# several people named one by one ("一个是中科院院士…一个是省特级专家…还有一个是正高", "两个人，一个是长江学者，一个是…")
_ONE_BY_ONE = re.compile(
    r"(?:一个|一位|一名)(?:是|为)\S*?(?:另一个|另一位|另外一个|另外一位|一个|一位|一名|还有一个|还有一位)(?:是|为)"
)


def _several_people(facts: Facts, text: str | None) -> bool:
    """Whether the titles the words name are several people's, one each (not one person's several titles): the
    words name them one by one, or count as many people as titles."""
    if len(facts.honours) < 2:
        return False
    words = normalise(text or "")
    return bool(_ONE_BY_ONE.search(words)) or (reading.people(words) or 0) >= len(facts.honours)


# the firm's reward asked beside whom it may bring in ("奖多少", "企业能拿多少奖励", "有没有奖励")
_REWARD_ASKED = re.compile(
    r"奖\S{0,2}多少|能拿多少|拿多少|奖励\S{0,4}(?:多少|怎么算|有没有|吗)|有没有奖励|给多少"
    r"|奖励\S{0,6}(?:多一些|多点|更多|高一些|一样|区别|不同)|奖励标准"
)


# whether the person is one 附件2 第四条 names ("他算不算县里鼓励柔性引进的人", "这家企业能不能因为我拿柔性引才奖励")
_OBJECT_ASKED = re.compile(
    r"算不算|算吗|能不能算|是不是\S{0,8}对象|属于\S{0,6}柔性|能不能因为|能否因为|能因为"
    # ("他在不在引才对象范围里？", dev63)
    r"|在不在\S{0,8}(?:对象|范围)|属不属于|符不符合|够不够格"
    # the title's category asked with the reward ("他们分别算哪类？加起来一年能拿多少？", dev78)
    r"|第几类|几类|哪一?类|哪一?档|什么级别"
    # ("拿过诺贝尔奖的外国老教授做技术顾问…这个县里鼓励的柔性引才算得上吗", dev78)
    r"|算得上|够得上|够格"
    # ("他是外县的退休正高级会计师…想返聘他来管财务这块，行不行？", dev71)
    r"|行不行"
    # ("柔性引进一个温州市580海外精英计划入选者，能申请引才奖励嘛？要交啥人才证明？", dev63)
    r"|(?:能|可以|能不能|可不可以)申请\S{0,6}(?:吗|嘛|么|？|\?)"
)


# a talent of the county itself: 附件2 第二条 is about 县外人才 ("永嘉本地的", "在县里另一家单位上班")
_LOCAL_TALENT = re.compile(
    r"永嘉本地|本县的?(?:人|人才|博士|专家)|县内(?:的|其他|另)|(?:县里|本县|永嘉)(?:另一家|另外一家|别的|其他)\S{0,4}(?:单位|企业|公司|医院|学校)"
)


def _local_talent_note(region: str | None) -> Result:
    """附件2 第二条: 柔性引才 is 我县企业 bringing in 县外人才 (不改变县外人才的人事、档案、户籍、社保等关系); a talent
    already working in the county is not one, by the text — and who decides a case."""
    return _article_two_note(
        "flexible_reward",
        "按附件2 第二条，柔性引才是我县企业在不改变“县外人才”人事、档案、户籍、社保等关系的前提下，柔性引进县外人才；"
        "您说的这位是本县单位的在职人员，不是县外人才，按原文不属于柔性引才，不能据此计算企业引才奖励。",
        region,
    )


def _public_body_note() -> Result:
    """附件2 第二条's 我县企业（含民办非企业单位）, and who decides a 事业单位's case (第十一条: 县招才局)."""
    return _article_two_note(
        "flexible_public_body",
        "附件2 第二条所称柔性引才，是“我县企业（含民办非企业单位）”柔性引进县外人才；您说的是事业单位，原文没有写明"
        "事业单位能否申报企业引才奖励。",
    )


def _article_two_note(rule: str, note: str, region: str | None = None) -> Result:
    """`note` on a case of 附件2 第二条 (who flexible recruitment is for), cited to that article, then who decides."""
    article = api.flexible_terms("什么是柔性", region=region or YONGJIA)
    decides = api.who_decides(YONGJIA, "附件2 第二条")
    return Result(
        rule=rule,
        status=Status.OK,
        answer=note + (decides.answer if decides is not None else ""),
        region=YONGJIA,
        citations=[*article.citations[:1], *(decides.citations if decides is not None else [])],
    )


def _flexible_answer(facts: Facts, region: str | None, text: str) -> Result:
    salary, people = _salaries(facts, text)
    kind = reading.pay_kind(text or "")
    if kind:
        # "年底只按股份分红…分红算不算他的报酬": whether 第七条's 年计税劳动报酬 counts it is open (dev23); a pay
        # said beside it ("年薪40万，另外年底有分红") is priced first
        return api.flexible_reward(salary, region=region, people=people, pay_kind=kind)
    titled = title_reading(text, region) if text else None  # read once: the unlisted note or the category
    unlisted = _unlisted(titled)
    withheld = False  # a figure for several people is not given while one of them is not listed
    if titled is not None and _several_people(facts, text):
        # several people's titles: each one's category is said by _flexible, not one reading of all; one of them
        # not listed still withholds the figure ("一个是博士，另一个是硕士工程师，每人…30万", dev64: not 10万元)
        # (only when fewer people hold a listed title than are paid: "国家杰青…他带的博士后，有博士学位" is two listed
        # people, the 博士后 being the second one's 博士学位, dev64)
        listed = len(titled.values.get("honours") or []) if titled.ok else 0
        paid = len(salary) if isinstance(salary, list) else (people or 1)
        withheld = (
            unlisted is not None or bool(titled.ok and titled.values.get("unknown"))
        ) and paid > listed
        titled, unlisted = None, None
    if unlisted is not None and salary is None:
        # "省杰青 柔性引进到永嘉 企业有奖励吗": 第四条's 对象 are 第1–5类人才, and the title is 认定's — said
        # first, then who the reward is for, quoted
        # (filed under the reward's rule: the question named 柔性, so no other clause takes the note's place)
        target = api.flexible_terms("对象", region=region)
        return replace(_with_also(unlisted, target) if target.ok else unlisted, rule="flexible_reward")
    done = reading.years_counted(text or "") or 0
    if salary is None and done:
        # "已经拿满三年奖励了，今年第四年又续签了，还能再报吗": the years already counted may settle it
        used_up = api.flexible_reward(None, years_already=done, region=region, people=people)
        if used_up.ok:
            return used_up
    if salary is None:
        # (the titles the words give when the model tagged none: "市级技能大师工作室的带头师傅…算哪类人才", dev78)
        named = titles_named(titled)
        terms = api.flexible_terms(
            text,
            region=region,
            honours=facts.honours or named or None,
            each_person="是" if _several_people(facts, text) else None,
        )
        if not terms.ok:  # no article named: the reward rule itself (第七条), then offer to compute it
            terms = api.flexible_terms("奖励标准", region=region)
            terms.offers = [OFFER_FLEXIBLE_PAY]
            terms.answer += "\n" + OFFER_FLEXIBLE_PAY.question
        elif (
            terms.values.get("clause") == "附件2 第四条"
            and (facts.honours or named)
            and _REWARD_ASKED.search(normalise(text or ""))
        ):
            # "百千万人才工程国家级人选 柔性引才 几类 奖多少" (dev78): 第四条's 对象 (the title's category), then 第七条's
            # reward the firm gets, with the offer to compute it from the pay
            rule = api.flexible_terms("奖励标准", region=region)
            if rule.ok:
                terms = replace(_with_also(terms, rule), offers=[OFFER_FLEXIBLE_PAY])
                terms.answer += "\n" + OFFER_FLEXIBLE_PAY.question
        if terms.ok:
            return _with_title_read(terms, titled, region)
    # "已经连续拿了3年，第4年还能申请吗": the years already counted decide whether this year counts;
    # "3年下来公司总共能拿到多少": the years asked summed
    reward = api.flexible_reward(
        salary,
        years_already=done,
        region=region,
        people=people,
        years_summed=reading.years_summed(text or ""),
    )
    if withheld and reward.ok:
        # (each one's category and the unlisted one's note are said by _flexible before this)
        terms = api.flexible_terms("奖励标准", region=region)
        if terms.ok:
            return replace(
                terms,
                answer="目录所列的人员按以下标准计算奖励，不在目录中的经认定后才计入：" + terms.answer,
                rule=reward.rule,
            )
    if unlisted is not None and reward.ok:
        # "想柔性请一个上海的副高级工程师来当顾问…一年打算给他税前20万…能不能申请柔性引才奖励" (dev37): 第四条's 对象
        # and the title's 认定 first; then the reward's rule — not a figure for the pay said ("外地大学的一个副教授来兼职，
        # 一年报酬20万，公司能拿奖励吗" was told 4万元, dev64: a figure for someone not yet recognised reads as promised)
        target = api.flexible_terms("对象", region=region)
        lead = _with_also(unlisted, target) if target.ok else unlisted
        terms = api.flexible_terms("奖励标准", region=region)
        shown = terms if terms.ok else reward
        return replace(
            _with_also(lead, replace(shown, answer="如经认定属于上述人才，" + shown.answer)), rule=reward.rule
        )
    return reward


def _with_title_read(terms: Result, titled: Result | None, region: str | None) -> Result:
    """附件2 `terms` after what the catalogue made of the titles the words name (`titled`, a `title_reading`),
    when some of them it knows are not listed: "国家优青…的研究员…五类好像没写优青，那企业还能拿柔性引才奖励吗" is
    answered that 研究员 is 正高级职称 (第5类) and 优青 is not in the catalogue — 第四条's 对象 are 第1–5类人才 (dev20)."""
    if titled is None or not titled.ok or not titled.values.get("unknown"):
        return terms
    said = str(titled.values.get("category_sentence") or "")
    if not said:
        return terms
    target = api.flexible_terms("对象", region=region)
    if target.ok and target.citations[0] not in terms.citations:
        said += f"{target.answer}\n"  # 第四条: who the reward is for
    extra = [*titled.citations, *(target.citations if target.ok else [])]
    citations = [*terms.citations, *(c for c in extra if c not in terms.citations)]
    return replace(terms, answer=f"{said}{terms.answer}", citations=citations)


def title_reading(words: Any, region: str | None = None) -> Result | None:
    """The catalogue's reading of `words` (a message or a list of titles) when it recognises a title in
    them — a listed one (its category) or one it knows is not listed (副主任医师: 认定) —, else None."""
    found = api.category_for_honours(words, region=region)
    recognised = found.status is Status.NEEDS_ASSESSMENT and bool(found.values.get("recognised"))
    return found if found.ok or recognised else None


def _category_from_title(facts: Facts, region: str | None, words: Any) -> Facts:
    """`facts` with the category of the listed title `words` name, when they name one; else as given."""
    titled = title_reading(words, region)
    category = titled.values.get("category") if titled is not None and titled.ok else None
    return replace(facts, category=category) if isinstance(category, int) else facts


def _funding(facts: Facts, region: str | None, text: str) -> Result:
    """附件1 二: the project's funding for its category and rating; two ratings named ("评上特别推荐能拿多少？
    只评了重点推荐，两者差多少？") are each priced and compared. The project type the words name
    ("开公司创业") counts when the slot has none."""
    fixed = reading.city_amount(text or "")
    if fixed is not None:
        # "市里确定的资助金额是150万…县里按多少给我们落实？" (dev42, dev48): 按市级确定资助金额予以落实
        return api.project_funding(facts.category, city_amount=fixed, region=region)
    said_type = reading.project_type(text or "")
    both_named = all(t in reading.plain(text or "") for t in ("创业", "创新"))
    # ("…做研发的创新项目，不是自己创业…", dev42: the model tags both words; the reading drops the one denied)
    facts = replace(
        facts, project_type=said_type if said_type and both_named else facts.project_type or said_type
    )
    # "企业只准备投80万经费", "实缴才50万": the figure the 一般 cap is checked against
    facts = _figures_said(facts, text, "investment", "paid_in_capital")
    if not facts.category and not facts.honours and text:
        # "院士的项目评了特别推荐": the title's category (with honours, project_funding explains it itself)
        facts = _category_from_title(facts, region, text)
    named = list(enumerate(reading.ratings_named(text or "")))
    # one rating for two categories ("同样是重点推荐，第3类的比第2类少多少钱"): each priced at it (dev20)
    categories = (
        _categories_funded(text or "", region, named[0][1] if named else None) if len(named) < 2 else None
    )
    if categories is not None:
        return categories
    apart = _categories_asked_apart(text or "") if not named else []
    if len(apart) >= 2:
        # "第1类起步多少？第3类封顶？第5类封顶？" (dev51): each category's standard, one per question part
        priced = [api.project_funding(c, region=region) for c in apart]
        if all(f.ok and isinstance(f.values.get("standard"), int) for f in priced):
            lines = [
                f"第{c}类{'不少于' if c == 1 else '最高'}{fmt_yuan(int(f.values['standard']))}"
                for c, f in zip(apart, priced, strict=True)
            ]
            answer = (
                f"按{priced[0].region}人才新政，创新创业科技项目资助标准：{'；'.join(lines)}。{BY_REVIEW}"
            )
            return replace(priced[0], answer=answer, citations=priced[0].citations[:1])
    if not named and _SEVERAL_CATEGORIES.search(normalise(text or "")):
        # "第2类至第5类人才的科技项目资助最高标准分别是多少": 附件1 二（一） states each category's standard
        standards = _clause_passage(region, "附件1 二（一）")
        if standards is not None:
            return standards
    if len(named) == 1 and _SEVERAL_CATEGORIES.search(normalise(text or "")):
        # "5类人才一般推荐的比例跟2、3、4类一样吗": 附件1 二（二） states the shares of every category
        shares = _clause_part(region, "附件1 二（二）", text or "")
        if shares is not None:
            return shares
    titles = _titles_funded(text or "", region) if not named else None
    if titles is not None:
        return titles
    projects = _projects_named(text or "", region)
    if len(projects) >= 2:
        several = _projects_priced(projects, text or "", region)
        if several is not None:
            return several
    if len(named) == 1 and facts.review_rating is None and named[0][1] not in reading.plain(text or ""):
        facts = replace(facts, review_rating=named[0][1])  # "重点推推荐" (no slot for a rating typed twice)
    if len(named) >= 2:
        compared = _ratings_compared(facts, region, [r for _, r in named], text or "")
        if compared is not None:
            return compared
        # one of them cannot be priced ("院士的项目评了特别推荐，是不是比重点推荐的800万还多": 第1类 特别推荐
        # is 一事一议): the rating the words give first is the project's own, not the model's pick — when
        # the words name it ("三档各多少" for 第1类 names none: its standard is said instead)
        if named[0][1] in reading.plain(text or ""):
            facts = replace(facts, review_rating=named[0][1])
    result = api.project_funding(
        facts.category,
        facts.review_rating,
        facts.project_type,
        facts.paid_in_capital,
        facts.investment,
        plan=_plan(facts),
        region=region,
        honours=facts.honours or None,
        selected_in_yongjia=_selected_in_yongjia(facts, text),
        selection_year=reading.selection_year(text or ""),
    )
    if result.ok and (_WHICH_CATEGORY.search(normalise(text or "")) or _total_and_project_asked(text or "")):
        # "项目资助最多给多少钱？算第几类？": the category asked is also what it gets in all (三（一）), of which
        # the project's funding is one part — both said, each cited; so is "这一档总共顶格能拿多少？其中科技项目资助
        # 最多多少？" (dev50). (The funding answer has said the title's category: the total is for the category alone.)
        n = result.values.get("category")
        if not isinstance(n, int) and facts.honours:
            n = _category_from_title(Facts(), region, facts.honours[0]).category
        total = api.total_award(n, region=region) if isinstance(n, int) else None
        if total is not None and total.ok:
            result = _with_also(result, total)
    elif result.ok and isinstance(n := result.values.get("category"), int):
        # "我在永嘉是第3类，那个科技项目的资助是不是就能拿到450万？" (dev63): the figure said is 三（一）'s total of all three
        # parts, not the project's — said so, with both clauses
        total = api.total_award(n, region=region)
        said = {a.yuan for a in reading.amounts(text or "")}
        if (
            total.ok
            and total.values.get("cap") in said
            and total.values.get("cap") != result.values.get("standard")
        ):
            cap = int(total.values["cap"])
            note = replace(
                total,
                answer=f"您说的{fmt_yuan(cap)}是第{n}类奖励资助总额的上限，不是科技项目资助：{total.answer}",
            )
            result = _with_also(result, note)
    return result


_WHICH_CATEGORY = re.compile(r"第几类|哪一类|算哪类|归哪类|属于哪|算几类|哪一档|第几档|算哪档")


def _categories_asked_apart(text: str) -> list[int]:
    """The categories of a message whose question parts each name one ("第1类起步多少？第3类封顶？"), in order; []
    unless two or more parts do (one part naming two is `_categories_funded`'s)."""
    parts = _asked_parts(text)
    each = [reading.categories(p) for p in parts]
    if len(parts) < 2 or any(len(c) > 1 for c in each):
        return []
    named = [c[0] for c in each if c]
    return named if len(named) >= 2 and len(set(named)) == len(named) else []


def _selected_in_yongjia(facts: Facts, text: str) -> bool | None:
    """Whether the plan selection was applied for 以永嘉地: the words of this question, else what an
    earlier message said."""
    said = reading.selected_in_yongjia(text or "")
    return said if said is not None else facts.selected_in_yongjia


# several categories at once: 第2类至第5类, 第2、3类, 各类, 五类人才分别
_SEVERAL_CATEGORIES = re.compile(
    r"第\s*[1-5一二三四五]\s*类?\s*(至|到|~|～|-|－|—)\s*第?\s*[1-5一二三四五]\s*类"
    r"|第\s*[1-5一二三四五]\s*[、,，和与及跟]\s*(第\s*)?[1-5一二三四五]\s*类"
    r"|各类人才|每类人才|每一类|各个类别|五类人才\S{0,8}(分别|各)"
    r"|(?<![\d第])[1-5]\s*[、,，]\s*[1-5](\s*[、,，]\s*[1-5])*\s*类"  # "跟2、3、4类一样吗"
)


# 台州 五、21. says more about housing than 房票: 人才公寓, 配建 5% 人才专用房, 公租房 as temporary homes
_TAIZHOU_HOUSING_PARTS = re.compile(
    r"配建|专用房|公租房|临时|人才社区|拎包入?住|人才公寓|商品房项目|商品住房项目"
    # a developer's question ("房地产公司…开发新楼盘，是不是要配一部分给人才住的房子", dev15) is 配建's
    r"|楼盘|房地产|开发商|拿地"
    # ("台州新建的商品房小区里有没有给人才留的房子，比例多少", dev43: the share of new homes kept for talents)
    r"|(?:新建|新盖|新开)\S{0,3}(?:商品房|小区|楼)|(?:留|配|预留)\S{0,4}(?:给人才|人才)\S{0,4}(?:的)?房"
    # its health care (保健医生, 健康管理) and the land its apartments are built on ("房子的事先放一放，看病这块有没有
    # 什么照顾", "厂区里有块自己的空地，能不能自己盖人才公寓", dev33, dev53)
    r"|看病|就医|医疗|保健|健康管理|体检|医生|存量|空地|自用"
)


def _housing(facts: Facts, region: str | None, text: str) -> Result:
    """三（七） (永嘉) or 五、21. (台州): a 台州 question about a part of 五、21. other than 房票 (配建比例,
    公租房调剂) gets that part of the clause; otherwise the subsidy."""
    if region == TAIZHOU and _TAIZHOU_HOUSING_PARTS.search(normalise(text or "")):
        figure = taizhou_calculation(text, about="五、21.")
        if figure is not None:
            # "我们区今年交付了24000平方米拎包入住的，达标了吗？差多少？" (dev50): the area against its minimum
            return figure
        # the part the latest sentence names, when it names one ("人才公寓一直排不上。" then "那政府的公租房能给人才住
        # 吗？", dev57: 公租房's sentence, not the apartments of the message before)
        latest = next((x for x in reversed(re.split(r"(?<=[。？?！!])", text or "")) if x.strip()), "")
        words = latest if _TAIZHOU_HOUSING_PARTS.search(normalise(latest)) else text
        part = _clause_part(TAIZHOU, "五、21.", words)
        if part is not None:
            return part
    result = api.housing_subsidy(_plan(facts), region=region)
    amounts = result.values.get("amounts") if result.ok else None
    words = normalise(text or "")
    if (
        isinstance(amounts, list)
        and len(amounts) >= 2
        and _BOTH_HELD.search(words)
        and not _OTHERS.search(words)
    ):
        # "我同时入选了浙江省千人和温州市580" then "购房补贴两个能一起拿吗？总共最多多少？" (dev60): one person's two
        # plans — 四（二）'s 就高 for the same subsidy, not the two maxima summed
        higher = api.highest_award("、".join(fmt_yuan(a) for a in amounts), region=region)
        if higher.ok:
            return _with_also(result, higher, sep="")
    n = reading.people(text or "")
    amount = result.values.get("amount") if result.ok else None
    if isinstance(amount, int) and n is not None and n > 1 and _ASKS_SUM.search(words):
        # "两个人都入选了温州市580计划" then "购房补贴每人最多多少？两人加起来呢？" (dev60): each one's maximum, summed
        sum_line = (
            f"{n}人最高合计：{n} × {fmt_yuan(amount)} = {fmt_yuan(n * amount)}（均为上限，符合有关条件的）。"
        )
        return replace(result, answer=f"{result.answer}{sum_line}")
    if (
        isinstance(amounts, list)
        and len(amounts) >= 2
        and _ASKS_SUM.search(words)
        and _SEVERAL_PEOPLE.search(words)
    ):
        # "一个国家千人、一个温州580…封顶的话加起来能补多少" (dev34): two people's maxima summed
        total = " + ".join(fmt_yuan(a) for a in amounts)
        result = replace(
            result,
            answer=f"{result.answer}{len(amounts)}人最高合计：{total} = {fmt_yuan(sum(amounts))}（均为上限，符合有关条件的）。",
        )
    return result


# one person holding two plans, asked whether both subsidies are paid; and words that bring in other people
_BOTH_HELD = re.compile(r"同时入选|同时是|同时拿|一起拿|都能拿|叠加|两个都|两项都|我(?:既|又)")
_OTHERS = re.compile(r"另一|分别|各自|两个人|两人|两位|他们|她们|我们|[2-9两二三四五六七八九十]\s*[位名]")

CLAUSE_PART_DEPTH = 8  # search hits among which the best part of one clause is looked for


def _clause_part(region: str | None, clause: str, text: str) -> Result | None:
    """The part of `clause` the words match best (a long clause is stored in parts: 五、21.'s 配建 5% and
    公租房 sentences, 附件1 二（二）'s shares), else its first part; None where the text has no such clause."""
    hits = [h for h in api.search(text, k=CLAUSE_PART_DEPTH, region=region) if h.citation.clause == clause]
    return passage_result(hits[0], "clause") if hits else _clause_passage(region, clause)


def _clause_passage(region: str | None, clause: str) -> Result | None:
    """The passage of one clause of the region's text as a decided Result (None where it has none)."""
    from policy_kb.search import hit_by_id

    found = passage_at(region or api.DEFAULT_REGION, clause)
    hit = hit_by_id(found.id) if found is not None else None
    return passage_result(hit, "clause") if hit is not None else None


# where one project's description ends and another's begins ("一个是…；另一个是…", "我同事…")
_PROJECT_SPLIT = re.compile(
    # ("第2类一般推荐和第3类重点推荐，哪个拿得多": a category after 和 or a comma starts another project)
    r"[；;。]|另一个|另一位|另外一个|一个是|一位是|我同事|同事|(?:[和与跟、，,]|还是)(?=第\s*[1-5一二三四五]\s*类)"
)
_ASKS_SUM = re.compile(SUM_ASKED.pattern + r"|总额")
_ASKS_GAP = re.compile(GAP_ASKED.pattern + r"|谁拿得多|谁多|哪个(?:拿得|更)?多|分别")


def _projects_named(text: str, region: str | None) -> list[tuple[int, str, str | None]]:
    """(category, rating, type) of each project the words describe apart — each part with a rating and
    a category or a listed title; [] unless at least two are described."""
    out = []
    # one rating said of them all ("结果出来两个都是重点推荐"): each project described apart gets it
    shared = _SHARED_RATING.search(reading.plain(text))
    for part in _PROJECT_SPLIT.split(text):
        said = reading.read(part)
        rating = said.rating or (shared.group(1) if shared else None)
        category = said.category
        if category is None and rating:
            titled = title_reading(part, region)
            category = titled.values.get("category") if titled is not None and titled.ok else None
        if isinstance(category, int) and rating:
            out.append((category, rating, said.project_type))
    return out if len(out) >= 2 else []


_SHARED_RATING = re.compile(
    r"(?:两个|两项|俩|都|均|全)\S{0,3}(?:是|评了|评为|评上了?|被评为|拿了|定为)?(" + "|".join(RATINGS) + ")"
)


def _projects_priced(
    projects: list[tuple[int, str, str | None]], text: str, region: str | None
) -> Result | None:
    """附件1 二（二）: each project's funding by its own category and rating, then their total or their
    difference as the words ask ("两个项目加起来能拿多少", "我俩谁拿得多，差多少"). None when one cannot be
    priced (第1类 特别推荐 is 一事一议): then the single-project answer stands."""
    found = [api.project_funding(c, r, t, region=region) for c, r, t in projects]
    amounts = [f.values.get("amount") for f in found]
    if not all(f.ok for f in found) or not all(isinstance(a, int) for a in amounts):
        return None
    lines = [f"项目{i + 1}：{f.answer}" for i, f in enumerate(found)]
    sums = [int(a) for a in amounts if isinstance(a, int)]
    if _ASKS_SUM.search(text) or not _ASKS_GAP.search(text):
        lines.append(f"合计：{' + '.join(fmt_yuan(a) for a in sums)} = {fmt_yuan(sum(sums))}。")
    if len(sums) == 2 and _ASKS_GAP.search(text):
        more = "项目1" if sums[0] > sums[1] else "项目2"
        lines.append(
            f"两个项目相差{fmt_yuan(abs(sums[0] - sums[1]))}"
            + (f"，{more}多。" if sums[0] != sums[1] else "（一样多）。")
        )
    citations = []
    for f in found:
        citations += [c for c in f.citations if c not in citations]
    return replace(found[0], answer="\n".join(lines), citations=citations)


# a difference asked ("比省特级专家多多少"; not "一共最多多少")
_DIFFERENCE_WORDS = GAP_ASKED.pattern + r"|谁多|比\S{2,20}[多少高低]"
_ASKS_DIFFERENCE = re.compile(r"谁拿得多|" + _DIFFERENCE_WORDS)
# "跟正高职称的是不是一个标准", "比省特级专家多多少": titles compared (several people are
# policy_kb.rules.category.SEVERAL_PEOPLE: "他们俩…分别是多少", "一个是…另一个是…")
_TITLES_COMPARED = re.compile(r"一样|一个标准|相同|同样|" + _DIFFERENCE_WORDS)


def _titles_funded(text: str, region: str | None) -> Result | None:
    """附件1 二（一）: each listed title's category and its highest project funding (the 特别推荐 standard),
    then their difference, their sum or that the standard is the same, as the words ask — for titles set
    side by side ("省特级专家…那国家万人计划青年拔尖人才呢？比省特级专家多多少", "博士…跟正高职称的是不是一个
    标准"). None unless the words name two listed titles and set them side by side, or when a title's
    category has no maximum (第1类: 不少于)."""
    words = normalise(text)
    people = SEVERAL_PEOPLE.search(compact(words)) is not None
    if not (people or _TITLES_COMPARED.search(words)):
        return None  # one person's several titles: the category rule reads them at the highest
    found = title_reading(text, region)
    honours = found.values.get("honours") if found is not None and found.ok else None
    if not isinstance(honours, list) or len(honours) < 2:
        return None
    if any(h["category"] == 1 for h in honours):
        return None  # 第1类: 不少于 (a floor), nothing to add or compare
    if _AWARD_ASKED.search(words) and not _PROJECT_NAMED.search(words):
        # "按县里领军人才的奖励资助，两个人最高加起来能有多少" (dev17): 三（一）'s 奖励资助 of each category,
        # of which the project's funding is one part — not 附件1's project standards
        return _titles_awarded(honours, found, words, people, region)
    priced = [(h, api.project_funding(h["category"], region=region)) for h in honours]
    standards = [f.values.get("standard") for _, f in priced]
    if not all(isinstance(x, int) for x in standards):
        return None
    lines = [
        f"{quoted_title(h['name'])}属于第{h['category']}类，项目资助最高{fmt_yuan(int(f.values['standard']))}（评为特别推荐时）"
        for h, f in priced
    ]
    amounts = [int(x) for x in standards if isinstance(x, int)]
    answer = f"按{priced[0][1].region}人才新政，" + "；".join(lines) + "。"
    if len(set(amounts)) == 1:
        answer += f"最高资助标准相同，都是{fmt_yuan(amounts[0])}。"
    else:
        answer += _gap_and_sum(amounts, text, people, "两者最高资助标准")
    answer += BY_REVIEW
    citations = _citations_of(found, [f for _, f in priced])
    return replace(priced[0][1], answer=answer, citations=citations, values={"standards": amounts})


def _gap_and_sum(amounts: list[int], words: str, people: bool, what: str) -> str:
    """Two figures' gap, and several people's sum, as the words ask. (Only several people's figures add up:
    one person with two titles gets one project's funding, one category's award.)"""
    said = ""
    if len(amounts) == 2 and _ASKS_DIFFERENCE.search(words):
        said += f"{what}相差{fmt_yuan(abs(amounts[0] - amounts[1]))}。"
    if len(amounts) >= 2 and people and _ASKS_SUM.search(words):
        said += f"合计最高{' + '.join(fmt_yuan(a) for a in amounts)} = {fmt_yuan(sum(amounts))}。"
    return said


def _citations_of(found: Result | None, results: list[Result]) -> list[Any]:
    """The catalogue reading's citations, then each result's, once each."""
    citations = list(found.citations) if found is not None else []
    for f in results:
        citations += [c for c in f.citations if c not in citations]
    return citations


# ("封顶的资助能多拿多少" after a title's category, dev74: 三（一）'s 最高奖励资助额, the sum that has a cap)
_AWARD_ASKED = re.compile(r"奖励资助|奖励和资助|奖励加资助|封顶的?资助|资助\S{0,2}封顶")
_PROJECT_NAMED = re.compile(r"项目资助|科技项目|项目\S{0,4}(?:资助|拿|给)")


def _titles_awarded(
    honours: list[dict[str, Any]], found: Result | None, words: str, people: bool, region: str | None
) -> Result | None:
    """三（一）: each listed title's category and its 奖励资助 maximum, then their difference or (for several
    people) their sum, as the words ask. None when a category has no maximum."""
    priced = [(h, api.total_award(h["category"], region=region)) for h in honours]
    caps = [f.values.get("cap") for _, f in priced]
    if not all(
        f.ok and f.values.get("bound") == "max" and isinstance(c, int)
        for (_, f), c in zip(priced, caps, strict=False)
    ):
        return None
    amounts = [int(c) for c in caps if isinstance(c, int)]
    lines = [
        f"{quoted_title(h['name'])}属于第{h['category']}类，奖励资助最高{fmt_yuan(a)}"
        for (h, _), a in zip(priced, amounts, strict=False)
    ]
    answer = f"按{priced[0][1].region}人才新政，" + "；".join(lines) + "。"
    answer += _gap_and_sum(amounts, words, people, "两者奖励资助最高")
    edition = edition_for_region(priced[0][1].region)
    if edition is not None and edition.has("award.components"):
        # what 三（一）'s 奖励资助 is made of, from the edition (as policy_kb.rules.awards says it)
        answer += f"奖励资助主要包括{'、'.join(edition.param('award.components').value)}三项，"
    answer += "须经评审认定。"
    citations = _citations_of(found, [f for _, f in priced])
    return replace(priced[0][1], answer=answer, citations=citations, values={"caps": amounts})


_EACH_ASKED = re.compile(r"各是|各多少|各为|各有|各自|分别")


def _categories_funded(text: str, region: str | None, rating: str | None = None) -> Result | None:
    """附件1 二（一）: two categories' highest project funding (the 特别推荐 standard) and their difference or
    sum, as the words ask ("第2类和第4类人才，项目资助封顶差多少钱" → 600万 − 120万 = 480万元), or each alone
    ("各是多少"); with one `rating` named for both, 附件1 二（二）'s amount at that rating ("同样是重点推荐，第3类
    的比第2类少多少钱" → 360万 − 162万 = 198万元). None unless two categories are named with one of those
    asked, or when one is 第1类 (特别推荐一事一议)."""
    each = _EACH_ASKED.search(text) is not None  # "第3类和第4类人才，项目资助最高各是多少" (dev18)
    if not (_ASKS_DIFFERENCE.search(text) or _ASKS_SUM.search(text) or each):
        return None
    pair = _TWO_CATEGORIES.search(normalise(text))
    if pair is not None and re.search(r"至|到|~|～|-|—", pair.group(0)):
        return None  # "第2类至第5类…分别是多少": a range of categories, each of which 附件1 二（一） states
    held = _categories_in(pair) if pair is not None else []
    if len(held) != 2 or held[0] == held[1]:
        # "第2类的项目资助最高多少？我合伙人是第3类的，跟我差多少": named apart, each once, in order
        held = reading.categories(text)
    if len(held) != 2 or 1 in held or held[0] == held[1]:
        return None
    priced = [api.project_funding(c, rating, region=region) for c in held]
    figures = [f.values.get("amount" if rating else "standard") for f in priced]
    amounts = [int(x) for x in figures if isinstance(x, int)]
    if len(amounts) != len(held):
        return None
    if rating:
        lines = [
            f"第{c}类人才项目评为{rating}，可获科技项目资助{fmt_yuan(a)}（最高资助标准"
            f"{fmt_yuan(int(f.values.get('standard') or 0))}的{f.values.get('share_percent')}%）"
            for c, a, f in zip(held, amounts, priced, strict=True)
        ]
        what = f"两者{rating}的资助额"
    else:
        lines = [
            f"第{c}类人才项目资助最高{fmt_yuan(a)}（评为特别推荐时）"
            for c, a in zip(held, amounts, strict=True)
        ]
        what = "两者最高资助标准"
    answer = f"按{priced[0].region}人才新政，" + "；".join(lines) + "。"
    if _ASKS_DIFFERENCE.search(text):
        answer += f"{what}相差{fmt_yuan(abs(amounts[0] - amounts[1]))}。"
    elif _ASKS_SUM.search(text):
        most = "" if rating else "最高"
        answer += f"两个项目{most}合计{' + '.join(fmt_yuan(a) for a in amounts)} = {fmt_yuan(sum(amounts))}。"
    answer += BY_REVIEW
    return replace(
        priced[0], answer=answer, citations=_citations_of(None, priced), values={"standards": amounts}
    )


def _ratings_compared(facts: Facts, region: str | None, ratings: list[str], text: str = "") -> Result | None:
    """Each rating's funding for the same category and type, then the difference of the first two when
    both are sums (第1类 特别推荐 is 一事一议: said, never priced) — or their sum when the words ask for it and
    not for a difference ("两个人都是第4类人才，各牵头一个项目，一个评了特别推荐，一个评了一般推荐，两个加起来一共
    多少钱", dev42: 120万 + 36万 = 156万元). None when a rating cannot be priced."""
    found = [
        api.project_funding(
            facts.category, r, facts.project_type, region=region, honours=facts.honours or None
        )
        for r in ratings
    ]
    if not all(f.ok for f in found):
        return None
    lines = [found[0].answer]
    said = {x for x in found[0].answer.split("。") if x}
    for f in found[1:]:  # each further rating without the sentences the first already said (category, caps)
        lines.append("。".join(x for x in f.answer.split("。") if x and x not in said) + "。")
    amounts = [f.values.get("amount") for f in found]
    a, b = amounts[0], amounts[1]
    words = normalise(text)
    if all(isinstance(x, int) for x in amounts) and _ASKS_SUM.search(words) and not _ASKS_GAP.search(words):
        total = sum(x for x in amounts if isinstance(x, int))
        lines.append(
            f"两个项目合计{' + '.join(fmt_yuan(int(x)) for x in amounts if isinstance(x, int))} = {fmt_yuan(total)}。"
        )
    elif isinstance(a, int) and isinstance(b, int) and (len(ratings) == 2 or _ASKS_GAP.search(words)):
        lines.append(f"{ratings[0]}与{ratings[1]}相差{fmt_yuan(abs(a - b))}。")
    result = found[0]
    cited = {(c.clause, c.quote) for c in result.citations}
    extra = [c for f in found[1:] for c in f.citations if (c.clause, c.quote) not in cited]
    return replace(result, answer="\n".join(lines), citations=[*result.citations, *extra])


def _unlisted(titled: Result | None) -> Result | None:
    """`titled` (a `title_reading`) when it is the "不在目录" reading of a 永嘉 title; else None."""
    if (
        titled is not None
        and titled.status is Status.NEEDS_ASSESSMENT
        and not titled.values.get("not_in_edition")  # 台州's text has no categories to be outside of
        and titled.region == YONGJIA
        and bool(titled.values.get("recognised"))  # a title known to be unlisted, not words read as none
    ):
        return titled
    return None


def eligibility_figures(said: reading.Reading) -> dict[str, dict[str, Any]]:
    """What the words state for each project type's conditions (附件1 一（一） 创新, 一（二） 创业), by input name —
    None where they state nothing."""
    return {
        "创新": {
            "years_full_time": said.years_full_time,
            "contract_years": said.contract_years,
            "months_per_year": said.months_per_year,
            "lead_role": said.lead_role,
            "labour_contract": said.labour_contract,
            "aim_asked": said.aim_asked,
        },
        "创业": {
            "equity_percent": said.equity_percent,
            "own_investment": said.own_investment,
            "company_age_years": said.company_age,
            "other_equity_percent": said.other_equity_percent,
            "largest_holder": said.largest_holder,
            "aim_asked": said.aim_asked,
        },
    }


def _eligibility(facts: Facts, region: str | None, text: str) -> Result:
    """附件1 一: every condition checked against the figures the words give ("来永嘉全职已经3年半", "合同签了
    6年", "公司成立都三年半", "投资人占51%，我占30%"). Figures only one type has name the type when the
    talent did not ("全职3年半了还能报吗" is 创新类's 未超过3年). A title the catalogue knows is not
    listed ("博士在读的能申报吗") is answered first: 申报对象 are 第1–5类人才, and such a title is 认定's."""
    titled = title_reading(text, region) if text else None  # read once: the unlisted note or the category
    unlisted = _unlisted(titled)
    if unlisted is not None:
        return unlisted
    said = reading.read(text or "")
    figures = eligibility_figures(said)
    innovation, startup = figures["创新"], figures["创业"]
    project_type = facts.project_type or said.project_type
    if project_type is None:
        named = [kind for kind, found in (("创新", innovation), ("创业", startup)) if any(found.values())]
        project_type = named[0] if len(named) == 1 else None
    given = {k: v for k, v in {**innovation, **startup}.items() if v is not None}
    result = api.project_eligibility(project_type, region=region, **given)
    sentence = titled.values.get("category_sentence") if titled is not None and titled.ok else None
    if titled is not None and result.ok and isinstance(sentence, str) and sentence:
        # "我博士毕业…有资格报吗？": 申报对象 are 第1–5类人才, so the title's category (获得博士学位 → 第5类) is
        # said first, then the project conditions
        cited = [c for c in titled.citations[:1] if c not in result.citations]  # the title's catalogue line
        result = replace(result, answer=sentence + result.answer, citations=[*result.citations, *cited])
    return result


# 三（四）'s second sentence: 省、市级重点国外智力项目, matched 等额 — not the 海外工程师 grant beside it
_FOREIGN_INTELLIGENCE = re.compile(r"国外智力|境外智力|智力项目|引智项目")
_ENGINEER_NAMED = re.compile(r"海外工程师|年薪|工资")


def _overseas(facts: Facts, region: str | None, text: str) -> Result:
    words = normalise(text or "")
    upper = reading.amounts(words) if _FOREIGN_INTELLIGENCE.search(words) else ()
    if len(upper) == 1 and not _ENGINEER_NAMED.search(words):
        # "我们的是温州市级的重点国外智力项目，市里批了8万，那县里跟多少" (filed as 海外工程师): the county
        # matches the city's or province's grant (三（四）), 8万元 (dev20)
        matched = api.matching_grant(words, upper[0].yuan, region=region)
        if matched.ok:
            return matched
    selected: Any = False if reading.not_selected(text or "") else None  # 没入选温州市的“海外工程师”
    if selected is None and reading.other_engineer_list(text or ""):
        selected = OTHER_LIST  # 入选的是浙江省的海外工程师: the text names 温州市's list only
    asked_apart = _salaries_asked_apart(text)
    if asked_apart:
        # "年薪刚好50万按哪档给？年薪120万的给多少？" (dev48): two cases asked, each its own band — not two people summed
        each = [api.overseas_engineer(pay, region=region, engineer_selected=selected) for pay in asked_apart]
        result = (
            each[0]
            if not all(r.ok for r in each)
            else replace(each[0], answer="\n".join(r.answer for r in each))
        )
    else:
        salary, people = _salaries(facts, text)
        result = api.overseas_engineer(salary, region=region, people=people, engineer_selected=selected)
    if result.ok and _FOREIGN_INTELLIGENCE.search(words):
        # "…年薪120万的给多少？省级重点国外智力项目县里配不配套？" (dev48): the same clause's matching, said too
        matching = api.matching_grant(words, None, region=region)
        quote = next((c.quote for c in matching.citations), "")
        if quote:
            result = _with_also(result, replace(matching, answer=f"另外，{quote}。"))
    return result


_QUESTION_END = re.compile(r"[？?]")


def _asked_parts(text: str) -> list[str]:
    """The message cut at its question marks, each part with its own figures and names (the per-part readings
    below); unlike actions.question_parts, a statement part is kept — it may carry the part's figure."""
    return [p for p in _QUESTION_END.split(normalise(text or "")) if p.strip()]


def _salaries_asked_apart(text: str) -> list[int]:
    """The salaries of a message whose question parts each name one, with no word that they are several
    people's ("…50万按哪档给？…120万的给多少？"); [] otherwise."""
    parts = _asked_parts(text)
    if len(parts) < 2 or _SEVERAL_PEOPLE.search(normalise(text or "")) or _ASKS_SUM.search(text or ""):
        return []
    pays: list[int] = []
    for part in parts:
        found = reading.amounts(part)
        if len(found) > 1 or (found and found[0].role not in (None, "salary")):
            return []
        pays += [a.yuan for a in found]
    return pays if len(pays) >= 2 else []


def _salaries(facts: Facts, text: str) -> tuple[Any, int | None]:
    """(salary or one salary per person, head count) for the per-person rules (三（四）, 附件2 第七条).

    "一位年薪60万，另一位年薪120万" and "一个年计税报酬50万，一个10万" are two people with their own pay:
    every amount of the words is a salary when the first is and none has another role, so each person
    is computed on their own figure instead of the slot's one salary counted twice."""
    fixed = _PAY_CORRECTED.search(reading.plain(text or ""))
    if fixed is not None:
        after = reading.amounts(fixed.group("after"))
        if len(after) >= 2 and all(a.role in (None, "salary") for a in after):
            # "每人一年给40万" then "不好意思说错了，一个是40万，另一个只有20万。" (dev68): the pays said in the
            # correction replace those before it
            return [a.yuan for a in after], None
    found = reading.amounts(text or "")
    several = _SEVERAL_PEOPLE.search(normalise(text or ""))  # "能拿10万吗" after a salary is no second pay
    alike = _ALIKE.search(reading.plain(text or ""))
    if alike is not None and len(found) >= 2 and found[0].role in (None, "salary"):
        n = reading.people(alike.group(1) + "人")
        if n and n > 1 and all(a.role in (None, "salary") for a in found):
            # "柔性请一个顾问，一年劳务费15万" then "那要是两个这样的顾问，再加一个年薪50万的专家呢" (dev68): the pay
            # before for each of them, then the others' own pays
            return [found[0].yuan] * n + [a.yuan for a in found[1:]], None
    if (
        several
        and len(found) >= 2
        # ("一个是中科院院士，一年给40万；一个是省特级专家，一年25万…", dev78: 一年给 is the pay's cue here)
        and (found[0].role == "salary" or (found[0].role is None and _PAY_GIVEN.search(found[0].cue)))
        and all(a.role in (None, "salary") for a in found)
    ):
        pays = [a.yuan for a in found]
        each = _EACH_PAY.search(reading.plain(text or ""))
        n = reading.people(each.group(1) + "人") if each else None
        x = reading.amounts(each.group(2) + "万")[0].yuan if each else None
        if n and x in pays:
            # "两个…每人年薪40万" then "漏了一个，还有一个年薪刚好70万的，三个人加起来" (dev35): 40万 twice, then 70万
            pays.remove(x)
            pays = [x] * n + pays
        return pays, None
    # the slot's salary, else one the words name with a cue the model does not tag (一年付他税前20万)
    return facts.salary or reading.pick(found, "salary", default=False), parsing.people(text)


# the total of 三（一） asked in a part of its own: "这一档总共顶格能拿多少", "县里给的奖励资助总额最多多少"
_TOTAL_PART = re.compile(r"总共|一共|总额|总数|奖励资助|全部加起来|合计")


def _total_and_project_asked(text: str) -> bool:
    """Whether one question part asks the category's total (三（一）) and another its project funding (附件1 二（一）):
    "这一档总共顶格能拿多少？其中科技项目资助最多多少？" (dev50), "奖励资助总额最多多少？这里面光科技项目资助最高
    又是多少？" (dev51) — each part its own figure."""
    parts = _asked_parts(text)
    total = any(_TOTAL_PART.search(p) and not _PROJECT_NAMED.search(p) for p in parts)
    return total and any(_PROJECT_NAMED.search(p) for p in parts)


def _with_project_cap(total: Result, category: int | None, region: str | None) -> Result:
    """The total with the category's project-funding standard after it (附件1 二（一）, by review)."""
    project = api.project_funding(category, region=region) if isinstance(category, int) else None
    standard = project.values.get("standard") if project is not None and project.ok else None
    if project is None or not isinstance(standard, int):
        return total
    word = "不少于" if category == 1 else "最高"
    line = f"其中创新创业科技项目资助标准{word}{fmt_yuan(standard)}，实际资助额按评审结果确定。"
    return _with_also(total, replace(project, answer=line, citations=project.citations[:1]), sep="")


# a head count with one pay for each of them: "两个入选了温州海外工程师，每人年薪40万"
_EACH_PAY = re.compile(
    r"(\d+|[两二三四五六七八九十])\s*[个位名]\S{0,20}?(?:每人|每个人|每位)的?(?:一年|每年)?(?:的)?(?:年薪|工资|薪酬|报酬)?"
    r"(?:都是|均为|是)?\s*"
    r"(\d+(?:\.\d+)?)\s*万"
)
# what the firm gives a person a year, said without 年薪/报酬 ("一年给40万", "每年付他20万")
_PAY_GIVEN = re.compile(r"(?:一年|每年|年)(?:给|付|开)(?:他|她)?$|(?:给|付)(?:他|她)$")
# a correction followed by the pays as they are ("说错了，一个是40万，另一个只有20万")
_PAY_CORRECTED = re.compile(r"(?:说错了|搞错了|弄错了|更正一下|纠正一下|不对[，,]?)(?P<after>[^？?]*)$")
# more people like the one before: "两个这样的顾问"
_ALIKE = re.compile(r"(\d+|[两二三四五六七八九十])\s*[个位名]这样的")
# words that say the amounts belong to different people: 另一位, 分别, 一个…一个, 两位, 3人 …
_SEVERAL_PEOPLE = re.compile(r"另一|分别|各自|(一[个位名]).*\1|[2-9两二三四五六七八九十]\s*[个位名人]")


# "最高奖励资助额是多少", "最多能拿多少": the 三（一） total, not the list of every benefit (whose
# project-funding and loan figures would answer a question that was not asked)
ASKS_TOTAL = re.compile(
    # ("县里奖励资助是多少？", dev60)
    # ("永嘉 第4类 奖励资助 上限多少": staff and terse askers put spaces between the words, dev64)
    r"奖励资助\s*(?:是|有|能有|能给|给)?\s*(总?额|最高|最多|多少|上限)|(最高|最多|一共|总共)[^，。？?]{0,6}(奖励资助|拿多少|多少钱)"
    r"|多少(钱的?)?奖励资助"
)
ASKS_LIST = re.compile(r"待遇|享受|哪些|什么政策|有什么")
# what the total is made of ("奖励资助最高多少？都包括哪些项目？", dev61): the total's own sentence names its three parts
_PARTS_ASKED = re.compile(r"(?:包括|包含|含|由)了?哪些|哪几项|都有哪几")
# the rating sets a project's funding (附件1 二（二）): a standard or a total is the most, not what is paid
BY_REVIEW = "实际资助额按评审结果确定（重点推荐、一般推荐按最高资助标准的一定比例），以评审认定为准。"
# "县里说的800万是不是只要来了就一定给满": whether the most is what everyone gets
# "总的奖励资助还剩多少空间", "个人奖励加住房补贴最多还能有多少": what is left of 三（一）'s maximum
_LEFT_ASKED = re.compile(
    r"还剩|剩下|剩余|余下|还能(?:有|拿|给|申请)多少|还有多少(?:空间|额度|钱)|(?:还能|是不是)\S{0,3}另外(?:拿|给|领)"
)
_IN_FULL_ASKED = re.compile(
    r"一定|肯定|自动|给满|拿满|给足|拿足|全额|足额|全部给|全给|都给|都能拿到|直接(?:打|给|发|拿|到账)|只要\S{0,12}?就"
)


# several awards asked about together: their total or their difference ("那省级呢" after 市级 is neither;
# "这两项县里合起来能拿多少", dev23, is a total)
_SUM_OR_DIFFERENCE = re.compile(f"{SUM_ASKED.pattern}|{GAP_ASKED.pattern}")
# A national-level studio or chief technician: the words name a level 三（五） does not list
_NATIONAL_SKILL = re.compile(r"(国家级?|全国)的?(技能大师工作室|首席技师)")


def _skills(facts: Facts, region: str | None, text: str) -> Result:
    """三（五）: the award the words name; "国家级技能大师工作室" is read whole (the text lists 省/市 only);
    when the model found no award entity, the words are read for one (quotes, 繁體, a typo)."""
    national = _NATIONAL_SKILL.search(normalise(text or ""))
    if (
        not national
        and len(skills_awards_said(text)) >= 2
        and (
            _SUM_OR_DIFFERENCE.search(normalise(text))
            or asked_apart(text)
            # "…新评上温州市“首席技师”，县里奖励多少？…市级技能大师工作室，又资助多少？" (dev40): each asked on its own
            or normalise(text).count("多少") >= 2
            # "这两笔奖县里会都发吗？还是只发钱多的那个？" (dev74): each, and 四（二）'s 就高
            or BOTH_PAID_ASKED.search(compact(text))
        )
    ):
        # "一个瓯江技能大奖、两个市首席技师，一共多少", "省级和市级技能大师工作室差多少": each and the sum
        return api.skills_awards(text, region=region)
    # the words' award first: "说错了，我是刚被评为省里的首席技师" corrects the 市首席技师 slot (dev33)
    award = national.group(0) if national else (api.skills_award_named(text) or facts.skills_award)
    if not national and skills_award_denied(text):
        award = None  # "还不是高级技师": the award the model tagged is one the worker does not hold (dev39)
    result = api.skills_award(award, region=region, people=parsing.people(text))
    return _set_against_said(result, text)


def _set_against_said(result: Result, text: str) -> Result:
    """The award set against the one figure the words state when they ask the gap ("县里给了他5万块" then "我要是
    明年评上钱江技能大奖，能比他多拿多少？", dev33: 10万元 − 5万元 = 5万元); `result` as it is otherwise."""
    amount = result.values.get("total") if result.ok else None
    said = {a.yuan for a in reading.amounts(text or "")}
    if not isinstance(amount, int) or len(said) != 1 or not GAP_ASKED.search(compact(text or "")):
        return result
    other = said.pop()
    if other == amount:
        return replace(result, answer=f"{result.answer}与您说的{fmt_yuan(other)}相同。")
    word = "多" if amount > other else "少"
    gap = f"比您说的{fmt_yuan(other)}{word}{fmt_yuan(abs(amount - other))}（{fmt_yuan(max(amount, other))} − {fmt_yuan(min(amount, other))}）。"
    return replace(result, answer=result.answer + gap)


# the award asked of titles set against each other ("奖励资助的上限差多少")
_AWARD_GAP_ASKED = re.compile(r"奖励资助|奖励|上限|封顶|最高|最多")
# "第1类人才叫什么名称", "第4类人才全称", "第2类包括哪些人": 二's definition of the category
ASKS_NAME = re.compile(r"叫什么|名称|全称|什么人才|哪些人|包括哪些|指哪些|指什么|是什么人")


def _category_of_award(text: str, region: str | None) -> Result | None:
    """三（一） read backwards: the category whose maximum (or 第1类's floor) is the one amount the words give, when they
    ask which category and name no title ("永嘉 奖励资助100万 是第几类" → 第5类, dev69); None otherwise."""
    words = normalise(text or "")
    if not _WHICH_CATEGORY.search(words) or "奖励资助" not in words:
        return None
    said = [a.yuan for a in reading.amounts(words)]
    if len(said) != 1:
        return None
    for category in range(1, 6):
        line = api.total_award(category, region=region)
        if line.ok and line.values.get("cap") == said[0]:
            word = "不少于" if line.values.get("bound") == "min" else "最高"
            lead = f"按三（一），奖励资助{word}{fmt_yuan(said[0])}的是第{category}类人才。"
            return replace(line, answer=lead + line.answer)
    return None


def _category(facts: Facts, region: str | None, text: str) -> Result:
    """二: the category the honours give; with a category number and no honour, what that category is.

    When the model's honour entity is missing or only part of a title ("百千万" out of "「百千萬人才工程」
    國家級人選", "万人计划" without 杰出人才), the catalogue reads the whole message: it matches whole
    titles with their qualifiers, so it settles what the fragment could not — and when the words hold no
    title it knows, the question for the title stands.
    """
    if not facts.honours and facts.category is None:
        by_award = _category_of_award(text, region)
        if by_award is not None:
            return by_award
    if (
        len(facts.honours or []) == 2
        and _COMPARE.search(text or "")
        and _AWARD_GAP_ASKED.search(text or "")
        and not re.search(r"项目|资助标准", normalise(text or ""))  # a project's funding: _titles_funded's
    ):
        # "那跟国家千人比，奖励资助的上限差多少？" after 省特级专家's category (dev61): the two titles' awards and their
        # gap (三（一）), not one person's two titles read at the higher
        return _benefits(facts, region, text)
    if _FUNDING_ASKED.search(normalise(text or "")):
        # "省特级专家的项目资助最多多少？ 那国家万人计划青年拔尖人才呢？比省特级专家多多少？": the titles'
        # project funding side by side, not one person's several titles read at the highest
        titles = _titles_funded(text, region)
        if titles is not None:
            return titles
    if (
        facts.honours
        and _PROJECT_MONEY.search(text or "")
        and not _WHICH_CATEGORY.search(normalise(text or ""))
    ):
        # "我2015年以永嘉为申报地入选了国家千人计划…创业项目按什么档次资助、能拿多少？" (dev51): the title's project
        # funding (附件1 二（二）: 按第2类人才特别推荐的标准), not its category's list
        funded = _funding(facts, region, text)
        if funded.status is not Status.INVALID:
            return funded
    if facts.category == 5 and _FIVE_CATEGORIES.search(normalise(text or "")):
        # "能不能按永嘉的五类人才对待": the five categories, not 第5类
        facts = replace(facts, category=None)
    in_full = _IN_FULL_ASKED.search(text or "") and reading.amounts(text or "")
    if not facts.honours and facts.category is not None and in_full:
        # "是不是只要被认定成第5类，永嘉就直接打100万给我？" (dev50): whether the most is what is paid, not 第5类's list
        return _benefits(facts, region, text)
    if not facts.honours and facts.category is not None:
        # "副主任医师 算第5类吗": the title decides, not the number the question names
        whole = title_reading(text, region) if text else None
        if whole is not None:
            return _compared_with_listed(whole, text, region)
        definition = api.category_definition(facts.category, region=region)
        if definition.ok and (
            _LIKENED.search(normalise(text or "")) or _ASKS_IF_IN.search(normalise(text or ""))
        ):
            # "拉斯克医学奖算不算‘国际大奖’，能按第1类对待吗": the category's list, and that a title it does
            # not name is decided by 认定 (相当于 …), never by our reading of 等
            overview = api.category_overview(region=region)
            return replace(
                definition,
                answer=definition.answer + overview.answer,
                citations=[*definition.citations, *overview.citations],
            )
        return definition
    result = api.category_for_honours(facts.honours, region=region)
    if text:
        # the words' own title wins over the slot's: "那省级技能大师工作室的领衔人呢？" after a 市级 answer
        # names another title; and over a fragment the model took ("百人计划" of "中科院的百人计划") — unless the
        # facts hold more titles than the words: one the same person was said to hold before ("他手上还有个
        # 自己的发明专利…能不能再往上提一档", dev50: 市级重点创新团队带头人 too, actions.parsing)
        whole = title_reading(text, region)
        if whole is not None and not facts.honours_added:
            result = whole
    if result.ok and _total_and_project_asked(text or ""):
        # "…算哪一类？奖励资助总额最多多少？这里面光科技项目资助最高又是多少？" (dev51): the project's standard too
        result = _with_project_cap(result, result.values.get("category"), region)
    return _compared_with_listed(result, text, region)


_STATION_LEVEL = re.compile(r"国家级|省级|市级|国家|省|市")
_STATION_KIND = re.compile(r"博士后|院士")


def _workstation(facts: Facts, region: str | None, text: str) -> Result:
    """三（六）: the station the words name — several with their levels are summed by the rule; a
    follow-up naming only another level ("那市级的呢" after 省级博士后) keeps the kind asked before. The
    words here are read with the message before a short follow-up, so the last level and kind named win
    over the slots (the NLU finds no entity in "那市级的呢")."""
    words = normalise(text or "")
    if len(stations_named(words)) >= 2:
        return api.workstation(words, region=region)
    levels = [m.group(0) for m in _STATION_LEVEL.finditer(words)]
    kinds = [m.group(0) for m in _STATION_KIND.finditer(words)]
    level = levels[-1] if levels else facts.workstation_level
    kind = kinds[-1] if kinds else facts.workstation_kind
    return api.workstation(kind, level, region=region)  # the rule reads 市 as 市级 itself


_FUNDING_ASKED = re.compile(r"项目资助|科技项目|资助标准|资助\S{0,4}(多少|最多|最高)")
# a project's money asked of a title ("创业项目按什么档次资助、能拿多少")
_PROJECT_MONEY = re.compile(r"项目\S{0,6}?(?:资助|拿多少|给多少|多少钱)")
# "五类人才" is the five categories; "第五类" is one of them
_FIVE_CATEGORIES = re.compile(r"(?<!第)(?<!第\s)(五|5)\s*类(人才)?")
# "县级名医 算第5类吗": whether something the catalogue does not read as a title is in a category
_ASKS_IF_IN = re.compile(r"(算|是|属于|归|进|列入|能进)\S{0,2}第\s*[1-5一二三四五]\s*类(吗|么|不|没有|嘛)")
_LIKENED = re.compile(
    r"一样|相当于|等同|比照|类似|同等|视同|参照|能不能算|算不算|可不可以算|按\S{0,10}对待|享受\S{0,6}待遇吗"
)


def _compared_with_listed(result: Result, text: str, region: str | None) -> Result:
    """A title not in the catalogue likened to a listed one ("我拿了国家优青，跟杰青一样算第2类吗"): the
    listed title's category is stated, but not as the talent's own — no award line for it — and the
    text's way for an unlisted title (认定 as 相当于 …, who decides) is the answer."""
    unlisted = [str(x) for x in result.values.get("unknown") or []]
    if not (result.ok and unlisted and _LIKENED.search(normalise(text or ""))):
        return result
    overview = api.category_overview(region=region)
    said = "、".join(f"“{x}”" for x in unlisted)
    answer = (
        f"{result.values.get('category_sentence') or ''}{said}也不能直接比照目录所列称号定类。"
        + overview.answer
    )
    return replace(
        result,
        answer=answer,
        values={**result.values, "category": None, "award_cap": None},
        citations=[*result.citations, *overview.citations],
    )


# a range of categories ("2到5类", "第2至第5类", "1-3类")
_CATEGORY_RANGE = re.compile(
    r"第?\s*[1-5一二三四五]\s*(?:类)?\s*(?:到|至|~|～|-|—)\s*第?\s*[1-5一二三四五]\s*类"
)
_TWO_CATEGORIES = re.compile(r"第\s*([1-5一二三四五])\s*类[^第。？?！!；;]{0,8}?第\s*([1-5一二三四五])\s*类")
_TIMES_ASKED = re.compile(r"几倍|多少倍|翻一?倍|两倍|双倍")
_COMPARE = re.compile(r"差|区别|相比|" + _TIMES_ASKED.pattern + "|" + GAP_ASKED.pattern)


def _with_times(gap: Result, text: str) -> Result:
    """Two categories' maxima compared, with how many times one is the other when that is asked ("那第4类的最高额是第5类
    的几倍？" → 2倍, dev69)."""
    line = times_line(gap) if _TIMES_ASKED.search(text) else ""
    return replace(gap, answer=gap.answer + line) if line else gap


def _categories_in(pair: re.Match[str]) -> list[int]:
    """The two categories a `_TWO_CATEGORIES` match names, read by `parsing.category` (第2类, 第二类)."""
    return [c for c in (parsing.category(g) for g in pair.groups()) if c is not None]


def _benefits(facts: Facts, region: str | None, text: str) -> Result:
    """三（一）: the category's total when that is what the words ask; otherwise everything it gets.
    Two categories compared ("第3类和第4类的最高奖励资助差多少") get both caps and the difference."""
    text = normalise(text or "")
    if _CATEGORY_RANGE.search(text) and (_EACH_ASKED.search(text) or ASKS_TOTAL.search(text)):
        # "永嘉 2到5类人才 奖励资助上限 分别多少" (dev63): a range of categories — every category's line of 三（一）
        return api.total_award(region=region)
    groups = reading.headcounts(text)
    if (any(n > 1 for n, _ in groups) or len(groups) > 2) and (
        _ASKS_SUM.search(text) or ASKS_TOTAL.search(text)
    ):
        # "那我们引两个第5类再加一个第4类，最高一共多少？" (dev67): each count of people by its category's cap
        return api.award_for_group(groups, region=region)
    pair = _TWO_CATEGORIES.search(text)
    if pair and _COMPARE.search(text):
        return _with_times(api.award_difference(pair.group(1), pair.group(2), region=region), text)
    named = reading.categories(text) if not pair and _COMPARE.search(text) else []
    if len(named) == 2:
        # named apart or by 二's names ("那要是我能认成市级领军人才呢，比县级能多拿多少" → 200万 − 100万)
        return _with_times(api.award_difference(named[0], named[1], region=region), text)
    before, now = facts.category_before, facts.category
    if len(named) <= 1 and _COMPARE.search(text) and before is not None and now is not None and before != now:
        # "跟上面一档市级领军比，少了多少？" after 县级领军人才's cap (dev33): the category named now set against the one
        # the conversation held — 100万 against 200万
        return api.award_difference(before, now, region=region)
    both = _ASKS_SUM.search(text) or SEVERAL_PEOPLE.search(compact(text))
    if pair and not both and _EACH_ASKED.search(text):
        # "第4类、第5类人才最高奖励资助各多少" (dev48): each category's cap, not one person's two identities
        each = api.award_total(pair.group(1), pair.group(2), region=region)
        if each.ok and each.values.get("each"):
            lines = list(each.values["each"])
            paired = set(_categories_in(pair))
            for c in (c for c in reading.categories(text) if c not in paired):
                # "…各多少？第1类有上限吗？" (dev48): a category asked in another part gets its own line (不少于)
                other = api.total_award(c, region=region)
                if other.ok:
                    lines.append(other.answer)
                    each = _with_also(each, replace(other, answer=""), sep="")
            return replace(each, answer="\n".join(lines))
    if pair and both:
        # "两个人，一个是第2类一个是第4类，最高合计多少" / "…各能拿多少": each category's cap, then their total
        summed = api.award_total(pair.group(1), pair.group(2), region=region)
        if summed.ok and summed.values.get("total") is not None:
            return summed
    apart = reading.categories(text) if not pair and (both or _EACH_ASKED.search(text)) else []
    if len(apart) == 2:
        # named apart or by 二's names: "一个是市级领军（第4类），一个是县级领军（第5类），两个人最高…加起来", "那二类和
        # 三类人才，县里各自最多给多少" (dev29) — each category's cap, then their total
        summed = api.award_total(apart[0], apart[1], region=region)
        if summed.ok and summed.values.get("total") is not None:
            if not both:  # each asked, not their total ("各自最多给多少"): the two caps only
                return replace(summed, answer="\n".join(summed.values["each"]))
            return summed
    held = sorted(set(_categories_in(pair))) if pair else []
    if len(held) == 2 and not SEVERAL_PEOPLE.search(compact(text)):
        # "按第4类和第5类两个身份…最多多少": one person in two categories, answered at the higher one
        asked = api.total_award if ASKS_TOTAL.search(text) and not ASKS_LIST.search(text) else api.benefits
        found = asked(held[0], region=region)
        if found.ok:
            said = f"您说的两个身份分别属于第{held[0]}类、第{held[1]}类；"
            found.answer = f"{said}{highest_held_note(held[0])}{found.answer}"
            return found
    titles = list(facts.honours or [])
    if len(titles) < 2 and text and _COMPARE.search(text):
        # ("国家万人计划的领军人才…最多支持多少？" then "那万人计划里的杰出人才呢？两个相比至少差多少？", dev46: the
        # titles are in the two messages, the slot holds only the last)
        titles = [h.name for h in catalogue().match(text).honours]
    if len(titles) == 2 and _COMPARE.search(text) and not SEVERAL_PEOPLE.search(compact(text)):
        # "国家千人和温州580 在永嘉奖励最高差多少" (dev43): two titles set against each other — each one's category
        # and maximum, and the difference (not one person's two titles read at the higher)
        cats = [_category_from_title(Facts(), region, h).category for h in titles]
        if all(isinstance(c, int) for c in cats) and cats[0] != cats[1]:
            gap = api.award_difference(cats[0], cats[1], region=region)
            if gap.ok:
                which = "，".join(f"“{h}”属于第{c}类" for h, c in zip(titles, cats, strict=True))
                return replace(gap, answer=f"按永嘉县人才新政，{which}。{gap.answer}")
    # ("一个是浙江省千人计划入选者" then "另一个是温州市580海外精英计划的" then "他俩各自最高…加起来最多多少", dev44:
    # the titles are in the statements before, the slot holds only the last)
    several_people = bool(text) and SEVERAL_PEOPLE.search(compact(text)) is not None
    people = (
        title_reading(text, region) if text and (len(facts.honours or []) > 1 or several_people) else None
    )
    if people is not None and people.values.get("per_person"):
        # "两个朋友，一个是长江学者，一个是580计划的，各能拿多少": each title's category and cap, not
        # one person's several titles read at the highest
        return people
    if facts.category is not None and not facts.honours and ASKS_NAME.search(text or ""):
        return api.category_definition(facts.category, region=region)
    named_figures = {a.yuan for a in reading.amounts(text)} if _IN_FULL_ASKED.search(text) else set()
    if named_figures:
        # "县里说的800万是不是只要来了就一定给满": the figure named is 三（一）'s 最高, after review — said first
        most = api.total_award(facts.category, region=region, honours=facts.honours or None)
        if most.ok and most.values.get("cap") in named_figures:
            return replace(most, answer=f"不一定能拿满：文件规定的是最高额。{most.answer}{BY_REVIEW}")
    several = reading.people(text or "")
    if facts.category is None and len(facts.honours or []) == 1 and several and several > 1:
        # "同时引进了两位省特级专家…两个人的奖励资助加起来最多是多少" (dev43): the title's category, for each
        facts = _category_from_title(facts, region, facts.honours[0])
    if facts.category is not None and several and several > 1 and _ASKS_SUM.search(text or ""):
        # "那要是两个人都评审认定下来…两人加起来最多能拿多少" after their category (dev33): n × the maximum
        return api.award_for_people(facts.category, several, region=region)
    funded = facts.approved_total or reading.pick(
        reading.amounts(text or ""), "approved_total", default=False
    )
    if (
        (facts.category is not None or facts.honours)
        and funded is not None
        and _LEFT_ASKED.search(text or "")
    ):
        # "项目资助给了200万" then "总的奖励资助还剩多少空间？" (dev61): the maximum less the project funding, 450 − 200;
        # the category from the title said before ("我是省千人…批了270万项目资助…还能另外拿450万？", dev64: 180万)
        return api.total_award(
            facts.category, region=region, honours=facts.honours or None, project_funded=funded
        )
    if ASKS_TOTAL.search(text or "") and (
        not ASKS_LIST.search(text or "") or _PARTS_ASKED.search(text or "")
    ):
        total = api.total_award(facts.category, region=region, honours=facts.honours or None)
        if total.ok and _total_and_project_asked(text or ""):
            # "…奖励资助总额最多多少？这里面光科技项目资助最高又是多少？" (dev51): both figures
            return _with_project_cap(total, total.values.get("category"), region)
        return total
    return api.benefits(facts.category, region=region, honours=facts.honours or None)


def _loan_interest(facts: Facts, region: str | None, text: str) -> Result:
    """三（三）: the benchmark and the actual rate and the 3年内 tax read from the words ("实际利率3.9%，
    基准是4.35%", "3年内纳税600万"), so the extra 择优 year is computed too; the slot's rate otherwise. The
    loans as the words give them (two banks' loans summed, a later loan for the extra year, the two years
    already had); the slot's loan when the words give none but a later one."""
    said = reading.rates(text or "")
    tax = reading.pick(reading.amounts(text or ""), "tax", default=False)
    loans = reading.loans(text or "")
    first = loans.loan
    if first is None and facts.loan_amount != loans.later:
        # the loan said before — not the later one the model just filled the slot with
        first = facts.loan_amount
    slot_rate = facts.loan_rate
    if said.actual is not None and slot_rate is not None and _same_rate(slot_rate, said.actual):
        slot_rate = None  # "银行给的利率是6%，比基准高": the model's rate slot holds the loan's own rate
    firms = reading.firms_each(text or "")
    named = reading.categories(text or "")
    unmet = reading.read(text or "")  # each condition read once, for the per-firm check and for loan_interest
    conditions_said = (
        unmet.informal_loan,
        unmet.ten_not_selected,
        unmet.loan_not_own,
        unmet.tax_late,
        unmet.revenue_not_tax,
        unmet.innovation_project,
        loans.extra_only,
    )
    if firms and firms == len(named) > 1 and facts.category in named and not any(conditions_said):
        # "我是第2类人才，我老婆是第5类，我们各自…开了公司" … "两家公司都在银行各贷了400万" (dev67): each firm at its
        # own category — only when the words say no condition unmet (those are loan_interest's to say)
        per_firm = api.loan_interest_per_firm(
            named,
            first,
            said.benchmark or slot_rate,
            actual_rate=said.actual,
            below_benchmark="是" if said.below else None,
            region=region,
        )
        if per_firm.ok:
            return per_firm
    return api.loan_interest(
        facts.category,
        first,
        said.benchmark or slot_rate,
        actual_rate=said.actual,
        tax_within_3y=tax,
        region=region,
        honours=facts.honours or None,
        later_loan=loans.later,
        two_years_had="是" if loans.extra_only else None,
        below_benchmark="是" if said.below else None,
        informal_loan="是" if unmet.informal_loan else None,
        ten_not_selected="是" if unmet.ten_not_selected else None,
        tax_late="是" if unmet.tax_late else None,
        loan_not_own="是" if unmet.loan_not_own else None,
        firms=firms,
        revenue_not_tax="是" if unmet.revenue_not_tax else None,
        innovation_project="是" if unmet.innovation_project else None,
        per_year_asked={True: "是", False: "否", None: None}[unmet.per_year_asked],
        tax_below=unmet.tax_below if tax is None else None,
    )


def _same_rate(a: str, b: str) -> bool:
    """Whether two rates as written are the same number ("6" and "6.0%")."""
    try:
        return Decimal(a.strip().rstrip("%％")) == Decimal(b.strip().rstrip("%％"))
    except InvalidOperation:
        return False


OFFER_FLEXIBLE_PAY = Missing(
    "salary", "引进人才每年的计税劳动报酬是多少（几人）？告诉我后可以帮您算出奖励金额。"
)


# the apartments themselves asked for one place, not the 房票 beside them in 五、21.
_ONE_PLACE_APARTMENTS = re.compile(r"^(?!.*房票).*(?:公寓|拎包入住)")


def taizhou_calculation(text: str, about: str = "") -> Result | None:
    """The 台州 provisions with a figure to compute, when the words name one and give its input:
    三、9. 中介费 ("中介费24万元，能补助多少" → 50% = 12万元, through the rule registry) and 六、25.
    改革创新奖励 (全国/全省), 六、25. 股权奖励's years condition, and 五、21. 人才公寓 summed over the areas named (`about`: the clause the
    words were matched to, so "那三区三市加起来呢" after 五、21. needs no 人才公寓 of its own)."""
    words = normalise(text or "")
    if FEE_NAMED.search(words):  # one amount in the words is the fee (the registry reads it)
        fee = registry.compute_from_words("三、9.", TAIZHOU, words) or _several_fees(words)
        if fee is not None:
            return fee
    apartments = re.search(r"公寓|拎包入住|配建|人才专用房", words) or any(
        r.name == "talent_apartments" for r in registry.rules_for_clause(about, TAIZHOU)
    )
    if apartments and re.search(
        r"加起来|合计|一共|总共|共计|全市|总面积|加上|多少|相差|差距|差几|面积|多大|[比跟和]\S{0,4}比|够不够|够吗|达标",
        words,
    ):
        # 五、21. summed over the areas named, or two of them compared ("天台比温岭少多少平方米")
        total = api.talent_apartments(area=words, region=TAIZHOU)
        figures = ("apartment_total_m2", "apartment_gap_m2", "delivered_m2", "least_m2")
        if total.ok and any(total.values.get(f) for f in figures):
            return total
        if total.ok and total.values.get("apartment_min_m2") and _ONE_PLACE_APARTMENTS.search(words):
            # one place's own minimum: "台州天台这种县，市里要求提供多少平方的拎包入住人才公寓？" is 其他县's 15000, not the
            # clause's two figures side by side (dev63, dev64) — never for a 房票 question that names a place
            return total
    years = reading.years_worked(words)
    if years is not None and (
        "股权" in words or any(r.name == "equity_award" for r in registry.rules_for_clause(about, TAIZHOU))
    ):
        # "我才进公司两年，今年能拿吗？" after 六、25.'s equity award: its 连续工作三年以上 settles it
        increase = reading.pick(reading.amounts(words)) if re.search(r"净资产|增值", words) else None
        equity = api.equity_award(net_asset_increase_3y=increase, years_worked=years, region=TAIZHOU)
        if equity.ok:
            return equity
    reform = any(r.name == "reform_award" for r in registry.rules_for_clause(about, TAIZHOU))
    # ("那要是全国推广呢？比省里多多少？" after 六、25.: the reform is the one the clause is about)
    if "推广" in words and (reform or re.search(r"改革|做法|经验", words)):
        tiers = [t for t, said in (("全国", "全国"), ("全省", r"全省|省里|省内")) if re.search(said, words)]
        scope = "、".join(tiers) or None  # both named: each tier's figure
        # "我们有两项做法，一项被全国推广了，一项在全省推广，一共能拿多少" (dev17): two reforms, each its own tier
        separate = len(tiers) == 2 and bool(_TWO_PRACTICES.search(words)) and bool(SUM_ASKED.search(words))
        result = api.reform_award(scope, region=TAIZHOU, separate_practices=separate)
        return result if result.ok else None
    return None


_TWO_PRACTICES = re.compile(r"两项|两个做法|两种做法|一项\S{0,16}(?:另)?一项|一个\S{0,16}(?:另)?一个")


def _several_fees(words: str) -> Result | None:
    """三、9. for several hires, each with its fee ("引了两个人，中介费一个20万、一个36万"): the fees summed,
    when the words say the amounts belong to different hires and none has another role."""
    listed = _FEE_LIST.search(reading.plain(words))
    if listed is None or _NOT_EVERY_HIRE.search(words):
        return None  # only fees listed together after the word 中介费, every hire qualifying as said
    fees = [a.yuan for a in reading.amounts(listed.group(0))]
    if len(fees) < 2 or len(fees) != len(reading.amounts(words)):
        return None  # another amount in the words (已补, 已拿) would change the answer: not guessed
    result = api.intermediary_fee_subsidy(fee=fees)
    return result if result.ok else None


# "中介费一个20万、一个36万", "中介费分别是20万和36万": fees listed one after another after the word 中介费
_WHO = r"(?:另|还有)?(?:一个|一位|一人|一名|第[一二三]个)?(?:的)?(?:是|为)?"
_FEE_LIST = re.compile(
    rf"(?:中介费用?|猎头费)(?:分别)?(?:是|为)?{_WHO}\d+(?:\.\d+)?万元?(?:[、,，和及与]{_WHO}\d+(?:\.\d+)?万元?)+"
)
# a hire the words say is not full time, or not through the city's events: that one does not qualify
_NOT_EVERY_HIRE = re.compile(r"兼职|非全职|不是全职|没有?参加|不是通过|自己找|自行")


def _taizhou_plan(facts: Facts, region: str | None, text: str) -> Result:
    """台市委发〔2018〕39号: a provision's figure when the words give its input (the best passage's own rule
    first: "一共35个项目，按落地率至少落地几个" is 三、9.'s 40%), else its passage. When the words ask the
    plan's dates ("行动计划是啥时候发的？管到哪一年？"), the registry's date answer, as for `_document`."""
    dated = _dates_asked(text, TAIZHOU)
    if dated is not None:
        return dated
    passage = search_result(text, TAIZHOU, fallback=api.services(region=TAIZHOU))
    about = passage.citations[0].clause if passage.ok and passage.citations else ""
    own = registry.compute_from_words(about, TAIZHOU, text) if about and text else None
    computed = own or taizhou_calculation(text, about=about)
    if computed is not None:
        return computed
    # "产业园，省级的和市级的加起来一共要搞几家": the passage's own counts for each level, added up
    summed = counts_summed(text, passage.answer) if passage.ok and text else None
    return replace(passage, answer=f"{passage.answer}\n{summed}") if summed else passage


def _dates_asked(text: str, region: str | None) -> Result | None:
    """The document's dates when the words ask them ("从哪天开始执行", "发文日期", "什么时候出台的", "行动计划是
    啥时候发的？管到哪一年？"): the registry's phrasing for policy_kb.api.effective_date; else None."""
    if not text or not registry.names(registry.rules()["effective_date"], text):
        return None
    dated = api.effective_date(region)
    return dated if dated.ok else None


def _document(facts: Facts, region: str | None, text: str) -> Result:
    """A question about a document as such — its principles, when it takes effect, who leads and
    evaluates it, its goals: the passage its words match best, in the region named (else either text);
    never another topic's figures. Below the weak floor, no passage is a fit: the hotline decides."""
    dated = _dates_asked(text, region)
    if dated is not None:
        return dated
    about = api.document_passages(text, region, k=3) if text else []
    if about and about[0].score >= DOCUMENT_FLOOR:
        found = passage_result(about[0], "document")
        other = next((h for h in about[1:] if h.region != about[0].region), None) if region is None else None
        if other is not None and other.score >= BOTH_TEXTS_RATIO * about[0].score:
            # "这些人才政策以后会调整吗？谁来评估？" names no region and both texts say it (台州 六、22., 永嘉
            # 四（三）): each text's own clause, by its region, not one text's answer for both
            second = passage_result(other, "document")
            return replace(
                found,
                region="",
                answer=f"{found.region}：{found.answer}\n{second.region}：{second.answer}",
                citations=[*found.citations, *second.citations],
            )
        return found
    found = search_result(text, region, min_score=DOCUMENT_MIN_SCORE)
    if found.ok:
        return found
    return Result(
        rule="document",
        status=Status.NEEDS_ASSESSMENT,
        message="没有找到与您的问题对应的政策条文。您可以换个说法，或咨询人才服务热线、点“转人工服务”。",
    )


DOCUMENT_MIN_SCORE = 10.0  # actions/clauses.py WEAK_MIN_SCORE: below it a passage is noise
DOCUMENT_FLOOR = 2.0  # among the few clauses about the document itself, a weak match still holds
BOTH_TEXTS_RATIO = 0.8  # the other region's clause scores this close to the best: both texts answer


TOPICS: dict[str, Topic] = {
    t.name: t
    for t in (
        Topic(
            "category",
            "ask_category",
            "人才分类",
            Scope.YONGJIA_ONLY,
            _category,
            ("ask_benefits", "ask_benefits_funding", "ask_gold_card"),
            inputs=frozenset(["honour", "region"]),
            primer=lambda r: api.category_overview(region=r),
        ),
        Topic(
            "benefits",
            "ask_benefits",
            "人才待遇",
            Scope.YONGJIA_ONLY,
            _benefits,
            ("ask_benefits_funding", "ask_loan_interest", "ask_gold_card"),
            inputs=frozenset(["category", "honour", "region"]),
            # 三（一）'s line for every category and what the award includes, before "第几类"
            primer=lambda r: api.total_award(region=r),
        ),
        Topic(
            "funding",
            "ask_benefits_funding",
            "项目资助",
            Scope.YONGJIA_ONLY,
            _funding,
            ("ask_next_tranche", "ask_loan_interest"),
            inputs=frozenset(
                ["amount", "category", "honour", "plan", "project_type", "region", "review_rating"]
            ),
        ),
        Topic(
            "next_tranche",
            "ask_next_tranche",
            "资助分期拨付",
            Scope.YONGJIA_ONLY,
            lambda f, r, text: _next_tranche(f, r, text),
            ("ask_hotline", "human_handoff"),
            inputs=frozenset(["amount", "project_type", "region", "tranche", "tranches_received"]),
        ),
        Topic(
            "gold_card",
            "ask_gold_card",
            "人才服务“金卡”",
            Scope.YONGJIA_ONLY,  # defined by 永委办发〔2016〕82号 附件3; 台州's own only when 台州 is named
            _services_asked("gold_card"),
            ("ask_service_list", "ask_hotline"),
            taizhou_words=("英才卡",),
        ),
        Topic(
            "hotline",
            "ask_hotline",
            "服务热线",
            Scope.YONGJIA_ONLY,  # defined by 永委办发〔2016〕82号 附件3; 台州's own only when 台州 is named
            _services_asked("hotline"),
            ("ask_service_list", "human_handoff"),
        ),
        Topic(
            "service_list",
            "ask_service_list",
            "人才服务",
            Scope.REGIONAL,
            lambda f, r, text: api.services(region=r, service_words=text),
            ("ask_gold_card", "ask_green_channel"),
        ),
        Topic(
            "green_channel",
            "ask_green_channel",
            "绿色通道",
            Scope.YONGJIA_ONLY,  # defined by 永委办发〔2016〕82号 附件3; 台州's own only when 台州 is named
            _services_asked("green_channel"),
            ("ask_service_list", "ask_hotline"),
        ),
        Topic(
            "housing",
            "ask_housing",
            "人才住房",
            Scope.REGIONAL,
            lambda f, r, text: _housing(f, r, text),
            ("ask_benefits", "ask_employer_reward"),
            overview="人才购房补贴 千人计划 580计划",
            inputs=frozenset(["honour", "plan", "region"]),
        ),
        Topic(
            "flexible_intro",
            "ask_flexible_intro",
            "柔性引才奖励",
            Scope.YONGJIA_ONLY,
            _flexible,
            ("ask_employer_reward", "ask_referral"),
            overview="柔性引进 计税劳动报酬 20% 引才奖励",
            inputs=frozenset(["amount", "region"]),
        ),
        Topic(
            "overseas_engineer",
            "ask_overseas_engineer",
            "海外工程师资助",
            Scope.YONGJIA_ONLY,
            lambda f, r, text: _overseas(f, r, text),
            ("ask_employer_reward", "ask_flexible_intro"),
            overview="海外工程师 年薪 资助",
            inputs=frozenset(["amount", "region"]),
        ),
        Topic(
            "skills_award",
            "ask_skills_award",
            "技能人才奖励",
            Scope.YONGJIA_ONLY,
            _skills,
            ("ask_workstation", "ask_category"),
            overview="技能大奖 首席技师 奖励",
            inputs=frozenset(["honour", "region", "skills_award"]),
        ),
        Topic(
            "workstation",
            "ask_workstation",
            "工作站建站补助",
            Scope.YONGJIA_ONLY,
            _workstation,
            ("ask_skills_award", "ask_employer_reward"),
            overview="博士后科研工作站 院士专家工作站 建站补助",
            inputs=frozenset(["region", "workstation_kind", "workstation_level"]),
        ),
        Topic(
            "loan_interest",
            "ask_loan_interest",
            "贷款贴息",
            Scope.YONGJIA_ONLY,
            _loan_interest,
            ("ask_benefits_funding", "ask_next_tranche"),
            overview="贷款 基准利率 全额贴息",
            inputs=frozenset(["amount", "category", "honour", "percent", "region"]),
        ),
        Topic(
            "employer_reward",
            "ask_employer_reward",
            "用人单位引才奖励",
            Scope.YONGJIA_ONLY,
            lambda f, r, text: api.employer_reward(
                _plans(f, text),
                region=r,
                selected_in_yongjia=_selected_in_yongjia(f, text),
                trip=reading.overseas_trip(text or "") or f.overseas_trip,
            ),
            ("ask_referral", "ask_flexible_intro"),
            overview="用人单位 千人计划 580计划 奖励 差旅费",
            inputs=frozenset(["honour", "plan", "region"]),
        ),
        Topic(
            "referral",
            "ask_referral",
            "引荐奖励",
            Scope.YONGJIA_ONLY,
            lambda f, r, text: _referral(f, r, text),
            ("ask_employer_reward", "ask_hotline"),
            inputs=frozenset(["honour", "plan", "region"]),
        ),
        Topic(
            "eligibility",
            "ask_project_eligibility",
            "项目申报条件",
            Scope.YONGJIA_ONLY,
            _eligibility,
            ("ask_benefits_funding", "ask_next_tranche"),
            # "不过我个人实际只投了80万，这样能报吗": a figure a condition is checked against
            inputs=frozenset(["amount", "project_type", "region"]),
        ),
        Topic(
            "document",
            "ask_policy_document",
            "政策文件总体情况",
            Scope.EITHER,
            _document,
            ("ask_benefits", "ask_service_list"),
            inputs=frozenset(["region"]),
        ),
        Topic(
            "taizhou_plan",
            "ask_taizhou_plan",
            "台州人才强市行动计划",
            Scope.TAIZHOU,
            _taizhou_plan,
            ("ask_service_list", "ask_gold_card"),
        ),
    )
}
BY_INTENT: dict[str, Topic] = {t.intent: t for t in TOPICS.values()}

# Button titles for intents (did-you-mean, next steps); Chinese, as the talent would ask.
INTENT_TITLES: dict[str, str] = {
    "ask_category": "我属于第几类人才",
    "ask_benefits": "我能享受哪些待遇",
    "ask_benefits_funding": "项目资助怎么算",
    "ask_next_tranche": "下一期资助怎么申请",
    "ask_gold_card": "人才金卡有什么用",
    "ask_hotline": "人才服务热线",
    "ask_service_list": "人才服务有哪些",
    "ask_green_channel": "人才服务绿色通道",
    "ask_housing": "人才购房补贴",
    "ask_flexible_intro": "柔性引才奖励",
    "ask_overseas_engineer": "海外工程师资助",
    "ask_skills_award": "技能人才奖励",
    "ask_workstation": "工作站建站补助",
    "ask_loan_interest": "创业贷款贴息",
    "ask_employer_reward": "用人单位引才奖励",
    "ask_referral": "引荐人才奖励",
    "ask_project_eligibility": "项目申报条件",
    "ask_taizhou_plan": "台州人才政策",
    "ask_policy_document": "政策文件总体情况",
    "human_handoff": "转人工服务",
}


def run(topic: Topic, facts: Facts, region: str | None, text: str = "") -> Result:
    """Ask policy_kb; an unexpected error becomes a polite NEEDS_ASSESSMENT result, never a crash."""
    try:
        result = topic.run(facts, region, text)
    except Exception:  # the action server must answer something; the log keeps the trace
        logger.exception("policy_kb failed for topic %s", topic.name)
        return Result(
            rule=topic.name,
            status=Status.NEEDS_ASSESSMENT,
            message="抱歉，这个问题我暂时无法计算，请转人工或拨打人才服务热线咨询。",
        )
    return _unasked_notes_dropped(result, text)


# words asking for the most a rule allows
_MOST_WORDS = re.compile(r"最多|最高|上限|封顶|顶格|最大|满额|顶多|能贴多少|能补多少")


# words asking how or when the money is paid (附件1 三's tranches)
_PAYOUT_WORDS = re.compile(
    r"期|拨|分几|几次|每次|分批|一次性|到账|到位|怎么给|怎么发|什么时候|何时|多久|发放|付款|打款|先给|先拿|剩下|尾款|余款"
    # ("这点钱在永嘉也要分三回给吗？每回多少？", dev20)
    r"|分\S?[回次批笔]|每[回次笔批]|几[回次笔批]|一笔|分开|分成"
    # how the money comes to hand, in steps ("钱怎么领", "分阶段给吗", "按进度给", "什么时候能全部拿齐")
    r"|到手|领取|怎么拿|怎么领|阶段|进度|给齐|拿齐|拿完|兑现|首笔|头笔"
)

# (a sentence a rule adds beside its answer, kept in `values` under this key; the words that ask for it): said
# only when asked. "项目评审只评了个一般推荐，能拿多少钱？" is the amount, without 附件1 三's tranches — a tranche of
# the total (36万 of 120万) read by a skimming eye is taken for the total (dev42); "第5类 贷150万 两年贴息多少" with
# the loan unread is not answered with the caps' maximum (17.4万), which is not the talent's subsidy (dev46)
_ASKED_ONLY = (("schedule_note", _PAYOUT_WORDS), ("most_note", _MOST_WORDS))


def _unasked_notes_dropped(result: Result, text: str) -> Result:
    """`result` without the _ASKED_ONLY sentences its words do not ask for."""
    words = normalise(text or "")
    for key, asks in _ASKED_ONLY:
        note = str(result.values.get(key) or "")
        if note and words and not asks.search(words) and note in result.answer:
            result = replace(result, answer=result.answer.replace(note, ""))
    return result


def infer_topic(entities: list[dict]) -> Topic | None:
    """The topic a bare answer most likely belongs to when nothing was asked before (我是杰青 → 分类)."""
    kinds = {e.get("entity") for e in entities}
    roles = {e.get("role") for e in entities if e.get("entity") == "amount"}
    order = (
        ({"review_rating"}, "funding"),
        ({"tranche", "project_type"}, "next_tranche"),
        ({"skills_award"}, "skills_award"),
        ({"workstation_kind", "workstation_level"}, "workstation"),
        ({"honour"}, "category"),
        ({"category"}, "benefits"),
    )
    if roles & {"approved_total", "spending", "sales", "paid_in_capital", "investment"}:
        return TOPICS["next_tranche"]
    if "loan_amount" in roles or "percent" in kinds:
        return TOPICS["loan_interest"]
    if "salary" in roles:
        return TOPICS["overseas_engineer"]
    for names, topic in order:
        if kinds & names:
            return TOPICS[topic]
    return None
