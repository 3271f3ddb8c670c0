"""The gateway half of `make scaleout` (#14 item 2): two gateways behind nginx on one PostgreSQL store.

bench/scaleout_check.py starts PostgreSQL, Redis, nginx, two action servers and two Rasa replicas and
calls this module for the gateways and what is checked through them:

1. **a conversation alternating gateways continues** — turns 1 and 3 on gateway A, turn 2 on B, the
   funding form completes;
2. **the review API on gateway B shows A's turns with their intents** — logged in on B (the session is
   a row in PostgreSQL), `/review/api/c/<id>` lists all three user messages, each with Rasa's intent;
3. **a WeChat retry sent to the other gateway is answered once** — one MsgId to A and, while A works on
   it, to B: one passive answer, one "success", one message row, one user turn in Rasa's tracker;
4. **capacity and latency through nginx** — a short closed-loop ramp (5, 10, 20 users) gives the
   capacity; then 20 users offer half of it (paced, latency counted from when each message was due);
5. **kill one gateway and one Rasa replica mid-load** — 20 paced users, each message with its own
   `client_message_id`, a message that fails is resent with the same id (as the widget does); at
   `kill_at` gateway A and Rasa replica A get SIGKILL. Every message sent must be exactly one user row
   in PostgreSQL (compared by dedup key, not only counted).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote
from xml.etree import ElementTree

import httpx

from bench.conversations import conversation_for
from bench.load import Level, gateway_fallback_text, run_level, run_paced, warm_up
from bench.stats import summary
from bot.supervisor import Service, Supervisor
from bot.wechat.identity import hash_openid

RAMP_USERS = (5, 10, 20)
PACED_USERS = 20
PACED_SHARE = 0.5  # of the measured capacity
RESEND_ATTEMPTS = 4  # the widget's resend of a failed message (same client_message_id)
RESEND_PAUSE_S = 0.5
GH_ID = "gh_scaleout"


class Check(Protocol):
    def __call__(self, name: str, ok: bool, detail: str = "") -> bool: ...


# ---- processes -------------------------------------------------------------------------------------
def start_gateway(supervisor: Supervisor, root: Path, name: str, port: int, env: dict[str, str]) -> str:
    """uvicorn bot.app:app as `make run` starts it, on `port`, its var/ in root/gateway-<name>."""
    var = root / f"gateway-{name}"
    var.mkdir(exist_ok=True)
    cmd = [sys.executable, "-m", "uvicorn", "bot.app:app", "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--ws", "none"]
    gateway_env = {**env, "TALENTBOT_VAR_DIR": str(var), "GATEWAY_PORT": str(port), "HOST": "127.0.0.1"}
    supervisor.start(Service(f"gateway-{name}", cmd, root / "log" / f"gateway-{name}.log", port, gateway_env))
    return f"http://127.0.0.1:{port}"


def kill(supervisor: Supervisor, name: str) -> None:
    """SIGKILL one supervised service's process group (a crash: no shutdown runs) and forget it."""
    for entry in list(supervisor.running):
        service, proc = entry
        if service.name == name:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
            supervisor.running.remove(entry)


def pg_rows(database_url: str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    import psycopg2  # type: ignore[import-untyped]

    conn = psycopg2.connect(database_url)
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return list(cur.fetchall())
    finally:
        conn.close()


# ---- 1 and 2: one conversation across gateways, read on the other's review API ----------------------
async def _chat(client: httpx.AsyncClient, base: str, sender: str, text: str) -> list[dict[str, Any]]:
    resp = await client.post(f"{base}/api/chat", json={"sender": sender, "message": text})
    resp.raise_for_status()
    return list(resp.json()["replies"])


async def login(client: httpx.AsyncClient, base: str, username: str, password: str) -> None:
    """The staff login form on `base` (its CSRF double-submit cookie, then the POST)."""
    page = await client.get(f"{base}/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    if token is None:
        raise RuntimeError(f"no login form on {base}/login ({page.status_code})")
    form = {"username": username, "password": password, "csrf_token": token.group(1), "next": "/review"}
    resp = await client.post(f"{base}/login", data=form, follow_redirects=False)
    if resp.status_code != 303:
        raise RuntimeError(f"login on {base} answered {resp.status_code}")


async def across_gateways(gw: dict[str, str], staff: tuple[str, str], check: Check) -> None:
    a, b = gw["A"], gw["B"]
    sender = f"gw-{uuid.uuid4().hex[:10]}"
    turns = [(a, "项目资助能拿多少钱"), (b, "我是第二类人才"), (a, "特别推荐")]
    fallback = gateway_fallback_text()
    async with httpx.AsyncClient(timeout=60.0, trust_env=False) as client:
        replies = [await _chat(client, base, sender, text) for base, text in turns]
        answered = all(r and all(x.get("text") != fallback for x in r) for r in replies)
        check(
            "one conversation alternating gateways A, B, A is answered turn by turn",
            answered,
            str(replies[-1][0].get("text", ""))[:50] if replies[-1] else "",
        )
    async with httpx.AsyncClient(timeout=30.0, trust_env=False) as staff_client:
        await login(staff_client, b, *staff)
        listing = (await staff_client.get(f"{b}/review/api/conversations", params={"channel": "api"})).json()
        ids = [c["id"] for c in listing["conversations"] if str(c["id"]).startswith(f"api:{sender}:")]
        conv = (await staff_client.get(f"{b}/review/api/c/{quote(ids[0], safe='')}")).json() if ids else {}
    inbound = [m for m in conv.get("messages", []) if m["direction"] == "in"]
    actions = [m.get("action") for m in conv.get("messages", []) if m["direction"] == "out"]
    check(
        "the review API on gateway B shows the turns taken by A, each with its intent",
        [m["text"] for m in inbound] == [text for _, text in turns]
        and all(m.get("intent") for m in inbound)
        and "action_answer_funding" in actions,
        " / ".join(f"{m['text']}→{m.get('intent')}" for m in inbound),
    )


# ---- 3: a WeChat retry on the other gateway ----------------------------------------------------------
def _wechat_xml(openid: str, msg_id: int, content: str) -> bytes:
    return (
        f"<xml><ToUserName><![CDATA[{GH_ID}]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>"
    ).encode()


async def _wechat_post(client: httpx.AsyncClient, base: str, token: str, openid: str, body: bytes) -> str:
    ts, nonce = str(int(time.time())), uuid.uuid4().hex[:10]
    signature = hashlib.sha1("".join(sorted((token, ts, nonce))).encode()).hexdigest()
    params = {"signature": signature, "timestamp": ts, "nonce": nonce, "openid": openid}
    resp = await client.post(
        f"{base}/wechat", params=params, content=body, headers={"Content-Type": "text/xml"}
    )
    resp.raise_for_status()
    return resp.text


def _passive_text(body: str) -> str | None:
    if body.strip() == "success":
        return None
    return ElementTree.fromstring(body).findtext("Content")


async def wechat_retry(
    gw: dict[str, str], rasa_a: str, token: str, salt: str, database_url: str, check: Check
) -> None:
    openid = f"o-scaleout-{uuid.uuid4().hex[:12]}"
    msg_id = int(time.time() * 1000)
    body = _wechat_xml(openid, msg_id, "人才金卡能享受哪些服务")
    async with httpx.AsyncClient(timeout=30.0, trust_env=False) as client:

        async def retry_on_b() -> str:
            await asyncio.sleep(0.05)  # WeChat's resend, while A is still answering
            return await _wechat_post(client, gw["B"], token, openid, body)

        first, resent = await asyncio.gather(_wechat_post(client, gw["A"], token, openid, body), retry_on_b())
        late = await _wechat_post(client, gw["B"], token, openid, body)  # a resend after A answered
        sender = hash_openid(openid, salt)
        tracker = (await client.get(f"{rasa_a}/conversations/{sender}/tracker")).json()
    answers = [text for text in map(_passive_text, (first, resent, late)) if text]
    rows = pg_rows(
        database_url, "SELECT COUNT(*) FROM messages WHERE sender=%s AND direction='in'", (sender,)
    )[0][0]
    user_turns = sum(e.get("event") == "user" for e in tracker.get("events", []))
    check(
        "a WeChat retry sent to the other gateway is answered once",
        len(answers) == 1 and _passive_text(first) is not None and rows == 1 and user_turns == 1,
        f"A: {'answer' if _passive_text(first) else 'success'}, B: "
        f"{'answer' if _passive_text(resent) else 'success'} then "
        f"{'answer' if _passive_text(late) else 'success'}; rows {rows}, Rasa user turns {user_turns}",
    )


# ---- 4: capacity, then p95 at half of it ---------------------------------------------------------------
async def capacity_and_latency(front: str, run_id: str, ramp_s: float, paced_s: float) -> dict[str, Any]:
    await warm_up(front, f"{run_id}-w")
    ramp: list[Level] = []
    for users in RAMP_USERS:
        ramp.append(await run_level(front, users, ramp_s, 10**6, f"{run_id}-ramp"))
        print(
            f"  ramp {users:2d} users: {ramp[-1].throughput_tps} turns/s, p95 {ramp[-1].latency['p95_ms']} ms"
        )
    capacity = max(level.throughput_tps for level in ramp)
    rate = round(capacity * PACED_SHARE, 1)
    paced = await run_paced(front, PACED_USERS, rate, paced_s, f"{run_id}-half")
    print(f"  {PACED_USERS} users offering {rate} turns/s: {paced.throughput_tps} turns/s, {paced.latency}")
    return {"ramp": [lv.to_dict() for lv in ramp], "capacity_tps": capacity, "paced": paced.to_dict()}


# ---- 5: kill a gateway and a Rasa replica under load ----------------------------------------------------
@dataclass
class KillTally:
    sent: list[str] = field(default_factory=list)  # dedup keys of every message sent (api:<sender>:<id>)
    attempts: Counter[int] = field(default_factory=Counter)  # attempts a message needed → messages
    errors: Counter[str] = field(default_factory=Counter)  # what a failed attempt got
    unanswered: int = 0  # every attempt failed
    fallbacks: int = 0  # answered with the gateway's "assistant unavailable" reply
    latencies: list[float] = field(default_factory=list)


async def _send_until_answered(
    client: httpx.AsyncClient, front: str, sender: str, text: str, tally: KillTally, fallback: str
) -> None:
    client_id = uuid.uuid4().hex
    tally.sent.append(f"api:{sender}:{client_id}")
    body = {"sender": sender, "message": text, "metadata": {"client_message_id": client_id}}
    started = time.perf_counter()
    for attempt in range(1, RESEND_ATTEMPTS + 1):
        try:
            resp = await client.post(f"{front}/api/chat", json=body)
            error = None if resp.status_code == 200 else f"http_{resp.status_code}"
        except httpx.HTTPError as exc:
            error = type(exc).__name__
        if error is None:
            tally.attempts[attempt] += 1
            tally.latencies.append((time.perf_counter() - started) * 1000)
            if any(r.get("text") == fallback for r in resp.json().get("replies", [])):
                tally.fallbacks += 1
            return
        tally.errors[error] += 1
        await asyncio.sleep(RESEND_PAUSE_S)
    tally.unanswered += 1


async def _kill_user(
    user: int,
    client: httpx.AsyncClient,
    front: str,
    run_id: str,
    due: float,
    interval: float,
    deadline: float,
    tally: KillTally,
    fallback: str,
) -> None:
    round_ = 0
    while True:
        conv = conversation_for(user, round_)
        sender = f"kill-{run_id}-u{user}-r{round_}"
        for text in conv.turns:
            if due >= deadline:
                return
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            await _send_until_answered(client, front, sender, text, tally, fallback)
            due += interval
        round_ += 1


async def kill_under_load(
    front: str,
    run_id: str,
    rate: float,
    duration_s: float,
    kill_at_s: float,
    crash: Callable[[], None],
    database_url: str,
    check: Check,
) -> dict[str, Any]:
    tally, fallback = KillTally(), gateway_fallback_text()
    interval = PACED_USERS / rate
    limits = httpx.Limits(max_connections=PACED_USERS, max_keepalive_connections=PACED_USERS)
    killed_at: list[float] = []
    async with httpx.AsyncClient(timeout=45.0, limits=limits, trust_env=False) as client:
        started = time.monotonic()
        deadline = started + duration_s

        async def killer() -> None:
            await asyncio.sleep(kill_at_s)
            killed_at.append(round(time.monotonic() - started, 1))
            await asyncio.get_running_loop().run_in_executor(None, crash)

        users: list[Awaitable[None]] = [
            _kill_user(
                u,
                client,
                front,
                run_id,
                started + interval * u / PACED_USERS,
                interval,
                deadline,
                tally,
                fallback,
            )
            for u in range(PACED_USERS)
        ]
        await asyncio.gather(killer(), *users)
        elapsed = time.monotonic() - started
    stored = {
        row[0]
        for row in pg_rows(
            database_url,
            "SELECT dedup_key FROM messages WHERE direction='in' AND sender LIKE %s",
            (f"kill-{run_id}-%",),
        )
    }
    rows = pg_rows(
        database_url,
        "SELECT COUNT(*) FROM messages WHERE direction='in' AND sender LIKE %s",
        (f"kill-{run_id}-%",),
    )[0][0]
    sent = set(tally.sent)
    figures = {
        "offered_tps": rate,
        "duration_s": round(elapsed, 1),
        "killed_at_s": killed_at[0] if killed_at else None,
        "messages_sent": len(tally.sent),
        "rows_stored": rows,
        "missing": len(sent - stored),
        "unexpected": len(stored - sent),
        "answered_first_try": tally.attempts.get(1, 0),
        "answered_after_resend": sum(n for attempt, n in tally.attempts.items() if attempt > 1),
        "unanswered": tally.unanswered,
        "failed_attempts": dict(tally.errors),
        "gateway_fallback_replies": tally.fallbacks,
        "latency": summary(tally.latencies),
    }
    check(
        "killing gateway A and Rasa replica A mid-load loses no logged user message",
        len(tally.sent) == rows and sent == stored and not tally.unanswered,
        f"{len(tally.sent)} messages sent, {rows} rows in PostgreSQL (missing {figures['missing']}, "
        f"unexpected {figures['unexpected']}); resent {figures['answered_after_resend']}, "
        f"gateway fallbacks {tally.fallbacks}",
    )
    return figures


# ---- the report ------------------------------------------------------------------------------------------
def _commit() -> str:
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    return out.stdout.strip() or "unknown"


def write_report(path: Path, figures: dict[str, Any], passed: bool) -> None:
    """bench/SCALEOUT.md (or `path`): the run's figures as a table; raw JSON beside it in results/."""
    load, killed = figures.get("load") or {}, figures.get("kill") or {}
    paced = load.get("paced") or {}
    lat = paced.get("latency") or {}
    lines = [
        "# Scale-out check — the whole stack on loopback (#14 item 2)",
        "",
        "`make scaleout` (`python -m bench.scaleout_check`): nginx in front of two gateways, two Rasa",
        "replicas, two action servers, PostgreSQL and Redis, all on 127.0.0.1 (docs/SCALING.md). This file",
        "is rewritten by each run; the raw figures are in `bench/results/scaleout-<time>.json`.",
        "",
        f"## Latest run — {time.strftime('%Y-%m-%d %H:%M')}, commit {_commit()}, "
        f"{os.cpu_count()} cores, load average {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
        f"at the end — {'PASS' if passed else 'FAIL'}",
        "",
        "| check | result |",
        "| --- | --- |",
        *[f"| {name} | {'ok' if ok else 'FAIL'} |" for name, ok in figures.get("checks", [])],
        "",
    ]
    if killed:
        lines += [
            "### Kill test: gateway A and Rasa replica A get SIGKILL mid-load",
            "",
            f"20 users offering {killed['offered_tps']} turns/s through nginx for {killed['duration_s']} s; "
            f"the kill at {killed['killed_at_s']} s.",
            "",
            "| messages sent | rows stored in PostgreSQL | missing | duplicated/unexpected | "
            "answered first try | answered after a resend | unanswered | gateway fallback replies |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| **{killed['messages_sent']}** | **{killed['rows_stored']}** | {killed['missing']} | "
            f"{killed['unexpected']} | {killed['answered_first_try']} | {killed['answered_after_resend']} | "
            f"{killed['unanswered']} | {killed['gateway_fallback_replies']} |",
            "",
            f"Failed attempts (resent with the same client_message_id): {killed['failed_attempts'] or 'none'}. "
            f"Latency from first send to answer: p50 {killed['latency']['p50_ms']} ms, "
            f"p95 {killed['latency']['p95_ms']} ms, max {killed['latency']['max_ms']} ms.",
            "",
        ]
    if load:
        lines += [
            "### Capacity and latency through nginx",
            "",
            "| level | turns | turns/s | p50 ms | p95 ms | p99 ms | errors | fallbacks |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for level in [*load["ramp"], paced]:
            name = (
                f"{level['users']} users, closed loop"
                if level["mode"] == "closed"
                else f"**{level['users']} users offering {level['offered_tps']} turns/s (50%)**"
            )
            la = level["latency"]
            lines.append(
                f"| {name} | {level['turns']} | {level['throughput_tps']} | {la['p50_ms']} | {la['p95_ms']} | "
                f"{la['p99_ms']} | {level['errors']} | {level['fallbacks']} |"
            )
        lines += [
            "",
            f"Capacity (best closed-loop level): **{load['capacity_tps']} turns/s**; at 50% of it, "
            f"20 users see **p95 {lat.get('p95_ms')} ms** (p50 {lat.get('p50_ms')} ms), latency counted "
            "from when each message was due. The load generator runs on the same two cores as the stack.",
            "",
        ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    raw = path.parent / "results" / f"scaleout-{time.strftime('%Y%m%d-%H%M%S')}.json"
    if path.parent.name == "bench":
        raw.parent.mkdir(exist_ok=True)
        raw.write_text(
            json.dumps({**figures, "passed": passed}, ensure_ascii=False, indent=2), encoding="utf-8"
        )
