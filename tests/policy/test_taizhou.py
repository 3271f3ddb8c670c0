"""Taizhou edition (台市委发〔2018〕39号) and its calculators.

Why these checks: a hotline answer is only as good as the clause behind it. So every figure must be
quoted verbatim from the source, every result must cite every figure it used, each threshold is tested
on both sides, and bad input must come back as an INVALID result in Chinese — never as an exception.
The situations themselves live in taizhou_cases.yaml, named after the clause they check.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from policy_kb import api
from policy_kb.editions import MONEY_UNITS, all_editions, edition, edition_for_region
from policy_kb.model import Result, Status
from policy_kb.money import fmt_yuan
from policy_kb.rules import taizhou

ED = edition("taizhou-2018")
SOURCE = ED.source_text()
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "taizhou_cases.yaml").read_text(encoding="utf-8")
)["cases"]
HAN = re.compile(r"[\u4e00-\u9fff]")
UNITS = {*MONEY_UNITS, "percent", "years", "months", "count", "text", "list", "map"}
RULES = (
    "intermediary_fee_subsidy",
    "equity_award_cap",
    "reform_award",
    "fund_profit_share",
    "housing_supply_targets",
    "housing_voucher",
    "overview",
    "category_note",
)


def run(case: dict[str, Any]) -> Result:
    return getattr(taizhou, case["rule"])(**case["input"])


def used_params(result: Result) -> set[str]:
    return {pid for step in result.steps for pid in step.params}


# ---- the edition as data ----------------------------------------------------------------------------
def test_header_names_the_decree_and_every_area() -> None:
    assert (ED.region, ED.doc, ED.effective, ED.source) == (
        "台州市",
        "台市委发〔2018〕39号",
        "2018-04-13",
        "taizhou_2018_39.txt",
    )
    assert ED.title == "高水平建设人才强市行动计划（2018-2020）"
    areas = {n for members in ED.meta["area_groups"].values() for n in members}
    assert areas | {"台州", "台州市"} == set(ED.aliases)
    for name in ("台州", "椒江", "三门", "台州市路桥区"):
        assert edition_for_region(name) is ED


@pytest.mark.parametrize("pid", sorted(ED.parameters))
def test_quote_is_verbatim_in_source(pid: str) -> None:
    p = ED.param(pid)
    assert p.citation.quote in SOURCE, f"{pid}: quote not verbatim"
    assert p.unit in UNITS
    assert p.bound in {"max", "min", "exact"}
    clause = p.citation.clause
    if clause.startswith("一、"):
        # 一's targets have no numbers: the label names the target paragraph as the passages do
        # (一、人才量质全面提升), and that paragraph holds the quote
        heading = clause.removeprefix("一、")
        assert f"{heading}——" in SOURCE, clause
        paragraph = SOURCE.split(f"{heading}——", 1)[1].split("\n", 1)[0]
        assert p.citation.quote in f"{heading}——{paragraph}", f"{pid}: quote not in {clause}"
    else:
        assert re.fullmatch(r"[二三四五六七]、(\d+\.)?", clause), clause


@pytest.mark.parametrize(
    "pid", sorted(pid for pid, p in ED.parameters.items() if p.unit in {"years", "count"})
)
def test_every_count_and_year_appears_in_its_quote(pid: str) -> None:
    """Money and percent figures are checked for every edition in test_editions.py; counts and years here
    (the text writes years in words: 两年, 三年)."""
    p = ED.param(pid)
    spelled = {str(p.raw_value), {2: "两年", 3: "三年"}.get(p.raw_value, "")} - {""}
    assert any(s in p.citation.quote.replace(" ", "") for s in spelled), pid


# The qualifier the text puts on a figure: 以上 / 不少于 / 不低于 → min; 不超过 / 最高 → max; none → exact.
# Read from the source around the quote, so a quote cut at a page break ("10 家" | "以上") is caught.
FAR_QUALIFIERS = {
    "equity.share": "max",  # 可按不超过近三年…净资产增值额的 15%: 不超过 governs the 15% from afar
    "equity.min_years": "min",  # the second 三年 of the quote: 连续工作三年以上
}
_CN_YEARS = {2: "两", 3: "三"}
_UNIT_WORDS = r"^(名|家|个|场次|场|平方米|亿元|万元|元|%|件|项|年|周年|个月)"


def text_qualifier(pid: str) -> str:
    p = ED.param(pid)
    source = re.sub(r"\s+", "", SOURCE)
    quote = re.sub(r"\s+", "", p.citation.quote)
    at = source.index(quote)
    number = str(int(p.raw_value)) if float(p.raw_value).is_integer() else str(p.raw_value)
    m = re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", quote)
    if m is None and p.unit == "years":
        m = re.search(_CN_YEARS[p.raw_value], quote)
    assert m is not None, f"{pid}: {number} not in its quote"
    before = source[: at + m.start()]
    after = re.sub(_UNIT_WORDS, "", source[at + m.end() :])
    if after.startswith(("以上", "及以上")) or before.endswith(("不少于", "不低于")):
        return "min"
    if before.endswith(("不超过", "最高")) or after.startswith("以下"):
        return "max"
    return "exact"


@pytest.mark.parametrize(
    "pid",
    sorted(pid for pid, p in ED.parameters.items() if p.unit in {*MONEY_UNITS, "percent", "years", "count"}),
)
def test_bound_is_the_texts_qualifier(pid: str) -> None:
    """五、20. "引进高端猎头机构 10 家以上" was stored as a cap of 10: every 以上/不少于/最高 figure is checked."""
    want = FAR_QUALIFIERS.get(pid) or text_qualifier(pid)
    assert ED.param(pid).bound == want, f"{pid}: the text says {want}, stored {ED.param(pid).bound}"


def test_headhunter_target_is_a_minimum_and_says_so() -> None:
    p = ED.param("recruit.headhunters")
    assert (p.value, p.bound) == (10, "min") and "以上" in p.citation.quote
    item = next(
        i
        for sec in taizhou.overview().values["sections"]
        for i in sec["items"]
        if i["id"] == "recruit.headhunters"
    )
    assert item["value"] == "10家以上"


def test_no_parameter_id_shared_with_another_edition() -> None:
    """policy_kb.api treats some ids as 'this edition defines X'; a shared id would route a Yongjia rule here."""
    for other in all_editions().values():
        if other.id != ED.id:
            assert not set(ED.parameters) & set(other.parameters), other.id


# ---- the situations -----------------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    result = run(case)
    assert result.status.value == case["status"], result.render()
    assert (result.region, result.edition) == ("台州市", "taizhou-2018")
    for key, expected in case.get("values", {}).items():
        assert result.values[key] == expected, (key, result.values)
    for pid in case.get("cites", []):
        assert ED.cite(pid) in result.citations, pid
    if "missing" in case:
        assert [m.name for m in result.missing] == case["missing"]
        assert all(HAN.search(m.question) for m in result.missing)
    if "message" in case:
        assert case["message"] in result.message


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_result_cites_every_figure_it_used(case: dict[str, Any]) -> None:
    result = run(case)
    for pid in used_params(result):
        assert ED.cite(pid) in result.citations, pid
    for c in result.citations:
        assert c.quote in SOURCE and c.doc == ED.doc
    json.dumps(result.to_dict(), ensure_ascii=False)  # adapters send it as JSON


@pytest.mark.parametrize("case", [c for c in CASES if c["status"] == "ok"], ids=lambda c: c["name"])
def test_answer_is_chinese_and_states_the_amount(case: dict[str, Any]) -> None:
    result = run(case)
    assert HAN.search(result.answer) and result.steps
    for key in ("amount", "pool_cap", "reward_pool"):
        if result.values.get(key) is not None:  # None: the text states no amount (房票补贴)
            assert fmt_yuan(result.values[key]) in result.answer


def test_every_parameter_is_exercised() -> None:
    used: set[str] = set()
    for case in CASES:
        used |= used_params(run(case))
    assert used == set(ED.parameters)


def test_calculators_exercise_every_money_share_and_year_figure() -> None:
    """Beyond the overview listing them, the figures the calculators compute with are each hit by a case."""
    used: set[str] = set()
    for case in CASES:
        if case["rule"] != "overview":
            used |= used_params(run(case))
    computed = {
        "intermediary.fee_share",
        "intermediary.firm_cap",
        "equity.share",
        "equity.min_years",
        "reform.national",
        "reform.provincial",
        "fund.profit_share",
        "housing.apartment.district_city",
        "housing.apartment.county",
        "housing.commodity_share",
    }
    assert computed <= used


# ---- ambiguities stated, not hidden ---------------------------------------------------------------------
def test_intermediary_cap_basis_is_stated_as_per_firm_total() -> None:
    result = taizhou.intermediary_fee_subsidy(200000)
    assert "原文未写“每年”" in result.render() and "累计" in result.answer


def test_equity_pool_is_not_split_per_person_and_firm_conditions_stay_open() -> None:
    result = taizhou.equity_award_cap(1000000, 3)
    assert "未规定每人份额" in result.answer
    assert [c["met"] for c in result.values["conditions"]] == [None, None, True]


def test_category_note_never_guesses_and_names_whom_to_ask() -> None:
    for honours in (None, "国家千人计划", ["省“千人计划”", "第2类"]):
        result = taizhou.category_note(honours)
        assert result.status is Status.NEEDS_ASSESSMENT
        assert result.values["category"] is None
        assert "市委组织部" in result.message and "市人力社保局" in result.message
        assert "《台州市高层次人才分类目录》" in result.message


def test_referral_reward_has_no_figure_and_says_so() -> None:
    assert "本文未列" in ED.value("referral.high_end_standard")


# ---- robustness -----------------------------------------------------------------------------------------
BAD = (-1, "abc", True, [], {}, float("nan"), float("inf"), 10**15, object(), "-3万")


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("bad", BAD, ids=repr)
def test_bad_input_is_invalid_in_chinese_never_an_exception(rule: str, bad: Any) -> None:
    fn = getattr(taizhou, rule)
    params = list(inspect.signature(fn).parameters)
    for name in params:
        result = fn(**{name: bad})
        assert isinstance(result, Result)
        assert result.status in {Status.INVALID, Status.NEEDS_INPUT, Status.OK, Status.NEEDS_ASSESSMENT}
        if result.status is Status.INVALID:
            assert HAN.search(result.message)


@pytest.mark.parametrize("bad", (-1, "abc", True, float("nan"), 10**15, object()), ids=repr)
def test_bad_amounts_are_invalid(bad: Any) -> None:
    for result in (
        taizhou.intermediary_fee_subsidy(bad),
        taizhou.equity_award_cap(bad, 3),
        taizhou.fund_profit_share(bad),
    ):
        assert result.status is Status.INVALID and HAN.search(result.message)


def test_public_signatures_match_the_contract() -> None:
    sig = {r: list(inspect.signature(getattr(taizhou, r)).parameters) for r in RULES}
    assert sig["intermediary_fee_subsidy"] == [
        "fee",
        "already_received_this_firm",
        "full_time",
        "unified_event",
    ]
    assert sig["equity_award_cap"] == ["net_asset_increase_3y", "years_worked"]
    assert sig["reform_award"] == ["scope", "separate_practices"]  # (optional: two reforms, one per tier)
    assert sig["fund_profit_share"] == ["gov_share_profit"]
    assert sig["housing_supply_targets"] == ["area"]
    assert sig["overview"] == []
    assert sig["housing_voucher"] == []


def test_reform_award_both_tiers_asked_gives_each_figure_and_no_sum() -> None:
    """六、25. "分别给予 50 万元、30 万元": asked about both tiers, each is stated; they are not added."""
    result = taizhou.reform_award(scope="全省…要是全国呢")
    assert result.status is Status.OK
    assert "30万元" in result.answer and "50万元" in result.answer and "80万" not in result.answer
    assert "未写明全国、全省两档可以叠加" in result.answer and "咨询" in result.answer
    # "比省里多多少": 50万元 − 30万元, the two tiers' own figures (dev11, dev13)
    assert "全国一档比全省多20万元" in result.answer and result.values["gap"] == 200_000


def test_a_hire_the_fee_subsidy_does_not_reach_still_hears_the_rule() -> None:
    """三、9.: 全职引进人才的中介费用给予 50% 补助，单家企业最高不超过 30 万元 — a part-time hire gets 0元 under it,
    and the answer states the rule (share and cap) before saying why it does not reach this hire."""
    result = taizhou.intermediary_fee_subsidy(200000, full_time=False)
    assert result.values["amount"] == 0
    assert "中介费用给予50%补助，单家企业最高不超过30万元" in result.answer
    assert "本次不是全职引进" in result.answer


def test_recruits_of_several_kinds_are_each_counted_as_their_own_task() -> None:
    """七、29.: "引进了2个自主申报的国家千人和1个自主申报的省千人，一共相当于完成了什么" is 2 科研特别重大项目 and 1 重大项目
    (dev50); "顶尖人才…那高端人才呢" is each tier's task, not the first tier's alone (dev51)."""
    two = api.recruitment_task("今年引进了2个自主申报的国家千人和1个自主申报的省千人，一共相当于完成了什么")
    assert "引进2名自主申报的国家“千人计划”专家，视同完成2个科研特别重大项目" in two.answer
    assert "每引进1名自主申报的省“千人计划”专家，视同完成重大项目" in two.answer
    tiers = api.recruitment_task("从市外全职引进一个顶尖人才算完成什么招商任务？那高端人才呢？")
    assert "顶尖人才（经认定），视同完成科研特别重大项目" in tiers.answer
    assert "高端人才（经认定），视同完成一般项目" in tiers.answer
    # one kind named stays the one-kind answer
    assert api.recruitment_task("从市外全职引进一名高端人才").values["task"] == "一般项目"


def test_an_apartment_area_said_delivered_is_checked_against_its_minimum() -> None:
    """五、21.: "三区三市每个地方最少要提供多少平方？我们区今年交付了24000平方米拎包入住的，达标了吗？差多少？" (dev50) —
    25000平方米以上, 1000平方米 short; 天台 (其他县, 15000) with 2万 has met it."""
    short = api.talent_apartments(
        area="三区三市每个地方人才公寓最少要提供多少平方？我们区今年交付了24000平方米拎包入住的，达标了吗？差多少？",
        region="台州市",
    )
    assert "少1000平方米，尚未达到" in short.answer and short.values["short_m2"] == 1000
    met = api.talent_apartments(area="天台建了2万平方米人才公寓，达标了吗", region="台州市")
    assert "天台属于“其他县”" in met.answer and "已达到15000平方米以上" in met.answer
    assert met.values["short_m2"] == 0


# ---- 七、29.: counts and the words "从市外全职引进" ------------------------------------------------------
@pytest.mark.parametrize(
    ("words", "says"),
    [
        # each counted: 2 experts are 2 tasks (dev55)
        (
            "我们单位今年引进了2个自主申报的国家千人计划专家，年底招商引资考核上能算什么？",
            "视同完成2个科研特别重大项目",
        ),
        # the count said after the kind, in a follow-up read with the question before it
        (
            "引进1个自主申报的国家千人专家，招商考核算科研特别重大项目，对吧？那如果是省千人呢？我们引进了3个，也是自主申报的。",
            "3个重大项目",
        ),
        # a place of the city itself is not 市外
        (
            "我们县从椒江区一家企业全职挖来一个领军人才。这个能视同完成重大项目招商任务吗？",
            "不能视同完成重大项目",
        ),
        # part-time is not 全职
        (
            "我们柔性引进了一个领军人才，周末过来指导，不是全职的，这个能算招商引资的重大项目任务吗？",
            "不是全职引进",
        ),
        # from outside the city, full-time: the task, with who decides
        ("从上海全职引进一个领军人才，算什么任务", "视同完成重大项目招商引资任务"),
    ],
)
def test_recruitment_task_counts_and_conditions(words: str, says: str) -> None:
    result = api.recruitment_task(words, region="台州市")
    assert result.ok and says in result.answer, result.answer


def test_recruitment_tasks_are_set_against_the_target_the_asker_gives() -> None:
    """七、29.: 国家“千人计划” (自主申报) and a 顶尖人才 from outside the city are 科研特别重大项目 each; a 省“千人计划”
    expert is a 重大项目 and does not count toward them (dev61: 3 to do → 2 done, 1 short)."""
    said = (
        "任务里有3个科研特别重大项目。引进了1名自主申报的国家千人；从宁波全职引进1名顶尖人才，已经认定；"
        "还有1名自主申报入选的省千人。特别重大项目算完成了几个，还差几个？"
    )
    r = api.recruitment_task(said, region="台州市")
    assert "已视同完成2个，还差1个" in r.answer and "1个重大项目不计入科研特别重大项目" in r.answer
    assert "还差几" not in r.answer and "完成3个" not in r.answer


def test_tasks_done_before_count_toward_the_target() -> None:
    """七、29.: a 自主申报 省“千人计划” expert is a 重大项目 — 5 to do, 2 done, 3 more such experts make 5 (dev64)."""
    said = "今年我们的招商任务是5个重大项目，已经完成了2个。如果再引进3个自主申报的省千人，是不是就完成了？"
    r = api.recruitment_task(said, region="台州市")
    assert "已完成2个，加上这次视同完成的3个，共5个，已经完成" in r.answer


def test_only_the_full_time_talents_of_a_tier_count() -> None:
    """七、29.: 从市外全职引进 — of 3 顶尖人才, the 2 who came full-time count, the 柔性 one does not (dev64)."""
    said = "我们县今年请来了3位顶尖人才，都经过台州认定了。其中2位是全职从北京过来的，另1位是柔性的。能算几个特别重大项目？"
    r = api.recruitment_task(said, region="台州市")
    assert r.values["done"] == {"科研特别重大项目": 2} and "3个科研特别重大项目" not in r.answer
