"""The rule registry (policy_kb/data/rules.yaml) matches policy_kb.api and the source texts."""

from __future__ import annotations

import inspect

import pytest

from policy_kb import api, registry
from policy_kb.passages import all_passages

NOT_RULES = {
    "resolve",
    "region_scope",
    "region_from_words",
    "region_named_by_terms",
    "search",
    "skills_award_named",
    "who_decides",
    "document_passages",
    "no_title_note",
}  # lookups, no provision (who_decides: the body a clause's own text names; no_title_note: 二's way in, said
# beside a clause naming its 对象)


def api_rules() -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(fn)
        for name, fn in inspect.getmembers(api, inspect.isfunction)
        if fn.__module__ == "policy_kb.api" and not name.startswith("_") and name not in NOT_RULES
    }


def test_every_api_rule_is_registered_and_nothing_else() -> None:
    assert set(registry.rules()) == set(api_rules())


@pytest.mark.parametrize("name", sorted(api_rules()))
def test_registered_inputs_are_the_functions_parameters(name: str) -> None:
    params = [p for p in api_rules()[name].parameters if p not in ("region", "k")]
    assert set(registry.rules()[name].inputs) == set(params)


@pytest.mark.parametrize("name", sorted(api_rules()))
def test_registered_clauses_exist_in_the_text(name: str) -> None:
    rule = registry.rules()[name]
    regions = [rule.region] if rule.region else ["永嘉县", "台州市"]
    known = {p.clause for region in regions for p in all_passages(region)}
    for clause in rule.clauses:
        assert any(k == clause or k.startswith(clause) for k in known), f"{name}: no clause {clause}"


def test_a_rule_asks_the_registered_question() -> None:
    result = api.project_funding()
    assert [m.question for m in result.missing] == [
        registry.input_spec("category").question,
        registry.input_spec("rating").question,
    ]


@pytest.mark.parametrize(
    ("clause", "region", "words", "expected"),
    [
        (
            "三（二）",
            "永嘉县",
            "省里给我们的领军型创业创新团队资助了1000万，永嘉县再配套多少？",
            "县里等额配套1000万元",
        ),
        (  # 配套 unsaid: what the 省 gave is still the amount 三（二） matches
            "三（二）",
            "永嘉县",
            "团队入选了浙江省领军型创业创新团队，省里资助了1000万，永嘉县里还给不给钱，给多少？",
            "县里等额配套1000万元",
        ),
        ("三、9.", "台州市", "全职引进一个人，中介费24万元，能补助多少", "可获补助12万元"),
        ("三（四）", "永嘉县", "海外工程师年薪60万，能资助多少", "万元"),
        (  # 五、17.: the government share's gain said in everyday words (赚了), 50% of it
            "五、17.",
            "台州市",
            "假如政府出资那部分赚了600万，我们团队和基金管理人一共能分到多少？",
            "可用于奖励的总额为300万元",
        ),
    ],
)
def test_a_clause_question_with_one_amount_is_computed(
    clause: str, region: str, words: str, expected: str
) -> None:
    result = registry.compute_from_words(clause, region, words)
    assert result is not None and result.ok and expected in result.answer


def test_a_clause_with_two_rules_computes_the_one_its_words_name() -> None:
    words = "我们的项目入选了省级重点国外智力项目，省里资助了20万，县里配套多少？"
    result = registry.compute_from_words("三（四）", "永嘉县", words)
    assert result is not None and result.rule == "matching_grant" and "20万元" in result.answer
    assert registry.compute_from_words("三（四）", "永嘉县", "我们项目资助了20万，还能拿多少") is None


def test_several_amounts_or_a_city_team_are_not_computed() -> None:
    assert registry.compute_from_words("三、9.", "台州市", "中介费10万，又一个14万") is None
    # 温州市 teams follow the city's own measures (三（二）): no county figure is computed for them
    assert (
        registry.compute_from_words("三（二）", "永嘉县", "温州市领军型团队资助了500万，县里配套多少") is None
    )


# ---- what names a rule and which of its inputs the words state (rules.yaml `words`, `reads`, `needs`) ----


def test_every_input_is_read_one_way_and_needs_name_the_rules_own_inputs() -> None:
    for spec in registry.inputs().values():
        assert not (spec.role and spec.reads), spec.name  # an amount by its role, anything else by reads
        assert not spec.reads or spec.reads in registry.READS, spec.name
        assert spec.reads != "option" or spec.options, spec.name
        assert not spec.per_person or spec.unit == "元", spec.name
    for rule in registry.rules().values():
        for alternative in rule.needs:
            assert set(alternative) <= set(rule.inputs), rule.name
            # an input that must be stated is one the words can state
            assert all(registry.input_spec(i).role or registry.input_spec(i).reads for i in alternative)
        if rule.needs != ((),):
            assert rule.words, f"{rule.name}: `needs` without the `words` that name it"


@pytest.mark.parametrize(
    ("words", "rules"),
    [  # each named by the words of its own clause
        ("创业类项目第二期拨付条件", {"next_tranche", "tranche_conditions"}),  # 附件1 三（一）
        ("创业贷款贴息", {"loan_interest"}),  # 三（三）
        ("柔性引进人才奖励", {"flexible_reward"}),  # 附件2 第七条
        ("海外工程师资助", {"overseas_engineer"}),  # 三（四）
        ("企業支付的中介費用", {"intermediary_fee_subsidy"}),  # 三、9., traditional characters
        ("人才服务热线", {"hotline"}),  # 附件3 二（一）
    ],
)
def test_the_words_of_a_clause_name_its_rules(words: str, rules: set[str]) -> None:
    assert {r.name for r in registry.named(words)} == rules


def test_a_cue_names_a_rule_only_in_a_question_about_its_clause() -> None:
    rule = registry.rules()["next_tranche"]
    assert not registry.names(rule, "拨打人才服务热线")
    assert registry.names(rule, "270万什么时候拨", about_its_clause=True)


def test_inputs_are_read_from_the_words_as_the_registry_declares() -> None:
    rules = registry.rules()
    # 附件1 三（一）2: an approved total and the tranche asked; the unlabelled amount is from_words
    assert registry.read_inputs(rules["next_tranche"], "创业项目 270万 第二期") == {
        "approved_total": 2_700_000,
        "project_type": "创业",
        "tranche": 2,
    }
    # 附件1 二（二）: the category and the rating; 实缴 fills paid_in_capital by its role
    got = registry.read_inputs(rules["project_funding"], "第3类 重点推荐 创业 实缴100万")
    assert got == {"category": 3, "rating": "重点推荐", "project_type": "创业", "paid_in_capital": 1_000_000}
    # 三（六）: the level is one of the input's options; the kind is the words, read by the rule
    assert registry.read_inputs(rules["workstation"], "省级博士后工作站")["level"] == "省级"
    # 三（三）: the rate is the percentage the words state; an honour is the words the catalogue knows
    got = registry.read_inputs(rules["loan_interest"], "杰青 贷款300万 4.35%")
    assert got["loan_amount"] == 3_000_000 and str(got["benchmark_rate"]) == "4.35" and got["honours"]
    assert "honours" not in registry.read_inputs(rules["loan_interest"], "贷款300万")


def test_an_input_taken_per_person_reads_several_amounts_as_a_list() -> None:
    """附件2 第七条 caps each person's reward: three pays are three people's, not an unclear figure."""
    rule = registry.rules()["flexible_reward"]
    assert registry.read_inputs(rule, "柔性引进 3人 年薪40万 30万 20万") == {
        "taxable_pay": [400_000, 300_000, 200_000],
        "people": 3,
    }
    # 三、9.'s fee is one figure: two of them stay unclear (test_several_amounts_or_a_city_team…)
    assert registry.read_inputs(registry.rules()["intermediary_fee_subsidy"], "中介费10万 中介费14万") == {}


def test_needs_say_when_the_words_state_enough_to_compute() -> None:
    rule = registry.rules()["next_tranche"]
    assert not registry.needs_met(rule, {"tranche": 2})  # the conditions, not an amount: its clause
    assert registry.needs_met(rule, {"tranche": 2, "approved_total": 2_700_000})
    assert registry.needs_met(registry.rules()["hotline"], {})  # naming it is enough
