"""The benchmark's own arithmetic: percentiles, held-out parsing, profile summaries, target checks.

No timing here (figures live in bench/ reports): these pin the code that turns samples into figures.
"""

from __future__ import annotations

from pathlib import Path

from bench import load, nlu, profile, report
from bench.conversations import CONVERSATIONS, conversation_for, mix
from bench.stats import percentile, summary
from bot.settings import REPO_ROOT


def test_nearest_rank_percentiles_are_observed_values() -> None:
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 99)) == (50.0, 95.0, 99.0)
    assert percentile([7.0], 99) == 7.0 and percentile([], 50) == 0.0
    assert summary([10.0, 20.0])["p50_ms"] == 10.0 and summary([])["count"] == 0


def test_heldout_examples_lose_their_entity_markup() -> None:
    examples = nlu.heldout_examples(nlu.HELDOUT)
    assert len(examples) > 100
    assert all("[" not in e.text and "](" not in e.text and "]{" not in e.text for e in examples)
    assert {"ask_category", "ask_next_tranche", "ask_gold_card"} <= {e.intent for e in examples}


def test_every_virtual_user_walks_the_whole_mix() -> None:
    seen = {conversation_for(3, r).name for r in range(len(CONVERSATIONS))}
    assert seen == {c.name for c in CONVERSATIONS}
    assert abs(sum(mix().values()) - 1.0) < 0.02


def test_profile_summary_drops_idle_loops_and_finds_our_frames(tmp_path: Path) -> None:
    ours = f"match ({REPO_ROOT}/policy_kb/catalogue.py:10)"
    lib = "iter_errors (/x/.venv/lib/python3.10/site-packages/jsonschema/validators.py:1)"
    root = "asyncio_run (/x/site-packages/uvicorn/_compat.py:1)"
    raw = tmp_path / "svc.collapsed.txt"
    raw.write_text(f"{root} 50\n{root};{lib} 30\n{root};handle (/x/site-packages/a/b.py:2);{ours} 20\n")
    data = profile.summarise(raw, seconds=1.0)
    assert data["samples"] == 50 and data["core_share"] == 0.5  # 100 samples/s for 1 s, idle root dropped
    assert dict(data["top_self"]) == {
        "iter_errors (jsonschema/validators.py)": 0.6,
        "match (policy_kb/catalogue.py)": 0.4,
    }
    assert dict(data["top_ours_inclusive"]) == {"match (policy_kb/catalogue.py)": 0.4}


def _lv(users: int, p95: float, tps: float, mode: str = "closed", rate: float | None = None) -> dict:
    return {
        "users": users,
        "mode": mode,
        "offered_tps": rate,
        "latency": {"p95_ms": p95},
        "throughput_tps": tps,
        "errors": 0,
        "fallbacks": 0,
    }


def test_targets_judge_latency_at_the_paced_level_and_capacity_closed_loop() -> None:
    levels = [
        _lv(20, 400.0, 61.0),  # closed loop: p95 is queueing, not a target
        _lv(20, 120.0, 49.5, "paced", 50.0),
        _lv(20, 900.0, 20.0, "paced", 25.0),  # another rate: ignored by the targets
    ]
    levels[0]["fallbacks"] = 1
    results = {"levels": levels, "assist": {"latency": {"p95_ms": 9.0}}, "cold_start_s": 70.0}
    verdicts = [(t["measured"], t["ok"]) for t in report.check_targets(results)]
    assert verdicts == [(120.0, True), (49.5, True), (61.0, True), (1, False), (9.0, True), (70.0, False)]
    levels[1]["latency"]["p95_ms"], levels[1]["throughput_tps"] = 151.0, 48.9
    levels[0]["throughput_tps"] = 49.9
    assert [t["ok"] for t in report.check_targets(results)][:3] == [False, False, False]
    del levels[1]  # not measured → no verdict, not a pass
    assert [t["ok"] for t in report.check_targets(results)][:2] == [None, None]


def test_level_specs_name_closed_and_paced_levels() -> None:
    assert load.parse_levels("1, 20,20@50,,5@12.5") == [(1, None), (20, None), (20, 50.0), (5, 12.5)]
    assert report.level_name(_lv(20, 1, 1, "paced", 50.0)) == "20 @ 50/s"
    assert report.level_name(_lv(20, 1, 1)) == "20"


def test_a_cached_baseline_still_reports_its_recorded_training_time(tmp_path: Path) -> None:
    model = tmp_path / "baseline-abc.tar.gz"
    assert nlu.recorded_training(model) is None  # nothing recorded: the report says only "cached"
    nlu._timing_file(model).write_text(
        '{"seconds": 312.3, "trained": "2026-11-25 17:44 UTC"}', encoding="utf-8"
    )
    recorded = nlu.recorded_training(model)
    assert recorded == {"seconds": 312.3, "trained": "2026-11-25 17:44 UTC"}
    assert (
        report._training_figure(None, recorded)
        == "cached this run; 312.3 s when it was trained (2026-11-25 17:44 UTC)"
    )
    assert report._training_figure(95.0, None) == "95.0 s"
    assert report._training_figure(None, None) == "cached (not retrained this run)"
    nlu._timing_file(model).write_text("not json", encoding="utf-8")
    assert nlu.recorded_training(model) is None
