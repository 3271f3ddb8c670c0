"""Abuse limits on the public endpoints: per sender and per client IP, answered with a polite 429.

Why this algorithm (GCRA, the "generic cell rate algorithm" of token buckets): one number per key —
the time the bucket would be empty again — gives a steady rate, a burst allowance and an exact
`Retry-After` in one comparison, and is the same few lines in memory and as a Redis script. A refused
request costs nothing: it never reaches the body parser's expensive parts, the log or Rasa, and it is
not counted, so a flood does not extend its own ban indefinitely but cannot get more than the rate.

Why separate from the login throttle (bot/auth/ratelimit.py): that one counts *failed* logins in
SQLite, because they must survive a restart and are evidence for the audit page; here every chat
request is counted, and an SQLite write per request would contend with the conversation log. The
WeChat per-IP limit follows the login throttle's idea — only failures count (a bad signature or
timestamp), since genuine WeChat traffic comes from a few WeChat servers on behalf of every user.

Where the state lives: in this process's memory by default (one gateway host); in Redis when
`REDIS_URL` (or REDIS_HOST) is set, so several gateways share one budget per sender. If Redis does not
answer within 250 ms the request is let through and a warning is logged (at most once a minute): a
limiter outage must not become a chat outage.

Retries are free, a few times: a request naming a dedup key this sender already got admitted (the
widget's client_message_id, a WeChat MsgId) is admitted again without being charged, up to
`FREE_RETRIES` times in `ONCE_TTL` — WeChat resends up to three times, and a network retry must
never be told "too fast" — but a client repeating one id cannot use it to bypass the limit.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from fastapi import Request

from bot.errors import ApiError
from bot.settings import Settings

log = logging.getLogger(__name__)

ONCE_TTL = 300.0  # seconds a dedup key stays "already admitted" (WeChat retries within ~15 s)
FREE_RETRIES = 3
REDIS_TIMEOUT = 0.25
KEY_PREFIX = "talentbot:limit:"

# The polite Chinese texts a person sees; `{seconds}` is the Retry-After value.
SENDER_MESSAGE = "您发送消息过于频繁，请休息一下，{seconds} 秒后再试。"
IP_MESSAGE = "您所在网络发出的请求过多，请 {seconds} 秒后再试。"
FEEDBACK_MESSAGE = "评价提交过于频繁，请 {seconds} 秒后再试。"
WECHAT_MESSAGE = "您发送消息过于频繁，请稍等约 {seconds} 秒后再发送，我们会继续为您解答。"


@dataclass(frozen=True)
class Rate:
    """`per_minute` requests a minute on average, up to `burst` at once; per_minute 0 = no limit."""

    per_minute: int
    burst: int

    @property
    def interval(self) -> float:
        """Seconds between two requests at the steady rate."""
        return 60.0 / self.per_minute

    @property
    def active(self) -> bool:
        return self.per_minute > 0


class Backend(Protocol):
    """Where bucket state lives. `hit` answers 0.0 when admitted, else the seconds to wait."""

    async def hit(self, key: str, rate: Rate, *, once: str | None = None, charge: bool = True) -> float: ...

    async def aclose(self) -> None: ...


def _gcra(tat: float, now: float, rate: Rate) -> tuple[float, float]:
    """(new theoretical arrival time, wait): wait 0.0 admits; the bucket allows `burst` ahead of now."""
    new_tat = max(tat, now) + rate.interval
    excess = new_tat - now - rate.interval * rate.burst
    return new_tat, max(0.0, excess)


class MemoryBackend:
    """One process's buckets: key → theoretical arrival time (monotonic clock).

    Keys whose time has passed hold no information (a fresh bucket is the same) and are swept; past
    `max_keys` the oldest are dropped too, so a sender-rotating flood cannot grow memory without bound
    (the IP limit still holds it)."""

    def __init__(self, max_keys: int = 100_000) -> None:
        self.max_keys = max_keys
        self._tat: dict[str, float] = {}
        self._once: OrderedDict[str, tuple[float, int]] = OrderedDict()  # key → (expires, retries left)
        self._next_sweep = 0.0

    async def hit(self, key: str, rate: Rate, *, once: str | None = None, charge: bool = True) -> float:
        now = time.monotonic()
        if once is not None and once in self._once:
            expires, left = self._once[once]
            if left > 0 and expires > now:
                self._once[once] = (expires, left - 1)
                return 0.0
        new_tat, wait = _gcra(self._tat.get(key, now), now, rate)
        if wait == 0.0 and charge:
            self._tat.pop(key, None)  # re-inserted: the dict's order is least recently charged first
            self._tat[key] = new_tat
            if once is not None:
                self._once.pop(once, None)
                self._once[once] = (now + ONCE_TTL, FREE_RETRIES)
        self._sweep(now)
        return wait

    def _sweep(self, now: float) -> None:
        if now < self._next_sweep and len(self._tat) <= self.max_keys:
            return
        self._next_sweep = now + 10.0
        self._tat = {k: t for k, t in self._tat.items() if t > now}
        while len(self._tat) > self.max_keys:
            del self._tat[next(iter(self._tat))]
        while self._once and (next(iter(self._once.values()))[0] <= now or len(self._once) > self.max_keys):
            self._once.popitem(last=False)

    async def aclose(self) -> None:
        return None


# KEYS[1] bucket, KEYS[2] dedup key (or ""); ARGV interval, burst, charge (1/0), once ttl (ms), free
# retries. Redis's own clock (TIME) so that gateways with skewed clocks agree; the check is atomic.
GCRA_SCRIPT = """
if KEYS[2] ~= '' then
  local left = tonumber(redis.call('GET', KEYS[2]) or '0')
  if left > 0 then
    redis.call('DECR', KEYS[2])
    return '0'
  end
end
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local new_tat = tat + interval
local wait = new_tat - now - interval * burst
if wait > 0 then return tostring(wait) end
if ARGV[3] == '1' then
  redis.call('SET', KEYS[1], tostring(new_tat), 'PX', math.ceil((new_tat - now) * 1000) + 1000)
  if KEYS[2] ~= '' then redis.call('SET', KEYS[2], ARGV[5], 'PX', tonumber(ARGV[4])) end
end
return '0'
"""


class RedisBackend:
    """Buckets in Redis, shared by every gateway that points at it (one Lua script per check)."""

    def __init__(self, url: str, *, timeout: float = REDIS_TIMEOUT) -> None:
        import redis.asyncio as aioredis  # imported here: the in-memory default needs no client

        self._redis: Any = aioredis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout, decode_responses=True
        )
        self._script = self._redis.register_script(GCRA_SCRIPT)
        self._warned_at = -math.inf

    async def hit(self, key: str, rate: Rate, *, once: str | None = None, charge: bool = True) -> float:
        keys = [KEY_PREFIX + key, KEY_PREFIX + "once:" + once if once else ""]
        args = [repr(rate.interval), rate.burst, "1" if charge else "0", int(ONCE_TTL * 1000), FREE_RETRIES]
        try:
            return float(await self._script(keys=keys, args=args))
        except Exception as exc:  # Redis down, slow or misconfigured: let the request through
            now = time.monotonic()
            if now - self._warned_at > 60:
                self._warned_at = now
                log.warning("rate limiter: Redis unavailable, requests are not limited (%s)", exc)
            return 0.0

    async def aclose(self) -> None:
        close = getattr(self._redis, "aclose", None) or self._redis.close  # redis-py 5 renamed it
        await close()


def _networks(spec: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in spec.split(",") if p.strip())


class RequestLimiter:
    """The limits of one gateway: which rate applies where, and the 429 a refused request gets."""

    def __init__(self, settings: Settings, backend: Backend) -> None:
        self.enabled = settings.limits_enabled
        self.backend = backend
        self.sender = Rate(settings.limit_sender_per_minute, settings.limit_sender_burst)
        self.ip = Rate(settings.limit_ip_per_minute, settings.limit_ip_burst)
        bad = settings.limit_wechat_bad_per_minute
        self.wechat_bad = Rate(bad, max(bad, 1))
        self.exempt = _networks(settings.limit_exempt_networks)

    def client_ip(self, request: Request) -> str | None:
        """The client address the IP limits count, or None when it is exempt.

        Behind a reverse proxy uvicorn replaces the peer address with X-Forwarded-For's when the
        proxy is in FORWARDED_ALLOW_IPS (default 127.0.0.1), so this is the talent's address."""
        host = request.client.host if request.client else ""
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return host or "unknown"  # a test client's name, a unix socket: counted as one client
        return None if any(address in net for net in self.exempt) else str(address)

    async def check_ip(self, request: Request, endpoint: str) -> None:
        """Refuse with 429 when this client IP is over its budget for `endpoint` (chat, feedback)."""
        ip = self.client_ip(request)
        if not self.enabled or not self.ip.active or ip is None:
            return
        wait = await self.backend.hit(f"{endpoint}:ip:{ip}", self.ip)
        if wait:
            raise too_many(wait, IP_MESSAGE, f"Too many requests from this address ({endpoint}).")

    async def check_sender(self, endpoint: str, sender: str, *, once: str | None = None) -> float:
        """0.0 when `sender` may go on, else the seconds to wait (the caller decides how to say so).

        `once`: the request's dedup key; a retry of an admitted request is admitted free."""
        if not self.enabled or not self.sender.active:
            return 0.0
        key = f"{endpoint}:sender:{sender}"
        return await self.backend.hit(key, self.sender, once=f"{key}:{once}" if once else None)

    async def require_sender(self, endpoint: str, sender: str, *, once: str | None = None) -> None:
        wait = await self.check_sender(endpoint, sender, once=once)
        if wait:
            message = FEEDBACK_MESSAGE if endpoint == "feedback" else SENDER_MESSAGE
            raise too_many(wait, message, f"Too many requests from this sender ({endpoint}).")

    async def check_wechat_ip(self, request: Request) -> None:
        """429 when this IP has sent too many unverifiable /wechat requests (checked, not counted:
        only failures count, see `wechat_failed`). Such a client is not WeChat, so HTTP 429 is right."""
        ip = self.client_ip(request)
        if not self.enabled or not self.wechat_bad.active or ip is None:
            return
        wait = await self.backend.hit(f"wechat:bad:{ip}", self.wechat_bad, charge=False)
        if wait:
            raise too_many(wait, IP_MESSAGE, "Too many unverifiable WeChat callbacks from this address.")

    async def wechat_failed(self, request: Request) -> None:
        """Count one /wechat request from this IP that failed the signature or timestamp check."""
        ip = self.client_ip(request)
        if self.enabled and self.wechat_bad.active and ip is not None:
            await self.backend.hit(f"wechat:bad:{ip}", self.wechat_bad)

    async def aclose(self) -> None:
        await self.backend.aclose()


def retry_after(wait: float) -> int:
    """Whole seconds for the Retry-After header: never 0 (a client would retry at once)."""
    return max(1, math.ceil(wait))


def too_many(wait: float, message: str, message_en: str) -> ApiError:
    seconds = retry_after(wait)
    return ApiError(
        429,
        "too_many_requests",
        message.format(seconds=seconds),
        f"{message_en} Retry after {seconds} s.",
        headers={"Retry-After": str(seconds)},
    )


def build_limiter(settings: Settings) -> RequestLimiter:
    """In memory, or on Redis when the settings name one (REDIS_URL / REDIS_HOST)."""
    backend: Backend = RedisBackend(settings.redis_url) if settings.redis_url else MemoryBackend()
    return RequestLimiter(settings, backend)


async def get_limiter(request: Request) -> RequestLimiter:
    """The app's limiter (bot.app puts one on app.state). A coroutine on purpose: FastAPI runs a plain
    function dependency in its thread pool, a hop a flood would pay on every refused request."""
    limiter = getattr(request.app.state, "limiter", None)
    if not isinstance(limiter, RequestLimiter):
        limiter = build_limiter(request.app.state.services.settings)
        request.app.state.limiter = limiter
    return limiter


def ip_limit(endpoint: str) -> Callable[[Request], Awaitable[RequestLimiter]]:
    """A dependency that refuses an address over its `endpoint` budget and yields the limiter.

    Named first in a route's parameters, it runs before the others: a refused request is answered
    before any other dependency, and before its body is read."""

    async def check(request: Request) -> RequestLimiter:
        limiter = await get_limiter(request)
        await limiter.check_ip(request, endpoint)
        return limiter

    return check
