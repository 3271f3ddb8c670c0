"""二 and 三（十一）: a title the catalogue does not list, likened to one it does."""

from __future__ import annotations

from actions import topics
from actions.parsing import Facts


def test_an_unlisted_title_likened_to_a_listed_one_gets_the_assessment_not_its_category() -> None:
    """二: 国家杰出青年基金获得者 is 第2类; 优青 is not listed. "跟杰青一样算第2类吗" must not get 第2类's
    800万元 as if it were the talent's: the answer is 认定 as 相当于 (二、三（十一）) and who decides."""
    facts = Facts(honours=["国家优青", "国家杰出青年基金获得者"])
    result = topics.run(topics.TOPICS["category"], facts, "永嘉县", "我拿了国家优青，跟杰青一样算第2类吗")
    assert "800万" not in result.answer and "经认定后列入相应层次" in result.answer
    # (杰青 set beside it with "跟…一样算第2类" is compared, not held: 优青 alone is read, and it is not listed)
    assert "国家优青" in result.answer and "目录" in result.answer and "不在" in result.answer
    assert result.values["category"] is None
    # a listed title held besides an unlisted one is still the talent's own category
    both = topics.run(
        topics.TOPICS["category"],
        Facts(honours=["国家杰出青年基金获得者", "副教授"]),
        "永嘉县",
        "我是杰青，也是副教授，算第几类",
    )
    assert "第2类" in both.answer and "800万元" in both.answer


def test_a_category_asked_of_an_award_it_does_not_name_gets_its_list_and_the_assessment() -> None:
    """二 第1类 lists 诺贝尔奖、图灵奖、菲尔茨奖等国际大奖; whether another prize counts (等) is decided by 认定
    (二: 相当于 … 列入相应层次), not by us: the list, then who decides — never "属于第1类"."""
    facts = Facts(category=1)
    text = "拉斯克医学奖的获得者算不算你们说的“国际大奖”？能按第1类顶尖人才对待吗？"
    result = topics.run(topics.TOPICS["category"], facts, "永嘉县", text)
    assert "诺贝尔奖、图灵奖、菲尔茨奖等国际大奖" in result.answer and "经认定后列入相应层次" in result.answer
    assert "属于第1类" not in result.answer
    plain = topics.run(topics.TOPICS["category"], facts, "永嘉县", "第1类人才包括哪些")
    assert "经认定后列入相应层次" not in plain.answer  # a plain question about the list gets the list


def test_is_it_in_a_category_for_words_the_catalogue_does_not_read_gets_the_assessment() -> None:
    """二 第5类 lists 市名（中）医; "县级名医 算第5类吗" names no listed title: the list and who decides."""
    result = topics.run(topics.TOPICS["category"], Facts(category=5), "永嘉县", "县级名医 算第5类吗")
    assert "市名（中）医" in result.answer and "经认定后列入相应层次" in result.answer


def test_several_categories_funding_standards_are_the_clause_that_lists_them() -> None:
    """附件1 二（一）: 第2、3、4、5类 … 最高资助标准分别为600万元、270万元、120万元、100万元 — asked for several
    categories at once, the clause answers, not one category's bands."""
    text = "请问第2类至第5类人才的科技项目资助最高标准分别是多少？"
    result = topics.run(topics.TOPICS["funding"], Facts(category=5), "永嘉县", text)
    assert "600万元、270万元、120万元、100万元" in result.answer
    assert result.citations[0].clause == "附件1 二（一）"


def test_two_projects_described_apart_are_each_priced_then_summed_or_compared() -> None:
    """附件1 二（二）: 第4类 重点推荐 is 60% of 120万 = 72万元; 第5类 一般推荐 is 20% of 100万 = 20万元."""
    text = (
        "我们公司有两个项目：一个是第4类人才领衔的创新项目，评了重点推荐；另一个是第5类人才领衔的创业项目，"
        "评了一般推荐。两个项目加起来能拿多少资助？"
    )
    result = topics.run(topics.TOPICS["funding"], Facts(), "永嘉县", text)
    assert "72万元" in result.answer and "20万元" in result.answer and "= 92万元" in result.answer
    gap = topics.run(
        topics.TOPICS["funding"],
        Facts(),
        "永嘉县",
        "我的项目第3类评了重点推荐；同事的项目第2类评了一般推荐，谁拿得多，差多少？",
    )
    assert "162万元" in gap.answer and "180万元" in gap.answer and "相差18万元" in gap.answer


def test_one_rating_said_of_both_projects_prices_each_by_its_own_title() -> None:
    """附件1 二（二）: 正高级职称 (第5类) 重点推荐 = 40% of 100万 = 40万元; 551第一层次 (第4类) 重点推荐 = 60% of
    120万 = 72万元; together 112万元 — two people's projects, not one talent's several titles (dev14)."""
    text = (
        "我是公司人事。我们今年在永嘉报了两个人才项目，一个的领衔人是正高级职称，另一个是温州市551工程第一层次"
        "培养人员，结果出来两个都是重点推荐。这两个项目各自能拿多少资助，加起来一共多少？"
    )
    result = topics.run(topics.TOPICS["funding"], Facts(), "永嘉县", text)
    assert "40万元" in result.answer and "72万元" in result.answer and "= 112万元" in result.answer
    assert "多项称号" not in result.answer


def test_a_title_the_talent_says_they_do_not_hold_is_dropped_from_the_facts() -> None:
    """The model tags 院士 in "也不是院士"; 第1类 (不少于1200万元) must not follow from it."""
    from rasa_sdk import Tracker

    text = "我在德国做了二十年阀门密封技术，国内国外都没拿过什么人才称号，也不是院士，算哪一类？"
    tracker = Tracker.from_dict(
        {"sender_id": "t", "slots": {"honour": ["院士"]}, "latest_message": {"text": text}, "events": []}
    )
    assert Facts.from_tracker(tracker).honours == []
    held = Tracker.from_dict(
        {
            "sender_id": "t",
            "slots": {"honour": ["院士"]},
            "latest_message": {"text": "我是院士"},
            "events": [],
        }
    )
    assert Facts.from_tracker(held).honours == ["院士"]


def test_the_rating_the_words_give_first_is_the_project_s_own() -> None:
    """附件1 二（二）: 第1类 特别推荐 is 一事一议 — "评了特别推荐，是不是比重点推荐的800万还多" is not 800万元."""
    text = "院士的项目评了特别推荐，是不是比重点推荐的800万还多？具体给多少？"
    result = topics.run(topics.TOPICS["funding"], Facts(review_rating="重点推荐"), "永嘉县", text)
    assert "一事一议" in result.answer and "可获科技项目资助800万元" not in result.answer


def test_the_five_categories_are_not_category_five() -> None:
    """ "能不能按永嘉的五类人才对待": 二's way for a talent without a listed title (认定), not 第5类's list."""
    text = "海外人才沒有國內的稱號，能不能按永嘉的五類人才對待？"
    result = topics.run(topics.TOPICS["category"], Facts(category=5), "永嘉县", text)
    assert "第5类：县级领军人才" not in result.answer and result.values.get("category") is None
    # what the chat shows before asking for the title: the overview, with the 认定 way
    primer = topics.TOPICS["category"].primer
    assert primer is not None and "经认定后列入相应层次" in primer("永嘉县").answer


def test_an_unlisted_title_asking_to_apply_is_told_it_is_not_listed() -> None:
    """附件1 一: 申报对象 are 第1–5类人才; 在读博士 is not 获得博士学位 (二 第5类)."""
    result = topics.run(
        topics.TOPICS["eligibility"], Facts(), "永嘉县", "博士在读的可以申报项目资助吗？还没毕业"
    )
    assert "不在" in result.answer and "认定" in result.answer and "属于第5类" not in result.answer


def test_an_unlisted_title_flexibly_introduced_is_told_it_is_not_listed_and_who_the_reward_is_for() -> None:
    """附件2 第四条: 柔性引进的对象 are 第1–5类人才; 省杰青 is not 国家杰出青年基金获得者 (二 第2类), so whether
    the firm is rewarded waits on 认定 — not 第七条's 20% as if the talent qualified (dev11)."""
    result = topics.run(
        topics.TOPICS["flexible_intro"], Facts(), "永嘉县", "省杰青 柔性引近到永嘉 企业有奖励吗"
    )
    assert "不在" in result.answer and "认定" in result.answer and "属于第2类" not in result.answer
    assert "附件2 第四条" in {c.clause for c in result.citations}
    listed = topics.run(
        topics.TOPICS["flexible_intro"], Facts(), "永嘉县", "柔性引进一个省千人，企业有奖励吗"
    )
    assert "20%" in listed.answer and "不在" not in listed.answer


def test_a_listed_title_named_beside_an_unlisted_one_is_read_before_the_flexible_reward() -> None:
    """附件2 第四条, 二 第5类: "国家优青…的研究员…五类好像没写优青，那企业还能拿柔性引才奖励吗" — 研究员 is 正高级
    职称 (第5类) and 优青 is not listed; both are said, with who the reward is for, before 第七条 (dev20)."""
    text = (
        "我们想柔性引进一位拿了国家优青（自然科学基金优秀青年）的研究员，我翻了下永嘉那五类好像没写优青，"
        "那企业还能拿柔性引才奖励吗？"
    )
    result = topics.run(topics.TOPICS["flexible_intro"], Facts(), "永嘉县", text)
    assert "属于第5类" in result.answer and "不在目录中" in result.answer and "20%" in result.answer
    assert {"附件2 第四条", "附件2 第七条", "二"} <= {c.clause for c in result.citations}


def test_a_title_said_not_yet_held_does_not_give_its_category() -> None:
    """二 第5类 lists 正高级职称; "正高还没评上" says it is not held, so a 副教授 asking to lead a project is
    told 副教授 is not listed — not "属于第5类" (dev13)."""
    text = "我是外省一所大学的副教授，正高还没评上，想到永嘉来做个项目，我能不能自己当领衔人去申请县里的项目资助？"
    result = topics.run(topics.TOPICS["eligibility"], Facts(), "永嘉县", text)
    assert "不在" in result.answer and "认定" in result.answer and "第5类" not in result.answer


def test_a_listed_title_asking_to_apply_is_told_its_category_first() -> None:
    """附件1 一: 申报对象 are 第1–5类人才 — "我博士毕业…有资格报吗" is told 获得博士学位人才 is 第5类 (二), cited, then
    the project conditions (dev4)."""
    text = "我博士毕业，刚从上海跳槽到永嘉一家阀门厂做研发主管。我这种情况有资格报吗？"
    result = topics.run(topics.TOPICS["eligibility"], Facts(), "永嘉县", text)
    assert result.answer.startswith("按永嘉县人才新政") and "属于第5类" in result.answer
    assert "申报对象" in result.answer and "二" in {c.clause for c in result.citations}


def test_the_investment_the_words_give_caps_an_innovation_project() -> None:
    """附件1 二（二）: 创新类项目资助总额一般不超过单位项目投入经费 — 80万 invested, 120万 by rating."""
    text = "第4类，创新项目评了特别推荐，按标准是120万，但我们企业只准备投80万经费，资助按多少给？"
    result = topics.run(
        topics.TOPICS["funding"],
        Facts(category=4, review_rating="特别推荐", project_type="创新"),
        "永嘉县",
        text,
    )
    assert "资助总额为80万元" in result.answer and "一般" in result.answer


def test_two_categories_caps_are_summed_when_a_total_is_asked() -> None:
    """三（一）: 第2类最高800万元, 第4类最高200万元 — two people, "最高合计" is 1000万元 (both maxima)."""
    text = "今年来了两个领军人才，一个是第2类一个是第4类，两个人的奖励资助最高合计能有多少？"
    result = topics.run(topics.TOPICS["benefits"], Facts(), "永嘉县", text)
    assert "800万元 + 200万元 = 1000万元" in result.answer
    gap = topics.run(topics.TOPICS["benefits"], Facts(), "永嘉县", "永嘉 第2类 第3类 奖励资助最高额 差多少")
    assert "相差350万元" in gap.answer


def test_category_five_typed_with_a_space_is_still_category_five() -> None:
    result = topics.run(topics.TOPICS["category"], Facts(category=5), "永嘉县", "第 5类人才包括哪些？")
    assert "第5类：县级领军人才" in result.answer


def test_a_tranche_question_takes_the_figures_its_words_give() -> None:
    """附件1 三（一）: 创业 pays 40/30/30%. Two paid of 162万 leaves 第3期 48.6万元; 项目支出 150万 of 200万 does
    not yet meet 第2期's condition (支出 only 创业's 第2期 asks for, so the type follows)."""
    left = topics.run(
        topics.TOPICS["next_tranche"],
        Facts(),
        "永嘉县",
        "創業類項目已經撥付了兩期，資助總額是162萬，還剩多少沒拿？",
    )
    assert "第3期" in left.answer and "48.6万元" in left.answer
    second = topics.run(
        topics.TOPICS["next_tranche"],
        Facts(),
        "永嘉县",
        "批的总额是200万，第一期已经拿了，公司项目支出目前花了150万，可以申请第二期吗？",
    )
    assert "60万元" in second.answer and "还差50万元" in second.answer
