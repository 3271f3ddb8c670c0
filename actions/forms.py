"""Form validation shared by every form, and the questions the forms ask.

Why one base class (financial-demo's custom_forms.py): all three forms work the same way — the
slots to ask are exactly the inputs policy_kb reports missing (Result.missing), each answer is
read with policy_kb's own input parsers, and the question text and its option buttons come from
policy_kb's Missing entries. A form only names its topic.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import clauses, parsing, phrasing, topics
from actions.parsing import Facts
from actions.policy_answers import carried_region, routed_topic, settle_region
from policy_kb.aspects import FORM_ASPECTS
from policy_kb.catalogue import catalogue
from policy_kb.model import Result, Status

# Messages that answer or chat but name no slot must not make the form give up (Rasa rejects a
# form turn that sets nothing): the form simply asks its question again.
# Messages that answer the form's question (a figure, a title, yes/no): the form just asks on.
ANSWER_INTENTS = {"inform", "correct", "affirm", "deny"}
KEEP_FORM_INTENTS = {"inform", "correct", "affirm", "thanks", "greet", "out_of_scope", "nlu_fallback"}


def form_result(
    topic: topics.Topic, tracker: Tracker, facts: Facts | None = None, with_context: bool = True
) -> Result:
    facts = facts or Facts.from_tracker(tracker)
    region, _, _ = settle_region(topic, facts, tracker)
    text = ((tracker.latest_message or {}).get("text") or "").strip()
    if text.startswith("/"):
        return topics.run(topic, facts, region, "")
    # read with the statements before it, as the answer action reads it (policy_answers._respond): "我带的研发团队
    # 被温州评成了市级重点创新团队，我是牵头的那个" then "这样我能算第几类" holds the title (dev28)
    asked = clauses.question_text(tracker) if with_context else ""
    return topics.run(topic, facts, region, asked or text)


class PolicyFormValidation(FormValidationAction, ABC):
    """Asks only what policy_kb says is missing; reads answers with policy_kb's parsers."""

    form_intents: tuple[str, ...] = ()

    @property
    @abstractmethod
    def topic(self) -> str:
        """The topic this form serves (a key of actions.topics.TOPICS)."""

    def name(self) -> str:
        return f"validate_{self.topic}_form"

    @property
    def _topic(self) -> topics.Topic:
        return topics.TOPICS[self.topic]

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        # Slots set this turn stay listed so their values are validated and kept (rasa_sdk drops
        # SlotSets of slots not in this list); they are filled, so they are not asked again.
        just_set = [s for s in tracker.slots_to_validate() if s in domain_slots]
        text = ((tracker.latest_message or {}).get("text") or "").strip()
        if routed_topic(self._topic, tracker, text).name != self.topic:
            # the words settle another topic ("那三区三市加起来多少平方米" after 五、21., "奖励一共多少"
            # after 柔性引才): ask nothing, so the form's answer action answers that topic (respond)
            return just_set
        if (
            text
            and not text.startswith("/")
            and clauses.aspect_clause(text, None, text, FORM_ASPECTS) is not None
        ):
            # "项目资助 资金来源", "资助资金能用在哪": the clause stating that aspect answers (respond),
            # whatever the topic's calculator would need
            return just_set
        result = form_result(self._topic, tracker)
        missing = [m.name for m in result.missing if m.name in domain_slots and m.name not in just_set]
        return just_set + missing if result.status is Status.NEEDS_INPUT else just_set

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events = await super().get_validation_events(dispatcher, tracker, domain)
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        keeps = intent in KEEP_FORM_INTENTS or intent in self.form_intents
        if keeps and not any(isinstance(e, dict) and e.get("name") != "requested_slot" for e in events):
            events.append(SlotSet("topic", self.topic))
        return events

    # -- validation: policy_kb's parsers decide; a polite message and None means "ask again" -----------
    def _validate(self, slot: str, value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        cleaned = parsing.clean_slot_value(slot, value)
        if cleaned is None:
            message = parsing.input_error(slot, value) or "没能读懂您的回答，请换个说法。"
            dispatcher.utter_message(text=message)
        return {slot: cleaned}


# rasa_sdk finds `validate_<slot>` by name; one generated method per slot keeps the rule in `_validate`.
# (The figures of a tranche question are not asked by a form any more: the answer comes first and a
# bare figure after it is read by action_followup as the figure offered for checking.)
VALIDATED_SLOTS = ("category", "review_rating")


def _validator(slot: str) -> Any:
    async def validate(
        self: PolicyFormValidation,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        return self._validate(slot, value, dispatcher)

    validate.__name__ = f"validate_{slot}"
    return validate


for _slot in VALIDATED_SLOTS:
    setattr(PolicyFormValidation, f"validate_{_slot}", _validator(_slot))


class ValidateCategoryForm(PolicyFormValidation):
    topic = "category"
    form_intents = ("ask_category",)

    async def validate_honour(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Honours accumulate while an ambiguous one (千人计划: 国家 or 省?) is being clarified."""
        named = parsing.honours(tracker.get_slot("honour_pending")) + parsing.honours(value)
        merged = _read_whole(parsing.honours(named), tracker)
        if not merged:
            return {"honour": None}
        region, _, _ = settle_region(self._topic, Facts.from_tracker(tracker), tracker)
        result = topics.run(self._topic, Facts(honours=merged), region)
        if result.status is Status.NEEDS_INPUT and any(m.options for m in result.missing):
            return {"honour": None, "honour_pending": merged}
        return {"honour": merged, "honour_pending": None}


def _read_whole(tagged: list[str], tracker: Tracker) -> list[str]:
    """The titles the whole message names when the model tagged only ambiguous pieces of them ("国家万人计划的
    专家…他是青年拔尖那一档的" tagged 万人计划 and 青年拔尖, each ambiguous; read whole, the words settle it as
    国家“万人计划”青年拔尖人才 — dev18); `tagged` otherwise."""
    said = str((tracker.latest_message or {}).get("text") or "")
    cat = catalogue()
    if not said or not tagged or not cat.match(tagged).ambiguous:
        return tagged
    whole = cat.match(said)
    return [h.name for h in whole.honours] if whole.honours and not whole.ambiguous else tagged


class ValidateBenefitsForm(PolicyFormValidation):
    topic = "benefits"
    form_intents = ("ask_benefits",)


class ValidateFundingForm(PolicyFormValidation):
    topic = "funding"
    form_intents = ("ask_benefits_funding",)


FORM_TOPICS = {
    "category_form": "category",
    "benefits_form": "benefits",
    "funding_form": "funding",
}


class _AskSlot(Action, ABC):
    """`action_ask_<slot>`: policy_kb's question for the slot, its options as buttons."""

    @property
    @abstractmethod
    def slot(self) -> str:
        """The slot this action asks for."""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        form = (tracker.active_loop or {}).get("name") or ""
        topic = topics.TOPICS[FORM_TOPICS.get(form, "category")]
        facts = Facts.from_tracker(tracker)
        if self.slot == "honour" and tracker.get_slot("honour_pending"):
            facts.honours = parsing.honours(tracker.get_slot("honour_pending"))
        result = form_result(topic, tracker, facts)
        if result.status is not Status.NEEDS_INPUT:
            # the form asks because the slots left something open; its question is the one the message's
            # own words leave open (the context settled it for the answer, not for this slot)
            result = form_result(topic, tracker, facts, with_context=False)
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        if intent not in ANSWER_INTENTS:
            # answer first: the question that opened the form gets the clause its words are about
            # before the form asks for the talent's own input (not again on every re-ask)
            # "我是上市公司高管，算第几类": how the text decides a category (titles; 认定 for others),
            # unless the words match one clause clearly
            primer = (
                topic.primer(facts.region) if topic.primer and self.slot in ("honour", "category") else None
            )
            question = clauses.question_text(tracker)
            clause = clauses.best_clause(question, facts.region, clauses.WEAK_MIN_SCORE)
            if clauses.computed(clause, question) is not None:
                # the words give the figure of another clause's rule ("净资产一共涨了2000万，想拿股份奖励…最多能
                # 拿出多少": 台州 六、25.): no input of this form changes that answer, so the form ends
                # here and the topic's answer action (its rules' "submits" step) gives the figure
                return [SlotSet("requested_slot", None)]
            shown = clauses.leads(primer, clause, topic.primer_unless)
            for reply in clauses.lead_replies(
                shown, lambda r: phrasing.answer_reply(topic, r, buttons=False), said=question
            ):
                dispatcher.utter_message(**reply.kwargs())
        before = len(dispatcher.messages)  # (the clause shown above is this turn's answer)
        reply = phrasing.question_reply(topic, result, slot=self.slot)
        dispatcher.utter_message(**reply.kwargs())
        return carried_region(dispatcher.messages[:before], tracker)


ASKED_SLOTS = ("honour", "category", "review_rating")
ASK_ACTIONS = [type(f"ActionAsk_{slot}", (_AskSlot,), {"slot": slot}) for slot in ASKED_SLOTS]
