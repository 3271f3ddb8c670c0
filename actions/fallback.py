"""Low NLU confidence: a knowledge-base passage when one matches well, "did you mean" buttons, or
an apology with the hotline and a human.

Why this order: a passage quoted from the policy text (with its clause) answers the question even
when the intent is unclear; when nothing matches well, the talent picks from the intents the model
thought likely, in Chinese; when even those are weak, we do not guess — we give the hotline
(from policy_kb) and offer a person. A second fallback in a row offers the person first.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions import clauses, parsing
from actions.parsing import Facts
from actions.phrasing import HANDOFF_BUTTON, Reply, citation_dicts, citation_line, decider, intent_buttons
from actions.policy_answers import carried_region, other_parts, respond
from actions.procedures import procedure_reply
from actions.routing import bare_followup, cue_topic, names_title, tranche_of, uncovered_place
from actions.topics import INTENT_TITLES, TOPICS, YONGJIA, Topic, passage_result
from policy_kb import api, followups, reading
from policy_kb.model import Result
from policy_kb.search import SearchHit

SUGGEST_MIN_CONFIDENCE = 0.1
# money for one project or benefit, which 四（二）'s 就高 is about
_MONEY_FOR_A_PROJECT = re.compile(r"项目|补助|资助|奖励|补贴|一笔|两笔")
# a low-confidence message continues the current topic when that topic is the model's best guess at this
# level (the fallback threshold is 0.5)
CONTINUE_MIN_CONFIDENCE = 0.35
MAX_SUGGESTIONS = 3


def suggestions(tracker: Tracker) -> list[str]:
    """Policy intents the model ranked highest for the last message (those with a Chinese title)."""
    ranking = (tracker.latest_message or {}).get("intent_ranking") or []
    out = []
    for item in ranking:
        name, confidence = item.get("name"), item.get("confidence") or 0.0
        if name in INTENT_TITLES and name != "human_handoff" and confidence >= SUGGEST_MIN_CONFIDENCE:
            out.append(name)
    return out[:MAX_SUGGESTIONS]


def _events(tracker: Tracker, count: int) -> list[EventType]:
    """The count, and — when the dialogue policy (not the NLU) fell back — the message reverted.

    Why: as Rasa's own action_default_fallback does, a policy fallback must forget the message it
    could not place, or the policies meet the same state again and run action_fallback until Rasa's
    10-action limit (17 replies in one turn, then silence for the rest of the session).
    """
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    counted: list[EventType] = [SlotSet("fallback_count", count)]
    return counted if intent == "nlu_fallback" else [UserUtteranceReverted(), *counted]


# a follow-up asking more of the rule just answered, in words the intent model cannot place: how many years
# 附件2 第七条's reward runs (累计不超过3年)
_ASKS_MORE_OF: dict[str, re.Pattern[str]] = {
    # 附件1 一's conditions said again with the talent's own figure ("那要是把合同改签成5年呢？", "我们这位每年正好能待
    # 9个月，够不够？", dev59): the check of the rule just answered
    "eligibility": re.compile(r"合同|改签|续签|个月|全职|待\S{0,4}(?:月|年)|股权|持股|占股|注册资本|成立"),
    "flexible_intro": re.compile(
        r"年年|每年都|拿几年|能拿多久|连续\S{0,2}拿|合作\S{0,3}[0-9一二三四五六七八九十]+年"
    ),
}


def _asks_more_of(topic: str, text: str) -> bool:
    """True when a short follow-up asks more of `topic`'s rule in the words _ASKS_MORE_OF lists for it."""
    pattern = _ASKS_MORE_OF.get(topic)
    return (
        pattern is not None and len(text) <= clauses.FOLLOWUP_REFERS_MAX_CHARS and bool(pattern.search(text))
    )


UNSURE = "我不太确定您的意思"  # how a passage offered at a guess begins


def _states_a_figure(text: str) -> bool:
    """Whether the words give a number: an amount, or a count ("有1200套房子", "总面积8万平")."""
    return bool(reading.amounts(text)) or re.search(r"\d", reading.plain(text)) is not None


def _with_the_matter_before(hit: SearchHit, text: str, earlier: list[str]) -> Result | None:
    """The hit's rule computed over the message before and this one (`earlier`: parsing.earlier_texts), when the
    message before is about the same clause and states no figure of its own (a count too: "听说市里要求新楼盘要配人才
    专用房？" then "我们开发的新楼盘有1200套房子，按这个至少要配多少套？" is 五、21.'s 60套, dev66) (so no earlier figure is taken for this
    one's); None otherwise."""
    if not earlier or not text or _states_a_figure(earlier[-1]) or not _states_a_figure(text):
        return None
    before = clauses.best_clause(earlier[-1], hit.region or None, clauses.EXTRA_MIN_SCORE)
    if before is None or not before.citations or before.citations[0].clause != hit.citation.clause:
        return None
    return clauses.computed(passage_result(hit, "clause"), f"{earlier[-1]}{text}")


class ActionFallback(Action):
    def name(self) -> str:
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        before = len(dispatcher.messages)
        events = self._run(dispatcher, tracker)
        other_parts(dispatcher, tracker, before)
        return events + carried_region(dispatcher.messages[before:], tracker)

    def _run(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        count = parsing.count(tracker.get_slot("fallback_count")) + 1
        facts = Facts.from_tracker(tracker)
        likely = suggestions(tracker)
        text = followups.set_aside(((tracker.latest_message or {}).get("text") or "").strip())
        place = uncovered_place(text)
        if place is not None:
            # 杭州国企…: another region's passage would be a wrong answer; say whose texts these are
            reply = Reply(
                text="\n".join([place.answer, citation_line(place.citations)]),
                buttons=[HANDOFF_BUTTON],
                citations=citation_dicts(place.citations),
            )
            dispatcher.utter_message(**reply.kwargs())
            return _events(tracker, count)
        follow = procedure_reply(tracker)
        if follow is not None:
            # "找谁办？" after a 台州 clause: its own 责任单位 (actions.procedures), not a fresh search
            follow.buttons = [HANDOFF_BUTTON]
            dispatcher.utter_message(**follow.kwargs())
            return _events(tracker, count)
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        last = TOPICS.get(parsing.text(tracker.get_slot("topic")) or "")
        entities = parsing.latest_entities(tracker)
        asked = clauses.question_text(tracker)
        # "好，回到前面，工作室那项加上带头人那个大奖，县里一共给多少？": the provision is named in the messages the
        # words point back at (dev37)
        cued = asked if asked and clauses.BACK_REFERS.search(text) else text
        topic = cue_topic(cued, entities, last) if intent == "nlu_fallback" else None
        if topic is None and intent == "nlu_fallback" and count == 1:
            topic = self._continued(text, tracker)
        if topic is None and intent == "nlu_fallback" and last is not None and _asks_more_of(last.name, text):
            # "这个奖励能年年拿吗？我们打算跟他合作5年" after 柔性引才's reward, even after a question between that
            # could not be placed (dev44): 附件2 第七条's 累计不超过3年
            topic = last
        if topic is not None and not text.startswith("/"):
            # the words name one provision (引荐, 第一期, 一般推荐 …): its calculator answers with the figure
            return respond(topic, dispatcher, tracker, facts)
        aspect = (
            clauses.aspect_clause(text, facts.region or api.region_from_words(text), asked)
            if not text.startswith("/")
            else None
        )
        figure = clauses.computed(aspect, asked or text) if aspect is not None else None
        if figure is not None:
            # the aspect's clause computes the figure the words give (附件1 二（二）'s 一般 cap from 投入50万)
            return self._figure(figure, likely, dispatcher, tracker, count)
        if aspect is not None:
            # "企业被查出提供了虚假材料，已经拿到的资助怎么办": the clause stating that aspect (追缴, 用途,
            # 列支, 公示) answers, even when the intent model could not place the words
            return self._clause(aspect, asked or text, likely, dispatcher, tracker, count)
        stacking = (
            clauses.stacking_clause(text, facts.region or api.region_from_words(text) or YONGJIA)
            if not text.startswith("/") and _MONEY_FOR_A_PROJECT.search(text) and not names_title(text)
            else None
        )  # (two titles held at once, "能同时享受吗", are 二's highest category, not 四（二）'s 就高 of one project)
        figure = (
            clauses.stacked_figure(asked or text, facts.region or YONGJIA) if stacking is not None else None
        )
        if figure is not None:
            # "按一个政策能拿120万，按另一个政策能拿100万…合计220万行不行": 就高, the higher figure (dev30)
            return self._figure(figure, likely, dispatcher, tracker, count)
        if stacking is not None:
            # "如果县里别的政策对这同一个项目也有一笔补助，是两笔都发，还是怎么处理" (dev30): the text's rule for combining
            # benefits (永嘉 四（二）: 就高, 不重复资助), even when the intent model could not place the words
            return self._clause(stacking, asked or text, likely, dispatcher, tracker, count)
        hits = self._read_with_context(
            text, asked, parsing.user_texts(tracker), facts.region or api.region_from_words(text)
        )
        if count > 1 and hits and hits[0].score < clauses.EXTRA_MIN_SCORE:
            hits = []  # a second miss in a row: only a clearly matching passage goes before the human
        hit, close = (hits[0], hits[1:]) if hits else (None, [])
        # "按我开头说的那个数能配多少": the figure is in the message pointed back at (三（二）'s 1000万), or in the
        # statements just before ("…净资产增值额大概2000万" then "股权奖励最多能拿出多少", dev37) — not in an
        # earlier question, whose figures were its own; a follow-up giving its own figure ("要是一个楼盘有1200套，至少要
        # 配多少套？" after "新盖的商品房里会留人才专用的房子吗", dev38) takes the matter from the question before
        context = asked != text and bool(
            clauses.BACK_REFERS.search(text)
            or clauses.stated_before(tracker)
            or (text.startswith(clauses.FOLLOWUP_STARTS) and re.search(r"\d", text))
        )
        # (with context, the words read with it first: "今年从市外全职引进了一位顶尖人才" then "这算完成了哪类招商引资任务？
        # 要是引进的是高端人才，又算什么？" is both tiers' tasks, not 高端's alone, dev51)
        readings = (asked, text) if context else (text,)
        figure = (
            next(
                (f for words in readings if (f := clauses.computed(passage_result(hit, "clause"), words))),
                None,
            )
            if hit is not None
            else None
        )
        if figure is None and hit is not None:
            # "团队刚入选浙江省领军型创业创新团队，永嘉县里有没有配套的钱？" then "省里给了我们1000万，县里能配多少？"
            # (dev74): the figure is this message's, what it is for (a team) the message before's, on the same clause
            figure = _with_the_matter_before(hit, text, parsing.earlier_texts(tracker))
        # a clearly matching passage answers even on a second low-confidence turn (a follow-up such as
        # "技术服务产值目标呢？" read with the question before it); its reply carries the handoff button
        if figure is not None:
            return self._figure(figure, likely, dispatcher, tracker, count)
        if hit is not None:
            # another clause scoring close to this one: offered first, by its clause (clauses.ALSO_LINE);
            # who decides the cases the passage leaves open follows it (phrasing.decider)
            also = [clauses.clause_button(h, hit.region) for h in close]
            decided_by = decider(passage_result(hit, "clause"))
            citations = [hit.citation, *(decided_by.citations if decided_by else [])]
            reply = Reply(
                text=f"{UNSURE}，下面这段政策原文可能相关：\n《{hit.title}》{hit.text}\n"
                + (f"{decided_by.answer}\n" if decided_by else "")
                + citation_line(citations)
                + (f"\n{clauses.ALSO_LINE}" if also else ""),
                buttons=[*also, *intent_buttons(likely), HANDOFF_BUTTON],
                citations=citation_dicts(citations),
            )
        elif likely and count == 1:
            reply = Reply(
                text="抱歉，我没完全理解。您是想问：", buttons=[*intent_buttons(likely), HANDOFF_BUTTON]
            )
        else:
            reply = self._apology(facts.region)
        dispatcher.utter_message(**reply.kwargs())
        return _events(tracker, count)

    @staticmethod
    def _clause(
        clause: Result,
        said: str,
        likely: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        count: int,
    ) -> list[EventType]:
        """A clause that answers the words (an aspect's, the stacking rule's), with who decides and the buttons."""
        reply = clauses.clause_reply(clause, offer_close=True, decides=True, said=said)
        reply.buttons = [*reply.buttons, *intent_buttons(likely), HANDOFF_BUTTON]
        dispatcher.utter_message(**reply.kwargs())
        return _events(tracker, count)

    @staticmethod
    def _figure(
        figure: Result, likely: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, count: int
    ) -> list[EventType]:
        """A figure a clause's own rule computed from the words, with its citations."""
        reply = Reply(
            text="\n".join([figure.answer, citation_line(figure.citations)]),
            buttons=[*intent_buttons(likely), HANDOFF_BUTTON],
            citations=citation_dicts(figure.citations),
        )
        dispatcher.utter_message(**reply.kwargs())
        return _events(tracker, count)

    @staticmethod
    def _continued(text: str, tracker: Tracker) -> Topic | None:
        """The last topic, for a short follow-up that names no clause of its own ("最多多少？" after a
        购房补贴 answer): answered with the facts already given, not with a passage listing every case."""
        last = TOPICS.get(parsing.text(tracker.get_slot("topic")) or "")
        if last is None:
            return None
        if bare_followup(text, last.name):
            return last
        if len(text) <= clauses.FOLLOWUP_REFERS_MAX_CHARS and (tranche := tranche_of(last, text)) is not None:
            # "那第一次能到手多少？" after a project's funding: that tranche of the total just priced (dev20)
            return tranche
        # "这个奖励能连续拿几年？第四年还有吗？" after a 柔性 answer: the model's best guess, though below the
        # threshold, is the topic the talent is already in — a follow-up on it, not a new question
        ranking = (tracker.latest_message or {}).get("intent_ranking") or []
        guesses = [i for i in ranking if i.get("name") != "nlu_fallback"]
        best = guesses[0] if guesses else {}
        if best.get("name") == last.intent and (best.get("confidence") or 0.0) >= CONTINUE_MIN_CONFIDENCE:
            return last
        return None

    @classmethod
    def _read_with_context(cls, text: str, asked: str, said: list[str], region: str | None) -> list[Any]:
        """The passages for the words, read with the question before them where that settles the matter.

        The plain search of `asked` misses a follow-up that names no provision of its own and is too long
        to count as one ("我们是2021年3月注册的，现在已经2024年5月了，还赶得上吗？" after "创业类人才项目，
        对公司成立多久有没有要求？", dev39) and matches weakly alone is read with the question before when that
        finds a passage twice as good.
        """
        hits = cls._passages(asked, region)
        before = [t for t in said[:-1] if t and not t.startswith("/")]
        # (only after a question, already answered: after a statement — "听说政府出资那部分赚了钱会拿一部分出来奖励" then
        # "比例是多少？…能不能先买回来？", dev37 — the statement is part of what is asked)
        if asked != text and hits and before and not clauses.is_statement(before[-1]):
            own = cls._passages(text, region)
            if (
                own
                and own[0].score >= clauses.EXTRA_MIN_SCORE
                and own[0].citation.clause == hits[0].citation.clause
                and all(own[0].passage_id != h.passage_id for h in hits)
            ):
                # another part of the same clause, which the follow-up alone names: "台州搞乡村振兴，是不是要办个专门的学院？"
                # then "那种田养殖的能手，市里要评多少个标兵？" is 二、5.'s 农技标兵 sentence, not its 学院 one again (dev76)
                return own
        if asked == text and before and not clauses.is_statement(before[-1]):
            joined = cls._passages(f"{before[-1]}{text}", region)
            weak = not hits or hits[0].score < clauses.EXTRA_MIN_SCORE  # (a clear match of its own stands)
            if joined and weak and (not hits or joined[0].score >= clauses.DECISIVE_RATIO * hits[0].score):
                return joined
        return hits

    @staticmethod
    def _passages(text: str, region: str | None) -> list[Any]:
        """The best passage and those of other clauses close to it ([] when none matches well)."""
        if not text or text.startswith("/"):
            return []
        return clauses.clause_hits(text, region, clauses.WEAK_MIN_SCORE)

    @staticmethod
    def _apology(region: str | None) -> Reply:
        lines = ["抱歉，这个问题我暂时答不上来。"]
        citations: list[dict[str, str]] = []
        try:
            hotline = api.hotline(region=region)
        except Exception:
            hotline = None
        if hotline is not None:
            lines.append(f"您可以咨询：{hotline.answer or hotline.message}")
            if hotline.citations:
                lines.append(citation_line(hotline.citations))
                citations = citation_dicts(hotline.citations)
        lines.append("也可以点“转人工服务”，由工作人员为您解答。")
        return Reply(text="\n".join(lines), buttons=[HANDOFF_BUTTON], citations=citations)


class ActionOutOfScope(Action):
    """Out of scope — unless the words name one provision (申报条件, 引荐, 第一期 …): the intent model
    sometimes files a long policy question with figures under out_of_scope ("我公司是2012年注册的，今年
    2016年想报创业类项目资助，行不行"); its topic answers it. Anything else gets the fixed reply."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = ((tracker.latest_message or {}).get("text") or "").strip()
        topic = (
            cue_topic(text, parsing.latest_entities(tracker)) if text and not text.startswith("/") else None
        )
        if topic is not None:
            return respond(topic, dispatcher, tracker)
        # a policy question the intent model filed as out of scope ("国企投资人才创业项目失败了能免责吗"):
        # a clause matching it clearly (not the weak floor: 机票 and 天气 must not get a passage) answers —
        # never for a place the texts do not cover (杭州's policy is not 永嘉's or 台州's)
        words = "" if text.startswith("/") or uncovered_place(text) else text
        # the region the conversation is in: "現在能用在哪些地方？" after "台州英才卡" is 台州's card, never a
        # 永嘉 passage on what project money is used for (dev33)
        region = (api.region_from_words(words) or tracker.get_slot("region")) if words else None
        aspect = clauses.aspect_clause(words, region) if words else None
        if aspect is not None:
            # "如果申请材料有造假会怎么样": the clause stating that aspect (追缴, 用途, 列支, 公示)
            reply = clauses.clause_reply(aspect, offer_close=True, decides=True)
            reply.buttons = [*reply.buttons, HANDOFF_BUTTON]
            dispatcher.utter_message(**reply.kwargs())
            return []
        hits = clauses.clause_hits(words, region, clauses.EXTRA_MIN_SCORE)
        asked = clauses.question_text(tracker) if words else ""
        if not hits and asked and asked != words and clauses.clause_hits(words, None, clauses.WEAK_MIN_SCORE):
            # "会不会有人上门来核查？" after "柔性引才奖励的材料交上去以后谁来审？": policy words of their own, weak
            # alone, clear with the question they follow (附件2 第八条 实地核查); "今天天气怎么样" has none (in any
            # text: "現在能用在哪些地方" after "台州英才卡" has policy words, in 永嘉's)
            hits = clauses.clause_hits(asked, region, clauses.EXTRA_MIN_SCORE)
        if hits:
            reply = clauses.clause_reply(passage_result(hits[0], "clause"), decides=True, said=words)
            reply.buttons = [HANDOFF_BUTTON]
            dispatcher.utter_message(**reply.kwargs())
            return []
        dispatcher.utter_message(response="utter_out_of_scope")
        return []
