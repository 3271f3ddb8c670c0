"""Cases rounds 73/74 (the round-10 brief) and the worked probes dev64/dev69/dev72 found in policy_kb, each pinned on
the rule that answers it, with the clause it rests on. The writers' own questions are not copied: each case is a
question of the same shape, its figure worked from the text."""

from __future__ import annotations

import pytest

from policy_kb import api, catalogue, reading
from policy_kb.model import Status

TAIZHOU = "台州市"
YONGJIA = "永嘉县"


# ---- 台州 七、29.: 每引进1名自主申报的国家、省“千人计划”专家，分别视同完成科研特别重大项目、重大项目招商引资任务，从市外全职
# 引进顶尖、领军、高端人才经认定后分别视同完成科研特别重大项目、重大项目和一般项目招商引资任务 ---------------------------------


def test_a_count_said_after_the_kind_is_that_kinds_count() -> None:
    """1 顶尖 → 1个科研特别重大项目, 2 领军 → 2个重大项目."""
    r = api.recruitment_task(
        "从外地全职引进的顶尖人才1名、领军人才3名，都认定过了。各算几个项目？", region=TAIZHOU
    )
    assert r.ok and r.values["done"] == {"科研特别重大项目": 1, "重大项目": 3}
    assert "3个重大项目" in r.answer


def test_a_kind_said_to_be_absent_is_not_counted() -> None:
    """ "国家千人没有": only the 省千人 count — 4 自主申报的省千人 are 4个重大项目, no 科研特别重大项目."""
    words = "县里今年有4个专家是自己申报、入选了省千人计划的，国家千人没有。这4个人在招商考核里能折成什么？"
    r = api.recruitment_task(words, region=TAIZHOU)
    assert r.ok and r.values.get("task") == "重大项目"
    assert "4个重大项目" in r.answer and "科研特别重大项目招商引资任务。引进" not in r.answer
    assert "合计视同完成1个科研特别重大项目" not in r.answer


def test_none_of_a_kind_said_another_way_also_leaves_it_out() -> None:
    r = api.recruitment_task("国家千人一个也没有，自主申报的省千人有2个，能顶几个项目", region=TAIZHOU)
    assert r.ok and r.values.get("task") == "重大项目" and "2个重大项目" in r.answer


# ---- 永嘉 附件2 第六条（二）: 约定一年以上服务期限，明确在永服务时间 ---------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "months"),
    [
        ("协议里一年至少要约定他在永嘉待多少天？", None),  # a span per year asked, not the agreement's term
        ("协议每年服务几个月就行", None),
        ("协议签一年，符合吗", 12),
        ("服务期2年", 24),
        ("协议只签半年", 6),
    ],
)
def test_a_year_said_as_the_span_a_stay_is_asked_for_is_not_the_term(words: str, months: int | None) -> None:
    assert reading.agreement_months(words) == months


# ---- 永嘉 三（五） and 四（二）: 涉及同一项目的奖励（补助、资助），采用“就高”的原则，避免重复资助 ------------------------------


def test_two_awards_of_one_worker_asked_whether_both_are_paid_give_each_and_the_rule_never_the_sum() -> None:
    """瓯江技能大奖 5万元 and 市“首席技师” 2万元: whether they are 同一项目 the text does not say — so each figure,
    四（二）'s 就高 (the higher, 5万元, if they are) and who decides; no 合计 7万元."""
    r = api.skills_awards("厂里一个工人今年评上瓯江技能大奖，又评上市首席技师，两项奖励都能拿吗？")
    assert r.status is Status.NEEDS_ASSESSMENT
    assert "5万元" in r.answer and "2万元" in r.answer and "就高" in r.answer
    assert "合计" not in r.answer and "7万" not in r.answer
    assert {"三（五）", "四（二）"} <= {c.clause for c in r.citations}


def test_two_awards_asked_as_a_total_are_still_summed() -> None:
    r = api.skills_awards("一个瓯江技能大奖、一个市首席技师，一共多少")
    assert r.ok and r.values["total"] == 70_000


# ---- 永嘉 二: a title set beside another's category is compared, not held -------------------------------------------


def test_a_title_likened_to_another_with_a_category_is_not_held() -> None:
    """市“首席技师” is 第5类; "跟市580一样算第4类" names 580 only to compare — it is not the worker's title."""
    words = "我们厂的老师傅是温州市首席技师，有人说首席技师跟市580一样算第4类，对吗？"
    r = api.category_for_honours(words, region=YONGJIA)
    assert r.ok and r.values["category"] == 5 and "第4类“市级领军人才”" not in r.answer
    assert catalogue.catalogue().match("我跟他一样是省千人").honours  # a title held, said with 一样


# ---- 永嘉 附件1 一（一）: 项目领衔人…来永嘉全职工作时间未超过3年 ------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "years", "said"),
    [
        ("我2013年全职来的永嘉，到现在三年多了", 3 + reading.MORE_THAN_YEARS, "3年多"),  # past 3 years
        ("全职到永嘉上班，至今4年了", 4, "4年"),
        ("全职来永嘉3年出头", 3 + reading.MORE_THAN_YEARS, "3年多"),
        ("来永嘉全职3年", 3, None),  # 未超过3年: exactly 3 is met
    ],
)
def test_years_full_time_said_to_now_or_as_more_than_are_read(
    words: str, years: object, said: str | None
) -> None:
    assert reading.years_full_time(words) == years
    r = api.project_eligibility("创新", region=YONGJIA, years_full_time=reading.years_full_time(words))
    if said is None:
        assert "不符合：来永嘉全职" not in r.answer
    else:
        assert f"不符合：来永嘉全职工作{said}，须未超过3年" in r.answer


def test_money_left_over_after_acceptance_is_taizhous_balance_clause() -> None:
    """台州 六、27.: 结余经费由项目承担单位安排用于科研相关工作，连续两年未使用完的，再另行收回."""
    hits = api.search("市里的科研项目验收完了，还有十几万没用完，要不要退回", region=TAIZHOU, k=1)
    assert hits and hits[0].citation.clause == "六、27."


def test_every_kind_said_absent_counts_nothing_and_a_condition_unmet_is_not_absence() -> None:
    """七、29.: "国家千人没有，省千人也没有" counts no task (never 1 each); "国家千人没有自主申报" is one not self-applied."""
    none = api.recruitment_task("今年国家千人没有，省千人也没有，能算什么招商任务", region=TAIZHOU)
    assert none.ok and none.values["done"] == {} and "都没有引进" in none.answer
    assert "合计视同完成" not in none.answer
    unmet = api.recruitment_task("引进了一个国家千人没有自主申报，算什么任务", region=TAIZHOU)
    assert unmet.ok and "都没有引进" not in unmet.answer and "不是自主申报" in unmet.answer
