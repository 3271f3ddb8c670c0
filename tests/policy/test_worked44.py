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


def test_several_people_over_the_firms_cap_are_not_summed_past_it() -> None:
    """附件2 第七条: 同一企业柔性引进多名人才的，每年累计奖励金额最高不超过15万元 — 4 people at 20万 a year are 4万元
    each, and the firm's figure is 15万元; the uncapped 16万元 is not said as a total."""
    from policy_kb import api

    found = api.flexible_reward("20万", people=4, region="永嘉县")
    assert found.values["amount"] == 150_000 and "16万" not in found.answer
    assert "4万元" in found.answer and "15万元的上限" in found.answer


def test_money_left_over_in_a_research_project_is_the_clause_that_says_what_becomes_of_it() -> None:
    """台州 六、27.: 结余经费…连续两年未使用完的，再另行收回 — not 六、26.'s 不予追究 of money spent on a failure."""
    from policy_kb import api  # noqa: F401  (policy_kb.aspects is imported through api)
    from policy_kb.aspects import aspect_hit

    hit = aspect_hit("市里的科研项目结题了，还有十几万的钱没用完，这些钱要退回去吗？", "台州市")
    assert hit is not None and hit.citation.clause == "六、27."
    failed = aspect_hit("创业项目失败了，资助的钱要退回去吗？", "台州市")
    assert failed is not None and failed.citation.clause == "六、26."
