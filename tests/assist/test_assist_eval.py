"""Measured: top-1 and top-3 recall of /api/assist on the labelled staff queries (queries.yaml).

The figures are printed (visible with or without -s) and written to results/assist_eval.json with
every miss, so a regression shows which query fell out and what came up instead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from policy_kb.passages import passage
from policy_kb.text import compact
from tests.assist.assist_helpers import QUERIES

REPO = Path(__file__).resolve().parents[2]
REPORT = REPO / "results" / "assist_eval.json"
MIN_TOP3 = 0.95
MIN_TOP1 = 0.90


def _clause(passage_id: str) -> tuple[str, str]:
    p = passage(passage_id)
    return p.edition, p.clause


def says(case: dict[str, Any], suggestion: dict[str, Any]) -> bool:
    """The answer contains every `contains` text (a figure, a listed item), spacing and width aside."""
    answer = compact(suggestion["answer"])
    return all(compact(str(text)) in answer for text in case.get("contains", []))


def satisfies(case: dict[str, Any], suggestion: dict[str, Any]) -> bool:
    """A calculated answer from the expected rule, or a suggestion citing an expected clause — and,
    where the case says what the answer must contain, saying it."""
    if not says(case, suggestion):
        return False
    if case.get("calc") and suggestion.get("rule") == case["calc"]:
        return True
    wanted = {_clause(i) for i in case.get("expect", [])}
    pointed = [suggestion.get("passage_id"), *(c.get("passage_id") for c in suggestion["citations"])]
    return any(pid and _clause(pid) in wanted for pid in pointed)


def test_labelled_set_is_large_and_valid() -> None:
    assert len(QUERIES) >= 60
    for case in QUERIES:
        assert case["query"].strip() and (case.get("expect") or case.get("calc")), case
        for pid in case.get("expect", []):
            passage(pid)  # raises KeyError for an id that does not exist
    regions = {passage(i).edition for c in QUERIES for i in c.get("expect", [])}
    assert regions == {"yongjia-2016", "taizhou-2018"}
    assert len({c["calc"] for c in QUERIES if c.get("calc")}) >= 10


def test_top3_recall(staff: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    top1 = top3 = 0
    rows = []
    for case in QUERIES:
        r = staff.get("/api/assist", params={"q": case["query"], "k": 3, "region": case.get("region", "")})
        assert r.status_code == 200, r.text
        got = r.json()["suggestions"]
        ranks = [i for i, s in enumerate(got) if satisfies(case, s)]
        top1 += bool(ranks and ranks[0] == 0)
        top3 += bool(ranks)
        rows.append(
            {
                "query": case["query"],
                "expected": case.get("calc") or case.get("expect"),
                "contains": case.get("contains", []),
                "rank": ranks[0] + 1 if ranks else None,
                "got": [f"{s['kind']}:{s.get('rule') or s.get('passage_id')}" for s in got],
            }
        )
    n = len(QUERIES)
    said = [row for row in rows if row["contains"]]
    said1 = sum(row["rank"] == 1 for row in said)
    said3 = sum(row["rank"] is not None for row in said)
    summary = {
        "queries": n,
        "top1_recall": round(top1 / n, 4),
        "top3_recall": round(top3 / n, 4),
        "with_contains": {"queries": len(said), "top1": said1, "top3": said3},
        "misses": [row for row in rows if row["rank"] is None],
        "results": rows,
    }
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    with capsys.disabled():
        print(
            f"\nassist: {n} labelled queries, top-1 {top1}/{n} = {top1 / n:.1%}, "
            f"top-3 {top3}/{n} = {top3 / n:.1%}; of them {len(said)} must also say a figure or the listed "
            f"items: top-1 {said1}, top-3 {said3} (details: {REPORT.relative_to(REPO)})"
        )
    assert top3 / n >= MIN_TOP3, summary["misses"]
    assert top1 / n >= MIN_TOP1, [row for row in rows if row["rank"] != 1]
