"""Cases the worked splits (dev46, dev77) still missed at stop 45, each pinned on the adapter rule that answers it, with
the texts' clauses named. The writers' own questions are not copied."""

from __future__ import annotations

from actions.policy_answers import ActionAnswerPolicy
from tests.actions.trackers import asked, followed_up, run_action


def _said(intent: str, text: str, **slots: object) -> str:
    _, messages = run_action(ActionAnswerPolicy(), asked(intent, text, region="永嘉县", **slots))
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


def test_a_title_brought_in_flexibly_is_article_fours_object_and_the_firms_reward() -> None:
    """附件2 第四条 (对象: 第1–5类) and 第七条 (20%, 每人每年最高5万元): "长江学者 柔性引进 算几类 企业奖多少" is the
    title's category and the firm's reward — not 三（一）'s 800万元 award to a 第2类 talent."""
    said = _said("ask_category", "长江学者 柔性引进过来 算几类 企业奖多少")
    assert "第2类" in said and "附件2 第四条" in said and "20%" in said
    assert "800万" not in said


def test_a_skills_title_hired_part_time_prices_the_firms_reward_not_the_skills_award() -> None:
    """三（五） pays 市“首席技师” 2万元 when newly named; a firm hiring one part-time at 10万 a year gets 附件2 第七条's
    10万 × 20% = 2万元 as 引才奖励 — the same figure by chance, so the clause is what is checked."""
    said = _said("ask_skills_award", "我们请了个温州市首席技师来兼职带徒弟，一年给他10万，企业能拿多少奖励？")
    assert "附件2 第七条" in said and "20%" in said
    assert "新评定为市“首席技师”" not in said


def test_each_of_several_people_brought_in_flexibly_gets_their_own_category() -> None:
    """附件2 第四条 and 第七条 for three people: 5万 (capped) + 5万 + 2万 = 12万元, each title's own category."""
    said = _said(
        "ask_category",
        "柔性引进了三个专家，一个是中科院院士，一年给40万；一个是省特级专家，一年25万；还有一个是正高职称，一年10万。"
        "他们分别算哪类？加起来一年能拿多少？",
        honour=["中国科学院院士", "省特级专家", "具有正高级职称的专业技术人才"],
    )
    assert "第1类" in said and "第3类" in said and "第5类" in said and "12万元" in said
    assert "最高类别" not in said


def test_no_figure_for_several_people_while_one_title_is_not_listed() -> None:
    """附件2 第四条: the 对象 are 第1–5类; 获得博士学位人才 is 第5类, 硕士 is not listed. Two people at 30万 each: not 2 × 5万
    = 10万元 as if both counted — the rule (20%, 每人每年最高5万元) for those listed, the 硕士 after 认定."""
    tracker = followed_up(
        "ask_flexible_intro",
        "两个人公司一年能拿多少引才奖励？",
        "我们想柔性引进两个外地人做技术顾问，一个是博士，另一个是硕士，每人一年计税报酬都是30万。",
        "flexible_intro",
        region="永嘉县",
        honour=["获得博士学位人才", "硕士"],
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    said = "\n".join(m.get("text") or "" for m in messages)
    assert "第5类" in said and "不在永嘉县第1–5类人才目录中" in said and "经认定后才计入" in said
    assert "10万元" not in said


def test_the_talents_own_award_asked_by_an_adviser_stays_the_award() -> None:
    """三（一）: 符合我县产业发展导向，经评审认定，在永嘉创业创新的第2类人才 最高800万元. A 国家千人 who is only an adviser to a
    firm asks about that award for himself: the award's conditions, not 附件2's reward to the firm."""
    said = _said(
        "ask_benefits",
        "我是国家千人，人在上海，就是挂个名在永嘉一家公司当顾问。听说县里给国家级人才800万，我这样能不能拿？",
        honour=["国家“千人计划”人选"],
    )
    assert "在永嘉创业创新" in said and "800万" in said
    assert said.startswith("按永嘉县人才新政") and "永委办发〔2016〕82号 附件2 第五条：" not in said


def test_a_title_corrected_after_a_flexible_reward_stays_the_firms_reward() -> None:
    """附件2 第七条's 20% does not depend on the category: "搞错了，他其实是国家千人计划的。那奖励是不是能多一些？" after a
    省千人's 20万 reward asks 第七条 again (4万元), not 三（一）'s 800万元 for a 第2类 talent."""
    tracker = followed_up(
        "ask_benefits",
        "不好意思搞错了，他其实是国家千人计划的。那奖励是不是能多一些？",
        "我们请了个省千人计划的专家做兼职，一年报酬20万，企业能奖多少？",
        "flexible_intro",
        region="永嘉县",
        honour=["国家“千人计划”人选"],
    )
    _, messages = run_action(ActionAnswerPolicy(), tracker)
    said = "\n".join(m.get("text") or "" for m in messages)
    assert "附件2 第七条" in said and "800万" not in said


def test_a_flexibly_brought_talents_own_benefits_are_not_the_firms_reward() -> None:
    """附件2 第九条 (柔性引进的人才在永服务期限内，可享受以下优惠政策) is the talent's; a benefits question naming 柔性 that
    asks neither a category nor the firm's reward is not moved to the reward."""
    from actions.routing import TOPICS, retopic

    assert retopic(TOPICS["benefits"], "柔性引进的专家本人在永嘉能享受什么待遇").name == "benefits"
    assert retopic(TOPICS["benefits"], "柔性引进一个长江学者，企业能奖多少").name == "flexible_intro"
