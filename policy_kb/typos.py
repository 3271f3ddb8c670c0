"""Homophone typos in a question, read as the policy word they sound like: 接青 → 杰青, 带款 → 贷款.

Why: people type Chinese by pinyin and pick the wrong character of the right sound (名中意 for 名中医,
贴系 for 贴息, 清丹 for 清单, 博士再读 for 博士在读). Every blind round has such questions, and a typo inside a
title or a policy word hides it from the catalogue, the reading of amounts and the clause search alike;
"国家接青" was even read as another title. One correction in front of the NLU and the hotline search
serves them all.

How, and why it is safe to do blind: a span of the question is replaced only by a word of the two
policy texts or the catalogue that
- has the same length and differs in exactly one character (two for words of four or more),
- where each differing character's usual reading is the word's reading there (tones ignored),
- while the span itself is neither such a word nor a word of jieba's general dictionary (公式 stays 公式
  though 公示 sounds the same), and only one vocabulary word fits.
Replacements keep the length, so positions read later stay valid. The user's own words are what is
logged (bot/dialogue.py); only what the assistant reads is corrected.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path

import jieba
from pypinyin import Style, pinyin

from policy_kb.catalogue import user_dictionary_terms
from policy_kb.text import compact, to_simplified

SOURCES = Path(__file__).parent / "sources"
MIN_LEN, MAX_LEN = 2, 5
# a span jieba's general dictionary knows this well is a word of its own, not a typo
COMMON_WORD_FREQ = 10
# a span that shares a character with a common word just outside it crosses a word boundary: 一共能拿
# holds 共能 but is 一共 + 能拿, 工作时间 holds 工作时 but ends in 时间
BOUNDARY_WORD_FREQ = 50
_HAN = re.compile(r"[\u4e00-\u9fff]+")
# a character people type on purpose, not in place of another: a span whose odd character is one of
# these is grammar crossing a word boundary (我是 is not 我市, 是时候 is not 适时候, 的项 is not 逐项)
FUNCTION_CHARS = frozenset(
    "的地得了着过是我你他她它们这那哪么吗呢吧啊呀哦也都就还和与或及而且但在有个些把被给让向从到对为以于之其所不没"
    "一二三四五六七八九十百千万两几多少每各该此时后前中里上下内外"
    # measure words after a number: "第二笔要满足什么条件" is the second payment, not 必要 (dev15)
    "笔批期次"
)


@cache
def _reading(char: str) -> str:
    """A character's usual toneless pinyin reading (what an IME offers it for first)."""
    return pinyin(char, style=Style.NORMAL)[0][0]


@cache
def _word_readings(word: str) -> tuple[str, ...]:
    """A vocabulary word's toneless reading, character by character, as the word is read (a polyphone
    takes its reading in the word: 贷款's 款, 重点's 重)."""
    return tuple(p[0] for p in pinyin(word, style=Style.NORMAL))


@cache
def _general() -> dict[str, int]:
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return dict(tok.FREQ)


@cache
def vocabulary() -> frozenset[str]:
    """Policy words: jieba words of both source texts and every catalogue title and alias (Chinese only)."""
    words: set[str] = set()
    for path in sorted(SOURCES.glob("*.txt")):
        for run in _HAN.findall(path.read_text(encoding="utf-8")):
            words.update(w for w in jieba.cut(run, HMM=False) if MIN_LEN <= len(w) <= MAX_LEN)
    for term in user_dictionary_terms():
        words.update(w for w in _HAN.findall(compact(term)) if MIN_LEN <= len(w) <= MAX_LEN)
    return frozenset(words)


@cache
def _masks() -> dict[str, tuple[str, ...]]:
    """A word with one character masked ("?") → the vocabulary words of that shape."""
    out: dict[str, set[str]] = {}
    for w in vocabulary():
        for k in range(len(w)):
            out.setdefault(w[:k] + "?" + w[k + 1 :], set()).add(w)
    return {key: tuple(sorted(ws)) for key, ws in out.items()}


# words people type on purpose that jieba's dictionary counts as rare: money "打到我卡上" is not 达到 (dev63)
MEANT_AS_TYPED = frozenset({"打到"})


def _known(span: str) -> bool:
    return span in vocabulary() or span in MEANT_AS_TYPED or _general().get(span, 0) >= COMMON_WORD_FREQ


def _sounds_like(span: str, word: str) -> bool:
    diff = [k for k in range(len(span)) if span[k] != word[k]]
    allowed = 2 if len(span) >= 4 else 1
    return (
        0 < len(diff) <= allowed
        # (inside a whole title of four or more characters even a function character is a slip: 特及专家)
        and (not any(span[k] in FUNCTION_CHARS for k in diff) or (len(span) >= 4 and word in _titles()))
        and all(_reading(span[k]) == _word_readings(word)[k] for k in diff)
    )


@cache
def _titles() -> frozenset[str]:
    """Every catalogue title and alias (Chinese characters only)."""
    return frozenset(w for term in user_dictionary_terms() for w in _HAN.findall(compact(term)))


def _crosses_boundary(text: str, i: int, n: int) -> bool:
    """Whether text[i:i+n] shares an edge character with a common word just outside it."""
    general = _general()
    edges = (text[max(0, i - 1) : i + 1], text[i + n - 1 : i + n + 1])
    return any(len(w) == 2 and general.get(w, 0) >= BOUNDARY_WORD_FREQ for w in edges)


def _fix(span: str) -> str | None:
    """The one vocabulary word `span` is a homophone typo of, or None."""
    if _known(span):
        return None
    found = {
        w
        for k in range(len(span))
        for w in _masks().get(span[:k] + "?" + span[k + 1 :], ())
        if _sounds_like(span, w)
    }
    return found.pop() if len(found) == 1 else None


# Ordinals typed by sound, which the word rule above cannot see: 其 is a function character and a digit is no
# Chinese character ("地5类 … 第一其能拿多少", dev64). Same length, so positions stay.
_ORDINAL_SLIPS = (
    (re.compile(r"(?<![\u4e00-\u9fff])地(\s*[1-5一二三四五]\s*类)"), r"第\1"),
    (re.compile(r"(第[一二三1-3])其(?![他中实余次])"), r"\1期"),
)


def corrected(text: str) -> tuple[str, list[tuple[str, str]]]:
    """`text` (in simplified characters) with homophone typos of policy words replaced, and the (typed,
    read) pairs."""
    simplified = to_simplified(text)
    text = simplified if len(simplified) == len(text) else text
    fixes: list[tuple[str, str]] = []
    for pattern, meant in _ORDINAL_SLIPS:
        fixes += [(m.group(0), m.expand(meant)) for m in pattern.finditer(text)]
        text = pattern.sub(meant, text)
    chars = list(text)
    for m in _HAN.finditer(text):
        i, end = m.start(), m.end()
        while i < end:
            for n in range(min(MAX_LEN, end - i), MIN_LEN - 1, -1):
                span = text[i : i + n]
                if span in vocabulary():
                    i += n - 1  # a policy word as typed: its characters are not re-read
                    break
                word = None if _crosses_boundary(text, i, n) else _fix(span)
                if word is not None:
                    chars[i : i + n] = list(word)
                    fixes.append((span, word))
                    i += n - 1
                    break
            i += 1
    return "".join(chars), fixes


def read_as_meant(text: str) -> str:
    """The words with homophone typos of policy words corrected — or unchanged when the corrector
    fails: a typo must never cost the turn."""
    try:
        return corrected(text)[0]
    except Exception:
        logging.getLogger(__name__).exception("typo correction failed")
        return text
