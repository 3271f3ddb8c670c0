"""Held-out NLU evaluation: intent accuracy and macro-F1, entity precision/recall/F1.

Why our own evaluation next to `rasa test nlu`: we want one JSON with the figures the lead reports
(results/nlu_eval.json), entity scores on (type, role, span in the user's text) — the role decides
which slot an amount fills — and every error listed so a reviewer can read them.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import f1_score


@dataclass
class Report:
    n: int = 0
    intent_accuracy: float = 0.0
    intent_macro_f1: float = 0.0
    entity_precision: float = 0.0
    entity_recall: float = 0.0
    entity_f1: float = 0.0
    fallback_rate: float = 0.0
    parse_ms_p50: float = 0.0
    parse_ms_p95: float = 0.0
    threshold_sweep: list[dict[str, float]] = field(default_factory=list)
    intent_errors: list[dict[str, Any]] = field(default_factory=list)
    entity_errors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return self.__dict__


def _entity_key(e: dict[str, Any]) -> tuple[str, str | None, int, int]:
    return (e["entity"], e.get("role"), int(e["start"]), int(e["end"]))


def _raw_intent(result: dict[str, Any]) -> tuple[str, float]:
    """The classifier's own top intent and confidence, before FallbackClassifier replaced it."""
    for item in result.get("intent_ranking") or []:
        if item.get("name") != "nlu_fallback":
            return item["name"], float(item.get("confidence") or 0.0)
    return result["intent"]["name"], float(result["intent"]["confidence"] or 0.0)


def sweep(
    gold: list[str], raw: list[tuple[str, float]], thresholds: tuple[float, ...]
) -> list[dict[str, float]]:
    """Accuracy and fallback rate for each FallbackClassifier threshold (a fallback counts as wrong)."""
    rows = []
    for t in thresholds:
        pred = [name if conf >= t else "nlu_fallback" for name, conf in raw]
        rows.append(
            {
                "threshold": t,
                "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold),
                "fallback_rate": sum(p == "nlu_fallback" for p in pred) / len(gold),
            }
        )
    return rows


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else 0.0


async def _parse_all(model: Path, texts: list[str]) -> list[tuple[dict[str, Any], float]]:
    import logging

    from rasa.core.agent import Agent

    logging.getLogger("rasa").setLevel(logging.WARNING)

    agent = Agent.load(str(model))
    await agent.parse_message("你好")  # warm-up: first call builds TF functions
    out = []
    for text in texts:
        started = time.perf_counter()
        parsed = await agent.parse_message(text)
        out.append((parsed, (time.perf_counter() - started) * 1000))
    return out


def evaluate(model: Path, test_file: Path) -> Report:
    """Parse every held-out example with the trained model and score intents and entities."""
    data = load_data(str(test_file))
    examples = data.intent_examples
    parsed = asyncio.run(_parse_all(model, [e.get("text") for e in examples]))
    report = Report(n=len(examples))
    gold_intents, pred_intents = [], []
    tp = fp = fn = 0
    for example, (result, _) in zip(examples, parsed, strict=True):
        gold, pred = example.get("intent"), result["intent"]["name"]
        gold_intents.append(gold)
        pred_intents.append(pred)
        if gold != pred:
            report.intent_errors.append(
                {
                    "text": example.get("text"),
                    "gold": gold,
                    "predicted": pred,
                    "confidence": round(result["intent"]["confidence"], 3),
                }
            )
        gold_entities = Counter(_entity_key(e) for e in example.get("entities") or [])
        pred_entities = Counter(_entity_key(e) for e in result.get("entities") or [])
        hit = sum((gold_entities & pred_entities).values())
        tp += hit
        fp += sum(pred_entities.values()) - hit
        fn += sum(gold_entities.values()) - hit
        if gold_entities != pred_entities:
            report.entity_errors.append(
                {
                    "text": example.get("text"),
                    "missed": sorted(map(list, gold_entities - pred_entities)),
                    "spurious": sorted(map(list, pred_entities - gold_entities)),
                }
            )
    report.intent_accuracy = sum(g == p for g, p in zip(gold_intents, pred_intents, strict=False)) / max(
        1, report.n
    )
    labels = sorted(set(gold_intents))
    report.intent_macro_f1 = float(
        f1_score(gold_intents, pred_intents, labels=labels, average="macro", zero_division=0)
    )
    report.entity_precision = tp / (tp + fp) if tp + fp else 1.0
    report.entity_recall = tp / (tp + fn) if tp + fn else 1.0
    p, r = report.entity_precision, report.entity_recall
    report.entity_f1 = 2 * p * r / (p + r) if p + r else 0.0
    report.fallback_rate = sum(p == "nlu_fallback" for p in pred_intents) / max(1, report.n)
    raw = [_raw_intent(result) for result, _ in parsed]
    report.threshold_sweep = sweep(gold_intents, raw, (0.0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7))
    times = [ms for _, ms in parsed]
    report.parse_ms_p50, report.parse_ms_p95 = _percentile(times, 0.5), _percentile(times, 0.95)
    return report


def write(report: Report, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
