"""Turning a policy_kb Result into a chat reply: text, buttons and the citations message.

Why here and not in each action: every answer must carry the same three things — the figure
(policy_kb's own prose), the region and document it applies to, and the clauses it rests on — in the
shape the gateway expects (docs/TEAM_NOTES.md: citations travel in json_message). One function
keeps every reply consistent and testable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from actions.parsing import option_value
from actions.topics import INTENT_TITLES, YONGJIA, Scope, Topic
from policy_kb import api
from policy_kb.model import Citation, Result, Status

HANDOFF_BUTTON = {"title": INTENT_TITLES["human_handoff"], "payload": "/human_handoff"}
# Button payloads set slots through entities of the same name (domain.yml lists them).
SLOT_ENTITY = {
    "honour": "honour",
    "category": "category",
    "review_rating": "review_rating",
    "project_type": "project_type",
    "tranches_received": "tranches_received",
    "plan": "plan",
    "skills_award": "skills_award",
    "workstation_kind": "workstation_kind",
    "workstation_level": "workstation_level",
    "region": "region",
}


@dataclass
class Reply:
    """One bot message: what `dispatcher.utter_message` receives."""

    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)
    citations: list[dict[str, str]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def kwargs(self) -> dict[str, Any]:
        kw: dict[str, Any] = {"text": self.text}
        if self.buttons:
            kw["buttons"] = self.buttons
        custom: dict[str, Any] = {}
        if self.citations:
            custom["citations"] = self.citations
        if self.meta:
            custom["meta"] = self.meta
        if custom:
            kw["json_message"] = custom
        return kw


def citation_dicts(citations: list[Citation]) -> list[dict[str, str]]:
    """{doc, clause, quote} once per distinct quote, in policy_kb's order."""
    out: list[dict[str, str]] = []
    for c in citations:
        d = {"doc": c.doc, "clause": c.clause, "quote": c.quote}
        if d not in out:
            out.append(d)
    return out


def message_citations(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The citation dicts the replies of a turn carry (in `custom`, or `json_message` for older replies)."""
    return [
        c
        for m in messages
        for c in ((m.get("custom") or m.get("json_message") or {}).get("citations") or [])
        if isinstance(c, dict)
    ]


def citation_line(citations: list[Citation]) -> str:
    """依据：《永委办发〔2016〕82号》附件1 二（二）；三（一） — one label per clause, grouped by document."""
    by_doc: dict[str, list[str]] = {}
    for c in citations:
        clauses = by_doc.setdefault(c.doc, [])
        if c.clause not in clauses:
            clauses.append(c.clause)
    return "依据：" + "；".join(f"《{doc}》{'、'.join(clauses)}" for doc, clauses in by_doc.items())


def scope_line(result: Result) -> str:
    """适用：永嘉县（永委办发〔2016〕82号） — the region and document the figures belong to."""
    docs = []
    for c in result.citations:
        if c.doc not in docs:
            docs.append(c.doc)
    regions: dict[str, list[str]] = {}
    for c in result.citations:
        if c.region and c.doc not in regions.setdefault(c.region, []):
            regions[c.region].append(c.doc)
    if not result.region and len(regions) > 1:
        # each text's clause answered by its region ("谁来评估": 台州 六、22. and 永嘉 四（三）)
        return "适用：" + "；".join(f"{r}（{'、'.join(d)}）" for r, d in regions.items())
    region = result.region or (result.citations[0].region if result.citations else "")
    if not region:
        return ""
    return f"适用：{region}" + (f"（{'、'.join(docs)}）" if docs else "")


def region_note(topic: Topic, defaulted: bool) -> str:
    if not defaulted:
        return ""
    if topic.scope is Scope.YONGJIA_ONLY:
        return f"（您没有说明地区。{topic.label}目前只有{YONGJIA}的文件有规定，以上按{YONGJIA}政策解答。）"
    return f"（您没有说明地区，以上按{YONGJIA}政策解答；如在台州市，请告诉我。）"


def intent_buttons(intents: tuple[str, ...] | list[str]) -> list[dict[str, str]]:
    return [{"title": INTENT_TITLES[i], "payload": f"/{i}"} for i in intents if i in INTENT_TITLES]


def payload(slot: str, value: Any) -> str:
    entity = SLOT_ENTITY.get(slot, slot)
    return "/inform" + json.dumps({entity: value}, ensure_ascii=False)


def decider(passage: Result) -> Result | None:
    """Who decides what a quoted passage leaves open for the talent's own case (policy_kb.deciders):
    said after every passage that stands as the answer, so a case the text does not settle is never
    left to a guess. None for a computed answer or when the text names no one."""
    if passage.status is not Status.OK or not passage.values.get("passage") or not passage.citations:
        return None
    try:
        region = passage.region or passage.citations[0].region
        return api.who_decides(region, passage.citations[0].clause, passage.answer)
    except Exception:  # the passage itself must still reach the talent
        return None


def answer_reply(topic: Topic, result: Result, defaulted_region: bool = False, buttons: bool = True) -> Reply:
    """A decided (or undecidable) result: the answer, where it applies, its clauses, next steps."""
    body = result.answer or result.message
    if result.status is Status.OK and result.message and result.message not in body:
        body = f"{body}\n{result.message}"
    lines = [body]
    decided_by = decider(result)
    if decided_by is not None:
        lines.append(decided_by.answer)
    if result.status is Status.OK:
        lines.append(region_note(topic, defaulted_region))
    citations = [*result.citations, *(decided_by.citations if decided_by else [])]
    if result.citations:
        lines += [scope_line(result), citation_line(citations)]
    next_steps = intent_buttons(topic.next_intents) if buttons else []
    offer = result.offers[0] if result.offers else None
    if buttons and offer is not None and offer.options:  # 创业类 / 创新类 narrows the answer just given
        next_steps = [
            {"title": o, "payload": payload(offer.name, option_value(offer.name, o))} for o in offer.options
        ] + next_steps
    if buttons and result.status is not Status.OK and HANDOFF_BUTTON not in next_steps:
        next_steps.append(HANDOFF_BUTTON)
    return Reply(
        text="\n".join(line for line in lines if line),
        buttons=next_steps,
        citations=citation_dicts(citations),
    )


def question_reply(topic: Topic, result: Result, slot: str | None = None) -> Reply:
    """The first thing policy_kb still needs (or `slot`'s question), with its options as buttons."""
    missing = next((m for m in [*result.missing, *result.offers] if slot is None or m.name == slot), None)
    if missing is None:
        return Reply(text=result.message or "请再补充一些信息。")
    rest = [m.question.rstrip("？?") for m in result.missing if m is not missing]
    text = missing.question + (f"\n（之后还需要：{'；'.join(rest)}）" if rest and slot is None else "")
    buttons = [
        {"title": o, "payload": payload(missing.name, option_value(missing.name, o))} for o in missing.options
    ]
    return Reply(text=f"关于{topic.label}：{text}" if slot is None else text, buttons=buttons)


def region_question(topic: Topic, regions: list[str]) -> Reply:
    return Reply(
        text=f"{topic.label}各地规定不同。请问您咨询的是哪个地区的政策？",
        buttons=[{"title": r, "payload": payload("region", r)} for r in regions],
    )
