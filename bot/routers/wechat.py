"""GET|POST /wechat: the WeChat Official Account callback (plain and safe mode).

GET answers the server-verification handshake (echostr). POST checks size (413 over 1 MB),
timestamp skew, signature, and XML safety (bot/wechat/security.py), then replies passively with a
TextReply — encrypted in safe mode — or "success" when there is nothing to say now.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.replies import TextReply

from bot.errors import ApiError
from bot.services import Services, ServicesDep
from bot.validation import read_body
from bot.wechat.bridge import WeChatBridge
from bot.wechat.security import check_request_signature, check_timestamp, check_xml, decrypt

log = logging.getLogger(__name__)
router = APIRouter(tags=["wechat"])

SUCCESS = "success"  # WeChat's "received, no passive reply"


def _bridge(services: Services) -> WeChatBridge:
    if services.wechat is None or not services.settings.wechat_token:
        raise ApiError(404, "wechat_disabled", "微信公众号渠道未开通。", "WeChat channel is not configured.")
    return services.wechat


def _authenticate(services: Services, signature: str, timestamp: str, nonce: str) -> None:
    check_timestamp(timestamp, services.settings.wechat_max_skew)
    check_request_signature(services.settings.wechat_token, signature, timestamp, nonce)


@router.get("/wechat", response_class=PlainTextResponse)
async def verify(
    services: ServicesDep,
    signature: str = Query("", max_length=128),
    timestamp: str = Query("", max_length=16),
    nonce: str = Query("", max_length=64),
    echostr: str = Query("", max_length=512),
) -> PlainTextResponse:
    """Server verification: echo `echostr` when the signature is ours."""
    _bridge(services)
    _authenticate(services, signature, timestamp, nonce)
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
    body = await read_body(request, settings.wechat_body_limit)
    _authenticate(services, signature, timestamp, nonce)
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
    text = await bridge.reply_for(msg)
    if not text:
        return PlainTextResponse(SUCCESS)
    reply = TextReply(message=msg, content=text).render()
    if crypto is not None:
        reply = crypto.encrypt_message(reply, nonce, timestamp)
    return Response(reply, media_type="application/xml")
