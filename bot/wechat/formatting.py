"""Plain-text WeChat replies from the bot's replies: answers, options and 依据 lines.

Why plain text: a passive reply and a customer-service message are both text only, so buttons become
"可回复：…" lines the user can type, and each citation becomes a short "依据：文号 条款" line. "]]>"
is removed because wechatpy writes the text inside a CDATA section.
"""

from __future__ import annotations

from typing import Any

MAX_CHARS = 1800  # WeChat truncates long text messages; keep answers whole where possible

NON_TEXT_REPLY = "抱歉，我目前只能阅读文字消息。请直接用文字描述您的问题，例如“我属于第几类人才？”"


def safe_text(text: str) -> str:
    """Remove CDATA terminators so the text cannot break out of the reply XML."""
    while "]]>" in text:
        text = text.replace("]]>", "")
    return text


def to_wechat_text(replies: list[dict[str, Any]]) -> str:
    """All replies of a turn as one message, each followed by its options and 依据 lines."""
    parts = []
    for reply in replies:
        lines = [reply.get("text", "").strip()]
        titles = [b["title"] for b in reply.get("buttons") or [] if b.get("title")]
        if titles:
            lines.append("可回复：" + " / ".join(titles))
        seen = set()
        for cite in reply.get("citations") or []:
            label = f"依据：{cite.get('doc', '')} {cite.get('clause', '')}".strip()
            if label not in seen:
                seen.add(label)
                lines.append(label)
        parts.append("\n".join(line for line in lines if line))
    text = safe_text("\n\n".join(p for p in parts if p))
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"
