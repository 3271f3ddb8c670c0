"""Normalise what talents type, keeping a map back to the characters they actually typed.

Why an offset map: the NLU pipeline works on normalised text (simplified characters, half-width
digits, 二百七十万 → 270万), but entity annotations in training data, the review dashboard and
Rasa's entity evaluation all speak about the *original* text. Every output character records the
span of input characters it came from, so spans can be moved in both directions exactly.

Why spaces are removed next to Chinese characters instead of inserted: jieba turns every space into
a " " token (Rasa issue 7910); spaces inside Chinese text carry no meaning, while spaces between Latin
words ("Turing Award") do and are kept (collapsed to one).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_CN_NUM = r"[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
# money / percent: 二百七十万 → 270万, 三千元 → 3000元, 百分之六十 → 60%
_CN_MONEY = re.compile(rf"(?<![几数多上])({_CN_NUM})(?=万|元|块|亿)")
_CN_PERCENT = re.compile(rf"百分之({_CN_NUM})")
# ordinals: 第三类 → 第3类, 第二期 → 第2期; bare 三类/二期 unless 哪一类/下一期/分三期/最后一期 …
_CN_ORDINAL = re.compile(rf"(?<=第)({_CN_NUM})(?=类|期|档|批|笔)")
_CN_BARE_ORDINAL = re.compile(
    r"(?<![几数多上下前后哪这那每同某任单另分第零〇一二两三四五六七八九十百千])([一二两三四五])(?=类|期)"
)
_CN_DIGIT_CHARS = set("零〇一二两三四五六七八九十")
# 270万 → 270万元: jieba's HMM glues a lone 万 to the next character (80万给 → "80" "万给"), while
# 万元 is a dictionary word and stays a token of its own.
_WAN = re.compile(r"(?<=\d)万(?![元人亿])")


@cache
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus, for each of its characters, the [start, end) it came from in `original`."""

    original: str
    text: str
    sources: tuple[tuple[int, int], ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Span in `text` → span in `original` (the smallest original span covering it)."""
        if not self.sources or start >= end:
            return (0, 0) if not self.sources else (self.sources[min(start, len(self.sources) - 1)][0],) * 2
        start = max(0, min(start, len(self.sources) - 1))
        end = max(start + 1, min(end, len(self.sources)))
        return self.sources[start][0], self.sources[end - 1][1]

    def from_original(self, start: int, end: int) -> tuple[int, int] | None:
        """Span in `original` → span in `text`; None when everything in it was removed (only spaces)."""
        inside = [i for i, (s, e) in enumerate(self.sources) if s < end and e > start]
        if not inside:
            return None
        return inside[0], inside[-1] + 1


Piece = tuple[str, int, int]  # one output character and the original span it came from


def _sub(pieces: list[Piece], pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> list[Piece]:
    """Regex replacement over pieces; a replacement's characters map to the whole matched span."""
    text = "".join(p[0] for p in pieces)
    out: list[Piece] = []
    last = 0
    for m in pattern.finditer(text):
        new = repl(m)
        if new == m.group(0):
            continue
        out.extend(pieces[last : m.start()])
        if m.start() < m.end():
            src_start, src_end = pieces[m.start()][1], pieces[m.end() - 1][2]
        else:  # empty match: anchor at the next character
            anchor = pieces[m.start()][1] if m.start() < len(pieces) else (pieces[-1][2] if pieces else 0)
            src_start = src_end = anchor
        out.extend((ch, src_start, src_end) for ch in new)
        last = m.end()
    out.extend(pieces[last:])
    return out


def _half_width(ch: str) -> str:
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if ch.isspace():
        return " "
    return ch


def _simplified(pieces: list[Piece]) -> list[Piece]:
    text = "".join(p[0] for p in pieces)
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return [(c, s, e) for c, (_, s, e) in zip(converted, pieces, strict=True)]
    out: list[Piece] = []  # phrase conversion changed the length: fall back to character by character
    for ch, s, e in pieces:
        out.extend((c, s, e) for c in _t2s().convert(ch))
    return out


def _cn_number(numeral: str) -> str | None:
    """二百七十 → "270", 一点五 → "1.5"; None when it is not a number (百千, 千)."""
    if not _CN_DIGIT_CHARS.intersection(numeral):
        return None
    import cn2an

    try:
        value = cn2an.cn2an(numeral, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return format(value, "g") if isinstance(value, float) else str(value)


def _numerals(pieces: list[Piece]) -> list[Piece]:
    def number_or_same(m: re.Match[str]) -> str:
        return _cn_number(m.group(1)) or m.group(0)

    pieces = _sub(pieces, _CN_PERCENT, lambda m: f"{n}%" if (n := _cn_number(m.group(1))) else m.group(0))
    pieces = _sub(pieces, _CN_MONEY, number_or_same)
    pieces = _sub(pieces, _CN_ORDINAL, number_or_same)
    return _sub(pieces, _CN_BARE_ORDINAL, number_or_same)


def normalise(text: str) -> Normalised:
    """Traditional → simplified, full-width → half-width, spaces next to Chinese removed, numbers as digits
    (二百七十万 → 270万元).

    Slash commands ("/inform{...}") from buttons are returned unchanged: they are machine-written.
    """
    text = text or ""
    if text.lstrip().startswith("/"):
        return Normalised(text, text, tuple((i, i + 1) for i in range(len(text))))
    pieces: list[Piece] = [(_half_width(ch), i, i + 1) for i, ch in enumerate(text)]
    pieces = _simplified(pieces)
    pieces = _sub(pieces, _SPACE_NEAR_CJK, lambda m: "")
    pieces = _sub(pieces, _SPACES, lambda m: " ")
    while pieces and pieces[0][0] == " ":
        pieces.pop(0)
    while pieces and pieces[-1][0] == " ":
        pieces.pop()
    pieces = _sub(pieces, _THOUSANDS, lambda m: "")
    pieces = _numerals(pieces)
    pieces = _sub(pieces, _WAN, lambda m: "万元")
    return Normalised(text, "".join(p[0] for p in pieces), tuple((s, e) for _, s, e in pieces))


def normalise_text(text: str) -> str:
    """Just the normalised string (for dictionaries and patterns built from the catalogue)."""
    return normalise(text).text
