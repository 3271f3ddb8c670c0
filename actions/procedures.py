"""A follow-up asking the procedure of the clause just answered ("要交哪些材料？找谁办？多久到账？").

Why: such a message names no provision, so the intent model's topic is a guess — and the guess gave
another clause's rules (附件1 一's project conditions after a 购房补贴 answer, the tranche schedule after a
柔性引才 or 首席技师 answer). The clause the talent is following up is the first one the last answer cited;
policy_kb.procedure answers from its part of the text. A thin adapter: the tracker's last answer in,
a Reply out.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions import clauses, parsing
from actions.phrasing import Reply, citation_dicts, citation_line
from policy_kb import procedure
from policy_kb.editions import all_editions


def _last_answer_clause(tracker: Tracker) -> tuple[str, str] | None:
    """(region, clause) of the first citation of the bot's replies to the message before the latest one."""
    events = list(tracker.events or [])
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    if len(users) < 2:
        return None
    regions = {ed.doc: ed.region for ed in all_editions().values()}
    for e in events[users[-2] : users[-1]]:
        if e.get("event") != "bot":
            continue
        custom: dict[str, Any] = (e.get("data") or {}).get("custom") or {}
        for c in custom.get("citations") or []:
            if isinstance(c, dict) and c.get("doc") in regions and c.get("clause"):
                return regions[str(c["doc"])], str(c["clause"])
    return None


def procedure_reply(tracker: Tracker, topic: str | None = None) -> Reply | None:
    """The answer to a short follow-up asking the last answer's clause for its conditions, materials,
    office or timing; None for any other message, and when `topic` (the intent model's guess, routed)
    is the topic just answered — that topic answers its own follow-ups (a tranche's materials)."""
    text = ((tracker.latest_message or {}).get("text") or "").strip()
    if not procedure.procedures_asked(text):
        return None
    if topic is not None and topic == parsing.topic_before(tracker):
        return None
    last = _last_answer_clause(tracker)
    if last is None:
        return None
    region, clause = last
    result = procedure.procedure_answer(text, region, clause, clauses.question_text(tracker))
    if result is None:
        return None
    return Reply(
        text="\n".join([result.answer, citation_line(result.citations)]),
        citations=citation_dicts(result.citations),
    )
