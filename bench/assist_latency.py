"""Latency of GET /api/assist over the labelled staff queries, in-process (TestClient), logged in.

    .venv/bin/python bench/assist_latency.py [--rounds 5]

Target: p95 ≤ 30 ms. Three figures, because they answer different questions:
- uncached: the ranking cache is cleared before every round, so each request parses, searches, runs
  calculators and writes the scripts — what a new query costs;
- cached: the same queries again — what a repeated or debounced query costs;
- keystrokes: every prefix of every query, uncached, as a page sending one request per pause would.
Each figure includes the whole request: routing, the staff-session check (one SQLite look-up) and
JSON encoding. The search index is built once before timing (as on the first request after start).
No assertions: timings belong in a benchmark, not in the test suite.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.app import create_app  # noqa: E402
from bot.assist.ranking import _rank_cached  # noqa: E402
from bot.auth import users  # noqa: E402
from bot.auth.schema import open_db  # noqa: E402
from bot.settings import Settings  # noqa: E402

QUERIES = REPO / "tests" / "assist" / "queries.yaml"
REPORT = REPO / "results" / "assist_latency.json"
TARGET_P95_MS = 30.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def logged_in_client(tmp: Path) -> TestClient:
    db = tmp / "talentbot.db"
    app = create_app(Settings(var_dir=tmp, db_path=db), optional_routers=("bot.auth", "bot.assist"))
    conn = open_db(db)
    users.create_user(conn, "bench", "bench-password-123", "reviewer")
    conn.close()
    client = TestClient(app)
    client.__enter__()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token
    r = client.post(
        "/login",
        data={
            "username": "bench",
            "password": "bench-password-123",
            "csrf_token": token.group(1),
            "next": "/assist",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return client


def timed(client: TestClient, queries: list[tuple[str, str]]) -> list[float]:
    out = []
    for q, region in queries:
        t0 = time.perf_counter()
        r = client.get("/api/assist", params={"q": q, "k": 3, "region": region})
        out.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, r.text
    return out


def summary(name: str, ms: list[float]) -> dict[str, float | int | str]:
    return {
        "name": name,
        "requests": len(ms),
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 0.95), 2),
        "max_ms": round(max(ms), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    cases = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    queries = [(c["query"], c.get("region", "")) for c in cases]
    prefixes = [(q[:i], region) for q, region in queries for i in range(1, len(q) + 1) if q[:i].strip()]
    with tempfile.TemporaryDirectory() as tmp:
        client = logged_in_client(Path(tmp))
        timed(client, queries[:3])  # builds the search index and jieba's dictionary once
        uncached, cached, keys = [], [], []
        for _ in range(args.rounds):
            _rank_cached.cache_clear()
            uncached += timed(client, queries)
            cached += timed(client, queries)
        _rank_cached.cache_clear()
        keys += timed(client, prefixes)
        client.__exit__(None, None, None)
    rows = [summary("uncached", uncached), summary("cached", cached), summary("keystrokes", keys)]
    print(
        f"/api/assist in-process, {len(queries)} labelled queries × {args.rounds} rounds "
        f"(+ {len(prefixes)} keystroke prefixes); target p95 ≤ {TARGET_P95_MS:g} ms"
    )
    for row in rows:
        verdict = "ok" if row["p95_ms"] <= TARGET_P95_MS else "OVER TARGET"
        print(
            f"  {row['name']:<10} n={row['requests']:<5} p50 {row['p50_ms']:6.2f} ms   "
            f"p95 {row['p95_ms']:6.2f} ms   max {row['max_ms']:7.2f} ms   {verdict}"
        )
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(
        json.dumps({"target_p95_ms": TARGET_P95_MS, "results": rows}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
