"""Rule-based entities: the value is exact (元, category number, tranche) and the role says which slot."""

from __future__ import annotations

import pytest

from nlu_components.entity_rules import extract
from nlu_components.textnorm import normalise


def entities(typed: str) -> list[tuple[str, str | None, object, str]]:
    text = normalise(typed).text
    return [(s.entity, s.role, s.value, s.text) for s in extract(text)]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("项目批了二百七十万", [("amount", "approved_total", 2700000, "270万元")]),
        ("实缴注册资本1,200万元", [("amount", "paid_in_capital", 12000000, "1200万元")]),
        ("项目支出累计280万", [("amount", "spending", 2800000, "280万元")]),
        ("投入了三百万", [("amount", "investment", 3000000, "300万元")]),
        ("销售额到了300w", [("amount", "sales", 3000000, "300w")]),
        ("年薪80万的海外工程师", [("amount", "salary", 800000, "80万元")]),
        ("270万", [("amount", None, 2700000, "270万元")]),
        (
            "贷款500万利率4.35%",
            [("amount", "loan_amount", 5000000, "500万元"), ("percent", None, "4.35", "4.35%")],
        ),
        ("剩下的30%什么时候给", []),  # a tranche share, not a rate
        ("第一期已经拿了", [("tranche", "received", 1, "第1期")]),
        ("第二期怎么申请", [("tranche", "asked", 2, "第2期")]),
        ("拿了两期", [("tranche", "received", 2, "2期")]),
        ("分三期是吧", []),
        ("后面两期的钱", []),
        ("还没拿到钱", [("tranche", "received", 0, "还没拿到钱")]),
        ("资助款还没拨完", []),
        # 附件1 三（一）: "还剩多少没拿" asks what is left; the two tranches paid stand
        ("已经拨付了两期，还剩多少没拿", [("tranche", "received", 2, "2期")]),
        ("第三类人才", [("category", None, 3, "第3类")]),
        ("我是三类人才", [("category", None, 3, "3类")]),
        ("我是三类的，能拿多少", [("category", None, 3, "3类")]),
        # "一类的组织" is "a kind of", not 第1类 (dev48: a 第2类 talent was then told 第1类's 1200万元)
        ("县里有没有人才联谊会一类的组织？", []),
        ("第一类的组织", [("category", None, 1, "第1类")]),
        ("第1-5类", []),
        ("第2、3类", []),
        ("评了个重点推荐", [("review_rating", None, "重点推荐", "重点推荐")]),
        ("我是创新类的", [("project_type", None, "创新", "创新类")]),
        ("创业创新人才有什么政策", []),
        # the type a question likens its own to is not the one asked about; "X和Y一样吗" asks about both
        ("创新类是不是也跟创业类一样", [("project_type", None, "创新", "创新类")]),
        (
            "创新类和创业类一样吗",
            [("project_type", None, "创新", "创新类"), ("project_type", None, "创业", "创业类")],
        ),
        ("我在椒江", [("region", None, "椒江", "椒江")]),
        ("入选温州市海外工程师", []),  # 温州 is not a covered region (policy_kb.editions.resolve_region)
        (
            "省级博士后工作站",
            [
                ("workstation_level", None, "省级", "省级"),
                ("workstation_kind", None, "博士后科研工作站", "博士后工作站"),
            ],
        ),
        ("省级", [("workstation_level", None, "省级", "省级")]),
        # 二 names each category ("第2类：国家级领军人才"): the name is the category, 国家级 no workstation level
        ("国家级领军人才", [("category", None, 2, "国家级领军人才")]),
        ("那如果是市级领军人才呢", [("category", None, 4, "市级领军人才")]),
        # without 人才 (dev54), but not a 领军型 team
        ("那我要是市级领军呢", [("category", None, 4, "市级领军")]),
        ("省级领军型创业创新团队", []),
        ("台州的顶尖人才", [("region", None, "台州", "台州")]),  # 台州's tiers are not 永嘉's categories
        ("钱江技能大奖", [("skills_award", None, "钱江技能大奖", "钱江技能大奖")]),
    ],
)
def test_rule_entities(typed: str, expected: list) -> None:
    assert entities(typed) == expected
