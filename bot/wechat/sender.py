"""Delivery of late answers through WeChat's customer-service message API.

Why injectable: an answer that misses the 5-second passive window must still reach the user; the
real sender needs the AppSecret and the network, so tests pass a fake with the same `send_text`.
"""

from __future__ import annotations

import logging
from typing import Protocol

log = logging.getLogger(__name__)


class CustomerServiceSender(Protocol):
    def send_text(self, openid: str, text: str) -> None:
        """Send `text` to the user; blocking (called from a worker thread)."""


class WeChatClientSender:
    """The real sender: wechatpy's WeChatClient (`client.message.send_text`)."""

    def __init__(self, appid: str, secret: str) -> None:
        from wechatpy import WeChatClient

        self._client = WeChatClient(appid, secret)

    def send_text(self, openid: str, text: str) -> None:
        self._client.message.send_text(openid, text)


class UnconfiguredSender:
    """Used when WECHAT_SECRET is missing: late answers cannot be delivered, so say so in the log."""

    def send_text(self, openid: str, text: str) -> None:
        log.error("late WeChat answer not delivered: WECHAT_APPID/WECHAT_SECRET not configured")
