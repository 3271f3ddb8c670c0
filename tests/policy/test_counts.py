"""Counts a passage states per level, added up as asked (台州 一's 产业园 targets)."""

from __future__ import annotations

import pytest

from policy_kb.counts import counts_summed
from policy_kb.passages import all_passages

PLATFORMS = next(p.text for p in all_passages() if "新建市级“千人计划”产业园 2 家" in p.text)


def test_the_levels_named_are_added_from_the_passage_s_own_figures() -> None:
    """台州 一: 创建省级“千人计划”产业园 2 家，新建市级“千人计划”产业园 2 家 → 4 家 (dev3)."""
    said = counts_summed("台州计划里“千人计划”产业园，省级的和市级的加起来一共要搞几家？", PLATFORMS)
    assert said is not None and "省级千人计划产业园2家 + 市级千人计划产业园2家 = 4家" in said


@pytest.mark.parametrize(
    "question",
    [
        "省级和市级的产业园分别几家",  # each asked, not the sum: the passage answers
        "省级和市级的博士后工作站一共几家",  # the passage counts no 市级 博士后工作站
        "千人计划产业园一共几家",  # one level or none named
        "省级和市级的产业园加起来多少名",  # counted in another unit
    ],
)
def test_nothing_is_added_unless_each_level_s_count_of_the_thing_asked_is_stated(question: str) -> None:
    assert counts_summed(question, PLATFORMS) is None
