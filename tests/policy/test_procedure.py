"""policy_kb.procedure: a short follow-up asking the procedure of the clause just answered.

Each case is a clause of the texts and what it does or does not say about conditions, materials, the
office and timing ("要符合什么条件？要交哪些材料？多久能到账？" after 三（七）'s 购房补贴, dev11; the same words
after 柔性引才 or a 首席技师 award had got the tranche table)."""

from __future__ import annotations

import pytest

from policy_kb.procedure import procedure_answer, procedures_asked


@pytest.mark.parametrize(
    ("words", "asked"),
    [
        ("要符合什么条件？要交哪些材料？多久能到账？", ["conditions", "materials", "timing"]),
        ("要什么条件", ["conditions"]),
        ("要交哪些材料", ["materials"]),
        ("找谁办", ["office"]),
        ("去哪个部门申请？", ["office"]),
        ("这个钱什么时候到账", ["timing"]),
        ("怎么申请", ["steps"]),
        # a matter of its own is named: the ordinary routes read it
        ("第二期要交什么材料", []),
        ("台州的人才贷找谁办", []),
        ("创新类要什么条件", []),
        ("我是国家千人，要什么条件", []),
        ("最多多少", []),
        ("", []),
    ],
)
def test_the_procedures_a_follow_up_asks(words: str, asked: list[str]) -> None:
    assert [p.name for p in procedures_asked(words)] == asked


def test_housing_conditions_are_the_clause_s_own_and_what_it_leaves_unstated_goes_to_who_decides() -> None:
    """三（七）: 符合有关条件的 … 具体按永政发〔2015〕203号执行. It names no materials and no timing: the answer says
    so and who decides (县招才局, the hotline) — not 附件1 一's project conditions."""
    result = procedure_answer("要符合什么条件？要交哪些材料？多久能到账？", "永嘉县", "三（七）")
    assert result is not None and result.ok
    assert "永政发〔2015〕203号" in result.answer and "符合有关条件的" in result.answer
    assert "这一条没有写明需要提交的材料、办理和到账的时间" in result.answer
    assert "县招才局（县委人才办）" in result.answer and "0577-57756270" in result.answer
    assert "创业类项目" not in result.answer
    assert {c.clause for c in result.citations} >= {"三（七）"}


def test_flexible_reward_materials_are_article_8_s_list() -> None:
    """附件2 第八条（二）: 须提供的材料包括 1．合作协议或合同 … 4．个人所得税缴纳证明 — asked after 第七条's reward."""
    result = procedure_answer(
        "要交哪些材料", "永嘉县", "附件2 第七条", "柔性引进一个专家，年薪50万，企业能拿多少奖励。要交哪些材料"
    )
    assert result is not None
    assert "须提供的材料包括" in result.answer and "个人所得税缴纳证明" in result.answer
    assert result.citations[0].clause == "附件2 第八条（二）"
    assert "没有写明" not in result.answer.splitlines()[0]


def test_a_main_text_clause_reaches_the_attachment_it_refers_to() -> None:
    """三（九） ends 《永嘉县鼓励企业柔性引进人才暂行办法》见附件2: its materials are 附件2 第八条's."""
    result = procedure_answer("要交哪些材料", "永嘉县", "三（九）", "柔性引才奖励 要交哪些材料")
    assert result is not None and result.citations[0].clause == "附件2 第八条（二）"


def test_an_award_s_timing_the_text_does_not_state_is_referred() -> None:
    """三（五） states the 首席技师 award (5万元) and nothing of when it is paid."""
    result = procedure_answer("多久能到账", "永嘉县", "三（五）")
    assert result is not None
    assert "省“首席技师”、市“首席技师”的分别给予5万元、2万元奖励" in result.answer
    assert "这一条没有写明办理和到账的时间" in result.answer
    assert "县招才局（县委人才办）的认定为准" in result.answer


def test_a_taizhou_clause_s_office_is_its_own_units_note() -> None:
    """台州 五、17.: (责任单位：市金融办、市财政局、市金投公司、各县市区)."""
    result = procedure_answer("找谁办", "台州市", "五、17.", "台州的人才贷是什么。找谁办")
    assert result is not None and "市金融办" in result.answer
    assert all(c.clause == "五、17." for c in result.citations)


def test_no_answer_for_other_words_or_an_unknown_clause() -> None:
    assert procedure_answer("第二期要交什么材料", "永嘉县", "附件1 三（一）2") is None
    assert procedure_answer("要什么条件", "永嘉县", "九十九（九）") is None
    assert procedure_answer("要什么条件", "杭州市", "三（七）") is None
