"""Stacks the benchmark runs beside what `make run` ships, so the report shows what each change buys.

Why these two: "stock-rasa" is Rasa as it comes (its own entry point, tracker store and lock store,
one process) with our model, gateway and actions — the runtime changes measured together; "one-worker"
is the shipped stack with a single Sanic worker — what the second worker adds on two cores. The model
is the same everywhere, so the dialogue-policy change (no TEDPolicy, config.yml) is in every column;
its own effect was measured separately (docs/SCALING.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.settings import REPO_ROOT
from bot.supervisor import RASA_LAUNCHER, Stack

Endpoints = dict[str, Any]


def _as_shipped(config: Endpoints) -> Endpoints:
    return config


def _rasa_stores(config: Endpoints) -> Endpoints:
    """Rasa's own SQL tracker store (same SQLite file layout) and its in-memory lock store."""
    return {
        **config,
        "tracker_store": {"type": "SQL", "dialect": "sqlite", "db": "var/rasa_tracker.db"},
        "lock_store": {"type": "in_memory"},
    }


@dataclass(frozen=True)
class Variant:
    description: str
    rasa_module: str  # `python -m <this> run …`
    endpoints: Callable[[Endpoints], Endpoints]
    rasa_env: dict[str, str] = field(default_factory=dict)


VARIANTS: dict[str, Variant] = {
    "stock-rasa": Variant(
        "Rasa as it comes — `python -m rasa run`, Rasa's SQL tracker store, in-memory lock store, "
        "one Sanic worker; same model, gateway and action server",
        "rasa",
        _rasa_stores,
        {"SANIC_WORKERS": "1"},
    ),
    "one-worker": Variant(
        "as shipped, but one Sanic worker instead of two",
        RASA_LAUNCHER,
        _as_shipped,
        {"SANIC_WORKERS": "1"},
    ),
}


def stack(name: str, state: Path, model: Path) -> Stack:
    """The variant's stack on spare ports, its state under `state` (not started)."""
    variant = VARIANTS[name]
    config = yaml.safe_load((REPO_ROOT / "endpoints.yml").read_text(encoding="utf-8")) or {}
    state.mkdir(parents=True, exist_ok=True)
    source = state / "endpoints.variant.yml"
    source.write_text(yaml.safe_dump(variant.endpoints(config), allow_unicode=True), encoding="utf-8")
    return Stack(
        state / "stack",
        model,
        endpoints_source=source,
        service_env={"rasa": dict(variant.rasa_env)},
        rasa_module=variant.rasa_module,
    )
