"""Readings the worked splits still missed at stop 45, pinned on policy_kb with the clause each rests on. The writers'
own questions are not copied."""

from __future__ import annotations

import pytest

from policy_kb import api, reading


@pytest.mark.parametrize(
    ("words", "below"),
    [
        ("三年下来税收才两百来万", 3_000_000),  # 200来万: below 300万
        ("这几年纳税三百多万", 4_000_000),
        ("交税480多万", 4_900_000),  # 480多: below 490万, not 580万
        ("税收还不到400万", 4_000_000),
        ("缴税400万不到", 4_000_000),
        ("税交了一百五十余万", 1_600_000),
        ("税收500多万", 6_000_000),  # below 600万: whether 500万 is reached is said by the rule, not here
        ("税收600万", None),  # an exact figure is tax_within_3y's
        ("营业额两百多万", None),  # no tax said
    ],
)
def test_a_tax_said_roughly_is_read_as_below_a_figure(words: str, below: int | None) -> None:
    assert reading.tax_below(words) == below


def test_a_rough_tax_below_the_threshold_settles_the_extra_year_without_a_figure_not_said() -> None:
    """三（三）: 3年内若企业税收额达到500万元的，再择优给予最高1000万元贷款额1年…贴息. "才两百来万" is below 300万, so
    below 500万: not met, and no gap (还差…) is worked from a figure the talent did not give."""
    r = api.loan_interest(tax_below=3_000_000, region="永嘉县")
    assert r.ok and r.values["extra_met"] is False
    assert "不到300万元" in r.answer and "未达到500万元" in r.answer and "贴息只有2年" in r.answer
    assert "还差" not in r.answer


def test_a_rough_tax_with_the_loan_gives_the_two_years_then_the_verdict() -> None:
    """三（三） 第3类: 两年最高300万元贷款额; 300万元 × 4.35% × 2年 = 26.1万元, then the extra year refused."""
    r = api.loan_interest(3, 3_000_000, "4.35", tax_below=3_000_000, region="永嘉县")
    assert r.ok and r.values["amount"] == 261_000 and r.values["extra_met"] is False
    assert "26.1万元" in r.answer and "不满足追加1年贴息的条件" in r.answer


def test_a_rough_tax_that_may_reach_the_threshold_decides_nothing() -> None:
    """ "500多万" is below 600万 but may be above 500万: the extra year is stated as the text gives it, not refused."""
    r = api.loan_interest(3, tax_below=6_000_000, region="永嘉县")
    assert r.ok and r.values.get("extra_met") is not False
    assert "不满足" not in r.answer and "1000万元" in r.answer


@pytest.mark.parametrize(
    "words",
    [
        "乐清评的县级专业技术拔尖人才",  # 二 第5类 lists 永嘉's 县级 titles: another county's is not listed
        "瑞安评定的县级专业技术拔尖人才",
        "瑞安的首席技师",  # 市“首席技师” is 温州市's
    ],
)
def test_another_countys_title_is_not_the_catalogues(words: str) -> None:
    r = api.category_for_honours(words, region="永嘉县")
    assert not r.ok and r.values.get("category") is None
    assert "不在永嘉县第1–5类人才目录中" in r.answer


@pytest.mark.parametrize(
    ("words", "category"),
    [("近两轮县级专业技术拔尖人才", 5), ("温州市首席技师", 5), ("温州一个市级技能大师工作室的领衔人", 5)],
)
def test_the_catalogues_own_county_and_city_titles_stay_listed(words: str, category: int) -> None:
    r = api.category_for_honours(words, region="永嘉县")
    assert r.ok and [h["category"] for h in r.values["honours"]] == [category]


def test_several_peoples_titles_each_get_their_own_category_under_article_four() -> None:
    """附件2 第四条: 柔性引进的对象…第1、2、3、4、5类领军型人才. Three people, one title each: 中国科学院院士 第1类, 省特级专家
    第3类, 正高级职称 第5类 — never "按您所符合的最高类别" as if they were one person's titles."""
    r = api.flexible_terms(
        "对象", region="永嘉县", honours=["中国科学院院士", "省特级专家", "正高级职称"], each_person="是"
    )
    assert r.ok
    assert "第1类" in r.answer and "第3类" in r.answer and "第5类" in r.answer
    assert "最高类别" not in r.answer and "1200万" not in r.answer
    assert [c.clause for c in r.citations if c.clause.startswith("三（一）")] == []


def test_the_years_of_an_agreement_pointed_back_at_are_summed() -> None:
    """附件2 第七条 pays a year at a time (同一人累计…不超过3年): "协议签两年…这两年一共能拿多少" is two years' total."""
    assert reading.years_summed("协议准备签两年，每年给他35万，这两年企业都能拿奖励吗？一共能拿多少？") == 2
    assert reading.years_summed("这两年企业都能拿奖励吗") is None  # no total asked


def test_a_title_said_not_held_gives_no_category() -> None:
    """二 第5类 lists 取得有自主知识产权的发明专利…的创新型科技研发人才; "没有发明专利" says the opposite (the catalogue's alias
    "有发明专利" sits inside it): no category is told."""
    r = api.category_for_honours("技术员只有两个实用新型专利，没有发明专利，也没有职称", region="永嘉县")
    assert r.values.get("category") is None and not r.values.get("honours")
    assert (
        api.category_for_honours("他有发明专利，在永嘉做成果转化", region="永嘉县").values["honours"][0][
            "category"
        ]
        == 5
    )


def test_an_advisers_fee_is_the_pay_the_reward_is_computed_on() -> None:
    """附件2 第七条: 按引进人才年计税劳动报酬总额的20% — "顾问费一年20万" is that pay (20万 × 20% = 4万元)."""
    assert reading.pick(reading.amounts("请他做文化顾问，顾问费一年20万"), "salary", default=False) == 200_000


def test_a_listed_title_said_not_held_is_named_without_a_category() -> None:
    """二 第5类's 发明专利 line, said not held ("名下有5个实用新型专利，但没有发明专利"): the answer names the line the talent
    lacks and refers, with no category number a careless reading would take for theirs."""
    r = api.category_for_honours("名下有5个实用新型专利，但没有发明专利，我能算第几类", region="永嘉县")
    assert not r.ok and "您说不具备的“取得有自主知识产权的发明专利" in r.answer
    assert "第5类" not in r.answer and "认定" in r.answer


@pytest.mark.parametrize(
    ("words", "clause"),
    [
        # 第七条: 根据人才在企业的工作成效 — a signed and paid agreement does not make the reward certain
        ("是不是只要签了协议、钱也付了，柔性引才奖励就一定能拿到？", "附件2 第七条"),
        # 第三条: 政府引导、市场调节、契约管理、绩效激励
        ("这是政府帮我们找好人直接派过来，还是我们自己出去谈？政府在这里面管到哪一步", "附件2 第三条"),
    ],
)
def test_a_flexible_question_finds_its_own_article(words: str, clause: str) -> None:
    r = api.flexible_terms(words, region="永嘉县")
    assert r.ok and r.values["clause"] == clause
