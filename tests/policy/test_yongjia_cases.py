"""Runs yongjia_cases.yaml: each situation is named after the clause it checks.

Besides status, values and cited clauses, a case may state `not_clauses` (a clause that must *not* be
cited: the rule does not rest on it), `answer_contains` and `answer_excludes` (substrings of the
answer or message: wording the text requires, such as 一般 or who receives a reward).

Also proves coverage: every figure of the Yongjia edition must be cited by at least one case, so no
parameter sits untested.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from policy_kb import api
from policy_kb.editions import edition

CASES = yaml.safe_load((Path(__file__).parent / "yongjia_cases.yaml").read_text(encoding="utf-8"))
NUMERIC_UNITS = {"万元", "元", "percent", "years", "months", "count"}


def run_case(case: dict):
    return getattr(api, case["rule"])(**case.get("input", {}))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict) -> None:
    result = run_case(case)
    exp = case["expect"]
    assert result.status.value == exp["status"], result.render()
    for key, want in exp.get("values", {}).items():
        assert (
            result.values.get(key) == want
        ), f"{key}: {result.values.get(key)!r} != {want!r}\n{result.render()}"
    if "missing" in exp:
        assert [m.name for m in result.missing] == exp["missing"]
    if "offers" in exp:
        assert [m.name for m in result.offers] == exp["offers"]
    cited = {c.clause for c in result.citations}
    for clause in exp.get("clauses", []):
        assert clause in cited, f"{clause} not cited: {cited}"
    for clause in exp.get("not_clauses", []):
        assert clause not in cited, f"{clause} cited but the rule does not rest on it"
    text = result.answer or result.message
    assert text, "every result explains itself in Chinese"
    for want in exp.get("answer_contains", []):
        assert want in text, f"{want!r} not in answer:\n{text}"
    for unwanted in exp.get("answer_excludes", []):
        assert unwanted not in text, f"{unwanted!r} in answer:\n{text}"
    if result.status.value in {"ok", "needs_assessment"} and exp["status"] != "needs_assessment":
        assert result.citations, "a decided result cites its clauses"


def test_every_numeric_figure_is_exercised_by_a_case() -> None:
    ed = edition("yongjia-2016")
    cited: set[tuple[str, str]] = set()
    for case in CASES:
        cited |= {(c.clause, c.quote) for c in run_case(case).citations}
    untested = [
        p.id
        for p in ed.parameters.values()
        if p.unit in NUMERIC_UNITS and (p.citation.clause, p.citation.quote) not in cited
    ]
    assert not untested, f"figures no case exercises: {untested}"
