"""Which gateway answers a WeChat message: the first to claim its key, across all gateways.

Why: WeChat resends a message it got no answer to within 5 s (same MsgId), and behind a load balancer
the resend may land on another gateway. Inside one process `bot.once.OnceCache` joins the resend to
the running answer; across processes a Redis `SET key NX EX ttl` does (Redis is already there for
Rasa's lock store and the abuse limits): the gateway that set the key answers — passively, or through
the customer-service API once the 5 s are up — and every other gateway answers the resend "success"
(nothing), so the user gets the answer once. The conversation log's `dedup_key UNIQUE` keeps the log
exact in any case.

If Redis does not answer (250 ms) the claim is granted: answering twice beats not answering.
"""

from __future__ import annotations

import logging
import os
import socket
from typing import Protocol

log = logging.getLogger(__name__)

CLAIM_PREFIX = "talentbot:wechat:claim:"
CLAIM_SECONDS = 900  # as long as OnceCache keeps an answer: longer than WeChat's three resends


class Claims(Protocol):
    async def claim(self, key: str) -> bool:
        """True when this gateway is the first to claim `key` (and so answers it)."""
        ...

    async def aclose(self) -> None: ...


class LocalClaims:
    """One gateway: every key is ours (OnceCache joins resends in the process)."""

    async def claim(self, key: str) -> bool:
        return True

    async def aclose(self) -> None:
        return None


class RedisClaims:
    """Claims shared by every gateway on one Redis (`REDIS_URL`, or the lock store's host, db 2)."""

    def __init__(self, url: str, timeout: float = 0.25) -> None:
        import redis.asyncio as redis_asyncio

        self._redis = redis_asyncio.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        )
        self.owner = f"{socket.gethostname()}:{os.getpid()}"

    async def claim(self, key: str) -> bool:
        try:
            won = await self._redis.set(CLAIM_PREFIX + key, self.owner, nx=True, ex=CLAIM_SECONDS)
        except Exception as exc:  # a claim outage is not a chat outage
            log.warning("WeChat claim on Redis failed (%s): answering here", type(exc).__name__)
            return True
        return bool(won)

    async def aclose(self) -> None:
        await self._redis.close()
