"""JSON API for the web widget and other clients: POST /api/chat, POST /api/feedback, GET /api/history.

Channel: requests from the widget say `metadata.channel = "web"`; anything else is logged as `api`.
Button payloads: a pressed button sends its title as `message` and its payload as `payload`; the
payload reaches Rasa only if the bot offered exactly that payload in its latest turn to this sender
(read from the log, so it survives restarts). Otherwise the title is treated as typed text.
"""

from __future__ import annotations

import logging
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from bot.dialogue import UserTurn
from bot.errors import ApiError
from bot.limits import RequestLimiter, ip_limit
from bot.services import ServicesDep
from bot.validation import SQLITE_MAX_ID, bad, check_sender, parse_chat_request, parse_json_object, read_body
from policy_kb.editions import edition_for_region
from talentbot_rasa.jsonlog import pseudonym

log = logging.getLogger(__name__)
router = APIRouter(tags=["chat"])

FEEDBACK_BODY_LIMIT = 4096
HISTORY_MAX = 200

# First in the parameters: an address over its budget is refused before anything else runs.
ChatLimiter = Annotated[RequestLimiter, Depends(ip_limit("chat"))]
FeedbackLimiter = Annotated[RequestLimiter, Depends(ip_limit("feedback"))]


def _channel(metadata: Any) -> str:
    return "web" if isinstance(metadata, dict) and metadata.get("channel") == "web" else "api"


@router.post("/api/chat")
async def chat(request: Request, limiter: ChatLimiter, services: ServicesDep) -> dict[str, Any]:
    """One user message → the bot's replies [{"text","buttons"?,"citations"?,"message_id"}].

    Limits (bot/limits.py): the client IP before the body is read, the sender once it is known; a
    resend with the same client_message_id is not charged twice. Over a limit → 429 + Retry-After."""
    data = parse_json_object(await read_body(request, services.settings.chat_body_limit))
    req = parse_chat_request(data, services.settings.max_message_chars)
    channel = _channel(data.get("metadata"))
    await limiter.require_sender("chat", req.sender, once=req.client_message_id)
    payload = None
    if req.payload is not None:
        offered = await run_in_threadpool(services.store.offered_payloads, channel, req.sender)
        if req.payload in offered:
            payload = req.payload
        else:
            log.info("payload not offered to %s, sent as text: %r", pseudonym(req.sender), req.payload[:80])
    region = req.region if req.region and edition_for_region(req.region) else None
    turn = UserTurn(
        channel=channel,
        sender=req.sender,
        text=req.message,
        dedup_key=f"{channel}:{req.sender}:{req.client_message_id or uuid.uuid4().hex}",
        payload=payload,
        region=region,
        handoff=req.handoff,
    )
    result = await services.dialogue.handle(turn)
    return {"sender": req.sender, "replies": result.replies}


@router.post("/api/feedback")
async def feedback(request: Request, limiter: FeedbackLimiter, services: ServicesDep) -> dict[str, Any]:
    """Thumbs up/down on one bot reply: {"message_id": int, "value": "up"|"down", "sender"?: str}."""
    data = parse_json_object(await read_body(request, FEEDBACK_BODY_LIMIT))
    message_id, value = data.get("message_id"), data.get("value")
    if not isinstance(message_id, int) or isinstance(message_id, bool) or not 0 < message_id <= SQLITE_MAX_ID:
        raise bad(
            "invalid_message_id",
            "消息编号（message_id）必须是正整数。",
            "message_id must be a positive integer.",
        )
    if value not in ("up", "down"):
        raise bad("invalid_feedback", "评价（value）只能是 up 或 down。", "value must be 'up' or 'down'.")
    sender = check_sender(data["sender"]) if data.get("sender") is not None else None
    if sender is not None:
        await limiter.require_sender("feedback", sender)
    if not await run_in_threadpool(services.store.set_feedback, message_id, value, sender):
        raise ApiError(404, "message_not_found", "找不到这条回复，无法评价。", "No such bot reply.")
    return {"ok": True, "message_id": message_id, "value": value}


@router.get("/api/history")
async def history(
    services: ServicesDep,
    sender: str = Query(..., max_length=256),
    channel: str = Query("web", pattern="^(web|api)$"),
    limit: int = Query(100, ge=1, le=HISTORY_MAX),
) -> dict[str, Any]:
    """The sender's logged messages (masked text), oldest first, for redrawing the widget."""
    check_sender(sender)
    messages = await run_in_threadpool(services.store.history, channel, sender, limit)
    return {"sender": sender, "messages": messages}
