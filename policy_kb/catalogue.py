"""The talent catalogue: which honour or title puts a person in which category (1–5).

Why a matcher and not a lookup: people write 杰青, 国千, “151”第三层次, 博士 inside a sentence, often
several at once. We match the longest alias first, never guess an honour the text does not list
(those need assessment, 经认定), and ask when an alias is ambiguous (千人计划: national or provincial?).

Why whole titles: an alias inside a longer title is another title — 副研究员 is not 研究员, 省杰青 is not
(国家)杰青, 中科院百人计划 is not 县“产业百人计划”. A confident wrong category gives wrong funding, housing
and loan figures after it, so a qualifier written right before an alias (副, 在读, 省 before a national
honour, another body or place) turns the match into an unlisted title that needs assessment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from policy_kb.editions import Edition, edition
from policy_kb.model import Citation
from policy_kb.text import claim_positions, cn_number, compact

DATA_DIR = Path(__file__).parent / "data"
_HINT_WINDOW = 6  # a hint settles an ambiguous alias only when written this close to it
# …or further on, when nothing between them brings in another person or title (另一个, 同事, 和, 、)
_HINT_REACH = 20
_ANOTHER_PERSON = re.compile(r"另一|另外|同事|朋友|合伙人|还有|以及|和|跟|与|、|；|。|;")


@dataclass(frozen=True)
class Honour:
    id: str
    name: str
    category: int
    aliases: tuple[str, ...]
    citation: Citation
    needs_confirmation: str = ""
    levels: tuple[str, ...] | None = None  # 国家/省/市/县 it belongs to; () = not bound to a level
    hints: tuple[str, ...] = ()  # words that pick it out of an ambiguous alias (领军 → 万人计划领军人才)
    # a title held only when won within the last N years (第5类 近5年…第1完成人): the words may say it is older
    within_years: int | None = None
    first_completer: bool = False  # …and only by the first of its completers


@dataclass(frozen=True)
class Qualifiers:
    """Words that, written right before (or after) an alias, make it a different title."""

    negating_before: tuple[str, ...] = ()
    negating_after: tuple[str, ...] = ()
    level_words: tuple[tuple[str, str], ...] = ()  # (word, level), longest word first
    other: tuple[str, ...] = ()
    category_levels: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def levels_of(self, h: Honour) -> tuple[str, ...]:
        return h.levels if h.levels is not None else self.category_levels.get(h.category, ())

    def conflict(self, text: str, start: int, end: int, h: Honour | None) -> tuple[int, int] | None:
        """The span of the longer title when a qualifier beside text[start:end] makes it another one."""
        before, after = text[:start], text[end:]
        for w in self.negating_before:
            if before.endswith(w):
                return start - len(w), end
        for w in self.negating_after:
            if after.startswith(w):
                return start, end + len(w)
        levels = self.levels_of(h) if h is not None else ()
        if not levels:
            return None
        for w in self.other:  # before the level words: 印度国家科学院 is not a 国家-level body
            for form in (w + "国家", w):
                if before.endswith(form):
                    return start - len(form), end
        if set(levels) & {"市", "县"}:
            # a city's or county's title conferred by another place ("乐清评的县级专业技术拔尖人才", dev78)
            conferred = self._conferred_elsewhere(before, words_between=True)
            if conferred:
                return start - conferred, end
        for w, level in self.level_words:
            if before.endswith(w):
                if level not in levels:
                    return start - len(w), end
                # "乐清评的县级专业技术拔尖人才" (dev78): another county's 县级 title is not the catalogue's (永嘉县's)
                conferred = self._conferred_elsewhere(before[: -len(w)], words_between=False)
                return (start - len(w) - conferred, end) if conferred else None
        return None

    def _conferred_elsewhere(self, before: str, words_between: bool) -> int:
        """How many characters at the end of `before` name another place that conferred the title right after it, with
        the words between ("乐清评的", "瑞安市评定的"; `words_between`: those words must be there); 0 when none."""
        bare = _CONFERRED_BY.sub("", before)
        if words_between and bare == before:
            return 0
        place = next((o for o in self.other if bare.endswith(o)), None)
        return len(before) - len(bare) + len(place) if place else 0


def in_gloss(text: str, title_end: int, start: int) -> bool:
    """Whether the title at `start` sits in brackets that open right where another title ends (`title_end`):
    "省千人（青年千人）" glosses the 省千人 (its youth track), it is not a second title (国家“千人计划”'s 青年千人).
    Shared with nlu_components.honour_extractor, which reads the words before they are compacted."""
    return (
        title_end <= start
        and text[title_end : title_end + 1] in ("(", "（")
        and not any(c in text[title_end:start] for c in ")）")
    )


def _glossed(text: str, start: int, claims: list[tuple[int, int, str, Any]]) -> bool:
    """Whether the alias at `start` glosses another claimed title (`in_gloss`)."""
    return any(in_gloss(text, other_end, start) for _, other_end, _, _ in claims)


_DENIED_BEFORE = ("不是", "并非", "不属于", "而非", "非")
# the words between a place and the level of the title it conferred ("乐清评的县级…", "瑞安市评定的县级…")
_CONFERRED_BY = re.compile(r"(?:市|县|区)?(?:评定的?|评选的?|认定的?|评出的?|评的|的|评)$")


def _affirmed(text: str, word: str) -> bool:
    """Whether `word` occurs in `text` not denied just before it: "他是青年拔尖那一档的，不是杰出人才" names
    青年拔尖 and denies 杰出人才 (dev18), so only the first picks the 万人计划 title."""
    at = text.find(word)
    while at != -1:
        if not text[max(0, at - 3) : at].endswith(_DENIED_BEFORE):
            return True
        at = text.find(word, at + 1)
    return False


@dataclass
class Match:
    """What the matcher found in a piece of text."""

    honours: list[Honour] = field(default_factory=list)
    ambiguous: dict[str, list[Honour]] = field(default_factory=dict)  # alias → candidates
    unlisted: dict[str, str] = field(default_factory=dict)  # known-unlisted term → note
    # listed titles the words say are not held ("没有发明专利")
    denied: list[Honour] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)  # input items where nothing matched
    surfaces: dict[str, str] = field(default_factory=dict)  # honour id → the words the talent used

    @property
    def understood(self) -> str:
        """What was read, in the talent's words, for "您提到的……" (empty when nothing was found)."""
        parts = [f"“{k}”：{v}" for k, v in self.unlisted.items()]
        return "；".join(parts)


@dataclass(frozen=True)
class Catalogue:
    edition: Edition
    honours: dict[str, Honour]
    ambiguous: dict[str, tuple[str, ...]]
    unlisted: dict[str, str]
    assessment_who: str
    assessment_citation: Citation
    special_citation: Citation
    # 三（十一） "对第1、2、3、4、5类人才分类进行动态调整" (None for a catalogue whose text says nothing of it)
    adjustment_citation: Citation | None = None
    qualifiers: Qualifiers = field(default_factory=Qualifiers)
    # honours only a Chinese body confers (正高级职称), and the words that say the title is foreign
    domestic_only: tuple[str, ...] = ()
    foreign_markers: tuple[str, ...] = ()
    foreign_note: str = ""
    # 二's name of each category (市级领军人才 → 4), with the sentence that names it
    classes: dict[str, tuple[int, Citation]] = field(default_factory=dict)

    @property
    def _patterns(self) -> list[tuple[str, str, str]]:
        return _alias_patterns(self.edition.id)

    def match(self, items: str | list[str]) -> Match:
        """Find every listed honour in `items` (a sentence or a list of honour names), as whole titles."""
        texts = [items] if isinstance(items, str) else [str(i) for i in items]
        found = Match()
        for raw in texts:
            # "市级技能大师工作室的领衔人", "省千人计划的入选者": a 的 inside a title does not make another one
            text = as_matched(raw)
            if not text:
                continue
            claims = claim_positions(
                text, ((alias, (kind, target)) for alias, kind, target in self._patterns)
            )
            claims = [c for c in claims if not _glossed(text, c[0], claims)]
            # "也不是院士", "正高还没评上": a title the talent says they do not hold — nor at its other mentions
            # ("我是省杰青，不是国家杰青。看政策里国家杰青是第2类": the second names the catalogue's title)
            denied = {target for start, end, _, (_, target) in claims if _denied_at(text, start, end)}
            # "只有请到院士那种大牛才给奖励？我们请的只是个…博士" (dev70): a kind of person named as an example beside a
            # title of the asker's own is not held; alone ("像诺贝尔奖那种级别的大牛来永嘉创业…给多少钱") it is the one asked of
            examples = {
                target
                for start, end, _, (_, target) in claims
                if _A_KIND_AFTER.match(text, end)
                and any(
                    other != target and not _A_KIND_AFTER.match(text, e) and other not in denied
                    for _, e, _, (_, other) in claims
                )
            }
            for start, end, _, (kind, target) in claims:
                if target in denied and kind == "honour" and self.honours[target] not in found.denied:
                    found.denied.append(self.honours[target])
                if target in denied or target in examples:
                    continue
                if _PLATFORM_AFTER.match(text, end):
                    continue  # "千人计划产业园", "院士专家工作站": a platform named after the title, not a title held
                if _quoted_or_compared(text, start, end):
                    continue  # "第3类写的是省科学技术重大贡献奖" (dev61): the document quoted, not a title held
                if kind == "honour":
                    self._add_honour(found, text, start, end, self.honours[target])
                elif kind == "ambiguous":
                    self._add_ambiguous(found, text, start, end, target)
                else:
                    found.unlisted[target] = self.unlisted[target]
            if not self._role_said_later(found, text) and not claims:
                found.leftovers.append(raw.strip())
        self._foreign_titles(found, "".join(compact(t) for t in texts))
        self._conditions_said_unmet(found, "。".join(as_matched(t) for t in texts))
        # an ambiguous alias is settled when one of its candidates was also named explicitly
        for alias, cands in list(found.ambiguous.items()):
            if any(c in found.honours for c in cands):
                del found.ambiguous[alias]
        return found

    def _role_said_later(self, found: Match, text: str) -> bool:
        """A title that is a role in a body, with the role said a little later in the same sentence ("团队被认定为
        温州市级重点创新团队，他本人是团队带头人", "被温州评成了市级重点创新团队，我是牵头的那个", dev28, dev43): the
        body's name as the title lists it, then one of the role words, not denied. Only bodies named at least
        `_ROLE_STEM_MIN` characters long (重点创新团队, 技能大师工作室 — never a bare 创新团队). True when one was
        read."""
        read = False
        for stem, h in _role_stems(self.edition.id):
            if h in found.honours:
                continue
            for m in re.finditer(re.escape(stem), text):
                after = text[m.end() : m.end() + _ROLE_REACH]
                if after.startswith(_ROLE_SUFFIXES):
                    continue  # the whole title, matched as an alias (or denied) already
                sentence = re.split(r"[。？?！!；;]", after, maxsplit=1)[0]
                if any(_affirmed(sentence, w) for w in _ROLE_WORDS):
                    self._add_honour(found, text, m.start(), m.end(), h)
                    read = True
                    break
        return read

    def _foreign_titles(self, found: Match, text: str) -> None:
        """ "在美国州立大学当正教授，没有国内职称": 正高级职称 is conferred in China; a foreign professorship
        is not it. The text's way for it is 认定 as 相当于 (含海外), so it becomes a title not listed."""
        if not self.foreign_markers or not any(m in text for m in self.foreign_markers):
            return
        for h in [h for h in found.honours if h.id in self.domestic_only]:
            found.honours.remove(h)
            said = found.surfaces.pop(h.id, h.name)
            found.unlisted[said] = self.foreign_note

    def _conditions_said_unmet(self, found: Match, text: str) -> None:
        """ "七八年前拿过一次县科技进步一等奖" (dev60): 第5类 lists the prize won 近5年 by its 第1完成人; an older one, or
        one shared as 完成人之一, is not the listed title — it becomes a title not listed, with the condition the
        words miss, so no category is told for it. Only what the words say is read: a prize with no year stays
        listed (its condition is said beside it)."""
        for h in [h for h in found.honours if h.within_years or h.first_completer]:
            said = found.surfaces.get(h.id, "")
            if not said or said not in text:
                continue
            # every mention of the title ("6年前拿过县科技进步一等奖，今年又拿了市科技进步二等奖": the recent one is held)
            mentions = _mention_spans(text, _longest_first([h.name, *h.aliases]))
            unmet = [self._unmet_at(h, text, start, end) for start, end in mentions]
            if unmet and all(unmet):
                found.honours.remove(h)
                found.surfaces.pop(h.id, None)
                found.unlisted[said] = unmet[0] + "（以认定为准）"

    @staticmethod
    def _unmet_at(h: Honour, text: str, start: int, end: int) -> str:
        """What the words around the mention text[start:end] of `h` say of its condition: "" when nothing unmet."""
        said = text[start:end]
        sentence = _sentence_around(text, start, end)
        unmet = []
        ago = _years_ago_of(sentence, said) if _AGE_ASKED.search(text) else None
        if h.within_years and ago is not None and ago > h.within_years:
            unmet.append(
                f"目录列的是近{h.within_years}年内获得的，您说的是约{ago}年前获得，已超过{h.within_years}年，不符合这一项"
            )
        shared = _NOT_FIRST.search(sentence) if h.first_completer else None
        if shared:
            unmet.append(f"目录列的是第1完成人，您说的是“{shared.group(0)}”，不符合这一项")
        return "；".join(unmet)

    def title_span(self, text: str, start: int, end: int) -> tuple[int, int]:
        """The whole title an alias at text[start:end] stands in (副研究员 around 研究员), for the NLU."""
        alias = compact(text[start:end])
        target = next((t for a, k, t in self._patterns if a == alias and k == "honour"), None)
        honour = self.honours.get(target) if target else None
        if honour is None and alias in self.ambiguous:
            return self._hint_span(text, start, end, alias)
        span = self.qualifiers.conflict(text, start, end, honour)
        return span or (start, end)

    def _hint_span(self, text: str, start: int, end: int, alias: str) -> tuple[int, int]:
        """An ambiguous alias widened over the qualifier or the hint beside it (万人计划的领军人才)."""
        cands = [self.honours[i] for i in self.ambiguous[alias]]
        lo, hi = max(0, start - _HINT_WINDOW), min(len(text), end + _HINT_WINDOW)
        spans = []
        for c in cands:
            for w in c.hints:
                if not _affirmed(text[lo:hi], w):
                    continue
                before, after = text.rfind(w, lo, start), text.find(w, end, hi)
                if before != -1:
                    spans.append((c.id, before, end))
                if after != -1:
                    spans.append((c.id, start, after + len(w)))
        if len({cid for cid, _, _ in spans}) == 1:
            return min(s for _, s, _ in spans), max(e for _, _, e in spans)
        conflict = self.qualifiers.conflict(text, start, end, cands[0])
        return conflict or (start, end)

    def _add_honour(self, found: Match, text: str, start: int, end: int, h: Honour) -> None:
        span = self.qualifiers.conflict(text, start, end, h)
        if span is not None:
            title = text[span[0] : span[1]]
            found.unlisted[title] = f"与目录所列“{h.name}”（第{h.category}类）不是同一称号，目录未列“{title}”"
        elif h not in found.honours:
            found.honours.append(h)
            found.surfaces[h.id] = text[start:end]

    def _add_ambiguous(self, found: Match, text: str, start: int, end: int, alias: str) -> None:
        cands = [self.honours[i] for i in self.ambiguous[alias]]
        rest = text[max(0, start - _HINT_WINDOW) : start] + "|" + text[end : end + _HINT_WINDOW]
        hinted = [c for c in cands if any(_affirmed(rest, w) for w in c.hints)]
        if not hinted:
            # "国家万人计划的专家…，不过他是青年拔尖那一档的，不是杰出人才" (dev18): a hint further on in the same
            # person's words, up to the words that bring in another person
            after = _ANOTHER_PERSON.split(text[end : end + _HINT_REACH], maxsplit=1)[0]
            if "我" in text[max(0, start - _HINT_WINDOW) : start]:
                after = re.split(r"[他她]", after, maxsplit=1)[0]  # "我是万人计划…他是青年拔尖": two people
            hinted = [c for c in cands if any(_affirmed(after, w) for w in c.hints)]
        if len(hinted) == 1 and self.qualifiers.conflict(text, start, end, hinted[0]) is None:
            if hinted[0] not in found.honours:
                found.honours.append(hinted[0])
            return
        bound = [c for c in cands if self.qualifiers.conflict(text, start, end, c) is None]
        if not bound:
            title = text[slice(*self.qualifiers.conflict(text, start, end, cands[0]) or (start, end))]
            found.unlisted[title] = (
                f"目录所列的“{alias}”是{'、'.join(c.name for c in cands)}，目录未列“{title}”"
            )
            return
        if len(bound) == 1:
            # "省里千人计划", "县里的百人计划" (dev55): the level word leaves one candidate, which is the title
            if bound[0] not in found.honours:
                found.honours.append(bound[0])
                found.surfaces[bound[0].id] = text[start:end]
            return
        found.ambiguous[alias] = bound

    def by_category(self) -> dict[int, list[Honour]]:
        out: dict[int, list[Honour]] = {}
        for h in self.honours.values():
            out.setdefault(h.category, []).append(h)
        return dict(sorted(out.items()))


# "国内国外都没拿过什么人才称号，也不是院士": a title named only to say it is not held. The denial must end
# right before the title (a comma in between ends it: "不是国千，是省千" keeps 省千).
_DENIAL_WINDOW = 6
_DENIED = re.compile(
    # (not a bare 非: "非全职引进的博士" is a 博士)
    # (not the question "是不是有正高职称的人…", "省千人是不是比国家千人少一半" — dev43, dev23)
    # (没 alone: an alias that starts with 有 — "没有发明专利" is 没 + "有发明专利", dev78)
    r"((?<!是)不是|并非|并不是|也不是|又不是|没有|没拿过|没评过|没入选过?|未入选过?|没当过|不算|没)[^，,。；;！!？?、]{0,2}$"
)


# "正高还没评上", "省千人没选上": a title named with its denial right after it (a comma ends it too)
_DENIED_AFTER = re.compile(
    r"^[^，,。；;！!？?、]{0,4}?(?:还没有?|没有?|未|尚未)(?:能)?(?:评上|评到|评下来|选上|入选|拿到|拿下|通过|评)"
    r"(?![^，,。；;！!？?、]{0,2}[吗么嘛])"
    # another person's title ("我其实是省151重点资助培养人员，正高是我同事", dev57)
    r"|^(?:职称)?是(?:我)?(?:同事|朋友|老公|老婆|爱人|丈夫|妻子|父亲|母亲|爸|妈|领导|老板|合伙人|别人|他|她)(?:的)?(?=[，,。；;！!？?]|$)"
)


# a prize's age, said as years before now ("七八年前", "6年前", "十年前拿的"): the lower figure of a range
_YEARS_AGO = re.compile(
    r"(\d{1,2}|[一二两三四五六七八九十]{1,2})(?:[一二三四五六七八九]|多)?个?年(?:以前|之前|前)"
)
# the prize shared, not won as its first completer
_NOT_FIRST = re.compile(
    r"第[二三四五六七八九2-9]完成人|完成人之一|参与(?:者|人)|不是第[一1]完成人|非第[一1]完成人"
)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` holding text[start:end] (up to 。？！；)."""
    left = max(text.rfind(c, 0, start) for c in "。？?！!；;")
    rights = [i for i in (text.find(c, end) for c in "。？?！!；;") if i >= 0]
    return text[left + 1 : min(rights) if rights else len(text)]


# whether a prize's age is what is asked ("这个老奖还能用吗", "还算不算", "过期了吗"): only then is its year checked
# against 近5年 here — otherwise the category is said with its condition beside it (须为近5年内获奖…)
_AGE_ASKED = re.compile(
    r"还能用|还算|还有效|有效期|过期|过了|超过|近5年|近五年|五年内|5年内|老奖|还认|还管用|时间久|这么久"
    # "我七年前拿过温州市科技进步奖二等奖…靠这个奖能不能算县里第五类人才" (dev67): whether the old prize counts
    r"|靠这个奖?|凭这个奖?|这个奖\S{0,4}(?:能不能|能否|可不可以|算不算)"
)
# another event or time between a years-ago and the prize: the years are that event's ("我十年前来永嘉，去年拿了…")
_OTHER_EVENT = re.compile(
    r"来|到|回|毕业|工作|创业|入职|成立|注册|去年|前年|今年|上年|最近|近几年|这几年|后来|之后|然后"
)


def _years_ago_of(sentence: str, said: str) -> int | None:
    """How many years ago the words say the prize `said` was won ("我大概七八年前拿过一次县科技进步一等奖"): a years-ago
    before it in its clause, or in the clause before, with no other event or time between; None otherwise."""
    pieces = re.split(r"[，,]", sentence)
    at = next((i for i, p in enumerate(pieces) if said in p), None)
    if at is None:
        return None
    before = "，".join(pieces[max(0, at - 1) : at] + [pieces[at].split(said, 1)[0]])
    matches = list(_YEARS_AGO.finditer(before))
    if not matches or _OTHER_EVENT.search(before[matches[-1].end() :]):
        return None
    return _years_ago(matches[-1].group(0))


def _years_ago(sentence: str) -> int | None:
    m = _YEARS_AGO.search(sentence)
    if m is None:
        return None
    raw = m.group(1)
    if raw.isdigit():
        return int(raw)
    if len(raw) == 2 and "十" not in raw:
        raw = raw[0]  # "七八年前": a range, its lower figure
    n = cn_number(raw)
    return int(n) if n is not None else None


def as_matched(text: str) -> str:
    """`text` as the catalogue reads it (compacted, a 的 inside a title dropped: 浙江省的千人计划 → 浙江省千人计划), in
    which `Match.surfaces` are found."""
    return _INNER_DE.sub("", compact(text))


def said_unmet(text: str, title: str) -> str | None:
    """The words of `text` saying that `title`'s condition is not met ("七八年前拿过一次县科技进步一等奖": not
    近5年), for the title to be read in it — None when the words say no such thing. The NLU hands the title
    alone on, without the years said beside it."""
    cat = catalogue()
    listed = cat.match(title).honours
    if len(listed) != 1 or not (listed[0].within_years or listed[0].first_completer):
        return None
    found = cat.match(text)
    if listed[0] in found.honours:
        return None
    words = as_matched(text)
    for said in found.unlisted:
        if cat.match(said).honours == listed and said in words:
            # (the whole message: whether the prize's age is asked may be said in another sentence)
            return words
    return None


def applied_for(text: str) -> list[str]:
    """The listed titles the words say are only applied for ("我今年在报国家千人计划，结果还没出来"), by catalogue name."""
    words = as_matched(text)
    if not _PENDING_CUE.search(words):
        return []  # (asked of every chat turn: the titles are looked for only after a word of applying)
    cat = catalogue()
    out = []
    for h in cat.honours.values():
        spans = _mention_spans(words, _mentions_of(h.name))
        if spans and all(_PENDING_BEFORE.search(words[max(0, s - 8) : s]) for s, _ in spans):
            out.append(h.name)
    return out


def mentioned(text: str, title: str) -> bool:
    """Whether `text` names `title` by any of its aliases."""
    return bool(_mention_spans(as_matched(text), _mentions_of(title)))


def said_not_held(text: str, title: str) -> bool:
    """Whether every mention of `title` in `text` is denied right before it ("也不是院士") or right after it
    ("正高还没评上"), or quotes the document ("第3类写的是省科学技术重大贡献奖"). A catalogue title is mentioned by any of its aliases: "他入选的是温州580计划，不是省千人"
    denies 省“千人计划”入选者, the name the slot holds (dev57)."""
    words = as_matched(text)
    spans = _mention_spans(words, _mentions_of(title))
    return bool(spans) and all(_denied_at(words, s, e) or _quoted_or_compared(words, s, e) for s, e in spans)


def _mention_spans(text: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each mention in `text` of any of `names` (longest first), none overlapping, in order."""
    spans: list[tuple[int, int]] = []
    for name in names:
        for m in re.finditer(re.escape(name), text) if name else ():
            if not any(s < m.end() and m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
    return sorted(spans)


@cache
def _mentions_of(title: str) -> tuple[str, ...]:
    """`title` and, when it is a catalogue title's name, its aliases — longest first (cached: every chat turn asks
    it of each title held, and `catalogues` lists the data folder)."""
    names = [title]
    for cat in catalogues().values():
        names += [a for h in cat.honours.values() if h.name == title for a in h.aliases]
    return _longest_first([n for n in names if compact(n)])


# a title quoted from the document ("我看永嘉的文件里第5类写的是省科技进步奖二等奖…，第3类写的是省科学技术重大贡献奖"):
# what a category lists, not what the talent holds
_CITED_WINDOW = 16
# a title the asker sets their own beside ("这个奖跟省科学技术重大贡献奖是不是一个级别", dev63): compared, not held
# a title applied for, not yet held ("他今年正在报浙江省千人计划，结果还没出来", dev65) — not "以永嘉地申报入选的"
_PENDING_CUE = re.compile(r"申报|报|申请|参评|评|冲")
_PENDING_BEFORE = re.compile(r"(?:正在|还在|在|准备|打算|计划|想)(?:申报|报|申请|参评|评|冲)(?:了)?$")
_COMPARED_BEFORE = re.compile(r"(?:跟|和|与|同)(?:市|省|县|国家)?$")
# a kind of person named as an example, not a title held: "院士那种大牛", "千人计划之类的"
_A_KIND_AFTER = re.compile(r"那种|那样的|之类")
# (a level asked, not "一样"/"相当", which people also say of a title they hold: "我跟他一样是省千人")
_COMPARED_AFTER = re.compile(
    r"^[^，,。；;！!？?]{0,6}?(?:一个级别|同一级别|一个档次|同一档|同一个档|同级|平级)"
    # a category set beside another title's ("他说市首席技师在永嘉跟市580一样算第4类，是这样吗", dev69)
    r"|^[^，,。；;！!？?]{0,3}?一样(?:算|是|属于|归|列)第?[1-5一二三四五]类"
)


def _quoted_or_compared(text: str, start: int, end: int) -> bool:
    """Whether the title at text[start:end] quotes the document (第3类写的是…), is set beside the asker's own
    (…跟省科学技术重大贡献奖是不是一个级别) or is only applied for (正在报浙江省千人计划，结果还没出来): a title named, not
    held."""
    if _CITED_BEFORE.search(text[max(0, start - _CITED_WINDOW) : start]):
        return True
    if _PENDING_BEFORE.search(text[max(0, start - 8) : start]):
        return True
    return bool(
        _COMPARED_BEFORE.search(text[max(0, start - 3) : start]) and _COMPARED_AFTER.search(text[end:])
    )


_CITED_BEFORE = re.compile(
    r"(?:第[1-5一二三四五]类|文件|目录|政策|条文|名单)(?:里|里面|上|中)?[^，,。；;！!？?]{0,4}?"
    # (the text is read with a 的 between characters dropped: 写的是 is 写是 here)
    r"(?:写的?是|写着|写了|列的?是|列着|列了|规定的?是|规定了|说的?是)[^，,。；;！!？?]{0,3}$"
)


def _denied_at(words: str, start: int, end: int) -> bool:
    """Whether the title at words[start:end] is denied right before or right after it."""
    return bool(
        _DENIED.search(words[max(0, start - _DENIAL_WINDOW) : start])
        or _DENIED_AFTER.search(words[end : end + 12])
    )


# a platform named after a title (台州 二、5. "千人计划”专家工作站", 四、12. "千人计划”产业园", 经开区的千人园;
# 永嘉 三（六） "博士后科研工作站", 博士后站 — dev46)
_PLATFORM_AFTER = re.compile(r"(?:专家|科研|创新实践)?(?:产业园|园区|园|工作站|研究院|小镇|站)")
_INNER_DE = re.compile(
    r"(?<=[\u4e00-\u9fff0-9”」])的(?=[\u4e00-\u9fff“「])"
)  # 151的重点资助, 市级“首席技师”的


@cache
def _alias_patterns(edition_id: str) -> list[tuple[str, str, str]]:
    cat = catalogue(edition_id)
    pats: dict[str, tuple[str, str]] = {}
    for term in cat.unlisted:
        pats[compact(term)] = ("unlisted", term)
    for alias in cat.ambiguous:
        pats.setdefault(compact(alias), ("ambiguous", alias))
    for h in cat.honours.values():
        for a in (h.name, *h.aliases):
            pats[compact(a)] = ("honour", h.id)  # an explicit honour alias wins over an ambiguous one
    return sorted(((a, k, t) for a, (k, t) in pats.items() if a), key=lambda p: -len(p[0]))


def _load(path: Path) -> Catalogue:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    ed = edition(data["edition"])

    def cite(quote: str) -> Citation:
        return Citation(doc=ed.doc, clause=str(data["clause"]), quote=quote, title=ed.title, region=ed.region)

    honours = {
        h["id"]: Honour(
            id=h["id"],
            name=h["name"],
            category=int(h["category"]),
            aliases=tuple(str(a) for a in h["aliases"]),
            citation=cite(h["quote"]),
            needs_confirmation=h.get("needs_confirmation", ""),
            levels=tuple(h["levels"]) if "levels" in h else None,
            hints=tuple(data.get("hints", {}).get(h["id"], ())),
            within_years=int(h["within_years"]) if "within_years" in h else None,
            first_completer=bool(h.get("first_completer", False)),
        )
        for h in data["honours"]
    }
    q = data.get("qualifiers", {})
    qualifiers = Qualifiers(
        negating_before=_longest_first(q.get("negating_before", [])),
        negating_after=_longest_first(q.get("negating_after", [])),
        level_words=tuple(
            sorted(
                ((compact(w), level) for level, ws in q.get("levels", {}).items() for w in ws),
                key=lambda p: -len(p[0]),
            )
        ),
        other=_longest_first(q.get("other", [])),
        category_levels={int(k): tuple(v) for k, v in q.get("category_levels", {}).items()},
    )
    a = data["assessment"]
    special = Citation(
        doc=ed.doc, clause="三（十一）", quote=a["special_quote"], title=ed.title, region=ed.region
    )
    return Catalogue(
        edition=ed,
        honours=honours,
        ambiguous={str(k): tuple(v) for k, v in data.get("ambiguous", {}).items()},
        unlisted={str(k): str(v) for k, v in data.get("known_unlisted", {}).items()},
        assessment_who=a["who"],
        assessment_citation=cite(a["quote"]),
        special_citation=special,
        adjustment_citation=(
            Citation(
                doc=ed.doc, clause="三（十一）", quote=a["adjustment_quote"], title=ed.title, region=ed.region
            )
            if a.get("adjustment_quote")
            else None
        ),
        qualifiers=qualifiers,
        domestic_only=tuple(str(h) for h in (data.get("domestic_only") or {}).get("honours", [])),
        foreign_markers=_longest_first((data.get("domestic_only") or {}).get("foreign_markers", [])),
        foreign_note=str((data.get("domestic_only") or {}).get("note", "")),
        classes={
            str(c["name"]): (int(n), cite(str(c["quote"]))) for n, c in (data.get("classes") or {}).items()
        },
    )


# a title that is a role in a body ends so (市级以上重点创新团队带头人), and the role may be said later in other words
_ROLE_SUFFIXES = ("带头人", "领衔人", "负责人", "领头", "带头", "负责")
_ROLE_WORDS = ("带头人", "领衔人", "负责人", "牵头", "领衔", "带头", "领头")
_ROLE_STEM_MIN = 6
_ROLE_REACH = 16


@cache
def _role_stems(edition_id: str) -> tuple[tuple[str, Honour], ...]:
    """(body name, honour) for every honour whose name or alias is a body's name + a role (市级以上重点创新团队带头人 →
    重点创新团队, 市级重点创新团队 …), longest body first."""
    stems: dict[str, Honour] = {}
    for h in catalogue(edition_id).honours.values():
        for alias in (h.name, *h.aliases):
            for role in _ROLE_SUFFIXES:
                body = alias.removesuffix(role)
                if body != alias and len(body) >= _ROLE_STEM_MIN:
                    stems.setdefault(compact(body), h)
    return tuple(sorted(stems.items(), key=lambda x: -len(x[0])))


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted((compact(w) for w in words), key=lambda w: -len(w)))


@cache
def catalogue(edition_id: str = "yongjia-2016") -> Catalogue:
    return _load(DATA_DIR / f"catalogue-{edition_id}.yaml")


def catalogues() -> dict[str, Catalogue]:
    return {
        p.stem.removeprefix("catalogue-"): catalogue(p.stem.removeprefix("catalogue-"))
        for p in sorted(DATA_DIR.glob("catalogue-*.yaml"))
    }


@cache
def class_names() -> Mapping[str, int]:
    """Every catalogue's category names (国家级领军人才 → 2), longest first, for reading a category from words.

    Cached and read-only: `inputs.category` and the NLU's entity rules read it on every message."""
    names = {name: n for cat in catalogues().values() for name, (n, _) in cat.classes.items()}
    return MappingProxyType(dict(sorted(names.items(), key=lambda kv: -len(kv[0]))))


@cache
def class_pattern() -> re.Pattern[str] | None:
    """One pattern for every category name (`class_names`, longest first); None when no catalogue names any."""
    names = class_names()
    return re.compile("|".join(re.escape(n) for n in names)) if names else None


def user_dictionary_terms() -> list[str]:
    """Every honour name and alias (for jieba's user dictionary and spaCy's EntityRuler)."""
    terms: set[str] = set()
    for cat in catalogues().values():
        for h in cat.honours.values():
            terms.update(t for t in (h.name, *h.aliases) if t)
        terms.update(cat.ambiguous)
        terms.update(cat.unlisted)
    return sorted(terms)
