"""转人工: give the hotline from policy_kb and mark the conversation for the service office.

Why json_message meta: the gateway logs it (messages.handoff) and the review dashboard lists those
conversations first; the hotline text and its clause come from policy_kb, never typed here.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import parsing
from actions.parsing import Facts
from actions.phrasing import Reply, citation_dicts, citation_line
from actions.policy_answers import respond
from actions.routing import cue_topic
from actions.topics import infer_topic
from policy_kb import api
from policy_kb.text import normalise

HANDOFF_INTRO = "已为您转接人工服务，服务办工作人员会查看本次对话并尽快联系您。"


# Words that ask for a person. A message classified 转人工 without any of them but naming a provision
# ("第1类人才叫什么名称" at 0.57) is a policy question the model misread: it is answered, not handed over.
HANDOFF_WORDS = re.compile(r"人工|客服|工作人员|真人|转接|找人|人来|服务员|坐席|投诉|电话")


class ActionHandoff(Action):
    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = ((tracker.latest_message or {}).get("text") or "").strip()
        if text and not text.startswith("/") and not HANDOFF_WORDS.search(normalise(text)):
            entities = parsing.latest_entities(tracker)
            topic = cue_topic(text, entities) or infer_topic(entities)
            if topic is not None:
                return respond(topic, dispatcher, tracker)
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
