"""Greetings, thanks, yes/no and goodbye: the canned reply, unless the words ask about a clause.

Why: a terse query the intent model reads as small talk ("其他引才方式" as goodbye, "对口支援" as yes)
would otherwise get "好的，再见！" and lose the question. Small talk is short and made of a few known
words; a message that says more and matches a clause well is answered from that clause (as
action_handoff does for a policy question misread as 转人工).
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import clauses, parsing
from policy_kb import api
from policy_kb.text import normalise

# the canned reply of each small-talk intent (domain.yml responses)
RESPONSES = {
    "greet": "utter_greet",
    "goodbye": "utter_goodbye",
    "thanks": "utter_youre_welcome",
    "affirm": "utter_affirm_ack",
    "deny": "utter_deny_ack",
}

# What small talk is made of (the chitchat examples in data/nlu/chitchat.yml and their kin); what is left
# once they are taken out is what the message says besides.
SMALL_TALK_WORDS = re.compile(
    r"你好|您好|妳好|你们好|在吗|在不在|有人吗|哈喽|早上好|上午好|中午好|下午好|晚上好|请问一下|请问|人才办吗|"
    r"再见|再會|再会|拜拜|下次再聊|回头再问|我走了|结束对话|先这样|就这样|没有其他问题了|没有别的问题了|"
    r"谢谢|謝謝|谢啦|谢了|多谢|感谢|非常|很有帮助|辛苦了|解答|明白了|知道了|收到|懂了|"
    r"好的|好呀|好吧|没问题|没错|是的|是滴|对的|对啊|可以|就是这个|是這樣|是这样|嗯|"
    r"不用了|不需要|不要|不了|没了|没有了|别的没有了|算了|不是这个|不是这样的|都不是|不是|先不问了|不想问了|没有|不用|"
    r"[好对是行呀啊吧哦喔哈了的呢嘛啦喂嗨]|hi|hello|bye|thanks|thank you|yes|ok|no|3q|88|"
    r"[\s，,。.！!？?~～、…]",
    re.IGNORECASE,
)
SAYS_MORE_MIN_CHARS = 3  # "口支援" once 对 is taken out; "意思" (不是这个意思) stays small talk


def says_more(text: str) -> bool:
    """Whether the message holds words beyond small talk ("其他引才方式", not "好的谢谢")."""
    return len(SMALL_TALK_WORDS.sub("", normalise(text))) >= SAYS_MORE_MIN_CHARS


class ActionSmallTalk(Action):
    """Small-talk intents (greet, thanks, affirm, goodbye …): the canned reply, unless the words say more
    than small talk and match a clause ("其他引才方式" read as goodbye is 附件2 第五条（五）)."""

    def name(self) -> str:
        return "action_small_talk"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        message = tracker.latest_message or {}
        text = (message.get("text") or "").strip()
        intent = (message.get("intent") or {}).get("name") or ""
        if text and not text.startswith("/") and says_more(text):
            region = parsing.region(tracker.get_slot("region")) or api.region_from_words(text)
            clause = clauses.best_clause(text, region, clauses.WEAK_MIN_SCORE)
            if clause is not None:
                dispatcher.utter_message(**clauses.clause_reply(clause, decides=True, said=text).kwargs())
                return []
        dispatcher.utter_message(response=RESPONSES.get(intent, "utter_affirm_ack"))
        return []
