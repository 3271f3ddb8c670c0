"""Cases the worked splits (dev18, dev63, dev66, dev68, dev72) still missed at stop 44, each pinned on the adapter rule
that answers it, with the texts' clauses named. The writers' own questions are not copied."""

from __future__ import annotations

from actions.fallback import ActionFallback
from actions.parsing import Facts
from actions.question_parts import unanswered_part_clauses
from policy_kb.model import Citation, Result, Status
from tests.actions.trackers import followed_up, run_action

YONGJIA = "永嘉县"
TAIZHOU = "台州市"


def test_a_title_named_now_replaces_the_category_an_earlier_answer_held() -> None:
    """二 第3类 lists 省特级专家; 三（一） gives 第3类 450万元. "那换成省特级专家呢" after a 长江学者's 第2类 must not be
    priced at the 第2类's 800万元 the category slot still holds."""
    tracker = followed_up(
        "ask_benefits",
        "那换成省特级专家呢？",
        "县里最多能给多少奖励资助？",
        "benefits",
        category=2,
        honour=["省特级专家"],
    )
    tracker.latest_message["entities"] = [{"entity": "honour", "value": "省特级专家"}]
    facts = Facts.from_tracker(tracker)
    assert facts.category is None and facts.honours == ["省特级专家"]


def test_a_title_named_now_with_still_replaces_the_earlier_category() -> None:
    """ "还能拿多少" asks the new title's figure; 还 is not a second title held."""
    tracker = followed_up(
        "ask_benefits",
        "那换成省特级专家，还能拿多少？",
        "县里最多给多少？",
        "benefits",
        category=2,
        honour=["省特级专家"],
    )
    assert Facts.from_tracker(tracker).category is None


def test_counts_stated_before_are_added_to_the_ones_asked_now() -> None:
    """台州 七、29.: 每引进1名自主申报的国家、省“千人计划”专家，分别视同完成科研特别重大项目、重大项目 — 2 国家 said
    before and 3 省 said now are 2 科研特别重大项目 and 3 重大项目, not the 3 alone."""
    earlier = "今年我们局引进了两个自主申报成功的国家千人计划专家。"
    text = "接着又来了3个自主申报的省千人，这些合在一起招商考核能抵几个什么项目？"
    tracker = followed_up(
        "nlu_fallback", text, earlier, "category", confidence=0.5, honour=["省“千人计划”入选者"], category=2
    )
    tracker.latest_message["entities"] = [{"entity": "honour", "value": "省“千人计划”入选者"}]
    _, messages = run_action(ActionFallback(), tracker)
    said = "".join(m.get("text") or "" for m in messages)
    assert "2个科研特别重大项目" in said and "3个重大项目" in said


def test_a_count_for_the_matter_of_the_question_before_is_computed_with_it() -> None:
    """台州 五、21.: 配建不低于 5% 的人才专用房 — asked first, then "楼盘有800套，至少配几套" is 40套."""
    earlier = "市里是不是要求新楼盘配人才专用房？"
    text = "我们这个楼盘一共800套，照这个最少得配几套？"
    tracker = followed_up("nlu_fallback", text, earlier, "housing", confidence=0.5, region=TAIZHOU)
    _, messages = run_action(ActionFallback(), tracker)
    assert "40套" in messages[0]["text"] and "五、21." in messages[0]["text"]


def _eligibility_answer() -> Result:
    return Result(
        rule="category_for_honours",
        status=Status.OK,
        region=YONGJIA,
        answer="第1类…附件2 第四条",
        values={"category": 1},
        citations=[Citation(doc="永委办发〔2016〕82号", clause="附件2 第四条", quote="", region=YONGJIA)],
    )


def test_the_clause_a_second_question_part_asks_follows_the_first_parts_answer() -> None:
    """附件2 第七条: 每年度奖励金额最高不超过5万元；同一企业…每年累计…最高不超过15万元 — the second part of "他算不算引才
    对象？企业一年最多能拿多少奖励？" is that clause, not 三（九）'s firm-wide 15万元 the whole message matches."""
    found = unanswered_part_clauses(
        "他算不算引才对象？企业一年最多能拿多少奖励？", YONGJIA, _eligibility_answer()
    )
    assert [c.citations[0].clause for c in found] == ["附件2 第七条"]


def test_each_part_asking_another_clause_gets_it_in_the_parts_order() -> None:
    """附件2 第二条 (what 柔性引进 is: 不改变…关系, 顾问指导…) and 第七条 (20%, 同一企业15万元)."""
    words = "像他这种情况算不算柔性引才？给企业的奖励按报酬的多少比例算、一家企业一年封顶多少？"
    found = unanswered_part_clauses(words, YONGJIA, _eligibility_answer())
    assert [c.citations[0].clause for c in found] == ["附件2 第二条", "附件2 第七条"]


def test_a_message_asking_one_thing_has_no_unanswered_part() -> None:
    assert unanswered_part_clauses("企业一年最多能拿多少奖励？", YONGJIA, _eligibility_answer()) == []


def test_a_title_held_beside_the_earlier_one_keeps_its_category() -> None:
    """二: one person with two titles is read at the higher — "我另外还入选过省千人，按哪个算" after 长江学者 (第2类)
    keeps 第2类, not 省千人's 第3类 alone."""
    tracker = followed_up(
        "ask_benefits",
        "我同时也是浙江省千人计划的，两个都有按哪个算？",
        "我是长江学者，算第几类？",
        "category",
        category=2,
        honour=["省“千人计划”入选者"],
    )
    assert Facts.from_tracker(tracker).category == 2


def test_a_follow_up_naming_another_part_of_the_same_clause_gets_that_part() -> None:
    """台州 二、5.: 建立台州乡村振兴学院… and 选拔培养 1000 名…“农技标兵” are two sentence groups of one clause; a follow-up
    asking the 标兵 after the 学院 gets the 1000 名, not the 学院 group again."""
    earlier = "台州的乡村振兴要建学院吗？"
    text = "那些种养殖的能手，要选出多少个农技标兵？"
    tracker = followed_up("nlu_fallback", text, earlier, "taizhou_plan", confidence=0.5, region=TAIZHOU)
    _, messages = run_action(ActionFallback(), tracker)
    assert "1000" in messages[0]["text"]


def test_the_last_tranche_asked_after_the_first_was_paid_is_the_third() -> None:
    """附件1 三（一）3: 企业销售额达到…资助总额后…拨付第三期30% — "第一期已到账…最后一笔多少、什么条件" is the third's
    180万元 of 600万 and its 销售额 condition, not the second's."""
    from actions.topics import TOPICS, run

    facts = Facts(project_type="创业", approved_total=6_000_000)
    words = "创业项目批了600万，第一期240万已经到账了。最后一笔是多少钱？要满足什么条件？"
    found = run(TOPICS["next_tranche"], facts, YONGJIA, words)
    assert "第3期" in found.answer and "180万元" in found.answer and "销售额" in found.answer


def test_a_talent_selected_through_yongjia_who_starts_a_business_asks_the_project_not_the_employer() -> None:
    """附件1 二（二）: 以永嘉地申报入选…浙江省“千人计划”…的创业人才（含2015年度入选人员）项目…按第3类人才特别推荐的标准 —
    not 三（八）'s 10万元 to the employer; the employer's own words stay 三（八）."""
    from actions.routing import retopic
    from actions.topics import TOPICS

    talent = "我先生2015年在永嘉申报入选省千人计划，现在自己办企业创业，能拿多少？"
    assert retopic(TOPICS["employer_reward"], talent).name == "funding"
    employer = "我们公司在永嘉申报引进的人入选了省千人计划，他在这边创业，公司有奖励吗？"
    assert retopic(TOPICS["employer_reward"], employer).name == "employer_reward"


def test_the_plan_standard_passage_prices_a_talent_selected_through_yongjia() -> None:
    """附件1 二（二）: 以永嘉地申报入选…浙江省“千人计划”…的创业人才（含2015年度入选人员）项目…按第3类人才特别推荐的标准
    给予资助 — 270万元 when the words say so, not the passage alone."""
    from actions import clauses

    passage = Result(
        rule="passage",
        status=Status.OK,
        region=YONGJIA,
        answer="《具体项目资助额度》：…",
        citations=[Citation(doc="永委办发〔2016〕82号", clause="附件1 二（二）", quote="", region=YONGJIA)],
    )
    words = "我先生2015年是在永嘉申报入选的省千人计划，现在自己出来创业了，能按多少资助？"
    found = clauses.computed(passage, words)
    assert found is not None and "270万元" in found.answer
    assert clauses.computed(passage, "省千人计划的项目能资助多少？") is None  # no 创业, no 以永嘉地 said


def test_a_statement_before_stays_part_of_the_follow_up_that_asks_of_it() -> None:
    """台州 五、17.: 政府出资部分收益的50%用于奖励 and 政府出资部分的股权可由科技成果完成人优先回购 are two groups; after the
    statement "政府出资那部分赚了钱会拿一部分出来奖励", "比例多少？股份我能不能先买回来？" still gets the 50% group."""
    earlier = "听说人才创业基金里政府出资那部分赚了钱会拿一部分出来奖励"
    text = "比例是多少？以后政府那部分股份我能不能先买回来？"
    tracker = followed_up("nlu_fallback", text, earlier, "taizhou_plan", confidence=0.5, region=TAIZHOU)
    _, messages = run_action(ActionFallback(), tracker)
    assert "50%" in "".join(m.get("text") or "" for m in messages)
