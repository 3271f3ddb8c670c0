"""Normalising what people type before matching it against policy terms.

Why here and not in the NLU: the catalogue matcher, the search and the CLI all meet traditional
characters, full-width digits and stray spaces; one normaliser keeps them consistent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Protocol, TypeVar

T = TypeVar("T")


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def _t2s() -> _Converter | None:
    try:
        from opencc import OpenCC

        converter: _Converter = OpenCC("t2s")
        return converter
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


_CN_DIGITS = frozenset("零〇一二两三四五六七八九十")
_RUN_OF_DIGITS = re.compile(r"[一二两三四五六七八九]{2}")  # 三四 is "three or four", not 34


def cn_number(numeral: str) -> Decimal | None:
    """A number written in Chinese numerals: 二百七十 → 270, 一点五 → 1.5, 十二 → 12, 两 → 2; None when the
    characters are not a number (百千 in 百千万人才工程, a lone 千) or are a range (三四个人: three or four).

    Why here: every reader of free words (policy_kb.reading, the NLU normaliser) turns numerals into
    numbers the same way, through cn2an, instead of a table of its own.
    """
    if not numeral or not _CN_DIGITS.intersection(numeral):
        return None
    if _RUN_OF_DIGITS.search(numeral.split("点")[0]):
        return None
    import cn2an

    try:
        value = cn2an.cn2an(numeral, "normal")
        return Decimal(str(value))
    except (ValueError, KeyError, IndexError, InvalidOperation):
        return None


def quoted_title(name: str) -> str:
    """A catalogue title in quotes, unless it holds its own (市“首席技师” stays as it is, not ““…””)."""
    return name if "“" in name else f"“{name}”"


def compact(text: str) -> str:
    """Normalised and without any spaces or quote marks, for alias matching."""
    return re.sub(r"[\s\"'“”‘’《》〈〉<>]", "", normalise(text)).lower()


def claim_positions(text: str, patterns: Iterable[tuple[str, T]]) -> list[tuple[int, int, str, T]]:
    """(start, end, alias, payload) of every occurrence of each pattern that does not overlap an
    earlier claim, in pattern order.

    Why one matcher: honours (“151人才工程第三层次” must win over “151”), search synonyms and region
    names all need the same rule — pass the patterns longest first and a longer alias keeps its span.
    """
    taken = [False] * len(text)
    claims: list[tuple[int, int, str, T]] = []
    for alias, payload in patterns:
        if not alias:
            continue
        start = text.find(alias)
        while start != -1:
            end = start + len(alias)
            if not any(taken[start:end]):
                taken[start:end] = [True] * (end - start)
                claims.append((start, end, alias, payload))
            start = text.find(alias, start + 1)
    return claims


def claim_spans(text: str, patterns: Iterable[tuple[str, T]]) -> list[tuple[str, T]]:
    """`claim_positions` without the positions."""
    return [(alias, payload) for _, _, alias, payload in claim_positions(text, patterns)]


# Words asking for a sum ("两个人最高加起来一共能拿多少"): one list for the rules that add figures up
# (rules.category's people, rules.awards' awards, followups' tranches); a rule may add words of its own.
SUM_ASKED = re.compile(r"一共|合计|总共|加起来|加在一起|加一起|合起来|合在一起|共计|总计")
# An intermediary's fee named (台州 三、9. 中介费用给予50%补助): the fee's own words, or the money paid to a
# headhunter or agency ("付给猎头的钱政府管不管", dev26) — 猎头 alone may be 永嘉 三（十）'s 引荐
FEE_NAMED = re.compile(r"中介费|猎头费|(?:给|付给?|交给)\S{0,2}(?:猎头|中介)\S{0,4}(?:钱|费)")
# Words asking for a difference ("比省级的多多少", "差几套"; not "最多多少", which asks for a cap): one list for
# the rules that subtract figures (rules.awards, rules.taizhou's apartments, the chat's categories, projects
# and titles compared); a rule may add words of its own.
GAP_ASKED = re.compile(
    r"差多少|差了多少|差了几|相差|差距|差几|多出|差额|(?<![最至顶])多多少|(?<![最至])少多少|(?<!最)[多少](?:拿|给|得|领|发)多少"
    # ("钱江技能大奖比瓯江的多奖几万", dev29)
    r"|(?<![最至])[多少](?:拿|给|得|领|发|奖|补)?几[万千]"
    # ("跟上面一档市级领军比，少了多少？", dev33)
    r"|(?<![最至])[多少]了多少"
)
