"""A small trace builder shared by every calculator.

Why: each figure a rule touches must end up cited, and each step must be explained. `Trace.use(pid)`
returns the value *and* records the citation, so a rule cannot use a figure without citing it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from policy_kb import registry
from policy_kb.editions import Edition
from policy_kb.inputs import CN_SMALL, InputError
from policy_kb.model import Missing, Result, Status, Step
from policy_kb.text import normalise


class Trace:
    def __init__(self, rule: str, ed: Edition) -> None:
        self.rule = rule
        self.edition = ed
        self.result = Result(rule=rule, status=Status.OK, region=ed.region, edition=ed.id)

    def use(self, pid: str) -> Any:
        """The parameter's value, citing its clause."""
        p = self.edition.param(pid)
        self.result.cite(p.citation)
        return p.value

    def label(self, pid: str) -> str:
        return self.edition.param(pid).label

    def step(self, text: str, *pids: str) -> None:
        for pid in pids:
            self.use(pid)
        self.result.steps.append(Step(text=text, params=pids))

    def ok(self, answer: str, **values: Any) -> Result:
        self.result.status = Status.OK
        self.result.answer = answer
        self.result.values.update(values)
        return self.result

    def missing(self, *missing: Missing) -> Result:
        self.result.status = Status.NEEDS_INPUT
        self.result.missing = list(missing)
        self.result.message = "还需要了解：" + "；".join(m.question for m in missing)
        return self.result

    def assess(self, message: str, **values: Any) -> Result:
        """The text leaves the decision to an assessment or a case-by-case ruling."""
        self.result.status = Status.NEEDS_ASSESSMENT
        self.result.message = message
        self.result.answer = message
        self.result.values.update(values)
        return self.result

    def invalid(self, message: str) -> Result:
        self.result.status = Status.INVALID
        self.result.message = message
        self.result.answer = message
        return self.result


def guarded(rule: str) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """Turn InputError raised while parsing into an INVALID result with its Chinese message."""

    def deco(fn: Callable[..., Result]) -> Callable[..., Result]:
        @wraps(fn)
        def wrapper(ed: Edition, *args: Any, **kwargs: Any) -> Result:
            try:
                return fn(ed, *args, **kwargs)
            except InputError as exc:
                return Trace(rule, ed).invalid(str(exc))

        return wrapper

    return deco


MAX_PEOPLE = 1000  # input sanity, not a policy figure


def people(value: object) -> int | None:
    """A number of people: 4, "4", "4人", "四人", "4位", "4名"; None when not given."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError("人数应为整数，例如“4人”。")
    if isinstance(value, int):
        n = value
    elif isinstance(value, float) and value.is_integer():
        n = int(value)
    else:
        text = normalise(str(value)).replace(" ", "")
        m = re.fullmatch(r"(\d+|[一二两三四五六七八九十])(?:个)?(?:人|位|名)?", text)
        if not m:
            raise InputError(f"没能读懂人数“{value}”，请写成数字，例如“4人”。")
        n = int(m.group(1)) if m.group(1).isdigit() else CN_SMALL[m.group(1)]
    if not 1 <= n <= MAX_PEOPLE:
        raise InputError(f"人数应在1到{MAX_PEOPLE}之间。")
    return n


def per_person(values: object, count: object, what: str) -> list[object]:
    """One figure per person: a list as given, or one figure repeated `count` times ("4人 每人30万")."""
    n = people(count)
    items = list(values) if isinstance(values, list | tuple) else [values]
    if n is None:
        return items
    if len(items) == 1:
        return items * n
    if len(items) != n:
        raise InputError(f"人数是{n}人，但给了{len(items)}个{what}，请核对。")
    return items


# The questions for the inputs every rule shares come from the registry (policy_kb/data/rules.yaml).
ASK_CATEGORY = registry.ask("category")
ASK_RATING = registry.ask("rating")
ASK_PROJECT_TYPE = registry.ask("project_type")
