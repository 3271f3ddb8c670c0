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
    "search",
    "skills_award_named",
}  # lookups, no provision


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
        ("三、9.", "台州市", "全职引进一个人，中介费24万元，能补助多少", "可获补助12万元"),
        ("三（四）", "永嘉县", "海外工程师年薪60万，能资助多少", "万元"),
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
