"""永委办发〔2016〕82号 四（二）: awards for the same project are not added up — the higher one is paid.

Why a rule and not only the passage: "一个政策给10万，另一个给15万，最后拿多少" is answered with a figure
(15万元, not 25万元), and that figure comes from the words and the clause's 就高, like any other
computation; the passage alone would leave the talent to do it.
"""

from __future__ import annotations

from policy_kb import reading
from policy_kb.editions import Edition
from policy_kb.model import Missing, Result
from policy_kb.money import fmt_yuan
from policy_kb.rules.base import Trace, guarded

ASK_OFFERS = Missing("offers", "同一项目的几项奖励（补助、资助）分别是多少？")


@guarded("highest_award")
def highest_award(ed: Edition, offers: object = None) -> Result:
    """四（二）: the amounts the words (`offers`) give for the same project — the higher one, not the sum."""
    t = Trace("highest_award", ed)
    found = [a.yuan for a in reading.amounts(str(offers or ""))]
    t.use("rule.highest_not_duplicate")
    if len(found) < 2:
        return t.missing(ASK_OFFERS)
    top = max(found)
    listed = "、".join(fmt_yuan(a) for a in found)
    t.step(f"同一项目的奖励{listed}：就高，按{fmt_yuan(top)}", "rule.highest_not_duplicate")
    return t.ok(
        f"涉及同一项目的奖励（补助、资助），采用“就高”的原则，避免重复资助：{listed}不叠加，"
        # (the sum is not said, even to deny it: a reader skimming figures takes it for the answer — dev46)
        f"按其中较高的{fmt_yuan(top)}执行，两项不相加。",
        offers=found,
        highest=top,
    )
