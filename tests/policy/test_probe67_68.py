"""Cases the trap probes dev67/dev68 found, each pinned on the rule that answers it, with the clause it rests on.
The probes' own questions are not copied: each case is a question of the same shape, its figure worked from the text."""

from __future__ import annotations

import pytest

from policy_kb import api, reading
from policy_kb.model import Status

TAIZHOU = "台州市"


# ---- 永嘉 三（一）: 第2、3、4、5类人才最高奖励资助额分别为800万元、450万元、200万元、100万元; 第1类 不少于1200万元 ----------


@pytest.mark.parametrize(
    ("words", "groups"),
    [
        ("那我们引两个第5类再加一个第4类，最高一共多少？", [(2, 5), (1, 4)]),
        ("三位第3类人才和一个第5类加起来最多", [(3, 3), (1, 5)]),
        ("第5类的两个", [(2, 5)]),
        ("第3类450万、第4类200万", []),  # figures after a category are no head count
    ],
)
def test_people_are_counted_by_their_category(words: str, groups: list[tuple[int, int]]) -> None:
    assert reading.headcounts(words) == groups


def test_a_group_sums_each_count_times_its_categorys_maximum() -> None:
    """2 × 100万元 + 1 × 200万元 = 400万元 — not one 第5类 and one 第4类 (300万元), nor the 第3类 said before."""
    r = api.award_for_group(
        "县里第3类450万、第4类200万、第5类100万，对吧？。那我们引两个第5类再加一个第4类，最高一共多少？"
    )
    assert r.ok and r.values["total"] == 4_000_000 and r.values["people"] == 3
    assert "400万元" in r.answer and "650万" not in r.answer


def test_a_group_of_first_category_talents_sums_the_floors_and_a_mixed_group_has_no_maximum() -> None:
    """第1类 给予不少于1200万元: two of them 不少于2400万元; with a 第2类 beside them there is no most to add."""
    floors = api.award_for_group([(2, 1)])
    assert floors.ok and floors.values["total"] == 24_000_000 and "不少于" in floors.answer
    mixed = api.award_for_group([(1, 1), (2, 2)])
    assert mixed.ok and mixed.values["total"] is None and "没有上限" in mixed.answer


def test_a_group_the_words_do_not_count_asks_for_the_counts() -> None:
    r = api.award_for_group("第5类最高多少")
    assert r.status is Status.NEEDS_INPUT and "几人" in r.message


# ---- 永嘉 三（三）: 两年最高500万元、300万元、200万元贷款额的同期银行基准利率全额贴息，3年内若企业税收额达到500万元的，再择优
# 给予最高1000万元贷款额1年的基准利率标准全额贴息 ----------------------------------------------------------------------------


def test_a_rate_said_with_an_and_no_percent_sign_is_read() -> None:
    """第2类: 500万元 (the cap, of a loan of 800万) × 4.35% × 2年 = 43.5万元."""
    words = "第二类人才的公司贷了八百万，基准利率按4.35，县里两年贴息一共多少钱？"
    assert reading.rates(words).benchmark == "4.35"
    r = api.loan_interest(2, 8_000_000, "4.35")
    assert r.ok and r.values["amount"] == 435_000


@pytest.mark.parametrize(
    ("words", "revenue"),
    [
        ("我们是人才创业企业，第二年卖货的营业额就破了500万，是不是可以再多贴一年息？", True),
        ("销售额做到600万了，能多贴一年吗", True),
        ("3年内税收600万，营业额2000万", False),  # the tax is said
        ("3年内纳税500万", False),
    ],
)
def test_a_turnover_said_instead_of_the_tax_is_read(words: str, revenue: bool) -> None:
    assert reading.revenue_not_tax(words) is revenue


def test_a_turnover_is_not_the_tax_the_extra_year_asks_for() -> None:
    """The extra year asks 企业税收额达到500万元: a turnover of 500万元 does not meet it, and no extra figure is given."""
    r = api.loan_interest(revenue_not_tax="是")
    assert r.ok and "税收额" in r.answer and "营业额" in r.answer and "不等于" in r.answer
    two = api.loan_interest(2, 4_000_000, "4.35", revenue_not_tax="是")
    assert two.ok and two.values["amount"] == 348_000 and two.values["extra_amount"] is None
    assert "不等于" in two.answer


def test_a_tax_passed_only_in_the_fourth_year_does_not_meet_three_years() -> None:
    assert reading.tax_late("会计说前三年加起来其实才480万，第四年才过500万，那还能拿吗？")
    assert not reading.tax_late("第二年税收就过了500万")


def test_the_extra_year_asked_as_more_interest_is_the_extra_year_only() -> None:
    """ "听说还能多贴一年" then 800万 at 5% (基准4.35%): 800万 × 4.35% × 1年 = 34.8万元, whatever the category."""
    words = "我们人才企业第三年税收到了550万，听说还能多贴一年？。这笔贷款800万，利率5%，基准4.35%，那一年能补多少？"
    assert reading.loans(words).extra_only
    r = api.loan_interest(
        None, 8_000_000, "4.35", actual_rate="5", tax_within_3y=5_500_000, two_years_had="是"
    )
    assert r.ok and r.values["extra_amount"] == 348_000


def test_firms_of_two_categories_are_each_priced_at_their_own_cap() -> None:
    """第2类 cap 500万元: 400万 × 4% × 2 = 32万元; 第5类 cap 200万元: 200万 × 4% × 2 = 16万元; together 48万元."""
    r = api.loan_interest_per_firm([2, 5], 4_000_000, "4")
    assert r.ok and r.values["amounts"] == [320_000, 160_000] and r.values["amount_all"] == 480_000
    assert "48万元" in r.answer
    assert api.loan_interest_per_firm("第2类", 4_000_000, "4").status is Status.NEEDS_INPUT


# ---- 台州 七、29.: 每引进1名自主申报的国家、省“千人计划”专家，分别视同完成科研特别重大项目、重大项目招商引资任务，从市外全职引进
# 顶尖、领军、高端人才经认定后分别视同完成科研特别重大项目、重大项目和一般项目招商引资任务 -----------------------------------------


def test_each_plans_experts_are_counted_by_their_own_mention() -> None:
    """2 国家千人 (科研特别重大项目) and then 3 省千人 (重大项目): the 3 said of 省千人 are not the 国家's."""
    r = api.recruitment_task(
        "我们区今年引进了2个自己申报成功的国家千人计划专家。后来又引进了3个自主申报的省千人，这些加一起能顶多少个什么项目？",
        region=TAIZHOU,
    )
    assert r.ok and r.values["done"] == {"科研特别重大项目": 2, "重大项目": 3}


def test_several_talents_of_one_tier_count_as_as_many_tasks() -> None:
    r = api.recruitment_task(
        "今年从外地全职引进了3个高端人才，都已经认定过了，能顶几个什么项目？", region=TAIZHOU
    )
    assert r.ok and "3个一般项目" in r.answer


def test_two_kinds_with_the_same_task_weigh_the_same() -> None:
    """自主申报的省“千人计划”专家 and a 领军人才 from outside the city are both 重大项目."""
    r = api.recruitment_task(
        "一个自己申报上的省千人专家，和一个从市外全职引进、认定过的领军人才，哪个分量更重？", region=TAIZHOU
    )
    assert r.ok and "分量相同" in r.answer and "都视同完成重大项目" in r.answer


def test_a_project_not_put_forward_for_the_ten_is_not_selected() -> None:
    """三（三）: 入选市“人才新政十条”科技项目的…创业项目 — "十条那个没报上" is not selected."""
    assert reading.ten_not_selected("项目只过了县里评审，市里人才新政十条那个没报上。这样贷款贴息还有份吗？")


@pytest.mark.parametrize(
    ("words", "innovation"),
    [
        ("我在永嘉一家企业当首席科学家，做的是创新类项目，公司不是我开的。贷款贴息我们能用吗？", True),
        ("我们是创新型企业，创业项目贷了300万", False),  # a firm called 创新型 names no project type
        ("创新类和创业类项目贴息一样吗", False),
    ],
)
def test_an_innovation_project_is_read(words: str, innovation: bool) -> None:
    assert reading.innovation_project(words) is innovation


def test_an_innovation_project_gets_no_startup_loan_subsidy() -> None:
    """三（三） subsidises 创业项目: a 创新类 project's loan is not priced; who decides the case is said."""
    r = api.loan_interest(2, 4_000_000, "4.35", innovation_project="是")
    assert r.ok and r.values["eligible"] is False and "创业项目" in r.answer and "招才局" in r.answer
    assert "amount" not in r.values


def test_an_old_prize_asked_whether_it_still_counts_is_past_five_years() -> None:
    """二 第5类: 近5年，获得县科技进步奖一等奖及以上（包括市科技进步奖…）第1完成人 — 7 years ago is past 5."""
    r = api.category_for_honours(
        "我七年前拿过温州市科技进步奖二等奖，是第一完成人。现在想去永嘉创业，靠这个奖能不能算县里第五类人才？"
    )
    assert "超过5年" in r.answer and "属于第5类" not in r.answer


def test_a_title_made_exact_in_a_later_message_takes_the_earlier_ones_place() -> None:
    """二: 省“千人计划”入选者 is 第3类 — "补充一下，我是浙江省的千人计划，不是国家的" puts it in 国家千人's place."""
    from policy_kb import followups

    revised = followups.revise("我是国家千人，在永嘉算第几类？", "补充一下，我是浙江省的千人计划，不是国家的")
    assert revised is not None and "浙江省千人计划" in revised.earlier and "国家" not in revised.earlier


@pytest.mark.parametrize(
    ("words", "asked"),
    [
        ("我只贷了350万，利率正好是基准4.35%，两年能贴多少？", False),
        ("每年能贴多少", True),
        ("两年一共贴多少，每年多少", True),
        ("贷了300万利率4.35%能贴多少", None),
    ],
)
def test_a_years_figure_is_asked_or_the_years_total(words: str, asked: bool | None) -> None:
    assert reading.per_year_asked(words) is asked


def test_the_years_total_asked_is_said_without_a_years_figure_beside_it() -> None:
    """三（三） 第1类: 350万 × 4.35% × 2年 = 30.45万元; "两年能贴多少" gets that, not 15.225万 a year beside it."""
    total = api.loan_interest(1, 3_500_000, "4.35", per_year_asked="否")
    assert total.ok and "30.45万元" in total.answer and "15.225" not in total.answer
    both = api.loan_interest(1, 3_500_000, "4.35")
    assert "15.225万元" in both.answer and "30.45万元" in both.answer


def test_a_kind_of_person_named_as_an_example_is_not_a_title_held() -> None:
    """ "只有请到院士那种大牛才给奖励？我们请的只是个…博士" holds 博士 (第5类), not 院士 (第1类)."""
    from policy_kb.catalogue import catalogue

    found = catalogue().match("听说只有请到院士那种大牛才给奖励？我们请的只是个已经拿到博士学位的年轻人")
    assert [h.name for h in found.honours] == ["获得博士学位人才"]
    # alone, the kind named is the one asked of: "像诺贝尔奖那种级别的大牛来永嘉创业…给多少钱" is 第1类's
    alone = catalogue().match("像诺贝尔奖那种级别的大牛来永嘉创业，县里到底给多少钱？")
    assert [h.name for h in alone.honours] == ["诺贝尔奖获得者"]


def test_people_from_elsewhere_are_counted() -> None:
    assert reading.people("柔性请了两个外地专家，每人一年报酬40万") == 2


def test_a_loans_total_is_the_loan_and_the_year_after_the_tax_is_the_extra_year() -> None:
    """三（三）: "贷款总额3,000,000元" is the loan (not a project's 资助总额); "税收达标以后那一年的贴息" is the extra year."""
    assert [(a.yuan, a.role) for a in reading.amounts("贷款总额3,000,000元，年利率4.35%")] == [
        (3_000_000, "loan_amount")
    ]
    assert reading.loans("税收达标以后那一年的贴息，我们企业贷款是15,000,000元，基准4.35%").extra_only


def test_a_count_said_as_what_each_kind_has_is_read() -> None:
    """七、29.: 国家千人 2 (科研特别重大), 省千人 1 (重大), 高端 4 (一般)."""
    r = api.recruitment_task(
        "本地自己申报入选国家千人计划的有2个，省千人计划的有1个，另外从市外全职引进、已经认定的高端人才有4个。"
        "这些分别相当于完成了几个、什么级别的招商引资任务？",
        region=TAIZHOU,
    )
    assert r.ok and r.values["done"] == {"科研特别重大项目": 2, "重大项目": 1, "一般项目": 4}


def test_an_amount_named_a_loan_by_the_words_after_it_is_the_loan() -> None:
    """三（三）'s extra year on 1000万 at 3.915% (below the benchmark: 以实际利率为准) = 39.15万元; 1000万贷款额 is the cap."""
    words = (
        "三年税收满500万以后那一年的贴息，最高按1000万贷款额算，对吧？。"
        "我们那笔10,000,000元的贷款拿到的是3.915%的优惠利率，比基准4.35%还低，这一年贴息能贴多少？"
    )
    assert [(a.yuan, a.role) for a in reading.amounts(words)][1:] == [
        (10_000_000, None),
        (10_000_000, "loan_amount"),
    ]
    assert reading.loans(words).loan == 10_000_000
