"""Counts a passage states per level, added up as asked (台州 一's 产业园 targets)."""

from __future__ import annotations

import pytest

from policy_kb.counts import counts_summed, per_year_total
from policy_kb.passages import all_passages

PLATFORMS = next(p.text for p in all_passages() if "新建市级“千人计划”产业园 2 家" in p.text)
CRAFTSMEN = next(p.text for p in all_passages() if "“杰出台州工匠”100名" in p.text)
CONTESTS = next(p.text for p in all_passages() if "每年不少于 12 场" in p.text)
STATIONS = next(p.text for p in all_passages() if "外国专家工作站各10家" in p.text)


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


def test_several_counts_asked_in_any_unit_are_added() -> None:
    """台州 一: "省級跟市級各幾個，加起來幾個" counts in 个, the passage in 家 — 几个 is any unit (dev16)."""
    said = counts_summed("台州到2020年要建幾個千人計劃產業園？省級跟市級各幾個，加起來幾個？", PLATFORMS)
    assert said is not None and said.endswith("= 4家。")


def test_the_items_named_are_added_from_the_passage_s_own_figures() -> None:
    """台州 二、3.: 培养引进“杰出台州工匠”100名，“首席技能大师”50名，“优秀技能人才”800名 → 950名 (dev16)."""
    said = counts_summed(
        "那杰出台州工匠、首席技能大师、优秀技能人才这三类，加起来一共要培养引进多少人？", CRAFTSMEN
    )
    assert said == "按原文：“杰出台州工匠”100名 + “首席技能大师”50名 + “优秀技能人才”800名 = 950名。"
    # one item named: nothing to add
    assert counts_summed("杰出台州工匠一共要培养多少人", CRAFTSMEN) is None


def test_each_item_of_a_list_counted_with_ge_has_that_count() -> None:
    """台州 三、8.: 新建“千人计划”专家工作站、外国专家工作站各10家、国家级学会服务站6家 — "三种加一起计划新建几家"
    is 10 + 10 + 6 = 26家; 各10家 is each of the two before it (dev20)."""
    said = counts_summed(
        "台州千人计划专家工作站、外国专家工作站、国家级学会服务站三种加一起计划新建几家？", STATIONS
    )
    assert said == "按原文：“千人计划”专家工作站10家 + 外国专家工作站10家 + 国家级学会服务站6家 = 26家。"
    # two of them: the two counts
    two = counts_summed("外国专家工作站和国家级学会服务站一共新建几家", STATIONS)
    assert two == "按原文：外国专家工作站10家 + 国家级学会服务站6家 = 16家。"
    assert counts_summed("外国专家工作站一共新建几家", STATIONS) is None


def test_a_yearly_count_over_the_years_asked() -> None:
    """台州 三、9.: 路演 每年不少于 12 场 → over three years at least 36 场 (dev16); no total asked, nothing."""
    said = per_year_total("一年至少办几场？按三年算下来至少多少场？", CONTESTS)
    assert said == "按原文每年不少于12场，3年合计至少36场（12场 × 3年）。"
    assert per_year_total("一年办几场", CONTESTS) is None
