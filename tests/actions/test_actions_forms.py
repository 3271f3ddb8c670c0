"""Form validation: only what policy_kb reports missing is asked; answers read with its parsers."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions.forms import ASK_ACTIONS, ValidateCategoryForm, ValidateFundingForm, ValidateNextTrancheForm
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


def test_ask_honour_offers_the_candidates_of_the_ambiguous_alias():
    tracker = load_tracker("category_form_ambiguous", honour=None, honour_pending=["千人计划"])
    _, messages = run_action(ASK["action_ask_honour"], tracker)
    assert messages[0]["text"] == "您说的“千人计划”具体是哪一项？"
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


def test_bare_number_for_the_approved_total_is_read_as_wan_yuan():
    events, messages = run_action(
        ValidateNextTrancheForm(), load_tracker("tranche_form_bare_number"), load_domain()
    )
    # answer first: with the type and the total known the schedule is settled, so the form is done
    # (the answer offers to narrow it to the next tranche instead of asking before answering)
    assert events == [SlotSet("approved_total", 2700000), SlotSet("requested_slot", None)]
    assert messages == []


def test_impossible_tranche_count_is_refused_politely_and_asked_again():
    events, messages = run_action(
        ValidateNextTrancheForm(), load_tracker("tranche_form_bad_count"), load_domain()
    )
    assert events == [SlotSet("tranches_received", None), SlotSet("requested_slot", "tranches_received")]
    assert messages[0]["text"] == "已拿到的期数应在0到3之间。"


def test_once_the_figures_are_known_only_the_condition_to_check_is_offered():
    tracker = load_tracker("tranche_form_asking_spending")
    _, messages = run_action(ASK["action_ask_spending"], tracker)
    assert messages[0]["text"] == "您的企业实际项目支出现在是多少？我可以帮您核对是否满足条件。"


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


def test_a_question_without_slots_inside_the_form_is_not_swallowed():
    events, _ = run_action(
        ValidateNextTrancheForm(), load_tracker("tranche_form_gold_card_question"), load_domain()
    )
    # ask_gold_card is not an answer: the form must reject (no slot set) so the rules answer it; the
    # type it had asked for is still read when it comes
    assert events == [SlotSet("requested_slot", "project_type")]


def test_an_answer_without_slots_keeps_the_form_going():
    tracker = load_tracker("tranche_form_gold_card_question")
    tracker.latest_message["intent"] = {"name": "thanks", "confidence": 0.9}
    events, _ = run_action(ValidateNextTrancheForm(), tracker, load_domain())
    assert events == [SlotSet("topic", "next_tranche"), SlotSet("requested_slot", "project_type")]
