"""A message asking two things of one article gets each part's sub-clause (actions.question_parts)."""

from __future__ import annotations

from typing import Any

from actions.fallback import ActionFallback
from actions.question_parts import question_parts, sibling_replies
from policy_kb.passages import all_passages
from tests.actions.trackers import asked, run_action

YONGJIA = "永嘉县"
TAIZHOU = "台州市"
DOC = "永委办发〔2016〕82号"
TZ_DOC = "台市委发〔2018〕39号"


def _quoted(clause: str, text: str, doc: str = DOC, quote: str = "") -> list[dict[str, Any]]:
    """A turn's messages: one reply citing `clause` with `quote` (by default the clause's source text) as
    clauses.clause_reply and a computed answer send it."""
    quote = quote or _passage_text(clause, YONGJIA if doc == DOC else TAIZHOU)
    return [{"text": text, "custom": {"citations": [{"doc": doc, "clause": clause, "quote": quote}]}}]


def _passage_text(clause: str, region: str = YONGJIA) -> str:
    """The source text of a clause, as its passages hold it."""
    return "".join(p.text for p in all_passages() if p.citation.clause == clause and p.region == region)


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
    shown = "《公示》：" + _passage_text("附件2 第八条（五）")
    replies = sibling_replies(text, YONGJIA, _quoted("附件2 第八条（五）", shown))
    assert len(replies) == 1
    assert "实地核查" in replies[0].text and "附件2 第八条（三）" in replies[0].text
    # 附件1 四（一）: 项目实施期限一般不超过5年, beside 四（三）'s 追缴 (dev35)
    text = "项目最长可以做几年？还有，要是被查出来材料有假会怎么样？"
    shown = "《项目监督和管理》：" + _passage_text("附件1 四（三）")  # the answer quotes the clause whole
    replies = sibling_replies(text, YONGJIA, _quoted("附件1 四（三）", shown))
    assert len(replies) == 1 and "5年" in replies[0].text and "附件1 四（一）" in replies[0].text


def test_another_sentence_group_of_the_clause_answered_is_quoted() -> None:
    # 台州 二、6. is quoted in part (资助 100 名…出国境培训班); the 资质证书 part is its third group (dev48)
    text = "考了國際公認的行業資質證書，台州有獎勵嗎？台州每年辦幾個出國境培訓班？"
    group = next(p.text for p in all_passages() if p.id == "tz-2-6#2")
    replies = sibling_replies(
        text, TAIZHOU, _quoted("二、6.", "《加快推进本土人才国际化》：" + group, TZ_DOC, group)
    )
    assert len(replies) == 1 and "行业资质证书，按规定予以奖励" in replies[0].text
    # after a computed loan answer (三（三）'s second group), the 孵化器 sentence of its first group (dev51)
    text = "刚开的科技公司能不能直接进县里的孵化器？银行贷款能按多少额度贴息、贴几年？"
    loan = next(p.text for p in all_passages() if p.id == "yj-3-3#2")
    computed = [{"text": "入选市“人才新政十条”科技项目的第3类创业项目…300万元…", "custom": {"citations": [
        {"doc": DOC, "clause": "三（三）", "quote": loan}]}}]  # fmt: skip
    replies = sibling_replies(text, YONGJIA, computed)
    assert len(replies) == 1 and "直接列为县科技孵化器入孵企业" in replies[0].text
    assert "500万元、300万元、200万元" not in replies[0].text  # never the group the figure was computed from


def test_nothing_is_added_after_a_computed_answer_or_for_a_part_of_another_article() -> None:
    text = "材料交上去以后会不会有人来公司实地查？最后名单谁拍板，要不要公示？"
    # a computed answer already says what its clause gives; another article's sub-clause is not added after it
    assert sibling_replies(text, YONGJIA, _quoted("附件2 第八条（五）", "按附件2 第七条，奖励4万元。")) == []
    # one question: nothing to split
    assert sibling_replies("名单要不要公示？", YONGJIA, _quoted("附件2 第八条（五）", "《公示》：…")) == []
    # the second part's passage is the 金卡's (附件3), not a sub-clause of 附件2 第八条
    text = "柔性引才的名单要不要公示？金卡能免费去哪些景区？"
    shown = "《公示》：" + _passage_text("附件2 第八条（五）")
    assert sibling_replies(text, YONGJIA, _quoted("附件2 第八条（五）", shown)) == []


def test_the_fallback_turn_carries_both_parts() -> None:
    text = "交上去以后谁来审？会不会上门来查？名单要不要公示？"
    tracker = asked("nlu_fallback", text, 0.3, region=YONGJIA)
    _, messages = run_action(ActionFallback(), tracker)
    said = "\n".join(str(m.get("text") or "") for m in messages)
    assert "公示" in said and "实地核查" in said, said


def test_after_a_computed_answer_the_parts_own_sentence_of_the_same_group_is_quoted() -> None:
    """台州 六、25.: the reform award computed (30万元) from one sentence of a group whose other sentence is the 股权奖励
    a second part asks (dev51): that sentence alone is quoted — not the group, whose figure was computed."""
    reform = "鼓励企事业单位在人才工作改革方面探索创新，按照在全国、全省可复制推广，分别给予 50 万元、30 万元的一次性奖励"
    computed = [{"text": "按台市委发〔2018〕39号 六、25.，…30万元", "custom": {"citations": [
        {"doc": TZ_DOC, "clause": "六、25.", "quote": reform}]}}]  # fmt: skip
    text = "国企技术骨干拿股权奖励，要在本企业连续干满几年、奖励总额最多按什么比例算？我们单位有个做法被全省推广了，能奖多少？"
    replies = sibling_replies(text, TAIZHOU, computed)
    assert len(replies) == 1 and "15%" in replies[0].text and "连续工作三年以上" in replies[0].text
    assert "30 万元" not in replies[0].text and "创投基金" not in replies[0].text
    # a part asking the computed sentence itself gets nothing more (台州 五、21.'s 配建 5%)
    build = "探索新建商品住房项目中配建不低于 5% 的人才专用房"
    computed = [{"text": "…400 × 5% = 20套", "custom": {"citations": [
        {"doc": TZ_DOC, "clause": "五、21.", "quote": build}]}}]  # fmt: skip
    text = "市里说新建商品房要配人才专用房，比例是多少？一个400套的楼盘至少要配多少套？"
    assert sibling_replies(text, TAIZHOU, computed) == []


def test_a_clause_heading_is_never_quoted_as_a_parts_answer() -> None:
    """三（一）: after the total computed (its quote the award sentence), "这笔钱都包括哪几块？" matched the clause's
    heading sentence "（一）加大领军型创新创业人才奖励资助力度。" (dev48) — a heading answers nothing."""
    award = "第2、3、4、5类人才最高奖励资助额分别为800万元、450万元、200万元、100万元"
    computed = [{"text": "…第2类人才，奖励资助最高800万元…", "custom": {"citations": [
        {"doc": DOC, "clause": "三（一）", "quote": award}]}}]  # fmt: skip
    text = "那我本人按县里的政策，最多能拿多少奖励资助？这笔钱都包括哪几块？"
    assert all(
        "（一）加大领军型创新创业人才奖励资助力度。\n" not in r.text
        for r in sibling_replies(text, YONGJIA, computed)
    )
