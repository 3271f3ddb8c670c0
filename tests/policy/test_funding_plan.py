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


def test_an_employer_s_trip_abroad_said_is_counted_on_its_condition() -> None:
    """三（八）: 省千人 10万元 + 580计划 5万元 + 赴国外招才引智 差旅费 1万元 = 16万元 when a 市级 department
    organised the trip (dev27); organiser unsaid, the sum on that condition; on the firm's own, no subsidy."""
    plans = {"省千人计划": 1, "580计划": 1}
    organised = api.employer_reward(plans, region="永嘉县", trip="organised")
    assert organised.values["amount"] == 160_000 and "15万元 + 1万元 = 16万元" in organised.answer
    unsaid = api.employer_reward("省千人计划", region="永嘉县", trip="unsaid")
    assert "如是市级及以上组织人事部门统一组织的" in unsaid.answer and "= 11万元" in unsaid.answer
    own = api.employer_reward("省千人计划", region="永嘉县", trip="own")
    assert own.values["amount"] == 100_000 and "文件没有规定补助" in own.answer and "11万元" not in own.answer
    plain = api.employer_reward("省千人计划", region="永嘉县")
    assert plain.values["amount"] == 100_000 and "另给予一次性差旅费补助1万元" in plain.answer


def test_what_a_category_gets_states_the_award_s_condition() -> None:
    """三（一）: 对符合我县产业发展导向，经评审认定，在永嘉创业创新的… — "项目偏房地产…第2类那笔最高的资助我
    还有戏吗" (dev27) is answered by the condition with the 800万元."""
    result = api.benefits(2, region="永嘉县")
    assert "符合永嘉县产业发展导向、经评审认定、在永嘉创业创新的，奖励资助最高800万元" in result.answer


def test_a_plan_talent_s_rating_below_special_is_priced_and_the_plan_standard_said():
    """附件1 二（二）: a 省千人's startup project 评为重点推荐, with where the selection was applied for unsaid →
    270万元 × 60% = 162万元, then the 特别推荐 standard (270万元) if selected 以永嘉地 (dev33). Said 以永嘉地 →
    the plan standard alone."""
    unsaid = api.project_funding(3, "重点推荐", "创业", plan="省千人计划", region="永嘉县")
    assert unsaid.values["amount"] == 1_620_000 and unsaid.values["plan_amount"] == 2_700_000
    # the rating's own figures throughout, not the plan standard's share mixed in
    assert unsaid.values["share_percent"] == 60 and unsaid.values["amount_by_rating"] == 1_620_000
    assert "如果您是以永嘉地申报入选省千人计划的创业人才（含2015年度入选人员）" in unsaid.answer
    said = api.project_funding(
        3, "重点推荐", "创业", plan="省千人计划", region="永嘉县", selected_in_yongjia=True
    )
    assert said.values["amount"] == 2_700_000 and "162万元" not in said.answer


def test_two_plans_set_against_each_other_for_a_referrer() -> None:
    """三（十）: 入选省千人 10万元 against 入选580计划 5万元 → 相差5万元; the 2万元 fee is the same (dev33)."""
    result = api.referral_fee("那介绍的人后来入选省千人，和入选580比，再给的奖励差多少", region="永嘉县")
    assert "相差5万元" in result.answer and "引荐费2万元两者相同" in result.answer


def test_several_people_of_one_category_have_their_maxima_summed() -> None:
    """三（一）: 2 × 第4类 最高200万元 = 400万元; 第1类 (不少于1200万元) has no maximum to add."""
    two = api.award_for_people(4, 2, region="永嘉县")
    assert two.values["total"] == 4_000_000 and "2 × 200万元 = 400万元" in two.answer
    floor = api.award_for_people(1, 2, region="永嘉县")
    assert "total" not in floor.values and "合计" not in floor.answer


def test_a_category_s_line_states_the_award_s_whole_condition() -> None:
    """二 + 三（一）: "挂名不去的话能不能拿县里第2类那个800万？要满足啥条件？" — the category's line carries 符合永嘉县
    产业发展导向 as well as 经评审认定、在永嘉创业创新 (dev33)."""
    result = api.category_for_honours(["国家“千人计划”人选"], region="永嘉县")
    assert "符合永嘉县产业发展导向、经评审认定、在永嘉创业创新的第2类人才" in result.answer


def test_a_foreign_intelligence_project_named_by_what_it_does_is_matched_and_a_national_one_is_not() -> None:
    """三（四）: 对引进的省、市级重点国外智力项目分别按省、市级资助额给予等额配套资助 — a 省级重点引智项目 with 40万元 from
    the province gets 40万元 (dev34); a 国家级 one asked after a 市级 one is not provided for: who decides."""
    provincial = api.matching_grant("被列成了省级重点引智项目，省里给了40万", 400_000, region="永嘉县")
    assert provincial.values["amount"] == 400_000 and "县里等额配套40万元" in provincial.answer
    national = api.matching_grant(
        "温州市级的重点国外智力项目，市里给了20万。那要是国家外专局立项的国家级引智项目呢",
        200_000,
        region="永嘉县",
    )
    assert national.values["amount"] is None and "没有规定国家级引智项目的配套" in national.answer


def test_a_loan_cap_shared_by_two_categories_says_so() -> None:
    """三（三）: 第1、2类、第3类、第4、5类创业项目…分别给予两年最高500万元、300万元、200万元 — 第5类's terms say
    第4、5类 share 200万元 ("我合伙人是第5类…额度跟我（580）一样吗", dev33); 第3类 shares with none."""
    five = api.loan_interest(5, region="永嘉县")
    assert "第4、5类的贴息贷款额上限相同，均为200万元" in five.answer
    assert "上限相同" not in api.loan_interest(3, region="永嘉县").answer


def test_the_tranche_overview_says_who_applies_and_how_the_money_comes() -> None:
    """附件1 三: 由其所在单位向县科技部门提出申请，经县科技部门审核并签订科技项目合同（协议），报县委人才办登记备案后，
    划拨有关经费 — "申请拨款是我个人直接去，还是公司去？要找哪个部门？" (dev38) is answered by it, type unknown."""
    r = api.next_tranche(region="永嘉县")
    assert r.ok
    assert (
        "均由其所在单位向县科技部门提出申请" in r.answer
        and "报县委人才办登记备案后，划拨有关经费" in r.answer
    )
    assert any(c.clause == "附件1 三" for c in r.citations)


def test_a_referrer_whose_talent_was_not_selected_gets_the_fee_only() -> None:
    """三（十）: 引荐费2万元 for 申报、评审 done; the 10万元 is for a talent 入选 省千人计划 — not when he was not (dev38)."""
    r = api.referral_fee("省千人计划", region="永嘉县", selected=0)
    assert r.ok and r.values["total"] == 20000 and "12万元" not in r.answer and "不再给予" in r.answer


def test_a_cap_the_figure_meets_is_said_to_be_met() -> None:
    """附件1 二（二）: 创业类项目资助总额一般不超过实缴注册资本 — 第3类 一般推荐 81万元 against 实缴 81万元 is met, and
    the answer says so ("公司实缴资本正好81万，会不会被卡？", dev42); below it, the 一般 cap and who decides."""
    met = api.project_funding(3, "一般推荐", "创业", 810_000, region="永嘉县")
    assert "可获科技项目资助81万元" in met.answer
    assert "资助总额没有超过实缴注册资本，符合“创业类项目资助总额一般不超过实缴注册资本”" in met.answer
    capped = api.project_funding(3, "一般推荐", "创业", 800_000, region="永嘉县")
    assert "按这一一般规定，资助总额为80万元" in capped.answer and "是否例外由项目评审认定" in capped.answer


def test_a_startup_condition_met_exactly_at_its_bound_says_how_it_is_read() -> None:
    """附件1 一（二）: 本人投入的实际资金在100万元人民币以上; 企业成立3周年以内. Exactly 100万 / 3 years is met as 以上/以内
    are commonly read (含本数), said with who decides a doubt (dev42); a figure off the bound says nothing of it."""
    edge = api.project_eligibility(project_type="创业", own_investment=1_000_000, region="永嘉县")
    assert (
        "本人实际投入资金正好等于界线" in edge.answer
        and "含本数" in edge.answer
        and "认定为准" in edge.answer
    )
    off = api.project_eligibility(project_type="创业", own_investment=1_200_000, region="永嘉县")
    assert "界线" not in off.answer


def test_a_company_more_than_four_years_old_is_past_the_three_year_limit() -> None:
    """附件1 一（二）: 企业成立3周年以内 — "公司是四年多前成立的" is 4年多, not within (dev42)."""
    from policy_kb import reading

    age = reading.company_age("我們在永嘉的公司是四年多前成立的，現在還能申請創業類項目資助嗎？")
    result = api.project_eligibility(project_type="创业", company_age_years=age, region="永嘉县")
    assert "不符合：企业成立4年多，须在3周年以内" in result.answer
    three_plus = reading.company_age("公司成立三年多了")
    assert three_plus is not None and three_plus > 3


def test_a_plan_talent_s_innovation_project_is_priced_by_its_review() -> None:
    """附件1 二（二）: the plan standard is for 以永嘉地申报入选…的创业人才 — an 创新 project of a 国家千人计划 talent is
    priced by its rating, and the answer says the plan standard does not reach it (dev42)."""
    result = api.project_funding(
        2, "重点推荐", "创新", plan="国家“千人计划”人选", honours=["国家“千人计划”人选"], region="永嘉县"
    )
    assert result.answer.startswith("按特别推荐标准直接资助，只适用于以永嘉地申报入选国家千人计划的创业人才")
    assert "可获科技项目资助360万元" in result.answer


def test_a_project_type_said_not_to_be_the_project_s_is_dropped() -> None:
    """ "他是全职来做研发的创新项目，不是自己创业" names 创新 only (dev42); "创业项目和创新项目…分别" names both."""
    from policy_kb import reading

    assert reading.project_types(
        "他是全职来做研发的创新项目，不是自己创业，也能按特别推荐标准直接给钱吗？"
    ) == ("创新",)
    assert reading.project_types("创业项目和创新项目的第一笔钱分别是多少") == ("创业", "创新")
