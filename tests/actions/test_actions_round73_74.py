"""Cases rounds 73/74 (the round-10 brief) and the worked probes dev64/dev72 found in the chat's reading of a
conversation, each pinned on the adapter rule that answers it (the texts' clauses named in each test). The writers'
own questions are not copied."""

from __future__ import annotations

from actions import clauses
from actions.fallback import ActionFallback
from actions.routing import retopic
from actions.topics import TOPICS
from policy_kb.model import Result, Status
from tests.actions.trackers import asked, followed_up, run_action

YONGJIA = "永嘉县"


def _category_answer() -> Result:
    return Result(
        rule="category_for_honours",
        status=Status.OK,
        region=YONGJIA,
        answer="第3类…450万元",
        values={"category": 3},
    )


def test_another_matter_opened_with_lingwai_is_not_a_second_need_in_the_message() -> None:
    """ "另外再问一下，…" after a hotline answer asks one thing: 三（一）'s passage (800万, 200万 … beside the 第3类's
    450万 answered) is not added as another need."""
    passage = Result(
        rule="passage",
        status=Status.OK,
        region=YONGJIA,
        answer="《加大…》：第2、3、4、5类人才…800万元、450万元",
    )
    words = "另外再问一下，省千人来永嘉，奖励资助最多多少？"
    assert not clauses.adds_another_need(passage, _category_answer(), words)


def test_a_category_figure_answered_is_not_followed_by_its_clauses_other_figures() -> None:
    """Even with two needs said, a category's figure answered keeps 三（一）'s other categories out of the reply."""
    passage = Result(
        rule="passage", status=Status.OK, region=YONGJIA, answer="《加大…》：第2、3、4、5类人才…800万元"
    )
    assert not clauses.adds_another_need(
        passage, _category_answer(), "两个问题：省千人奖励多少？金卡怎么领？"
    )


def test_a_few_months_said_is_a_statement_not_a_question() -> None:
    """ "另1位是柔性的，一年来几个月。" states facts (台州 七、29.'s count reads them); "一年来几个月？" asks."""
    assert clauses.is_statement("其中2位是全职过来的，另1位是柔性的，一年来几个月。")
    assert not clauses.is_statement("他一年来几个月？")


def test_a_category_put_to_be_confirmed_is_a_category_question() -> None:
    """二: "…跟市580一样算第4类，是这样吗" asks the title's category, not 三（五）'s award the model read in 首席技师."""
    words = "厂里老师傅是市首席技师，听说首席技师跟市580一样算第4类，是这样吗？"
    assert retopic(TOPICS["skills_award"], words).name == "category"


def test_a_teams_matching_is_the_documents_clause_not_a_projects_conditions() -> None:
    """三（二）: 对入选浙江省领军型创业创新团队的，按照省资助额给予等额配套资助."""
    words = "我们的团队入选了浙江省领军型创业创新团队，县里给不给配套？"
    assert retopic(TOPICS["eligibility"], words).name == "document"


def test_a_research_projects_spending_heads_are_taizhous_clause() -> None:
    """台州 六、27.: 差旅费、会议费和国际合作费实行总额控制…按规定开支劳务费 — not a 博士(后)'s category."""
    assert retopic(TOPICS["category"], "项目里的博士后能从经费里发劳务费吗").name == "taizhou_plan"


def test_whether_a_title_qualifies_for_the_funding_is_not_a_title_in_passing() -> None:
    """附件1 一: 申报对象 are 第1–5类 — "副教授…有资格申请吗" is answered with where the title stands (目录只列正高级
    职称), not with a clause that shares a word with it (附件3 二（七）'s 高级职称)."""
    assert not clauses._title_in_passing("我是外地大学的副教授，想来永嘉带项目，有资格申请县里的项目资助吗？")
    assert clauses._title_in_passing("请个外国教授过来讲课，讲课费能不能按市场价给？")


def test_a_figure_for_the_matter_of_the_message_before_is_computed_with_it() -> None:
    """三（二）: "团队入选了浙江省领军型创业创新团队，县里有配套吗" then "省里给了800万，县里能配多少": 800万元 —
    the team is the message before's, the figure this one's."""
    earlier = "我们公司牵头的团队刚入选浙江省领军型创业创新团队，永嘉县里有没有配套的钱？"
    text = "省里给了我们800万，县里能配多少？"
    tracker = followed_up("nlu_fallback", text, earlier, "document", confidence=0.5, region=YONGJIA)
    _, messages = run_action(ActionFallback(), tracker)
    assert "800万元" in messages[0]["text"] and "三（二）" in messages[0]["text"]


def test_a_term_only_one_text_uses_outweighs_a_region_carried_from_before() -> None:
    """附件3 二（七）: 现轮县专业技术拔尖人才 is 永嘉's word — a region slot left by a 台州 answer gives way to it."""
    from actions.parsing import Facts
    from actions.policy_answers import settle_region

    words = "我是现轮县专业技术拔尖人才，单位高级岗位满了，怎么办？"
    tracker = asked("ask_category", words, region="台州市")
    assert settle_region(TOPICS["category"], Facts(region="台州市"), tracker)[0] == YONGJIA
    named = asked("ask_category", "台州的专业技术拔尖人才怎么评", region="台州市")
    named.latest_message["entities"] = [{"entity": "region", "value": "台州市"}]
    assert settle_region(TOPICS["category"], Facts(region="台州市"), named)[0] == "台州市"


def test_the_capped_funding_of_two_titles_set_side_by_side_is_the_award_not_the_project() -> None:
    """三（一）: "封顶的资助" is 最高奖励资助额 — 省千人 第3类 450万元, 国家千人 第2类 800万元, 350万元 apart (not the
    project standards' 270万/600万)."""
    from actions.topics import _titles_funded

    words = "我是省千人计划入选者，在永嘉算哪类？。那以后我再入选国家千人，封顶的资助能多多少？"
    r = _titles_funded(words, YONGJIA)
    assert r is not None and "350万元" in r.answer and "330万" not in r.answer
