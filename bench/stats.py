"""Latency summaries: nearest-rank percentiles in milliseconds, rounded for reports."""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); 0.0 for no values.

    Why nearest-rank and not interpolation: with a few hundred samples per level a p99 should be a
    latency that was actually observed.
    """
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def summary(values_ms: Sequence[float]) -> dict[str, float]:
    """count, mean, p50, p95, p99 and max of latencies in ms."""
    if not values_ms:
        return {"count": 0, "mean_ms": 0.0, "p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0}
    return {
        "count": len(values_ms),
        "mean_ms": round(sum(values_ms) / len(values_ms), 1),
        "p50_ms": round(percentile(values_ms, 50), 1),
        "p95_ms": round(percentile(values_ms, 95), 1),
        "p99_ms": round(percentile(values_ms, 99), 1),
        "max_ms": round(max(values_ms), 1),
    }
