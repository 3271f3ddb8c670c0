"""Mask personal data (ID-card numbers, mobile and landline numbers, e-mails) before anything is logged.

Why placeholders instead of partial masking (138****1234): reviewers only need to know *that* a user
gave a number, and placeholders keep the full-text index free of fragments. The official hotline is
kept because the bot states it itself and reviewers must see it was given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.policy_facts import official_numbers

# Any 18-character run of 17 digits + digit/X counts: a mistyped ID number is still personal data.
ID_CARD = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
MOBILE = re.compile(r"(?<![\d+])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")
# Landline: area code 0xx / 0xxx (optionally in brackets) + 7–8 digit number, optional extension.
LANDLINE = re.compile(
    r"(?<!\d)(?:[(（]0\d{2,3}[)）]\s?|0\d{2,3}[ -]?)\d{7,8}(?:\s?(?:转|-|ext\.?)\s?\d{1,5})?(?!\d)"
)

ID_MASK = "[身份证号]"
MOBILE_MASK = "[手机号]"
PHONE_MASK = "[电话]"
EMAIL_MASK = "[邮箱]"


def _keep_official(mask: str, keep: Iterable[str]) -> Callable[[re.Match[str]], str]:
    """A replacer that masks a number unless its digits are an official hotline."""
    official = frozenset(keep)

    def replace(match: re.Match[str]) -> str:
        digits = "".join(ch for ch in match.group(0) if ch.isdigit())
        return match.group(0) if digits in official else mask

    return replace


def mask_pii(text: str | None) -> str | None:
    """Return `text` with ID-card numbers, phone numbers and e-mails replaced by placeholders."""
    if not text:
        return text
    keep = official_numbers()
    text = ID_CARD.sub(ID_MASK, text)
    text = EMAIL.sub(EMAIL_MASK, text)
    text = MOBILE.sub(_keep_official(MOBILE_MASK, keep), text)
    return LANDLINE.sub(_keep_official(PHONE_MASK, keep), text)
