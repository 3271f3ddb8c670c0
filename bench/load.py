"""Closed-loop load through the gateway's POST /api/chat: N virtual users, each with its own sender ids.

Why closed-loop without think time: it measures the most turns per second the stack sustains at a
given number of simultaneous conversations, and the latency each user sees at that load. Every level
is bounded by time *and* by a turn budget, so a slow stack cannot make the benchmark run away; turns
in flight at the deadline are allowed to finish (bounded by the client timeout) and are counted.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx

from bench.conversations import conversation_for
from bench.stats import summary
from bot.dialogue import fallback_reply
from bot.policy_facts import hotline
from bot.settings import Settings

CLIENT_TIMEOUT = 30.0


def gateway_fallback_text() -> str:
    """The gateway's own "assistant unavailable" reply: a 200, but a failed turn for the benchmark."""
    return str(fallback_reply(hotline(Settings().hotline_edition))["text"])


@dataclass
class Level:
    """What one concurrency level measured."""

    users: int
    duration_s: float = 0.0
    turns: int = 0
    errors: int = 0
    fallbacks: int = 0
    throughput_tps: float = 0.0
    latency: dict[str, float] = field(default_factory=dict)
    latency_by_kind: dict[str, dict[str, float]] = field(default_factory=dict)
    error_kinds: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Tally:
    latencies: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    fallbacks: int = 0
    started: int = 0


async def chat_turn(
    client: httpx.AsyncClient, base_url: str, sender: str, message: str
) -> tuple[float, str | None, list[dict[str, Any]]]:
    """One POST /api/chat: (latency ms, error kind or None, replies)."""
    started = time.perf_counter()
    try:
        resp = await client.post(f"{base_url}/api/chat", json={"sender": sender, "message": message})
        elapsed = (time.perf_counter() - started) * 1000
    except httpx.TimeoutException:
        return (time.perf_counter() - started) * 1000, "timeout", []
    except httpx.HTTPError as exc:
        return (time.perf_counter() - started) * 1000, type(exc).__name__, []
    if resp.status_code != 200:
        return elapsed, f"http_{resp.status_code}", []
    try:
        replies = resp.json().get("replies") or []
    except ValueError:
        return elapsed, "bad_json", []
    return elapsed, None if replies else "no_reply", replies


async def _virtual_user(
    user: int,
    client: httpx.AsyncClient,
    base_url: str,
    run_id: str,
    deadline: float,
    budget: int,
    tally: _Tally,
    fallback_text: str,
) -> None:
    round_ = 0
    while time.monotonic() < deadline and tally.started < budget:
        conv = conversation_for(user, round_)
        sender = f"bench-{run_id}-u{user}-r{round_}"
        for message in conv.turns:
            if time.monotonic() >= deadline or tally.started >= budget:
                return
            tally.started += 1
            ms, error, replies = await chat_turn(client, base_url, sender, message)
            if error:
                tally.errors[error] += 1
                continue
            tally.latencies.append(ms)
            tally.by_kind.setdefault(conv.kind, []).append(ms)
            if any(r.get("text") == fallback_text for r in replies):
                tally.fallbacks += 1
        round_ += 1


async def run_level(base_url: str, users: int, duration_s: float, max_turns: int, run_id: str) -> Level:
    """`users` concurrent conversations for up to `duration_s` seconds or `max_turns` turns."""
    tally = _Tally()
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(timeout=CLIENT_TIMEOUT, limits=limits, trust_env=False) as client:
        started = time.monotonic()
        deadline = started + duration_s
        fallback_text = gateway_fallback_text()
        await asyncio.gather(
            *(
                _virtual_user(
                    u, client, base_url, f"{run_id}-c{users}", deadline, max_turns, tally, fallback_text
                )
                for u in range(users)
            )
        )
        elapsed = time.monotonic() - started
    ok = len(tally.latencies)
    return Level(
        users=users,
        duration_s=round(elapsed, 1),
        turns=ok + sum(tally.errors.values()),
        errors=sum(tally.errors.values()),
        fallbacks=tally.fallbacks,
        throughput_tps=round(ok / elapsed, 1) if elapsed else 0.0,
        latency=summary(tally.latencies),
        latency_by_kind={kind: summary(v) for kind, v in sorted(tally.by_kind.items())},
        error_kinds=dict(tally.errors),
    )


async def warm_up(base_url: str, run_id: str) -> list[dict[str, Any]]:
    """Every conversation once, one at a time (TensorFlow builds its graphs on the first calls).

    Returns the transcript (first reply text of each turn), kept in the JSON report so a reader can
    see what the benchmark's questions were actually answered with.
    """
    from bench.conversations import CONVERSATIONS

    transcript = []
    async with httpx.AsyncClient(timeout=CLIENT_TIMEOUT, trust_env=False) as client:
        for i, conv in enumerate(CONVERSATIONS):
            sender = f"bench-{run_id}-warm-{i}"
            for message in conv.turns:
                ms, error, replies = await chat_turn(client, base_url, sender, message)
                transcript.append(
                    {
                        "conversation": conv.name,
                        "user": message,
                        "bot": [str(r.get("text", ""))[:160] for r in replies],
                        "error": error,
                        "ms": round(ms, 1),
                    }
                )
    return transcript
