"""Form validation: only what policy_kb reports missing is asked; answers read with its parsers."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions.forms import ASK_ACTIONS, ValidateCategoryForm, ValidateFundingForm
from actions.policy_answers import ActionAnswerNextTranche, ActionFollowup
from tests.actions.trackers import load_domain, load_tracker, run_action

ASK = {cls().name(): cls() for cls in ASK_ACTIONS}


def test_ambiguous_honour_is_kept_pending_and_asked_again():
    events, messages = run_action(
        ValidateCategoryForm(), load_tracker("category_form_ambiguous"), load_domain()
    )
    # required slots equal the domain's ([honour]), so rasa_sdk leaves the next request to Rasa's form,
    # which asks the empty `honour` again (with action_ask_honour below)
    assert events == [SlotSet("honour", None), SlotSet("honour_pending", ["千人计划"])]
    assert messages == []


def test_ambiguous_pieces_the_whole_message_settles_are_read_as_its_title():
    """二 第2类: the model tagged 万人计划 and 青年拔尖 (each ambiguous) in "国家万人计划的专家…他是青年拔尖那一档的，
    不是杰出人才"; read whole, the words name 国家“万人计划”青年拔尖人才 and nothing is asked (dev18)."""
    tracker = load_tracker("category_form_ambiguous", honour=["万人计划", "青年拔尖"])
    tracker.latest_message["text"] = (
        "我们厂想从外地挖一个国家万人计划的专家过来，不过他是青年拔尖那一档的，不是杰出人才。"
    )
    events, _ = run_action(ValidateCategoryForm(), tracker, load_domain())
    assert SlotSet("honour", ["国家“万人计划”青年拔尖人才"]) in events


def test_ask_honour_offers_the_candidates_of_the_ambiguous_alias():
    tracker = load_tracker("category_form_ambiguous", honour=None, honour_pending=["千人计划"])
    _, messages = run_action(ASK["action_ask_honour"], tracker)
    # answer first: what each reading gives, then which one (二 第2类 / 第3类)
    assert messages[0]["text"] == (
        "您说的“千人计划”具体是哪一项？（如是国家“千人计划”人选，属第2类；如是省“千人计划”入选者，属第3类）"
    )
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        '/inform{"honour": ["国家“千人计划”人选"]}',
        '/inform{"honour": ["省“千人计划”入选者"]}',
    ]


def test_choosing_a_candidate_settles_the_pending_honours():
    events, _ = run_action(
        ValidateCategoryForm(), load_tracker("category_form_pending_resolved"), load_domain()
    )
    assert events == [
        SlotSet("honour", ["千人计划", "获得博士学位人才", "国家“千人计划”人选"]),
        SlotSet("honour_pending", None),
    ]


def test_rating_completes_the_funding_form():
    tracker = load_tracker("funding_form_rating")
    tracker.events.append({"event": "slot", "timestamp": 1.1, "name": "review_rating", "value": "重点推荐"})
    tracker.slots["review_rating"] = "重点推荐"
    events, _ = run_action(ValidateFundingForm(), tracker, load_domain())
    assert events == [SlotSet("review_rating", "重点推荐"), SlotSet("requested_slot", None)]


def test_ask_rating_offers_the_four_ratings():
    _, messages = run_action(ASK["action_ask_review_rating"], load_tracker("funding_form_rating"))
    assert messages[0]["text"] == "项目评审结果是哪一档？"
    assert [b["title"] for b in messages[0]["buttons"]] == ["特别推荐", "重点推荐", "一般推荐", "不予推荐"]


# ---- the tranche question is answered first (no form); figures come as follow-ups -----------------------
def test_tranche_question_with_figures_known_answers_and_offers_the_check():
    tracker = load_tracker("tranche_form_asking_spending", requested_slot=None)
    events, messages = run_action(ActionAnswerNextTranche(), tracker)
    text = messages[0]["text"]
    assert "第2期" in text and "81万元" in text and "县科技部门" in text
    assert text.count("您的企业实际项目支出现在是多少？我可以帮您核对是否满足条件。") == 1
    assert SlotSet("topic", "next_tranche") in events


def test_bare_number_after_the_answer_is_read_as_the_offered_total_in_wan_yuan():
    events, messages = run_action(ActionFollowup(), load_tracker("tranche_followup_bare_number"))
    assert SlotSet("approved_total", 2700000) in events
    assert "108万元" in messages[0]["text"] and "81万元" in messages[0]["text"]


def test_tranche_question_with_nothing_known_gives_both_types_and_type_buttons():
    tracker = load_tracker("tranche_followup_bare_number", project_type=None, topic=None)
    tracker.latest_message["text"] = "下一期资助怎么申请"
    _, messages = run_action(ActionAnswerNextTranche(), tracker)
    assert "创业类" in messages[0]["text"] and "创新类" in messages[0]["text"]
    assert [b["title"] for b in messages[0]["buttons"]][:2] == ["创业类", "创新类"]


def test_a_figure_another_clause_computes_ends_the_form_and_the_answer_gives_it() -> None:
    """台州 六、25.: "净资产一共涨了2000万，想拿股份奖励…最多能拿出多少" opened benefits_form (read as a 待遇
    question). No category changes that answer: the ask action ends the form without asking, and the
    answer action the form's submit rule runs gives 15% × 2000万 = 300万元 with its clause."""
    from actions.policy_answers import ActionAnswerBenefits
    from tests.actions.trackers import asked

    text = "我们是市属国企，最近三年靠利润攒下来的净资产一共涨了2000万，想拿股份奖励几个技术骨干，按规定最多能拿出多少？"
    tracker = asked("ask_benefits", text)
    tracker.active_loop = {"name": "benefits_form"}
    events, messages = run_action(ASK["action_ask_category"], tracker)
    assert events == [SlotSet("requested_slot", None)] and messages == []
    tracker.active_loop = {}
    _, answer = run_action(ActionAnswerBenefits(), tracker)
    assert "300万元" in answer[0]["text"] and "六、25." in answer[0]["text"]
    assert "您属于第几类" not in " ".join(m.get("text") or "" for m in answer)
    # a plain 待遇 question still gets the category asked
    plain = asked("ask_benefits", "人才能享受哪些待遇")
    plain.active_loop = {"name": "benefits_form"}
    events, messages = run_action(ASK["action_ask_category"], plain)
    assert events != [SlotSet("requested_slot", None)] and messages


def test_the_form_reads_the_title_stated_in_the_message_before() -> None:
    """二 第4类 市级以上重点创新团队带头人: "我带的研发团队去年被温州评成了市级重点创新团队，我是牵头的那个" then "这样我在永嘉
    能不能算领军人才？算第几类" — the form reads the question with the statement before it, as the answer does, and
    asks for no title (dev28)."""
    from rasa_sdk import Tracker

    from actions import topics
    from actions.forms import form_result

    said = [
        "我带的研发团队去年被温州评成了市级重点创新团队，我是牵头的那个",
        "这样我在永嘉能不能算领军人才？算第几类",
    ]
    events = [{"event": "user", "timestamp": i, "text": m, "parse_data": {}} for i, m in enumerate(said)]
    latest = {"text": said[-1], "intent": {"name": "ask_category", "confidence": 0.9}, "entities": []}
    tracker = Tracker("t", {}, latest, events, False, None, {}, "action_listen")
    result = form_result(topics.TOPICS["category"], tracker)
    assert result.ok and result.values.get("category") == 4
    alone = form_result(topics.TOPICS["category"], tracker, with_context=False)
    assert not alone.ok  # the latest words alone name no title
