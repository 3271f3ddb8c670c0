"""The action server never crashes, whatever the slots hold, and replies never invent a figure.

Why hypothesis: slots are filled by NLU, buttons and earlier turns; any combination of odd values
(negative money, huge numbers, lists where text is expected, NaN, empty strings) can reach an action.
"""

from __future__ import annotations

import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rasa_sdk import Tracker

from actions.clauses import ActionShowClause
from actions.fallback import ActionFallback
from actions.forms import ASK_ACTIONS, ValidateCategoryForm, ValidateFundingForm
from actions.handoff import ActionHandoff
from actions.policy_answers import (
    ActionAnswerBenefits,
    ActionAnswerCategory,
    ActionAnswerFunding,
    ActionAnswerNextTranche,
    ActionAnswerPolicy,
    ActionFollowup,
)
from actions.topics import BY_INTENT
from tests.actions.trackers import load_domain, run_action

SLOTS = (
    "honour",
    "honour_pending",
    "category",
    "region",
    "region_asked",
    "project_type",
    "review_rating",
    "approved_total",
    "tranches_received",
    "tranche_asked",
    "paid_in_capital",
    "spending",
    "investment",
    "sales",
    "salary",
    "loan_amount",
    "loan_rate",
    "plan",
    "skills_award",
    "workstation_kind",
    "workstation_level",
    "topic",
    "fallback_count",
    "requested_slot",
)
ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**13), max_value=10**13),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        [
            "第三类",
            "270万",
            "二百七十万",
            "重点推荐",
            "创业",
            "台州",
            "永嘉",
            "国千",
            "千人计划",
            "abc",
            "",
            "-5",
            "1e400",
            "benefits",
            "next_tranche",
            "gold_card",
            "海外",
            "第9类",
            "NaN",
        ]
    ),
    st.lists(st.sampled_from(["国千", "千人计划", "博士", "硕士", "", "x"]), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
INTENTS = [
    *BY_INTENT,
    "inform",
    "correct",
    "nlu_fallback",
    "human_handoff",
    "out_of_scope",
    "show_clause",
    None,
]
FORMS = ["category_form", "benefits_form", "funding_form", None]
ACTIONS = [
    ActionAnswerPolicy(),
    ActionAnswerCategory(),
    ActionAnswerBenefits(),
    ActionAnswerFunding(),
    ActionAnswerNextTranche(),
    ActionFollowup(),
    ActionFallback(),
    ActionHandoff(),
    ActionShowClause(),
    *(cls() for cls in ASK_ACTIONS),
]
VALIDATORS = [ValidateCategoryForm(), ValidateFundingForm()]
DOMAIN = load_domain()
NUMBER = re.compile(r"\d")


@st.composite
def trackers(draw: st.DrawFn) -> Tracker:
    slots = {name: draw(ODD) for name in draw(st.lists(st.sampled_from(SLOTS), max_size=8, unique=True))}
    intent = draw(st.sampled_from(INTENTS))
    text = draw(st.one_of(st.text(max_size=20), st.sampled_from(["270", "80万", "一期", "/inform{}", ""])))
    entities = draw(
        st.lists(
            st.fixed_dictionaries(
                {"entity": st.sampled_from(["amount", "tranche", "honour", "clause_id"]), "value": ODD}
            ),
            max_size=2,
        )
    )
    latest = {
        "intent": {"name": intent, "confidence": 0.4},
        "text": text,
        "entities": entities,
        "intent_ranking": [{"name": intent, "confidence": 0.4}],
    }
    form = draw(st.sampled_from(FORMS))
    events = [{"event": "user", "timestamp": 1.0, "text": text, "parse_data": latest}]
    events += [{"event": "slot", "timestamp": 1.1, "name": k, "value": v} for k, v in slots.items()]
    return Tracker(
        "fuzz", slots, latest, events, False, None, {"name": form} if form else {}, "action_listen"
    )


def _check_messages(messages: list[dict]) -> None:
    for message in messages:
        assert isinstance(message.get("text"), str) and message["text"].strip()
        for button in message.get("buttons") or []:
            assert button["title"] and button["payload"].startswith("/")


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(tracker=trackers(), index=st.integers(min_value=0, max_value=len(ACTIONS) - 1))
def test_no_action_crashes_on_odd_slots(tracker: Tracker, index: int) -> None:
    _, messages = run_action(ACTIONS[index], tracker, DOMAIN)
    _check_messages(messages)


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(tracker=trackers(), index=st.integers(min_value=0, max_value=len(VALIDATORS) - 1))
def test_no_form_validation_crashes_on_odd_slots(tracker: Tracker, index: int) -> None:
    events, messages = run_action(VALIDATORS[index], tracker, DOMAIN)
    assert all(e["event"] == "slot" for e in events)
    _check_messages(messages)
    for e in events:
        value = e["value"]
        assert not (isinstance(value, float) and math.isnan(value))


def test_domain_responses_contain_no_figures():
    """Out of scope (and every fixed response) never states a policy figure: figures come from policy_kb."""
    for name, variants in DOMAIN["responses"].items():
        for variant in variants:
            assert not NUMBER.search(variant.get("text", "")), name
