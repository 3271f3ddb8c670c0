"""Turn Rasa's REST message list into the public reply shape {"text","buttons"?,"citations"?}.

Why a merge step: actions send citations as `json_message`, which Rasa's REST channel emits as a
separate `{"custom": {"citations": [...]}}` message right after the text (TEAM_NOTES "Rasa ↔ gateway
reply convention"). Users must see each citation under the answer it supports, so a custom message's
citations attach to the preceding text reply; a custom message with its own "text" is a reply of its
own. Only known keys are passed on, so nothing internal leaks to a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class MergedTurn:
    """The replies of one turn plus flags the actions set in their custom `meta`."""

    replies: list[dict[str, Any]] = field(default_factory=list)
    handoff: bool = False


def clean_buttons(raw: Any) -> list[dict[str, str]]:
    """Buttons with a string title and payload; anything else is dropped."""
    if not isinstance(raw, list):
        return []
    return [
        {"title": b["title"], "payload": b["payload"]}
        for b in raw
        if isinstance(b, dict) and isinstance(b.get("title"), str) and isinstance(b.get("payload"), str)
    ]


def clean_citations(raw: Any) -> list[dict[str, str]]:
    """Citations {"doc","clause","quote"?} with string fields; anything else is dropped."""
    if not isinstance(raw, list):
        return []
    out = []
    for c in raw:
        if isinstance(c, dict) and isinstance(c.get("doc"), str) and isinstance(c.get("clause"), str):
            item = {"doc": c["doc"], "clause": c["clause"]}
            if isinstance(c.get("quote"), str) and c["quote"]:
                item["quote"] = c["quote"]
            out.append(item)
    return out


def _reply(text: str, buttons: list[dict[str, str]], citations: list[dict[str, str]]) -> dict[str, Any]:
    reply: dict[str, Any] = {"text": text}
    if buttons:
        reply["buttons"] = buttons
    if citations:
        reply["citations"] = citations
    return reply


def merge_rasa_messages(messages: list[dict[str, Any]]) -> MergedTurn:
    """Merge text, button and custom-citation messages into replies, in order."""
    turn = MergedTurn()
    pending: list[dict[str, str]] = []  # citations that arrived before any text reply
    for msg in messages:
        custom = msg.get("custom")
        if isinstance(custom, dict):
            meta = custom.get("meta")
            if isinstance(meta, dict) and meta.get("handoff") is True:
                turn.handoff = True
            citations = clean_citations(custom.get("citations"))
            if isinstance(custom.get("text"), str) and custom["text"].strip():
                turn.replies.append(_reply(custom["text"], clean_buttons(custom.get("buttons")), citations))
            elif citations and turn.replies:
                existing = turn.replies[-1].setdefault("citations", [])
                existing.extend(c for c in citations if c not in existing)
            elif citations:
                pending.extend(citations)
            continue
        text = msg.get("text")
        if isinstance(text, str) and text.strip():
            turn.replies.append(_reply(text, clean_buttons(msg.get("buttons")), pending))
            pending = []
    return turn
