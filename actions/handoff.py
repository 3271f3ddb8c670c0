"""转人工: give the hotline from policy_kb and mark the conversation for the service office.

Why json_message meta: the gateway logs it (messages.handoff) and the review dashboard lists those
conversations first; the hotline text and its clause come from policy_kb, never typed here.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.parsing import Facts
from actions.phrasing import Reply, citation_dicts, citation_line
from policy_kb import api

HANDOFF_INTRO = "已为您转接人工服务，服务办工作人员会查看本次对话并尽快联系您。"


class ActionHandoff(Action):
    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        facts = Facts.from_tracker(tracker)
        try:
            hotline = api.hotline(region=facts.region)
        except Exception:  # still hand over: the office sees the flag even without a number
            hotline = None
        lines = [HANDOFF_INTRO]
        citations = []
        if hotline is not None:
            lines.append(f"如需尽快咨询：{hotline.answer or hotline.message}")
            if hotline.citations:
                lines.append(citation_line(hotline.citations))
                citations = citation_dicts(hotline.citations)
        reply = Reply(text="\n".join(lines), citations=citations, meta={"handoff": True})
        dispatcher.utter_message(**reply.kwargs())
        return [SlotSet("handoff", True)]
