"""Delivery of late answers through WeChat's customer-service message API.

Why injectable: an answer that misses the 5-second passive window must still reach the user; the
real sender needs the AppSecret and the network, so unit tests may pass a fake with the same
`send_text`. The production sender is wechatpy's own `WeChatClient` (token fetch and
`message.send_text`), pointed at `Settings.wechat_api_base` (default https://api.weixin.qq.com/);
tests/gateway/test_gateway_wechat_slow_path.py points it at a local stand-in of that API.

Why not wechatpy's `auto_retry`: in 1.8.18 it retries a token error (40001/40014/42001) without a
limit — a token WeChat keeps refusing would fetch tokens in a loop, and the token endpoint has a daily
quota. Here a token error fetches one new token (once per stale token, under a lock, so concurrent
sends do not each fetch one) and the message is sent once more; any other error is final.

Errors leave as `DeliveryError`, whose text names the WeChat errcode or the kind of failure but
never a URL: requests' messages carry the query string, i.e. the access token or the AppSecret.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Protocol

import requests
from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatClientException

log = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://api.weixin.qq.com/"
# 40001 invalid credential (e.g. another fetch replaced the token), 40014 invalid token, 42001 expired.
TOKEN_ERRORS = frozenset({40001, 40014, 42001})
HTTP_TIMEOUT = 10.0  # seconds per WeChat API call; wechatpy's token fetch sets none of its own


class CustomerServiceSender(Protocol):
    def send_text(self, openid: str, text: str) -> None:
        """Send `text` to the user; blocking (called from a worker thread)."""


class DeliveryError(Exception):
    """A late answer was not delivered; the message is safe to log (no token, secret or openid)."""


class _TimeoutSession(requests.Session):
    """A requests session with a default timeout (wechatpy's token fetch passes none)."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self._timeout = timeout

    # Any: requests' own annotations (2.34: str) and types-requests' (str | bytes) disagree
    def request(self, method: Any, url: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self._timeout
        return super().request(method, url, *args, **kwargs)


class _Client(WeChatClient):
    """wechatpy's WeChatClient on a configurable API host (1.8.18 hard-codes the token URL)."""

    def __init__(self, appid: str, secret: str, api_base: str, timeout: float) -> None:
        super().__init__(appid, secret, timeout=timeout, auto_retry=False)
        self.API_BASE_URL = api_base.rstrip("/") + "/cgi-bin/"
        self._http = _TimeoutSession(timeout)

    def fetch_access_token(self) -> dict[str, Any]:
        return self._fetch_access_token(
            url=self.API_BASE_URL + "token",
            params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
        )


class WeChatClientSender:
    """The real sender: wechatpy's WeChatClient (`client.message.send_text`), token refreshed once."""

    def __init__(
        self, appid: str, secret: str, api_base: str = DEFAULT_API_BASE, timeout: float = HTTP_TIMEOUT
    ) -> None:
        self.client: WeChatClient = _Client(appid, secret, api_base, timeout)
        self._token_lock = threading.Lock()

    def send_text(self, openid: str, text: str) -> None:
        try:
            used = self._token()
            try:
                self.client.message.send_text(openid, text)
            except WeChatClientException as exc:
                if exc.errcode not in TOKEN_ERRORS:
                    raise
                log.info("WeChat refused the access token (errcode %s); fetching a new one", exc.errcode)
                self._refresh(used)
                self.client.message.send_text(openid, text)
        except Exception as exc:
            raise DeliveryError(describe(exc)) from None

    def _token(self) -> str:
        """The cached token; fetched (by one thread at a time) when missing or about to expire."""
        with self._token_lock:
            return self.client.access_token

    def _refresh(self, stale: str) -> None:
        """Fetch a new token unless another thread already replaced `stale`."""
        with self._token_lock:
            if self.client.session.get(self.client.access_token_key) == stale:
                self.client.fetch_access_token()


def describe(exc: BaseException) -> str:
    """A loggable cause: WeChat's errcode and errmsg, an HTTP status, or the exception's type only."""
    if isinstance(exc, WeChatClientException):
        if exc.errcode is not None:
            return f"errcode {exc.errcode}: {exc.errmsg}"
        status = getattr(exc.response, "status_code", None)
        return f"HTTP {status}" if status is not None else "HTTP error"
    return type(exc).__name__  # requests' texts include the URL with the token or the AppSecret


class UnconfiguredSender:
    """Used when WECHAT_SECRET is missing: late answers cannot be delivered, so say so in the log."""

    def send_text(self, openid: str, text: str) -> None:
        log.error("late WeChat answer not delivered: WECHAT_APPID/WECHAT_SECRET not configured")
