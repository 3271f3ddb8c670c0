"""The rule registry: every rule `policy_kb.api` computes, its inputs declared once (data/rules.yaml).

Why: the inputs, questions and clauses of a rule were written again by each adapter (chat forms,
hotline calculators, CLI, robustness tests), each with its own names. Here each input has one name,
label, unit, question and options (and, for an amount, the policy_kb.reading role that names it), and
each rule lists its inputs, its clauses and the input an amount in a question fills. Adapters ask the
registry; a test checks it against api's signatures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from policy_kb import reading
from policy_kb.model import Missing, Result

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
    role: str = ""  # an amount: the policy_kb.reading role of an amount the words say is this one

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
            role=str(spec.get("role") or ""),
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
    roles = {i.role for i in inputs.values() if i.role} - set(reading.ROLES)
    if roles:
        raise ValueError(f"rules.yaml: roles policy_kb.reading does not read: {sorted(roles)}")
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


def amounts_for(rule: RuleSpec, found: tuple[reading.Amount, ...]) -> dict[str, int] | None:
    """The rule's amount inputs filled from the amounts in the words, or None when which is which is unclear.

    An amount whose words give it a role (实缴100万, 中介费24万) fills the rule's input of that role
    (rules.yaml `role`); the one amount left without a role fills `from_words`; so does the only amount
    of the words when none of the rule's inputs takes its role (as before roles were read). Two amounts
    for one input, or an amount without a role beside the one `from_words` already took, are not guessed
    at. An amount whose role the rule does not take (第一期已经拿了75万 for the tranche rule) is left out.
    """
    specs = inputs()
    by_role: dict[str, str] = {}
    for name in rule.inputs:
        role = specs[name].role
        if role and (role not in by_role or name == rule.from_words):
            by_role[role] = name
    filled: dict[str, int] = {}
    loose: list[int] = []
    for a in found:
        taker = by_role.get(a.role or "")
        if taker is None:
            if a.role is None or len(found) == 1:
                loose.append(a.yuan)
            continue
        if taker in filled:
            return None
        filled[taker] = a.yuan
    if rule.from_words and rule.from_words not in filled and len(loose) == 1:
        filled[rule.from_words] = loose.pop()
    if loose or (rule.from_words and rule.from_words not in filled):
        return None
    return filled


def compute_from_words(clause: str, region: str | None, text: str) -> Result | None:
    """The clause's rule computed with the amounts the words give, when it has an input for them.

    Why: "省里给我们团队资助了1000万，永嘉县再配套多少" is about 三（二）; its passage says 等额配套 but the
    answer is 1000万元. Amounts are read by policy_kb.reading with what each one is (`amounts_for`);
    amounts whose roles the words leave unclear are not guessed at.
    """
    figures = reading.read(text)
    if not figures.amounts:
        return None
    for rule in rules_for_clause(clause, region):
        if rule.from_words is None or not any(c in figures.text for c in rule.cues):
            continue  # a clause with two rules (三（四）) computes only the one its words name
        filled = amounts_for(rule, figures.amounts)
        if filled is None:
            continue
        kwargs: dict[str, Any] = dict(filled)
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
