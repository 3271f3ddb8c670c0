"""Grading one answer against a blind question: right, wrong, referred or missed.

Why four outcomes and not pass/fail: for a government service a confident wrong figure or category is
worse than "please contact the office". An answer is *wrong* when it states something the question's
author marked as wrong (`must_not`), *right* when it contains every required figure or condition
(`must`, each an any-of list), *referred* when it says neither but sends the talent to the office, the
hotline or an assessment, and *missed* otherwise (no answer, the wrong clause, a question back).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from policy_kb.text import to_simplified

# Words any referral contains: the office, the hotline, an assessment or an individual decision.
REFERRAL_WORDS = ("热线", "咨询", "联系", "认定", "一事一议", "人才办", "招才局", "人才工作部门", "转人工")


class Outcome(str, Enum):
    RIGHT = "right"
    WRONG = "wrong"
    REFERRED = "referred"
    MISSED = "missed"


@dataclass(frozen=True)
class Grade:
    outcome: Outcome
    missing: tuple[str, ...] = ()  # requirements not met, each shown as "a|b"
    forbidden: tuple[str, ...] = ()  # must_not strings found


def normalise(text: str) -> str:
    """NFKC, simplified, no spaces, no thousands separators: how a required string is looked for."""
    text = to_simplified(unicodedata.normalize("NFKC", text or ""))
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    return re.sub(r"\s+", "", text)


def states(said: str, wanted: str) -> bool:
    """Whether the normalised answer states `wanted`: as a substring, but a figure only as a whole number.

    Why not a plain substring: "5万" is inside "15万" and "40%" inside "140%", so a plain substring graded an
    answer that said only 15万 as stating a per-person 5万 (a false right), and would grade a 140万 as a
    forbidden 40万 (a false wrong). A figure at either end of `wanted` must not run on into more digits.
    """
    wanted = normalise(wanted)
    if not wanted:
        return False
    pattern = re.escape(wanted)
    if wanted[0].isdigit():
        pattern = r"(?<![\d.])" + pattern
    if wanted[-1].isdigit():
        pattern += r"(?!\.?\d)"
    return re.search(pattern, said) is not None


def grade(answer: str, must: list[list[str]], must_not: list[str]) -> Grade:
    said = normalise(answer)
    forbidden = tuple(w for w in must_not or [] if w and states(said, w))
    missing = tuple("|".join(alts) for alts in must or [] if not any(states(said, str(a)) for a in alts))
    if forbidden:
        return Grade(Outcome.WRONG, missing, forbidden)
    if not missing:
        return Grade(Outcome.RIGHT)
    if any(w in said for w in REFERRAL_WORDS):
        return Grade(Outcome.REFERRED, missing)
    return Grade(Outcome.MISSED, missing)


_ATTACHMENT = re.compile(r"附件\s*([123一二三])")
_SECTION = re.compile(r"([一二三四五六七八九十]+)[、（(]?")


def clause_family(region: str, clause: str) -> str:
    """A report row: 永嘉 二 (catalogue), 永嘉 三 (main-text provisions), 永嘉 附件1–3, 台州 一–七."""
    if region not in ("永嘉县", "台州市") or "不在覆盖" in clause or "适用范围" in clause:
        return "未覆盖地区"
    place = "永嘉" if region == "永嘉县" else "台州"
    body = clause.replace("永嘉", "").replace("台州", "").strip()
    m = _ATTACHMENT.search(body)
    if m:
        return f"{place} 附件{'123'['一二三'.find(m.group(1))] if m.group(1) in '一二三' else m.group(1)}"
    m = _SECTION.search(body)
    return f"{place} {m.group(1)}" if m else f"{place} 其他"
