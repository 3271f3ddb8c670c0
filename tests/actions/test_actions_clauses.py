"""Route by clause: the best clause answers; a close one is offered as a button that shows it.

The button's payload names the passage (/show_clause{"clause_id": …}); action_show_clause looks it up
by id — no NLU guess — and anything else in that place (stale, hostile, missing) gets a polite message.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions import clauses
from actions.clauses import ALSO_LINE, UNKNOWN_CLAUSE, ActionShowClause
from actions.fallback import ActionFallback
from actions.phrasing import HANDOFF_BUTTON
from actions.policy_answers import ActionAnswerPolicy
from bot.wechat.formatting import CLAUSE_PAYLOAD, to_wechat_text
from policy_kb import api
from policy_kb.model import Result, Status
from tests.actions.trackers import DOMAIN_FILE, asked, load_tracker, run_action

YONGJIA_DOC = "永委办发〔2016〕82号"


def _pressed(
    payload_entities: list[dict[str, Any]] | None, text: str = "附件2 第九条", **slots: Any
) -> Tracker:
    """The tracker after a button press: the title is logged, the payload is what Rasa parsed."""
    latest = {
        "intent": {"name": "show_clause", "confidence": 1.0},
        "entities": payload_entities,
        "text": text,
        "intent_ranking": [{"name": "show_clause", "confidence": 1.0}],
    }
    events = [{"event": "user", "timestamp": 1.0, "text": text, "parse_data": latest}]
    return Tracker("test-user", slots, latest, events, False, None, {}, "action_listen")


def _clause(hit_id: str) -> list[dict[str, Any]]:
    return [{"entity": "clause_id", "value": hit_id, "start": 12, "end": 35}]


def _fallback(text: str) -> Tracker:
    tracker = load_tracker("fallback_passage")
    tracker.latest_message["text"] = text
    tracker.events[-1]["text"] = text
    return tracker


# -- action_show_clause ---------------------------------------------------------------------------


def test_show_clause_quotes_that_passage_with_its_citation() -> None:
    events, messages = run_action(ActionShowClause(), _pressed(_clause("yj-a2-9")))
    assert events == []
    [message] = messages
    assert "柔性引进的人才在永服务期限内，可享受以下优惠政策" in message["text"]
    assert "可享受我县同类人员待遇" in message["text"]  # the items of the list it introduces
    assert f"依据：《{YONGJIA_DOC}》附件2 第九条" in message["text"]
    assert message["custom"]["citations"][0]["clause"] == "附件2 第九条"
    assert not message.get("buttons")


def test_show_clause_finds_a_service_or_a_later_sentence_group_too() -> None:
    _, messages = run_action(ActionShowClause(), _pressed(_clause("tz-svc-housing_voucher")))
    assert "依据：《台市委发〔2018〕39号》五、21." in messages[0]["text"]
    _, messages = run_action(ActionShowClause(), _pressed(_clause("yj-3-3#2")))
    assert f"依据：《{YONGJIA_DOC}》三（三）" in messages[0]["text"]


def test_show_clause_after_a_fallback_starts_the_fallback_count_again() -> None:
    events, _ = run_action(ActionShowClause(), _pressed(_clause("yj-a2-9"), fallback_count=1.0))
    assert events == [SlotSet("fallback_count", 0)]


@pytest.mark.parametrize(
    "entities",
    [
        None,
        [],
        _clause("yj-a2-99"),  # stale: no such passage
        _clause("../../policy_kb/sources/yongjia.txt"),
        _clause("yj-a2-9'; DROP TABLE messages; --"),
        _clause("<script>alert(1)</script>"),
        _clause("x" * 100_000),
        _clause(""),
        [{"entity": "clause_id", "value": ["yj-a2-9", "tz-3-9"]}],
        [{"entity": "clause_id", "value": {"$ne": None}}],
        [{"entity": "clause_id", "value": 9}],
        [{"entity": "clause_id", "value": None}],
        [{"entity": "clause_id"}],
        ["yj-a2-9"],
        [{"entity": "region", "value": "yj-a2-9"}],
    ],
    ids=repr,
)
def test_an_unknown_or_hostile_clause_id_gets_a_polite_message(entities: Any) -> None:
    events, messages = run_action(ActionShowClause(), _pressed(entities, fallback_count=1.0))
    assert events == []
    assert messages == [{**messages[0], "text": UNKNOWN_CLAUSE, "buttons": [HANDOFF_BUTTON]}]
    assert not messages[0].get("custom")


def test_show_clause_without_any_message_is_polite_too() -> None:
    tracker = Tracker("test-user", {}, None, [], False, None, {}, "action_listen")  # type: ignore[arg-type]
    _, messages = run_action(ActionShowClause(), tracker)
    assert messages[0]["text"] == UNKNOWN_CLAUSE


def test_the_button_payload_is_parsed_by_rasa_into_the_intent_and_entity_the_action_reads() -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
    from rasa.shared.nlu.training_data.message import Message

    domain = Domain.load(str(DOMAIN_FILE))
    for hit_id in ("yj-a2-9", "yj-3-3#2", "tz-svc-housing_voucher"):
        button = clauses.clause_button(clauses.hit_by_id(hit_id))
        parsed = YAMLStoryReader.unpack_regex_message(Message({"text": button["payload"]}), domain)
        assert parsed.get("intent")["name"] == "show_clause"
        entities = parsed.get("entities")
        assert [(e["entity"], e["value"]) for e in entities] == [("clause_id", hit_id)]
        _, messages = run_action(ActionShowClause(), _pressed(entities))
        assert messages[0]["custom"]["citations"][0]["clause"] == clauses.hit_by_id(hit_id).citation.clause


# -- offering close clauses -----------------------------------------------------------------------


# 创业类 (三（一）) and 创新类 (三（二）) are both paid in tranches: "资助资金分几次拨付" does not say which, so
# the two tie — either may lead, and the other is offered
TRANCHE_PAIR = {
    "附件1 三（一）": ("yj-a1-3-1", "附件1 三（一） 创业类科技项目资助资金"),
    "附件1 三（二）": ("yj-a1-3-2", "附件1 三（二） 创新类科技项目资助资金"),
}


def _other_of_pair(clause: str) -> tuple[str, str]:
    assert clause in TRANCHE_PAIR, clause
    return next(v for k, v in TRANCHE_PAIR.items() if k != clause)


def test_a_fallback_between_two_close_clauses_answers_the_best_and_offers_the_other() -> None:
    events, messages = run_action(ActionFallback(), _fallback("资助资金分几次拨付"))
    assert events == [SlotSet("fallback_count", 1)]
    [message] = messages
    best = message["custom"]["citations"][0]["clause"]  # cites the best only
    assert f"依据：《{YONGJIA_DOC}》{best}" in message["text"]
    assert message["text"].endswith("\n" + ALSO_LINE)
    other_id, other_title = _other_of_pair(best)
    assert message["buttons"][0] == {
        "title": other_title,
        "payload": f'/show_clause{{"clause_id": "{other_id}"}}',
    }
    assert message["buttons"][-1] == HANDOFF_BUTTON  # the did-you-mean intents and 转人工 stay


def test_a_close_clause_of_the_other_region_says_which_region() -> None:
    _, messages = run_action(ActionFallback(), _fallback("项目资金 管理"))
    assert "依据：《永委办发〔2016〕82号》附件1 三" in messages[0]["text"]
    clause_buttons = [b for b in messages[0]["buttons"] if b["payload"].startswith("/show_clause")]
    titles = [b["title"] for b in clause_buttons]
    assert "台州市 六、27. 推进财政人才科技资金管理改革" in titles  # the other region's, named
    assert all(t.startswith("台州市 ") or t.startswith("附件") for t in titles)  # 永嘉's own, unnamed


def test_a_fallback_with_a_clear_best_clause_offers_no_clause() -> None:
    _, messages = run_action(ActionFallback(), load_tracker("fallback_passage"))
    assert ALSO_LINE not in messages[0]["text"]
    assert not any(b["payload"].startswith("/show_clause") for b in messages[0]["buttons"])


def _clause_result(close: list[str]) -> Result:
    hit = clauses.hit_by_id("yj-a1-3-1")
    assert hit is not None
    result = clauses.passage_result(hit, "clause")
    result.values["close"] = close
    return result


def test_best_clause_carries_the_close_ones_only_when_there_are_some() -> None:
    close = clauses.best_clause("资助资金分几次拨付", None, clauses.WEAK_MIN_SCORE)
    assert close is not None
    assert close.values["close"] == [_other_of_pair(close.citations[0].clause)[0]]
    clear = clauses.best_clause("引进人才有购房补贴吗", "永嘉县", clauses.WEAK_MIN_SCORE)
    assert clear is not None and clear.values["close"] == []


def test_clause_reply_offers_buttons_only_when_asked_and_some_are_close() -> None:
    assert clauses.clause_reply(_clause_result(["yj-a1-3-2"])).buttons == []  # not the turn's last reply
    reply = clauses.clause_reply(_clause_result(["yj-a1-3-2"]), offer_close=True)
    assert [b["payload"] for b in reply.buttons] == ['/show_clause{"clause_id": "yj-a1-3-2"}']
    assert reply.text.endswith(ALSO_LINE)
    clear = clauses.clause_reply(_clause_result([]), offer_close=True)
    assert clear.buttons == [] and ALSO_LINE not in clear.text
    stale = clauses.clause_reply(_clause_result(["gone-1"]), offer_close=True)
    assert stale.buttons == [] and ALSO_LINE not in stale.text


def test_a_clause_the_topic_answer_already_cites_is_not_offered_again() -> None:
    hit = clauses.hit_by_id("yj-a1-3-2-1")
    assert hit is not None
    topic_answer = Result(rule="tranche", status=Status.OK, citations=[hit.citation])  # 附件1 三（二）1
    reply = clauses.clause_reply(
        _clause_result(["yj-a1-3-2", "yj-a1-2-1"]), offer_close=True, besides=topic_answer
    )
    assert [b["payload"] for b in reply.buttons] == ['/show_clause{"clause_id": "yj-a1-2-1"}']


def test_the_related_clause_after_a_topic_answer_ends_the_turn_with_its_close_clauses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 台州 英才卡 answered (五、21.); the words also point at a clause with a close neighbour
    monkeypatch.setattr(clauses, "best_clause", lambda *_: _clause_result(["yj-a1-3-2"]))
    _, messages = run_action(ActionAnswerPolicy(), load_tracker("gold_card_taizhou"))
    assert messages[0]["text"].startswith("台州市英才卡")
    last = messages[-1]
    assert last["text"].startswith("相关条文：") and last["text"].endswith(ALSO_LINE)
    assert [b["payload"] for b in last["buttons"]] == ['/show_clause{"clause_id": "yj-a1-3-2"}']


def test_a_question_back_keeps_its_own_buttons_and_gets_no_clause_buttons() -> None:
    # the region question ends the turn: the widget shows only its buttons (永嘉县 / 台州市)
    # (资助资金分几次拨付 has a close clause: 三（一） and 三（二） are as likely)
    tracker = copy.deepcopy(load_tracker("gold_card_taizhou"))
    tracker.slots = {}
    tracker.latest_message = {**tracker.latest_message, "entities": [], "text": "资助资金分几次拨付"}
    tracker.latest_message["intent"] = {"name": "ask_housing", "confidence": 0.9}
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    assert any(clause in messages[0]["text"] for clause in TRANCHE_PAIR)
    assert [b["title"] for b in messages[-1]["buttons"]] == ["永嘉县", "台州市"]
    for message in messages:
        assert not any(b["payload"].startswith("/show_clause") for b in message.get("buttons") or [])
        assert ALSO_LINE not in message["text"]


# -- the WeChat channel cannot show buttons -------------------------------------------------------


def test_wechat_lists_close_clauses_by_name_after_the_line_not_as_replies_to_type() -> None:
    assert CLAUSE_PAYLOAD == "/" + clauses.SHOW_CLAUSE
    _, messages = run_action(ActionFallback(), _fallback("资助资金分几次拨付"))
    reply = {"text": messages[0]["text"], "buttons": messages[0]["buttons"]}
    text = to_wechat_text([reply])
    best = messages[0]["custom"]["citations"][0]["clause"]
    assert f"{ALSO_LINE}{_other_of_pair(best)[1]}" in text.splitlines()
    replies = next(line for line in text.splitlines() if line.startswith("可回复："))
    assert "附件1" not in replies and "转人工服务" in replies
    assert "show_clause" not in text and json.dumps(_other_of_pair(best)[0]) not in text


def test_wechat_names_clause_buttons_on_their_own_line_when_the_text_does_not_lead_to_them() -> None:
    button = clauses.clause_button(clauses.hit_by_id("tz-3-9"))
    text = to_wechat_text([{"text": "相关条文：……", "buttons": [button]}])
    assert text.splitlines() == ["相关条文：……", "相关条款：三、9. 打造聚才活动系列品牌"]


def test_a_follow_up_with_no_topic_is_answered_from_the_clause_its_words_point_at() -> None:
    """ "示范专业呢？" after a question about 台州's 技师学院 (二、3.): the clause, not "which topic?"."""
    from actions.policy_answers import ActionFollowup

    tracker = load_tracker("followup_no_topic_honour")
    parse = {"intent": {"name": "inform", "confidence": 0.9}, "entities": [], "text": "示范专业呢？"}
    tracker.latest_message = copy.deepcopy(parse)
    tracker.events = [
        {"event": "user", "timestamp": 1.0, "text": "台州要建几所技师学院？", "parse_data": {}},
        {"event": "bot", "timestamp": 1.5, "text": "……"},
        {"event": "user", "timestamp": 2.0, "text": "示范专业呢？", "parse_data": parse},
    ]
    tracker.slots["honour"] = None
    events, messages = run_action(ActionFollowup(), tracker)
    assert events == []
    assert "示范专业10个" in messages[0]["text"].replace(" ", "")
    assert "依据：《台市委发〔2018〕39号》二、3." in messages[0]["text"]


def test_a_region_alone_with_no_topic_is_noted_not_answered_with_a_clause() -> None:
    from actions.policy_answers import ActionFollowup

    tracker = load_tracker("followup_no_topic_honour")
    entity = {"entity": "region", "value": "台州市", "start": 2, "end": 4}
    parse = {"intent": {"name": "inform", "confidence": 0.9}, "entities": [entity], "text": "我在台州"}
    tracker.latest_message = copy.deepcopy(parse)
    tracker.events = [{"event": "user", "timestamp": 2.0, "text": "我在台州", "parse_data": parse}]
    tracker.slots["honour"] = None
    _, messages = run_action(ActionFollowup(), tracker)
    assert messages[0]["text"].startswith("好的，已记下您所在的地区")


@pytest.mark.parametrize(
    ("text", "start", "end", "clause"),
    [
        ("台州订单班", 0, 2, "四、11."),  # 订单式培养班 30 个以上
        ("台州学院硕士点", 0, 2, "四、11."),
        ("永嘉籍 人才 信息库", 0, 2, "附件3 二（六）"),
    ],
)
def test_a_region_with_words_of_a_clause_is_answered_from_that_clause(
    text: str, start: int, end: int, clause: str
) -> None:
    """Nothing the talent said is lost: a message classified as giving a region, with more words than the
    place, is about the clause those words match."""
    from actions.policy_answers import ActionFollowup

    tracker = load_tracker("followup_no_topic_honour")
    value = "永嘉县" if text.startswith("永嘉") else "台州市"
    entity = {"entity": "region", "value": value, "start": start, "end": end}
    parse = {"intent": {"name": "inform", "confidence": 0.9}, "entities": [entity], "text": text}
    tracker.latest_message = copy.deepcopy(parse)
    tracker.events = [{"event": "user", "timestamp": 2.0, "text": text, "parse_data": parse}]
    tracker.slots["honour"] = None
    tracker.slots["region"] = value
    _, messages = run_action(ActionFollowup(), tracker)
    assert "已记下您所在的地区" not in messages[0]["text"]
    assert any(c["clause"] == clause for c in messages[0]["custom"]["citations"])


@pytest.mark.parametrize(
    "text", ["我在台州", "我是台州的", "我在台州工作", "台州", "我是台州一家民企的老板", "我老公在台州上班"]
)
def test_only_a_place_is_noted(text: str) -> None:
    from actions.policy_answers import ActionFollowup

    tracker = load_tracker("followup_no_topic_honour")
    start = text.index("台州")
    entity = {"entity": "region", "value": "台州市", "start": start, "end": start + 2}
    parse = {"intent": {"name": "inform", "confidence": 0.9}, "entities": [entity], "text": text}
    tracker.latest_message = copy.deepcopy(parse)
    tracker.events = [{"event": "user", "timestamp": 2.0, "text": text, "parse_data": parse}]
    tracker.slots["honour"] = None
    _, messages = run_action(ActionFollowup(), tracker)
    assert messages[0]["text"].startswith("好的，已记下您所在的地区")


def test_a_topic_primer_comes_before_a_strongly_matching_clause() -> None:
    """二/三（十一）: "没有国内称号" matches 二 第5类's list strongly, but the text's answer is how a category
    is decided (认定 for titles not listed); the clause follows as 相关条文, and alone it leads."""
    primer = Result(rule="category_overview", status=Status.OK, answer="按称号定类；目录未列的经认定。")
    clause = Result(rule="clause", status=Status.OK, answer="第5类：……", values={"score": 40.0})
    assert [k for k, _ in clauses.leads(primer, clause, 15.0)] == ["primer", "clause"]
    weak = Result(rule="clause", status=Status.OK, answer="……", values={"score": 11.0})
    assert [k for k, _ in clauses.leads(primer, weak, 15.0)] == ["primer"]
    assert clauses.leads(None, weak, 15.0) == [("clause", weak)]
    assert clauses.leads(None, None, 15.0) == []


# -- a clause plainly asked about overrides the topic's answer --------------------------------------


def test_a_clause_plainly_asked_about_answers_instead_of_the_topic_with_who_decides() -> None:
    """ "项目实施期限 几年" filed as a 申报条件 question: 附件1 四（一）'s 5年 answers; the 申报条件 text (its
    3周年 and 3年 are other matters) would be a wrong answer, so it stays one button away."""
    _, messages = run_action(ActionAnswerPolicy(), asked("ask_project_eligibility", "项目实施期限 几年"))
    [message] = messages
    assert "项目实施期限一般不超过5年" in message["text"]
    assert "3周年" not in message["text"] and "附件1 一" not in message["text"]
    assert "以县科技局会同县招才局（县委人才办）的认定为准" in message["text"]
    assert "附件1 四（一）、附件1 五" in message["text"]  # the decider's clause is cited too
    assert {"title": "项目申报条件", "payload": "/ask_project_eligibility"} in message["buttons"]


def test_the_topic_answers_when_its_own_clause_matches_the_words() -> None:
    """A clause the answer cites, or one the words match about as well, never overrides."""
    answer = Result(
        rule="total_award",
        status=Status.OK,
        answer="第2类最高800万元",
        citations=[clauses.hit_by_id("yj-3-1").citation],
    )
    assert clauses.overriding_clause("第2类最高能拿多少奖励资助", "永嘉县", answer) is None
    eligibility = Result(
        rule="eligibility", status=Status.OK, answer="…", citations=[clauses.hit_by_id("yj-a1-1").citation]
    )
    plain = clauses.overriding_clause("项目实施期限 几年", None, eligibility)
    assert plain is not None and plain.citations[0].clause == "附件1 四（一）"
    assert clauses.overriding_clause("项目申报条件和实施期限", None, eligibility) is None


@pytest.mark.parametrize(
    "words",
    [
        "我既是国家千人又是温州580，购房补贴能拿100万加50万吗",
        "奖励资助两个能不能叠加",
        "两样都能拿吗",
        "獎勵資助兩個能不能疊加",
    ],
)
def test_a_question_whether_benefits_combine_gets_the_rule_for_combining_them(words: str) -> None:
    """永嘉县 四（二）: 涉及同一项目的奖励（补助、资助），采用“就高”的原则，避免重复资助."""
    answer = Result(rule="housing", status=Status.OK, answer="最高100万元", region="永嘉县")
    found = clauses.stacking_clause(words, "永嘉县", answer)
    assert found is not None and found.citations[0].clause == "四（二）"
    assert "就高" in found.answer and "避免重复资助" in found.answer


def test_no_combining_rule_without_a_combining_question_or_where_the_text_has_none() -> None:
    answer = Result(rule="housing", status=Status.OK, answer="最高100万元", region="永嘉县")
    assert clauses.stacking_clause("购房补贴能拿多少", "永嘉县", answer) is None
    assert clauses.stacking_clause("房票和公寓能不能叠加", "台州市", answer) is None


# -- a question about a document as such -------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "clause", "shown"),
    [
        ("人才新政坚持什么原则", "一", "服务发展、高端引领、以用为本、优先保障"),
        ("文件从什么时候开始实施", "五", "本意见自发文之日起实施"),
        ("政策落实情况的绩效评估由哪些部门牵头", "四（三）", "县财政局、县招才局（县委人才办）牵头"),
    ],
)
def test_a_document_question_is_answered_from_its_clause_not_another_topic(
    words: str, clause: str, shown: str
) -> None:
    _, messages = run_action(ActionAnswerPolicy(), asked("ask_policy_document", words))
    text = messages[0]["text"]
    assert shown in text and f"《{YONGJIA_DOC}》{clause}" in text
    assert (
        "第1类" not in text and "请问您咨询的是哪个地区" not in text
    )  # no 三（一） figures, no region question


def test_a_document_question_naming_taizhou_is_answered_from_taizhous_text() -> None:
    _, messages = run_action(
        ActionAnswerPolicy(), asked("ask_policy_document", "台州人才工作领导小组怎么考核")
    )
    assert "台市委发〔2018〕39号" in messages[0]["text"] and YONGJIA_DOC not in messages[0]["text"]


def test_a_document_question_both_texts_answer_gets_each_texts_clause_by_region() -> None:
    """ "这些人才政策以后会调整吗？谁来评估？" names no region, and both texts say it: 台州 六、22. (年度绩效评估)
    and 永嘉 四（三） (县财政局、县招才局…开展绩效评估，根据评估结果及时研究调整政策) — each by its region (dev9)."""
    _, messages = run_action(
        ActionAnswerPolicy(), asked("ask_policy_document", "这些人才政策以后会调整吗？谁来评估？")
    )
    text = messages[0]["text"]
    assert "及时研究调整政策" in text
    # both texts' clauses when the other scores within BOTH_TEXTS_RATIO of the best (with the passages'
    # everyday questions indexed, 永嘉 四（三） now leads clearly), each by its region
    if "台州市：" in text:
        assert "永嘉县：" in text and "台市委发〔2018〕39号" in text.split("适用：")[1]
    # a region named: that text alone
    _, messages = run_action(
        ActionAnswerPolicy(), asked("ask_policy_document", "永嘉的人才政策以后会调整吗？谁来评估？")
    )
    assert "台市委发" not in messages[0]["text"] and "四（三）" in messages[0]["text"]


def test_a_rule_that_was_not_asked_gives_way_to_the_clause_the_words_match() -> None:
    """附件3 二（七）: "单位高级岗位已经满了怎么办" read as 用人单位引才奖励 could only say the title is not one
    of its plans; the words name nothing of that rule, so 二（七）'s 一事一议 answers."""
    from actions import clauses as c
    from policy_kb import api

    unasked = api.employer_reward("县专业技术拔尖人才", region="永嘉县")
    assert not unasked.ok
    clause = c.unasked_rule_clause("单位高级岗位已经满了怎么办？", "永嘉县", unasked)
    assert clause is not None and clause.citations[0].clause == "附件3 二（七）"
    # the words name the rule (用人单位 … 奖励): its own answer stands
    assert c.unasked_rule_clause("用人单位引进县拔尖人才有奖励吗", "永嘉县", unasked) is None
    # a rule a title's category decides keeps its referral for an unlisted title
    funding = api.project_funding(None, None, None, honours="副高职称", region="永嘉县")
    assert c.unasked_rule_clause("副高职称能不能按第5类人才去申报", "永嘉县", funding) is None


def test_a_follow_up_naming_the_same_rule_is_computed_with_the_figure_before_it() -> None:
    """三（二）: "永嘉县里还有配套吗？配多少？" after "省里资助了1000万" is 1000万元 (the sum is not asked); a
    follow-up about another matter ("能不能挪到明年") is not the earlier computation again."""
    from actions import clauses as c

    first = "我们团队刚入选浙江省领军型创新创业团队，省里资助了1000万"
    asked = f"{first} 永嘉县里还有配套吗？配多少？"
    found = c.computed_again(
        c.best_clause(asked, "永嘉县", c.WEAK_MIN_SCORE), asked, "永嘉县里还有配套吗？配多少？"
    )
    assert found is not None and "县里等额配套1000万元" in found.answer and "2000万元" not in found.answer
    first = "我们今年柔性引进了5位专家，每人计税报酬20万，能拿多少奖励？"
    asked = f"{first} 那超出上限没拿到的那部分，能不能挪到明年？"
    clause = c.best_clause(asked, "永嘉县", c.WEAK_MIN_SCORE)
    assert c.computed(clause, asked) is not None  # the earlier question alone would be computed again
    assert c.computed_again(clause, asked, "那超出上限没拿到的那部分，能不能挪到明年？") is None


def test_a_case_the_rule_does_not_settle_is_followed_by_who_decides() -> None:
    """附件1 三（一）3 says 销售额达到资助总额, not whether tax or sales to related firms count: the rule, then
    五's 县科技局会同县招才局 decides (and the hotline). A question the rule settles gets no such line."""
    from actions import clauses as c
    from actions import topics
    from actions.parsing import Facts

    asked = "第三期说销售额要达到资助总额，那销售额是按含税还是不含税算？卖给集团内关联公司的算不算？"
    rule = topics.run(topics.TOPICS["next_tranche"], Facts(project_type="创业"), "永嘉县", asked)
    decided = c.open_case_decider(asked, rule)
    assert decided is not None and "县科技局会同县招才局" in decided.answer
    settled = topics.run(
        topics.TOPICS["next_tranche"], Facts(project_type="创业"), "永嘉县", "第三期要什么条件"
    )
    assert c.open_case_decider("第三期要什么条件", settled) is None


def test_an_upgrade_the_award_clause_does_not_settle_is_followed_by_who_decides() -> None:
    """三（五）: 新评定为省/市“技能大师工作室”的分别给予5万元、3万元资助 — it says nothing of a 市级 studio
    later 升成 省级 (another 5万 or the 2万 difference): the award, then who decides."""
    from actions import clauses as c
    from actions import topics
    from actions.parsing import Facts

    asked = "我们去年拿过市级的3万，今年升成省级技能大师工作室了，是再给5万，还是只补差价2万？"
    rule = topics.run(topics.TOPICS["skills_award"], Facts(), "永嘉县", asked)
    assert rule.ok and "5万元" in rule.answer
    decided = c.open_case_decider(asked, rule)
    assert decided is not None and "热线" in decided.answer


def test_a_condition_said_not_done_is_said_to_be_unmet() -> None:
    """附件1 三（一）1: 完成工商注册、税务登记…其办公场地、部分员工等落实后…提出申请 — "税务登记还没办" means the
    first tranche cannot be applied for yet; a question that says nothing is not done gets no such line, nor
    does a clause whose words are not conditions to apply."""
    from actions import clauses as c

    startup = c.best_clause("创业项目第一期要什么条件", "永嘉县", 0.0)
    assert startup is not None and startup.citations[0].clause == "附件1 三（一）1"
    note = c.unmet_note(startup, "公司营业执照拿到了，但税务登记还没办，能不能先申请创业项目第一期的钱？")
    assert "“税务登记”列为条件" in note and "不能先申请" in note
    assert "“办公场地”" in c.unmet_note(startup, "办公场地还没找到，能申请第一期吗")
    assert c.unmet_note(startup, "第一期要什么条件") == ""
    assert c.unmet_note(startup, "还没有拿到第一期，能申请第二期吗") == ""  # a tranche, not a condition
    flexible = c.best_clause("柔性引进的人才社保关系要不要转过来", "永嘉县", 0.0)
    assert flexible is not None and c.unmet_note(flexible, "他的社保关系还没转过来") == ""


def test_a_project_that_needs_more_years_asks_its_implementation_period() -> None:
    """附件1 四（一）: 项目实施期限一般不超过5年 — "我们这个项目估计要6年才能做完，能不能延期？" (dev44)."""
    from actions import clauses

    found = clauses.aspect_clause("我们这个项目估计要6年才能做完，能不能延期？", "永嘉县")
    assert found is not None and "实施期限一般不超过5年" in found.answer


def test_a_gap_or_sum_of_both_reads_the_message_before() -> None:
    """附件1 二（二）: "换成第5类人才也是重点推荐呢？两个差多少钱？" after 第4类 重点推荐 (72万元) is 72万 − 40万 = 32万元;
    "…两个项目都按最高标准算，加起来最多多少？" after 第2类 sums 600万 + 120万 (dev42): both read with the message
    before."""
    from actions.clauses import FOLLOWUP_SUM

    assert FOLLOWUP_SUM.search("换成第5类人才也是重点推荐呢？两个差多少钱？")
    assert FOLLOWUP_SUM.search(
        "我们公司还有另一个项目是第4类人才牵头的，两个项目都按最高标准算，加起来最多多少？"
    )
    assert not FOLLOWUP_SUM.search("两个人才项目的申报条件一样吗？")


def test_a_talent_with_no_title_hears_whom_the_project_funding_is_for() -> None:
    """附件1 一: 项目申报对象主要指…第1、2、3、4、5类领军型人才 — "啥人才称号都没有…我这种能报吗" is told the listed
    objects, that without a title or 认定 they are not among them, and 二's 相当于 / 三（十一）'s 偏才专才 with who
    decides; never a category (dev4, dev42)."""
    said = "我在永嘉一家厂里做了十几年工程师，啥人才称号都没有，老板让我牵头去申请县里那个科技项目的钱，我这种能报吗？"
    found = clauses.aspect_clause(said, "永嘉县")
    assert found is not None and found.citations[0].clause == "附件1 一"
    reply = clauses.clause_reply(found, decides=True, said=said)
    assert "不在所列对象之中" in reply.text and "偏才" in reply.text and "第5类" not in reply.text
    cited = {c["clause"] for c in reply.citations}
    assert {"附件1 一", "二", "三（十一）"} <= cited


def test_the_no_title_note_keeps_to_clauses_whose_objects_are_the_five_categories() -> None:
    """附件3 一 also serves 培育对象 and 偏才专才: a talent with no title may be one, so no "not among them"; a
    listed title named after all is not "no title"."""
    services = clauses.best_clause("以情聚才的服务对象有哪些", "永嘉县", 0.0)
    assert services is not None and services.citations[0].clause == "附件3 一"
    assert clauses.untitled_note(services, "我没啥人才称号，算不算服务对象") is None
    projects = clauses.aspect_clause("啥人才称号都没有，项目资助能报吗", "永嘉县")
    assert projects is not None and clauses.untitled_note(projects, "我没啥人才称号，能报项目吗") is not None
    assert clauses.untitled_note(projects, "我是省千人，没别的称号了，能报项目吗") is None


def test_a_selection_the_loan_clause_requires_said_not_had_is_unmet() -> None:
    """三（三）: 入选市“人才新政十条”科技项目的…创业项目…贴息 — "没入选市里的人才新政十条科技项目，公司贷款能贴息吗" does
    not meet it (dev53); a question that only asks whether it is needed gets no such line."""
    loans = clauses.best_clause("创业项目贷款贴息的条件", "永嘉县", 0.0)
    assert loans is not None and loans.citations[0].clause == "三（三）"
    note = clauses.unmet_note(
        loans, "我的项目只是县里评了个重点推荐，没入选市里的人才新政十条科技项目，贷款能贴息吗？"
    )
    assert "人才新政十条" in note and "不能享受本条" in note
    assert clauses.unmet_note(loans, "是不是一定要入选人才新政十条才能贴息") == ""


def test_a_statement_shown_a_guessed_passage_leaves_the_region_open() -> None:
    """ "我是公司创始人之一" matches a 台州 passage only weakly: shown as "我不太确定…", it does not make the
    conversation 台州's — "我占股35%…能报创业类项目吗" is still 永嘉's 附件1 一（二） (dev53). A question answered
    from a 台州-only passage still carries 台州 (dev: "六大万亩级产业平台有哪些？" then "头门港算不算？")."""
    from rasa_sdk.events import SlotSet

    events, messages = run_action(ActionFallback(), asked("nlu_fallback", "我是公司创始人之一", 0.3))
    assert messages and messages[0]["text"].startswith("我不太确定") and "台市委发" in messages[0]["text"]
    assert SlotSet("region", "台州市") not in events
    events, messages = run_action(ActionFallback(), asked("nlu_fallback", "六大万亩级产业平台有哪些？", 0.3))
    assert "万亩" in messages[0]["text"] and SlotSet("region", "台州市") in events


def test_a_housing_voucher_before_the_property_is_registered_is_not_yet_applied_for() -> None:
    """台州 五、21.: 人才购买商品住房（含二手住房）并办理不动产登记后申请房票补贴 — "只签了购房合同，还没办不动产证，能申请吗"
    does not meet it yet (dev53); the clause's other matters (人才公寓) said not to exist are no condition."""
    from actions import topics
    from actions.parsing import Facts

    voucher = topics.run(topics.TOPICS["housing"], Facts(), "台州市", "台州的人才房票什么时候可以申请？")
    assert voucher.rule == "housing_voucher"
    note = clauses.unmet_note(voucher, "那我现在只签了购房合同，还没办不动产证，能申请吗？")
    assert "不动产" in note and "不能先申请" in note
    assert clauses.unmet_note(voucher, "我们这还没有人才公寓，能申请房票吗") == ""
    # the certificate called by its everyday name (dev59), quoted as the talent said it
    said = clauses.unmet_note(voucher, "房产证还没下来，现在能先申请把房票的钱拨给我吗？")
    assert "“房产证还没下来”" in said and "不能先申请" in said


def test_how_long_the_payment_takes_is_followed_by_who_decides() -> None:
    """附件1 三（二）: no clause sets how long a tranche takes to arrive — "创新项目第一期材料交上去，一般多久钱能到账？"
    (dev55) gets the tranche's rule, then who decides (五: 县科技局会同县招才局) and the hotline."""
    from actions import clauses as c
    from actions import topics
    from actions.parsing import Facts

    asked = "创新项目第一期材料交上去，一般多久钱能到账？"
    rule = topics.run(topics.TOPICS["next_tranche"], Facts(project_type="创新"), "永嘉县", asked)
    decided = c.open_case_decider(asked, rule)
    assert decided is not None and "县科技局会同县招才局" in decided.answer
    assert c.open_case_decider("第一期要什么材料", rule) is None


def test_a_listed_title_asked_about_as_a_flexible_object_hears_its_category() -> None:
    """附件2 第四条: 鼓励企业柔性引进的对象主要是指…第1、2、3、4、5类领军型人才 — "返聘了一位退休的正高级工程师…他算
    柔性引进的对象吗" (dev55) is told 正高级职称 is 第5类, among the objects; words with no listed title get no line."""
    objects = _best("柔性引进的对象是哪些人才")
    note = clauses.titled_note(objects, "我们公司返聘了一位退休的正高级工程师，他算柔性引进的对象吗？")
    assert note is not None and "第5类" in note.answer and "在本条所列的第1—5类领军型人才之中" in note.answer
    assert clauses.titled_note(objects, "他算柔性引进的对象吗？") is None
    # three people (dev59): each listed title's category; the unlisted one (副教授) is 认定's, not among them
    three = clauses.titled_note(
        objects,
        "我们想柔性引进三个人：甲是省151人才工程第三层次培养人员，乙是省特级专家，丙是副教授。他们各算第几类？",
    )
    assert three is not None and "第3类" in three.answer and "第5类" in three.answer
    assert "“副教授”不在" in three.answer and "目录所列的称号在本条所列" in three.answer
    services = _best("以情聚才的服务对象有哪些")  # 附件3 一 lists more than the categories, and them too
    served = clauses.titled_note(services, "我有正高职称，在永嘉的医院工作，县里的人才服务对象包括我吗？")
    assert served is not None and "第5类" in served.answer


def _best(words: str) -> Result:
    found = clauses.best_clause(words, "永嘉县", 0.0)
    assert found is not None
    return found


def test_a_flexible_object_question_with_no_title_hears_it_is_not_among_them() -> None:
    """附件2 第四条 read by its article's answer (api.flexible_terms): "他没有国内这些人才称号，但技术很厉害，能算柔性
    引才的对象吗" (dev55) — without a listed title or 认定 the talent is not among the 第1—5类, and 二's way in."""
    result = api.flexible_terms("他没有国内这些人才称号，但技术很厉害，能算柔性引才的对象吗", region="永嘉县")
    assert result.values["clause"] == "附件2 第四条"
    assert "不在所列对象之中" in result.answer and "经认定" in result.answer
    plain = api.flexible_terms("柔性引进的对象是什么", region="永嘉县")
    assert "不在所列对象之中" not in plain.answer


def test_a_category_named_in_words_is_not_a_title_named_in_passing() -> None:
    """二 第5类: "我是县科技进步奖二等奖的第1完成人…这个能算县级领军人才吗" (dev55) asks about a category by its name —
    the referral for the unlisted prize stands, not the 第5类 passage the words also match."""
    assert not clauses._title_in_passing("我是县科技进步奖二等奖的第1完成人，这个能算县级领军人才吗？")
    assert clauses._title_in_passing("请个外国教授过来讲课，讲课费能不能按市场价给？")


def test_an_eligibility_clause_quoted_for_a_case_checks_the_case() -> None:
    """附件1 一（一）: 与用人单位签订5年及以上正式劳动合同 — "签的不是劳动合同，是一份5年的技术顾问服务协议…能以我为领衔人报
    创新类项目吗" (dev56) is found through the clause (a 顾问协议 names the contract aspect), and the clause's
    conditions are checked: 不符合, not the passage left for the reader. Words settling nothing get the passage."""
    asked = "跟永嘉这家公司签的不是劳动合同，是一份5年的技术顾问服务协议。我也是项目的关键技术人。能以我为领衔人报创新类项目吗？"
    clause = _best("创新类项目的领衔人要满足什么条件")
    assert clause.citations[0].clause == "附件1 一（一）"
    checked = clauses.computed(clause, asked)
    assert (
        checked is not None and checked.values["eligible"] is False and "不是正式劳动合同" in checked.answer
    )
    assert clauses.computed(clause, "创新类项目的领衔人要满足什么条件") is None


def test_a_contract_with_no_term_is_followed_by_who_decides() -> None:
    """附件1 一（一）counts the contract in years (5年及以上): "签的是无固定期限劳动合同，没写几年" (dev56) is a case the
    text does not settle — the clause, then who decides (五: 县科技局会同县招才局)."""
    asked = "我们跟人才签的是无固定期限劳动合同，没写几年，这个算满足创新类项目的合同年限吗？"
    clause = _best(asked)
    decided = clauses.open_case_decider(asked, clause)
    assert decided is not None and "县科技局会同县招才局" in decided.answer


def test_a_funding_clause_quoted_with_category_and_rating_prices_the_project() -> None:
    """附件1 二（二） found through its 一般不超过 aspect: "项目评下来是特别推荐，按第4类人才算…实际投入预算只有80万…资助会
    不会超过我们的投入" (dev57) is priced — 120万元 by the rating, 80万元 by the investment (一般, the review may
    except) — not the passage alone. Without a category or a rating the passage stands."""
    asked = (
        "是创新项目不是创业。项目评下来是特别推荐，按第4类人才算。问题是我们公司为这个项目的实际投入预算只有80万，"
        "财务那边担心县里的资助会不会超过我们的投入"
    )
    clause = clauses.aspect_clause(asked, "永嘉县")
    assert clause is not None and clause.citations[0].clause == "附件1 二（二）"
    priced = clauses.computed(clause, asked)
    assert priced is not None and "120万元" in priced.answer and "资助总额为80万元" in priced.answer
    assert clauses.computed(clause, "资助会不会超过我们的投入") is None
