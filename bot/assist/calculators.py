"""The calculators beside the hotline results: their form fields and how each runs a policy_kb rule.

Why the fields live here and not in the template: the page, the JSON endpoint and the tests read one
description, so a field shown is a field accepted and nothing else is. What a field is — its label, unit
and options — and the rule a form runs are the rule registry's (policy_kb/data/rules.yaml); a form here
only says which of the rule's inputs it shows, in which order, and the hints staff need beside them
(创业类封顶, 可不填). Values stay the text staff typed and go to policy_kb unparsed — its input parsers
give the Chinese error messages — except that a bare number in a 万元 field means 万元 (staff type "120",
not "1200000").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from bot.assist.sources import citation_dict
from policy_kb import api, registry
from policy_kb.model import Result

_BARE_NUMBER = re.compile(r"\s*\d+(?:\.\d+)?\s*")


@dataclass(frozen=True)
class Field:
    name: str  # the keyword argument of the policy_kb function
    label: str
    options: tuple[str, ...] = ()  # a select when given
    placeholder: str = ""
    wan: bool = False  # money in 万元

    @property
    def select(self) -> bool:
        return bool(self.options)


@dataclass(frozen=True)
class Calculator:
    name: str  # URL segment: /api/assist/calc/{name}
    title: str
    fields: tuple[Field, ...]
    run: Callable[..., Result]
    note: str = ""


def field(name: str, hint: str = "", options: tuple[str, ...] | None = None, placeholder: str = "") -> Field:
    """The form field for a registry input: its label with its unit (万元 for an amount) and `hint`,
    its options (a select) unless the form offers others."""
    spec = registry.input_spec(name)
    wan = spec.unit == "元"
    unit = "万元" if wan else spec.unit if spec.unit == "%" else ""
    notes = "，".join(x for x in (unit, hint) if x)
    label = f"{spec.label}（{notes}）" if notes else spec.label
    return Field(name, label, spec.options if options is None else options, placeholder, wan)


def calculator(
    name: str, rule: str, fields: tuple[Field, ...], subtitle: str = "", note: str = ""
) -> Calculator:
    """A form running a registry rule, titled with the rule's title; the page's region goes to the rule
    only when its texts differ by region (the api function takes one)."""
    spec = registry.rules()[rule]
    unknown = {f.name for f in fields} - set(spec.inputs)
    if unknown:
        raise ValueError(f"calculator {name}: {rule} takes no {sorted(unknown)}")
    if "region" in registry.parameters(spec):
        run: Callable[..., Result] = spec.function()
    else:

        def run(region: str | None = None, **kw: Any) -> Result:
            return spec(**kw)

    return Calculator(name, f"{spec.title}{subtitle}", fields, run, note)


def _split_honours(honours: str | None = None, region: str | None = None) -> Result:
    """Several honours typed in one field (杰青、正高职称) are each looked up, as the rule's list."""
    items = [h for h in re.split(r"[、,，;；/\s]+", honours or "") if h]
    return api.category_for_honours(items or None, region=region)


CALCULATORS: tuple[Calculator, ...] = (
    Calculator(
        "category",
        f"{registry.rules()['category_for_honours'].title}（按称号）",
        (field("honours", placeholder="如：杰青、省千人计划、正高职称（多项用顿号隔开）"),),
        _split_honours,
    ),
    calculator(
        "funding",
        "project_funding",
        (
            field("category"),
            field("rating"),
            field("project_type"),
            field("paid_in_capital", "创业类封顶"),
            field("project_investment", "创新类封顶"),
            field("plan", "创业人才"),
        ),
        "（类别 × 评审结果）",
    ),
    calculator(
        "tranche",
        "next_tranche",
        (
            field("project_type"),
            field("approved_total"),
            field("tranches_received"),
            field("paid_in_capital"),
            field("spending"),
            field("investment"),
            field("sales"),
        ),
        "（下一期的条件与材料）",
    ),
    calculator(
        "flexible",
        "flexible_reward",
        (
            field("taxable_pay"),
            field("years_already", options=("0", "1", "2", "3")),
            field("firm_awarded_this_year"),
        ),
    ),
    calculator("overseas_engineer", "overseas_engineer", (field("annual_salary"),)),
    calculator(
        "loan",
        "loan_interest",
        (
            field("category"),
            field("loan_amount"),
            field("benchmark_rate", placeholder="如 4.35"),
            field("actual_rate", "可不填", placeholder="如 4.0"),
            field("tax_within_3y", "可不填"),
        ),
    ),
    calculator(
        "intermediary_fee",
        "intermediary_fee_subsidy",
        (field("fee"), field("already_received_this_firm"), field("full_time"), field("unified_event")),
        "（台州市）",
        note="台州市政策，与所选地区无关",
    ),
)
BY_NAME = {c.name: c for c in CALCULATORS}


class CalcInputError(ValueError):
    """An input the form does not have (the message is Chinese, for the page)."""


def _value(f: Field, raw: str) -> str:
    raw = raw.strip()
    if f.wan and _BARE_NUMBER.fullmatch(raw):
        return raw + "万"
    return raw


def _json_safe(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def result_json(result: Result) -> dict[str, Any]:
    """What the page shows for a calculation: answer, trace, citations with viewer links, what's missing."""
    return {
        "rule": result.rule,
        "status": result.status.value,
        "region": result.region,
        "edition": result.edition,
        "answer": result.answer or result.message,
        "message": result.message,
        "values": _json_safe(result.values),
        "steps": [s.text for s in result.steps],
        "citations": [citation_dict(c) for c in result.citations],
        "missing": [
            {"name": m.name, "question": m.question, "options": list(m.options)} for m in result.missing
        ],
    }


def run(name: str, inputs: dict[str, str], region: str | None) -> dict[str, Any]:
    """Run calculator `name` on the form's values; KeyError for an unknown calculator."""
    calc = BY_NAME[name]
    fields = {f.name: f for f in calc.fields}
    unknown = sorted(set(inputs) - set(fields))
    if unknown:
        raise CalcInputError(f"{calc.title}没有这些输入项：{'、'.join(unknown)}。")
    kwargs = {k: _value(fields[k], v) for k, v in inputs.items() if v and v.strip()}
    return {"calculator": name, "title": calc.title, **result_json(calc.run(**kwargs, region=region))}
