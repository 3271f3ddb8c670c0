"""台州 五、21.: 三区三市各提供“拎包入住”式人才公寓25000平方米以上，其他县各提供15000平方米以上 — summed
over the areas a question names. Which areas are 三区三市 is the edition header's 2018 geography."""

from __future__ import annotations

import pytest

from policy_kb import api


@pytest.mark.parametrize(
    ("words", "total"),
    [
        ("三区三市加起来至少多少平方米", 150_000),  # 6 × 25000
        ("三区三市加上天台、仙居、三门三个县，全市合计至少多少平方米", 195_000),  # + 3 × 15000
        ("全市的人才公寓一共至少多少", 195_000),
        ("椒江和三门的人才公寓加起来多少平方米", 40_000),  # 25000 + 15000
        ("其他县加起来多少", 45_000),
    ],
)
def test_apartments_are_summed_over_the_areas_named(words: str, total: int) -> None:
    result = api.talent_apartments(area=words, region="台州市")
    assert result.ok and result.values["apartment_total_m2"] == total
    assert f"合计至少{total}平方米" in result.answer
    assert "39号文本身未列名单" in result.answer and "不是个人可申领的金额" in result.answer
    assert {c.clause for c in result.citations} == {"五、21."}


def test_one_area_keeps_its_own_answer() -> None:
    result = api.talent_apartments(area="椒江", region="台州市")
    assert "椒江属于“三区三市”，应提供“拎包入住”式人才公寓25000平方米以上" in result.answer
    assert "apartment_total_m2" not in result.values


@pytest.mark.parametrize(
    "words", ["天台那边规划的公寓有多大面积？跟温岭比呢？", "天台和温岭相比", "天台比温岭少多少"]
)
def test_two_areas_compared_get_each_minimum_and_the_gap(words: str) -> None:
    """五、21.: 三区三市 各25000, 其他县 各15000 平方米以上 — compared, not summed (dev14 "跟温岭比呢")."""
    result = api.talent_apartments(area=words, region="台州市")
    assert result.ok and result.values["apartment_gap_m2"] == 10_000
    assert (
        "温岭属于“三区三市”" in result.answer and "天台属于“其他县”，应提供15000平方米以上" in result.answer
    )
