"""The rule registry: every rule `policy_kb.api` computes, its inputs declared once (data/rules.yaml).

Why: the inputs, questions and clauses of a rule were written again by each adapter (chat forms,
hotline calculators, CLI, robustness tests), each with its own names. Here each input has one name,
label, unit, question and options (and how the words of a question state it: for an amount the
policy_kb.reading role that names it, otherwise `reads`), and each rule lists its inputs, its clauses,
the words that name it and the inputs a question must state for it to be computed. Adapters ask the
registry (`named`, `read_inputs`, `needs_met`, `compute_from_words`); a test checks it against api's
signatures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from policy_kb import reading
from policy_kb.model import Missing, Result
from policy_kb.text import compact

RULES_FILE = Path(__file__).parent / "data" / "rules.yaml"
# What of a question's words fills an input that is not an amount (rules.yaml `reads`): a figure
# policy_kb.reading reads (its Reading's field of that name), or one of these.
READ_FIGURES = tuple(f.name for f in fields(reading.Reading) if f.name not in ("text", "amounts"))
READ_OTHER = (
    "plan",  # the talent plan the words name (国千 → 国家千人计划), read by the awards rule's parser
    "honours",  # the words themselves, when the honours catalogue finds an honour in them
    "option",  # the one of the input's `options` the words name (省级)
    "words",  # the words themselves: the rule reads what it needs (a skills honour, a workstation kind)
)
READS = READ_FIGURES + READ_OTHER


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
    reads: str = ""  # not an amount: what of the words states it (one of READS); empty: never read
    per_person: bool = False  # an amount the rule takes once per person: several of it are a list

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
    words: tuple[str, ...] = ()  # words that name the rule wherever they are said (柔性, 贴息, 第二期)
    cues: tuple[str, ...] = ()  # more words naming it, but only in a question about its clauses (拨)
    # a phrasing that names it where no single word does ("什么时候实施" for a document's date, not 项目实施期限)
    pattern: re.Pattern[str] | None = None
    # the inputs the words must state for the rule to be computed from them: alternatives, one stated in
    # full is enough; ((),): naming the rule is enough
    needs: tuple[tuple[str, ...], ...] = ((),)
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
            reads=str(spec.get("reads") or ""),
            per_person=bool(spec.get("per_person")),
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
            words=tuple(str(w) for w in spec.get("words") or ()),
            cues=tuple(str(c) for c in spec.get("cues") or ()),
            pattern=re.compile(str(spec["pattern"])) if spec.get("pattern") else None,
            needs=tuple(tuple(str(i) for i in alt) for alt in spec["needs"]) if "needs" in spec else ((),),
        )
        for name, spec in raw["rules"].items()
    }
    unknown = {i for r in rules.values() for i in r.inputs if i not in inputs}
    if unknown:
        raise ValueError(f"rules.yaml: inputs used by rules but not declared: {sorted(unknown)}")
    roles = {i.role for i in inputs.values() if i.role} - set(reading.ROLES)
    if roles:
        raise ValueError(f"rules.yaml: roles policy_kb.reading does not read: {sorted(roles)}")
    reads = {i.reads for i in inputs.values() if i.reads} - set(READS)
    if reads or any(i.reads == "option" and not i.options for i in inputs.values()):
        raise ValueError(
            f"rules.yaml: `reads` must be one of {READS}, `option` with options: {sorted(reads)}"
        )
    if any(i.role and i.reads for i in inputs.values()):
        raise ValueError("rules.yaml: an input is read either as an amount (`role`) or by `reads`")
    needs = {(r.name, i) for r in rules.values() for alt in r.needs for i in alt if i not in r.inputs}
    if needs:
        raise ValueError(f"rules.yaml: `needs` names inputs the rule does not take: {sorted(needs)}")
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


Filled = dict[str, int | list[int]]


def _fill_amounts(rule: RuleSpec, found: tuple[reading.Amount, ...]) -> tuple[Filled, list[int], bool]:
    """(the rule's amount inputs filled from the amounts in the words, the amounts no input took, whether
    two amounts fell on one input that takes one).

    An amount whose words give it a role (实缴100万, 中介费24万) fills the rule's input of that role
    (rules.yaml `role`); the one amount left without a role fills `from_words`; so does the only amount
    of the words when none of the rule's inputs takes its role (as before roles were read). An input
    taken once per person (`per_person`: 柔性 3人 40万 30万 20万) takes several amounts as a list. An amount
    whose role the rule does not take (第一期已经拿了75万 for the tranche rule) is left out.
    """
    specs = inputs()
    by_role: dict[str, str] = {}
    for name in rule.inputs:
        role = specs[name].role
        if role and (role not in by_role or name == rule.from_words):
            by_role[role] = name
    filled: Filled = {}
    loose: list[int] = []
    clash = False
    for a in found:
        taker = by_role.get(a.role or "")
        if taker is None:
            if a.role is None or (len(found) == 1 and a.role != "claimed"):
                loose.append(a.yuan)
            continue
        if taker in filled:
            if not specs[taker].per_person:
                clash = True
                continue
            before = filled[taker]
            filled[taker] = [*(before if isinstance(before, list) else [before]), a.yuan]
            continue
        filled[taker] = a.yuan
    target = rule.from_words
    if target and loose and specs[target].per_person:  # 年薪40万 30万 20万: one pay each
        before = filled.get(target, [])
        pays = [*(before if isinstance(before, list) else [before]), *loose]
        filled[target], loose = (pays if len(pays) > 1 else pays[0]), []
    elif target and target not in filled and len(loose) == 1:
        filled[target] = loose.pop()
    return filled, loose, clash


def amounts_for(rule: RuleSpec, found: tuple[reading.Amount, ...]) -> Filled | None:
    """The rule's amount inputs filled from the amounts in the words, or None when which is which is unclear.

    Filled as `_fill_amounts` says; two amounts for one input (that is not taken per person), or an
    amount without a role beside the one `from_words` already took, are not guessed at, and neither is
    a question whose amounts leave `from_words` empty.
    """
    filled, loose, clash = _fill_amounts(rule, found)
    if clash or loose or (rule.from_words and rule.from_words not in filled):
        return None
    return filled


def names(rule: RuleSpec, text: str, about_its_clause: bool = False) -> bool:
    """Whether the words name the rule: one of its `words` or its `pattern`, or — in a question already
    about one of its clauses — one of its `cues`. Matched on the normalised words (traditional, width and
    spaces aside)."""
    said = compact(text)
    listed = rule.words + rule.cues if about_its_clause else rule.words
    return any(compact(w) in said for w in listed) or bool(rule.pattern and rule.pattern.search(said))


def named(text: str) -> list[RuleSpec]:
    """The rules the words name (`words`, `pattern`), in the registry's order."""
    return [rule for rule in rules().values() if (rule.words or rule.pattern) and names(rule, text)]


def read_input(name: str, text: str, figures: reading.Reading | None = None) -> Any:
    """What the words state for one input that is not an amount (its `reads`), or None."""
    spec = input_spec(name)
    how = spec.reads
    if not how:
        return None
    if how == "words":
        return text or None
    if how == "plan":
        from policy_kb.rules.awards import parse_plan

        return parse_plan(text)
    if how == "honours":
        from policy_kb.catalogue import catalogue

        found = catalogue().match(text) if text.strip() else None
        return text if found and (found.honours or found.ambiguous or found.unlisted) else None
    if how == "option":
        said = compact(text)
        return next((o for o in spec.options if compact(o) in said), None)
    return getattr(figures or reading.read(text), how)


def read_inputs(rule: RuleSpec, text: str, figures: reading.Reading | None = None) -> dict[str, Any]:
    """Every input of the rule the words state: amounts by their roles (`_fill_amounts`; amounts whose
    roles the words leave unclear fill nothing), the others as their `reads` says. An input the words do
    not state is absent — the rule then answers with what the others settle, or asks.

    Why here: the chat, the hotline and the CLI read the same words the same way; an adapter that read
    a rule's inputs itself would be a second parser beside policy_kb.reading.
    """
    figures = figures or reading.read(text)
    filled, _, clash = _fill_amounts(rule, figures.amounts)
    out: dict[str, Any] = {} if clash else dict(filled)
    for name in rule.inputs:
        if name not in out:
            value = read_input(name, text, figures)
            if value is not None:
                out[name] = value
    return out


def needs_met(rule: RuleSpec, given: dict[str, Any]) -> bool:
    """Whether the inputs read state one of the rule's `needs` in full (a rule without `needs`: always)."""
    return any(all(given.get(i) is not None for i in alt) for alt in rule.needs)


def compute_from_words(clause: str, region: str | None, text: str) -> Result | None:
    """The clause's rule computed with the amounts the words give, when it has an input for them — or,
    for a rule whose `from_words` input is a count (of projects, of homes), with the count the words state.

    Why: "省里给我们团队资助了1000万，永嘉县再配套多少" is about 三（二）; its passage says 等额配套 but the
    answer is 1000万元. Amounts are read by policy_kb.reading with what each one is (`amounts_for`);
    amounts whose roles the words leave unclear are not guessed at. An input that reads the words
    themselves (`reads: words`, matching_grant's kind) is given the words.
    """
    figures = reading.read(text)
    for rule in rules_for_clause(clause, region):
        if not names(rule, figures.text, about_its_clause=True):
            continue  # a clause with two rules (三（四）) computes only the one its words name
        if rule.from_words is None:
            continue
        if input_spec(rule.from_words).reads:
            # a rule taking a count, not money ("一共50个项目 … 落地率"): the count the words state
            count = read_input(rule.from_words, text, figures)
            filled: Filled | None = {rule.from_words: count} if count is not None else None
        else:
            filled = amounts_for(rule, figures.amounts) if figures.amounts else None
        if filled is None:
            continue
        kwargs: dict[str, Any] = dict(filled)
        kwargs.update({i: text for i in rule.inputs if input_spec(i).reads == "words"})
        for i in rule.inputs:
            # the rule's other stated figures ("我在这干了两年半": 六、25.'s years in the firm)
            if i not in kwargs and input_spec(i).reads in READ_FIGURES:
                value = read_input(i, text, figures)
                if value is not None:
                    kwargs[i] = value
        if "region" in parameters(rule):
            kwargs["region"] = region or rule.region
        result = rule(**kwargs)
        if result.ok:
            result.values.setdefault("registry_rule", rule.name)  # its title and inputs, for adapters
            return result
    return None


def parameters(rule: RuleSpec) -> tuple[str, ...]:
    """The api function's parameters (`region` among them when each edition answers for itself)."""
    import inspect

    return tuple(inspect.signature(rule.function()).parameters)
