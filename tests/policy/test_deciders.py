"""Who decides what a clause leaves open: named from the text itself, quoted, never invented."""

from __future__ import annotations

import pytest

from policy_kb.deciders import who_decides
from policy_kb.editions import edition
from policy_kb.passages import source_text

YONGJIA_HOTLINE = "0577-57756270"


@pytest.mark.parametrize(
    ("clause", "who", "cited"),
    [
        # 附件1 五: 本办法由县科技局会同县招才局（县委人才办）等部门组织实施
        ("附件1 四（一）", "县科技局会同县招才局（县委人才办）", "附件1 五"),
        ("附件1 三（一）2", "县科技局会同县招才局（县委人才办）", "附件1 五"),
        # 附件2 第十一条: 本办法由县招才局（县委人才办）组织实施
        ("附件2 第七条", "县招才局（县委人才办）", "附件2 第十一条"),
        # the main text: 四（一）由县委人才工作领导小组组织实施，县招才局（县委人才办）牵头协调
        ("三（三）", "县招才局（县委人才办）", "四（一）"),
    ],
)
def test_yongjia_names_the_body_its_text_puts_in_charge_and_the_hotline(
    clause: str, who: str, cited: str
) -> None:
    result = who_decides("永嘉县", clause)
    assert result is not None and result.ok
    assert f"以{who}的认定为准" in result.answer and YONGJIA_HOTLINE in result.answer
    assert [c.clause for c in result.citations] == [cited, "附件3 二（一）"]
    text = source_text("yongjia_2016_82.txt")
    assert all(c.quote in text for c in result.citations)


def test_every_yongjia_decider_is_quoted_from_its_fact() -> None:
    ed = edition("yongjia-2016")
    for entry in ed.meta["deciders"]:
        assert entry["who"] in ed.param(entry["fact"]).citation.quote


def test_a_taizhou_clause_names_its_own_responsible_units() -> None:
    result = who_decides("台州市", "六、24.")
    assert result is not None
    assert "请咨询本条的责任单位：市发改委、" in result.answer
    assert result.citations[0].clause == "六、24." and result.citations[0].quote.startswith("（责任单位：")
    assert result.citations[0].quote in source_text("taizhou_2018_39.txt")


def test_units_already_shown_with_the_passage_are_referred_to_not_repeated() -> None:
    shown = "24. 建立市域人才一体化均衡化发展机制。…（责任单位：市发改委、台州湾循环经济产业集聚区管委会、台州经济开发区管委会、市建设局<规划局>、市人力社保局、市科技局、市财政局、市委组织部、各县市区）"
    result = who_decides("台州市", "六、24.", shown)
    assert result is not None and result.answer == "原文没有写明的具体情形，请咨询本条所列的责任单位。"


def test_no_one_is_invented_where_the_text_names_no_one() -> None:
    assert who_decides("台州市", "一、人才平台全面升级") is None  # a target names no unit
    assert who_decides("杭州市", "三（三）") is None


def test_a_clause_naming_its_own_lead_unit_is_referred_to_it_with_the_hotline() -> None:
    """永嘉 附件3 二（四）: （牵头单位：县审管办，配合单位：…） — the clause's own unit, before the edition's."""
    result = who_decides("永嘉县", "附件3 二（四）")
    assert result is not None
    assert result.answer.startswith("原文没有写明的具体情形，请咨询本条的牵头单位：县审管办")
    assert YONGJIA_HOTLINE in result.answer
    assert [c.clause for c in result.citations] == ["附件3 二（四）", "附件3 二（一）"]
