"""Load through the gateway's POST /api/chat: N virtual users, each with its own sender ids.

Two kinds of level, because they answer different questions:

- **closed loop** (`run_level`, "20"): each user sends its next message the moment the reply arrives,
  no think time. This measures the most turns per second the stack sustains (its capacity) and the
  latency at saturation — which by Little's law is users ÷ throughput, i.e. queueing, not speed.
- **paced** (`run_paced`, "20@50"): the same users offer a fixed total rate (50 turns/s spread
  evenly over 20 conversations: each user sends every 0.4 s). This measures the latency users see at
  a stated load below capacity. Latency is counted from the moment a message was *due*, so a reply
  that makes the next message late shows up in that message's time too (no coordinated omission).

Every level is bounded by time *and* by a turn budget, so a slow stack cannot make the benchmark run
away; turns in flight at the deadline are allowed to finish (bounded by the client timeout) and count.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable
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
    mode: str = "closed"  # closed | paced
    offered_tps: float | None = None  # paced levels: the rate the users offered
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

    def record(
        self, kind: str, ms: float, error: str | None, replies: list[dict[str, Any]], fallback_text: str
    ) -> None:
        if error:
            self.errors[error] += 1
            return
        self.latencies.append(ms)
        self.by_kind.setdefault(kind, []).append(ms)
        if any(r.get("text") == fallback_text for r in replies):
            self.fallbacks += 1

    def level(self, users: int, elapsed: float, **extra: Any) -> Level:
        ok = len(self.latencies)
        return Level(
            users=users,
            duration_s=round(elapsed, 1),
            turns=ok + sum(self.errors.values()),
            errors=sum(self.errors.values()),
            fallbacks=self.fallbacks,
            throughput_tps=round(ok / elapsed, 1) if elapsed else 0.0,
            latency=summary(self.latencies),
            latency_by_kind={kind: summary(v) for kind, v in sorted(self.by_kind.items())},
            error_kinds=dict(self.errors),
            **extra,
        )


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
            tally.record(conv.kind, ms, error, replies, fallback_text)
        round_ += 1


async def _paced_user(
    user: int,
    client: httpx.AsyncClient,
    base_url: str,
    run_id: str,
    first_due: float,
    interval: float,
    deadline: float,
    tally: _Tally,
    fallback_text: str,
) -> None:
    """Send a message every `interval` seconds from `first_due` on, waiting for each reply first."""
    due, round_ = first_due, 0
    while True:
        conv = conversation_for(user, round_)
        sender = f"bench-{run_id}-u{user}-r{round_}"
        for message in conv.turns:
            if due >= deadline:
                return
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            tally.started += 1
            _, error, replies = await chat_turn(client, base_url, sender, message)
            since_due = (time.monotonic() - due) * 1000  # includes any wait for the previous reply
            tally.record(conv.kind, since_due, error, replies, fallback_text)
            due += interval
        round_ += 1


UserFactory = Callable[[int, httpx.AsyncClient, float, float, _Tally, str], Awaitable[None]]


async def _run_users(users: int, duration_s: float, user: UserFactory) -> tuple[_Tally, float]:
    """Run `users` virtual users (user(index, client, started, deadline, tally, fallback_text)) on
    one pooled client; returns the tally and the wall time until the last one finished."""
    tally = _Tally()
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(timeout=CLIENT_TIMEOUT, limits=limits, trust_env=False) as client:
        started = time.monotonic()
        deadline = started + duration_s
        fallback_text = gateway_fallback_text()
        await asyncio.gather(
            *(user(u, client, started, deadline, tally, fallback_text) for u in range(users))
        )
        return tally, time.monotonic() - started


async def run_level(base_url: str, users: int, duration_s: float, max_turns: int, run_id: str) -> Level:
    """`users` concurrent conversations for up to `duration_s` seconds or `max_turns` turns."""

    def user(
        u: int, client: httpx.AsyncClient, _: float, deadline: float, tally: _Tally, fb: str
    ) -> Awaitable[None]:
        return _virtual_user(u, client, base_url, f"{run_id}-c{users}", deadline, max_turns, tally, fb)

    tally, elapsed = await _run_users(users, duration_s, user)
    return tally.level(users, elapsed)


async def run_paced(base_url: str, users: int, rate_tps: float, duration_s: float, run_id: str) -> Level:
    """`users` conversations offering `rate_tps` turns per second in total, for `duration_s` seconds."""
    interval = users / rate_tps  # seconds between one user's messages

    def user(
        u: int, client: httpx.AsyncClient, started: float, deadline: float, tally: _Tally, fb: str
    ) -> Awaitable[None]:
        first_due = started + interval * u / users  # staggered: arrivals spread evenly
        return _paced_user(
            u, client, base_url, f"{run_id}-p{users}", first_due, interval, deadline, tally, fb
        )

    tally, elapsed = await _run_users(users, duration_s, user)
    return tally.level(users, elapsed, mode="paced", offered_tps=rate_tps)


def parse_levels(spec: str) -> list[tuple[int, float | None]]:
    """ "1,10,20,20@50" → [(1, None), (10, None), (20, None), (20, 50.0)]: users, and the paced rate."""
    out: list[tuple[int, float | None]] = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        users, _, rate = part.partition("@")
        out.append((int(users), float(rate) if rate else None))
    return out


async def run_any(
    base_url: str, users: int, rate: float | None, duration_s: float, max_turns: int, run_id: str
) -> Level:
    """A closed-loop level, or a paced one when `rate` is given."""
    if rate is None:
        return await run_level(base_url, users, duration_s, max_turns, run_id)
    return await run_paced(base_url, users, rate, duration_s, run_id)


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
