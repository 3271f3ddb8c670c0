"""三（五）: the award a message names, read from the words when the entity model found none.

The text lists 中华/钱江/瓯江技能大奖, 省/市首席技师 (5万元/2万元), 省/市技能大师工作室 (5万元/3万元) and
新取得国家一级职业资格证书的高级技师 (3000元); anything else is not priced (awards.skills_award).
"""

from __future__ import annotations

import pytest

from policy_kb import api


@pytest.mark.parametrize(
    ("words", "award"),
    [
        ("我們公司新評上了市級「技能大師工作室」", "市技能大师工作室"),  # quotes and 繁體
        ("公司新评上省级技能大师工作室", "省技能大师工作室"),
        ("员工新评上了省首席技式", "省首席技师"),  # one character mistyped
        ("市首席技师有多少", "市首席技师"),  # an exact 市 is never read as 省
        ("5个工人新取得高级技师", "国家一级职业资格高级技师"),
        ("国家级技能大师工作室", None),  # not listed: referred by the rule, never priced
        ("首席技师奖多少", None),  # 省 or 市 unsaid: the rule asks
        ("技术能手", None),
        ("", None),
    ],
)
def test_the_award_named(words: str, award: str | None) -> None:
    assert api.skills_award_named(words) == award


def test_a_named_award_is_priced_from_the_text() -> None:
    result = api.skills_award(api.skills_award_named("新评上了市级技能大师工作室"), region="永嘉县")
    assert "3万元" in result.answer and result.citations[0].clause == "三（五）"


def test_another_level_is_not_a_slip_of_a_listed_one() -> None:
    """三（五） lists 新取得国家一级职业资格证书的高级技师: 二级职业资格（技师） is another level the text does not
    list, not a one-character slip of 一级 (dev18: it was priced at 3000元)."""
    assert api.skills_award_named("我刚考出来的是国家二级职业资格（技师），我这个二级的能领吗？") is None
    assert api.skills_award_named("新取得一级职业资格") == "国家一级职业资格高级技师"


def test_the_level_said_loosely_and_the_award_named_last() -> None:
    """三（五）: 省里的首席技师 is 省首席技师 (dev33); with two awards in the words read together, the one named last
    is asked ("我刚评上市首席技师…我徒弟…是高级技师，他能拿多少", dev31)."""
    from policy_kb.rules.awards import skills_award_named

    assert skills_award_named("说错了，我是刚被评为省里的首席技师") == "省首席技师"
    assert skills_award_named("市里面评的技能大师工作室") == "市技能大师工作室"
    merged = "我刚评上市首席技师，永嘉有奖金没。我徒弟刚考出了国家一级职业资格证书，是高级技师，他能拿多少"
    assert skills_award_named(merged) == "国家一级职业资格高级技师"
