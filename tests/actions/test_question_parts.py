"""A message asking two things of one article gets each part's sub-clause (actions.question_parts)."""

from __future__ import annotations

from typing import Any

from actions.fallback import ActionFallback
from actions.question_parts import question_parts, sibling_replies
from tests.actions.trackers import asked, run_action

YONGJIA = "永嘉县"
DOC = "永委办发〔2016〕82号"


def _quoted(clause: str, text: str) -> list[dict[str, Any]]:
    """A turn's messages: one reply quoting `clause` (as clauses.clause_reply sends it)."""
    return [{"text": text, "custom": {"citations": [{"doc": DOC, "clause": clause, "quote": ""}]}}]


def test_a_message_is_split_into_its_question_parts() -> None:
    assert question_parts("项目最长可以做几年？还有，要是被查出来材料有假会怎么样？") == [
        "项目最长可以做几年？",
        "要是被查出来材料有假会怎么样？",
    ]
    assert question_parts("县里给人才买房有补贴吗") == ["县里给人才买房有补贴吗"]
    # a statement before the question stays with it (a break is where a question ends)
    assert question_parts("我是省千人。在永嘉能拿多少？") == ["我是省千人。在永嘉能拿多少？"]
    assert question_parts("我是省千人，在永嘉创业。") == []


def test_the_sibling_sub_clause_a_second_part_asks_is_quoted() -> None:
    # 附件2 第八条（三）: 必要时进行实地核查 — the whole message matches （五）'s 公示 best (dev27)
    text = "材料交上去以后会不会有人来公司实地查？最后名单谁拍板，要不要公示？"
    replies = sibling_replies(
        text, YONGJIA, _quoted("附件2 第八条（五）", "《公示》：（五）公示。将审定名单…")
    )
    assert len(replies) == 1
    assert "实地核查" in replies[0].text and "附件2 第八条（三）" in replies[0].text
    # 附件1 四（一）: 项目实施期限一般不超过5年, beside 四（三）'s 追缴 (dev35)
    text = "项目最长可以做几年？还有，要是被查出来材料有假会怎么样？"
    replies = sibling_replies(text, YONGJIA, _quoted("附件1 四（三）", "《项目监督和管理》：（三）…追缴…"))
    assert len(replies) == 1 and "5年" in replies[0].text and "附件1 四（一）" in replies[0].text


def test_nothing_is_added_after_a_computed_answer_or_for_a_part_of_another_article() -> None:
    text = "材料交上去以后会不会有人来公司实地查？最后名单谁拍板，要不要公示？"
    # a computed answer (not a quote) already says what its clause gives
    assert sibling_replies(text, YONGJIA, _quoted("附件2 第八条（五）", "按附件2 第七条，奖励4万元。")) == []
    # one question: nothing to split
    assert sibling_replies("名单要不要公示？", YONGJIA, _quoted("附件2 第八条（五）", "《公示》：…")) == []
    # the second part's passage is the 金卡's (附件3), not a sub-clause of 附件2 第八条
    text = "柔性引才的名单要不要公示？金卡能免费去哪些景区？"
    assert sibling_replies(text, YONGJIA, _quoted("附件2 第八条（五）", "《公示》：…")) == []


def test_the_fallback_turn_carries_both_parts() -> None:
    text = "交上去以后谁来审？会不会上门来查？名单要不要公示？"
    tracker = asked("nlu_fallback", text, 0.3, region=YONGJIA)
    _, messages = run_action(ActionFallback(), tracker)
    said = "\n".join(str(m.get("text") or "") for m in messages)
    assert "公示" in said and "实地核查" in said, said
