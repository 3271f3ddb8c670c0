"""附件1 三: the tranche schedule when the talent gave the category, rating and project type, not a total.

附件1 二（二） sets the total for them (第2、3、4类: 100%/60%/30% of 二（一）'s 600/270/120万元; 第5类:
100%/40%/20% of 100万元), so asking "项目确定的资助总额是多少？" would ask for what we already know.
"""

from __future__ import annotations

import pytest

from actions import topics
from actions.parsing import Facts
from policy_kb.model import Status

TRANCHE = topics.TOPICS["next_tranche"]


def assert_total_and_first_tranche(answer: str, total: str, first: str) -> None:
    """The total, and the first tranche's share and amount — in the schedule ("第1期40%（240万元）") or as
    the tranche asked ("第1期，拨付40%即240万元", with its conditions): "第一期" in the words asks that one."""
    share, amount = first.removeprefix("第1期").removesuffix("）").split("（")
    assert f"即{total}" in answer and "第1期" in answer
    assert first in answer or f"{share}即{amount}" in answer or f"{share}，即{amount}" in answer


@pytest.mark.parametrize(
    ("category", "rating", "ptype", "total", "first"),
    [
        (2, "重点推荐", "创新", "360万元", "第1期50%（180万元）"),  # 600万 × 60%, 三（二）1: 50%
        (4, "一般推荐", "创业", "36万元", "第1期40%（14.4万元）"),  # 120万 × 30%, 三（一）1: 40%
        (5, "特别推荐", "创新", "100万元", "第1期50%（50万元）"),  # 100万 × 100%
        (5, "一般推荐", "创业", "20万元", "第1期40%（8万元）"),  # 100万 × 20%
    ],
)
def test_the_total_set_for_category_and_rating_gives_the_tranches(
    category: int, rating: str, ptype: str, total: str, first: str
) -> None:
    facts = Facts(category=category, review_rating=rating, project_type=ptype)
    result = topics.run(TRANCHE, facts, "永嘉县", "第一期能拿多少")
    assert result.status is Status.OK
    assert_total_and_first_tranche(result.answer, total, first)
    assert "一般不超过" in result.answer  # the cap the text puts on the total, with its word 一般
    assert {"附件1 二（一）", "附件1 二（二）"} <= {c.clause for c in result.citations}


def test_a_total_the_talent_gave_wins_over_the_derived_one() -> None:
    facts = Facts(category=2, review_rating="重点推荐", project_type="创新", approved_total=2_000_000)
    result = topics.run(TRANCHE, facts, "永嘉县", "资助200万 第一期多少")
    assert "即360万元" not in result.answer and "100万元" in result.answer


def test_category_1_special_recommendation_is_not_derived() -> None:
    """第1类 特别推荐 is 一事一议: there is no total to compute the tranches from."""
    facts = Facts(category=1, review_rating="特别推荐", project_type="创业")
    result = topics.run(TRANCHE, facts, "永嘉县", "第一期多少")
    assert "资助总额为最高资助标准" not in result.answer


@pytest.mark.parametrize(
    ("honour", "total", "first"),
    [
        # 附件1 二（二）: 国家千人计划 / 省千人计划 / 580计划 创业人才 → 第2/3/4类 特别推荐 (600/270/120万元)
        ("国家“千人计划”人选", "600万元", "第1期40%（240万元）"),
        ("市“580海外精英引进计划”入选者", "120万元", "第1期40%（48万元）"),
    ],
)
def test_a_startup_talents_plan_prices_the_total_for_the_tranches(
    honour: str, total: str, first: str
) -> None:
    facts = Facts(honours=[honour], project_type="创业", paid_in_capital=1_500_000)
    result = topics.run(TRANCHE, facts, "永嘉县", "以永嘉为申报地入选的创业人才，第一期多少？实缴够不够？")
    assert result.status is Status.OK
    assert "按第2、3、4类人才特别推荐的标准给予资助" in result.answer
    assert_total_and_first_tranche(result.answer, total, first)
    assert "附件1 二（二）" in {c.clause for c in result.citations}


def test_an_innovation_project_is_not_priced_by_the_plan() -> None:
    """The plan rule is for 创业人才 only: an 创新 project with no category or rating still asks."""
    facts = Facts(honours=["国家“千人计划”人选"], project_type="创新")
    result = topics.run(TRANCHE, facts, "永嘉县", "第一期多少")
    assert "按第2、3、4类人才特别推荐的标准" not in result.answer


def test_the_last_tranche_asked_means_a_startup_project_with_two_paid() -> None:
    """尾款 is 附件1 三（一）3: only a 创业 project has a third tranche, and the two before it are paid."""
    facts = Facts(approved_total=1_200_000, sales=900_000)
    words = "项目批了120万，今年公司卖了90万的货，尾款能申请吗？还差多少销售额？尾款是多少？"
    result = topics.run(TRANCHE, facts, "永嘉县", words)
    assert "下一期是第3期，拨付30%即36万元" in result.answer
    assert "还差30万元" in result.answer


def test_the_tranches_paid_are_read_from_the_words() -> None:
    facts = Facts(approved_total=3_600_000, project_type="创业", spending=4_000_000)
    result = topics.run(TRANCHE, facts, "永嘉县", "第一期144万已经到账了，第二期能拿吗")
    assert "下一期是第2期，拨付30%即108万元" in result.answer


def test_a_funding_question_about_one_tranche_is_the_tranche_rule() -> None:
    from actions.routing import retopic

    funding = topics.TOPICS["funding"]
    words = "第2类创新项目评了重点推荐，企业目前投入了200万，能申请第一期吗？第一期多少？"
    assert retopic(funding, words).name == "next_tranche"
    assert retopic(funding, "第2类创新项目重点推荐能拿多少").name == "funding"
    # a category-classified question naming a rating and 第一期 asks about that rating's first tranche
    assert retopic(topics.TOPICS["category"], words).name == "next_tranche"
    assert retopic(topics.TOPICS["category"], "我是国家杰青，算第几类").name == "category"


def test_paid_in_capital_below_the_rated_total_gives_both_figures_and_who_decides() -> None:
    """附件1 二（二）: 创业类项目资助总额一般不超过实缴注册资本 — 162万元 by rating, 实缴100万元. 一般 is a
    rule the review may depart from: the schedule on the rating's figure, then the capped one, and who
    decides; never the capped figure alone as if the text settled it."""
    facts = Facts(category=3, review_rating="重点推荐", project_type="创业", paid_in_capital=1_000_000)
    result = topics.run(TRANCHE, facts, "永嘉县", "实缴注册资本只有100万，这个资助能全拿吗")
    assert "按评审结果计算的科技项目资助为162万元" in result.answer
    assert "第1期40%（64.8万元）" in result.answer
    assert "如评审按这一一般规定核定为100万元，分期为第1期40万元" in result.answer
    assert "不是绝对上限" in result.answer and "县科技局" in result.answer
    assert result.answer.endswith("您已经拿到几期资助了？")  # the offer still closes the answer


def test_first_tranche_with_capital_below_it_is_not_met_on_the_rated_figure() -> None:
    """附件1 二（二） 第2类 重点推荐 60% of 600万 = 360万; 三（一）1: 第1期 40% = 144万, 实缴注册资本须超过
    第一期资助资金 — 120万 is short by 24万; held to the 一般 cap (120万) the first tranche would be 48万."""
    facts = Facts(
        category=2,
        review_rating="重点推荐",
        project_type="创业",
        paid_in_capital=1_200_000,
        tranches_received=0,
    )
    result = topics.run(
        TRANCHE, facts, "永嘉县", "实缴注册资本目前只有120万。现在能申请第一期吗？第一期是多少？"
    )
    assert (
        "拨付40%即144万元" in result.answer
        and "尚未满足，还差24万元以上，暂不符合第1期的拨付条件" in result.answer
    )
    assert "核定为120万元，第1期40%即48万元" in result.answer


@pytest.mark.parametrize(
    ("topic", "words", "settled"),
    [
        ("benefits", "市551人才工程第一层次培养人员，项目资助最高多少？", "funding"),
        ("skills_award", "我刚被评为浙江省“首席技师”，在永嘉的五类人才里算第几类？", "category"),
        ("housing", "台州三区三市的拎包入住人才公寓加起来一共至少多少平方米？", "taizhou_plan"),
        ("housing", "国家千人在永嘉买房有补贴吗", "housing"),  # nothing to settle: the model's topic stays
        ("benefits", "第2类人才能享受哪些待遇", "benefits"),
        # 三（一）: 奖励资助主要包括个人奖励、住房补贴、创新创业科技项目资助三项 — not 三（七）'s 购房补贴
        ("housing", "博士奖励资助最多多少 这个钱里面包不包括买房子的补贴？还包括别的什么？", "benefits"),
    ],
)
def test_words_settle_a_topic_the_intent_model_confuses_with_a_neighbour(
    topic: str, words: str, settled: str
) -> None:
    from actions.routing import retopic

    assert retopic(topics.TOPICS[topic], words).name == settled


def test_two_ratings_named_are_each_priced_and_compared() -> None:
    """附件1 二（二）: 第5类 特别推荐 100%, 重点推荐 40% of 100万元 — 100万元 and 40万元, 60万元 apart."""
    facts = Facts(category=5)
    result = topics.run(
        topics.TOPICS["funding"], facts, "永嘉县", "评上特别推荐能拿多少？只评了重点推荐呢，差多少？"
    )
    assert "100万元" in result.answer and "40万元" in result.answer
    assert "特别推荐与重点推荐相差60万元" in result.answer


def test_a_plan_named_in_the_words_prices_a_startup_tranche_without_the_slot() -> None:
    """附件1 二（二）: 以永嘉地申报入选省千人计划的创业人才 → 第3类特别推荐 270万元; 第1期 40% = 108万元."""
    result = topics.run(
        TRANCHE, Facts(), "永嘉县", "我是以永嘉为申报地入选省千人计划的创业人才，第一期能拿多少？"
    )
    assert "即270万元" in result.answer and "108万元" in result.answer, result.answer


def test_a_lone_amount_in_a_terse_tranche_question_is_the_approved_total() -> None:
    """附件1 三（二）1: "创新项目 72万 第一期多少" — 72万 is the total; its first tranche is 36万元."""
    from actions import topics
    from actions.parsing import Facts

    result = topics.run(
        topics.TOPICS["next_tranche"], Facts(project_type="创新"), "永嘉县", "创新项目 72万 第一期多少"
    )
    assert "36万元" in result.answer


def test_the_words_say_which_tranches_are_paid_when_the_model_counts_one_more() -> None:
    """附件1 三（一）3: "前面两期钱都拿到了…能不能先…拿一部分第三期" — two paid, the third is asked about."""
    from actions import topics
    from actions.parsing import Facts

    words = "创业项目前面两期钱都拿到了，现在就差第三期，问能不能先按已经卖的比例拿一部分第三期"
    result = topics.run(
        topics.TOPICS["next_tranche"], Facts(project_type="创业", tranches_received=3), "永嘉县", words
    )
    assert "没有下一期" not in result.answer and "第3期" in result.answer


def test_both_project_types_named_get_both_first_tranches() -> None:
    """附件1 三（一）1: 创业 第1期 40%; 三（二）1: 创新 第1期 50% — of 162万 (第3类 重点推荐 60% of 270万):
    64.8万元 and 81万元, though the model's slot keeps only one of the two types."""
    from policy_kb.model import Status

    text = "同样是第3类重点推荐、162万，创业项目和创新项目的第一笔钱分别是多少？"
    facts = Facts(category=3, review_rating="重点推荐", approved_total=1_620_000, project_type="创新")
    result = topics.run(TRANCHE, facts, "永嘉县", text)
    assert result.status is Status.OK
    assert "40%（64.8万元）" in result.answer and "50%（81万元）" in result.answer
    from actions.clauses import overriding_clause

    assert (
        overriding_clause(text, "永嘉县", result) is None
    )  # 附件1 二（二）'s rating words do not replace it


@pytest.mark.parametrize(
    ("topic", "words", "said", "not_said"),
    [
        # 附件1 二（一）: 第2类 600万元, 第3类 270万元 — 330万元 apart
        (
            "category",
            "省特级专家的项目资助最多多少？ 那国家万人计划青年拔尖人才呢？比省特级专家多多少？",
            ["属于第2类，项目资助最高600万元", "属于第3类，项目资助最高270万元", "相差330万元"],
            ["多项称号"],  # two titles side by side, not one person's several titles
        ),
        # 第3类 270万元 + 第5类 100万元 = 370万元; a difference was not asked
        (
            "funding",
            "一个是省“151人才工程”重点资助培养人员，另一个是市“首席技师”，他们俩的项目资助最高分别是多少？加起来一共最多多少？",
            ["270万元 + 100万元 = 370万元"],
            ["相差"],
        ),
        # one person's two titles do not add up: one project, priced at the higher category
        ("funding", "我是省特级专家，也是博士，项目资助一共能拿多少？", ["270万元"], ["370万元", "合计"]),
        # both 第5类: the same 100万元 standard
        (
            "funding",
            "博士学位的人搞项目，县里最多资助多少？跟正高职称的是不是一个标准？",
            ["最高资助标准相同，都是100万元"],
            [],
        ),
    ],
)
def test_titles_set_side_by_side_get_each_title_s_funding(
    topic: str, words: str, said: list[str], not_said: list[str]
) -> None:
    result = topics.run(topics.TOPICS[topic], Facts(), "永嘉县", words)
    assert all(s in result.answer for s in said), result.answer
    assert not any(s in result.answer for s in not_said), result.answer


def test_a_project_funding_question_naming_a_skills_title_is_not_the_skills_award() -> None:
    from actions.routing import retopic

    words = "一个是省151人才工程重点资助培养人员，另一个是市首席技师，他们俩的项目资助最高分别是多少"
    assert retopic(topics.TOPICS["skills_award"], words).name == "funding"


def test_the_tranche_the_words_ask_replaces_one_asked_earlier() -> None:
    """附件1 三（一）3: "最后一笔要满足什么才能拿？" after "批了270万，第一笔能先拿多少？" (the slot still says 第一笔)
    is the third tranche — 30% = 81万元 on 销售额 — not the first tranche again (dev10)."""
    facts = Facts(project_type="创业", approved_total=2_700_000, tranches_received=0)
    result = topics.run(TRANCHE, facts, "永嘉县", "剩下的钱分几次给，每次多少？最后一笔要满足什么才能拿？")
    assert result.status is Status.OK
    assert "第3期" in result.answer and "81万元" in result.answer and "销售" in result.answer
    assert "108万元" not in result.answer.split("第3期")[0]


@pytest.mark.parametrize(
    "words",
    ["永嘉创业项目 头一笔钱 要交啥材料", "创业项目首笔资金要准备什么", "创业项目第一笔钱申请要带什么"],
)
def test_the_tranche_the_words_name_is_answered_without_a_slot(words: str) -> None:
    """附件1 三（一）1: "头一笔钱 要交啥材料" asks the first tranche's conditions and materials; with no
    tranche slot from the model, the words still name it (it got only the schedule and "资助总额是多少？")."""
    result = topics.run(TRANCHE, Facts(project_type="创业"), "永嘉县", words)
    assert "第1期拨付资助总额的40%" in result.answer
    assert "申请表" in result.answer and "劳动合同" in result.answer
    assert "附件1 三（一）1" in {c.clause for c in result.citations}
