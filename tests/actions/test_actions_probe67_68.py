"""Cases the trap probes dev67/dev68 found in the chat's reading of a conversation, each pinned on the topic that
answers it (the texts' clauses named in each test). The probes' own questions are not copied."""

from __future__ import annotations

from actions.parsing import Facts
from actions.topics import TOPICS, run

YONGJIA = "永嘉县"


def test_pays_said_in_a_correction_replace_those_before_it() -> None:
    """附件2 第七条: 20% of each one's pay, at most 5万元 each — 40万 → 5万, 20万 → 4万: 9万元, not three people's 14万."""
    words = "我们柔性引进了两个专家，每人一年给40万，企业一年能拿多少奖励？。不好意思说错了，一个是40万，另一个只有20万。"
    r = run(TOPICS["flexible_intro"], Facts(), YONGJIA, words)
    assert r.ok and "9万元" in r.answer and "14万" not in r.answer


def test_more_people_like_the_one_before_take_its_pay() -> None:
    """附件2 第七条: two advisers at 15万 (3万 each) and one expert at 50万 (capped at 5万): 11万元."""
    words = "柔性请一个顾问，一年劳务费15万，企业奖励多少？。那要是两个这样的顾问，再加一个年薪50万的专家呢，一年一共多少？"
    r = run(TOPICS["flexible_intro"], Facts(), YONGJIA, words)
    assert r.ok and "11万元" in r.answer


def test_a_group_counted_by_category_is_summed_in_the_benefits_topic() -> None:
    """三（一）: 2 × 100万元 + 1 × 200万元 = 400万元."""
    words = "县里人才奖励资助，第3类450万、第4类200万、第5类100万，对吧？。那我们引两个第5类再加一个第4类，最高一共多少？"
    r = run(TOPICS["benefits"], Facts(), YONGJIA, words)
    assert r.ok and "400万元" in r.answer and "650万" not in r.answer


def test_at_most_with_a_sum_is_a_sum_not_a_difference() -> None:
    """三（一）: "加起来顶多多少" for a 第2类 and a 第4类 is 800万元 + 200万元 = 1000万元 (not their 600万元 gap)."""
    words = "一个第2类一个第4类，两个人一起来永嘉干，县里奖励资助加起来顶多多少？"
    r = run(TOPICS["benefits"], Facts(), YONGJIA, words)
    assert r.ok and "1000万元" in r.answer and "相差" not in r.answer


def test_another_category_asked_after_its_maximum_is_the_same_question() -> None:
    """三（一）: "那第4类呢？是不是翻一倍？" after 第5类's maximum asks 第4类's (200万元), not what 第4类 is (二)."""
    from actions.policy_answers import routed_topic
    from tests.actions.trackers import followed_up

    text = "那第4类呢？是不是翻一倍？"
    tracker = followed_up("ask_category", text, "永嘉第5类人才，奖励资助最高多少？", "benefits", category=4)
    assert routed_topic(TOPICS["category"], tracker, text).name == "benefits"
    what = "那第4类包括哪些人？"
    tracker = followed_up("ask_category", what, "永嘉第5类人才，奖励资助最高多少？", "benefits", category=4)
    assert routed_topic(TOPICS["category"], tracker, what).name == "category"


def test_article_two_shown_beside_a_category_drops_the_five_lists() -> None:
    """二's first sentence names the industries; its five lists name every other category beside the one answered."""
    from actions.clauses import without_its_list
    from policy_kb.model import Result, Status

    clause = Result(
        rule="passage",
        status=Status.OK,
        answer="重点引进培养在泵阀、鞋业…领军型人才和团队。主要包括以下五类：第1类…第4类…",
    )
    answered = Result(rule="category_for_honours", status=Status.OK, values={"category": 5})
    shown = without_its_list(clause, answered)
    assert "泵阀" in shown.answer and "第4类" not in shown.answer
    assert without_its_list(clause, Result(rule="x", status=Status.OK)).answer == clause.answer


def test_each_ones_yearly_pay_is_read_for_every_person_counted() -> None:
    """附件2 第七条: two people at 40万 each — 8万 each capped at 5万: 10万元 for the firm."""
    words = "我们永嘉这边柔性请了两个外地专家，每人一年报酬40万，都交了个税。公司一年一共能拿多少奖励？"
    r = run(TOPICS["flexible_intro"], Facts(), YONGJIA, words)
    assert r.ok and "10万元" in r.answer


def test_how_many_times_one_maximum_is_the_other_is_said_when_asked() -> None:
    """三（一）: 第4类 最高200万元, 第5类 最高100万元 — 200万元 is 2 times 100万元."""
    words = "永嘉第5类人才奖励资助最高100万。那第4类的最高额是第5类的几倍？"
    r = run(TOPICS["benefits"], Facts(), YONGJIA, words)
    assert r.ok and "2倍" in r.answer and "相差100万元" in r.answer
    plain_gap = run(TOPICS["benefits"], Facts(), YONGJIA, "第4类和第5类奖励资助最高差多少")
    assert "倍" not in plain_gap.answer


def test_the_category_of_an_awards_maximum_is_read_backwards() -> None:
    """三（一）: 第5类人才最高奖励资助额 100万元 — "奖励资助100万 是第几类" is 第5类; 1200万 is 第1类's 不少于."""
    r = run(TOPICS["category"], Facts(), YONGJIA, "永嘉 奖励资助100万 是第几类")
    assert r.ok and "第5类" in r.answer and "第4类" not in r.answer
    first = run(TOPICS["category"], Facts(), YONGJIA, "奖励资助1200万的是第几类人才")
    assert "不少于1200万元的是第1类" in first.answer
    none = run(TOPICS["category"], Facts(), YONGJIA, "奖励资助300万是第几类")
    assert "300万元的是" not in none.answer


def test_firms_of_two_categories_are_priced_apart_only_when_no_condition_is_said_unmet() -> None:
    """三（三）: 第2类 32万 + 第5类 16万 = 48万元 — but a project not selected for 人才新政十条 gets no figure at all."""
    facts = Facts(category=5)
    words = "我是第2类人才，我老婆是第5类，我们各自在永嘉开了公司。两家公司都在银行各贷了400万，利率按4%，两家一共能贴多少？"
    priced = run(TOPICS["loan_interest"], facts, YONGJIA, words)
    assert priced.ok and "48万元" in priced.answer
    unmet = run(
        TOPICS["loan_interest"], facts, YONGJIA, words.replace("我们各自", "项目没有入选十条，我们各自")
    )
    assert "48万" not in unmet.answer and "不满足" in unmet.answer


def test_a_title_put_right_with_the_amount_asked_again_stays_on_the_amount() -> None:
    """三（一）: 省“151人才工程”重点资助培养人员 is 第3类 (450万元) — asked again as an amount, not what 第3类 is."""
    from actions.policy_answers import routed_topic
    from tests.actions.trackers import followed_up

    text = "我搞错了，我是省151重点资助培养人员，那能拿多少？"
    tracker = followed_up("ask_category", text, "我是第4类人才，永嘉那边奖励资助最多给多少？", "benefits")
    assert routed_topic(TOPICS["category"], tracker, text).name == "benefits"
