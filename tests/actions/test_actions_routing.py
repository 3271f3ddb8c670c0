"""A long question the intent model is unsure of is answered by the provision its words name.

The trackers are what Rasa sends after an nlu_fallback: the entities the model did extract (with
their roles) and the slots they filled. Each case was an answer without its figure before
actions.routing existed (a passage quote or a did-you-mean list).
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.fallback import ActionFallback
from actions.policy_answers import routed_topic
from actions.routing import cue_topic, retopic
from actions.topics import TOPICS
from tests.actions.trackers import run_action


def fallback_tracker(text: str, entities: list[dict[str, Any]], slots: dict[str, Any]) -> Tracker:
    parse = {
        "intent": {"name": "nlu_fallback", "confidence": 0.5},
        "entities": entities,
        "text": text,
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.5}],
    }
    return Tracker.from_dict(
        {
            "sender_id": "routing-test",
            "slots": slots,
            "latest_message": parse,
            "events": [
                {"event": "action", "timestamp": 0.5, "name": "action_listen"},
                {"event": "user", "timestamp": 1.0, "text": text, "parse_data": parse},
            ],
        }
    )


def amount(value: int, role: str | None = None) -> dict[str, Any]:
    return {"entity": "amount", "value": value, **({"role": role} if role else {})}


@pytest.mark.parametrize(
    ("text", "entities", "topic"),
    [
        (
            "第4类人才创新项目一般推荐，两期各拿多少？",
            [{"entity": "review_rating", "value": "一般推荐"}],
            "funding",
        ),
        ("我个人引荐了2位海外人才，其中1位入选了580", [], "referral"),
        ("创业项目核定资助270万，第一期能申请吗", [amount(2700000, "approved_total")], "next_tranche"),
        ("公司柔性引进了两个专家，奖励怎么算", [], "flexible_intro"),
        ("5个工人新取得了国家一级职业资格证书", [], "skills_award"),
        ("税收做到600万了，追加的那一年贴息多少", [], "loan_interest"),
        ("我是省千人，买房有补贴吗", [], "housing"),
        # 附件2 第五条's ways (顾问指导 …) name flexible recruitment without the word 柔性
        ("我们请了一个省千人当技术顾问，一年付他20万，能拿多少引才奖励", [], "flexible_intro"),
        ("以永嘉地申報入選國家千人計劃的創業人才，項目按什麼標準資助", [], "funding"),
        ("以永嘉為申報地入選國家千人計劃的創業人才，他的項目在永嘉能拿多少資助", [], "funding"),
        ("持金卡能免费游览国营景区吗", [], None),  # the passage of 附件3 二（三） answers it as well
        ("台州人才的事情去哪办", [], None),
        # a title named with a count asked is a plan's target (台州 三、8. 柔性引进院士100名), not a category (dev12)
        (
            "台州要不全职地请院士过来帮忙，三年加起来打算请多少位院士？",
            [{"entity": "honour", "value": "院士"}],
            None,
        ),
        ("入选了中科院的百人计划", [{"entity": "honour", "value": "百人计划"}], "category"),
    ],
)
def test_cue_topic_names_the_provision(text: str, entities: list[dict[str, Any]], topic: str | None) -> None:
    found = cue_topic(text, entities)
    assert (found.name if found else None) == topic


def test_tranche_question_with_figures_gets_the_amount_and_the_verdict() -> None:
    text = "创业项目核定资助270万，我们公司实缴注册资本现在是100万，办公场地和员工都落实了，第一期能申请吗？"
    tracker = fallback_tracker(
        text,
        [
            {"entity": "project_type", "value": "创业"},
            amount(2700000, "approved_total"),
            amount(1000000, "paid_in_capital"),
            {"entity": "tranche", "value": 1, "role": "asked"},
        ],
        {
            "project_type": "创业",
            "approved_total": 2700000,
            "paid_in_capital": 1000000,
            "tranche_asked": 1,
        },
    )
    events, messages = run_action(ActionFallback(), tracker)
    answer = messages[0]["text"]
    assert (
        "108万元" in answer and "超过108万元的要求尚未满足，还差8万元以上，暂不符合第1期的拨付条件" in answer
    )
    assert "附件1 三（一）1" in answer
    assert not any(e.get("name") == "fallback_count" and e.get("value") for e in events)


def test_referral_counts_from_the_words() -> None:
    text = "我个人引荐了2位海外人才，都完成了580计划申报评审，其中1位入选了580，我一共能拿多少？"
    honour = "市“580海外精英引进计划”入选者"
    tracker = fallback_tracker(text, [{"entity": "honour", "value": honour}], {"honour": [honour]})
    _, messages = run_action(ActionFallback(), tracker)
    assert "合计9万元" in messages[0]["text"]
    assert "三（十）" in messages[0]["text"]


def test_no_cue_keeps_the_passage_answer() -> None:
    tracker = fallback_tracker("持金卡能免费游览国营景区吗", [], {})
    _, messages = run_action(ActionFallback(), tracker)
    assert messages[0]["text"].startswith("我不太确定您的意思")


def with_topic(tracker: Tracker, topic: str, **slots: Any) -> Tracker:
    state = tracker.current_state()
    state["slots"] = {**state.get("slots", {}), "topic": topic, **slots}
    return Tracker.from_dict(state)


def test_short_follow_up_continues_the_last_topic_with_the_facts_given() -> None:
    # turn 1 "我去年入选了温州580计划", turn 2 "在永嘉买房有补贴吗" (housing), turn 3 unsure:
    honour = "市“580海外精英引进计划”入选者"
    tracker = with_topic(fallback_tracker("最多多少？", [], {}), "housing", honour=[honour], region="永嘉县")
    _, messages = run_action(ActionFallback(), tracker)
    text = messages[0]["text"]
    assert "最高50万元" in text and "100万元" not in text  # 580计划's figure, not the whole 三（七） list
    assert "三（七）" in text


def test_short_message_naming_something_new_does_not_continue_the_topic() -> None:
    tracker = with_topic(fallback_tracker("金卡呢", [], {}), "housing", honour=["省千人计划"])
    _, messages = run_action(ActionFallback(), tracker)
    assert "购房补贴" not in messages[0]["text"]


def test_which_category_without_a_title_says_how_categories_are_decided() -> None:
    tracker = fallback_tracker("海外人才沒有國內的稱號，能不能按永嘉的五類人才對待？", [], {})
    _, messages = run_action(ActionFallback(), tracker)
    first = messages[0]["text"]
    assert "经认定后列入相应层次" in first and "含海外" in first
    assert "属于第" not in first  # no category is given for a title we were not told
    assert "称号" in messages[-1]["text"]  # then asks for the title


@pytest.mark.parametrize(
    ("entity", "text", "expected"),
    [
        (["百千万"], "「百千萬人才工程」國家級人選算第幾類？", "属于第2类"),
        (["万人计划"], "萬人計劃傑出人才屬於哪一類", "属于第1类"),
        (["副研究员"], "我是副研究员，算第几类", "不在永嘉县第1–5类人才目录中"),
    ],
)
def test_category_reads_the_whole_title_when_the_entity_is_a_fragment(
    entity: list[str], text: str, expected: str
) -> None:
    from actions.parsing import Facts
    from actions.topics import TOPICS, run

    result = run(TOPICS["category"], Facts(honours=entity), "永嘉县", text)
    assert expected in (result.answer or result.message)


def test_category_question_without_a_title_still_asks_for_one() -> None:
    from actions.parsing import Facts
    from actions.topics import TOPICS, run

    result = run(TOPICS["category"], Facts(), "永嘉县", "我们车间主任很厉害，按永嘉人才分类算哪一类？")
    assert result.missing and result.missing[0].name == "honour"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "我们公司参加了市里统一组织的海外引才活动，全职引进了一个海归博士，中介费是24万元，能补助多少？",
            "12万元",
        ),
        ("我们单位的人才工作改革做法被全国推广了，能奖多少？", "50万元"),
        # 三、9. for two hires whose fees are listed together: (18万 + 30万) × 50% = 24万元
        ("通过市里的海外引才活动全职引进两人，中介费分别是18万和30万，能补多少", "24万元"),
        # counts a 台州 target is a share of (三、9. 40%, 五、21. 5%, 五、18. +10%), rounded up for 至少
        ("今年的创业大赛一共有20个项目，按落地率要求至少要落地几个", "至少要落地8个"),
        ("新建商品住房项目有420套，人才专用房至少配建多少套", "至少配建21套"),
        ("去年发明专利申请量3000件，按同比增长的目标今年至少多少件", "至少要达到3300件"),
    ],
)
def test_taizhou_provision_with_a_figure_is_computed(text: str, expected: str) -> None:
    """The 台州 topic: the best passage's own rule with the figure the words give (registry), else the
    provisions taizhou_calculation knows."""
    from actions import topics
    from actions.parsing import Facts

    result = topics.run(TOPICS["taizhou_plan"], Facts(), "台州市", text)
    assert result.ok and expected in result.answer, result.answer
    assert result.citations and result.citations[0].doc == "台市委发〔2018〕39号"


def test_a_reform_follow_up_after_its_clause_is_computed_with_both_tiers() -> None:
    """六、25.: "那要是全国推广呢？比省里多多少？" after the clause — 50万元 against 30万元, 20万元 more — though
    the follow-up does not say 改革 again (dev11, dev13)."""
    from actions.topics import taizhou_calculation

    found = taizhou_calculation("那要是全国推广呢？比省里多多少？", about="六、25.")
    assert found is not None and "50万元" in found.answer and "多20万元" in found.answer
    assert taizhou_calculation("那要是全国推广呢？", about="五、20.") is None  # another clause's follow-up


def test_taizhou_fee_question_with_two_figures_is_not_guessed() -> None:
    from actions.topics import taizhou_calculation

    assert taizhou_calculation("中介费10万，后来又一个14万，能补多少") is None
    # another amount beside the listed fees (已补 …) or a hire that does not qualify: not summed
    assert taizhou_calculation("中介费一个20万、一个36万，已经补了10万，还能补多少") is None
    assert taizhou_calculation("中介费一个20万，一个兼职的36万，能补多少") is None


def test_fragment_honour_is_read_whole_and_remembered_for_later_questions() -> None:
    text = "入选了中科院的百人计划"
    tracker = fallback_tracker(text, [{"entity": "honour", "value": "百人计划"}], {"honour": ["百人计划"]})
    events, messages = run_action(ActionFallback(), tracker)
    assert "不在永嘉县第1–5类人才目录中" in messages[0]["text"]
    assert "第5类" not in messages[0]["text"]  # not 县“产业百人计划”
    assert {"event": "slot", "timestamp": None, "name": "honour", "value": ["中科院百人计划"]} in events


def test_out_of_scope_with_a_provision_named_is_answered_by_it() -> None:
    from actions.fallback import ActionOutOfScope

    text = "我公司是2012年注册的，今年2016年想报创业类项目资助，行不行？"
    tracker = fallback_tracker(text, [{"entity": "project_type", "value": "创业"}], {"project_type": "创业"})
    _, messages = run_action(ActionOutOfScope(), tracker)
    assert "企业成立4年，须在3周年以内" in messages[0]["text"]


def test_plain_out_of_scope_gets_the_fixed_reply() -> None:
    from actions.fallback import ActionOutOfScope

    for text in ("今天天气怎么样", "帮我订一张去杭州的机票"):
        _, messages = run_action(ActionOutOfScope(), fallback_tracker(text, [], {}))
        assert len(messages) == 1 and messages[0]["response"] == "utter_out_of_scope"


def test_out_of_scope_with_a_clearly_matching_clause_is_answered_by_it() -> None:
    """台州 六、26.: 容错纠错 — a policy question the intent model filed as out of scope."""
    from actions.fallback import ActionOutOfScope

    _, messages = run_action(
        ActionOutOfScope(), fallback_tracker("国企投资人才创业项目失败了能免责吗？", [], {})
    )
    assert "依据：《台市委发〔2018〕39号》六、26." in messages[0]["text"]


def test_two_categories_compared_get_the_difference() -> None:
    from actions.parsing import Facts
    from actions.topics import TOPICS, run

    result = run(TOPICS["benefits"], Facts(category=4), "永嘉县", "第3类和第4类的最高奖励资助差多少钱？")
    assert "相差250万元" in result.answer


def test_one_person_in_two_categories_is_answered_at_the_higher_and_says_who_decides() -> None:
    """三（一）: "按第4类和第5类两个身份…最多多少" is one person, not a comparison: 第4类's 200万元, with the
    sentence that the text does not say how several titles are counted (不是第5类's 100万, not a difference)."""
    from actions.parsing import Facts
    from actions.topics import TOPICS, run

    text = "既是温州580入选者，又是正高级工程师。按第4类和第5类两个身份的奖励资助能不能都拿？最多多少？"
    result = run(TOPICS["benefits"], Facts(category=5), "永嘉县", text)
    assert "200万元" in result.answer and "最高类别（第4类）" in result.answer
    assert "相差" not in result.answer and "第5类人才可享受" not in result.answer
    # two people in those categories are still priced one by one
    two = run(TOPICS["benefits"], Facts(category=5), "永嘉县", "两个人，一个是第4类一个是第5类，各能拿多少")
    assert "最高类别" not in two.answer and "200万元" in two.answer and "100万元" in two.answer


def test_two_categories_project_funding_compared() -> None:
    """附件1 二（一）: 第2类 600万元 and 第4类 120万元 at 特别推荐 — their difference 480万元, or their sum;
    第1类's 特别推荐 is 一事一议, so no difference is made up for it."""
    from actions.parsing import Facts
    from actions.topics import TOPICS, run

    gap = run(TOPICS["funding"], Facts(category=4), "永嘉县", "永嘉第2类和第4类人才，项目资助封顶差多少钱？")
    assert "600万元" in gap.answer and "120万元" in gap.answer and "相差480万元" in gap.answer
    total = run(TOPICS["funding"], Facts(), "永嘉县", "第3类和第5类的项目资助最高加起来一共多少")
    assert "270万元 + 100万元 = 370万元" in total.answer
    first = run(TOPICS["funding"], Facts(), "永嘉县", "第1类和第2类项目资助差多少")
    assert "相差" not in first.answer
    # named apart, after a conversation that named one of them already: 600万 − 270万 (dev13)
    apart = "我是长江学者，应该算第2类吧？ 那第2类的科技项目资助最高能到多少？我合伙人是第3类的，他的最高额度跟我差多少？"
    assert "相差330万元" in run(TOPICS["funding"], Facts(category=2), "永嘉县", apart).answer
    # one rating for both (附件1 二（二）): 第2类 重点推荐 360万 (600万 × 60%) − 第3类 162万 (270万 × 60%) (dev20)
    rated = "永嘉县第2类人才的项目评了重点推荐，给多少？。同样是重点推荐，第3类的比第2类少多少钱？"
    both = run(TOPICS["funding"], Facts(category=2, review_rating="重点推荐"), "永嘉县", rated).answer
    assert "360万元" in both and "162万元" in both and "重点推荐的资助额相差198万元" in both


def test_a_listed_title_named_in_passing_gives_way_to_the_clause_asked() -> None:
    """台州 七、29.: "引来一个国家千人计划专家，年底考核能算完成什么级别的招商任务" asks 招商 credit, not the
    title's category; a question about the title's category or money keeps the catalogue's answer."""
    from actions.clauses import title_named_in_passing

    assert title_named_in_passing(
        "我是县里招商局的，我们引来一个自己申报上的国家千人计划专家，年底考核能算完成什么级别的招商任务？"
    )
    assert not title_named_in_passing("国家千人计划专家在永嘉算第几类")
    assert not title_named_in_passing("我是国家千人计划专家，能拿多少钱")
    assert not title_named_in_passing("我是国家千人计划专家")
    text = "我是县里招商局的，我们引来一个自己申报上的国家千人计划专家，年底考核能算完成什么级别的招商任务？"
    from actions.policy_answers import ActionAnswerCategory
    from tests.actions.trackers import asked

    # (read as ask_category with the title; category_form fills `honour` and submits to this answer)
    _, messages = run_action(ActionAnswerCategory(), asked("ask_category", text, honour=["国家千人计划"]))
    replies = " ".join(m.get("text") or "" for m in messages)
    assert "七、29." in replies and "属于第2类" not in replies


def test_a_figure_naming_no_provision_goes_to_the_topic_just_answered() -> None:
    """附件2 第七条 after a 柔性引才 answer: "年计税报酬20万，能奖多少" is that rule's 20% (4万元), not the
    海外工程师 band the salary role would pick on its own (三（四）)."""
    text = "他年计税报酬20万，能奖多少"
    tracker = fallback_tracker(
        text, [amount(200_000, "salary")], {"topic": "flexible_intro", "salary": 200_000, "region": "永嘉县"}
    )
    _, messages = run_action(ActionFallback(), tracker)
    assert "4万元" in messages[0]["text"] and "第七条" in messages[0]["text"]
    assert "海外工程师" not in messages[0]["text"]
    # with no topic before it, the salary alone still picks its own rule
    assert cue_topic(text, [amount(200_000, "salary")]).name == "overseas_engineer"


def test_a_headhunter_fee_is_taizhou_s_intermediary_fee_subsidy() -> None:
    """台州 三、9.: 中介费用 50%, at most 30万元 a firm; a 猎头费 is such a fee. Capped, the answer gives
    the payable figure, not the uncapped 50% (which would read as a figure the firm can get)."""
    assert cue_topic("猎头费能报吗", []).name == "taizhou_plan"
    text = "付了猎头费80万元，能补多少"
    _, messages = run_action(ActionFallback(), fallback_tracker(text, [amount(800_000, "fee")], {}))
    assert "30万元" in messages[0]["text"] and "40万" not in messages[0]["text"]
    assert "三、9." in messages[0]["text"]


def test_a_plan_talent_asking_his_project_s_money_gets_the_plan_standard() -> None:
    """附件1 二（二）: 以永嘉地申报入选…温州市“580计划”的创业人才（含2015年度入选人员）项目按第4类人才特别推荐的
    标准给予资助 — 120万元, not 三（一）'s 200万 award total (dev14: "用永嘉的名义入选…项目还能按新标准拿资助吗")."""
    text = "我是2015年用永嘉的名义入选温州580计划的，属于创业人才。我那个项目现在还能按新标准拿资助吗？能拿多少？"
    topic = cue_topic(text, [])
    assert topic is not None and topic.name == "funding"
    _, messages = run_action(ActionFallback(), fallback_tracker(text, [], {"region": "永嘉县"}))
    said = " ".join(m.get("text") or "" for m in messages)
    assert "120万元" in said and "特别推荐" in said


@pytest.mark.parametrize(
    "text", ["我是手艺人，没啥头衔，但在行业里挺有名，能享受人才政策吗", "我的海外荣誉在人才名单里都找不到"]
)
def test_no_listed_title_is_the_category_question_answered_by_assessment(text: str) -> None:
    """二 and 三（十一）: without a listed title a category comes only from 认定 (相当于, 偏才专才)."""
    topic = cue_topic(text, [])
    assert topic is not None and topic.name == "category"
    _, messages = run_action(ActionFallback(), fallback_tracker(text, [], {"region": "永嘉县"}))
    said = " ".join(m.get("text") or "" for m in messages)
    assert "经认定后列入相应层次" in said and "偏才" in said
    assert "属于第" not in said


def test_out_of_scope_never_answers_a_place_the_texts_do_not_cover_with_a_clause() -> None:
    """台州 六、26. matches the words, but the question is about 杭州: no other region's clause."""
    from actions.fallback import ActionOutOfScope

    _, messages = run_action(
        ActionOutOfScope(), fallback_tracker("杭州国企投资人才创业项目失败了能免责吗？", [], {})
    )
    assert len(messages) == 1 and messages[0].get("response") == "utter_out_of_scope"


def _after(topic: str, intent: str, text: str, entities: list[dict[str, Any]] | None = None) -> Tracker:
    """`text` classified as `intent`, following an answer on `topic` (the topic slot set before it)."""
    parse = {"intent": {"name": intent, "confidence": 0.95}, "entities": entities or [], "text": text}
    return Tracker.from_dict(
        {
            "sender_id": "routing-test",
            "slots": {"topic": topic},
            "latest_message": parse,
            "events": [
                {"event": "slot", "name": "topic", "value": topic},
                {"event": "user", "text": text, "parse_data": parse},
            ],
        }
    )


def test_figures_for_the_topic_just_answered_stay_with_it_when_the_model_files_them_elsewhere() -> None:
    """Two pays after a 柔性引才 answer, classified as a 台州 passage question (a topic taking no
    amount): the words name nothing else, so 附件2 第七条 computes them."""
    text = "一位计税报酬40万，另一位15万"
    tracker = _after("flexible_intro", "ask_taizhou_plan", text, [amount(400_000, "salary"), amount(150_000)])
    assert routed_topic(TOPICS["taizhou_plan"], tracker, text).name == "flexible_intro"
    # a topic that itself takes amounts keeps them (省里资助1000万，县里配套多少 is not the last topic's)
    assert routed_topic(TOPICS["funding"], tracker, text).name == "funding"


def test_a_reward_follow_up_continues_a_rewarding_topic_but_not_a_category_answer() -> None:
    text = "奖励加起来多少"
    assert routed_topic(TOPICS["benefits"], _after("referral", "ask_benefits", text), text).name == "referral"
    # after "算第几类", what the category gets is the benefits topic the model named
    assert routed_topic(TOPICS["benefits"], _after("category", "ask_benefits", text), text).name == "benefits"
    # the firm just described with its 柔性 figures: "公司一年总共能拿多少奖励" is 第七条's reward, not 三（一）
    firm = "公司一年总共能拿多少奖励？"
    assert routed_topic(TOPICS["benefits"], _after("flexible_intro", "ask_benefits", firm), firm).name == (
        "flexible_intro"
    )


def test_whether_a_whole_sum_is_paid_to_the_talent_is_what_the_sum_is_made_of() -> None:
    """三（一）: 奖励资助…主要包括个人奖励、住房补贴和创新创业科技项目资助 — "那这800万是不是全部当现金打到我个人卡上？"
    after a title's 800万 (dev57) asks what the sum is made of, not a project's tranches; a project's sum asked so
    stays on its tranches."""
    text = "那这800万是不是全部当现金打到我个人卡上？"
    assert routed_topic(TOPICS["next_tranche"], _after("benefits", "ask_next_tranche", text), text).name == (
        "benefits"
    )
    project = "项目资助批了300万，是不是全部打到我个人卡上？"
    tracker = _after("funding", "ask_next_tranche", project)
    assert routed_topic(TOPICS["next_tranche"], tracker, project).name == "next_tranche"


def test_the_model_s_neighbour_is_moved_to_the_topic_the_words_name() -> None:
    """附件1 三: "创新类项目资助批了120万，钱分几次给，每次给多少？" (dev54) is the tranches of 120万, not the funding
    standard; 二: "温州580海外精英计划引进的…他算几类？" (dev54) is the title's category, not 三（四）'s 海外工程师."""
    payout = "我们公司在永嘉的创新类项目资助批了120万，钱分几次给，每次给多少？"
    assert retopic(TOPICS["funding"], payout).name == "next_tranche"
    asked = "我们厂有个工程师是温州580海外精英计划引进的，按永嘉的人才政策他算几类？"
    assert retopic(TOPICS["overseas_engineer"], asked).name == "category"
    assert (
        retopic(TOPICS["overseas_engineer"], "海外工程师年薪60万，企业能拿多少").name == "overseas_engineer"
    )


def test_another_person_added_is_read_with_the_message_before() -> None:
    """三（八）: "公司以永嘉申报的一个专家入选了国家千人计划，单位能拿多少奖励？" then "今年还有一个入选温州580计划的，单位一共
    能拿多少？" (dev54) — 30万 + 5万 = 35万元: the second message is read with the first."""
    from actions import clauses
    from tests.actions.trackers import asked as one_message

    latest = "今年还有一个入选温州580计划的，单位一共能拿多少？"
    tracker = one_message("ask_employer_reward", latest)
    tracker.events = [
        {"event": "user", "text": "公司以永嘉申报的一个专家入选了国家千人计划，单位能拿多少奖励？"},
        *tracker.events,
    ]
    assert "国家千人计划" in clauses.question_text(tracker)


def test_the_referred_talent_selected_stays_on_the_referral() -> None:
    """三（十）: "后来他入选了，我一共能拿多少？" after the 引荐费 for a talent who applied for 省千人 (dev57) is the fee
    and the award for that selection — the model reads the title as the asker's benefits; "他入选的是温州580计划，不是
    省千人" likewise. Without a selection said of him, the benefits stay what the model said."""
    for text in ("后来他入选了，我一共能拿多少？", "不对，他入选的是温州580计划，不是省千人。那一共多少？"):
        for guessed in ("benefits", "category"):
            tracker = _after("referral", f"ask_{guessed}", text)
            assert routed_topic(TOPICS[guessed], tracker, text).name == "referral"
    own = "我自己是省千人，我能拿多少？"
    assert routed_topic(TOPICS["benefits"], _after("referral", "ask_benefits", own), own).name == "benefits"


def test_two_plans_set_against_each_other_after_housing_stay_on_housing() -> None:
    """三（七）: "省千人是不是比国家千人少一半？" after "县里给人才买房的补贴分几档？" compares the two plans' 购房
    补贴 (the same 100万元), not which category 省千人 is (dev23); "省千人算第几类" still asks the category."""
    text = "省千人是不是比国家千人少一半？"
    assert routed_topic(TOPICS["category"], _after("housing", "ask_category", text), text).name == "housing"
    asked = "省千人算第几类，比国家千人低吗"
    assert (
        routed_topic(TOPICS["category"], _after("housing", "ask_category", asked), asked).name == "category"
    )


def test_square_metres_and_three_districts_are_taizhou_apartments_whatever_the_model_says() -> None:
    """台州 五、21. is the only clause of either text with 平方米 or 三区三市."""
    text = "那三区三市一共要多少平方米"
    assert (
        routed_topic(TOPICS["benefits"], _after("taizhou_plan", "ask_benefits", text), text).name
        == "taizhou_plan"
    )


def test_a_form_asks_nothing_when_the_words_settle_another_topic() -> None:
    """benefits_form opens on ask_benefits; "那三区三市一共要多少平方米" is 五、21.'s, so the form asks no
    category and its answer action answers the routed topic."""
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions.forms import ValidateBenefitsForm

    text = "那三区三市一共要多少平方米"
    tracker = _after("taizhou_plan", "ask_benefits", text)
    slots = asyncio.run(
        ValidateBenefitsForm().required_slots(["category", "honour"], CollectingDispatcher(), tracker, {})
    )
    assert slots == []
    asked_tracker = _after("taizhou_plan", "ask_benefits", "第三类能拿多少")
    slots = asyncio.run(
        ValidateBenefitsForm().required_slots(
            ["category", "honour"], CollectingDispatcher(), asked_tracker, {}
        )
    )
    assert slots == ["category"]


@pytest.mark.parametrize(
    ("text", "routed"),
    [
        ("副主任医师 算第5类吗", "category"),  # a title and whether it is in a category
        ("高级工程师能不能按第5类人才去申报", "category"),
        ("我是省特级专家，算第3类。创业项目评了特别推荐，能拿多少", "funding"),  # a statement, then an amount
        ("按第5类申报项目资助多少", "funding"),  # no title
    ],
)
def test_whether_a_title_is_in_a_category_is_the_category_question(text: str, routed: str) -> None:
    assert routed_topic(TOPICS["funding"], _after("", "ask_benefits_funding", text), text).name == routed


def test_that_title_follow_up_after_a_category_answer_stays_a_category_question() -> None:
    text = "那省级技能大师工作室的领衔人呢？"
    assert (
        routed_topic(TOPICS["skills_award"], _after("category", "ask_skills_award", text), text).name
        == "category"
    )


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        # 附件1 四（三）: 弄虚作假、提供不实材料 … 停止并追缴 — though 劳动合同 and 第一期 are 三（一）1's words
        ("如果被发现第一期报的员工劳动合同是假的，钱要退吗", "附件1 四（三）"),
        # 台州 六、26.: 不可抗力 … 按规定使用的资助资金不予追究
        ("疫情期间公司倒闭了，台州市里给的创业资助要还吗", "六、26."),
        # 附件1 三: 项目科技资助资金主要用于科研设备购置、项目研发和人才培养引进 — not the tranche table
        ("项目科技资助资金可以用在哪些方面？", "附件1 三"),
        ("资助的钱能花在哪些地方", "附件1 三"),
        ("项目资助批下来的那笔钱，我能不能先拿去付个房子首付？还是只能买设备？", "附件1 三"),
        # 附件1 四（三）: 所需资金从“县产业创业创新人才专项资金”中列支
        ("项目资助的资金来源是什么", "附件1 四（三）"),
        ("这些项目资助的钱是从哪笔资金里出的？", "附件1 四（三）"),
        # 附件1 三: 经县科技部门审核并签订科技项目合同（协议），报县委人才办登记备案后，划拨有关经费
        ("資助資金撥付之前要簽什麼合同嗎？簽完還要到哪裡登記？", "附件1 三"),
        ("创业项目第一期的申请材料交到哪个部门？要不要人才办审批？", "附件1 三"),
        # who applies and where: 由其所在单位向县科技部门提出申请 (dev, dev4, dev6)
        (
            "想问一下，这个资助资金是人才自己去申请，还是公司去申请？向哪个部门申请？拿到钱之前要走哪些流程？",
            "附件1 三",
        ),
        ("老板是省千人。项目资助资金申请的时候，是要先经过乡镇初审，还是直接交到县里哪个部门？", "附件1 三"),
        ("项目审核通过后，钱什么时候拨下来？中间还要什么手续？", "附件1 三"),
        # 附件1 一（一）: 与用人单位签订5年及以上正式劳动合同 — not 附件2's agreement (dev8)
        ("有企业打电话来问，创新类项目那个合同，签劳务协议或者顾问协议行不行？", "附件1 一（一）"),
        # 附件2 第八条（五）: 将审定名单通过一定方式向社会公示
        ("柔性引才奖励审定之后还要公示吗", "附件2 第八条（五）"),
        # 附件1 四（一）: 项目实施期限一般不超过5年
        ("创业项目第三期要销售额达到资助总额 那这个销售额要在几年内达到？有没有期限？", "附件1 四（一）"),
        ("我们这个项目预计要做6年，超过5年了，永嘉还能给资助吗？", "附件1 四（一）"),
        (
            "我们在永嘉的人才项目进度拖了，估计要做满6年才能完成，到时候剩下没拨的钱还能拿吗？",
            "附件1 四（一）",
        ),
        # 附件1 四（二）: 每年向县科技局作一次项目情况的书面汇报
        ("汇报是口头说一下就行还是要书面的？", "附件1 四（二）"),
        ("永嘉的项目资助钱拿到了，后面还有人管吗？那我们企业每年需要做点什么？交给谁？", "附件1 四（二）"),
        # 台州 六、22.: 对资金兑现的及时性、规范性进行专项督查 — money granted but not paid (dev9)
        # (no region named: either text's answer — 台州 六、22. or 永嘉 附件3 二（一）'s hotline)
        ("我的人才补贴批下来好几个月了还没到账，这种情况有人管吗？", "六、22.|附件3 二（一）"),
        # 附件2 第十条: 假签协议 … 追缴奖励资金并取消相关优惠待遇 — the consequence, not 第八条's 公示 (dev9)
        ("要是公示后被人举报说柔性引才协议是假签的，查实了会怎么样？", "附件2 第十条"),
        # 永嘉 五: 与我县已有人才政策有重复、交叉的，按照“从高、不重复”原则执行 (dev9)
        ("对了，这个新政是从什么时候开始实施的？跟以前的老政策冲突了怎么办？", "五"),
        ("永嘉这个人才新政十二条是从什么时候开始执行的？跟县里以前的老政策撞了的话按哪个算？", "五"),  # dev13
        # 永嘉 前言: 根据《…“人才新政十条”…》（温委办发〔2015〕49号）; the attachments 落实 the 意见 (dev7, dev9)
        ("你好，我想问下永嘉那个“人才新政十二条”是按什么文件定的？跟温州市里的政策是啥关系？", "前言"),
        ("柔性引才办法是根据什么文件制定的", "附件2 第一条"),
        ("柔性引才办法 制定依据", "附件2 第一条"),  # a hotline query (dev9)
        ("82号文 依据 市级文件", "前言"),
        ("十二条 上级依据文件", "前言"),  # dev23
        # words matching none of 附件2 第一条 but only 附件2's other clauses: the part's own 落实《…》 (dev2)
        ("柔性引才办法 依据", "附件2 第一条"),
        ("以情聚才办法 依据", "附件3"),
        # who a measure is for: 附件2 第四条 (第1、2、3、4、5类领军型人才), 附件3 一 (重点服务对象) (dev9)
        ("柔性引近的人才有啥要求？是不是啥专家都行，永嘉这边？", "附件2 第四条"),
        ("柔性引进的对象是哪些人", "附件2 第四条"),
        (
            "我还不是什么1到5类人才，但符合申报省千人计划的条件，永嘉“以情聚才”的人才服务能覆盖到我吗？",
            "附件3 一",
        ),
        # 永嘉 二: 重点引进培养在泵阀、鞋业、服装等传统产业和…新兴产业 (dev4, dev10)
        ("我们厂是做阀门的，想找个搞研发的大牛过来，县里重点扶持的行业里有我们这种吗", "二"),
        ("你们县这个领军人才新政，是只扶持高科技的，还是做鞋这种老行业也在重点范围里？", "二"),
        # 附件2 第十条: 假签协议、假引人才 … 追缴 — a weak match among the best three still answers (dev10)
        ("有人说有的公司只是签个协议走过场，人根本没来，这种被查到了会怎么处理？", "附件2 第十条"),
        ("我还没评上温州580计划，只是条件够得上报，永嘉给人才的那些服务我能享受吗？", "附件3 一"),
        # 台州 六、26.: 不可抗力 … 按规定使用的市、县（市、区）资助资金不予追究，再次创业…不受影响 (dev10)
        (
            "前年我拿了县里和市里的创业资助，结果一场台风把厂房设备全淹了，项目基本黄了。之前按规定用掉的资助款要不要退？"
            "我还想重新创业，会不会被限制？",
            "六、26.",
        ),
        # 附件1 二（二）: 创新类项目资助总额一般不超过单位项目投入经费 (dev10)
        (
            "永嘉创新类人才项目给的钱，跟我们公司自己往这个项目里投多少钱有没有关系？有没有个封顶？",
            "附件1 二（二）",
        ),
        # 附件1 五: 与永委办发〔2012〕110号不一致的，以本办法为准 — the old rules for project funding
        ("项目资助拨付跟以前百人计划的老政策冲突了按哪个", "附件1 五"),
        # 永嘉 三（八）: 制定企业人才贡献积分制办法，根据企业税收、亩产、科技等贡献情况 — not the plan rewards (dev2)
        ("听说永嘉县里有个企业人才贡献积分制，这个积分是看企业哪些方面的贡献来定的？", "三（八）"),
        # each text's own answer (永嘉 附件3 二（一）'s hotline for 反映问题, 台州 六、22.'s 专项督查 of 资金兑现的及时性)
        ("永嘉的人才补贴批下来半年了钱还没到账，有没有地方能反映？", "附件3 二（一）"),
        ("台州的人才补贴批下来半年了钱还没到账，有没有地方能反映？", "六、22."),
        # 台州 五、19.'s 资助期满后…“一企一策” — another passage of the clause the words match best (dev14)
        ("我的500精英项目在台州的资助期快满了，之后市里是不是就不管我们了？", "五、19."),
        (
            "我们是500精英计划的创业企业，自助期马上满了，后面还有扶持吗？",
            "五、19.",
        ),  # a homophone slip (dev9)
        # 附件1 二（二）: 入选市“人才新政十条”科技项目资助的，按市级确定资助金额予以落实 (dev9)
        (
            "我的项目已经入选温州市“人才新政十条”科技项目资助了，永嘉这边是重新评一次还是按市里定的金额给？",
            "附件1 二（二）",
        ),
        # 附件1 三's 主要用于 (dev14)
        ("人才项目的资助款到账以后能怎么花？买设备、给搞研发的发工资行不行？", "附件1 三"),
        # 永嘉 五's 从高、不重复 (dev14)
        ("我们以前按县里老政策拿过一笔，跟新的重了怎么办？", "五"),
        # 永嘉 三（八）'s 积分制 asked by what it weighs and gives, without the word (dev24; 租房 is no 台州 mark)
        (
            "我们企业在县里交税和亩产都排前面，听说能帮员工拿租房补贴、孩子上学也能照顾，具体怎么算？",
            "三（八）",
        ),
        # 永嘉 三（六）'s 高新技术产业园区 and 创业创新基地 — not the 绿色通道's service centre (dev9, dev19, dev24)
        ("想回永嘉创业，县里有没有专门给人才落脚的园区或者基地？", "三（六）"),
        # 台州 七、30.'s 伯乐奖 for 人才工作者 — not 七、28.'s 人才工作者队伍学习培训 (dev24, dev5)
        ("市里有没有给我们这种干人才工作的人设什么奖？", "七、30."),
        ("我们是做人才服务工作的，台州有没有专门给人才工作者的奖项？", "七、30."),
    ],
)
def test_a_consequence_question_is_answered_by_the_clause_stating_it(text: str, clause: str) -> None:
    from actions.clauses import aspect_clause
    from policy_kb import api

    # the region the words name (a place, else a term only one text uses), as the chat's slots and words do
    named = "台州市" if "台州" in text else "永嘉县" if "永嘉" in text else api.region_from_words(text)
    found = aspect_clause(text, named)
    assert found is not None and found.citations[0].clause in clause.split("|"), found and found.answer
    assert aspect_clause("第一期要准备哪些材料", None) is None  # no misconduct or failure asked
    assert aspect_clause("第二期有什么要求", None) is None  # a tranche's conditions, not who may apply
    # a category's award asked of a talent outside the priority industries, not 二's list of them
    assert (
        aspect_clause(
            "我们引的这位人才是做房地产中介的，跟你们的重点产业不太沾边，也能按人才类别拿奖励资助吗？", None
        )
        is None
    )
    assert aspect_clause("申报材料被退回了怎么办", None) is None  # returned papers, not money
    assert (
        aspect_clause("公司跟我签了5年合同，能报创新项目吗", None) is None
    )  # the labour contract (一（一）)
    # 台州 六、22.'s 汇报 is of policy implementation to the leading group, not a project's yearly report
    assert aspect_clause("各地各部门人才政策落实情况定期向哪个机构汇报？", None) is None
    # a provision's own document is that clause's (三（七） 203号), not what the 意见 was drawn up from
    assert aspect_clause("高层次人才购房补贴的具体办法依据哪个文件执行？", None) is None
    # asked in the message before only: a follow-up about the next tranche is not a consequence question
    assert aspect_clause("那第二期呢", None, "公司倒闭了资助要还吗 那第二期呢") is None


def test_a_titled_talent_s_tranche_is_priced_by_the_title_s_category() -> None:
    """附件1 二（二）: 第1类 重点推荐 800万元; 三（一）1: 第1期 40% = 320万元 — the title gives the category."""
    from actions import topics
    from actions.parsing import Facts

    facts = Facts(project_type="创业", review_rating="重点推荐")
    result = topics.run(
        TOPICS["next_tranche"], facts, "永嘉县", "我们请的院士做创业项目，评了重点推荐，第一期拨多少"
    )
    assert "资助总额为800万元" in result.answer and "320万元" in result.answer, result.answer


def test_the_effective_date_answer_is_not_replaced_by_a_clause_the_document_name_matches() -> None:
    """ "永嘉人才新政十二条 从哪天开始执行": 附件2 第四条 quotes the document's name and scores high, but the
    words ask when it takes effect (五, 落款)."""
    from actions.clauses import overriding_clause
    from policy_kb import api

    answer = api.effective_date("永嘉县")
    assert overriding_clause("永嘉人才新政十二条 从哪天开始执行", "永嘉县", answer) is None


@pytest.mark.parametrize(
    ("text", "routed"),
    [
        ("市551人才工程第一层次培养人员，项目资助最高多少？", "funding"),  # the project's cap, not the award
        ("市级重点创新团队带头人的项目评了一般推荐，能拿多少", "funding"),
    ],
)
def test_a_titled_project_question_is_the_funding_question(text: str, routed: str) -> None:
    assert routed_topic(TOPICS["category"], _after("", "ask_category", text), text).name == routed


def test_a_turn_answered_only_from_taizhou_s_text_carries_the_region_to_the_next() -> None:
    """台州 三、8. (千人计划专家工作站) answered a question naming no region: the follow-up about 院士专家工作站
    must not get 永嘉县's 20万元 as the default region's figure."""
    from actions.policy_answers import carried_region

    tz = [{"text": "…", "custom": {"citations": [{"doc": "台市委发〔2018〕39号", "clause": "三、8."}]}}]
    yj = [{"text": "…", "custom": {"citations": [{"doc": "永委办发〔2016〕82号", "clause": "三（六）"}]}}]
    asked = "我们厂准备建个‘千人计划’专家工作站，市里有啥支持？"
    assert carried_region(tz, _after("taizhou_plan", "ask_taizhou_plan", asked)) == [
        SlotSet("region", "台州市")
    ]
    assert carried_region(yj, _after("workstation", "ask_workstation", asked)) == []
    assert carried_region(tz + yj, _after("workstation", "ask_workstation", asked)) == []  # both texts: no
    # a statement that asks nothing, shown a 台州 passage, leaves the region open (dev59: "我们园区有两家人才创业企业，
    # 一个项目批了81万，一个批了360万。" then "两个项目第一期加起来能拿多少？" is 永嘉's 附件1 三)
    told = "我们园区有两家人才创业企业，一个项目批了81万，一个批了360万。"
    assert carried_region(tz, _after("taizhou_plan", "ask_taizhou_plan", told)) == []
    named = Tracker.from_dict(
        {"sender_id": "r", "slots": {"region": "永嘉县"}, "latest_message": {}, "events": []}
    )
    assert carried_region(tz, named) == []  # a region the talent named is kept


def test_a_headhunter_whose_talents_were_selected_is_a_referral_question() -> None:
    """三（十）: 引荐费 2万元 each, and 10万/5万元 more for 省千人/580 — a 猎头 need not say 引荐."""
    from actions.routing import cue_topic, retopic

    text = (
        "我是个人做猎头的，去年给永嘉对接了3个海外人才项目，1个入选浙江省千人，1个入选温州580，一共能拿多少？"
    )
    found = cue_topic(text, [])
    assert found is not None and found.name == "referral"
    # ("我们是一家猎头公司，今年给永嘉推荐了三位海外人才…只有一位入选580", dev38: 推荐了 N people)
    long_before = (
        "我们是一家猎头公司，今年给永嘉推荐了三位海外人才，三个人都跟县里的人才项目对接上了，也都走完了温州580计划"
        "的申报和评审，不过最后只有一位入选580。按县里的政策，我们公司今年一共能领到多少钱？"
    )
    cued = cue_topic(long_before, [])
    assert cued is not None and cued.name == "referral"
    assert retopic(TOPICS["funding"], long_before).name == "referral"  # the model files it as funding
    # titles' awards set against each other or summed are 三（一）'s, not which category each is (dev43)
    gap = cue_topic("国家千人和温州580 在永嘉奖励最高差多少", [{"entity": "honour"}])
    assert gap is not None and gap.name == "benefits"
    which = cue_topic("国家千人在永嘉算第几类，奖励最高多少", [{"entity": "honour"}])
    assert which is not None and which.name == "category"
    fee = cue_topic("参加全市引才活动，中介费24万能补多少", [])
    assert fee is not None and fee.name == "taizhou_plan"  # 台州 三、9.'s fee subsidy stays itself


def test_an_amount_asked_without_a_condition_is_funding_not_eligibility() -> None:
    """附件1 二（二）: 以永嘉地申报入选580计划的创业人才 — priced at 第4类 特别推荐 (120万元)."""
    from actions.routing import retopic

    text = "去年以我们永嘉企业的名义申报入选了温州市580计划，他现在自己开公司创业。他的项目资助按多少给？"
    assert retopic(TOPICS["eligibility"], text).name == "funding"
    asks_both = "公司2014年成立的，还能报创业项目吗？符合条件的话资助多少？"
    assert retopic(TOPICS["eligibility"], asks_both).name == "eligibility"


def test_months_a_year_in_yongjia_are_the_innovation_condition_not_a_tranche() -> None:
    """附件1 一（一）: 承诺每年在永嘉工作时间不少于9个月 — "一年大概在永嘉待8个月，这样行不行" is that condition."""
    from actions.routing import retopic

    assert retopic(TOPICS["next_tranche"], "我一年大概在永嘉待8个月，这样行不行？").name == "eligibility"
    assert retopic(TOPICS["next_tranche"], "第二期要在永嘉待满9个月才能拨付吗").name == "next_tranche"


def test_a_figure_after_an_eligibility_answer_stays_with_eligibility() -> None:
    """附件1 一（二）: 本人投入的实际资金在100万元以上 — "不过我个人实际只投了80万" is checked against it."""
    entities = [{"entity": "amount", "value": 800000, "role": "investment"}]
    found = cue_topic("不过我个人实际只投了80万，这样能报吗？", entities, TOPICS["eligibility"])
    assert found is not None and found.name == "eligibility"


def test_a_title_s_project_funding_is_the_funding_rule_whatever_intent_took_it() -> None:
    """附件1 二（一）: "正高级工程师 项目资助 上限" is 第5类's 100万元 standard (the intent model said 海外工程师)."""
    from actions.routing import retopic

    assert retopic(TOPICS["overseas_engineer"], "正高级工程师 项目资助 上限").name == "funding"
    assert retopic(TOPICS["overseas_engineer"], "海外工程师项目资助多少").name == "overseas_engineer"
    # what the money is made of (dev24): 三（一）'s three parts, not the project's funding
    parts = "那来永嘉创业的话最多给多少钱，这钱里头都包括些啥？"
    assert retopic(TOPICS["funding"], parts).name == "benefits"
    assert retopic(TOPICS["funding"], "项目资助包括哪些阶段").name == "funding"
    # the project's money asked in other words (dev23): 附件1 二（二）, not the category's 三（一） total
    loose = "我老公是通过永嘉的企业报上省千人计划创业类的，他的创业项目在县里能拿多少资助？"
    assert retopic(TOPICS["category"], loose).name == "funding"


def test_one_rating_across_several_categories_is_the_clause_stating_every_share() -> None:
    """附件1 二（二）: 第2、3、4类 一般推荐 30%, 第5类 20% — "5类一般推荐的比例跟2、3、4类一样吗"."""
    from actions import topics
    from actions.parsing import Facts

    result = topics.run(
        TOPICS["funding"],
        Facts(category=5, review_rating="一般推荐"),
        "永嘉县",
        "5类人才一般推荐的比例跟2、3、4类一样吗？",
    )
    assert "100%、60%、30%" in result.answer and "100%、40%、20%" in result.answer


def test_a_clause_of_the_other_project_type_is_not_a_related_clause() -> None:
    """ "创新项目 72万 第一期多少" matches 三（一）1 (创业类科技项目资助资金) on 第一期; the answer is 三（二）1's."""
    from actions.clauses import best_clause, other_project_type

    startup = best_clause("创业项目第一期要什么条件", "永嘉县", 0.0)
    assert startup is not None and startup.citations[0].clause == "附件1 三（一）1"
    assert other_project_type(startup, "创新项目 72万 第一期多少")
    assert not other_project_type(startup, "创业项目 270万 第一期多少")
    assert not other_project_type(startup, "第一期多少")  # no type named: the clause may be the one


def test_a_message_going_on_from_the_one_before_is_read_with_it() -> None:
    """ "省里批了我们600万，那加上县里的，团队一共能拿到多少？" after a question about 三（二）'s 省领军型团队 配套:
    its ", 那加上…" goes on from that question, so the clause search (and 三（二）'s 等额配套 rule) reads both."""
    from actions.clauses import question_text

    first = "永嘉对入选省领军型创业创新团队的有没有配套？"
    second = "省里批了我们600万，那加上县里的，团队一共能拿到多少？"
    tracker = _after("matching", "nlu_fallback", second)
    tracker.events = [{"event": "user", "text": first}, *tracker.events]
    assert question_text(tracker) == f"{first}{second}"  # first ends in ？
    # a long message that does not go on from the one before is read alone
    alone = "我是国家千人计划入选者，准备回永嘉老家创业，最高能拿多少奖励资助？"
    tracker = _after("matching", "nlu_fallback", alone)
    tracker.events = [{"event": "user", "text": first}, *tracker.events]
    assert question_text(tracker) == alone


def test_a_message_set_against_the_person_before_is_read_with_it() -> None:
    """ "我自己是151第三层次，那我跟他是同一类吗？" after "我老公是省151人才工程第二层次的，他算哪一类？": 跟他 points
    back at the husband, so both titles are read, each person's category (dev23) — not only the new one."""
    from actions.clauses import question_text

    first = "我老公是省151人才工程第二层次的，他算哪一类？"
    second = "我自己是151第三层次，那我跟他是同一类吗？"
    tracker = _after("category", "ask_category", second)
    tracker.events = [{"event": "user", "text": first}, *tracker.events]
    assert question_text(tracker) == f"{first}{second}"


def test_a_message_pointing_back_is_read_with_the_one_before() -> None:
    """ "我去年才跳槽到这家国企，能拿吗？" after 台州 六、25.'s 股权奖励 question points back (这家, 能拿吗): read
    with it, the clause search finds 六、25. (连续工作三年以上) instead of nothing (dev9)."""
    from actions.clauses import question_text

    first = "台州国企给技术人员股权奖励有什么条件？"
    second = "我去年才跳槽到这家国企，能拿吗？"
    tracker = _after("taizhou_plan", "nlu_fallback", second)
    tracker.events = [{"event": "user", "text": first}, *tracker.events]
    assert question_text(tracker) == f"{first}{second}"
    # a longer message is a question of its own even when it says 这个
    alone = "我是国家千人计划入选者，这个身份回永嘉老家创业，最高能拿多少奖励资助？"
    tracker = _after("taizhou_plan", "nlu_fallback", alone)
    tracker.events = [{"event": "user", "text": first}, *tracker.events]
    assert question_text(tracker) == alone


def test_a_question_after_a_statement_of_facts_is_read_with_it() -> None:
    """ "我们公司的创业项目批了270万，前两期一共拿了189万" states facts; "后来审计查出有几张发票是假的，会怎么处理？"
    asks about them. The two are two sentences, so a tranche paid in the first is not read into the second's
    clause ("第一期40%已经拿到了" + "第二期是不是要等…才能拿" asks about the second tranche)."""
    from actions.clauses import question_text
    from policy_kb import reading

    first = "我们公司的创业项目批了270万，前两期一共拿了189万"
    second = "后来审计查出有几张发票是假的，会怎么处理？"
    tracker = _after("next_tranche", "ask_next_tranche", second)
    tracker.events = [{"event": "user", "text": first}, *tracker.events]
    assert question_text(tracker) == f"{first}。{second}"
    tracker = _after("next_tranche", "ask_next_tranche", "第二期是不是要等销售额达标才能拿？")
    tracker.events = [{"event": "user", "text": "创业项目第一期40%已经拿到了"}, *tracker.events]
    said = reading.tranches(question_text(tracker))
    assert said.received == 1 and said.asked == 2
    # a question before it is not a statement: a long question is read alone
    tracker = _after("next_tranche", "ask_next_tranche", second)
    tracker.events = [{"event": "user", "text": "第一期要什么材料？"}, *tracker.events]
    assert question_text(tracker) == second


def test_a_recovering_clause_names_the_sum_already_paid() -> None:
    """附件1 四（三）: 经查证后停止并追缴已发放的款项 — "前两期一共拿了189万" is that sum."""
    from actions.clauses import aspect_clause, recovered_note

    words = "我们公司的创业项目批了270万，前两期一共拿了189万。后来审计查出有几张发票是假的，会怎么处理？"
    clause = aspect_clause("后来审计查出有几张发票是假的，会怎么处理？", "永嘉县", words)
    assert clause is not None and clause.citations[0].clause == "附件1 四（三）"
    assert "已拿到的189万元" in recovered_note(clause, words) and "已发放的款项" in recovered_note(
        clause, words
    )
    assert recovered_note(clause, "发票是假的会怎样") == ""  # no sum said


@pytest.mark.parametrize("last", ["referral", "employer_reward"])
def test_a_what_if_selection_after_a_reward_paid_to_others_stays_on_that_reward(last: str) -> None:
    """三（十）/三（八）: "那如果这个人最后真入选了国家千人，我总共能拿多少？" after the referral fee is the
    referrer's 2万 + 30万 (dev9), not the title's own benefits or category; asked which category, it is."""
    text = "那如果这个人最后真入选了国家千人，我总共能拿多少？"
    for model in ("benefits", "category"):
        assert routed_topic(TOPICS[model], _after(last, f"ask_{model}", text), text).name == last
    asks = "那如果他入选了国家千人，算第几类？"
    assert routed_topic(TOPICS["category"], _after(last, "ask_category", asks), asks).name == "category"


def test_a_category_s_amount_asked_is_what_the_category_gets() -> None:
    """三（一）: "是不是只要我是永嘉第3类人才，就一定能拿到450万？" asks what 第3类 gets (最高450万元, 经评审认定),
    not which titles 二 第3类 lists (dev7); "第3类包括哪些人" stays the category."""
    from actions.routing import retopic

    assert retopic(TOPICS["category"], "是不是只要我是永嘉第3类人才，就一定能拿到450万？").name == "benefits"
    assert retopic(TOPICS["category"], "第3类包括哪些人").name == "category"


def test_a_listed_title_s_category_is_not_overridden_by_a_clause_about_categories() -> None:
    """二 第1类: 图灵奖 — "圖靈獎得主在永嘉的人才分類裡屬於第幾類" is 第1类, though 三（十一）'s 人才分类评价
    matches its words (人才分类) strongly (dev)."""
    from actions.clauses import overriding_clause

    text = "圖靈獎得主在永嘉的人才分類裡屬於第幾類？"
    from policy_kb import api

    answer = api.category_for_honours(honours=["图灵奖获得者"], region="永嘉县")
    assert answer.values.get("category") == 1
    assert overriding_clause(text, "永嘉县", answer) is None


def test_a_title_named_in_passing_gives_way_to_the_clause_the_question_asks() -> None:
    """台州 二、6.: "请个外国教授过来…讲课费能不能按市场价给" names a title but asks no category: the clause on
    paying foreign experts at market rates answers, not the note that 教授 abroad is not in 永嘉's catalogue
    (dev11). A question that asks a category, or names one, keeps the referral."""
    from actions.clauses import unasked_rule_clause
    from policy_kb import api
    from policy_kb.model import Status

    words = "我们学院想请个外国教授过来做几场学术交流，讲课费能不能按市场价给？"
    note = api.category_for_honours(words)
    assert note.status is not Status.OK
    found = unasked_rule_clause(words, None, note)
    assert found is not None and found.citations[0].clause == "二、6."
    for asks in ("我们要招一个高级工程师（副高职称），能不能按第5类人才去申报？", "外国教授在永嘉算第几类？"):
        assert unasked_rule_clause(asks, None, api.category_for_honours(asks)) is None


@pytest.mark.parametrize(
    "text",
    [
        "市里评的首席技师，在永嘉算人才吗？",
        "那市级技能大师工作室领头的老师傅呢，也归同一类？",
        "省首席技师算不算人才？",
    ],
)
def test_whether_a_skills_title_counts_as_a_talent_is_a_category_question(text: str) -> None:
    """二 第5类 lists 市“首席技师” and 市级技能大师工作室领衔人: "算人才吗", "归同一类" ask the category, not
    三（五）'s skills award."""
    from actions.routing import retopic

    assert retopic(TOPICS["skills_award"], text).name == "category"
    assert retopic(TOPICS["skills_award"], "市首席技师奖励多少钱").name == "skills_award"


def test_which_category_s_standard_a_project_is_funded_at_is_the_funding_question() -> None:
    """附件1 二（二）: "以永嘉地申报入选580计划的创业人才，项目资助按哪类人才的标准？" asks the plan standard (第4类
    特别推荐, 120万元), not which category the title is (dev9)."""
    text = "以永嘉地申报入选温州“580计划”的创业人才，项目资助按哪类人才的标准？"
    assert retopic(TOPICS["funding"], text).name == "funding"
    assert retopic(TOPICS["funding"], "首席技师属于哪类人才").name == "category"


@pytest.mark.parametrize(
    ("before", "intent", "guessed", "text", "expected"),
    [
        # 附件1 三（二）1: after "创新类项目第一期拨多少比例？", what the first tranche needs (项目投入达到资助总额),
        # not 附件1 一's conditions for who may apply (dev5); a question about the 领衔人 is 附件1 一's
        (
            "next_tranche",
            "ask_project_eligibility",
            "eligibility",
            "要满足什么条件才能申请？",
            "next_tranche",
        ),
        ("next_tranche", "ask_project_eligibility", "eligibility", "领衔人要满足什么条件？", "eligibility"),
        # 附件1 二（二） (含2015年度入选人员): after the plan standard, the talent's project funding, not 三（八）'s
        # reward to an employer the words do not name (dev9); naming the employer asks its reward
        (
            "funding",
            "ask_employer_reward",
            "employer_reward",
            "我是2015年入选的，也能享受吗？大概多少钱？",
            "funding",
        ),
        ("funding", "ask_employer_reward", "employer_reward", "那用人单位能拿多少奖励？", "employer_reward"),
    ],
)
def test_a_short_follow_up_stays_on_the_topic_it_follows(
    before: str, intent: str, guessed: str, text: str, expected: str
) -> None:
    assert routed_topic(TOPICS[guessed], _after(before, intent, text), text).name == expected


def test_a_category_question_with_the_project_s_funding_asked_is_the_funding_answer() -> None:
    """附件1 二（一）: "项目资助最多给多少钱？算第几类？" — the funding answer says the title's category and its
    standard (长江学者: 第2类, 600万元); moved there, it is not moved back by its 第几类 (dev8)."""
    text = "我是长江学者奖励计划入选者，项目资助最多给多少钱？算第几类？"
    assert retopic(TOPICS["category"], text).name == "funding"
    assert retopic(TOPICS["category"], "第4类人才重点推荐，第一期多少").name == "next_tranche"
    from actions.parsing import Facts
    from actions.topics import run

    answer = run(TOPICS["funding"], Facts(honours=["“长江学者奖励计划”入选者"]), "永嘉县", text).answer
    # the category, its project standard (附件1 二（一）) and what it gets in all (三（一）), once each
    assert "属于第2类" in answer and "600万元" in answer and "奖励资助最高800万元" in answer
    assert answer.count("属于第2类") == 1


def test_a_follow_up_on_after_the_funding_ends_is_the_clause_stating_it() -> None:
    """台州 五、19.: "到期以后是不是就没人管了？还有什么后续支持？" after "资助明年就到期了" is 资助期满后的
    “一企一策” — read with the message before it (dev16)."""
    from actions.clauses import aspect_clause

    context = "我们是500精英计划的创业项目，资助明年就到期了 到期以后是不是就没人管了？还有什么后续支持？"
    found = aspect_clause("到期以后是不是就没人管了？还有什么后续支持？", "台州市", context)
    assert found is not None and found.citations[0].clause == "五、19." and "一企一策" in found.answer
    # an agreement's end is not the funding's ("协议到期以后怎么办" names no support)
    assert (
        aspect_clause("协议到期以后怎么办", "永嘉县") is None
        or "一企一策" not in aspect_clause("协议到期以后怎么办", "永嘉县").answer
    )


def test_a_call_that_asks_about_money_is_not_a_question_about_the_hotline() -> None:
    """三（一）: "我这边有个国家千人打电话来问，县里说的800万是不是…一定给满" came by phone and asks about 800万元;
    the model read 打电话 as 附件3's hotline (dev19). A question about the number stays with the hotline."""
    asked = "我这边有个国家千人打电话来问，县里说的800万是不是只要来了就一定给满？"
    assert retopic(TOPICS["hotline"], asked).name == "benefits"
    assert retopic(TOPICS["hotline"], "人才服务热线电话是多少？有人打电话来问补贴").name == "hotline"
    assert retopic(TOPICS["hotline"], "有什么电话可以打来问问奖励的事吗").name == "hotline"


def test_a_category_s_sum_said_to_be_paid_automatically_is_its_benefits() -> None:
    """三（一）: "是不是只要我有个第4类的头衔，到了永嘉就自动发那200万" asks about 第4类's 200万元, not which titles the
    category lists (dev22); the answer says first that it is the most, after review."""
    from actions.parsing import Facts
    from actions.topics import run

    asked = "是不是只要我有个第4类的头衔，到了永嘉就自动发那200万？还要不要走什么程序"
    assert retopic(TOPICS["category"], asked).name == "benefits"
    answer = run(TOPICS["benefits"], Facts(category=4), "永嘉县", asked).answer
    assert answer.startswith("不一定能拿满") and "以评审认定为准" in answer


def test_a_foreign_intelligence_project_filed_as_overseas_engineer_gets_its_matching() -> None:
    """三（四）: "温州市级的重点国外智力项目，市里批了8万，那县里跟多少" is 等额配套 8万元 — the model filed it under
    the 海外工程师 grant of the same clause, which asked for a salary (dev20)."""
    from actions.parsing import Facts
    from actions.topics import TOPICS, run

    text = "我们的是温州市级的重点国外智力项目，市里批了8万，那县里跟多少？"
    matched = run(TOPICS["overseas_engineer"], Facts(), "永嘉县", text)
    assert "县里等额配套8万元" in matched.answer
    engineer = run(TOPICS["overseas_engineer"], Facts(), "永嘉县", "海外工程师年薪80万，资助多少")
    assert "20万元" in engineer.answer


def test_an_agreement_asked_against_the_reward_is_the_flexible_rule() -> None:
    """附件2 第六条: "跟专家签了半年的合作协议，到时候能去申请引才奖励吗" names the agreement and the reward: the
    flexible rules answer (一年以上服务期限: 6个月 does not meet it), not a passage search (dev21)."""
    assert cue_topic("跟专家签了半年的合作协议，到时候能去申请引才奖励吗？", []).name == "flexible_intro"
    assert cue_topic("用人单位引才奖励有多少", []) is None


def test_a_plan_talent_s_project_funding_filed_as_the_employer_s_reward_is_funding() -> None:
    """附件1 二（二）: "用永嘉的企业申报、入选温州580计划的创业人才，项目资助按什么标准给" asks the project's funding
    (第4类特别推荐, 120万元), not 三（八）'s reward to the employer the model guessed (dev22)."""
    asked = "请问用永嘉的企业申报、入选温州580计划的创业人才，项目资助按什么标准给？"
    assert retopic(TOPICS["employer_reward"], asked).name == "funding"
    assert (
        retopic(TOPICS["employer_reward"], "以永嘉地申报入选580计划的用人单位奖励多少").name
        == "employer_reward"
    )


def test_money_paid_to_a_headhunter_is_taizhou_s_intermediary_fee() -> None:
    """台州 三、9.: "企业参加市里组织的出国招人活动，付给猎头的钱政府管不管" is 中介费用给予50%补助 — not 永嘉 三（八）'s
    reward to the employer the model guessed (dev26). 猎头 alone may still be 三（十）'s 引荐."""
    asked = "企业参加市里组织的出国招人活动，付给猎头的钱政府管不管？"
    assert retopic(TOPICS["employer_reward"], asked).name == "taizhou_plan"
    assert cue_topic(asked, []).name == "taizhou_plan"
    assert cue_topic("做猎头的，对接了3个人，1个入选省千人，能拿多少", []).name == "referral"


def test_a_qualification_certificate_is_the_skills_award_not_a_title() -> None:
    """三（五）: "新考出国家一级职业资格证的高级技师，县里有钱拿吗" is 每人一次性3000元 (dev28)."""
    asked = "新考出国家一级职业资格证的高级技师，县里有钱拿吗"
    assert retopic(TOPICS["category"], asked).name == "skills_award"
    assert retopic(TOPICS["category"], "高级技师算第几类").name == "category"


def test_a_project_one_leads_asked_for_money_is_its_funding() -> None:
    """附件1 二（一）: "我刚拿到博士学位…想自己牵头搞个项目，县里最多补多少钱" asks the project's funding (第5类 100万元
    by rating), not 三（一）'s award with the 120万 of another category beside it (dev26)."""
    asked = "我刚拿到博士学位，按县里的分类算第5类，想自己牵头搞个项目，县里最多补多少钱？"
    assert retopic(TOPICS["category"], asked).name == "funding"
    assert retopic(TOPICS["category"], "博士算第几类").name == "category"


def test_a_sum_of_both_is_read_with_the_message_before() -> None:
    """ "他今年还牵头搞了个市级技能大师工作室，也评上了，两样加起来一共多少钱" after "省首席技师，县里奖多少": the
    sum counts the title named before (5万元 + 3万元, dev28), though the message is longer than a follow-up."""
    from actions.clauses import question_text

    first = "我们车间一个老师傅刚评上省首席技师，县里奖多少？"
    second = "他今年还牵头搞了个市级技能大师工作室，也评上了，两样加起来一共多少钱"
    tracker = _after("skills_award", "ask_skills_award", second)
    tracker.events = [{"event": "user", "text": first}, *tracker.events]
    assert question_text(tracker) == f"{first}{second}"


def test_a_question_after_a_statement_computes_with_the_stated_figure() -> None:
    """三（二）: "我们团队刚进了浙江省领军型创业创新团队，省里批了1000万" then "永嘉县里还会再给一笔吗？给多少":
    the statement gave the facts, so 等额配套 1000万元 is computed although the question names no rule (dev28).
    A question before it (not a statement) still needs the rule named again."""
    from actions.clauses import best_clause, computed_again, stated_before

    first = "我们团队刚进了浙江省领军型创业创新团队，省里批了1000万"
    second = "永嘉县里还会再给一笔吗？给多少"
    tracker = _after("eligibility", "nlu_fallback", second)
    tracker.events = [{"event": "user", "text": first}, *tracker.events]
    assert stated_before(tracker)
    asked = f"{first}。{second}"
    clause = best_clause(asked, "永嘉县", 0.0)
    assert clause is not None and clause.citations[0].clause == "三（二）"
    found = computed_again(clause, asked, second, stated_before=True)
    assert found is not None and "县里等额配套1000万元" in found.answer
    assert computed_again(clause, asked, second) is None


def test_two_categories_named_apart_with_a_sum_or_each_asked_get_both_caps() -> None:
    """三（一）: "一个是市级领军（第4类），一个是县级领军（第5类），两个人最高…加起来" → 200万元 + 100万元 = 300万元; "那二类
    和三类人才，县里各自最多给多少" → 800万元 and 450万元 (dev29) — not the one category the model's slot held."""
    from actions.parsing import Facts
    from actions.topics import run

    summed = run(
        TOPICS["benefits"],
        Facts(category=5),
        "永嘉县",
        "我司今年在永嘉引进两个人才，一个是市级领军（第4类），一个是县级领军（第5类），两个人最高奖励资注加起来能有多少？",
    )
    assert "200万元 + 100万元 = 300万元" in summed.answer
    each = run(
        TOPICS["benefits"],
        Facts(category=3),
        "永嘉县",
        "永嘉的人才是不是分五类？那二类和三类人才，县里各自最多给多少？",
    )
    assert "第2类人才，奖励资助最高800万元" in each.answer and "第3类人才，奖励资助最高450万元" in each.answer


def test_two_categories_side_by_side_with_each_asked_are_not_one_persons_two_identities() -> None:
    """三（一）: "第4类、第5类人才最高奖励资助各多少" (dev48) — 200万元 and 100万元, not 第4类 read as the higher of one
    talent's two identities."""
    from actions.parsing import Facts
    from actions.topics import run

    each = run(TOPICS["benefits"], Facts(category=4), "永嘉县", "第4类、第5类人才最高奖励资助各多少？")
    assert "第4类人才，奖励资助最高200万元" in each.answer and "第5类人才，奖励资助最高100万元" in each.answer
    assert "两个身份" not in each.answer


def test_a_company_s_age_since_registration_is_the_applicants_condition() -> None:
    """附件1 一（二）: "我们公司注册到现在三年零两个月了，还赶得上不？" names the company's age (dev29)."""
    assert cue_topic("我们公司注册到现在三年零两个月了，还赶得上不？", []).name == "eligibility"


def test_apartments_one_moves_into_are_taizhou_s_targets() -> None:
    """台州 五、21.: "县里要拿出多大面积能直接拎包住的公寓" is the 人才公寓 target (仙居: 15000平方米), not 房票 (dev29)."""
    assert (
        retopic(TOPICS["housing"], "我们公司在仙居，县里要拿出多大面积能直接拎包住的公寓？").name
        == "taizhou_plan"
    )
    assert retopic(TOPICS["housing"], "在台州买房有没有补贴").name == "housing"


def test_a_project_s_money_asked_with_a_plan_applied_through_yongjia_is_its_funding() -> None:
    """附件1 二（二）: "我是从永嘉这边申报进的国家千人（创业类的），县里给我的项目能补多少钱？" → 600万元 (dev25)."""
    asked = "我是从永嘉这边申报进的国家千人（创业类的），县里给我的项目能补多少钱？"
    assert retopic(TOPICS["eligibility"], asked).name == "funding"


def test_a_plan_talent_s_project_standard_asked_is_its_funding() -> None:
    """附件1 二（二）: "我合伙人也是从永嘉报的，进的是温州580，他的创业项目按啥标准，多少钱" → 第4类特别推荐 120万元 (dev31)."""
    asked = "我合伙人也是从永嘉报的，进的是温州580，他的创业项目按啥标准，多少钱"
    assert retopic(TOPICS["eligibility"], asked).name == "funding"


def test_a_category_s_top_money_with_no_tranche_named_is_what_it_gets() -> None:
    """三（一）: "…第2类那笔最高的资助我还有戏吗？" is the category's award and its condition, not the tranches
    (dev27); "第2类的项目第一期拨多少" stays a tranche."""
    asked = "我是国家千人，不过准备在永嘉做的项目偏房地产和物业服务这一块，跟高科技不太沾边。这种情况下第2类那笔最高的资助我还有戏吗？"
    assert retopic(TOPICS["next_tranche"], asked).name == "benefits"
    assert retopic(TOPICS["next_tranche"], "第2类的项目第一期拨多少").name == "next_tranche"


def test_plan_selections_with_the_employer_receiving_are_its_reward() -> None:
    """三（八）: "一个人进了浙江省千人计划，另一个进了温州580计划…单位这边总共能拿多少钱" (dev27)."""
    asked = "今年我们以永嘉名义申报，一个人进了浙江省千人计划，另一个进了温州580计划；想问单位这边总共能拿多少钱？"
    assert cue_topic(asked, []).name == "employer_reward"
    assert cue_topic("我是省千人，自己能拿多少钱", []) is None  # the talent's own money: no employer named


def test_taizhou_s_recruiting_events_filed_as_a_card_are_its_clause() -> None:
    """台州 三、9.: "台州每年有个国际人才的洽谈会，这个会是干嘛的" is 以会引才, not the 英才卡 (dev34)."""
    asked = "听说台州每年有个国际人才的洽谈会，这个会是干嘛的？企业去了能做点啥？"
    assert retopic(TOPICS["gold_card"], asked).name == "taizhou_plan"
    assert retopic(TOPICS["gold_card"], "英才卡在论坛上能用吗").name == "gold_card"


def _conversation(topic: str, intent: str, *said: str) -> Tracker:
    """`said` as one conversation, the last message classified as `intent` after an answer on `topic`."""
    tracker = _after(topic, intent, said[-1])
    tracker.events = [*({"event": "user", "text": t} for t in said[:-1]), *tracker.events]
    return tracker


def test_a_question_after_a_run_of_statements_is_read_with_those_that_give_facts() -> None:
    """Probe 37: "我老公是浙江省千人计划入选者…" "我们打算在永嘉县城买套房" "对了，我自己是温州580计划的" then "那我俩各自
    最多能拿多少买房补贴？加起来呢？" — both titles are read (100万 + 50万), the statement of no figure or title
    between them is left out, and a question before the run ends it."""
    from actions.clauses import question_text

    said = (
        "我老公是浙江省千人计划入选者，在永嘉一家企业全职上班",
        "我们打算在永嘉县城买套房",
        "对了，我自己是温州580计划的",
        "那我俩各自最多能拿多少买房补贴？加起来呢？",
    )
    assert question_text(_conversation("housing", "ask_housing", *said)) == (
        "我老公是浙江省千人计划入选者，在永嘉一家企业全职上班。对了，我自己是温州580计划的。"
        "那我俩各自最多能拿多少买房补贴？加起来呢？"
    )
    # "我刚到台州上班，在排人才公寓" gives no figure or title: "这段时间能不能先住政府的公租房？" is read with the
    # statement just before only (五、21.'s 临时专用房, not 人才公寓, dev33)
    said = ("我刚到台州上班，在排人才公寓", "说要等一阵子", "这段时间能不能先住政府的公租房？")
    assert question_text(_conversation("taizhou_plan", "nlu_fallback", *said)) == (
        "说要等一阵子。这段时间能不能先住政府的公租房？"
    )
    # "也没拿过什么奖" states (什么 after a denial is "any"): the run goes on past it to the title (dev37)
    said = (
        "我们是永嘉一家做阀门的民企，想柔性请一个上海的副高级工程师来当顾问",
        "他没入选过任何人才计划，也没拿过什么奖",
        "一年打算给他税前20万，协议签两年",
        "按他那个条件，我们能不能申请柔性引才奖励？",
    )
    assert question_text(_conversation("benefits", "ask_flexible_intro", *said)).startswith(
        "我们是永嘉一家做阀门"
    )
    # a question before the last message: the statements before that question were its own
    said = ("正高职称在永嘉算县级领军人才吧", "这档最多拿多少", "跟上面一档市级领军比，少了多少？")
    assert question_text(_conversation("benefits", "nlu_fallback", *said)) == (
        "这档最多拿多少。跟上面一档市级领军比，少了多少？"
    )


def test_a_message_pointing_back_past_the_one_before_is_read_with_what_it_points_at() -> None:
    """Probe 37: "回到一开始那个项目，县里配多少？" after a question about another matter is read with the first message
    (市里给了12万 → 三（四）'s 1:1 matching), not with the question in between; a matter put aside ("海外工程师那块先
    这样") is not read; "先不算他" leaves out the person the message before added."""
    from actions.clauses import question_text

    said = (
        "我们单位的外国专家项目今年评上了市级重点国外智力项目，市里给了12万",
        "另外公司还想把一个美国工程师报海外工程师，他年薪45万，县里给多少？",
        "海外工程师那块先这样。回到一开始那个项目，县里配多少？",
    )
    assert question_text(_conversation("overseas_engineer", "ask_overseas_engineer", *said)) == (
        "我们单位的外国专家项目今年评上了市级重点国外智力项目，市里给了12万。回到一开始那个项目，县里配多少？"
    )
    said = (
        "我们厂的老师傅今年刚评上钱江技能大奖",
        "他带的徒弟也刚被评为市首席技师",
        "另外厂里还有个人考出了国家一级职业资格证书，是高级技师",
        "先不算他，就前面那对师徒，县里的奖励加起来一共多少？",
    )
    read = question_text(_conversation("skills_award", "ask_benefits", *said))
    assert "钱江技能大奖" in read and "市首席技师" in read and "高级技师" not in read


def test_a_sum_pointing_back_at_the_awards_said_stays_on_the_skills_award() -> None:
    """ "先不算他，就前面那对师徒，县里的奖励加起来一共多少？" (26 characters, filed as benefits) after 三（五）'s awards:
    the sum of the awards pointed at, not the category of the 高级技师 in the message before (dev37)."""
    said = (
        "我们厂的老师傅今年刚评上钱江技能大奖",
        "他带的徒弟也刚被评为市首席技师",
        "另外厂里还有个人考出了国家一级职业资格证书，是高级技师",
        "先不算他，就前面那对师徒，县里的奖励加起来一共多少？",
    )
    tracker = _conversation("skills_award", "ask_benefits", *said)
    assert routed_topic(TOPICS["benefits"], tracker, said[-1]).name == "skills_award"


def test_a_what_if_about_the_person_referred_stays_on_the_referral_fee() -> None:
    """ "那他要是最后选上了国家千人计划，我这个介绍人前后总共能拿多少？" after 三（十）'s 引荐费 (dev38): the referrer's
    fee and award (2万 + 30万), not the category of 国家千人计划."""
    text = "那他要是最后选上了国家千人计划，我这个介绍人前后总共能拿多少？"
    assert routed_topic(TOPICS["category"], _after("referral", "ask_category", text), text).name == "referral"


def test_a_title_and_money_asked_of_the_policy_document_is_what_the_title_gets() -> None:
    """ "我去年刚入选浙江省千人计划…县里那个人才新政最多能支持我多少钱？" (dev38) is filed under the document; it asks what
    省千人计划 (第3类) gets — not a passage of the document (it quoted 三（十）'s referral fee)."""
    text = "我去年刚入选浙江省千人计划，现在想回永嘉老家办厂，县里那个人才新政最多能支持我多少钱？"
    assert retopic(TOPICS["document"], text).name == "benefits"
    assert retopic(TOPICS["document"], "县里那个人才新政是哪一年发的？").name == "document"


def test_this_project_s_money_and_a_referrer_s_money_are_their_own_rules() -> None:
    """ "那这个项目总共能拿多少资助？" (dev37) is the project's funding (附件1 二（二）), not the category's 奖励资助;
    "给永嘉一家企业引荐了一个海外博士…他真的入选了国家千人。那按我这情况，个人身份能不能拿？" (dev37) is 三（十）'s
    referral fee, not the category of 国家千人计划."""
    assert retopic(TOPICS["benefits"], "那这个项目总共能拿多少资助？").name == "funding"
    words = "去年给永嘉一家企业引荐了一个海外博士，他真的入选了国家千人。那按我这情况，个人身份能不能拿？一共能拿多少？"
    assert retopic(TOPICS["category"], words).name == "referral"
    assert retopic(TOPICS["category"], "我引荐的那个人入选了国家千人，他算第几类？").name == "category"
    # 牵线 is 引荐 (dev36)
    words = "我以个人名义给永嘉牵线了一位海外的科学家，后来他真的入选了国家千人计划，那我前前后后一共可以拿到多少钱？"
    assert retopic(TOPICS["category"], words).name == "referral"


def test_a_title_named_to_reckon_by_keeps_the_rule_just_answered() -> None:
    """三（三）: "哦等下，公司项目的领衔人其实是我合伙人，他是国家千人计划的，按他来算呢？" after the 贴息 answer is the same
    贴息 for his title (第2类: 贷款额最高500万元), not 附件1 一's 领衔人 conditions (dev44)."""
    from actions.routing import cue_topic

    text = "哦等下，公司项目的领衔人其实是我合伙人，他是国家千人计划的，按他来算呢？"
    found = cue_topic(text, [{"entity": "honour", "value": "国家“千人计划”人选"}], TOPICS["loan_interest"])
    assert found is not None and found.name == "loan_interest"


def test_how_many_years_a_flexible_reward_runs_stays_on_it() -> None:
    """附件2 第七条: 同一人累计计入企业引才奖励年度不超过3年 — "这个奖励能年年拿吗？我们打算跟他合作5年" asks more of the
    柔性引才 reward just answered, even when the model cannot place the words (dev44)."""
    from actions.fallback import _asks_more_of

    assert _asks_more_of("flexible_intro", "这个奖励能年年拿吗？我们打算跟他合作5年")
    assert not _asks_more_of("housing", "这个奖励能年年拿吗？")


def test_a_total_asked_after_another_matter_is_read_with_the_statements_before_it() -> None:
    """Probe 48: "国家级博士后科研工作站" said, then the hotline asked, then "市级院士专家工作站也刚批下来", then
    "这两个加起来…多少": both statements are read (30万 + 20万), the question between them about another
    matter is not; with no such statements the message before is read as always."""
    from actions.clauses import question_text

    said = (
        "我们公司今年新认定了国家级博士后科研工作站。",
        "人才服务热线是多少？我想打电话问问怎么申请。",
        "另外我们的市级院士专家工作站也刚批下来。",
        "这两个加起来，县里一次性给多少建站补助？",
    )
    read = question_text(_conversation("workstation", "ask_workstation", *said))
    assert said[0] in read and said[2] in read and "热线" not in read
    pays = (
        "我们柔性引进了一个浙大的长江学者。",
        "他一年在我们这里的计税劳动报酬是30万。",
        "另外还引进了一个有博士学位的工程师，报酬是20万。",
        "他们俩社保都不用转过来吧？",
        "那公司今年一共能拿多少引才奖励？",
    )
    read = question_text(_conversation("flexible_intro", "ask_flexible_intro", *pays))
    assert all(p in read for p in pays[1:3]) and "社保" not in read
    one = ("创业项目批了300万", "第一期多少？", "两期一共多少？")
    assert question_text(_conversation("next_tranche", "ask_next_tranche", *one)).startswith("第一期多少")


def test_a_category_said_keeps_the_conversation_in_yongjia() -> None:
    """Probe 48: "我是博士，按县里的分类是第5类" … "县里有没有人才公寓能住？" (only 台州's text has one) — the
    funding asked next is still 永嘉's: a 第1–5类 said is 永嘉's catalogue, so 台州 is not carried."""
    from actions.policy_answers import carried_region

    tz = [{"text": "…", "custom": {"citations": [{"doc": "台市委发〔2018〕39号", "clause": "五、21."}]}}]
    tracker = _after("taizhou_plan", "ask_taizhou_plan", "县里有没有人才公寓能住？")
    assert carried_region(tz, tracker) == [SlotSet("region", "台州市")]
    tracker.slots["category"] = 5
    assert carried_region(tz, tracker) == []


def test_a_talent_credit_loan_is_taizhou_s_not_the_interest_subsidy() -> None:
    """Probe 47: "想办个人才贷款，银行最多能贷给我多少？" is 台州 五、17.'s 人才贷 (a bank's credit line), not 永嘉
    三（三）'s 贴息 — which a question naming 贴息 still is."""
    from actions.routing import retopic

    assert retopic(
        TOPICS["loan_interest"], "我是省千人计划专家，想办个人才贷款，银行最多能贷给我多少？"
    ).name == ("taizhou_plan")
    assert retopic(TOPICS["loan_interest"], "人才贷款贴息最多多少").name == "loan_interest"


def test_a_tax_follow_up_stays_on_the_loan_subsidy() -> None:
    """Probe 46: "我们是第2类人才创业的公司，三年税收一共交了480万，差一点点，够不够拿那个追加的？" after 贴息 is
    三（三）'s extra year against the tax, not what a 第2类 talent gets."""
    text = "我们是第2类人才创业的公司，三年税收一共交了480万，差一点点，够不够拿那个追加的？"
    assert routed_topic(TOPICS["benefits"], _after("loan_interest", "ask_benefits", text), text).name == (
        "loan_interest"
    )


def test_people_besides_the_one_before_are_added_to_it() -> None:
    """Probe 46: "海外工程师年薪60万，公司能补多少？" then "…另外两个一个年薪35万、一个120万，三个人公司一共能拿多少？" is
    read with the first message: three salaries (15万 + 10万 + 30万 = 55万元), not two."""
    from actions.clauses import question_text

    said = (
        "海外工程师年薪60万，公司能补多少？",
        "我们今年其实引了三个，都入选了温州市海外工程师，另外两个一个年薪35万、一个120万，三个人公司一共能拿多少？",
    )
    assert question_text(_conversation("overseas_engineer", "ask_overseas_engineer", *said)).startswith(
        said[0]
    )


def test_an_engineer_not_from_abroad_is_a_title_s_award() -> None:
    """Probe 46: "老板还想再引一个有正高职称的高级工程师，两个人…最高加起来一共能有多少？" is 三（一）'s awards by title
    (the model reads 工程师 as 三（四）'s 海外工程师); an 工程师 from abroad or with a 年薪 stays 三（四）."""
    from actions.routing import retopic

    text = "老板还想再引一个有正高职称的高级工程师，两个人按县里的政策最高加起来一共能有多少？"
    assert retopic(TOPICS["overseas_engineer"], text).name == "benefits"
    abroad = "德国来的高级工程师，年薪80万，一共能拿多少"
    assert retopic(TOPICS["overseas_engineer"], abroad).name == "overseas_engineer"


def test_a_difference_of_two_asked_turns_later_reads_both_categories() -> None:
    """三（一）: "永嘉县第2类人才奖励资助最多多少？" "那第3类呢？" "两档差了多少钱？" (dev50) — both categories, though the
    message just before names only the second: 800万 − 450万 = 350万元."""
    from actions.clauses import question_text
    from actions.parsing import Facts
    from actions.topics import run

    said = ("永嘉县第2类人才奖励资助最多多少？", "那第3类呢？", "两档差了多少钱？")
    asked = question_text(_conversation("benefits", "ask_benefits", *said))
    assert "第2类" in asked and "第3类" in asked
    gap = run(TOPICS["benefits"], Facts(category=3), "永嘉县", asked)
    assert "350万元" in gap.answer


def test_another_person_with_a_title_of_their_own_is_not_read_with_the_one_before() -> None:
    """二: "省151人才工程重点资助培养的，在永嘉算第几类？" then "那我呢，我是151第一层次，但不是重点资助的那种，是第3类还是
    第4类？" (dev50) — the second person's own title (第4类), not both read as one person's (第3类)."""
    from actions.clauses import question_text

    said = (
        "省151人才工程重点资助培养的，在永嘉算第几类？",
        "那我呢，我是151第一层次，但不是重点资助的那种，是第3类还是第4类？",
    )
    assert question_text(_conversation("category", "ask_category", *said)) == said[-1]
    # "那如果是省千人呢" names a title but no other person: still read with the question before
    said = ("国家千人在永嘉算第几类？", "那如果是省千人呢？")
    assert question_text(_conversation("category", "ask_category", *said)) != said[-1]


def test_the_total_and_the_project_funding_asked_in_two_parts_are_both_answered() -> None:
    """三（一） and 附件1 二（一）: "…580…算哪一档人才？这一档总共顶格能拿多少？其中科技项目资助最多多少？" (dev50) and
    "…奖励资助总额最多多少？这里面光科技项目资助最高又是多少？" (dev51) — 200万元 and 120万元, whichever topic answers."""
    from actions.parsing import Facts
    from actions.topics import run

    honours = ["580海外精英引进计划"]
    words = (
        "我是温州580海外精英引进计划入选的，算哪一档人才？这一档总共顶格能拿多少？其中科技项目资助最多多少？"
    )
    funding = run(TOPICS["funding"], Facts(honours=honours), "永嘉县", words)
    assert "120万元" in funding.answer and "奖励资助最高200万元" in funding.answer
    words = "他在县里的人才分类里算哪一类？县里给的奖励资助总额最多多少？这里面光科技项目资助最高又是多少？"
    benefits = run(TOPICS["benefits"], Facts(honours=honours), "永嘉县", words)
    assert "奖励资助最高200万元" in benefits.answer and "科技项目资助标准最高120万元" in benefits.answer
    category = run(TOPICS["category"], Facts(honours=honours), "永嘉县", words)
    assert "属于第4类" in category.answer and "科技项目资助标准最高120万元" in category.answer
    # the project alone asked: no total beside it
    alone = run(TOPICS["funding"], Facts(category=4), "永嘉县", "第4类的科技项目资助最多能拿多少？")
    assert "200万元" not in alone.answer


def test_categories_asked_one_per_question_part_each_get_their_standard() -> None:
    """附件1 二（一）: "永嘉项目资助：第1类起步多少？第3类封顶？第5类封顶？" (dev51) — 不少于800万元, 270万元, 100万元."""
    from actions.parsing import Facts
    from actions.topics import run

    found = run(
        TOPICS["funding"], Facts(category=5), "永嘉县", "永嘉项目资助：第1类起步多少？第3类封顶？第5类封顶？"
    )
    assert "第1类不少于800万元；第3类最高270万元；第5类最高100万元" in found.answer


def test_a_titles_project_money_asked_under_the_category_topic_is_its_funding() -> None:
    """附件1 二（二）: "我2015年以永嘉为申报地入选了国家千人计划…创业项目按什么档次资助、能拿多少？2015年入选的算不算在里面？"
    (dev51) — 按第2类人才特别推荐的标准, 600万元, 含2015年度入选人员; not the category's 800万元 list."""
    from actions.parsing import Facts
    from actions.topics import run

    words = "我2015年以永嘉为申报地入选了国家千人计划，现在在永嘉创业。创业项目按什么档次资助、能拿多少？2015年入选的算不算在里面？"
    found = run(TOPICS["category"], Facts(honours=["国家千人计划"]), "永嘉县", words)
    assert (
        "600万元" in found.answer and "含2015年度入选人员" in found.answer and "800万元" not in found.answer
    )
    # the category asked beside it keeps the category answer
    asked = run(
        TOPICS["category"], Facts(honours=["国家千人计划"]), "永嘉县", "国家千人算第几类？项目能拿多少？"
    )
    assert "第2类" in asked.answer


def test_a_follow_up_after_an_aside_returns_to_the_facts_before_it() -> None:
    """台州 三、9.: "…通过猎头全职引进了两个海外人才，中介费一共付了80万。" "顺便问下，台州每年办多少场创业大赛和项目路演？"
    then "那中介费市里能补多少？" (dev48) — the fee stated before the aside, not the aside's contest question."""
    from actions.clauses import question_text

    said = (
        "我们是黄岩的企业，跟着市里统一组织的团去海外招过人。",
        "通过猎头全职引进了两个海外人才，中介费一共付了80万。",
        "顺便问下，台州每年办多少场创业大赛和项目路演？",
        "那中介费市里能补多少？",
    )
    asked = question_text(_conversation("taizhou_plan", "nlu_fallback", *said))
    assert "80万" in asked and "创业大赛" not in asked
    # without an aside, the question before is what a short follow-up is read with
    said = (
        "通过猎头全职引进了两个海外人才，中介费一共付了80万。",
        "台州每年办多少场创业大赛？",
        "那要报名吗？",
    )
    assert "创业大赛" in question_text(_conversation("taizhou_plan", "nlu_fallback", *said))


def test_kaa_as_a_verb_is_a_condition_not_the_gold_card() -> None:
    """ "这个年限卡不卡我？" after 创新类's conditions and "正好满3年" (dev56): whether 附件1 一（一）'s 未超过3年 stops the
    asker, not the 金卡 the model hears in 卡. The card asked about stays the card."""
    from actions.routing import retopic
    from actions.topics import TOPICS

    words = "我想报县里那个创新类人才项目，先问问条件。我是三年前的今天全职到永嘉上班的，到今天正好满3年。这个年限卡不卡我？"
    assert retopic(TOPICS["gold_card"], words).name == "eligibility"
    assert retopic(TOPICS["gold_card"], "金卡能办几张？卡不卡人数").name == "gold_card"
