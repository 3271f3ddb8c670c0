"""action_small_talk: small talk gets its canned reply; a clause question the model misread as small talk
is answered from that clause, never with "好的，再见！"."""

from __future__ import annotations

import pytest

from actions.small_talk import ActionSmallTalk, says_more
from tests.actions.trackers import asked, run_action

# the chitchat training examples (data/nlu/chitchat.yml) and kin: nothing beyond small talk
SMALL_TALK = [
    ("greet", "您好"),
    ("greet", "你好，人才办吗"),
    ("greet", "在吗"),
    ("greet", "下午好"),
    ("goodbye", "再见"),
    ("goodbye", "先这样吧，再见"),
    ("goodbye", "没有其他问题了，再见"),
    ("goodbye", "88"),
    ("thanks", "谢谢啊，很有帮助"),
    ("thanks", "明白了，谢谢"),
    ("thanks", "辛苦了"),
    ("thanks", "感谢解答"),
    ("affirm", "好的好的"),
    ("affirm", "嗯对"),
    ("affirm", "是滴"),
    ("affirm", "没问题"),
    ("affirm", "就是这个"),
    ("deny", "不用了，谢谢"),
    ("deny", "别的没有了"),
    ("deny", "不是这个意思"),
    ("deny", "先不问了"),
]


@pytest.mark.parametrize(("intent", "text"), SMALL_TALK)
def test_small_talk_gets_its_canned_reply(intent: str, text: str) -> None:
    assert not says_more(text)
    _, messages = run_action(ActionSmallTalk(), asked(intent, text))
    response = {
        "greet": "utter_greet",
        "goodbye": "utter_goodbye",
        "thanks": "utter_youre_welcome",
        "affirm": "utter_affirm_ack",
        "deny": "utter_deny_ack",
    }[intent]
    assert messages == [{**messages[0], "response": response}]
    assert not messages[0].get("text")


@pytest.mark.parametrize(
    ("intent", "text", "clause"),
    [
        ("goodbye", "其他引才方式", "附件2 第五条"),  # 第五条（五） 其他引才方式, read as goodbye
        ("affirm", "对口支援是啥", "附件2 第五条"),  # 第五条（三） 对口支援
        ("goodbye", "其他要交的材料有哪些", "附件2 第八条"),  # 第八条（二）6 其他材料
    ],
)
def test_a_clause_question_read_as_small_talk_is_answered_from_the_clause(
    intent: str, text: str, clause: str
) -> None:
    assert says_more(text)
    _, messages = run_action(ActionSmallTalk(), asked(intent, text))
    assert len(messages) == 1 and not messages[0].get("response")
    assert "再见" not in messages[0]["text"]
    cited = [c["clause"] for c in messages[0]["custom"]["citations"]]
    assert any(c.startswith(clause) for c in cited), cited


def test_words_matching_no_clause_still_get_the_canned_reply() -> None:
    _, messages = run_action(ActionSmallTalk(), asked("goodbye", "我先去吃个饭啦拜拜"))
    assert messages[0].get("response") == "utter_goodbye"
