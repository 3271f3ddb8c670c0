"""Cases the trap probes dev63/dev64 found, each pinned on the action that answers it (the texts' clauses named
in each test). The probes' own questions are not copied: each case is a question of the same shape."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.fallback import ActionFallback
from actions.parsing import Facts, completed_by
from actions.policy_answers import ActionAnswerBenefits, ActionAnswerPolicy, routed_topic
from actions.topics import TOPICS, run, taizhou_calculation
from tests.actions.trackers import asked, followed_up, run_action


def texts(messages: list[dict[str, Any]]) -> str:
    return "\n".join(str(m.get("text") or "") for m in messages)


def test_an_ambiguous_title_is_completed_by_the_level_said_in_a_later_message() -> None:
    """二: 省“151人才工程”重点资助培养人员 is 第3类, 第二层次 第4类 — a level said alone after we asked which 151 it is."""
    assert completed_by(["151"], "刚查了，证书上写的是“重点资助培养人员”。那最多能拿多少？") == [
        "省“151人才工程”重点资助培养人员"
    ]
    assert completed_by(["151"], "第二层次的，不是重点资助") == ["省“151人才工程”第二层次培养人员"]
    assert completed_by(["151"], "那最多能拿多少奖励资助？") == []


def test_a_category_guessed_beside_a_title_gives_way_to_the_title() -> None:
    """二 第4类: 科技…国家级、省级重要奖项获得者 — "应该算第2类吧" is the asker's guess, not 第2类's 600万元."""
    tracker = asked(
        "ask_benefits_funding",
        "我拿过国家科技进步二等奖，国家级的奖应该算永嘉的第2类吧？科技项目能资助多少？",
        category=2,
        honour=["科技、文化、教育、卫生等领域国家级、省级重要奖项获得者"],
    )
    facts = Facts.from_tracker(tracker)
    assert facts.category is None


def test_the_project_type_kept_is_the_one_not_denied() -> None:
    """附件1 三（二）: "创新类项目，不是创业类" then "批了270万，第一笔能到多少" is 创新's 50% (135万元), not 创业's 40%."""
    tracker = followed_up(
        "ask_next_tranche",
        "批了300万，第一笔能到多少？",
        "我们是永嘉的人才创新类项目，不是创业类。",
        "next_tranche",
        project_type="创业",
        approved_total=3_000_000,
        tranche_asked=1,
    )
    assert Facts.from_tracker(tracker).project_type == "创新"


def test_what_is_left_of_the_award_after_the_project_is_funded() -> None:
    """三（一）: 第2类 最高800万元, 三项 — after a project of 300万 the other two have at most 500万元 between them."""
    tracker = followed_up(
        "ask_benefits",
        "那剩下的个人奖励加住房补贴最多还有多少空间？",
        "我是第2类人才，项目评审下来批了300万。",
        "funding",
        category=2,
        approved_total=3_000_000,
    )
    _, messages = run_action(ActionAnswerBenefits(), tracker)
    assert "最多还剩500万元" in texts(messages)


def test_a_range_of_categories_gets_each_ones_maximum() -> None:
    answer = run(TOPICS["benefits"], Facts(), "永嘉县", "永嘉 第3到5类人才 奖励资助最高 分别多少").answer
    assert "第3类最高450万元" in answer and "第4类最高200万元" in answer and "第5类最高100万元" in answer


def test_a_categorys_total_said_of_its_project_is_named_for_what_it_is() -> None:
    """三（一） 450万元 is 第3类's total of three parts; 附件1 二（一） 270万元 its project's standard."""
    answer = run(TOPICS["funding"], Facts(category=3), "永嘉县", "我是第3类，科技项目资助能拿450万吗").answer
    assert "您说的450万元是第3类奖励资助总额的上限，不是科技项目资助" in answer and "270万元" in answer


def test_one_places_apartments_are_its_groups_minimum_but_a_housing_voucher_question_is_not() -> None:
    """台州 五、21.: 三区三市 25000, 其他县 15000 平方米以上 — one place's own figure, never for a 房票 question."""
    one = taizhou_calculation("仙居县要提供多少平方米的拎包入住人才公寓？")
    assert one is not None and "15000平方米以上" in one.answer and "25000" not in one.answer
    assert taizhou_calculation("我在椒江买了套房，房票能补多少钱？") is None
    both = taizhou_calculation("黄岩区要提供的人才公寓多少平方米？那黄岩区加上三门县，合起来至少多少平方米？")
    assert both is not None and "合计至少40000平方米" in both.answer


def test_a_talent_working_in_the_county_is_not_flexibly_introduced() -> None:
    """附件2 第二条: 柔性引才 brings in 县外人才; no reward is computed for a county employee's side job."""
    words = "县内另一家医院的一个博士下班来我们公司兼职，一年报酬20万，能按柔性引才申请奖励吗？"
    _, messages = run_action(ActionAnswerPolicy(), asked("ask_flexible_intro", words))
    said = texts(messages)
    assert "县外人才" in said and "4万元" not in said


def test_a_flexible_follow_up_about_the_expert_stays_on_flexible_recruitment() -> None:
    """附件2 第四条 and 第七条 for the 院士 just named, not 三（八）'s reward for a plan selection."""
    tracker = followed_up(
        "ask_employer_reward",
        "他在不在引才对象范围里？企业每年最多能拿多少奖励？",
        "我们永嘉的企业想柔性引进一位已经退休的院士当技术顾问。",
        "flexible_intro",
        honour=["院士"],
    )
    assert routed_topic(TOPICS["employer_reward"], tracker, str(tracker.latest_message["text"])).name == (
        "flexible_intro"
    )


def test_a_loan_follow_up_asking_the_subsidy_stays_on_the_loan() -> None:
    tracker = followed_up(
        "ask_benefits", "那这一年能贴多少？", "实际利率3.9%，基准是4.35%。", "loan_interest"
    )
    assert routed_topic(TOPICS["benefits"], tracker, "那这一年能贴多少？").name == "loan_interest"


def test_whether_the_whole_sum_is_paid_to_the_talent_is_what_the_award_is_made_of() -> None:
    """三（一）: 奖励资助主要包括个人奖励、住房补贴和创新创业科技项目资助三项 — "这200万是不是全部打到我卡上"."""
    tracker: Tracker = followed_up(
        "nlu_fallback",
        "这200万是不是全部直接打到我卡上？",
        "我是第4类人才，县里最多给200万。",
        "benefits",
        category=4,
    )
    tracker.latest_message["entities"] = [{"entity": "amount", "value": 2_000_000}]
    _, messages = run_action(ActionFallback(), tracker)
    said = texts(messages)
    assert "个人奖励" in said and "住房补贴" in said


def test_a_title_applied_for_in_an_earlier_message_gives_way_to_one_held() -> None:
    """二: 博士 is 第5类; 省千人 only applied for ("正在报…结果还没出来", dev65) is not the category's title."""
    tracker = followed_up(
        "ask_loan_interest",
        "公司在银行贷了300万，基准利率4.75%。两年最多贴多少钱？",
        "我女婿是博士，在永嘉开了个公司。他今年正在报浙江省千人计划，材料已经交上去了，结果还没出来。",
        "loan_interest",
        honour=["省“千人计划”入选者"],
    )
    tracker.events.insert(
        0, {"event": "user", "timestamp": 0.5, "text": "我女婿是博士，在永嘉开了个公司。", "parse_data": {}}
    )
    assert Facts.from_tracker(tracker).honours == ["获得博士学位人才"]


def test_a_firm_outside_both_texts_hears_so_before_any_figure() -> None:
    """A 瑞安 firm asking for 永嘉's 三（三） terms: these texts are not 瑞安's (dev65) — no 2年 figure computed for it."""
    tracker = asked(
        "ask_loan_interest",
        "我们公司在瑞安，老板是第3类人才，银行贷了300万，基准利率4.35%，我们瑞安的公司能按永嘉的贴息标准拿吗？",
        category=3,
        loan_amount=3_000_000,
        loan_rate="4.35",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    said = texts(messages)
    assert "这些是永嘉县的政策，不适用于瑞安" in said and "26.1万" not in said
