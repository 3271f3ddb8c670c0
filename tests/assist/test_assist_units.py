"""Reading keyword queries, saying clause labels, resolving citations to passages — without HTTP."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.assist.calculators import BY_NAME, run
from bot.assist.cases import detect
from bot.assist.query import parse
from bot.assist.ranking import UnknownRegion, rank, resolve_region
from bot.assist.sources import passage_for, viewer_link
from bot.assist.speech import best_sentences, spoken_clause
from policy_kb import api, reading, registry
from policy_kb.passages import all_passages, passage, passage_at
from policy_kb.reading import Amount
from policy_kb.services import catalogue_for


def figures(query: str) -> reading.Reading:
    """The figures the hotline reads from a query (policy_kb.reading, on the query as ranked)."""
    return parse(query).figures


def test_amounts_take_their_figure_from_the_word_before_them() -> None:
    f = figures("创业 第二期 资助100万 支出80万")
    assert f.amounts == (Amount(1_000_000, "approved_total"), Amount(800_000, "spending"))
    assert f.amount("spending") == 800_000 and f.amount("sales", default=False) is None
    assert figures("年薪 60万 海外工程师").amount("salary") == 600_000
    assert figures("柔性 30万").amounts == (Amount(300_000, None),)
    assert figures("贷款 200万 第三类 4.35%").percent == Decimal("4.35")
    assert figures("580 购房").amounts == () and figures("151 第三层次").amounts == ()  # plans, not money
    assert figures("中介费 1.5亿").amount("fee") == 150_000_000
    assert figures("柔性 -30万").amounts == () and figures("年薪 .5万").amounts == ()  # not 30万 / 5万


def test_categories_ratings_tranches_and_types() -> None:
    assert figures("第三类 重点推荐").category == 3 and figures("第3类").category == 3
    assert figures("正高职称 哪一类").category is None  # 哪一类 asks, it does not say 第一类
    assert figures("第几类").category is None
    assert figures("第三类 重点推荐").rating == "重点推荐"
    assert figures("创业 第二期").tranche == 2 and figures("首期").tranche == 1
    assert figures("创新 尾款").tranche == "last"
    assert figures("创业 第二期").project_type == "创业"
    assert figures("创业 创新").project_type is None  # both named: not decided
    assert figures("创业类 分三期").tranche is None  # how many tranches, not which one
    assert figures("头期 材料").tranche == 1 and figures("创新 最后一期").tranche == "last"


def test_head_counts() -> None:
    assert figures("柔性 2人 年薪80万").people == 2 and figures("两名 海外工程师").people == 2
    assert figures("柔性 30万").people is None and figures("人才公寓").people is None
    assert figures("4人 每人30万").amounts == (Amount(300_000, "salary"),)


def test_regions_honours_and_plans_after_normalising() -> None:
    assert parse("台州 中介费").regions == ("台州市",)
    assert parse("瓯北 金卡").regions == ("永嘉县",)  # a town of 永嘉县 (policy_kb.editions)
    assert parse("温州580 住房补贴").regions == ()  # 温州市“580计划” is a plan, not a place
    assert parse("鹿城 人才公寓").uncovered == "鹿城" and parse("鹿城 人才公寓").regions == ()
    assert set(parse("永嘉 台州").regions) == {"永嘉县", "台州市"}
    assert registry.read_input("plan", parse("國千 房補").text) == "国家千人计划"
    assert [h.name for h in parse("杰青").honours.honours] == ["国家杰出青年基金获得者"]
    assert "housing_subsidy" in parse("國千 房補").named


def test_a_calculator_that_fails_costs_only_its_own_card(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in one rule (an ImportError, a KeyError) must not turn the whole hotline answer into a 500: the
    card is left out and the other cards and the passages still answer."""
    assert [c.rule for c in detect(parse("國千 房補"), None)] == ["housing_subsidy", "category_for_honours"]

    def broken(**_: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(api, "housing_subsidy", broken)
    assert [c.rule for c in detect(parse("國千 房補"), None)] == ["category_for_honours"]


def test_strong_and_weak_cases() -> None:
    cases = detect(parse("國千 房補"), None)
    assert [(c.rule, c.strong) for c in cases] == [("housing_subsidy", True), ("category_for_honours", False)]
    assert [(c.rule, c.strong) for c in detect(parse("151 第三层次"), None)] == [
        ("category_for_honours", True)
    ]
    # an honour said in passing beside other words is not the question (研究生 博士后 劳务费: 台州 六、27)
    assert [(c.rule, c.strong) for c in detect(parse("研究生 博士后 劳务费"), None)] == [
        ("category_for_honours", False)
    ]
    assert detect(parse("海外工程师"), None) == []  # no salary: the clause answers, not a calculator
    assert detect(parse("台州 中介费"), None) == []  # no fee typed
    assert [c.rule for c in detect(parse("中介费 80万"), "永嘉县")] == []  # a 台州市 provision


def test_region_resolution() -> None:
    assert resolve_region("") is None and resolve_region(None) is None
    assert resolve_region("台州") == "台州市" and resolve_region("永嘉") == "永嘉县"
    for uncovered in ("杭州", "温州"):  # 温州市 is not 永嘉县: its own measures apply
        with pytest.raises(UnknownRegion):
            resolve_region(uncovered)
    assert rank("金卡", 3, None)[1][0]["region"] == "永嘉县"


@pytest.mark.parametrize(
    ("clause", "through", "said"),
    [
        ("附件3 二（三）", False, "第二条第三款"),
        ("三（七）", False, "第三条第七款"),
        ("附件2 第八条（二）1", False, "第八条第二款第1项"),
        ("二 第2类", False, "第二条第2类"),
        ("三、9.", True, "第三部分第9条"),
        ("一、人才量质全面提升", True, "第一部分“人才量质全面提升”"),
        ("前言", False, "前言"),
    ],
)
def test_clause_labels_are_said_in_words(clause: str, through: bool, said: str) -> None:
    assert spoken_clause(clause, through) == said


def test_best_sentences_pick_what_the_query_asks_and_read_out_the_units() -> None:
    p = passage("tz-3-9")
    said = best_sentences(p.display, "中介费", p.title)
    assert "中介费用" in said and said.startswith("企业参加全市统一组织的海外引才活动")
    p = passage("tz-3-10#2")
    said = best_sentences(p.display, "引荐 高端人才", p.title)
    assert "（责任单位" not in said and said.endswith("责任单位：市人力社保局、市委组织部、市科技局。")


def test_a_short_clause_is_read_whole() -> None:
    """附件2 第七条 is one rule: the 20% and the 5万/15万 caps — a query about the cap still hears the rate."""
    p = passage("yj-a2-7")
    said = best_sentences(p.display, "柔性引才 奖励 上限", p.title)
    assert "20%" in said and "5万元" in said and "15万元" in said


def test_every_service_and_gold_card_citation_resolves_to_the_passage_quoting_it() -> None:
    for edition in ("yongjia-2016", "taizhou-2018"):
        cat = catalogue_for(edition)
        citations = [s.citation for s in cat.services] + [b.citation for b in cat.gold_card.benefits]
        for c in citations:
            p = passage_for(c.doc, c.clause, c.quote)
            assert p is not None and p.edition == edition, c
            assert c.display_quote()[:10] in p.display


def test_calculator_citations_resolve_to_their_passages() -> None:
    results = [
        api.project_funding(category=3, rating="重点推荐"),
        api.category_for_honours("杰青"),
        api.next_tranche(project_type="创新", approved_total="100万", tranches_received=0, investment="90万"),
    ]
    for r in results:
        for c in r.citations:
            assert passage_for(c.doc, c.clause, c.quote) is not None, c


def test_viewer_links_escape_sentence_group_ids() -> None:
    assert viewer_link("taizhou-2018", "tz-5-21#3") == "/assist/source/taizhou-2018/tz-5-21%233"
    assert any("#" in p.id for p in all_passages())


def test_calculator_money_fields_read_bare_numbers_as_wan() -> None:
    out = run("overseas_engineer", {"annual_salary": "60"}, None)
    assert out["values"]["salary"] == 600_000 and out["status"] == "ok"
    out = run("overseas_engineer", {"annual_salary": "600000元"}, None)
    assert out["values"]["salary"] == 600_000
    assert set(BY_NAME) >= {"category", "funding", "tranche", "flexible", "overseas_engineer", "loan"}


def test_a_clause_rule_computes_the_figure_the_query_gives() -> None:
    """The registry derives a calculation from the best passage's clause (no assist-side parser)."""
    from bot.assist.ranking import rank

    _, suggestions = rank("净资产增值额 2000万 股权奖励上限", 3, None)
    assert suggestions[0]["title"] == "国有企业股权奖励（2000万元）"  # the registry's title, the figure read
    assert "最高300万元" in suggestions[0]["answer"]
    _, suggestions = rank("省领军型团队 省资助1000万 配套", 3, None)
    assert "县里等额配套1000万元" in suggestions[0]["answer"]


# ---- the cards come from the rule registry (policy_kb/data/rules.yaml), not from a table here ----------


@pytest.mark.parametrize(
    "query",
    [
        "第三类 重点推荐",
        "创业 第二期 条件",
        "柔性 30万",
        "贷款贴息 第二类",
        "国千 购房",
        "院士工作站 市级",
        "热线",
    ],
)
def test_a_calculated_card_is_titled_by_its_registry_rule(query: str) -> None:
    card = rank(query, 3, None)[1][0]
    assert card["title"].startswith(registry.rules()[card["rule"]].title)


def test_a_tranche_card_shows_the_total_and_the_tranche_it_answers_for() -> None:
    """附件1 三（一）2: 270万 asked as 第二期 — 第2期 is 30%, 81万元, with its conditions; the title says
    which figures were read (the total and the tranche), not only the subject."""
    card = rank("创业项目 270万 第二期", 3, None)[1][0]
    assert card["rule"] == "next_tranche" and "81万元" in card["answer"] and "实际项目支出" in card["answer"]
    assert "270万元" in card["title"] and "第2期" in card["title"]


def test_the_last_tranche_with_a_total_is_computed_not_only_its_conditions() -> None:
    """附件1 三（一）3: 尾款 of a 创业 project is 第三期 30% — of 100万, 30万元."""
    card = rank("创业 100万 尾款", 3, None)[1][0]
    assert card["rule"] == "next_tranche" and "30万元" in card["answer"] and "最后一期" in card["title"]
    expected = api.next_tranche(project_type="创业", approved_total="100万", tranche="last")
    assert card["answer"] == expected.answer


def test_a_plan_selected_through_yongjia_prices_its_project_without_the_type() -> None:
    """附件1 二（二）: "省千 永嘉地申报 项目资助" — 以永嘉地申报入选省千人计划的创业人才 are funded at 第3类特别推荐,
    270万元; the card computes it (the type is asked after), not only the passage (dev22)."""
    cards = rank("省千 永嘉地申报 项目资助", 3, None)[1]
    assert any(c["rule"] == "project_funding" and "270万元" in c["answer"] for c in cards)


def test_a_rule_computed_from_the_words_is_not_shown_again_from_fewer_of_them() -> None:
    """next_tranche and tranche_conditions rest on the same clauses; with the total typed, the computed
    tranche answers and the bare conditions of the same tranche are not a second card."""
    rules = [c.rule for c in detect(parse("创业项目 270万 第二期"), None)]
    assert rules == ["next_tranche"]
    assert [c.rule for c in detect(parse("创业 第二期 条件"), None)] == ["tranche_conditions"]


def test_a_rule_that_can_only_ask_reads_its_registry_clause() -> None:
    """三（五）: 首席技师 without 省/市 — the rule asks which; the card reads 三（五）'s figures first."""
    card = rank("首席技师 奖励", 3, None)[1][0]
    assert card["rule"] == "skills_award" and card["status"] == "needs_input"
    assert card["citations"][0]["clause"] == "三（五）" and "5万元、2万元" in card["answer"]


def test_calculator_forms_show_their_registry_rules_inputs() -> None:
    """A form field is an input of the rule the form runs, labelled and offered as the registry says."""
    from bot.assist.calculators import CALCULATORS

    for calc in CALCULATORS:
        for f in calc.fields:
            spec = registry.input_spec(f.name)
            assert f.label.startswith(spec.label) and f.wan == (spec.unit == "元"), (calc.name, f.name)
            assert f.options == spec.options or not spec.options, (calc.name, f.name)


def test_a_clause_the_calculated_card_quotes_is_not_shown_again() -> None:
    """三（五）: the card for 中华技能大奖 quotes and links the clause; the clause is not a second card
    (its other awards' figures would read as a second answer)."""
    got = rank("中华技能大奖 奖励", 3, None)[1]
    assert got[0]["rule"] == "skills_award" and "15万元" in got[0]["answer"]
    assert all(s.get("passage_id") != passage_at("永嘉县", "三（五）").id for s in got[1:])


def test_the_other_items_of_a_list_one_item_of_which_answers_are_not_shown() -> None:
    """二: an honour's category answers from one category's passage; the list of all five categories and
    the other four are the alternatives not asked about."""
    got = rank("国家杰青 第几类", 3, None)[1]
    assert got[0]["rule"] == "category_for_honours" and "第2类" in got[0]["answer"]
    listed = {"yj-2", *(i.passage_id for i in passage("yj-2").items)}
    assert not listed & {s.get("passage_id") for s in got[1:]}


def test_a_referral_is_computed_from_the_plan_or_the_count_the_query_states() -> None:
    """三（十）: 2万元 per talent referred and reviewed, plus the plan's award per talent selected; without a
    plan or a count the clause itself answers."""
    card = rank("引荐 3人 其中1人入选省千", 3, None)[1][0]
    expected = api.referral_fee(plan="省千人计划", referred=3, selected=1)
    assert card["rule"] == "referral_fee" and card["answer"] == expected.answer
    assert "3人" in card["title"] and "其中1人" in card["title"]
    assert all(s.get("rule") != "referral_fee" for s in rank("引荐费", 3, None)[1])


def test_a_clause_kept_as_sentence_groups_is_read_from_the_group_saying_the_query() -> None:
    """一 总体要求 is two sentence groups under one title: the principles (原则) are in the second; a
    card on 一 reads and links that group, not the first one the title matched."""
    card = next(s for s in rank("总体要求 原则", 3, None)[1] if s.get("passage_id", "").startswith("yj-1"))
    assert card["passage_id"] == "yj-1#2" and "以用为本" in card["answer"]
    assert card["source_link"] == viewer_link("yongjia-2016", "yj-1#2")
    # a group saying other words of the query than its sibling stays as search chose it
    card = next(s for s in rank("國千 人才公寓", 3, None)[1] if s.get("passage_id", "").startswith("yj-3-8"))
    assert card["passage_id"] == "yj-3-8#2"


def test_a_space_between_two_numbers_keeps_them_two_figures() -> None:
    """三（四）: 80万 is in the 70万–100万 band (20万元); "2 80万" typed with a space is not 280万 — the
    query is read as policy_kb.reading reads it, not with every space removed."""
    card = rank("海外工程师 2 80万", 3, None)[1][0]
    assert card["rule"] == "overseas_engineer"
    assert card["answer"] == api.overseas_engineer(annual_salary="80万").answer


def test_a_query_about_the_document_itself_leads_with_the_clause_about_the_document() -> None:
    """ "政策 实施日期": 五 (本意见自发文之日起实施) first, not 四（二） that shares the word 政策 — as the
    registry's effective_date rule, which also states the 发文日期 the words 自发文之日 point to."""
    _, suggestions = rank("政策 实施日期", k=3, region="永嘉县")
    assert suggestions[0]["rule"] == "effective_date" and suggestions[0]["passage_id"] == "yj-5"
    assert "自发文之日起实施" in suggestions[0]["answer"] and "2016年7月28日" in suggestions[0]["answer"]


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("新政 实施时间", True),
        ("人才新政 什么时候实施", True),
        ("项目 实施时间", False),
        ("实施期限 几年", False),
    ],
)
def test_the_document_date_is_named_by_its_phrasing_not_by_a_project_s_implementation(
    query: str, named: bool
) -> None:
    """五 (自发文之日起实施) answers "新政 实施时间"; a project's 实施时间 is 附件1 四（一）'s 实施期限 (5年)."""
    _, suggestions = rank(query, k=3, region=None)
    assert (suggestions[0].get("rule") == "effective_date") is named
    if not named and "项目" in query:
        assert any("5年" in s["answer"] for s in suggestions)


@pytest.mark.parametrize(
    ("query", "clause"),
    [
        ("项目资助 资金来源", "附件1 四（三）"),  # 所需资金从“县产业创业创新人才专项资金”中列支
        ("资助资金 用途", "附件1 三"),  # 项目科技资助资金主要用于科研设备购置、项目研发和人才培养引进等
    ],
)
def test_the_clause_stating_an_aspect_leads_the_cards(query: str, clause: str) -> None:
    _, cards = rank(query, 3)
    assert cards and [c["clause"] for c in cards[0]["citations"]][:1] == [clause], cards[0]


def test_a_plan_selected_in_yongjia_prices_its_startup_project() -> None:
    """附件1 二（二）第2段: 以永嘉地申报入选 省千人计划 的创业人才 — 第3类 特别推荐 = 270万元, in the top card."""
    _, suggestions = rank("永嘉地申报 省千人 创业 资助标准", 3, None)
    assert "270万元" in suggestions[0]["answer"] and "特别推荐" in suggestions[0]["answer"]


def test_the_group_of_a_long_clause_is_chosen_by_what_it_says_not_by_the_region_name() -> None:
    """台州 五、17.: 设立人才创业子基金，基金规模达到10亿元以上 — a later group's 台州信保基金 names 台州 but
    not the 子基金."""
    _, suggestions = rank("台州 人才创业子基金 规模", 3, None)
    assert "10亿元" in suggestions[0]["answer"]


def test_a_basis_card_reads_the_sentence_that_names_the_basis() -> None:
    """永嘉 前言 is one long sentence (文号, 抬头, 目的, 根据《…》（温委办发〔2015〕49号）): asked what the 意见
    rests on, the card reads it from 根据《…》, not from the heading it cannot finish reading (dev2)."""
    card = rank("82号文 依据 市级文件", 3, None)[1][0]
    assert card["passage_id"] == "yj-front" and "温委办发〔2015〕49号" in card["answer"]
    card = rank("十二条 上级依据文件", 3, None)[1][0]  # dev23
    assert card["passage_id"] == "yj-front" and "温委办发〔2015〕49号" in card["answer"]
    card = rank("柔性引才办法 依据", 3, None)[1][0]
    assert card["passage_id"] == "yj-a2-1" and "落实《关于实施“永嘉人才新政十二条”" in card["answer"]


@pytest.mark.parametrize("query", ["人才金卡 免费项目", "金卡 有哪些待遇", "金卡 怎么申请"])
def test_the_gold_card_s_benefits_asked_as_a_whole_get_the_whole_card(query: str) -> None:
    """附件3 二（三）: asked what the card gives, the card with every benefit (健康检查 … 图书馆 … 公共交通), not
    the one benefit whose words match best (免费游览) or 附件2's 申请 (dev10)."""
    card = rank(query, 3, None)[1][0]
    assert card["rule"] == "gold_card"
    assert all(w in card["answer"] for w in ("健康检查", "图书馆", "公共交通"))


def test_one_gold_card_benefit_named_is_that_benefit() -> None:
    card = rank("金卡 免费体检", 3, None)[1][0]
    assert card.get("rule") != "gold_card" and "健康检查" in card["answer"]


@pytest.mark.parametrize(
    ("query", "absent"),
    [
        # 三（一）'s 450万元 asked: 附件1 二（一）'s 270万元 for the same category beside it reads as the answer (dev63/64)
        ("第3类 奖励资助 上限", "270万"),
        ("第1类 奖励资助 标准", "800万"),
        # 附件1 三（二）'s 创新 list asked: 三（一）'s 创业 list (场地租赁合同) beside it reads as the answer
        ("创新类 第一期 申请材料", "场地租赁合同"),
    ],
)
def test_a_settled_card_is_not_crowded_by_a_neighbours_figure(query: str, absent: str) -> None:
    _, cards = rank(query, 3, None)
    shown = " ".join(str(c.get("answer") or c.get("text") or "") for c in cards)
    assert cards and absent not in shown


def test_a_neighbour_the_query_names_is_still_shown() -> None:
    _, cards = rank("第3类 奖励资助 项目资助标准", 3, None)
    assert "270万" in " ".join(str(c.get("answer") or c.get("text") or "") for c in cards)


def test_one_place_of_taizhou_gets_its_apartment_minimum() -> None:
    _, cards = rank("仙居 人才公寓", 3, None)
    assert "15000平方米以上" in str(cards[0].get("answer") or "") and "仙居" in str(cards[0].get("title"))
