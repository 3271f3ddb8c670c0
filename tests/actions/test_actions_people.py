"""Head counts read from the words (附件2 第七条 and 三（四） cap per person and per firm)."""

from __future__ import annotations

import pytest

from actions import topics
from actions.parsing import Facts, people


@pytest.mark.parametrize(
    ("message", "count"),
    [
        ("海外工程师 2人 年薪80万", 2),
        ("4人 每人30万", 4),
        ("柔性引进了两位专家", 2),
        ("十二名专家", 12),
        ("请了两个技术高管，都入选了温州的海外工程师，年薪每人40万", 2),  # a kind before the noun (dev45)
        ("两个外籍专家", 2),
        ("两个技术", None),  # a kind with no person after it
        ("我一个人", None),  # one person is the rule's default, not a count to pass
        ("年薪80万元人民币", None),
        ("柔性引进人才有什么奖励", None),
    ],
)
def test_people(message: str, count: int | None) -> None:
    assert people(message) == count


def test_overseas_engineer_topic_computes_for_each_person() -> None:
    result = topics.run(
        topics.TOPICS["overseas_engineer"], Facts(salary=800_000), "永嘉县", "海外工程师 2人 年薪80万"
    )
    assert "2人合计40万元" in result.answer


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("柔性引才合作协议里面要写哪些内容？", "第六条"),
        ("柔性引才奖励什么时候能发到企业？", "第八条"),
        ("柔性引才奖励怎么算", "第七条"),
    ],
)
def test_flexible_question_is_answered_from_its_own_article(question: str, clause: str) -> None:
    result = topics.run(topics.TOPICS["flexible_intro"], Facts(), "永嘉县", question)
    assert result.ok and any(clause in c.clause for c in result.citations), result.answer


@pytest.mark.parametrize(
    "question",
    [
        "柔性引进的专家拿了市级重大科技奖，县里有没有配套奖励",  # 第九条（二）
        "柔性过来的教授，想给他申请购房补贴可以吗，能给多少",  # 第九条 (一人一策), not 第七条's "多少"
        "兼职专家以后转为全职在永嘉工作，能享受什么",  # 第九条（三）
    ],
)
def test_a_flexible_talents_own_benefits_are_article_nine_not_the_firms_reward(question: str) -> None:
    result = topics.run(topics.TOPICS["flexible_intro"], Facts(), "永嘉县", question)
    assert result.ok and [c.clause for c in result.citations] == ["附件2 第九条"], result.answer
    assert "20%" not in result.answer


def test_a_personal_award_is_matched_with_the_same_amount() -> None:
    """附件2 第九条（二）: 重大科技奖项（个人）的，给予同等额度的资金奖励."""
    result = topics.run(
        topics.TOPICS["flexible_intro"],
        Facts(),
        "永嘉县",
        "兼职专家在永嘉的成果获省科技奖，个人奖金8万，县里给多少",
    )
    assert "同等额度即8万元" in result.answer


@pytest.mark.parametrize(
    ("question", "verdict"), [("柔性引才协议签9个月行不行", "不符合"), ("协议签两年可以吗，柔性引才", "符合")]
)
def test_an_agreements_term_is_checked_against_one_year(question: str, verdict: str) -> None:
    """附件2 第六条（二）: 约定一年以上服务期限."""
    result = topics.run(topics.TOPICS["flexible_intro"], Facts(), "永嘉县", question)
    assert result.answer.startswith(verdict + "：") and "附件2 第六条" in result.answer


def test_the_years_already_counted_end_the_reward_after_three() -> None:
    """附件2 第七条: 同一人累计计入企业引才奖励年度不超过3年 — the answer still says what each year gave."""
    result = topics.run(
        topics.TOPICS["flexible_intro"],
        Facts(salary=300_000),
        "永嘉县",
        "顾问每年计税报酬30万，已经领了3年奖励，今年还有吗",
    )
    assert result.values["amount"] == 0 and "不超过3年" in result.answer and "每年5万元" in result.answer


def test_flexible_reward_without_pay_gives_the_rule_then_offers_to_compute() -> None:
    result = topics.run(topics.TOPICS["flexible_intro"], Facts(), "永嘉县", "柔性引进人才有什么奖励")
    assert result.ok and "20%" in result.answer and [m.name for m in result.offers] == ["salary"]


def test_two_people_with_their_own_salaries_are_computed_one_by_one() -> None:
    """三（四）: bands per engineer — 60万 is 50–70万 (15万元), 120万 is 100万 and above (30万元)."""
    result = topics.run(
        topics.TOPICS["overseas_engineer"],
        Facts(salary=1_200_000),
        "永嘉县",
        "一位年薪60万，另一位年薪120万，都入选了海外工程师，一共能拿多少",
    )
    assert "45万元" in result.answer


def test_flexible_reward_for_two_pays_caps_each_person() -> None:
    """附件2 第七条: 20% each, at most 5万元 a person — 50万 → 5万元, 10万 → 2万元."""
    result = topics.run(
        topics.TOPICS["flexible_intro"],
        Facts(salary=500_000),
        "永嘉县",
        "一个年计税报酬50万，一个10万，奖励一共多少",
    )
    assert "7万元" in result.answer


def test_a_second_amount_that_is_not_another_person_s_pay_is_not_a_salary() -> None:
    """附件2 第七条 for one person: 50万 × 20% is capped at 5万元; "能拿10万吗" asks about a figure, it is
    not a second person's pay (which would give 7万元)."""
    result = topics.run(
        topics.TOPICS["flexible_intro"], Facts(salary=500_000), "永嘉县", "专家年计税报酬50万，我们能拿10万吗"
    )
    assert "7万元" not in result.answer and "5万元" in result.answer


def test_an_engineer_not_selected_gets_the_condition_not_the_grant() -> None:
    """三（四） is for engineers selected as 温州市“海外工程师”: "没入选…呢" is told so, then the figure if selected."""
    question = "永嘉的海外工程师，年薪80万的补多少？ 如果这个人没入选温州市的“海外工程师”呢？"
    result = topics.run(topics.TOPICS["overseas_engineer"], Facts(salary=800_000), "永嘉县", question)
    assert not result.ok and "这一条不适用" in result.answer and "如果入选" in result.answer


def test_several_skills_awards_are_added_and_two_compared() -> None:
    """三（五）: each award times its head count, summed; two levels asked for their difference."""
    topic = topics.TOPICS["skills_award"]
    summed = topics.run(
        topic, Facts(), "永嘉县", "一个人评上瓯江技能大奖，还有两个人评上市首席技师，一共多少？"
    )
    assert "9万元" in summed.answer
    together = topics.run(  # 合起来 asks the total too (dev23)
        topic,
        Facts(),
        "永嘉县",
        "有个焊工评成了省首席技师，公司也挂上了市级技能大师工作室，这两项合起来能拿多少？",
    )
    assert "5万元 + 3万元 = 8万元" in together.answer
    compared = topics.run(topic, Facts(), "永嘉县", "省级技能大师工作室和市级技能大师工作室，资助差多少？")
    assert "相差2万元" in compared.answer
    # a follow-up naming the other level alone is about that level, not a sum
    one = topics.run(topic, Facts(), "永嘉县", "市级技能大师工作室资助多少 那省级技能大师工作室呢")
    assert "合计" not in one.answer and "相差" not in one.answer


def test_two_single_services_named_are_both_answered() -> None:
    """附件3 二（一） 服务专线 and 二（三） 金卡 asked together: both, each from its own clause."""
    result = topics.run(
        topics.TOPICS["hotline"], Facts(), "永嘉县", "在永嘉的高层次人才有没有专门的服务专线或者服务卡？"
    )
    clauses = {c.clause for c in result.citations}
    assert "0577-57756270" in result.answer and "金卡" in result.answer
    assert {"附件3 二（一）", "附件3 二（三）"} <= clauses
    loose = topics.run(  # the card said loosely (dev23)
        topics.TOPICS["hotline"],
        Facts(),
        "永嘉县",
        "县里给人才发一张卡，还有专门打电话反映问题的线路，这是啥？",
    )
    assert "0577-57756270" in loose.answer and "金卡" in loose.answer


def test_a_taizhou_housing_question_about_another_part_of_its_clause_gets_that_part() -> None:
    """台州 五、21.: 配建 5% 人才专用房 and 公租房 as temporary homes are in the clause beside 房票."""
    topic = topics.TOPICS["housing"]
    share = topics.run(topic, Facts(), "台州市", "台州新建商品房项目里有没有人才专用房？ 配建比例是多少？")
    assert "5%" in share.answer and [c.clause for c in share.citations] == ["五、21."]
    rental = topics.run(topic, Facts(), "台州市", "台州的公租房能調劑給人才臨時住嗎？有什麼前提？")
    assert "保障性需求" in rental.answer


def test_each_tranche_asked_about_gets_its_conditions() -> None:
    """附件1 三（一）2 and 3: "第二期30%什么条件？最后那30%又要啥条件？" — both tranches' conditions."""
    result = topics.run(
        topics.TOPICS["next_tranche"],
        Facts(project_type="创业", tranches_received=1),
        "永嘉县",
        "永嘉创业类项目第二期30%什么条件下能申请？最后那30%又要啥条件？",
    )
    assert "项目支出" in result.answer and "销售额" in result.answer


@pytest.mark.parametrize(
    ("award", "words", "shown", "not_shown"),
    [
        # 5万元 and 2万元, not 7万元 for one worker (dev9)
        (
            "市首席技师",
            "新评上了省首席技师，县里奖多少？要是市首席技师又是多少？",
            ("5万元", "2万元"),
            "合计",
        ),
        # the other level named alone is that level's award (dev9)
        (
            "市技能大师工作室",
            "我们公司新评上了市级技能大师工作室，县里有资助吗？省级的话又是多少？",
            ("3万元", "5万元"),
            "合计",
        ),
        # no other level named: the one award only
        ("市技能大师工作室", "市级技能大师工作室资助多少", ("3万元",), "5万元"),
    ],
)
def test_awards_asked_about_one_by_one_get_each_figure_and_no_total(
    award: str, words: str, shown: tuple[str, ...], not_shown: str
) -> None:
    """三（五）: awards asked one by one ("省首席技师奖多少？要是市首席技师又是多少") get each figure, no total."""
    result = topics.run(topics.TOPICS["skills_award"], Facts(skills_award=award), "永嘉县", words)
    assert all(figure in result.answer for figure in shown) and not_shown not in result.answer


def test_one_station_kind_at_levels_listed_gets_each_level() -> None:
    """三（六）: "院士专家工作站…省级和市级各多少" — 50万元 and 20万元, each one-off, no total; asked 加起来, the total."""
    topic = topics.TOPICS["workstation"]
    each = topics.run(topic, Facts(), "永嘉县", "院士专家工作站在永嘉建站有补助吗？省级和市级各多少？")
    assert "50万元" in each.answer and "20万元" in each.answer and "合计" not in each.answer
    summed = topics.run(topic, Facts(), "永嘉县", "省级博士后工作站和市级院士专家工作站加起来多少")
    assert "合计40万元" in summed.answer


def test_levels_listed_without_a_word_between_them_are_each_priced() -> None:
    """三（六）: "永嘉院士专家工作站 省级市级 建站补助各多少" (dev45) — 50万元 and 20万元, as with 和 between them."""
    each = topics.run(
        topics.TOPICS["workstation"], Facts(), "永嘉县", "永嘉院士专家工作站 省级市级 建站补助各多少"
    )
    assert "50万元" in each.answer and "20万元" in each.answer


def test_salaries_asked_apart_get_each_band_and_no_total() -> None:
    """三（四）: "年薪刚好50万按哪档给？年薪120万的给多少？省级重点国外智力项目县里配不配套？" (dev48) asks two cases,
    not two people: 15万元 and 30万元 with no 合计, and the clause's 等额配套 for the third part."""
    words = "海外工程师年薪刚好50万按哪档给？年薪120万的给多少？省级重点国外智力项目县里配不配套？"
    result = topics.run(topics.TOPICS["overseas_engineer"], Facts(), "永嘉县", words)
    assert "按每人15万元" in result.answer and "按每人30万元" in result.answer
    assert "合计" not in result.answer and "等额配套" in result.answer
    # two people's pay said with 分别 are still summed
    both = topics.run(
        topics.TOPICS["overseas_engineer"],
        Facts(),
        "永嘉县",
        "两个海外工程师年薪分别是50万和120万，一共补多少？",
    )
    assert "合计45万元" in both.answer


def test_the_tranches_after_the_one_asked_are_given_with_their_amounts() -> None:
    """附件1 三（一）: "批了270万，第一期能拿多少？后面两期怎么给？" — 108万元, then 81万元 and 81万元 (dev9)."""
    result = topics.run(
        topics.TOPICS["next_tranche"],
        Facts(tranches_received=0),  # the model's reading of 第一期 asked
        "永嘉县",
        "我在永嘉的创业项目批了270万，第一期能拿多少？后面两期怎么给？",
    )
    assert "108万元" in result.answer
    assert "第2期30%，即81万元；第3期30%，即81万元" in result.answer


def test_a_first_tranche_asked_with_whether_it_is_paid_at_once_says_how_many_there_are() -> None:
    """附件1 二（二）、三（二）: 第5类 创新 重点推荐 = 100万元 × 40% = 40万元, paid 50% / 50% — "这笔钱是一次性给吗？
    第一次能到手多少" is 20万元 now and 20万元 in a second tranche (dev12)."""
    facts = Facts(category=5, review_rating="重点推荐", project_type="创新")
    result = topics.run(
        topics.TOPICS["next_tranche"], facts, "永嘉县", "这笔钱是一次性给吗？第一次能到手多少？"
    )
    assert "第1期拨付资助总额的50%，即20万元" in result.answer
    assert "资助共分2期拨付，第1期之后：第2期50%，即20万元" in result.answer
    plain = topics.run(topics.TOPICS["next_tranche"], facts, "永嘉县", "第一次能到手多少？")
    assert "之后" not in plain.answer  # only the tranche asked, when nothing else is


def test_a_plan_talent_s_first_tranche_is_priced_on_the_plan_standard_after_a_category_answer() -> None:
    """附件1 二（二）: 以永嘉地申报入选国家“千人计划”的创业人才 … 按第2类人才特别推荐的标准 (600万元), so its
    first tranche is 40% = 240万元 — also when an earlier answer already set 第2类 (dev13)."""
    text = (
        "他是国家千人，当时是用永嘉企业的名义申报入选的，现在在永嘉搞创业项目。"
        "那他的项目资助按哪个标准算？批下来以后第一笔钱能先拿多少？"
    )
    facts = Facts(honours=["国家“千人计划”人选"], category=2, project_type="创业", tranches_received=0)
    result = topics.run(topics.TOPICS["next_tranche"], facts, "永嘉县", text)
    assert "600万元" in result.answer and "240万元" in result.answer
    # a category alone prices nothing: the total is asked for
    plain = topics.run(
        topics.TOPICS["next_tranche"], Facts(category=3, project_type="创业"), "永嘉县", "第一期多少"
    )
    assert "资助总额是多少" in plain.answer


def test_a_doctor_asked_beside_the_talent_card_is_taizhou_s_health_service() -> None:
    """台州 五、21.: "平常看病有没有专门对接的医生？还有那张英才卡…" asks 保健医生 as well as the 英才卡; 永嘉's list
    has no such entry (its health checks are among the 金卡's services), so nothing is added there (dev21)."""
    asked = "我是台州认定的高级人才，平常看病有没有专门对接的医生？还有那张英才卡除了看病还能干啥用？"
    both = topics.run(topics.TOPICS["gold_card"], Facts(), "台州市", asked)
    assert "英才卡" in both.answer and "配备保健医生" in both.answer
    yongjia = topics.run(topics.TOPICS["gold_card"], Facts(), "永嘉县", "金卡能看病吗，有没有保健医生")
    assert "免费健康检查" in yongjia.answer and "配备保健医生" not in yongjia.answer


def test_the_later_tranches_asked_together_are_summed() -> None:
    """附件1 三（一）: 81万元 approved, "后面两期加起来还有多少？" after the first tranche — 24.3万元 + 24.3万元 = 48.6万元
    (dev39); asked only how they are paid, no sum."""
    topic = topics.TOPICS["next_tranche"]
    words = "我在永嘉的创业项目资助定下来是81万，第一期能给多少？后面两期加起来还有多少？"
    result = topics.run(topic, Facts(tranches_received=0), "永嘉县", words)
    assert "32.4万元" in result.answer and "合计24.3万元 + 24.3万元 = 48.6万元" in result.answer
    plain = topics.run(topic, Facts(tranches_received=0), "永嘉县", "批了81万，第一期多少？后面两期怎么给？")
    assert "48.6万元" not in plain.answer


def test_levels_said_after_a_levelless_award_and_an_award_said_not_held() -> None:
    """三（五）: "对技能大师工作室有补助吗？…新评上了一个省级的、一个市级的，一共能拿多少？" — 5万元 + 3万元 = 8万元
    (dev39); "我是技师，就是国家二级那种，还不是高级技师" claims no award (the 3000元 is 高级技师's, not a 技师's)."""
    topic = topics.TOPICS["skills_award"]
    words = "永嘉县里对技能大师工作室有补助吗？我们公司今年同时新评上了一个省级的、一个市级的，一共能拿多少？"
    result = topics.run(topic, Facts(), "永嘉县", words)
    assert "8万元" in result.answer
    denied = topics.run(
        topic, Facts(), "永嘉县", "我是技师，就是国家二级那种，还不是高级技师，县里对我们这种有没有奖励？"
    )
    assert "3000元奖励" not in denied.answer or not denied.ok


def test_an_award_said_not_held_is_not_priced_even_when_the_model_tagged_it() -> None:
    """三（五）: "我是技师，就是国家二级那种，还不是高级技师" (dev39) — the model tags 高级技师, but the worker says he is not
    one: the 3000元 is not stated as his; the clause and who decides are."""
    words = "我是技师，就是国家二级那种，还不是高级技师，县里对我们这种有没有奖励？"
    result = topics.run(topics.TOPICS["skills_award"], Facts(skills_award="高级技师"), "永嘉县", words)
    assert "给予3000元奖励。" not in result.answer or not result.ok


def test_two_awards_asked_one_question_each_get_both_figures() -> None:
    """三（五）: "新评上温州市“首席技师”，县里奖励多少？…新被评为市级技能大师工作室，又资助多少？" (dev40) — 2万元 and
    3万元, not only the award named last."""
    words = "企业职工新评上温州市“首席技师”，县里奖励多少？企业新被评为市级技能大师工作室，又资助多少？"
    result = topics.run(topics.TOPICS["skills_award"], Facts(), "永嘉县", words)
    assert "2万元" in result.answer and "3万元" in result.answer


def test_two_projects_rated_apart_are_summed_when_the_sum_is_asked() -> None:
    """附件1 二（二）: two 第4类 projects, 特别推荐 120万元 and 一般推荐 36万元 — "两个加起来一共多少钱" is 156万元, not
    their difference (dev42)."""
    text = "我们永嘉公司两个人都是第4类人才，各牵头一个项目，一个评了特别推荐，一个评了一般推荐，两个加起来一共多少钱？"
    result = topics.run(topics.TOPICS["funding"], Facts(category=4), "永嘉县", text)
    assert "两个项目合计120万元 + 36万元 = 156万元" in result.answer
    assert "相差" not in result.answer


def test_tranches_after_the_one_paid_are_priced_and_summed() -> None:
    """附件1 三（一）: 180万元 paid 40/30/30 — "第一期已经到账了，后面两期加起来还有多少没给？" is 54万 + 54万 = 108万元;
    "第二期多少？最后一期呢？" of 300万 gives both amounts, 90万元 each (dev42)."""
    facts = Facts(project_type="创业", approved_total=1_800_000)
    result = topics.run(
        topics.TOPICS["next_tranche"], facts, "永嘉县", "第一期已经到账了，后面两期加起来还有多少没给？"
    )
    assert "第1期之后：第2期30%，即54万元；第3期30%，即54万元，合计54万元 + 54万元 = 108万元" in result.answer
    both = topics.run(
        topics.TOPICS["next_tranche"],
        Facts(project_type="创业", approved_total=3_000_000),
        "永嘉县",
        "永嘉创业项目批了300万，第二期多少？ 最后一期呢？",
    )
    assert "第2期拨付资助总额的30%，即90万元" in both.answer
    assert "第3期拨付资助总额的30%，即90万元" in both.answer


def test_titles_set_against_each_other_or_counted_get_the_award_of_their_category() -> None:
    """三（一）: 第2类 最高800万元, 第3类 450万元, 第4类 200万元 — "国家千人和温州580 在永嘉奖励最高差多少" is 600万元, each
    title's category said; "两位省特级专家…加起来最多" is 2 × 450万元 = 900万元 (dev43)."""
    gap = topics.run(
        topics.TOPICS["benefits"],
        Facts(honours=["国家“千人计划”人选", "市“580海外精英引进计划”入选者"]),
        "永嘉县",
        "国家千人和温州580 在永嘉奖励最高差多少",
    )
    assert "“国家“千人计划”人选”属于第2类" in gap.answer and "最高额相差600万元" in gap.answer
    two = topics.run(
        topics.TOPICS["benefits"],
        Facts(honours=["省特级专家"]),
        "永嘉县",
        "我们公司今年同时引进了两位省特级专家，两个人的奖励资助加起来最多是多少？",
    )
    assert "2 × 450万元 = 900万元" in two.answer
    assert people("公司两个员工今年都新评上了钱江技能大奖，永嘉县里一共能奖多少？") == 2


def test_two_people_said_in_two_statements_each_get_their_titles_award() -> None:
    """三（一）: "一个是浙江省千人计划入选者" then "另一个是温州市580海外精英计划的" then "他俩各自最高能到多少？两个人
    加起来最多多少钱？" is 450万 + 200万 = 650万元 — each title's category, not the last title twice (dev44)."""
    text = (
        "我们公司今年引进了两个人，一个是浙江省千人计划入选者 另一个是温州市580海外精英计划的 "
        "按县里的领军人才奖励资助，他俩各自最高能到多少？两个人加起来最多多少钱？"
    )
    result = topics.run(
        topics.TOPICS["benefits"], Facts(honours=["市“580海外精英引进计划”入选者"]), "永嘉县", text
    )
    assert "450万元 + 200万元 = 650万元" in result.answer


def test_a_taizhou_housing_question_about_homes_kept_in_new_estates_is_the_share() -> None:
    """台州 五、21.: 探索新建商品住房项目中配建不低于5%的人才专用房 — "台州新建的商品房小区里有没有给人才留的房子，比例
    多少" is that share, not the 房票 subsidy (dev43)."""
    result = topics.run(
        topics.TOPICS["housing"], Facts(), "台州市", "台州新建的商品房小区里有没有给人才留的房子，比例多少"
    )
    assert "配建不低于 5% 的人才专用房" in result.answer or "配建不低于5%的人才专用房" in result.answer


def test_a_category_hoped_for_is_not_the_one_held() -> None:
    """二: "省151第三层次、博士、正高…能不能往上算一档、变成第4类？…科技项目最多能拿多少" (dev50) — the model tags 第4类,
    but the talent asks to be raised to it; the titles settle 第5类, and a 第4类 figure (120万元) would be wrong."""
    from tests.actions.trackers import asked

    words = (
        "他入选过省151人才工程第三层次，有博士学位，还评上了正高级工程师。这么多头衔加在一起，"
        "能不能往上算一档、变成第4类？如果还是原来那一档，他带的科技项目最多能拿多少资助？"
    )
    hoped = Facts.from_tracker(
        asked("ask_funding", words, honour=["省151人才工程第三层次", "博士"], category=4)
    )
    assert hoped.category is None and hoped.honours
    held = Facts.from_tracker(
        asked("ask_funding", "我是第4类，博士，项目资助多少", honour=["博士"], category=4)
    )
    assert held.category == 4


def test_a_category_hoped_for_after_an_unlisted_title_is_the_titles_referral() -> None:
    """二 第5类 lists 获得博士学位人才: "我现在在读博士，明年6月答辩" then "县里那个博士人才的政策，我现在就能按第5类
    申请吗？" (dev55) — the model tags 第5类 and 博士, but 第5类 is hoped for and the title said is 在读博士, which the
    catalogue does not list: its referral answers, never 第5类's figures."""
    from tests.actions.trackers import followed_up

    tracker = followed_up(
        "ask_benefits",
        "县里那个博士人才的政策，我现在就能按第5类申请吗？",
        "我现在在读博士，明年6月答辩。",
        "benefits",
    )
    tracker.slots.update(category=5, honour=["获得博士学位人才"])
    facts = Facts.from_tracker(tracker)
    assert facts.category is None and facts.honours == ["在读博士"]
    result = topics.run(topics.TOPICS["benefits"], facts, "永嘉县", "")
    assert "获得博士学位" in (result.answer or result.message) and "100万" not in result.answer


def _titled(earlier: str, earlier_title: str, latest: str, title: str) -> Facts:
    """The facts after `earlier` (its honour slot `earlier_title`) and then `latest` (its own `title`)."""
    from tests.actions.trackers import followed_up

    tracker = followed_up("ask_category", latest, earlier, "category")
    tracker.slots["honour"] = [title]
    tracker.events.insert(1, {"event": "slot", "timestamp": 1.2, "name": "honour", "value": [earlier_title]})
    return Facts.from_tracker(tracker)


def test_a_title_the_same_person_also_holds_is_added_to_the_one_before() -> None:
    """二: "引进了一个市级重点创新团队的带头人…第几类？" then "他手上还有个自己的发明专利…能不能因此再往上提一档？"
    (dev50) — both titles are his (第4类 and 第5类, answered at the higher), not the 发明专利 alone (第5类)."""
    words = "他手上还有个自己的发明专利，在永嘉做成果转化，能不能因此再往上提一档？"
    facts = _titled(
        "引进了一个市级重点创新团队的带头人，是第几类？", "市级重点创新团队带头人", words, "发明专利"
    )
    assert facts.honours == ["市级重点创新团队带头人", "发明专利"]
    answer = topics.run(topics.TOPICS["category"], facts, "永嘉县", words).answer
    assert "最高类别（第4类）" in answer and "属于第5类" not in answer
    # another person's title ("还有一个同事是…") is not added
    other = _titled("我是580计划的，第几类？", "580计划", "还有一个同事是博士，他算第几类？", "博士")
    assert other.honours == ["博士"]


def test_a_title_said_of_another_holder_is_not_added() -> None:
    """ "我老公是省千人" then "我还是博士，我能拿多少？" — 我 is not the 省千人: a 第3类 read for 我 would be a wrong
    figure."""
    facts = _titled("我老公是省千人，他在永嘉算第几类？", "省千人", "我还是博士，我能拿多少？", "博士")
    assert facts.honours == ["博士"]


def test_a_category_set_beside_the_one_held_is_not_held() -> None:
    """附件1 二（二）: "专家是第5类人才，项目评了个一般推荐…是不是跟第4类一样按30%算，那就是30万？" (dev45) — the model
    tags 第4类; the talent is 第5类: 20%, 20万元 — 第4类's 36万元 would be a wrong figure."""
    from tests.actions.trackers import asked

    words = (
        "我们公司引进的一位专家是第5类人才，他的项目评了个一般推荐。是不是跟第4类一样按30%算，那就是30万？"
    )
    facts = Facts.from_tracker(asked("ask_funding", words, category=4, review_rating="一般推荐"))
    assert facts.category == 5
    answer = topics.run(topics.TOPICS["funding"], facts, "永嘉县", words).answer
    assert "20万元" in answer and "36万元" not in answer


def test_a_per_person_clause_answered_from_its_passage_computes_every_pay_said() -> None:
    """附件2 第七条: a conversation giving two people's pay, then "那公司今年一共能拿多少引才奖励" answered by the clause
    (dev48) — each pay at 20%, capped at 5万元 each: 5万 + 4万 = 9万元; one pay is the registry's own figure."""
    from actions.clauses import computed
    from actions.topics import search_result

    clause = search_result("柔性引才奖励 年计税劳动报酬总额的20%", "永嘉县")
    words = (
        "我们柔性引进了一个浙大的长江学者。他一年在我们这里的计税劳动报酬是30万。"
        "另外还引进了一个有博士学位的工程师，报酬是20万。那公司今年一共能拿多少引才奖励？"
    )
    found = computed(clause, words)
    assert found is not None and "合计9万元" in found.answer
    one = computed(clause, "柔性引进了一个专家，报酬30万，公司能拿多少引才奖励？")
    assert one is not None and "5万元" in one.answer


def test_a_district_s_delivered_apartments_are_checked_in_the_housing_topic() -> None:
    """台州 五、21.: "我们区今年交付了24000平方米拎包入住的，达标了吗？差多少？" (dev50) — every 区 of 台州 is one of 三区三市
    (25000平方米以上): 1000平方米 short, not the clause quoted again."""
    found = topics.run(
        topics.TOPICS["housing"],
        Facts(),
        "台州市",
        "我们区今年交付了24000平方米拎包入住的，达标了吗？差多少？",
    )
    assert "少1000平方米" in found.answer


def test_a_public_body_asking_for_the_flexible_reward_hears_the_text_names_firms() -> None:
    """附件2 第二条: 柔性引才 is by 我县企业（含民办非企业单位） — "我们是县里的公立医院，属于事业单位…能不能按柔性引才拿
    那个20%的奖励？" (dev56) gets 第七条's rule, then that the text does not say whether a 事业单位 may apply, and who
    decides (第十一条). A firm asking gets no such line."""
    asked = "我们是县里的公立医院，属于事业单位，请了上海的专家每月来坐诊，能不能按柔性引才拿那个20%的奖励？"
    result = topics.run(topics.TOPICS["flexible_intro"], Facts(), "永嘉县", asked)
    assert "含民办非企业单位" in result.answer and "事业单位" in result.answer and "认定为准" in result.answer
    cited = {c.clause for c in result.citations}
    assert {"附件2 第二条", "附件2 第十一条"} <= cited
    firm = topics.run(
        topics.TOPICS["flexible_intro"], Facts(), "永嘉县", "我们公司请了上海的专家，能拿奖励吗"
    )
    assert "事业单位" not in firm.answer


def test_a_listed_title_asking_to_use_the_services_hears_it_is_served() -> None:
    """附件3 一: 重点服务对象主要指…第1、2、3、4、5类领军型人才 — "我是博士…县里那些给人才的服务，比如体检、专线电话，我能
    享受吗？" (dev56) gets the hotline, then that 获得博士学位人才 is 第5类, among those served."""
    asked = "我是博士，刚到永嘉一家企业上班，县里那些给人才的服务，比如体检、专线电话，我能享受吗？"
    result = topics.run(topics.TOPICS["hotline"], Facts(honours=["获得博士学位人才"]), "永嘉县", asked)
    assert "第5类" in result.answer and "重点服务对象" in result.answer
    assert "附件3 一" in {c.clause for c in result.citations}
    plain = topics.run(
        topics.TOPICS["hotline"], Facts(honours=["获得博士学位人才"]), "永嘉县", "热线电话多少"
    )
    assert "重点服务对象" not in plain.answer  # not asked whether they may use it


def test_a_referrer_counts_those_who_completed_the_application() -> None:
    """三（十）: 引荐费2万元 for each talent referred who 完成…申报、评审, 10万元 more for each 入选浙江省“千人计划” —
    "介绍了5个海外人才…其中4个完成了浙江省千人计划的申报评审，还有1个还在谈…那4个里有2个入选了省千人" (dev56) is
    4 × 2万 + 2 × 10万 = 28万元."""
    asked = (
        "我是个人，这两年陆续介绍了5个海外人才来永嘉。其中4个完成了浙江省千人计划的申报评审，还有1个还在谈。"
        "那4个里有2个入选了省千人。我总共能拿多少？"
    )
    result = topics.run(topics.TOPICS["referral"], Facts(), "永嘉县", asked)
    assert "28万元" in result.answer and "4 × 2万元" in result.answer


def test_a_referrer_names_the_plans_first_and_who_was_selected_after() -> None:
    """三（十）: 3 talents who completed the 申报、评审 → 3 × 2万元; one 入选国家“千人计划” → 30万元 more, one 入选浙江省“千人计划”
    → 10万元 more; the fourth, who did not apply, earns nothing (dev57): 46万元."""
    asked = (
        "今年我前后介绍了4个海外的人过来对接项目：其中3个完成了千人计划的申报和评审，两个报的国家千人、一个报的省千人；"
        "最后国家的那两个里有一个入选了，报省里的那个也入选了；还有第4个人来看了一圈，没来得及申报。我这一年能拿多少？"
    )
    result = topics.run(topics.TOPICS["referral"], Facts(), "永嘉县", asked)
    assert "46万元" in result.answer and "3 × 2万元" in result.answer


def test_a_taizhou_housing_part_named_last_is_the_part_answered() -> None:
    """台州 五、21.: 政府投资建设的公租房在满足当地保障性需求后可调剂作为人才临时专用房 — "人才公寓一直排不上。" then "那政府
    的公租房能给人才住吗？" (dev57) is 公租房's sentence, not the apartments the message before named."""
    result = topics.run(
        topics.TOPICS["housing"],
        Facts(),
        "台州市",
        "我刚到台州工作，博士，人才公寓一直排不上。 那政府的公租房能给人才住吗？",
    )
    assert "公租房" in result.answer and "临时专用房" in result.answer


def test_one_person_with_two_plans_gets_the_higher_housing_subsidy_not_the_sum() -> None:
    """三（七） with 四（二）'s 就高: "我同时入选了浙江省千人和温州市580…购房补贴两个能一起拿吗？总共最多多少？" (dev60) is
    one person — the higher 100万元, not 100万 + 50万 = 150万."""
    words = "我同时入选了浙江省千人和温州市580。在永嘉买房的话购房补贴两个能一起拿吗？总共最多多少？"
    held = Facts(honours=["省“千人计划”入选者", "市“580海外精英引进计划”入选者"])  # as the NLU tags them
    result = topics.run(topics.TOPICS["housing"], held, "永嘉县", words)
    assert "就高" in result.answer and "较高的100万元" in result.answer
    assert "150万" not in result.answer


def test_two_people_with_one_plan_each_get_the_housing_subsidy_summed() -> None:
    """三（七）: 580计划 最高50万元 — "我们公司今年有两个人都入选了温州市580计划…购房补贴每人最多多少？两人加起来呢？"
    (dev60) is 2 × 50万元 = 100万元."""
    words = (
        "我们公司今年有两个人都入选了温州市580计划。他们都在永嘉买了房，购房补贴每人最多多少？两人加起来呢？"
    )
    held = Facts(honours=["市“580海外精英引进计划”入选者"])
    result = topics.run(topics.TOPICS["housing"], held, "永嘉县", words)
    assert "50万元" in result.answer and "2 × 50万元 = 100万元" in result.answer


def test_the_tranche_of_several_projects_is_each_ones_share_and_their_sum() -> None:
    """附件1 三（一）1: 第一期40% — "一个项目批了81万，一个批了360万…两个项目第一期加起来能拿多少？" (dev59) is 32.4万 +
    144万 = 176.4万元; one project's total with its capital stays one project."""
    words = "我们园区有两家人才创业企业，一个项目批了81万，一个批了360万。两个项目第一期加起来能拿多少？"
    result = topics.run(topics.TOPICS["next_tranche"], Facts(), "永嘉县", words)
    assert "32.4万元" in result.answer and "144万元" in result.answer and "合计176.4万元" in result.answer
    one = topics.run(
        topics.TOPICS["next_tranche"],
        Facts(),
        "永嘉县",
        "创业项目核定81万，实缴注册资本100万，第一期能拿多少",
    )
    assert "32.4万元" in one.answer and "合计" not in one.answer


def test_the_total_asked_as_shi_duoshao_is_the_award_not_every_benefit() -> None:
    """三（一）: 第1类 给予不少于1200万元的奖励资助 — "他要是来永嘉，县里奖励资助是多少？" (dev60) asks that total, not the
    list with the project's 不少于800万元 beside it."""
    words = "我们帮一位国家万人计划杰出人才问一下，他要是来永嘉，县里奖励资助是多少？"
    result = topics.run(
        topics.TOPICS["benefits"], Facts(honours=["国家“万人计划”杰出人才人选"]), "永嘉县", words
    )
    assert "1200万元" in result.answer and "800万" not in result.answer


def test_two_colleagues_titles_asked_each_are_each_ones_category() -> None:
    """二: "老张是温州市551人才工程第一层次，小李是551第二层次…他们俩在永嘉分别算第几类？" (dev60) — 第4类 and 第5类, not
    one person's two titles read at the higher."""
    words = (
        "我们公司有两个工程师，老张是温州市551人才工程第一层次，小李是551第二层次。他们俩在永嘉分别算第几类？"
    )
    result = topics.run(topics.TOPICS["category"], Facts(), "永嘉县", words)
    assert "第4类" in result.answer and "第5类" in result.answer and "最高类别" not in result.answer


def test_a_category_set_against_the_one_held_before_is_their_gap() -> None:
    """三（一）: 第4类 200万元, 第5类 100万元 — "跟上面一档市级领军比，少了多少？" after 县级领军人才's cap (dev33) is the
    100万元 gap between the category held before and the one named now, not 第4类's cap alone."""
    words = "这档最多拿多少 跟上面一档市级领军比，少了多少？"
    result = topics.run(topics.TOPICS["benefits"], Facts(category=4, category_before=5), "永嘉县", words)
    assert "相差100万元" in result.answer
    alone = topics.run(topics.TOPICS["benefits"], Facts(category=4), "永嘉县", "市级领军最多拿多少")
    assert "相差" not in alone.answer
