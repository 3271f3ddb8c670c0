"""Helpers for action tests: trackers from JSON fixtures (tests/data/*_tracker.json), run an action.

Why fixtures: a tracker is what Rasa sends the action server; keeping each situation as a JSON file
(rasa-demo style) makes the input readable and lets tests assert exact events and replies.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

DATA = Path(__file__).resolve().parent.parent / "data"
DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"


def load_tracker(name: str, **slot_overrides: Any) -> Tracker:
    state = json.loads((DATA / f"{name}_tracker.json").read_text(encoding="utf-8"))
    state["slots"] = {**state.get("slots", {}), **slot_overrides}
    return Tracker.from_dict(state)


def asked(intent: str, text: str, confidence: float = 0.9, **slots: Any) -> Tracker:
    """A one-message conversation: `text` classified as `intent`, with these slots and no entities."""
    tracker = load_tracker("gold_card_taizhou")
    tracker.slots = dict(slots)
    tracker.latest_message = {
        **tracker.latest_message,
        "text": text,
        "entities": [],
        "intent": {"name": intent, "confidence": confidence},
    }
    tracker.events = [{"event": "user", "timestamp": 1.0, "text": text, "parse_data": tracker.latest_message}]
    return tracker


def run_action(
    action: Action, tracker: Tracker, domain: dict[str, Any] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(events, messages) of one action run."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain or {}))
    return events, dispatcher.messages


def load_domain() -> dict[str, Any]:
    import yaml

    return yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))


def followed_up(
    intent: str, text: str, earlier: str, topic: str, confidence: float = 0.9, **slots: Any
) -> Tracker:
    """A follow-up conversation: `earlier` answered under `topic`, then `text` classified as `intent` (at
    `confidence`: 0.5 for the low-confidence turns the fallback gets)."""
    tracker = asked(intent, text, confidence, topic=topic, **slots)
    tracker.events = [
        {"event": "user", "timestamp": 1.0, "text": earlier, "parse_data": {}},
        {"event": "slot", "timestamp": 1.5, "name": "topic", "value": topic},
        {"event": "user", "timestamp": 2.0, "text": text, "parse_data": tracker.latest_message},
    ]
    return tracker
