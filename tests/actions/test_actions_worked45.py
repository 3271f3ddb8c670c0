"""Cases the worked splits (dev46, dev77) still missed at stop 45, each pinned on the adapter rule that answers it, with
the texts' clauses named. The writers' own questions are not copied."""

from __future__ import annotations

from actions.policy_answers import ActionAnswerPolicy
from tests.actions.trackers import asked, run_action


def _said(intent: str, text: str) -> str:
    _, messages = run_action(ActionAnswerPolicy(), asked(intent, text, region="永嘉县"))
    return "\n".join(m.get("text") or "" for m in messages)


def test_what_a_funded_firm_owes_each_year_is_the_yearly_report_not_how_to_apply() -> None:
    """附件1 四（二）: 项目所在单位在实施期限内每年向县科技局作一次项目情况的书面汇报 — "钱批下来之后，单位每年还要干点啥，
    跟哪个部门报" asks that, though it also names 项目资助 and 哪个部门 (附件1 三's 向县科技部门提出申请)."""
    said = _said("ask_project_eligibility", "项目资助批下来之后，单位每年还要干点啥？跟哪个部门报？")
    assert "书面汇报" in said and "附件1 四（二）" in said
    assert "签订科技项目合同" not in said


def test_a_third_year_asked_with_a_rough_tax_is_refused_by_the_tax() -> None:
    """三（三）: 两年…全额贴息; 3年内若企业税收额达到500万元的，再择优给予…1年. "税收三年也就一百多万" settles that the third
    year is not met, before any category is asked."""
    said = _said("ask_loan_interest", "贷款签了三年，前两年贴息了，第三年还能贴吗？我们三年税收也就一百多万")
    assert "不到200万元" in said and "未达到500万元" in said and "贴息只有2年" in said
    assert "您属于第几类" not in said
