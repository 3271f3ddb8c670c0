"""Answer and follow-up actions: exact events, figures from policy_kb, region handling, citations."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions import topics
from actions.parsing import Facts
from actions.policy_answers import (
    ActionAnswerBenefits,
    ActionAnswerCategory,
    ActionAnswerNextTranche,
    ActionAnswerPolicy,
    ActionFollowup,
)
from policy_kb.model import Result
from tests.actions.trackers import asked, followed_up, load_tracker, run_action

YONGJIA_DOC = "永委办发〔2016〕82号"
TAIZHOU_DOC = "台市委发〔2018〕39号"


def test_gold_card_without_region_answers_yongjias_gold_card_and_says_so():
    # “金卡” is defined by 永委办发〔2016〕82号 附件3 only (台州's card is the 英才卡, answered when 台州 is named)
    events, messages = run_action(ActionAnswerPolicy(), load_tracker("gold_card_no_region"))
    assert events == [SlotSet("topic", "gold_card")]
    text = messages[0]["text"]
    assert text.startswith("永嘉县人才服务“金卡”")
    assert "（您没有说明地区。人才服务“金卡”目前只有永嘉县的文件有规定，以上按永嘉县政策解答。）" in text


def test_gold_card_in_taizhou_is_the_yingcai_card_with_its_clause():
    events, messages = run_action(ActionAnswerPolicy(), load_tracker("gold_card_taizhou"))
    assert events == [SlotSet("topic", "gold_card")]
    text = messages[0]["text"]
    assert text.startswith("台州市英才卡")
    assert f"适用：台州市（{TAIZHOU_DOC}）" in text
    assert f"依据：《{TAIZHOU_DOC}》五、21." in text
    assert {c["clause"] for c in messages[0]["custom"]["citations"]} == {"五、21."}


def test_the_yingcai_card_named_without_a_place_is_taizhous_card():
    # 英才卡 is 台州's card (五、21.): naming it names 台州市, though 金卡 is a topic only 永嘉's text defines
    _, messages = run_action(
        ActionAnswerPolicy(), asked("ask_gold_card", "英才卡要什么条件才能申领？在哪办？")
    )
    text = messages[0]["text"]
    assert text.startswith("台州市英才卡") and "永嘉" not in text
    assert f"依据：《{TAIZHOU_DOC}》五、21." in text


def test_hotline_after_region_was_asked_defaults_to_yongjia_and_says_so():
    events, messages = run_action(ActionAnswerPolicy(), load_tracker("hotline_region_asked"))
    assert events == [SlotSet("topic", "hotline")]
    text = messages[0]["text"]
    assert "0577-57756270" in text
    assert "（您没有说明地区。服务热线目前只有永嘉县的文件有规定，以上按永嘉县政策解答。）" in text
    assert f"依据：《{YONGJIA_DOC}》附件3 二（一）" in text


def test_next_tranche_answer_states_amount_region_and_clauses():
    events, messages = run_action(ActionAnswerNextTranche(), load_tracker("next_tranche_startup"))
    assert events == [SlotSet("topic", "next_tranche")]
    text = messages[0]["text"]
    assert "第2期" in text and "30%" in text and "81万元" in text
    assert "资助分期拨付目前只有永嘉县的文件有规定" in text
    assert f"适用：永嘉县（{YONGJIA_DOC}）" in text
    assert f"依据：《{YONGJIA_DOC}》附件1 三（一）1、附件1 三（一）2" in text
    citations = messages[0]["custom"]["citations"]
    assert {"doc": YONGJIA_DOC, "clause": "附件1 三（一）2", "quote": "拨付第二期30%的资助资金"} in citations
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/ask_hotline", "/human_handoff"]


def test_category_answer_remembers_the_category():
    events, messages = run_action(ActionAnswerCategory(), load_tracker("category_two_honours"))
    # "国千，还有博士学位": the catalogue's reading of the words is remembered with the category
    assert events == [
        SlotSet("topic", "category"),
        SlotSet("category", 2),
        SlotSet("honour", ["获得博士学位人才", "国家“千人计划”人选"]),
    ]
    assert "第2类" in messages[0]["text"]
    assert f"依据：《{YONGJIA_DOC}》二" in messages[0]["text"]
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        "/ask_benefits",
        "/ask_benefits_funding",
        "/ask_gold_card",
    ]


def test_category_in_taizhou_gives_no_category_and_no_borrowed_figure():
    events, messages = run_action(ActionAnswerCategory(), load_tracker("category_taizhou"))
    assert events == [SlotSet("topic", "category")]
    text = messages[0]["text"]
    assert "没有第1–5类人才分类" in text
    assert "万元" not in text
    assert {b["payload"] for b in messages[0]["buttons"]} >= {"/human_handoff"}


def test_follow_up_uses_the_last_topic_with_the_new_category():
    events, messages = run_action(ActionFollowup(), load_tracker("followup_category3"))
    assert events == [SlotSet("topic", "benefits")]
    assert messages[0]["text"].startswith("永嘉县第3类人才可享受")
    assert "450万元" in messages[0]["text"]


def test_follow_up_whose_entities_do_not_fit_the_last_topic_changes_topic():
    events, messages = run_action(ActionFollowup(), load_tracker("followup_rating_after_category"))
    assert events == [SlotSet("topic", "funding")]
    assert "第3类人才项目评为重点推荐" in messages[0]["text"] and "162万元" in messages[0]["text"]
    assert "依据：《永委办发〔2016〕82号》附件1 二（二）" in messages[0]["text"]


def test_follow_up_binds_a_bare_amount_to_the_missing_salary():
    events, messages = run_action(ActionFollowup(), load_tracker("followup_bare_amount"))
    assert events == [SlotSet("salary", 800000), SlotSet("topic", "overseas_engineer")]
    assert "按每人20万元" in messages[0]["text"]
    assert f"依据：《{YONGJIA_DOC}》三（四）" in messages[0]["text"]


def test_bare_honour_without_topic_is_answered_as_a_category_question():
    events, messages = run_action(ActionFollowup(), load_tracker("followup_no_topic_honour"))
    assert events == [SlotSet("topic", "category"), SlotSet("category", 2)]
    assert "第2类" in messages[0]["text"]


def test_missing_salary_shows_the_rule_then_asks_for_it():
    events, messages = run_action(ActionAnswerPolicy(), load_tracker("overseas_no_salary"))
    assert events == [SlotSet("topic", "overseas_engineer")]
    assert len(messages) == 2
    assert "4个区间" in messages[0]["text"] and f"依据：《{YONGJIA_DOC}》三（四）" in messages[0]["text"]
    assert messages[0]["custom"]["citations"][0]["clause"] == "三（四）"
    assert messages[1]["text"] == "关于海外工程师资助：这位海外工程师的年薪是多少（万元）？"


def test_inside_a_form_a_regional_question_is_answered_for_yongjia_instead_of_asking():
    events, messages = run_action(ActionAnswerPolicy(), load_tracker("tranche_form_gold_card_question"))
    assert events == [SlotSet("topic", "gold_card")]
    assert messages[0]["text"].startswith("永嘉县人才服务“金卡”")
    assert "以上按永嘉县政策解答" in messages[0]["text"]


def test_a_region_the_texts_do_not_cover_gets_no_figures_and_is_referred():
    tracker = load_tracker("gold_card_no_region")
    tracker.latest_message["text"] = "我在鹿城区，人才金卡有什么用"
    events, messages = run_action(ActionAnswerPolicy(), tracker)
    text = messages[0]["text"]
    assert "永嘉县" in text and "台州市" in text and "当地人才工作部门" in text
    assert "0577" not in text and "健康检查" not in text


def test_a_topic_the_region_does_not_regulate_leads_with_that_regions_clause():
    # 台州's text has no 技能人才奖励 table; the words point at its 五（高技能人才） clause, which answers
    tracker = load_tracker("gold_card_taizhou")
    tracker.latest_message["intent"] = {"name": "ask_skills_award", "confidence": 0.9}
    tracker.latest_message["text"] = "台州工匠这块，杰出台州工匠、首席技能大师要培养引进多少？"
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    assert "台市委发〔2018〕39号" in messages[0]["text"] and "台州工匠" in messages[0]["text"]
    assert "没有规定技能人才奖励标准" in messages[-1]["text"]


def test_loan_interest_reads_both_rates_and_the_tax_from_the_words_for_the_extra_year():
    """三（三）: 1200万 at an actual 3.9% (基准4.35%), 3年内纳税600万 ≥ 500万: two years on 500万 at
    3.9% (39万元) and the 择优 extra year on 1000万 at 3.9% (39万元), never the benchmark's 43.5万."""
    text = "第2类人才创办的企业，3年内企业纳税达到了600万，贷款1200万，实际利率3.9%，基准是4.35%，追加那一年能贴多少？"
    tracker = asked("ask_loan_interest", text, category=2, loan_amount=12_000_000)
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    answer = messages[0]["text"]
    assert "利率3.9%" in answer and "2年合计约39万元" in answer
    assert "按1000万元计约39万元" in answer and "43.5万" not in answer
    assert "两项合计约78万元" in answer


def test_a_place_the_texts_do_not_cover_named_beside_yongjia_is_said_not_to_be_covered():
    words = "我们是龙湾区的企业，柔性引进了一个专家，能拿永嘉那个20%的引才奖励吗？"
    _, messages = run_action(ActionAnswerPolicy(), asked("ask_flexible_intro", words))
    texts = [m["text"] for m in messages]
    assert any("不适用于龙湾区" in t and "咨询当地人才工作部门" in t for t in texts)


def test_a_flexible_talents_pay_named_as_pretax_is_computed():
    """附件2 第七条: 20% of 20万元 = 4万元 (under the 5万元 a person and year)."""
    words = "我们请了一个省千人当技术顾问，一年付他税前20万，能拿多少引才奖励？"
    _, messages = run_action(ActionAnswerPolicy(), asked("ask_flexible_intro", words))
    assert "企业本次可获约4万元" in messages[0]["text"]


def test_a_policy_question_the_model_filed_as_handoff_is_answered_not_handed_over():
    """ "第1类人才叫什么名称" came back as 转人工 (0.57): no word asks for a person, so it is answered."""
    from actions.handoff import ActionHandoff

    tracker = asked("human_handoff", "第1类人才叫什么名称", category=1)
    tracker.latest_message["entities"] = [{"entity": "category", "value": 1, "start": 1, "end": 3}]
    events, messages = run_action(ActionHandoff(), tracker)
    assert messages[0]["text"].startswith("第1类：国内外顶尖人才")
    assert {"event": "slot", "timestamp": None, "name": "handoff", "value": True} not in events
    _, handed = run_action(ActionHandoff(), asked("human_handoff", "我要转人工"))
    assert handed[0]["text"].startswith("已为您转接人工服务")


def test_a_bare_follow_up_continues_the_answer_it_follows_whatever_the_model_guessed():
    """ "最多多少？" after a 购房补贴 answer: housing again, though the benefits form has set its topic."""
    tracker = asked(
        "ask_benefits",
        "最多多少？",
        honour=["市“580海外精英引进计划”入选者"],
        topic="benefits",
        region="永嘉县",
    )
    tracker.events = [
        {"event": "user", "timestamp": 1.0, "text": "在永嘉买房有补贴吗", "parse_data": {}},
        {"event": "slot", "timestamp": 1.5, "name": "topic", "value": "housing"},
        {"event": "user", "timestamp": 2.0, "text": "最多多少？", "parse_data": tracker.latest_message},
        {"event": "slot", "timestamp": 2.5, "name": "topic", "value": "benefits"},
    ]
    _, messages = run_action(ActionAnswerBenefits(), tracker)
    assert "最高50万元的购房补贴" in messages[0]["text"]


def test_a_figure_the_words_compute_needs_no_region_question():
    """台州 五、21.: "新建商品房…一个400套的楼盘至少要配多少套" with no place named is answered 20套 from the
    配建 clause (only 台州's text has it), with its scope line — not the passage and "which region?"."""
    from rasa_sdk.executor import CollectingDispatcher

    from actions.policy_answers import respond
    from actions.topics import TOPICS

    words = "市里说新建商品房要配人才专用房，比例是多少？一个400套的楼盘至少要配多少套？"
    dispatcher = CollectingDispatcher()
    events = respond(TOPICS["housing"], dispatcher, asked("ask_housing", words))
    texts = [m.get("text") or "" for m in dispatcher.messages]
    assert len(texts) == 1 and "20套" in texts[0]
    assert f"适用：台州市（{TAIZHOU_DOC}）" in texts[0]
    assert all(e.get("name") != "region_asked" for e in events)


def test_an_unlisted_title_flexibly_introduced_keeps_its_referral_in_the_chat():
    """附件2 第四条: "省杰青 柔性引进到永嘉 企业有奖励吗" — the chat says 省杰青 is not listed and who the reward is
    for; 第九条（二）'s 科技奖项 award (matched on 省…奖励) does not take the note's place."""
    from rasa_sdk.executor import CollectingDispatcher

    from actions.policy_answers import respond
    from actions.topics import TOPICS

    tracker = asked(
        "ask_flexible_intro", "省杰青 柔性引进到永嘉 企业有奖励吗", honour=["省杰青"], region="永嘉县"
    )
    dispatcher = CollectingDispatcher()
    respond(TOPICS["flexible_intro"], dispatcher, tracker)
    text = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert "不在永嘉县第1–5类人才目录中" in text and "附件2 第四条" in text
    assert "重大科技奖项" not in text


def test_a_tranche_asked_in_an_eligibility_question_is_that_tranches_condition():
    """附件1 三（一）2: "第二笔要满足什么条件才能申请？能拿多少？" is the second tranche (30% of 360万 = 108万元,
    its 支出 condition), not 附件1 一's 申报条件 for a project, which the model guessed (dev15)."""
    tracker = asked(
        "ask_project_eligibility", "永嘉创业项目批了360万，第二笔要满足什么条件才能申请？能拿多少？"
    )
    events, messages = run_action(ActionAnswerPolicy(), tracker)
    assert SlotSet("topic", "next_tranche") in events
    text = messages[0]["text"]
    assert "第2期" in text and "108万元" in text and "支出" in text
    assert "第一大股东" not in text


def test_a_condition_said_to_be_undone_is_not_met_after_the_tranche_answer():
    """附件1 三（一）1 lists 完成工商注册、税务登记 before the first tranche: "税务登记还没办，能不能先申请" is told
    the condition is not met yet, after the tranche's amount and conditions (dev8)."""
    tracker = asked(
        "ask_next_tranche", "公司营业执照拿到了，但税务登记还没办，能不能先申请创业项目第一期的钱？"
    )
    _, messages = run_action(ActionAnswerNextTranche(), tracker)
    texts = [m.get("text") or "" for m in messages]
    assert any("第1期" in t and "税务登记" in t for t in texts)
    assert any("您提到“税务登记还没办”" in t and "不能先申请" in t for t in texts)


def test_a_short_taizhou_follow_up_stays_on_the_taizhou_clause_and_checks_the_years():
    """台州 六、25.: "我才进公司两年，今年能拿吗？" after the equity award's conditions is checked against
    连续工作三年以上 — not answered as 永嘉's 用人单位引才奖励, which the model guessed (dev15)."""
    tracker = followed_up(
        "ask_employer_reward",
        "我才进公司两年，今年能拿吗？",
        "台州国企给技术人员股权奖励，有啥条件？",
        "taizhou_plan",
        region="台州市",
    )
    events, messages = run_action(ActionAnswerPolicy(), tracker)
    assert SlotSet("topic", "taizhou_plan") in events
    text = messages[0]["text"]
    assert "连续工作2年，不足3年，暂不符合" in text
    assert f"依据：《{TAIZHOU_DOC}》六、25." in text
    assert "没有规定用人单位引才奖励" not in "".join(m.get("text") or "" for m in messages)


def test_a_developer_asking_what_share_to_build_gets_the_5_percent():
    """台州 五、21.: "房地产公司…开发新楼盘，是不是要配一部分给人才住的房子？比例多少？" is 配建不低于 5% 的人才专用房,
    not the 房票 subsidy (dev15)."""
    tracker = asked(
        "ask_housing",
        "我们是房地产公司，在台州拿地开发新楼盘，是不是要配一部分给人才住的房子？比例多少？",
        region="台州市",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    assert "配建不低于 5% 的人才专用房" in messages[0]["text"]


def test_a_rating_named_with_a_plan_is_the_talents_funding_and_an_earlier_year_is_referred():
    """附件1 二（二）: "以永嘉地入选的可以直接按特别推荐拿，我2014年入选的也适用吗" is the talent's own project
    funding (not 三（八）'s reward to the employer, which the model guessed), and the text includes
    含2015年度入选人员 only: 2014 is said to be open and who decides, never priced as included (dev4)."""
    tracker = asked(
        "ask_employer_reward",
        "我是2014年通过永嘉的企业申报入选省千人的，现在在永嘉创业。听说以永嘉地入选的可以直接按特别推荐拿，我2014年入选的也适用吗？",
        honour=["省千人"],  # the model's honour entity, as on the running stack
    )
    events, messages = run_action(ActionAnswerPolicy(), tracker)
    assert SlotSet("topic", "funding") in events
    text = messages[0]["text"]
    assert "含2015年度入选人员" in text and "没有写明2015年以前（如2014年）入选的是否适用" in text
    assert "认定为准" in text and "用人单位，给予10万元奖励" not in text


def test_a_condition_the_case_has_no_measure_for_gets_who_decides_after_the_tranche():
    """附件1 三（二）2 names 相关产品销售额: "成果都用在自己生产线上，没有单独的产品销售，第二期的销售额条件怎么算" gets
    the second tranche's condition as written, then who decides the case the text does not settle (dev8)."""
    tracker = asked(
        "ask_next_tranche",
        "我创新项目做的是工艺技术，成果都用在自己生产线上，没有单独的产品销售，第二期的销售额条件怎么算？",
    )
    _, messages = run_action(ActionAnswerNextTranche(), tracker)
    texts = [m.get("text") or "" for m in messages]
    assert any("第2期" in t and "相关产品销售额达到资助总额" in t for t in texts)
    assert any("认定为准" in t and "县科技局" in t for t in texts)


def test_how_the_money_is_paid_out_after_a_funding_answer_is_its_tranches():
    """附件1 三（一）: "这钱是一次到账吗？分几次给，每次多少？" after 第3类 创业 特别推荐 (270万元) is its three
    tranches, 108万元 / 81万元 / 81万元 — not the category's benefits the model guessed (dev16)."""
    tracker = followed_up(
        "ask_category",
        "这钱是一次到账吗？分几次给，每次多少？",
        "我是省千人，在永嘉创业，项目评了特别推荐，能拿多少？",
        "funding",
        category=3,
        review_rating="特别推荐",
        project_type="创业",
        region="永嘉县",
    )
    events, messages = run_action(ActionAnswerCategory(), tracker)
    assert SlotSet("topic", "next_tranche") in events
    text = messages[0]["text"]
    assert "第1期40%（108万元）" in text and "第2期30%（81万元）" in text and "第3期30%（81万元）" in text


def test_the_standard_a_project_is_funded_by_is_funding_not_eligibility():
    """附件1 二（二）: "通过永嘉这边申报进的浙江省千人计划…科技项目资助按什么标准给" is the plan's standard
    (第3类特别推荐, 270万元), not 附件1 一's conditions the model guessed (dev16)."""
    tracker = asked(
        "ask_project_eligibility",
        "去年我是通过永嘉这边申报进的浙江省千人计划，在永嘉自己开了公司，这种情况科技项目资助按什么标准给？",
        honour=["省“千人计划”入选者"],
    )
    events, messages = run_action(ActionAnswerPolicy(), tracker)
    assert SlotSet("topic", "funding") in events
    assert "270万元" in messages[0]["text"]


def test_two_titles_award_totals_are_added_not_their_project_funding():
    """三（一）: "按县里领军人才的奖励资助，两个人最高加起来" for a 国家杰青 (第2类, 800万元) and a 551第一层次 (第4类,
    200万元) is 1000万元 — the 奖励资助, not 附件1's project standards (720万元) (dev17)."""
    tracker = asked(
        "ask_category",
        "我们要引两个人，一个是国家杰青，一个是温州551第一层次的，按县里领军人才的奖励资助，两个人最高加起来能有多少？",
    )
    _, messages = run_action(ActionAnswerCategory(), tracker)
    text = messages[0]["text"]
    assert "合计最高200万元 + 800万元 = 1000万元" in text and "720万元" not in text


def test_two_categories_each_then_their_gap():
    """附件1 二（一）: "第3类和第4类人才，项目资助最高各是多少？" is 270万元 and 120万元 (not only one of them), and
    "两档之间差了多少钱？" after it is 150万元 (dev18)."""
    tracker = asked("ask_benefits_funding", "永嘉第3类和第4类人才，项目资助最高各是多少？")
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    assert (
        "第3类人才项目资助最高270万元" in messages[0]["text"]
        and "第4类人才项目资助最高120万元" in messages[0]["text"]
    )
    follow = followed_up(
        "ask_benefits_funding",
        "两档之间差了多少钱？",
        "永嘉第3类和第4类人才，项目资助最高各是多少？",
        "funding",
        region="永嘉县",
    )
    _, messages = run_action(ActionAnswerPolicy(), follow)
    assert "相差150万元" in messages[0]["text"]


def test_reward_years_used_up_stay_on_the_flexible_reward_and_settle_it():
    """附件2 第七条 累计不超过3年: "已经拿满三年奖励了，今年第四年又续签了，还能再报吗？" after the flexible reward is
    that rule's years (no more), not a project's 申报条件 the model guessed, and needs no pay (dev18)."""
    tracker = followed_up(
        "ask_project_eligibility",
        "我们请的那位专家已经拿满三年奖励了，今年第四年又续签了，还能再报吗？",
        "永嘉柔性引才的奖励，同一个专家企业能连续拿几年？",
        "flexible_intro",
        region="永嘉县",
    )
    events, messages = run_action(ActionAnswerPolicy(), tracker)
    assert SlotSet("topic", "flexible_intro") in events
    assert "已计入3年" in messages[0]["text"] and "不能再" in messages[0]["text"]


def test_a_later_reward_year_asked_as_benefits_stays_on_the_flexible_reward():
    """附件2 第七条 累计不超过3年: "第四年还能为他申请奖励吗？" after "今年是第四年，协议又续签了" was answered with the
    reward's years (dev56) — the model files it under benefits, which would list a category's figures instead."""
    tracker = followed_up(
        "ask_benefits",
        "第四年还能为他申请奖励吗？",
        "同一个专家我们已经连续请了三年，每年都拿到了柔性引才奖励。今年是第四年，协议又续签了。",
        "flexible_intro",
        region="永嘉县",
    )
    events, messages = run_action(ActionAnswerPolicy(), tracker)
    assert SlotSet("topic", "flexible_intro") in events
    assert "已计入3年" in messages[0]["text"] and "不少于1200万元" not in messages[0]["text"]


def test_a_title_asked_after_other_titles_is_answered_alone():
    """二: "我是省千人，在永嘉算第几类" after 国家杰青's 奖励资助 is 第3类 — the earlier message's 国家杰青 is not the
    talent's title too (it was answered 第2类 for "several honours"; stop 29)."""
    tracker = followed_up(
        "ask_category",
        "我是省千人，在永嘉算第几类",
        "国家杰青按县里奖励资助能拿多少",
        "benefits",
        honour=["省千人"],
        region="永嘉县",
    )
    _, messages = run_action(ActionAnswerCategory(), tracker)
    text = "".join(m.get("text") or "" for m in messages)
    assert "属于第3类" in text and "第2类" not in text and "国家杰出青年" not in text


def test_whether_the_category_s_most_is_paid_in_full_is_answered_first():
    """三（一）: "县里说的800万是不是只要来了就一定给满" — 800万元 is 第2类's 最高, 经评审认定, and the project's part
    follows its rating: not in full for everyone, said before the figure (dev19)."""
    tracker = asked(
        "ask_benefits",
        "我这边有个国家千人打电话来问，县里说的800万是不是只要来了就一定给满？",
        honour=["国家“千人计划”人选"],
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    text = messages[0]["text"]
    assert text.startswith("不一定能拿满：文件规定的是最高额。")
    assert "奖励资助最高800万元" in text and "以评审认定为准" in text
    # a figure that is not the category's most is not answered as one
    tracker = asked("ask_benefits", "国家千人一定能拿到100万吗？", honour=["国家“千人计划”人选"])
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    assert not messages[0]["text"].startswith("不一定能拿满")


def _after_answer(
    intent: str, text: str, earlier: str, topic: str, cited: str, doc: str = YONGJIA_DOC, **slots
):
    """A follow-up after a bot answer citing `cited` (the custom citations the chat sends)."""
    tracker = followed_up(intent, text, earlier, topic, **slots)
    answer = {"event": "bot", "timestamp": 1.2, "text": "…", "data": {"custom": {"citations": [
        {"doc": doc, "clause": cited, "quote": "…"}
    ]}}}  # fmt: skip
    tracker.events = [tracker.events[0], answer, *tracker.events[1:]]
    return tracker


def test_a_procedure_follow_up_is_answered_from_the_clause_just_answered():
    """三（七）: "要符合什么条件？要交哪些材料？多久能到账？" after a 购房补贴 answer is that clause's 符合有关条件的 …
    203号, and what it leaves unstated goes to who decides — not 附件1 一's project conditions, which the
    model's 申报条件 topic gave (dev11). The topic stays the one followed up."""
    tracker = _after_answer(
        "ask_project_eligibility",
        "要符合什么条件？要交哪些材料？多久能到账？",
        "我是温州580计划的，在永嘉买房能补多少？",
        "housing",
        "三（七）",
    )
    events, messages = run_action(ActionAnswerPolicy(), tracker)
    assert events == [SlotSet("topic", "housing")]
    text = "".join(m.get("text") or "" for m in messages)
    assert "永政发〔2015〕203号" in text and "这一条没有写明需要提交的材料、办理和到账的时间" in text
    assert "创业类项目" not in text and "第一大股东" not in text
    assert f"依据：《{YONGJIA_DOC}》三（七）" in text


def test_a_procedure_follow_up_of_the_same_topic_is_left_to_that_topic():
    """ "要交什么材料" after a tranche answer, filed under the tranche topic again: the topic answers it (its
    amount, its condition and its materials), not the clause alone."""
    tracker = _after_answer(
        "ask_next_tranche",
        "要交什么材料",
        "创业项目批了270万，第二期能拿多少",
        "next_tranche",
        "附件1 三（一）2",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    assert "81万元" in messages[0]["text"]


def test_a_low_confidence_office_follow_up_is_the_taizhou_clause_s_units():
    """台州 五、17.: "找谁办" after the 人才贷 passage — its 责任单位, whatever the model could not place."""
    from actions.fallback import ActionFallback

    tracker = _after_answer(
        "nlu_fallback", "找谁办", "台州的人才贷是什么", "taizhou_plan", "五、17.", doc=TAIZHOU_DOC
    )
    _, messages = run_action(ActionFallback(), tracker)
    assert "市金融办" in messages[0]["text"] and "不太确定" not in messages[0]["text"]


def test_an_aspect_clause_that_computes_the_figure_the_words_give_answers_with_it():
    """附件1 二（二）: "公司自己在项目上只投了80万，县里给的资助会不会比这个还多" asks the 一般 cap, and the words settle it:
    一般不超过80万元, a normal rule with the review deciding exceptions — not the tranche passage and a question
    about the category (dev17, dev26)."""
    tracker = asked(
        "ask_next_tranche",
        "我们做的是创新类人才项目，公司自己在项目上只投了80万，县里给的资助会不会比这个还多？",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    text = messages[0]["text"]
    assert "资助总额一般不超过80万元" in text and "是否例外由项目评审认定" in text
    assert f"依据：《{YONGJIA_DOC}》附件1 二（二）" in text


def test_a_tranche_asked_with_where_to_apply_gets_both_the_tranche_and_the_procedure():
    """附件1 三（一）1 and 附件1 三: "要去申请第一笔资助款，得准备哪些东西？交到哪个部门去？" is the first tranche's
    materials (场地租赁合同、员工劳动合同) and the procedure (县科技部门审核、签订科技项目合同、报县委人才办登记备案) —
    the procedure's passage alone dropped the materials (dev38). How the money may be spent stays the passage's."""
    tracker = asked(
        "ask_next_tranche",
        "我们老板的创业项目刚评下来，要去申请第一笔资助款，得准备哪些东西？交到哪个部门去？",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    text = "".join(m.get("text") or "" for m in messages)
    assert "场地租赁合同" in text and "员工劳动合同" in text
    assert "登记备案" in text
    spend = asked("ask_next_tranche", "人才项目的资助款到账以后能怎么花？买设备、给搞研发的发工资行不行？")
    _, messages = run_action(ActionAnswerPolicy(), spend)
    assert "主要用于科研设备购置" in messages[0]["text"] and "第1期40%" not in messages[0]["text"]


def test_a_condition_the_words_say_is_not_done_is_not_met_for_a_project_too():
    """附件1 一（二）: "我们的东西还在实验室里，样机都还没做出来，现在能报吗" — the clause lists 样机制造阶段, so the
    condition is not met yet (dev29); the note was said only for the tranches' conditions before."""
    tracker = followed_up(
        "ask_project_eligibility",
        "我们的东西还在实验室里，样机都还没做出来，现在能报吗？",
        "永嘉县的创业类人才项目，对项目本身有什么要求？",
        "eligibility",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    text = "".join(m.get("text") or "" for m in messages)
    assert "您提到“样机都还没做出来”：本条把“样机”列为条件" in text


def test_a_statement_before_the_question_settles_its_topic():
    """三（五）: "…今年有三个员工考出了国家一级的高级技师证书。" then "县里对这个有奖励吗？每人多少，三个人加起来一共多少？"
    is the 3000元 award for three (9000元, dev29), not 高级技师 read as a title the catalogue does not list."""
    tracker = followed_up(
        "ask_category",
        "县里对这个有奖励吗？每人多少，三个人加起来一共多少？",
        "我们是永嘉的一家服装企业，今年有三个员工考出了国家一级的高级技师证书。",
        "eligibility",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    text = messages[0]["text"]
    assert "3000元" in text and "9000元" in text and "不在永嘉县第1–5类人才目录中" not in text


def test_a_second_need_in_the_answer_s_own_clause_is_added():
    """台州 五、21.: "…签证、居留、户口方面有没有什么优惠？另外…英才卡，那个卡具体能干嘛？" — the 英才卡 answer, then the
    clause's passage on 签证、居留许可和落户 (dev29); one need asked gets the answer alone."""
    two = (
        "我是从国外回来的博士，现在在台州一家医药企业做研发。想问一下，市里对我们这种海外人才在签证、居留、户口方面"
        "有没有什么优惠？另外听同事说有张什么英才卡，那个卡具体能干嘛？"
    )
    _, messages = run_action(ActionAnswerPolicy(), asked("ask_gold_card", two, region="台州市"))
    text = "".join(m.get("text") or "" for m in messages)
    assert "英才卡" in text and "签证、居留许可和落户" in text


def test_a_corrected_salary_replaces_the_one_held():
    """三（四）: "不好意思我看错了，合同上写的是正好50万，那算哪档？" after 年薪45万 — the salary slot becomes 50万, and the
    band is 50万元（含）－70万元: 15万元 (dev31)."""
    tracker = followed_up(
        "correct", "不好意思我看错了，合同上写的是正好50万，那算哪档？", "海外工程师那个资助是按年薪分档的吧，年薪45万给多少",
        "overseas_engineer", salary=450000,
    )  # fmt: skip
    tracker.latest_message["entities"] = [{"entity": "amount", "value": 500000}]
    events, messages = run_action(ActionFollowup(), tracker)
    assert SlotSet("salary", 500000) in events
    assert "按每人15万元" in messages[0]["text"]
    # an amount with a role of its own is that role's, not the salary's
    tracker.latest_message["entities"] = [{"entity": "amount", "value": 500000, "role": "approved_total"}]
    events, _ = run_action(ActionFollowup(), tracker)
    assert SlotSet("salary", 500000) not in events


def test_a_team_stated_then_the_matching_asked_is_computed():
    """三（二）: "团队刚进了浙江省领军型创业创新团队，落地在永嘉" then "省里给了1000万，县里还另外配吗？配多少" →
    县里等额配套1000万元 (dev31), though the model read the question as 申报条件."""
    tracker = followed_up(
        "ask_project_eligibility",
        "省里给了1000万，县里还另外配吗？配多少",
        "我们团队刚进了浙江省领军型创业创新团队，落地在永嘉",
        "eligibility",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    assert "县里等额配套1000万元" in messages[0]["text"]


def test_a_way_of_flexible_recruitment_asked_after_it_stays_there():
    """附件2 第五条: "一个上海专家拿技术入股，另一个每年来楠溪江度假顺便帮我们搞技术，这两种算吗" after "柔性引进人才是啥
    意思" is about the ways of flexible recruitment, not a category's benefits (dev31)."""
    tracker = followed_up(
        "ask_benefits",
        "我们有两种想法：一个上海专家拿技术入股，另一个每年来楠溪江度假顺便帮我们搞技术，这两种算吗",
        "柔性引进人才是啥意思，是不是要把人调到永嘉来",
        "flexible_intro",
    )
    events, messages = run_action(ActionAnswerPolicy(), tracker)
    assert SlotSet("topic", "flexible_intro") in events
    assert "附件2 第五条" in messages[0]["text"]


def test_a_talent_not_yet_selected_asks_who_the_services_are_for():
    """附件3 一: "我现在还没评上省千人，只是够条件申报，也算在里面吗？" after "以情聚才那套人才服务，哪些人能享受？" is
    its 服务对象 (…符合…申报条件的培育对象), not 附件1 一's project conditions — whose text does not list 省千人,
    so no "condition not met" note is said of it (dev30)."""
    tracker = followed_up(
        "ask_project_eligibility",
        "我现在还没评上省千人，只是够条件申报，也算在里面吗？",
        "永嘉以情聚才那套人才服务，哪些人能享受？",
        "service_list",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    text = "".join(m.get("text") or "" for m in messages)
    assert "附件3 一" in text and "本条把“省千人”列为条件" not in text


def test_the_same_project_funded_twice_in_a_low_confidence_follow_up_is_the_higher_rule():
    """四（二）: "如果县里别的政策对这同一个项目也有一笔补助，是两笔都发，还是怎么处理？" → 就高, 避免重复资助 (dev30); two
    titles held at once are not that rule (二: the highest category)."""
    from actions.fallback import ActionFallback

    tracker = followed_up(
        "nlu_fallback",
        "如果县里别的政策对这同一个项目也有一笔补助，是两笔都发，还是怎么处理？",
        "外籍总监年薪80万，入选了温州海外工程师，县里补企业多少？",
        "overseas_engineer",
    )
    _, messages = run_action(ActionFallback(), tracker)
    assert "采用“就高”的原则" in messages[0]["text"]


def test_two_offers_for_one_project_are_the_higher_whatever_the_model_guessed():
    """四（二）: "按县里一条政策能拿20万，按另一条能拿30万，同一个项目最后能拿多少？" after "县里的补贴能不能叠加着拿"
    is 就高 — 30万元, not 50万 — though the model files it under the category's benefits (dev46)."""
    tracker = followed_up(
        "ask_benefits",
        "我们一个项目，按县里一条政策能拿20万，按另一条能拿30万，同一个项目最后能拿多少？",
        "县里的补贴能不能叠加着拿？",
        "benefits",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    assert "按其中较高的30万元执行" in messages[0]["text"]
    assert "您属于第几类" not in "".join(m.get("text") or "" for m in messages)


def test_two_titles_asked_in_two_messages_are_set_against_each_other():
    """三（一）: "国家万人计划的领军人才…县里最多支持多少？" then "那万人计划里的杰出人才呢？两个相比至少差多少？" — 第2类
    800万 against 第1类 不少于1200万: at least 400万元 (dev46), not the new title's category alone."""
    tracker = followed_up(
        "ask_category",
        "那万人计划里的杰出人才呢？两个相比至少差多少？",
        "国家万人计划的领军人才来永嘉创业，县里最多支持多少？",
        "benefits",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    assert "至少相差400万元" in messages[0]["text"]


def test_a_project_s_amount_asked_alone_is_not_followed_by_its_tranches():
    """附件1 二（二）: "第4类创业项目评了一般推荐，能拿多少钱？" is the amount (36万元) — the tranches (14.4万 …) only
    when the words ask how or when it is paid ("分几期给", "分三回给吗？每回多少"), as 附件1 三 answers (dev20, dev42)."""
    slots = {"category": 4, "review_rating": "一般推荐", "project_type": "创业", "region": "永嘉县"}
    tracker = asked("ask_benefits_funding", "第4类创业项目评了一般推荐，能拿多少钱？", **slots)
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    assert "36万元" in messages[0]["text"] and "第1期" not in messages[0]["text"]
    for paid in (
        "第4类创业项目评了一般推荐，能拿多少，分几期给？",
        "一般推荐就36万，也要分三回给吗？每回多少？",
        "第4类创业项目评了一般推荐，能拿多少，钱是按进度给吗？",
    ):
        _, messages = run_action(ActionAnswerPolicy(), asked("ask_benefits_funding", paid, **slots))
        # (the amount, then the tranches of it: "第1期40%（14.4万元）" or "第1期40%即14.4万元")
        assert "36万元" in messages[0]["text"] and "14.4万元" in messages[0]["text"], paid


def test_the_caps_maximum_interest_is_said_only_when_the_most_is_asked():
    """三（三）: with the rate and no loan, "第5类…基准4.35% 两年贴息多少" gets the terms and the offer to compute —
    not the caps' 17.4万元, which is not the talent's subsidy (dev46); "最多能贴多少" gets that most (dev3)."""
    slots = {"category": 5, "region": "永嘉县"}
    said = "第5类 创业项目 已入选市十条 基准4.35% 两年贴息多少"
    _, messages = run_action(ActionAnswerPolicy(), asked("ask_loan_interest", said, **slots))
    assert "200万元" in messages[0]["text"] and "17.4万" not in messages[0]["text"]
    most = "第5类创业项目入选了市十条，基准利率按4.35%算，最多能贴多少？"
    _, messages = run_action(ActionAnswerPolicy(), asked("ask_loan_interest", most, **slots))
    assert "2年最多贴息17.4万元" in messages[0]["text"]


def test_a_referrer_s_statement_then_its_question_counts_all_referred():
    """三（十）: "今年给永嘉引荐了3个海外博士…" then "最后有一个入选了国家千人，我们公司一共能领多少？" is 3 × 2万元 + 30万元
    = 36万元 for the 猎头公司 — not 三（八）'s reward to an employer (dev33)."""
    tracker = followed_up(
        "ask_employer_reward",
        "最后有一个入选了国家千人，我们公司一共能领多少？",
        "今年给永嘉引荐了3个海外博士，都对接了项目，千人计划的申报评审也都走完了",
        "referral",
    )
    events, messages = run_action(ActionAnswerPolicy(), tracker)
    assert SlotSet("topic", "referral") in events
    assert "合计36万元" in messages[0]["text"]


def test_several_people_of_one_category_asked_together_get_the_maxima_summed():
    """三（一）: "两个人都评审认定下来…两人加起来最多能拿多少" of two 580计划 talents (第4类) → 2 × 200万元 (dev33)."""
    tracker = followed_up(
        "ask_benefits",
        "那要是两个人都评审认定下来，按县里的上限，两人加起来最多能拿多少？",
        "我们今年准备引进两个温州580计划的人，他们在县里算第几类？",
        "category",
        category=4,
        region="永嘉县",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    assert "2 × 200万元 = 400万元" in messages[0]["text"]


def test_a_correction_naming_another_skills_award_replaces_the_slot_s():
    """三（五）: "说错了，我是刚被评为省里的首席技师" after "市首席技师县里奖多少？" is 省首席技师's 5万元 (dev33)."""
    tracker = followed_up(
        "correct",
        "说错了，我是刚被评为省里的首席技师",
        "市首席技师县里奖多少？",
        "skills_award",
        skills_award="市“首席技师”",
    )
    _, messages = run_action(ActionFollowup(), tracker)
    assert "新评定为省“首席技师”，给予5万元奖励" in messages[0]["text"]


def test_an_award_set_against_a_figure_said_before_gives_the_gap():
    """三（五）: "县里给了他5万块" then "我要是明年评上钱江技能大奖，能比他多拿多少？" → 10万元 − 5万元 (dev33)."""
    tracker = followed_up(
        "ask_skills_award",
        "我要是明年评上钱江技能大奖，能比他多拿多少？",
        "县里给了他5万块",
        "skills_award",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    assert "比您说的5万元多5万元" in messages[0]["text"]


def test_pay_given_after_flexible_recruitment_stays_there():
    """附件2 第七条: "我们请的这位是第3类人才，今年发给他的计税报酬一共20万，公司能拿多少？" after how the reward for
    兼职 talents is counted: 20万元 × 20% = 4万元, not what a 第3类 talent gets (dev34)."""
    tracker = followed_up(
        "ask_benefits",
        "我们请的这位是第3类人才，今年发给他的计税报酬一共20万，公司能拿多少？",
        "请县外的人才来兼职，县里给公司的奖励是怎么算的？",
        "flexible_intro",
        category=3,
        salary=200_000,
    )
    events, messages = run_action(ActionAnswerPolicy(), tracker)
    assert SlotSet("topic", "flexible_intro") in events
    assert "4万元" in messages[0]["text"]


def test_two_people_s_housing_maxima_asked_together_are_summed():
    """三（七）: "一个国家千人、一个温州580…封顶的话加起来能补多少" → 100万元 + 50万元 = 150万元 (dev34)."""
    tracker = followed_up(
        "ask_housing",
        "我们今年进了两位，一个国家千人、一个温州580，两个人都准备在县城买房，封顶的话加起来能补多少？",
        "永嘉县对高层次人才买房有补贴吧？",
        "housing",
        honour=["国家“千人计划”人选", "市“580海外精英引进计划”入选者"],
        region="永嘉县",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    assert "100万元 + 50万元 = 150万元" in messages[0]["text"]


def test_this_time_s_sum_is_read_with_what_was_just_asked():
    """台州 三、9.: "我们这次付了36万，人是全职过来的，能拿回多少？" after "…付给猎头的钱政府管不管？" is the fee:
    36万元 × 50% = 18万元 (dev26)."""
    tracker = followed_up(
        "ask_next_tranche",
        "我们这次付了36万，人是全职过来的，能拿回多少？",
        "企业参加市里组织的出国招人活动，付给猎头的钱政府管不管？",
        "taizhou_plan",
        region="台州市",
    )
    _, messages = run_action(ActionAnswerNextTranche(), tracker)
    assert "本次可获补助18万元" in messages[0]["text"]


def test_one_more_person_said_after_a_count_keeps_the_earlier_pays():
    """三（四）: "两个入选了温州海外工程师，每人年薪40万" then "不好意思漏了一个，还有一个年薪刚好70万的，三个人加起来一共
    多少？" is 10万 + 10万 + 20万 = 40万元 — not three at 70万 (dev35)."""
    tracker = followed_up(
        "ask_overseas_engineer",
        "不好意思漏了一个，还有一个年薪刚好70万的，三个人加起来一共多少？",
        "我们今年有两个入选了温州海外工程师，每人年薪40万，公司一共能拿多少",
        "overseas_engineer",
        salary=700_000,
        region="永嘉县",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    assert "40万元" in messages[0]["text"] and "60万元" not in messages[0]["text"]


def test_the_gold_card_asked_for_a_title_says_whether_its_holder_is_issued_one():
    """附件3 二（三）: 为领军型人才发放服务“金卡” — "那位温州580计划的人，这张卡能给他办吗？" (dev38) gets the card's
    services and that 580计划 is 第4类, a 领军型人才; a title the catalogue does not list gets its 认定 rule."""
    tracker = asked(
        "ask_gold_card", "我们公司引进的那位温州580计划的人，金卡能给他办吗？", honour=["温州580计划"]
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    text = messages[0]["text"]
    assert "发放给领军型人才" in text and "属于第4类领军型人才" in text
    tracker = asked("ask_gold_card", "副教授能办金卡吗？", honour=["副教授"])
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    text = messages[0]["text"]
    assert "不在永嘉县第1–5类人才目录中" in text and "第4类" not in text


def test_a_flexible_reward_for_an_unlisted_title_says_who_it_is_for_and_the_rule_not_a_figure():
    """附件2 第四条: 柔性引进的对象 are 第1–5类领军型人才. "想柔性请一个上海的副高级工程师…一年打算给他税前20万…能不能
    申请柔性引才奖励" (dev37): the title is not listed (认定), then 第七条's rule once recognised — not a figure for the
    pay said ("外地大学的一个副教授来兼职，一年报酬20万" told 4万元 reads as promised, dev64)."""
    words = "想柔性请一个上海的副高级工程师来当顾问，一年打算给他税前20万，我们能不能申请柔性引才奖励？"
    _, messages = run_action(ActionAnswerPolicy(), asked("ask_flexible_intro", words))
    text = messages[0]["text"]
    assert (
        text.index("不在永嘉县第1–5类人才目录中") < text.index("第四条") < text.index("如经认定属于上述人才")
    )
    assert "20%" in text and "4万元" not in text


def test_a_talent_of_the_county_itself_is_not_flexibly_introduced():
    """附件2 第二条: 柔性引才 is 我县企业 bringing in 县外人才. "我们永嘉本地的一个博士，在县里另一家单位上班，下班来我们
    公司兼职，一年报酬15万，这个能按柔性引才申请奖励吗？" (dev64) is not — and no 3万元 is computed for it."""
    words = "我们永嘉本地的一个博士，在县里另一家单位上班，下班来我们公司兼职，一年报酬15万，这个能按柔性引才申请奖励吗？"
    _, messages = run_action(ActionAnswerPolicy(), asked("ask_flexible_intro", words))
    text = messages[0]["text"]
    assert "县外人才" in text and "不属于柔性引才" in text and "3万元" not in text


def test_a_count_after_a_skills_award_is_that_award_for_each() -> None:
    """三（五）: 新取得国家一级职业资格证书的高级技师 3000元 each — "我们公司今年有5个人拿到，一共能领多少？" after it is
    5 × 3000元 = 1.5万元, not 附件2 第七条's reward the model's 用人单位引才奖励 pointed at (dev43)."""
    tracker = followed_up(
        "ask_employer_reward",
        "我们公司今年有5个人拿到，一共能领多少？",
        "永嘉对新拿到国家一级职业资格证书的高级技师有奖励吗？",
        "skills_award",
        skills_award="高级技师",
        region="永嘉县",
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    assert "5人合计1.5万元（每人3000元）" in messages[0]["text"]


def _topic(name: str, text: str, region: str = "永嘉县", facts: Facts | None = None) -> Result:
    """One topic's answer to `text`, as the answer action computes it (actions.topics.run)."""
    return topics.run(topics.TOPICS[name], facts or Facts(), region, text)


def test_two_projects_by_category_and_rating_joined_by_and_are_each_priced() -> None:
    """附件1 二（二）: "第2类一般推荐和第3类重点推荐，哪个拿得多？差多少？" is 600万 × 30% = 180万 against 270万 × 60% =
    162万: 18万元, the first more (dev53) — not both ratings priced for 第3类."""
    result = _topic("funding", "第2类一般推荐和第3类重点推荐，哪个拿得多？差多少？")
    assert "180万元" in result.answer and "162万元" in result.answer
    assert "相差18万元，项目1多" in result.answer


def test_every_tier_asked_lists_each_ratings_funding() -> None:
    """附件1 二（二）: 第2类 特别/重点/一般推荐 are 100%/60%/30% of 600万元 (dev32)."""
    result = _topic(
        "funding", "永嘉第2类项目 特别/重点/一般推荐 三档各多少钱 列一下", facts=Facts(category=2)
    )
    assert all(f in result.answer for f in ("600万元", "360万元", "180万元"))
    assert "相差" not in result.answer  # three tiers listed: no gap of the first two


def test_a_firm_elsewhere_hears_the_award_is_for_those_in_the_county() -> None:
    """三（一）: 对符合我县产业发展导向，经评审认定，在永嘉创业创新的…人才 — a firm registered and working in 鹿城 said
    in an earlier message does not meet it (dev53); the note names the clause's own condition."""
    from actions import policy_answers

    result = _topic("benefits", "永嘉的奖励资助我能申请吗", facts=Facts(category=2))
    asked_with_before = "公司注册在温州鹿城区，研发也在鹿城，没在永嘉。永嘉的奖励资助我能申请吗"
    note, _ = policy_answers._other_place_notes("永嘉的奖励资助我能申请吗", asked_with_before)
    assert "鹿城" in note
    condition = policy_answers._place_condition(result)
    assert "在永嘉创业创新" in condition and "不满足" in condition


def test_an_agreement_term_short_of_a_year_is_said_before_the_reward() -> None:
    """附件2 第六条（二）: 合作协议…约定一年以上服务期限 — "合作协议只签了半年" said before "能申请柔性引才奖励吗" is told it
    does not meet it, first (dev48); a year's term gets the reward alone."""
    short = "他是正高职称。合作协议只签了半年。他一年的劳动报酬大概12万。这样能申请县里的柔性引才奖励吗？"
    result = _topic("flexible_intro", short)
    assert result.answer.startswith("不符合") and "6个月" in result.answer
    assert "协议约定一年以上服务期限后" in result.answer
    enough = _topic("flexible_intro", short.replace("半年", "两年"))
    assert "不符合" not in enough.answer and "2.4万元" in enough.answer


def test_a_taizhou_housing_question_about_health_care_gets_that_part_of_the_clause() -> None:
    """台州 五、21.: 为高级以上人才提供健康管理服务，配备保健医生 — "看病这块有没有什么照顾" classified as housing is
    that part of the clause, not the 房票 subsidy (dev33)."""
    result = _topic("housing", "看病这块有没有什么照顾？", region="台州市")
    assert "保健医生" in result.answer and result.citations[0].clause == "五、21."


def test_a_category_asked_in_another_part_gets_its_own_line() -> None:
    """三（一）: 第4类 最高200万元, 第5类 最高100万元, 第1类 不少于1200万元 — "第4类、第5类人才最高奖励资助各多少？第1类有上限
    吗？" gets all three (dev48)."""
    result = _topic("benefits", "第4类、第5类人才最高奖励资助各多少？第1类有上限吗？")
    assert all(f in result.answer for f in ("200万元", "100万元", "不少于1200万元"))


def test_a_plan_put_as_an_alternative_is_priced_apart() -> None:
    """三（十）: 引荐费2万元, then 国家千人 30万元 or 温州580 5万元 — "入选国家千人，再奖多少？要是入选的是温州580计划呢？" is
    each scenario, not one talent selected twice (dev48)."""
    asked = "给永嘉引荐海外人才，完成了申报评审，能给多少引荐费？最后入选国家千人，再奖多少？要是入选的是温州580计划呢？"
    result = _topic("referral", asked)
    assert "合计32万元" in result.answer and "合计7万元" in result.answer and "37万" not in result.answer
