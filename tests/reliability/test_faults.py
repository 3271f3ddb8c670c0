"""Faults in the live stack: action server crash, Rasa restart, gateway restart under load.

What "continues where it was" means here: Rasa's tracker (SQL tracker store on SQLite, as
endpoints.yml ships it) still holds the active form and the slots filled before the fault, and the
talent's next answer completes the form. The 20-concurrent-writers property of the conversation log
is covered in tests/gateway/test_gateway_log.py (threads on the store, and HTTP turns through the
app); the gateway restart test below adds the process being killed while requests are in flight.
"""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest

from tests.reliability.reliability_helpers import HOTLINE_DIGITS, Live

pytestmark = [pytest.mark.rasa, pytest.mark.timeout(180)]

FORM_ANSWER = "action_answer_funding"


def _actions_after_last_user(tracker: dict) -> list[str]:
    events = tracker.get("events") or []
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return [e["name"] for e in events[last_user + 1 :] if e.get("event") == "action"]


def _start_funding_form(live: Live, sender: str) -> None:
    """The funding form open and asking for the category. (Once the category is known the form answers
    at once — every rating's amount, answer first — so the category question is the state to keep.)"""
    live.texts(sender, "项目资助能拿多少钱")
    assert live.active_form(sender) == "funding_form"
    assert live.slots(sender)["requested_slot"] == "category"


def test_action_server_crash_gets_a_polite_hotline_reply_and_the_form_resumes(restored: Live) -> None:
    live = restored
    sender = live.sender("crash-actions")
    _start_funding_form(live, sender)

    live.stack.stop("actions", kill=True)
    started = time.monotonic()
    texts = live.texts(sender, "我是第二类人才")
    assert time.monotonic() - started < 10, "a dead action server must not make the user wait"
    assert live.is_gateway_fallback(texts)
    assert HOTLINE_DIGITS in texts[0] and texts[0].startswith("抱歉")
    health = httpx.get(f"{live.stack.gateway_url}/api/health", timeout=10, trust_env=False)
    assert health.status_code == 503 and health.json()["actions"] == "down"

    live.stack.start("actions")
    live.stack.wait_healthy(timeout=60)
    assert live.active_form(sender) == "funding_form", "the form survived the crash"

    texts = live.texts(sender, "我是第二类人才")
    assert not live.is_gateway_fallback(texts)
    tracker = live.tracker(sender)
    assert FORM_ANSWER in _actions_after_last_user(tracker)
    assert str(tracker["slots"]["category"]) == "2"
    assert any("600万元" in t for t in texts), "第2类's standard, answered once the category is known"


def test_rasa_restart_keeps_the_conversation_state(restored: Live) -> None:
    live = restored
    sender = live.sender("restart-rasa")
    _start_funding_form(live, sender)

    live.stack.stop("rasa")
    texts = live.texts(sender, "我是第三类人才")  # said while Rasa is down: polite reply, still logged
    assert live.is_gateway_fallback(texts) and HOTLINE_DIGITS in texts[0]
    logged = live.log_rows(
        "SELECT COUNT(*) AS n FROM messages WHERE sender=? AND direction='in' AND text='我是第三类人才'",
        (sender,),
    )
    assert logged[0]["n"] == 1

    live.stack.start("rasa")
    live.stack.wait_healthy(timeout=150)
    assert live.active_form(sender) == "funding_form"
    assert live.slots(sender)["requested_slot"] == "category"

    texts = live.texts(sender, "我是第三类人才")
    assert not live.is_gateway_fallback(texts)
    assert FORM_ANSWER in _actions_after_last_user(live.tracker(sender))
    assert str(live.slots(sender)["category"]) == "3"


async def _talker(
    live: Live,
    sender: str,
    n_messages: int,
    deadline: float,
    accepted: dict[str, str],
    retries: list[int],
    keep_going: threading.Event | None = None,
    sent: list[int] | None = None,
) -> None:
    """Send at least `n_messages` in order (and on while `keep_going` is set), each retried with the
    same client_message_id until accepted — what the chat widget does after a network error."""
    async with httpx.AsyncClient(timeout=30.0, trust_env=False) as client:
        i = 0
        while (
            i < n_messages or (keep_going is not None and keep_going.is_set())
        ) and time.monotonic() < deadline:
            client_id = f"{sender}-m{i:03d}"
            body = {
                "sender": sender,
                "message": f"人才服务热线电话是多少（{i}）",
                "metadata": {"client_message_id": client_id},
            }
            if sent is not None:
                sent[0] += 1
            while time.monotonic() < deadline:
                try:
                    resp = await client.post(f"{live.stack.gateway_url}/api/chat", json=body)
                    if resp.status_code == 200 and resp.json()["replies"]:
                        accepted[client_id] = sender
                        break
                except httpx.HTTPError:
                    pass
                retries[0] += 1
                await asyncio.sleep(0.3)
            i += 1


def test_gateway_restart_under_load_loses_no_logged_message(restored: Live) -> None:
    live = restored
    senders = [live.sender(f"gw-restart-{n}") for n in range(10)]
    n_messages = 6
    accepted: dict[str, str] = {}
    retries, sent = [0], [0]
    restarting = threading.Event()  # the load lasts as long as the restarts, however fast turns are
    restarting.set()

    def restart_twice() -> None:
        try:
            time.sleep(1.5)
            live.stack.stop("gateway", kill=True)  # a crash: in-flight requests die with it
            live.stack.start("gateway")
            live.stack.wait_for(f"{live.stack.gateway_url}/api/health", timeout=60)
            time.sleep(1.5)
            live.stack.stop("gateway")  # a deploy: SIGTERM, in-flight requests finish
            live.stack.start("gateway")
            live.stack.wait_for(f"{live.stack.gateway_url}/api/health", timeout=60)
        finally:
            restarting.clear()

    restarter = threading.Thread(target=restart_twice)
    restarter.start()
    deadline = time.monotonic() + 100

    async def load() -> None:
        await asyncio.gather(
            *(_talker(live, s, n_messages, deadline, accepted, retries, restarting, sent) for s in senders)
        )

    asyncio.run(load())
    restarter.join(timeout=120)

    assert retries[0] > 0, "the restarts did not hit any request; the test proved nothing"
    assert sent[0] >= len(senders) * n_messages
    assert len(accepted) == sent[0], "every message is eventually accepted"
    for client_id, sender in accepted.items():
        rows = live.log_rows(
            "SELECT COUNT(*) AS n FROM messages WHERE dedup_key=? AND direction='in'",
            (f"api:{sender}:{client_id}",),
        )
        assert rows[0]["n"] == 1, client_id
    marks = ",".join("?" for _ in senders)
    inbound = live.log_rows(
        f"SELECT COUNT(*) AS n FROM messages WHERE direction='in' AND sender IN ({marks})", tuple(senders)
    )
    assert inbound[0]["n"] == sent[0], "no message logged twice"
