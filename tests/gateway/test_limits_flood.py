"""A 200-message burst from one sender, through uvicorn, while another sender chats (#14 item 4).

What the flood gets and what it costs the others, checked without timing it (timings on a shared
machine belong to bench/flood.py, which reports the calm sender's p95 against its unloaded p95): with
the shipped limits, the flooding sender gets its burst allowance answered and 429s for the rest, none
of which reach Rasa or the conversation log, while the other sender is answered every time.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx

from bench.flood import FLOOD_IP, burst, calm_while
from bot.logstore import LogStore
from bot.settings import Settings
from tests.browser_support import serve
from tests.gateway.gateway_fakes import FakeRasa, build_app


def test_a_burst_gets_429s_and_the_other_sender_is_answered(
    settings: Settings, fake_rasa: FakeRasa, store: LogStore
) -> None:
    fake_rasa.delay = 0.02
    assert (settings.limit_sender_burst, settings.limit_ip_burst) == (10, 60)  # the shipped limits

    async def run(url: str) -> tuple[Counter[str], float, Counter[int]]:
        async with httpx.AsyncClient(timeout=30.0) as client:
            flood = asyncio.ensure_future(burst(url, "flood-sender", 200, 20))
            _, calm = await calm_while(client, url, "calm", until=flood)
            _, more = await calm_while(client, url, "calm-after", turns=3)
            return Counter(flood.result().statuses), flood.result().duration_s, calm + more

    with serve(build_app(settings, fake_rasa, store), start_timeout=10) as url:
        flood, seconds, calm = asyncio.run(run(url))

    # The sender's burst of 10 is answered, plus one per 3 s (20 a minute) while the burst lasts;
    # everything else is refused (the first 60 by the sender limit, then by the address limit).
    answered = flood["200"]
    assert 10 <= answered <= 10 + int(seconds / 3) + 1 and flood == {"200": answered, "429": 200 - answered}
    assert set(calm) == {200} and sum(calm.values()) >= 4
    assert sum(1 for c in fake_rasa.calls if c["sender"] == "flood-sender") == answered
    inbound = (
        store._conn()
        .execute(
            "SELECT COUNT(*) FROM messages WHERE direction='in' AND conversation_id IN "
            "(SELECT id FROM conversations WHERE sender='flood-sender')"
        )
        .fetchone()[0]
    )
    assert inbound == answered
    assert FLOOD_IP.startswith("203.0.113.")  # not loopback: the address limit applies
