"""Result types every policy_kb rule returns.

Why one shape for all rules: the bot, the hotline assistant and the CLI all need the same four things
from a rule — the answer, the figures used, the steps taken and the clauses cited — plus, when the
rule cannot decide, *which inputs are missing* so the dialogue asks only for those. Prose is generated
from the trace (PolicyEngine's separation), never the other way round.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class Status(str, Enum):
    """How far a rule got."""

    OK = "ok"  # decided; `values` and `answer` are final
    NEEDS_INPUT = "needs_input"  # cannot decide yet; `missing` lists what to ask
    NEEDS_ASSESSMENT = "needs_assessment"  # the text leaves it to a committee (经认定/一事一议)
    INVALID = "invalid"  # the input itself is wrong (negative amount, unknown rating …)


@dataclass(frozen=True)
class Citation:
    """A clause a figure or condition rests on, with the sentence quoted verbatim from `sources/`."""

    doc: str  # document number, e.g. 永委办发〔2016〕82号
    clause: str  # part / article / attachment, e.g. 附件1 二（二）
    quote: str  # verbatim sentence from the source text
    title: str = ""  # short document title
    region: str = ""

    def display_quote(self) -> str:
        """The quote for reading: page breaks inside a sentence of the source are closed up."""
        return re.sub(r"\s*\n\s*", "", self.quote)

    def label(self) -> str:
        """`依据：《永委办发〔2016〕82号》附件1 二（二）` style label for chat replies."""
        return f"依据：{self.doc} {self.clause}"

    def to_dict(self) -> dict[str, str]:
        return {"doc": self.doc, "clause": self.clause, "quote": self.display_quote(), "title": self.title}


@dataclass(frozen=True)
class Missing:
    """An input a rule needs before it can decide, with the question the bot should ask."""

    name: str  # slot-like name, e.g. "review_rating"
    question: str  # Chinese question, e.g. "项目评审结果是哪一档？"
    options: tuple[str, ...] = ()  # allowed answers where the text enumerates them


@dataclass(frozen=True)
class Step:
    """One step of the computation, in Chinese, with the parameter ids it used."""

    text: str
    params: tuple[str, ...] = ()


@dataclass
class Result:
    """What a rule returns: always this, never an exception for bad user input."""

    rule: str
    status: Status
    region: str = ""
    edition: str = ""
    answer: str = ""  # Chinese prose generated from the trace
    values: dict[str, Any] = field(default_factory=dict)  # amounts are integer 元
    steps: list[Step] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    message: str = ""  # for INVALID / NEEDS_ASSESSMENT: why, and who decides
    # Answer first, then ask: inputs that would let the bot check or narrow an answer that already
    # stands on the known facts ("您现在实缴注册资本多少？我可以帮您核对"). Unlike `missing`, the answer
    # does not wait for them; the first one's question closes the answer text.
    offers: list[Missing] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status is Status.OK

    def cite(self, *citations: Citation) -> None:
        """Add citations once each, keeping first-use order (readers follow the trace)."""
        for c in citations:
            if c not in self.citations:
                self.citations.append(c)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["status"] = self.status.value
        d["citations"] = [c.to_dict() for c in self.citations]
        return d

    def render(self) -> str:
        """Plain-text rendering for the CLI and the hotline: answer, trace, citations."""
        lines = [self.answer or self.message]
        if self.missing:
            lines.append("还需要：" + "；".join(m.question for m in self.missing))
        if self.offers:
            lines.append("可补充：" + "；".join(m.question for m in self.offers))
        if self.steps:
            lines.append("计算过程：")
            lines += [f"  {i}. {s.text}" for i, s in enumerate(self.steps, 1)]
        if self.citations:
            lines.append("依据：")
            lines += [f"  《{c.doc}》{c.clause}：“{c.display_quote()}”" for c in self.citations]
        return "\n".join(lines)


def invalid(rule: str, message: str, **kw: Any) -> Result:
    """Typed rejection of bad input with a polite Chinese message."""
    return Result(rule=rule, status=Status.INVALID, message=message, **kw)


def needs_input(rule: str, missing: list[Missing], **kw: Any) -> Result:
    """The rule cannot decide until these inputs are known."""
    names = "、".join(m.question for m in missing)
    return Result(rule=rule, status=Status.NEEDS_INPUT, missing=missing, message=f"还需要了解：{names}", **kw)
