"""Parse and check what users send, and neutralise Rasa's "/intent" syntax in free text.

Why by hand rather than a pydantic body model: every bad input class needs its own polite Chinese
message (and the body must be size-checked and UTF-8-checked before any JSON parsing), which is
clearer as a few explicit checks than as a mapping from pydantic's error list.

Slash commands: Rasa treats a message starting with "/" as `/intent{"entity": "value"}` and skips
NLU, so a public user could inject any intent or entity. Free text is therefore passed through
`neutralise_command`, which replaces a leading "/" with the full-width "／" (U+FF0F): the text still
reads the same, but Rasa no longer sees a command. Button payloads are the one legitimate use of
the syntax; they travel in a separate `payload` field and are accepted only when the bot offered
that exact payload in its latest turn (bot/routers/chat.py, `LogStore.offered_payloads`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Path, Request

from bot.errors import ApiError

SENDER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$")
CLIENT_ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_PAYLOAD_CHARS = 512
# SQLite integers are 64-bit: a larger id from a URL or body would raise OverflowError (a 500).
SQLITE_MAX_ID = 2**63 - 1
RowId = Annotated[int, Path(ge=1, le=SQLITE_MAX_ID)]  # a row id taken from a URL path
MAX_REGION_CHARS = 32


@dataclass(frozen=True)
class ChatRequest:
    """A validated /api/chat body."""

    sender: str
    message: str
    payload: str | None = None
    client_message_id: str | None = None
    region: str | None = None
    handoff: bool = False


def bad(code: str, zh: str, en: str, status: int = 400) -> ApiError:
    return ApiError(status, code, zh, en)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it exceeds `limit` bytes (streamed, not buffered)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise bad("body_too_large", "请求内容过大。", f"Request body exceeds {limit} bytes.", 413)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise bad("body_too_large", "请求内容过大。", f"Request body exceeds {limit} bytes.", 413)
        chunks.append(chunk)
    return b"".join(chunks)


def parse_json_object(body: bytes) -> dict[str, Any]:
    """Strict UTF-8 JSON object, or a 400 saying which of the two it is not."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise bad("invalid_encoding", "请求必须使用 UTF-8 编码。", "Body must be UTF-8.") from None
    try:
        data = json.loads(text)
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # "\ud800" escapes: lone surrogates
    except UnicodeEncodeError:  # would fail later in SQLite / httpx as a 500
        raise bad("invalid_encoding", "请求必须使用 UTF-8 编码。", "Body must be UTF-8.") from None
    except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested deeper than Python's stack
        raise bad("invalid_json", "请求内容不是有效的 JSON。", "Body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise bad("invalid_json", "请求内容必须是 JSON 对象。", "Body must be a JSON object.")
    return data


def check_sender(sender: Any) -> str:
    if not isinstance(sender, str) or not SENDER_RE.match(sender):
        raise bad(
            "invalid_sender",
            "会话标识（sender）无效：须为 1–128 位字母、数字或 ._:@- 字符。",
            "sender must be 1-128 characters of letters, digits or ._:@-",
        )
    return sender


def clean_text(text: str) -> str:
    """Drop control characters (keeping newlines and tabs) and surrounding whitespace."""
    return CONTROL_RE.sub("", text).strip()


def neutralise_command(text: str) -> str:
    """Make free text safe from Rasa's "/intent{...}" syntax (leading "/" → full-width "／")."""
    stripped = text.strip()
    return "／" + stripped[1:] if stripped.startswith("/") else stripped


def parse_chat_request(data: dict[str, Any], max_chars: int) -> ChatRequest:
    """Validate a /api/chat body: {sender, message, payload?, metadata?}."""
    sender = check_sender(data.get("sender"))
    message = data.get("message")
    if not isinstance(message, str):
        raise bad("invalid_message", "消息（message）必须是文字。", "message must be a string.")
    message = clean_text(message)
    if not message:
        raise bad("empty_message", "消息不能为空，请输入您的问题。", "message is empty.")
    if len(message) > max_chars:
        raise bad(
            "message_too_long",
            f"消息过长（最多 {max_chars} 字），请精简后再发送。",
            f"message longer than {max_chars} characters.",
        )
    payload = data.get("payload")
    if payload is not None and (not isinstance(payload, str) or not 0 < len(payload) <= MAX_PAYLOAD_CHARS):
        raise bad("invalid_payload", "按钮数据（payload）无效。", "payload must be a short string.")
    metadata = data.get("metadata")
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise bad("invalid_metadata", "附加信息（metadata）必须是 JSON 对象。", "metadata must be an object.")
    client_id = metadata.get("client_message_id")
    if client_id is not None and (not isinstance(client_id, str) or not CLIENT_ID_RE.match(client_id)):
        raise bad("invalid_metadata", "消息编号（client_message_id）无效。", "client_message_id is invalid.")
    region = metadata.get("region")
    if region is not None and (not isinstance(region, str) or len(region) > MAX_REGION_CHARS):
        raise bad("invalid_metadata", "地区（region）无效。", "region must be a short string.")
    handoff = metadata.get("handoff", False)
    if not isinstance(handoff, bool):
        raise bad(
            "invalid_metadata", "转人工标记（handoff）必须是 true 或 false。", "handoff must be a boolean."
        )
    return ChatRequest(
        sender=sender,
        message=message,
        payload=payload,
        client_message_id=client_id,
        region=region or None,
        handoff=handoff,
    )
