"""Readings the worked splits still missed at stop 44, pinned on policy_kb with the clause each rests on. The writers'
own questions are not copied."""

from __future__ import annotations

import pytest

from policy_kb import followups, reading, registry


@pytest.mark.parametrize(
    ("words", "area"),
    [
        ("小区总建筑面积6万平方米", 60000),
        ("这个盘建面12万平", 120000),
        ("一期3000㎡", 3000),
        ("总面积2.5万平米", 25000),
        ("平均每套90万", None),
        ("想在平台上申请", None),
    ],
)
def test_a_floor_area_is_read_in_square_metres(words: str, area: int | None) -> None:
    assert reading.floor_area(words) == area


def test_the_share_of_a_floor_area_says_the_text_leaves_its_base_open() -> None:
    """台州 五、21.: 探索新建商品住房项目中配建不低于 5% 的人才专用房 — 5% of 6万平方米 is 3000平方米, said as a
    reading by area, since the text does not say of what the 5% is."""
    found = registry.compute_from_words(
        "五、21.", "台州市", "开发的楼盘总建筑面积6万平方米，人才专用房最少配多少平方米"
    )
    assert found is not None and found.values["talent_area_min"] == 3000
    assert "没有写明" in found.answer and "探索" in found.answer


def test_homes_still_count_before_an_area() -> None:
    found = registry.compute_from_words("五、21.", "台州市", "新楼盘有400套商品房，至少配建多少套人才专用房")
    assert found is not None and found.values["talent_homes_min"] == 20


def test_a_gap_asked_of_a_second_skills_award_keeps_the_first() -> None:
    """三（五）: 中华技能大奖、钱江技能大奖…分别给予15万元、10万元 — "要是以后评上中华技能大奖，比这次多拿多少" after
    钱江 asks the gap of both, so 钱江 is not replaced by 中华."""
    assert (
        followups.revise("刚评上钱江技能大奖，县里奖多少？", "要是以后评上中华技能大奖，比这次多拿多少？")
        is None
    )
    revised = followups.revise("刚评上钱江技能大奖，县里奖多少？", "说错了，是中华技能大奖")
    assert revised is not None and "中华技能大奖" in revised.earlier and "钱江" not in revised.earlier


def test_a_count_before_words_about_the_people_is_theirs() -> None:
    """台州 七、29.: 从市外全职引进…领军…人才经认定后…视同完成…重大项目 — "2个从市外全职引进、已经认定的领军人才" are 2,
    so with 1 self-applied 省千人 a 3个重大项目 target is met."""
    from policy_kb import api

    words = (
        "任务是3个重大项目。引进了1个自主申报的省千人，另外2个从市外全职引进、已经认定的领军人才，够了吗？"
    )
    found = api.recruitment_task(words, region="台州市")
    assert "已视同完成3个" in found.answer and "还差" not in found.answer
