"""`make bench` → `python -m bench.run`: train if stale, start the stack on spare ports, measure, stop.

Writes bench/results/<stamp>.json and .md (git-ignored) and copies the Markdown to bench/REPORT.md.
What is measured, in order: cold start to healthy; warm-up (transcript kept); held-out NLU through
/model/parse; /api/chat at each concurrency level (optionally with py-spy attached at one level);
/api/assist for a logged-in staff member; then, with the stack stopped, the Rasa-default baseline
model on the same held-out set; optionally a cold full training (--train-cold, ~2+ min).

Every step is bounded (levels by time and turn budget, HTTP by timeouts) and the stack is stopped in
a `finally`, so an interrupted benchmark leaves no process behind.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import assist, load, nlu, profile, report, variants
from bench.conversations import mix
from bench.machine import load_average, machine_facts
from bot.settings import REPO_ROOT
from bot.supervisor import CHILD_ENV, Service, Stack, Supervisor, free_port, latest_model, wait_ready

RESULTS = REPO_ROOT / "bench" / "results"
REPORT_COPY = REPO_ROOT / "bench" / "REPORT.md"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--levels",
        default="1,10,20,50,20@50",
        help="levels, comma-separated: N = N users closed loop; N@R = N users offering R turns/s in total",
    )
    p.add_argument("--duration", type=float, default=20.0, help="seconds per level (upper bound)")
    p.add_argument("--max-turns", type=int, default=2500, help="turn budget per level (upper bound)")
    p.add_argument("--profile-level", type=int, default=20, help="attach py-spy at this level (0: never)")
    p.add_argument("--train-cold", action="store_true", help="also time a cold full `rasa train` (~2+ min)")
    p.add_argument("--no-baseline", action="store_true", help="skip the Rasa-default baseline model")
    p.add_argument(
        "--variants",
        default=",".join(variants.VARIANTS),
        help="stack variants to compare at --variant-levels ('' to skip): " + ", ".join(variants.VARIANTS),
    )
    p.add_argument("--variant-levels", default="20,20@50", help="levels run for each variant")
    p.add_argument("--no-train", action="store_true", help="use models/LATEST as it is")
    p.add_argument("--out", type=Path, default=RESULTS)
    p.add_argument("--no-report-copy", action="store_true", help="do not overwrite bench/REPORT.md")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    levels = load.parse_levels(args.levels)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    results: dict[str, Any] = {
        "stamp": stamp,
        "machine": machine_facts(REPO_ROOT),
        "settings": {"levels": args.levels, "duration_s": args.duration, "max_turns": args.max_turns},
        "mix": mix(),
        "heldout_files": [str(p.relative_to(REPO_ROOT)) for p in nlu.HELDOUT_FILES],
        "training": {},
        "nlu": {},
    }
    if not args.no_train:
        from scripts import train_if_stale

        train_if_stale.main([])
    model = latest_model()
    results["model"] = model.name
    examples = {p.name: nlu.heldout_examples(p) for p in nlu.HELDOUT_FILES}

    with tempfile.TemporaryDirectory(prefix="talentbot-bench-") as tmp:
        state = Path(tmp)
        # what `make run` ships (bot/supervisor.py's commands, endpoints.yml), on spare ports
        measure_stack(results, Stack(state / "stack", model), levels, args, examples)
        variant_levels = load.parse_levels(args.variant_levels)
        results["variants"] = {}
        for name in [v for v in args.variants.split(",") if v.strip()]:
            stack = variants.stack(name, state / name, model)
            results["variants"][name] = measure_levels_only(stack, variant_levels, args, results["stamp"])
            results["variants"][name]["description"] = variants.VARIANTS[name].description
        if not args.no_baseline:
            measure_baseline(results, examples, state)
        if args.train_cold:
            print("cold full training …", flush=True)
            results["training"]["full_cold_s"] = nlu.train_full_cold(state / "cold")
    results["load_average_at_end"] = load_average()
    json_path, md_path = report.write(results, args.out, stamp)
    if not args.no_report_copy:
        shutil.copyfile(md_path, REPORT_COPY)
    print(md_path.read_text(encoding="utf-8"))
    print(f"written: {json_path}, {md_path}")
    return 0


def measure_stack(
    results: dict[str, Any],
    stack: Stack,
    levels: list[tuple[int, float | None]],
    args: argparse.Namespace,
    examples: dict[str, list[nlu.Example]],
) -> None:
    """Everything that needs the three services running; the stack is always stopped."""
    try:
        started = time.monotonic()
        stack.start()
        stack.wait_healthy(timeout=180)
        results["cold_start_s"] = round(time.monotonic() - started, 1)
        print(f"healthy after {results['cold_start_s']} s", flush=True)
        results["warm_up"] = asyncio.run(load.warm_up(stack.gateway_url, results["stamp"]))
        for name, exs in examples.items():
            results["nlu"][f"ours · {name}"] = asyncio.run(nlu.evaluate(stack.rasa_url, exs))
        results["levels"] = []
        for users, rate in levels:
            print(f"level {users} users{f' @ {rate} turns/s' if rate else ''} …", flush=True)
            recorders = []
            if users == args.profile_level and rate is None:
                pids = {n: stack.pid(n) for n in ("gateway", "rasa", "actions")}
                raw_dir = args.out / f"{results['stamp']}-profile"  # collapsed stacks, for a closer look
                recorders = profile.start({n: p for n, p in pids.items() if p}, args.duration, raw_dir)
            level = asyncio.run(
                load.run_any(stack.gateway_url, users, rate, args.duration, args.max_turns, results["stamp"])
            )
            if recorders:
                results["profile"] = {
                    "users": users,
                    "services": profile.finish(recorders, args.duration),
                }
            results["levels"].append(level.to_dict())
            print(
                f"  {level.throughput_tps} turns/s, p95 {level.latency['p95_ms']} ms, errors {level.errors}"
            )
        cookies = assist.staff_cookie(stack.settings.db_path)
        results["assist"] = (
            asyncio.run(assist.measure(stack.gateway_url, cookies))
            if cookies
            else {"available": False, "reason": "bot.auth not importable"}
        )
    finally:
        stack.stop_all()


def measure_levels_only(
    stack: Stack, levels: list[tuple[int, float | None]], args: argparse.Namespace, stamp: str
) -> dict[str, Any]:
    """The same load on another stack (e.g. Rasa as it comes), for a side-by-side table."""
    workers = stack.service("rasa").env.get("SANIC_WORKERS", "1")
    print(f"levels {levels} with Rasa via {stack.rasa_module}, {workers} Sanic worker(s) …", flush=True)
    try:
        started = time.monotonic()
        stack.start()
        stack.wait_healthy(timeout=180)
        out: dict[str, Any] = {
            "rasa_module": stack.rasa_module,
            "sanic_workers": int(workers),
            "cold_start_s": round(time.monotonic() - started, 1),
        }
        asyncio.run(load.warm_up(stack.gateway_url, f"{stamp}-s"))
        out["levels"] = [
            asyncio.run(
                load.run_any(stack.gateway_url, u, rate, args.duration, args.max_turns, f"{stamp}-s")
            ).to_dict()
            for u, rate in levels
        ]
        return out
    finally:
        stack.stop_all()


def measure_baseline(results: dict[str, Any], examples: dict[str, list[nlu.Example]], state: Path) -> None:
    """Train (or reuse) the baseline, serve it alone, and score it like ours."""
    print("baseline model …", flush=True)
    try:
        model, seconds = nlu.train_baseline()
    except Exception as exc:  # a failed baseline must not lose the stack's figures
        results["nlu"]["Rasa-default baseline"] = {"error": f"training failed: {exc}"}
        return
    results["training"]["baseline_nlu_s"] = seconds
    if seconds is None:
        results["training"]["baseline_nlu_recorded"] = nlu.recorded_training(model)
    port = free_port()
    supervisor = Supervisor(REPO_ROOT)
    cmd = [sys.executable, "-m", "rasa", "run", "--enable-api", "-i", "127.0.0.1", "--port", str(port)]
    cmd += ["--model", str(model)]
    try:
        supervisor.start(Service("baseline", cmd, state / "log" / "baseline.log", port, dict(CHILD_ENV)))
        wait_ready(f"http://127.0.0.1:{port}/status", supervisor, timeout=120)
        for name, exs in examples.items():
            results["nlu"][f"Rasa-default baseline · {name}"] = asyncio.run(
                nlu.evaluate(f"http://127.0.0.1:{port}", exs)
            )
    finally:
        supervisor.stop()


def _exit_on_sigterm(signum: int, _frame: object) -> None:
    """`kill` (SIGTERM) unwinds like Ctrl-C, so the `finally` blocks stop the stacks started so far
    instead of leaving Rasa, the gateway and the action server running on their spare ports."""
    sys.exit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    sys.exit(main())
