"""附件1 二（二）: 以永嘉地申报入选国家“千人计划”、浙江省“千人计划”、温州市“580计划”的创业人才（含2015年度
入选人员）项目分别按第2、3、4类人才特别推荐的标准给予资助."""

from __future__ import annotations

import pytest

from policy_kb import api


@pytest.mark.parametrize(
    ("honour", "category", "amount", "not_said"),
    [
        ("国家“千人计划”人选", 2, "600万元", ["360万", "180万"]),
        ("省“千人计划”入选者", 3, "270万元", ["162万", "81万"]),
        ("市“580海外精英引进计划”入选者", 4, "120万元", ["72万", "36万"]),
    ],
)
def test_a_plan_talent_without_a_rating_gets_the_plan_standard_not_the_rating_bands(
    honour: str, category: int, amount: str, not_said: list[str]
) -> None:
    result = api.project_funding(plan=honour, honours=[honour], region="永嘉县")
    assert result.ok
    assert f"按第{category}类人才特别推荐的标准给予资助，即{amount}" in result.answer
    assert not any(x in result.answer for x in not_said)  # the bands of a reviewed project
    assert result.offers and result.offers[0].name == "project_type"  # 创新 projects are reviewed instead
    assert "附件1 二（二）" in {c.clause for c in result.citations}


def test_a_later_tranche_says_what_has_been_paid_in_all_and_what_is_left() -> None:
    """附件1 三（一）: 40% / 30% / 30% of 360万元 = 144 / 108 / 108万元; after the 2nd, 252万元 paid."""
    result = api.next_tranche("创业", 3_600_000, 1, 5_000_000, 4_000_000, None, 2_000_000, region="永嘉县")
    assert "下一期是第2期，拨付30%即108万元" in result.answer
    assert "拿到第2期后累计252万元，之后还有第3期30%即108万元" in result.answer
    last = api.next_tranche("创业", 3_600_000, 2, 5_000_000, 4_000_000, None, 4_000_000, region="永嘉县")
    assert "拿到第3期后累计360万元，全部拨付完毕" in last.answer


def test_an_employer_with_several_selections_is_rewarded_per_person() -> None:
    """三（八）: 国家千人计划 30万元, 580计划 5万元 per person selected: 1 × 30 + 2 × 5 = 40万元."""
    result = api.employer_reward({"国家千人计划": 1, "580计划": 2}, region="永嘉县")
    assert result.ok and result.values["amount"] == 400_000 and "合计40万元" in result.answer


def test_a_referrer_is_paid_the_fee_for_all_and_each_plans_award_for_those_selected() -> None:
    """三（十）: 3 referred × 2万元 + 国家千人计划 30万元 + 580计划 5万元 = 41万元."""
    result = api.referral_fee({"国家千人计划": 1, "580计划": 1}, referred=3, region="永嘉县")
    assert result.ok and result.values["total"] == 410_000 and "合计41万元" in result.answer
    too_many = api.referral_fee({"国家千人计划": 2, "580计划": 2}, referred=3, region="永嘉县")
    assert not too_many.ok and "不能多于引荐人数" in too_many.message


def test_a_plan_startup_answer_says_who_it_includes() -> None:
    """附件1 二（二）: …的创业人才（含2015年度入选人员）项目分别按第2、3、4类人才特别推荐的标准 — the parenthesis
    answers "我是2015年入选的，也能享受吗" and is quoted, not paraphrased (dev9)."""
    result = api.project_funding(None, None, "创业", plan="580计划", region="永嘉县")
    assert "（含2015年度入选人员）" in result.answer and "120万元" in result.answer
