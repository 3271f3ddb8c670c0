"""Checks every /wechat request passes before its XML is trusted.

Why in this order: size and timestamp are cheap and stop replays and floods; the signature proves the
request came from WeChat (it holds our token); the XML is parsed with defusedxml — DTDs and entities
refused — before wechatpy's own parser (xmltodict) ever sees it, and again after AES decryption in
safe mode, since the decrypted payload is XML too.
"""

from __future__ import annotations

import time

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidSignatureException
from wechatpy.utils import check_signature

from bot.errors import ApiError


def forbidden(code: str, zh: str, en: str) -> ApiError:
    return ApiError(403, code, zh, en)


def check_timestamp(timestamp: str, max_skew: int, now: float | None = None) -> None:
    """Refuse requests whose timestamp is missing or more than `max_skew` seconds off (replays)."""
    if not timestamp.isdigit():
        raise forbidden("bad_timestamp", "时间戳无效。", "Invalid timestamp.")
    if abs((now if now is not None else time.time()) - int(timestamp)) > max_skew:
        raise forbidden("stale_timestamp", "请求已过期。", "Timestamp outside the accepted window.")


def check_request_signature(token: str, signature: str, timestamp: str, nonce: str) -> None:
    """WeChat's sha1(sorted(token, timestamp, nonce)) signature; 403 when it does not match."""
    try:
        check_signature(token, signature, timestamp, nonce)
    except InvalidSignatureException:
        raise forbidden("bad_signature", "签名校验失败。", "Signature check failed.") from None


def check_xml(body: bytes | str) -> None:
    """Parse with defusedxml: no DTD, no entities, no external references; root must be <xml>."""
    try:
        root = SafeET.fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ApiError(400, "xml_forbidden", "消息格式不被接受。", "DTD/entities are not allowed.") from None
    except SafeET.ParseError:
        raise ApiError(400, "invalid_xml", "消息格式不正确。", "Malformed XML.") from None
    if root.tag != "xml":
        raise ApiError(400, "invalid_xml", "消息格式不正确。", "Root element must be <xml>.")


def decrypt(crypto: WeChatCrypto, body: bytes, msg_signature: str, timestamp: str, nonce: str) -> str:
    """Safe mode: verify msg_signature and decrypt the <Encrypt> payload (then check that XML too)."""
    try:
        xml = crypto.decrypt_message(body, msg_signature, timestamp, nonce)
    except InvalidSignatureException:
        raise forbidden("bad_signature", "签名校验失败。", "Message signature check failed.") from None
    except Exception:  # wrong key, bad padding, wrong appid, missing <Encrypt>
        raise ApiError(400, "decrypt_failed", "消息解密失败。", "Could not decrypt message.") from None
    check_xml(xml)
    return xml
