"""Does a flood from one sender slow the others? (#14 item 4) — `python -m bench.flood`.

Through the real gateway (uvicorn in its own process, the shipped limits, the conversation log on a
temporary SQLite file) in front of the fake Rasa of tests/gateway/gateway_fakes.py answering after
`--delay` seconds (25 ms: a single talent's median turn through the real stack in bench/REPORT.md).
Each round measures:

1. **unloaded** — the calm talent chats alone: one message at a time, the next as soon as the answer
   arrives, `--calm-turns` turns;
2. **flooded** — a separate process fires a `--burst`-message burst (200) from one sender and one
   address, `--concurrency` requests in flight, while the calm talent goes on chatting; the calm
   turns that started before the burst ended are the loaded sample.

Rounds alternate so both samples see the same machine (other work on the two cores moves both). The
calm talent takes a fresh sender id (and address) every `CALM_TURNS_PER_SENDER` turns, so it stays
inside its own burst allowance and what is measured is the flood's effect, not its own limit. Clients
are told apart by `X-Forwarded-For`, which uvicorn honours from 127.0.0.1 as it would from a proxy.

The verdict (PASS/FAIL, exit status 1 on FAIL): the burst got 429s and the calm talent's p95 while
flooded is at most 1.5× its unloaded p95 in the same run. Figures: stdout and
bench/results/flood-<time>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.stats import summary

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
CALM_TURNS_PER_SENDER = 8  # below the default burst of 10 per sender
TARGET_RATIO = 1.5
FLOOD_IP = "203.0.113.7"  # documentation addresses (RFC 5737)


@dataclass
class Burst:
    """What the flooding sender got back."""

    statuses: dict[str, int] = field(default_factory=dict)
    duration_s: float = 0.0
    latency: dict[str, float] = field(default_factory=dict)


async def burst(
    url: str,
    sender: str,
    count: int,
    concurrency: int,
    ip: str = FLOOD_IP,
    client: httpx.AsyncClient | None = None,
) -> Burst:
    """`count` chat messages from one sender and one address, `concurrency` in flight."""
    gate = asyncio.Semaphore(concurrency)
    statuses: Counter[str] = Counter()
    times: list[float] = []
    own = client is None
    client = client or httpx.AsyncClient(timeout=30.0, limits=httpx.Limits(max_connections=concurrency))

    async def one(i: int) -> None:
        async with gate:
            started = time.perf_counter()
            try:
                resp = await client.post(
                    f"{url}/api/chat",
                    json={"sender": sender, "message": f"刷屏消息{i}"},
                    headers={"X-Forwarded-For": ip},
                )
                statuses[str(resp.status_code)] += 1
            except httpx.HTTPError as exc:
                statuses[type(exc).__name__] += 1
            times.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    try:
        await asyncio.gather(*(one(i) for i in range(count)))
    finally:
        if own:
            await client.aclose()
    return Burst(dict(statuses), round(time.perf_counter() - started, 3), summary(times))


async def calm_turn(client: httpx.AsyncClient, url: str, n: int, tag: str) -> tuple[float, int]:
    """One turn of the calm talent: (latency in ms, status)."""
    group = n // CALM_TURNS_PER_SENDER
    sender, ip = f"calm-{tag}-{group}", f"198.51.{100 + group // 250}.{1 + group % 250}"
    started = time.perf_counter()
    resp = await client.post(
        f"{url}/api/chat",
        json={"sender": sender, "message": "我是第二类人才，能拿多少奖励？"},
        headers={"X-Forwarded-For": ip},
    )
    return (time.perf_counter() - started) * 1000, resp.status_code


async def calm_while(
    client: httpx.AsyncClient, url: str, tag: str, *, turns: int = 0, until: asyncio.Future[Any] | None = None
) -> tuple[list[float], Counter[int]]:
    """Sequential calm turns: `turns` of them, or every turn started before `until` is done."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    n = 0
    while (until is not None and not until.done()) or (until is None and n < turns):
        ms, status = await calm_turn(client, url, n, tag)
        latencies.append(ms)
        statuses[status] += 1
        n += 1
    return latencies, statuses


# ---- the server and the flood, each in its own process ------------------------------------------
def serve(port: int, delay: float) -> None:
    """Child: the gateway with the shipped limits before a fake Rasa that answers after `delay`."""
    import uvicorn

    from bot.logstore import LogStore
    from bot.settings import Settings
    from tests.gateway.gateway_fakes import FakeRasa, build_app

    var = Path(tempfile.mkdtemp(prefix="flood-"))
    settings = Settings(var_dir=var, db_path=var / "talentbot.db")
    fake = FakeRasa()
    fake.delay = delay
    app = build_app(settings, fake, LogStore(settings.db_path))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", ws="none", access_log=False)


def flood_child(url: str, sender: str, count: int, concurrency: int) -> None:
    """Child: wait for "go" on stdin, fire the burst, print its result as JSON."""
    print("ready", flush=True)
    sys.stdin.readline()
    print(json.dumps(asdict(asyncio.run(burst(url, sender, count, concurrency)))), flush=True)


def _python(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bench.flood", *args],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _wait_healthy(client: httpx.AsyncClient, url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if (await client.get(f"{url}/api/health")).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        await asyncio.sleep(0.2)
    raise RuntimeError("gateway did not become healthy")


async def _flooded_round(
    client: httpx.AsyncClient, url: str, tag: str, args: argparse.Namespace
) -> tuple[list[float], Counter[int], dict[str, Any]]:
    child = _python("burst", "--url", url, "--sender", f"flood-{tag}", "--burst", str(args.burst),
                    "--concurrency", str(args.concurrency))  # fmt: skip
    assert child.stdin is not None and child.stdout is not None
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, child.stdout.readline)  # "ready": imports done
    child.stdin.write("go\n")
    child.stdin.flush()
    result: asyncio.Future[str] = loop.run_in_executor(None, child.stdout.readline)
    latencies, statuses = await calm_while(client, url, tag, until=result)
    child.wait(timeout=30)
    return latencies, statuses, json.loads(await result)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = _python("serve", "--port", str(port), "--delay", str(args.delay))
    unloaded: list[float] = []
    flooded: list[float] = []
    calm_statuses: Counter[int] = Counter()
    bursts: list[dict[str, Any]] = []
    try:
        async with httpx.AsyncClient(timeout=30.0) as client:
            await _wait_healthy(client, url)
            await calm_while(client, url, "warm", turns=20)
            for r in range(args.rounds):
                lat, st = await calm_while(client, url, f"u{r}", turns=args.calm_turns)
                unloaded += lat
                calm_statuses += st
                lat, st, result = await _flooded_round(client, url, f"f{r}", args)
                flooded += lat
                calm_statuses += st
                bursts.append(result)
    finally:
        server.terminate()
        server.wait(timeout=10)
    flood_statuses: Counter[str] = Counter()
    for b in bursts:
        flood_statuses.update(b["statuses"])
    base, loaded = summary(unloaded), summary(flooded)
    ratio = round(loaded["p95_ms"] / base["p95_ms"], 2) if base["p95_ms"] else float("inf")
    refused = flood_statuses.get("429", 0)
    passed = refused > 0 and ratio <= TARGET_RATIO and set(calm_statuses) == {200}
    return {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "settings": vars(args),
        "load_average": os.getloadavg(),
        "calm_unloaded": base,
        "calm_flooded": loaded,
        "p95_ratio": ratio,
        "calm_statuses": dict(calm_statuses),
        "flood_statuses": dict(flood_statuses),
        "flood_bursts": bursts,
        "verdict": "PASS" if passed else "FAIL",
    }


def report(result: dict[str, Any]) -> str:
    a, b = result["calm_unloaded"], result["calm_flooded"]
    bursts = result["flood_bursts"]
    per_burst = ", ".join(
        f"{x['statuses'].get('200', 0)}×200/{x['statuses'].get('429', 0)}×429" for x in bursts
    )
    return "\n".join(
        [
            f"flood bench — {result['when']} (load average {', '.join(f'{v:.2f}' for v in result['load_average'])})",
            f"fake Rasa delay {result['settings']['delay'] * 1000:.0f} ms; {len(bursts)} rounds; "
            f"burst {result['settings']['burst']} messages, {result['settings']['concurrency']} in flight",
            "",
            "| calm talent | turns | p50 ms | p95 ms | p99 ms | max ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
            f"| alone | {a['count']} | {a['p50_ms']} | {a['p95_ms']} | {a['p99_ms']} | {a['max_ms']} |",
            f"| during the burst | {b['count']} | {b['p50_ms']} | {b['p95_ms']} | {b['p99_ms']} | {b['max_ms']} |",
            "",
            f"p95 during the burst / alone: {result['p95_ratio']} (target ≤ {TARGET_RATIO})",
            f"calm talent's statuses: {result['calm_statuses']}",
            f"flooding sender's statuses, all bursts: {result['flood_statuses']} (per burst: {per_burst})",
            f"burst duration s: {[x['duration_s'] for x in bursts]}",
            f"verdict: {result['verdict']}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    child = sub.add_parser("serve")
    child.add_argument("--port", type=int, required=True)
    child.add_argument("--delay", type=float, default=0.025)
    flood = sub.add_parser("burst")
    flood.add_argument("--url", required=True)
    flood.add_argument("--sender", required=True)
    flood.add_argument("--burst", type=int, default=200)
    flood.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.025, help="fake Rasa's answer time, seconds")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--calm-turns", type=int, default=30, help="unloaded calm turns per round")
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args(argv)
    if args.command == "serve":
        serve(args.port, args.delay)
        return 0
    if args.command == "burst":
        flood_child(args.url, args.sender, args.burst, args.concurrency)
        return 0
    result = asyncio.run(run(args))
    print(report(result))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"flood-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"figures: {out.relative_to(REPO)}")
    return 0 if result["verdict"] == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
