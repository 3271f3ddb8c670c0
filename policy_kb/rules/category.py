"""Which category (1–5) a person belongs to — 永委办发〔2016〕82号 二.

Several honours: the text does not say how they are categorised (四（二）“就高” is about rewards for the
same project, not about honours), so the answer says so and gives the highest category the person
meets (smallest number), to be confirmed by the review. An honour the catalogue does not list is never
guessed: the result says it needs assessment (相当于…经认定; 偏才/专才) and who
decides. An ambiguous alias (千人计划: national or provincial?) is asked about when it could change
the answer.
"""

from __future__ import annotations

import re
from typing import Any

from policy_kb.catalogue import catalogue
from policy_kb.editions import Edition
from policy_kb.model import Missing, Result
from policy_kb.money import fmt_yuan
from policy_kb.rules.awards import award_condition
from policy_kb.rules.base import Trace, guarded
from policy_kb.text import SUM_ASKED, compact, quoted_title


@guarded("category_for_honours")
def category_for_honours(ed: Edition, honours: object = None) -> Result:
    t = Trace("category_for_honours", ed)
    items = (
        honours if isinstance(honours, list | tuple) else ([] if honours in (None, "") else [str(honours)])
    )
    if not items:
        return t.missing(
            Missing(
                "honour", "您获得过哪些人才称号、荣誉或职称？（例如：国家杰青、省千人计划、正高职称、博士）"
            )
        )
    cat = catalogue(ed.id)
    found = cat.match([str(i) for i in items])
    hotline = ed.value("service.hotline") if ed.has("service.hotline") else ""
    # an alias whose every reading is listed in one category settles the category without asking
    # ("院士": 中国科学院 / 中国工程院 / 发达国家科学院或工程院院士 — all 第1类); the answer names them all
    alike = {a: cs for a, cs in found.ambiguous.items() if len(cs) > 1 and len({c.category for c in cs}) == 1}
    best = min([h.category for h in found.honours] + [cs[0].category for cs in alike.values()], default=None)

    for alias, cands in found.ambiguous.items():
        if alias in alike:
            continue
        if best is None or min(c.category for c in cands) < best:
            names = tuple(c.name for c in cands)
            # answer first: what each reading gives ("青年拔尖": 国家…第2类 / 市…第4类), then ask which
            readings = "；".join(f"如是{c.name}，属第{c.category}类" for c in cands)
            for c in cands:
                t.result.cite(c.citation)
            return t.missing(Missing("honour", f"您说的“{alias}”具体是哪一项？（{readings}）", names))

    for h in found.honours:
        t.result.cite(h.citation)
        note = f"（{h.needs_confirmation}）" if h.needs_confirmation else ""
        t.step(f"“{h.name}”列在第{h.category}类{note}")
    unlisted_notes = [f"“{k}”：{v}" for k, v in found.unlisted.items()]
    if best is None:
        t.result.cite(cat.assessment_citation, cat.special_citation)
        # "只有实用新型专利，没有发明专利" (dev4, dev78): the listed line said not held is named, with no category number
        # (a careless reading would take it for the talent's)
        denied = [f"您说不具备的“{h.name}”是目录所列的一项，没有它不能据此认定" for h in found.denied]
        detail = "；".join(denied + unlisted_notes + [f"“{x}”" for x in found.leftovers if x])
        message = (
            f"{detail + '。' if detail else ''}这项称号不在{ed.region}第1–5类人才目录中，我不能替您判断类别。"
            f"按文件规定，学术、技术水平相当于第1–5类的（含海外），经认定后列入相应层次；重点产业急需的“偏才”“专才”"
            f"由{cat.assessment_who}后享受相应政策。可拨打人才服务热线{hotline}咨询认定办法。"
        )
        return t.assess(
            message,
            category=None,
            honours=[],
            unknown=list(found.leftovers) + list(found.unlisted),
            recognised=bool(found.unlisted),  # False: nothing in the words is a title we know of
        )

    if alike and best not in {h.category for h in found.honours}:
        alias, cands = next((a, cs) for a, cs in alike.items() if cs[0].category == best)
        for c in cands:
            t.result.cite(c.citation)
        listed = "、".join(c.name for c in cands)
        t.step(f"“{alias}”在目录中的各项（{listed}）均列在第{best}类")
        answer = f"按{ed.region}人才新政，您提到的“{alias}”，目录中的{listed}均属于第{best}类（目录未列的同类称号需经认定）。"
        if found.honours:
            answer += f"您还有其他称号，列在较低类别；{highest_held_note(best)}"
        award = _award_for(t, ed, best)
        return t.ok(
            answer + (award["sentence"] if award else ""),
            category=best,
            category_sentence=answer,
            award_cap=award.get("cap"),
            award_bound=award.get("bound"),
            several_honours_rule=None,
            honours=[{"id": c.id, "name": c.name, "category": c.category} for c in cands],
            unknown=list(found.leftovers) + list(found.unlisted),
        )
    top = [h for h in found.honours if h.category == best]
    several = len({h.category for h in found.honours}) > 1
    words = "".join(compact(str(i)) for i in items)
    if len(found.honours) > 1 and SEVERAL_PEOPLE.search(words):
        # different people's titles, even of one category ("我是国家千人…我爱人是长江学者，我和她算同一类吗")
        return _each_person(t, ed, found.honours, words, tuple(found.unlisted))
    if several:
        t.step(
            f"多项称号分别列在{'、'.join(f'第{c}类' for c in sorted({h.category for h in found.honours}))}；"
            f"文件没有写明多项称号时如何认定类别，按所符合的最高类别第{best}类回答，以评审认定为准",
            "award.condition",
        )
    confirm = [h.needs_confirmation for h in top if h.needs_confirmation]
    extra = ""
    if found.leftovers or unlisted_notes:
        others = "、".join([f"“{x}”" for x in found.leftovers] + [f"“{k}”" for k in found.unlisted])
        extra = f"{others}不在目录中，未计入。"
    said = found.surfaces.get(top[0].id, "")
    understood = f"您提到的“{said}”对应目录中的" if said and compact(said) != compact(top[0].name) else ""
    # the name 二 gives the category ("第1类：国内外顶尖人才"): "那一类叫什么" is asked as often as its number
    named = next((f"“{name}”" for name, (n, _) in cat.classes.items() if n == best), "")
    answer = (
        f"按{ed.region}人才新政，{understood}“{top[0].name}”{'，' if understood else ''}属于第{best}类{named}"
        f"{'（' + '；'.join(confirm) + '）' if confirm else ''}。"
    )
    if several:
        answer += f"您有多项称号，分别列在不同类别；{highest_held_note(best)}"
    answer += extra
    category_sentence = answer
    award = _award_for(t, ed, best)
    if award:
        answer += award["sentence"]
    return t.ok(
        answer,
        category=best,
        category_sentence=category_sentence,
        award_cap=award.get("cap"),
        award_bound=award.get("bound"),
        several_honours_rule="not_stated" if several else None,
        honours=[{"id": h.id, "name": h.name, "category": h.category} for h in found.honours],
        unknown=list(found.leftovers) + list(found.unlisted),
    )


# "我帮两个朋友问的，一个是长江学者，一个是580计划的": the titles belong to different people
def highest_held_note(best: int) -> str:
    """What the bot says when one person holds titles (or categories) in several categories.

    Why one sentence: the text says nothing on several titles (四（二）'s 就高 is about one project's awards),
    so every answer that picks the highest category must say it chose and who decides, in the same words."""
    return f"文件没有写明多项称号时如何认定类别，这里按您所符合的最高类别（第{best}类）回答，最终以评审认定为准。"


SEVERAL_PEOPLE = re.compile(
    r"一个是|另一个|另一位|两个人|两个朋友|两位|两人|我俩|他俩|她俩|我们俩|各是|各自|各能|分别是|分别能|分别属于"
    r"|同事|朋友|两个专家|两名"
    # "老张是…第一层次，小李是…第二层次" then "他们俩在永嘉分别算第几类？" (dev60)
    r"|他们俩|她们俩|他们两个|她们两个|分别算|各算|两个(?:工程师|员工|博士|人才|教授|研究员)"
    # "我们想柔性引进三个人：甲是…，乙是…，丙是…" (dev59)
    r"|[三四五六七八九几]个人|[三四五六七八九几]位|[甲乙丙丁]是"
    # "我老公是省151第二层次…我跟他是同一类吗" (dev23): the asker set against another person
    r"|[跟和与]他|[跟和与]她"
)
# "是同一类吗", "算一类吗", "一样吗": whether the people's titles share a category
_SAME_ASKED = re.compile(r"同一类|同一个类|同类|算一类|是一类|一样")


def _each_person(
    t: Trace, ed: Edition, honours: list[Any], said: str = "", unlisted: tuple[str, ...] = ()
) -> Result:
    """Each title's category and 三（一） award cap, for titles held by different people; their sum when
    the words ask for it, else the difference when two maxima are compared (neither with a 不少于 floor:
    that is no maximum). A title the catalogue does not list, held by another of them ("丙是副教授", dev59), is
    said to be 认定's — never dropped, never given a category."""
    lines, caps = [], []
    for h in sorted(honours, key=lambda h: h.category):
        t.result.cite(h.citation)
        t.step(f"“{h.name}”列在第{h.category}类")
        award = _award_for(t, ed, h.category)
        cap_text = ""
        if award:
            word = "不少于" if award["bound"] == "min" else "最高"
            cap_text = f"，奖励资助{word}{fmt_yuan(award['cap'])}"
            caps.append((award["cap"], award["bound"]))
        lines.append(f"{quoted_title(h.name)}属于第{h.category}类{cap_text}")
    answer = f"按{ed.region}人才新政，" + "；".join(lines) + "。"
    if len(honours) == 2 and _SAME_ASKED.search(said):
        first, second = (h.category for h in honours)
        answer += f"两者同属第{first}类。" if first == second else "两者不在同一类。"
    if (
        len(caps) >= 2 and all(b != "min" for _, b in caps) and SUM_ASKED.search(said)
    ):  # "两个人最高加起来一共"
        total = sum(cap for cap, _ in caps)
        t.step(f"各人最高额合计{fmt_yuan(total)}")
        answer += f"{len(caps)}人的最高额合计{' + '.join(fmt_yuan(c) for c, _ in caps)} = {fmt_yuan(total)}。"
    elif len(caps) == 2 and all(b != "min" for _, b in caps) and caps[0][0] != caps[1][0]:
        gap = abs(caps[0][0] - caps[1][0])
        t.step(f"两者最高额相差{fmt_yuan(gap)}")
        answer += f"两者的最高额相差{fmt_yuan(gap)}。"
    components = "、".join(t.use("award.components"))
    answer += f"实际以评审认定为准；奖励资助主要包括{components}三项。"
    if unlisted:
        answer += (
            f"{'、'.join(f'“{u}”' for u in unlisted)}不在{ed.region}第1–5类人才目录中，我不能替您判断类别，"
            "学术、技术水平相当于目录所列人才的，经认定后列入相应层次。"
        )
    return t.ok(
        answer,
        category=None,
        category_sentence=answer,
        honours=[{"id": h.id, "name": h.name, "category": h.category} for h in honours],
        per_person=True,
        unknown=list(unlisted),
    )


def _award_for(t: Trace, ed: Edition, n: int) -> dict[str, Any]:
    """三（一）'s award for category n, so "which category, and how much at most" is one answer."""
    pid = f"award_cap.category_{n}"
    if not ed.has(pid):
        return {}
    cap = t.use(pid)
    bound = ed.param(pid).bound
    components = "、".join(t.use("award.components"))
    condition = award_condition(t, ed)  # the whole condition: "挂名不去的话能不能拿…要满足啥条件" (dev33)
    word = "奖励资助不少于" if bound == "min" else "最高奖励资助额为"
    t.step(f"第{n}类人才{word}{fmt_yuan(cap)}", pid, "award.components")
    sentence = f"{condition}的第{n}类人才，{word}{fmt_yuan(cap)}，主要包括{components}三项。"
    return {"cap": cap, "bound": bound, "sentence": sentence}


@guarded("category_overview")
def category_overview(ed: Edition) -> Result:
    """二 and 三（十一）: how the catalogue decides a category — shown before asking for a title.

    Why: "我是上市公司高管，能算第几类" or "海外人才没有国内称号，能按五类对待吗" cannot be settled without a
    title, but the text does say how it is settled: by the titles each category lists, and for anyone
    else by 认定 (相当于 … 含海外; 偏才专才). That is the answer; the title question follows it.
    """
    t = Trace("category_overview", ed)
    cat = catalogue(ed.id)
    t.result.cite(cat.assessment_citation, cat.special_citation)
    hotline = ed.value("service.hotline") if ed.has("service.hotline") else ""
    answer = (
        f"{ed.region}按人才称号把领军人才分为五类，每类列有具体的称号、荣誉或职称，"
        "按您获得的称号对照目录确定类别。目录没有列出的，学术、技术水平相当于目录所列人才的（含海外），"
        f"经认定后列入相应层次；重点产业急需的“偏才”“专才”由{cat.assessment_who}后享受相应政策"
        + (f"（人才服务热线{hotline}）" if hotline else "")
        + "。"
    )
    if cat.adjustment_citation is not None:
        # "五类人才的名单是定死的还是会变": the text says the categories are adjusted over time
        t.result.cite(cat.adjustment_citation)
        answer += f"文件还规定，{cat.adjustment_citation.quote}（三（十一））。"
    return t.ok(answer, category=None)
