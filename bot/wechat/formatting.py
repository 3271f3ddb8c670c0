"""Plain-text WeChat replies from the bot's replies: answers, options and 依据 lines.

Why plain text: a passive reply and a customer-service message are both text only, so buttons become
"可回复：…" lines the user can type, and each citation becomes a short "依据：文号 条款" line. "]]>"
is removed because wechatpy writes the text inside a CDATA section.

A clause button ("您问的也可能是：" + /show_clause{"clause_id": …}, actions/clauses.py) cannot be typed:
its title (the clause and its heading) is not a question the bot would read as that clause. Such
buttons are listed by name after the reply's text, not as "可回复"; the talent can ask about one in
their own words.
"""

from __future__ import annotations

from typing import Any

MAX_CHARS = 1800  # WeChat truncates long text messages; keep answers whole where possible

CLAUSE_PAYLOAD = "/show_clause"  # actions.clauses.SHOW_CLAUSE's payload prefix
NON_TEXT_REPLY = "抱歉，我目前只能阅读文字消息。请直接用文字描述您的问题，例如“我属于第几类人才？”"


def safe_text(text: str) -> str:
    """Remove CDATA terminators so the text cannot break out of the reply XML."""
    while "]]>" in text:
        text = text.replace("]]>", "")
    return text


def _is_clause(button: dict[str, Any]) -> bool:
    return str(button.get("payload", "")).startswith(CLAUSE_PAYLOAD)


def to_wechat_text(replies: list[dict[str, Any]]) -> str:
    """All replies of a turn as one message, each followed by its options and 依据 lines."""
    parts = []
    for reply in replies:
        text = reply.get("text", "").strip()
        buttons = [b for b in reply.get("buttons") or [] if b.get("title")]
        named = [b["title"] for b in buttons if _is_clause(b)]
        if named:  # after "您问的也可能是：" on the same line, else on a line of their own
            text += ("" if text.endswith("：") else "\n相关条款：") + "；".join(named)
        lines = [text.strip()]
        titles = [b["title"] for b in buttons if not _is_clause(b)]
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
