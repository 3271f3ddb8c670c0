"""One pooled aiohttp session per Rasa endpoint instead of a new one per request.

Why: Rasa 3.6's `EndpointConfig.request` runs `async with self.session() as session:` on every call,
so each call to the action server builds a ClientSession and opens a new TCP connection (and the
action server's Sanic accepts one); a form turn calls the action server three or four times. py-spy
put connection set-up at ~4% of Rasa's CPU under load. Here `EndpointConfig.session()` hands out a
session kept per (endpoint, event loop) whose connections stay open between calls; the caller's
`async with` no longer closes it.

Same requests as Rasa sends: the session is built as Rasa's `session()` builds it (the endpoint's
headers, basic auth and timeout; tests compare the two), only the connector differs. Idle connections are dropped after
`KEEPALIVE_S`, below the 5 s keep-alive of the action server's Sanic, so the client always closes an
idle connection before the server does and never sends a request down a socket the server is closing.
A closed event loop, or a session closed by someone else, gets a fresh session.

Installed by `talentbot_rasa.speedups.apply()` (which checks the Rasa version and the off switch);
`apply()` here is the unconditional part.
"""

from __future__ import annotations

import asyncio
from types import TracebackType
from typing import Any

KEEPALIVE_S = 2.0  # < Sanic's KEEP_ALIVE_TIMEOUT (5 s) on rasa_sdk's action server
_STOCK: dict[str, Any] = {}


class _Borrowed:
    """`async with` over a pooled session that leaves it open on exit."""

    def __init__(self, session: Any) -> None:
        self._session = session

    async def __aenter__(self) -> Any:
        return self._session

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    def __getattr__(self, name: str) -> Any:  # callers that use the session without `async with`
        return getattr(self._session, name)


def _pooled_session(self: Any) -> Any:
    """`EndpointConfig.session` returning this endpoint's pooled session for the running loop."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # no loop: Rasa's own, fresh session (the caller closes it)
        return _STOCK["session"](self)
    pooled = self.__dict__.get("_talentbot_pool")
    if pooled is None or pooled[0] is not loop or pooled[1].closed:
        session = _new_session(self)
        self.__dict__["_talentbot_pool"] = (loop, session)
    else:
        session = pooled[1]
    return _Borrowed(session)


def _new_session(endpoint: Any) -> Any:
    """Rasa's `EndpointConfig.session()` (rasa/utils/endpoints.py) with a keep-alive connector."""
    import aiohttp
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT

    auth = None
    if endpoint.basic_auth:
        auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
    return aiohttp.ClientSession(
        headers=endpoint.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        # limit=0: no cap on simultaneous connections, as with Rasa's session per request
        connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_S, limit=0),
    )


def apply() -> None:
    """Install the pooled `EndpointConfig.session` (idempotent)."""
    from rasa.utils.endpoints import EndpointConfig

    _STOCK.setdefault("session", EndpointConfig.session)
    EndpointConfig.session = _pooled_session


def restore() -> None:
    """Put Rasa's own `EndpointConfig.session` back (tests)."""
    from rasa.utils.endpoints import EndpointConfig

    if "session" in _STOCK:
        EndpointConfig.session = _STOCK["session"]
