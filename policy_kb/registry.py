"""The rule registry: every rule `policy_kb.api` computes, its inputs declared once (data/rules.yaml).

Why: the inputs, questions and clauses of a rule were written again by each adapter (chat forms,
hotline calculators, CLI, robustness tests), each with its own names. Here each input has one name,
label, unit, question and options, and each rule lists its inputs, its clauses and the input a single
amount in a question fills. Adapters ask the registry; a test checks it against api's signatures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from policy_kb.model import Missing, Result
from policy_kb.text import normalise

RULES_FILE = Path(__file__).parent / "data" / "rules.yaml"


@dataclass(frozen=True)
class InputSpec:
    """One input of the rules: how it is named, measured and asked for."""

    name: str
    label: str
    question: str
    unit: str = ""  # 元 (an amount), %, 人, 类, 期, 年, 月; empty for a choice or a text
    options: tuple[str, ...] = ()
    asks_as: str = ""  # the slot name the chat asks it under, when not the input's own name

    def missing(self, question: str | None = None) -> Missing:
        """The Missing a rule returns (or offers) for this input."""
        return Missing(self.asks_as or self.name, question or self.question, self.options)


@dataclass(frozen=True)
class RuleSpec:
    """One rule: the api function of the same name, its inputs, region and clauses."""

    name: str
    title: str
    inputs: tuple[str, ...]
    clauses: tuple[str, ...] = ()
    region: str | None = None  # the region whose text defines it; None: each edition answers
    from_words: str | None = None  # the input one amount in a question about its clauses fills
    words_to: str | None = None  # the input that reads the question's own words (a kind, a scope)
    cues: tuple[str, ...] = ()  # words a question must contain for `from_words` to compute this rule
    extra: dict[str, Any] = field(default_factory=dict)

    def function(self) -> Callable[..., Result]:
        from policy_kb import api

        fn: Callable[..., Result] = getattr(api, self.name)
        return fn

    def __call__(self, **inputs: Any) -> Result:
        return self.function()(**inputs)


@cache
def _load() -> tuple[dict[str, InputSpec], dict[str, RuleSpec]]:
    raw = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    inputs = {
        name: InputSpec(
            name=name,
            label=str(spec["label"]),
            question=str(spec["question"]),
            unit=str(spec.get("unit") or ""),
            options=tuple(str(o) for o in spec.get("options") or ()),
            asks_as=str(spec.get("asks_as") or ""),
        )
        for name, spec in raw["inputs"].items()
    }
    rules = {
        name: RuleSpec(
            name=name,
            title=str(spec["title"]),
            inputs=tuple(spec.get("inputs") or ()),
            clauses=tuple(str(c) for c in spec.get("clauses") or ()),
            region=spec.get("region"),
            from_words=spec.get("from_words"),
            words_to=spec.get("words_to"),
            cues=tuple(str(c) for c in spec.get("cues") or ()),
        )
        for name, spec in raw["rules"].items()
    }
    unknown = {i for r in rules.values() for i in r.inputs if i not in inputs}
    if unknown:
        raise ValueError(f"rules.yaml: inputs used by rules but not declared: {sorted(unknown)}")
    return inputs, rules


def inputs() -> dict[str, InputSpec]:
    return _load()[0]


def rules() -> dict[str, RuleSpec]:
    return _load()[1]


def input_spec(name: str) -> InputSpec:
    return inputs()[name]


def ask(name: str) -> Missing:
    """The question for an input, as rules return it when the input is missing."""
    return input_spec(name).missing()


def _clause_key(clause: str) -> str:
    return re.sub(r"[\s.。．]", "", clause)


def rules_for_clause(clause: str, region: str | None = None) -> list[RuleSpec]:
    """The rules resting on a clause (or on the article a sub-clause belongs to), for that region."""
    key = _clause_key(clause)
    found = []
    for rule in rules().values():
        if region and rule.region and rule.region != region:
            continue
        if any(key == _clause_key(c) or key.startswith(_clause_key(c)) for c in rule.clauses):
            found.append(rule)
    return found


_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(亿|万)")


def amounts_in(text: str) -> list[int]:
    """Amounts written with a unit in the words ("1000万", "1.5亿"), in yuan."""
    out = []
    for number, unit in _AMOUNT.findall(text or ""):
        out.append(round(float(number) * (10**8 if unit == "亿" else 10**4)))
    return out


def compute_from_words(clause: str, region: str | None, text: str) -> Result | None:
    """The clause's rule computed with the one amount the words give, when it has such an input.

    Why: "省里给我们团队资助了1000万，永嘉县再配套多少" is about 三（二）; its passage says 等额配套 but the
    answer is 1000万元. A question with several amounts is not guessed at (which is which is unclear).
    """
    found = amounts_in(text)
    if len(found) != 1:
        return None
    words = normalise(text)
    for rule in rules_for_clause(clause, region):
        if rule.from_words is None or not any(c in words for c in rule.cues):
            continue  # a clause with two rules (三（四）) computes only the one its words name
        kwargs: dict[str, Any] = {rule.from_words: found[0]}
        if rule.words_to:
            kwargs[rule.words_to] = text
        if "region" in _parameters(rule):
            kwargs["region"] = region or rule.region
        result = rule(**kwargs)
        if result.ok:
            result.values.setdefault("registry_rule", rule.name)  # its title and inputs, for adapters
            return result
    return None


def _parameters(rule: RuleSpec) -> tuple[str, ...]:
    import inspect

    return tuple(inspect.signature(rule.function()).parameters)
