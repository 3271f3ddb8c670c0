"""What the bot answers to a parsed WeChat message or event, within WeChat's 5-second window.

Why this shape:
- Each message is processed once per key (MsgId for messages, FromUserName+CreateTime for events);
  WeChat's retries join the running task and get the same answer. Across gateways the first to
  claim the key (bot/wechat/claims.py, Redis SET NX) answers; a retry on another gateway gets
  "success" (nothing), so the user is answered once.
- A passive reply is only possible within ~5 s. If the answer is not ready after
  `passive_deadline`, the request answers "success" (empty) and the answer is sent later through the
  customer-service API; once a key is deferred, retries also answer empty so the user gets it once.
- openids are hashed before they reach the log or Rasa; the raw openid lives only in the closure of
  a pending late send. A late send that fails is logged with the hashed sender (the conversation log
  already holds the user's message and the answer). `on_late_reply("sent" | "failed")` is told of
  each late send (the gateway's metrics).
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool

from bot.background import BackgroundTasks
from bot.dialogue import DialogueService, UserTurn
from bot.once import OnceCache
from bot.policy_facts import Fact
from bot.wechat.claims import Claims, LocalClaims
from bot.wechat.formatting import NON_TEXT_REPLY, safe_text, to_wechat_text
from bot.wechat.identity import hash_openid
from bot.wechat.sender import CustomerServiceSender, DeliveryError
from bot.welcome import welcome

log = logging.getLogger(__name__)

SUBSCRIBE_EVENTS = frozenset({"subscribe", "subscribe_scan"})
CHANNEL = "wechat"


class WeChatBridge:
    """Maps WeChat messages to bot turns and decides between passive and late delivery."""

    def __init__(
        self,
        dialogue: DialogueService,
        sender: CustomerServiceSender,
        tasks: BackgroundTasks,
        salt: str,
        hotline: Fact,
        passive_deadline: float = 4.0,
        on_late_reply: Callable[[str], None] | None = None,
        claims: Claims | None = None,
    ) -> None:
        self.dialogue = dialogue
        self.sender = sender
        self.tasks = tasks
        self.salt = salt
        self.hotline = hotline
        self.passive_deadline = passive_deadline
        self.on_late_reply = on_late_reply or (lambda _outcome: None)
        self.claims: Claims = claims or LocalClaims()
        self._answers: OnceCache[str | None] = OnceCache(ttl=900)
        self._deferred: OrderedDict[str, None] = OrderedDict()

    async def reply_for(self, msg: Any) -> str | None:
        """The passive reply text for `msg`, or None to answer "success" (nothing / sent later)."""
        key, job = self._plan(msg)
        if key not in self._answers and not await self.claims.claim(key):
            # another gateway took this message first (a resend that landed here): it answers
            log.info("wechat message %s is answered by another gateway", key.split(":", 1)[0])
            return None
        task, _ = self._answers.start(key, job)
        if key in self._deferred:
            return None
        try:
            text = await asyncio.wait_for(asyncio.shield(task), timeout=self.passive_deadline)
        except asyncio.TimeoutError:
            self._defer(key, task, msg.source)
            return None
        return None if key in self._deferred else text

    # ---- planning ----------------------------------------------------------------------------
    def _plan(self, msg: Any) -> tuple[str, Callable[[], Awaitable[str | None]]]:
        """Dedup key and the job answering this message or event."""
        sender = hash_openid(msg.source, self.salt)
        if msg.type == "event":
            key = f"event:{msg.source}:{msg.time}"
            return key, lambda: self._event(msg, sender, key)
        key = f"msg:{msg.id}" if msg.id else f"msg:{msg.source}:{msg.time}"
        text = _text_of(msg)
        if text:
            return key, lambda: self._ask(sender, text, key)
        return key, lambda: self._polite(msg, sender, key)

    async def _ask(self, sender: str, text: str, key: str) -> str | None:
        turn = UserTurn(channel=CHANNEL, sender=sender, text=text, dedup_key=f"wechat:{key}")
        result = await self.dialogue.handle(turn)
        return to_wechat_text(result.replies) or None

    async def _event(self, msg: Any, sender: str, key: str) -> str | None:
        event = (getattr(msg, "event", "") or "").lower()
        if event not in SUBSCRIBE_EVENTS:
            return None
        greeting = welcome(self.hotline)
        reply = {"text": greeting.text, "citations": greeting.citations}
        await self.dialogue.log_exchange(CHANNEL, sender, f"[事件] {event}", reply, f"wechat:{key}")
        return to_wechat_text([reply])

    async def _polite(self, msg: Any, sender: str, key: str) -> str:
        reply = {"text": NON_TEXT_REPLY}
        await self.dialogue.log_exchange(CHANNEL, sender, f"[{msg.type}]", reply, f"wechat:{key}")
        return safe_text(NON_TEXT_REPLY)

    # ---- late delivery -----------------------------------------------------------------------
    def _defer(self, key: str, task: asyncio.Task[str | None], openid: str) -> None:
        if key in self._deferred:
            return
        self._deferred[key] = None
        while len(self._deferred) > 10_000:
            self._deferred.popitem(last=False)
        self.tasks.spawn(self._send_late(task, openid), "wechat-late-send")

    async def _send_late(self, task: asyncio.Task[str | None], openid: str) -> None:
        text = await asyncio.shield(task)
        if text:
            try:
                await run_in_threadpool(self.sender.send_text, openid, text)
            except Exception as exc:  # network or API error: logged; the turn itself is already logged
                # DeliveryError texts are safe to log; another sender's may carry a URL, so only its type.
                cause = str(exc) if isinstance(exc, DeliveryError) else type(exc).__name__
                sender = hash_openid(openid, self.salt)
                log.error("late WeChat answer not delivered to %s: %s", sender, cause)
                self.on_late_reply("failed")
            else:
                self.on_late_reply("sent")


def _text_of(msg: Any) -> str:
    """User text of a text message, or of a voice message WeChat already transcribed."""
    if msg.type == "text":
        return (msg.content or "").strip()
    if msg.type == "voice":
        return (getattr(msg, "recognition", None) or "").strip()
    return ""
