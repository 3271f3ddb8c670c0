"""Counts a passage states for each level (or each named item) the question names, added up as asked.

"台州计划里“千人计划”产业园，省级的和市级的加起来一共要搞几家？" is answered by 一's "创建省级“千人计划”产业园 2
家，新建市级“千人计划”产业园 2 家" — the passage holds both figures, but the sum (4 家) is what was asked.
Only figures the passage states are added, each quoted with its level; nothing is read beyond them.
"""

from __future__ import annotations

import re

from policy_kb.inputs import CN_SMALL
from policy_kb.search import COUNT_ASKED, COUNT_UNITS, COUNTED_AS, QUOTES
from policy_kb.text import SUM_ASKED, compact

LEVELS = ("国家级", "省级", "市级", "县级")
ANY_UNIT = "个家所名位人项座次场"
# a level's count: the level, then within one phrase (no ，。；) the thing counted and its figure
_SEGMENT = r"{level}([^，,。；;]{{0,20}}?)(\d+)\s*([{units}])"


def counts_summed(question: str, passage: str) -> str | None:
    """ "省级…2家 + 市级…2家 = 4家" when the question asks a sum of a count and names two or more levels,
    and the passage states each level's count of the thing the question names; else None."""
    words = compact(question)
    asked = COUNT_ASKED.search(words)
    if not SUM_ASKED.search(words) or asked is None:
        return None
    unit = asked.group(1) or asked.group(2)
    # 几个 counts in any unit ("千人计划产业园…省级跟市级各几个，加起来几个" is 2 家 + 2 家, dev16)
    units = ANY_UNIT if unit == "个" else COUNTED_AS.get(unit, unit) if unit else ""
    if not units:
        return None
    levels = [lv for lv in LEVELS if lv in words]
    if len(levels) < 2:
        kept = re.sub(r"\s+", "", passage)  # (compact drops the quotes)
        return _named_summed(words, kept, units) or _listed_summed(words, kept, units)
    text = compact(passage)
    parts: list[tuple[str, str, int, str]] = []
    for level in levels:
        m = re.search(_SEGMENT.format(level=level, units=units), text)
        if m is None or not _names_the_same_thing(m.group(1), words):
            return None
        parts.append((level, m.group(1), int(m.group(2)), m.group(3)))
    if len({u for *_, u in parts}) != 1:
        return None
    unit_said = parts[0][3]
    total = sum(n for _, _, n, _ in parts)
    said = " + ".join(f"{level}{thing}{n}{u}" for level, thing, n, u in parts)
    return f"按原文：{said} = {total}{unit_said}。"


# a named item's count: "培养引进“杰出台州工匠”100名，“首席技能大师”50名" (二、3.)
_NAMED_COUNT = r"“([^”]{{2,14}})”\s*(\d+)\s*([{units}])"


def _named_summed(words: str, text: str, units: str) -> str | None:
    """ "杰出台州工匠、首席技能大师、优秀技能人才这三类，加起来一共要培养引进多少人" (dev16): the counts the passage
    gives each item the question names (by its quoted name), added up when two or more are named and
    they share a unit; else None."""
    parts = [
        (m.group(1), int(m.group(2)), m.group(3))
        for m in re.finditer(_NAMED_COUNT.format(units=units), text)
        if m.group(1) in words
    ]
    if len(parts) < 2 or len({u for *_, u in parts}) != 1:
        return None
    said = " + ".join(f"“{name}”{n}{u}" for name, n, u in parts)
    return f"按原文：{said} = {sum(n for _, n, _ in parts)}{parts[0][2]}。"


# a list's counts, "各" giving each item before it the same one: "新建“千人计划”专家工作站、外国专家工作站各10家、
# 国家级学会服务站6家" (三、8.)
_LISTED = r"([^，,。；;：:]+?)(各)?(\d+)([{units}])"
_LEADING_VERB = re.compile(r"^.*?(?:累计新建|新建|建成|建设|创建|培养引进|引进|培养)(?=.{2,})")


def _listed_summed(words: str, text: str, units: str) -> str | None:
    """ "千人计划专家工作站、外国专家工作站、国家级学会服务站三种加一起计划新建几家" (dev20): each item of the passage's
    list that the question names, with its count — "各10家" is each of the items it follows —, added up
    when two or more are named and they share a unit; else None."""
    parts: list[tuple[str, int, str]] = []
    for m in re.finditer(_LISTED.format(units=units), text):
        names = [n for n in m.group(1).split("、") if n]
        for name in names if m.group(2) else names[-1:]:
            shown = _LEADING_VERB.sub("", name)
            if _unquoted(shown) in words:  # the item named whole, not a word it shares
                parts.append((shown, int(m.group(3)), m.group(4)))
    if len(parts) < 2 or len({u for *_, u in parts}) != 1:
        return None
    said = " + ".join(f"{name}{n}{u}" for name, n, u in parts)
    return f"按原文：{said} = {sum(n for _, n, _ in parts)}{parts[0][2]}。"


def _unquoted(words: str) -> str:
    """`words` without quote marks (the question's words were compacted, which drops them): the search's
    one set of quote marks, not a third copy of it."""
    return QUOTES.sub("", words)


def _names_the_same_thing(thing: str, question: str) -> bool:
    """Whether the words between a level and its figure ("“千人计划”产业园") share a 3-character run with the
    question: the count is of the thing asked about, not of another item of the same list."""
    plain = _unquoted(thing)
    return any(plain[i : i + 3] in question for i in range(max(0, len(plain) - 2)))


# "每年不少于 12 场" (三、9.) and "按三年算下来至少多少场": a yearly count over the years the question names
_PER_YEAR = r"每年(不少于|至少|以上)?\s*(\d+)\s*([{units}])(以上)?"
# (场 too: "每年不少于 12 场" events are counted in 场)
_COUNT_ASKED_ANY = re.compile(f"几([{COUNT_UNITS}场])|多少([{COUNT_UNITS}场])")
_YEARS_ASKED = re.compile(
    r"(\d+|[一二两三四五六七八九十])年(?:下来|算下来|累计|一共|总共|合计|加起来|里|内|间)?"
)


def per_year_total(question: str, passage: str) -> str | None:
    """The passage's yearly count times the years the question names, when it asks a total over years
    ("按三年算下来至少多少场", dev16); else None. Only a count the passage states per year (每年…N场) is used."""
    words = compact(question)
    asked = _COUNT_ASKED_ANY.search(words)
    if asked is None or not re.search(r"算下来|累计|一共|总共|合计|加起来|总计|共计", words):
        return None
    years = next((y for m in _YEARS_ASKED.finditer(words) if (y := _count(m.group(1))) and y > 1), None)
    unit = asked.group(1) or asked.group(2)
    units = ANY_UNIT if unit in (None, "个") else COUNTED_AS.get(unit, unit)
    m = re.search(_PER_YEAR.format(units=units), compact(passage))
    if years is None or m is None:
        return None
    n, u = int(m.group(2)), m.group(3)
    floor = bool(m.group(1) or m.group(4))
    return (
        f"按原文每年{'不少于' if floor else ''}{n}{u}，{years}年合计{'至少' if floor else ''}{n * years}{u}"
        f"（{n}{u} × {years}年）。"
    )


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else CN_SMALL.get(word)
