"""Normalising what people type before matching it against policy terms.

Why here and not in the NLU: the catalogue matcher, the search and the CLI all meet traditional
characters, full-width digits and stray spaces; one normaliser keeps them consistent.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache


@cache
def _t2s():
    try:
        from opencc import OpenCC

        return OpenCC("t2s")
    except Exception:  # pragma: no cover - opencc is a declared dependency
        return None


def to_simplified(text: str) -> str:
    conv = _t2s()
    return conv.convert(text) if conv else text


def normalise(text: str) -> str:
    """Full-width → half-width (NFKC), traditional → simplified, whitespace collapsed, quotes unified."""
    text = unicodedata.normalize("NFKC", text or "")
    text = to_simplified(text)
    text = text.replace("“", "").replace("”", "").replace('"', "").replace("「", "").replace("」", "")
    return re.sub(r"\s+", " ", text).strip()


def compact(text: str) -> str:
    """Normalised and without any spaces or quote marks, for alias matching."""
    return re.sub(r"[\s\"'“”‘’《》〈〉<>]", "", normalise(text)).lower()
