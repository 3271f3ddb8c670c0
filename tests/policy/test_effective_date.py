"""When each document takes effect: its own words and its signing date (edition `dates`), quoted verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_kb import api, registry
from policy_kb.editions import all_editions

SOURCES = Path(__file__).resolve().parents[2] / "policy_kb" / "sources"


@pytest.mark.parametrize("edition_id", sorted(all_editions()))
def test_every_date_quote_is_verbatim_in_its_source(edition_id: str) -> None:
    ed = all_editions()[edition_id]
    text = (SOURCES / ed.meta["source"]).read_text(encoding="utf-8")
    for entry in (ed.meta.get("dates") or {}).values():
        assert entry["quote"] in text, (edition_id, entry)


def test_yongjia_takes_effect_on_its_signing_date_in_its_own_words() -> None:
    """永委办发〔2016〕82号 五: 本意见自发文之日起实施; signed 2016年7月28日."""
    result = api.effective_date("永嘉县")
    assert result.ok and "自2016年7月28日起实施" in result.answer
    assert [c.clause for c in result.citations] == ["五", "落款", "五"]
    # the rest of 五's sentence: how the new policy meets the old ones (dev14: "跟新的重了怎么办")
    assert "与我县已有人才政策有重复、交叉的，按照“从高、不重复”原则执行" in result.answer


def test_taizhou_states_no_separate_effective_date() -> None:
    result = api.effective_date("台州市")
    assert "2018年4月13日" in result.answer and "没有另写施行日期" in result.answer
    assert "自2018年4月13日起实施" not in result.answer  # never a date the text does not state


def test_taizhou_plan_states_its_years_from_its_title() -> None:
    """ "管到哪一年为止" (dev9): the plan's years are in its title, 《高水平建设人才强市行动计划(2018-2020)》."""
    result = api.effective_date("台州市")
    assert "计划期为2018—2020年" in result.answer
    assert "《高水平建设人才强市行动计划(2018-2020)》" in [c.quote for c in result.citations]


@pytest.mark.parametrize(
    ("words", "asked"),
    [
        ("台州市委那个人才强市行动计划是啥时候发的？管到哪一年？", True),  # dev14
        ("这个政策管到哪年", True),
        ("朋友转了个台州市里的人才强市行动计划给我，这个东西是管哪几年的啊？", True),  # dev19
        ("新政是哪年出的", True),
        ("文件从什么时候开始实施", True),
        ("政策里的奖励什么时候发", False),  # money paid, not the document
        ("补贴啥时候发", False),
        ("那个项目资助什么时候发", False),
    ],
)
def test_the_effective_date_rule_names_questions_about_the_document_not_about_money(
    words: str, asked: bool
) -> None:
    assert bool(registry.names(registry.rules()["effective_date"], words)) is asked
