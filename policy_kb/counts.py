"""Counts a passage states for each level the question names, added up as the question asks.

"台州计划里“千人计划”产业园，省级的和市级的加起来一共要搞几家？" is answered by 一's "创建省级“千人计划”产业园 2
家，新建市级“千人计划”产业园 2 家" — the passage holds both figures, but the sum (4 家) is what was asked.
Only figures the passage states are added, each quoted with its level; nothing is read beyond them.
"""

from __future__ import annotations

import re

from policy_kb.search import COUNT_ASKED, COUNTED_AS
from policy_kb.text import SUM_ASKED, compact

LEVELS = ("国家级", "省级", "市级", "县级")
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
    units = COUNTED_AS.get(unit, unit) if unit else ""
    levels = [lv for lv in LEVELS if lv in words]
    if len(levels) < 2 or not units:
        return None
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


def _names_the_same_thing(thing: str, question: str) -> bool:
    """Whether the words between a level and its figure ("“千人计划”产业园") share a 3-character run with the
    question: the count is of the thing asked about, not of another item of the same list."""
    plain = re.sub(r"[“”\"'「」]", "", thing)
    return any(plain[i : i + 3] in question for i in range(max(0, len(plain) - 2)))
