"""GET|POST /wechat: the WeChat Official Account callback (plain and safe mode).

GET answers the server-verification handshake (echostr). POST checks size (413 over 1 MB),
timestamp skew, signature, and XML safety (bot/wechat/security.py), then replies passively with a
TextReply — encrypted in safe mode — or "success" when there is nothing to say now.

Limits (bot/limits.py): an IP whose requests keep failing the signature or timestamp check gets HTTP
429 (it is not WeChat). A user (openid) over the per-sender limit gets a polite passive text reply
instead, with HTTP 200: WeChat treats any other status as a failure and resends the message, and
the user would see "该公众号暂时无法提供服务" rather than why. The limited message is not answered
(nor logged); a WeChat resend of a message already admitted is not charged again.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.replies import TextReply

from bot.errors import ApiError
from bot.limits import WECHAT_MESSAGE, RequestLimiter, get_limiter, retry_after
from bot.services import Services, ServicesDep
from bot.validation import read_body
from bot.wechat.bridge import WeChatBridge
from bot.wechat.identity import hash_openid
from bot.wechat.security import check_request_signature, check_timestamp, check_xml, decrypt

log = logging.getLogger(__name__)
router = APIRouter(tags=["wechat"])

SUCCESS = "success"  # WeChat's "received, no passive reply"


def _bridge(services: Services) -> WeChatBridge:
    if services.wechat is None or not services.settings.wechat_token:
        raise ApiError(404, "wechat_disabled", "微信公众号渠道未开通。", "WeChat channel is not configured.")
    return services.wechat


async def _authenticate(
    request: Request, services: Services, signature: str, timestamp: str, nonce: str
) -> None:
    """Timestamp and signature, each failure counted against the client IP's /wechat budget."""
    limiter = await get_limiter(request)
    try:
        check_timestamp(timestamp, services.settings.wechat_max_skew)
        check_request_signature(services.settings.wechat_token, signature, timestamp, nonce)
    except ApiError:
        await limiter.wechat_failed(request)
        raise


async def _limited_reply(limiter: RequestLimiter, bridge: WeChatBridge, msg: object) -> str | None:
    """The polite "too fast" text when this WeChat user is over the limit, else None (answer it)."""
    source, msg_id = getattr(msg, "source", ""), getattr(msg, "id", None)
    sender = hash_openid(source, bridge.salt)
    once = f"msg:{msg_id}" if msg_id else f"{getattr(msg, 'type', '')}:{getattr(msg, 'time', '')}"
    wait = await limiter.check_sender("wechat", sender, once=once)
    if not wait:
        return None
    log.info("wechat message from %s not answered: over the sender limit", sender)
    return WECHAT_MESSAGE.format(seconds=retry_after(wait))


@router.get("/wechat", response_class=PlainTextResponse)
async def verify(
    request: Request,
    services: ServicesDep,
    signature: str = Query("", max_length=128),
    timestamp: str = Query("", max_length=16),
    nonce: str = Query("", max_length=64),
    echostr: str = Query("", max_length=512),
) -> PlainTextResponse:
    """Server verification: echo `echostr` when the signature is ours."""
    _bridge(services)
    limiter = await get_limiter(request)
    await limiter.check_wechat_ip(request)
    await _authenticate(request, services, signature, timestamp, nonce)
    return PlainTextResponse(echostr)


@router.post("/wechat")
async def receive(
    request: Request,
    services: ServicesDep,
    signature: str = Query("", max_length=128),
    timestamp: str = Query("", max_length=16),
    nonce: str = Query("", max_length=64),
    encrypt_type: str = Query("raw", max_length=16),
    msg_signature: str = Query("", max_length=128),
) -> Response:
    bridge = _bridge(services)
    settings = services.settings
    limiter = await get_limiter(request)
    await limiter.check_wechat_ip(request)  # before reading up to 1 MB from a forger
    body = await read_body(request, settings.wechat_body_limit)
    await _authenticate(request, services, signature, timestamp, nonce)
    check_xml(body)
    crypto = None
    if encrypt_type == "aes":
        if not settings.wechat_aes_key:
            raise ApiError(
                400, "aes_not_configured", "未配置消息加解密密钥。", "Safe mode without WECHAT_AES_KEY."
            )
        crypto = WeChatCrypto(settings.wechat_token, settings.wechat_aes_key, settings.wechat_appid)
        xml: bytes | str = decrypt(crypto, body, msg_signature, timestamp, nonce)
    else:
        xml = body
    try:
        msg = parse_message(xml)
    except Exception:  # missing MsgType or other malformed-but-well-formed XML
        raise ApiError(400, "invalid_message", "消息格式不正确。", "Unrecognised WeChat message.") from None
    if msg is None or not msg.source:
        raise ApiError(400, "invalid_message", "消息格式不正确。", "Unrecognised WeChat message.")
    text = await _limited_reply(limiter, bridge, msg) or await bridge.reply_for(msg)
    if not text:
        return PlainTextResponse(SUCCESS)
    reply = TextReply(message=msg, content=text).render()
    if crypto is not None:
        reply = crypto.encrypt_message(reply, nonce, timestamp)
    return Response(reply, media_type="application/xml")
