"""附件1 三: the tranche schedule when the talent gave the category, rating and project type, not a total.

附件1 二（二） sets the total for them (第2、3、4类: 100%/60%/30% of 二（一）'s 600/270/120万元; 第5类:
100%/40%/20% of 100万元), so asking "项目确定的资助总额是多少？" would ask for what we already know.
"""

from __future__ import annotations

import pytest

from actions import topics
from actions.parsing import Facts
from policy_kb.model import Status

TRANCHE = topics.TOPICS["next_tranche"]


@pytest.mark.parametrize(
    ("category", "rating", "ptype", "total", "first"),
    [
        (2, "重点推荐", "创新", "360万元", "第1期50%（180万元）"),  # 600万 × 60%, 三（二）1: 50%
        (4, "一般推荐", "创业", "36万元", "第1期40%（14.4万元）"),  # 120万 × 30%, 三（一）1: 40%
        (5, "特别推荐", "创新", "100万元", "第1期50%（50万元）"),  # 100万 × 100%
        (5, "一般推荐", "创业", "20万元", "第1期40%（8万元）"),  # 100万 × 20%
    ],
)
def test_the_total_set_for_category_and_rating_gives_the_tranches(
    category: int, rating: str, ptype: str, total: str, first: str
) -> None:
    facts = Facts(category=category, review_rating=rating, project_type=ptype)
    result = topics.run(TRANCHE, facts, "永嘉县", "第一期能拿多少")
    assert result.status is Status.OK
    assert f"即{total}" in result.answer and first in result.answer
    assert "一般不超过" in result.answer  # the cap the text puts on the total, with its word 一般
    assert {"附件1 二（一）", "附件1 二（二）"} <= {c.clause for c in result.citations}


def test_a_total_the_talent_gave_wins_over_the_derived_one() -> None:
    facts = Facts(category=2, review_rating="重点推荐", project_type="创新", approved_total=2_000_000)
    result = topics.run(TRANCHE, facts, "永嘉县", "资助200万 第一期多少")
    assert "即360万元" not in result.answer and "100万元" in result.answer


def test_category_1_special_recommendation_is_not_derived() -> None:
    """第1类 特别推荐 is 一事一议: there is no total to compute the tranches from."""
    facts = Facts(category=1, review_rating="特别推荐", project_type="创业")
    result = topics.run(TRANCHE, facts, "永嘉县", "第一期多少")
    assert "资助总额为最高资助标准" not in result.answer
