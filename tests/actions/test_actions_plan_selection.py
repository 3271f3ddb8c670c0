"""附件1 二（二）第2段 in a conversation: where a plan selection was applied for is often told in one
message and the amount asked in the next ("当年是通过杭州的单位申报入选的。" → "能直接按第2类特别推荐拿600万吗")."""

from __future__ import annotations

from actions.policy_answers import ActionAnswerFunding
from tests.actions.trackers import asked, run_action

FIRST = "我是国家千人计划专家，当年是通过杭州的单位申报入选的。"
SECOND = "现在来永嘉创业，能直接按第2类特别推荐拿600万吗"


def _reply(first: str, second: str) -> str:
    tracker = asked("ask_benefits_funding", second, honour=["国家千人计划"], region="永嘉县")
    tracker.events = [
        {"event": "user", "timestamp": 0.5, "text": first, "parse_data": {"text": first}},
        *tracker.events,
    ]
    _, messages = run_action(ActionAnswerFunding(), tracker)
    return "\n".join(str(m.get("text") or "") for m in messages)


def test_a_selection_applied_for_elsewhere_is_not_priced_by_the_plan_rule() -> None:
    reply = _reply(FIRST, SECOND)
    assert "不属于这一情形" in reply and "以永嘉地申报入选国家千人计划" in reply
    # the category's review bands, not "可获600万元" as if 以永嘉地 applied
    assert "重点推荐60%即360万元" in reply and "可获科技项目资助600万元" not in reply
    assert "认定为准" in reply


def test_a_selection_applied_for_in_yongjia_is_priced_by_the_plan_rule() -> None:
    reply = _reply("我是国家千人计划专家，当年是通过永嘉的企业申报入选的。", SECOND)
    assert "不属于这一情形" not in reply and "600万元" in reply
