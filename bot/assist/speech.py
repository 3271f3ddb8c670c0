"""话术: a short script staff can read out, generated from the clause that answers the query.

Why generated and not written per clause: the texts are long official prose, and the sentence that
answers depends on what was asked. The script is "根据《document》clause, <the sentence(s) that match the
query>", with the clause label turned into words one can say (附件3 二（三） → 第二条第三款), the
clause's own heading dropped, and Taizhou's （责任单位：…） read out as who is responsible. The words
themselves are the source's; nothing is paraphrased, so nothing can be paraphrased wrongly.

A clause that introduces a list (“须提供的材料包括：”) is read with its items: the sentence that leads
into the list, then every item — whole when short, otherwise its first and last phrases (where the
heading and the outcome sit: “1、项目申请人创办企业，……拨付第一期40%的资助资金。”) and the phrases
that match the query, with “……” where something is left out.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from policy_kb.editions import edition
from policy_kb.passages import all_passages, document_for_edition
from policy_kb.search import QUOTES, SearchHit, query_terms
from policy_kb.services import BASIS_NOTE, CardBenefit, GoldCard, Service

MAX_CHARS = 160  # about twenty seconds of speech
LIST_CHARS = 320  # the items of a list together, when they have to be shortened
MIN_ITEM_CHARS = 48  # no item is cut shorter than this
MARKER = re.compile(
    r"^\s*(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d{1,2}[.．、]\s*|第[一二三四五六七八九十]+条\s*)"
)
UNITS = re.compile(r"（(责任单位|牵头单位)[:：]([^（）]*(?:（[^（）]*）[^（）]*)*)）\s*$")
HAN = "一二三四五六七八九十"


# ---- saying where it is written ------------------------------------------------------------------


def spoken_clause(clause: str, parts_and_items: bool) -> str:
    """附件3 二（三） → 第二条第三款; 三、9. → 第三部分第9条; 附件2 第八条（二）1 → 第八条第二款第1项."""
    clause = re.sub(r"^附件\d\s*", "", clause).strip()
    if clause in {"前言", "通知", "附件目录", ""}:
        return {"前言": "前言", "通知": "印发通知", "附件目录": "附件目录"}.get(clause, "")
    out = []
    for m in re.finditer(
        rf"第[{HAN}]+条|（([{HAN}]+)）|第(\d)类|、(\d+)\.|、([^、\s]+)$|([{HAN}]+)|(\d+)", clause
    ):
        whole, sub, cat, item, goal, part, num = m.group(0), *m.groups()
        if whole.startswith("第") and whole.endswith("条"):
            out.append(whole)
        elif sub:
            out.append(f"第{sub}款")
        elif cat:
            out.append(f"第{cat}类")
        elif item:
            out.append(f"第{item}条")
        elif goal:
            out.append(f"“{goal}”")
        elif part:
            out.append(f"第{part}部分" if parts_and_items else f"第{part}条")
        elif num:
            out.append(f"第{num}项")
    return "".join(out)


@cache
def _items_numbered_through(edition_id: str) -> bool:
    """True for a plan numbered 一、 … with items 1.–30. running through it (台州), where 一 is a part
    and 9. an article; False for 条/款/项 documents (永嘉), where 二 is read as 第二条."""
    return any(re.search(r"、\d+\.$", p.clause) for p in all_passages() if p.edition == edition_id)


def reference(edition_id: str, clause: str) -> str:
    """根据《title》clause — the annex's own title for 附件N clauses, the document's otherwise."""
    doc = document_for_edition(edition_id)
    annex = re.match(r"附件(\d)", clause)
    annexes = edition(edition_id).attachments
    where = spoken_clause(clause, _items_numbered_through(edition_id))
    if annex and f"附件{annex.group(1)}" in annexes:
        title = f"《{annexes[f'附件{annex.group(1)}']}》（{doc.doc}附件{annex.group(1)}）"
    else:
        title = f"《{doc.title}》"
    return f"根据{title}{where}"


# ---- choosing what to say ------------------------------------------------------------------------


def _segments(text: str) -> list[tuple[int, str, str]]:
    """(sentence index, lead-in, segment): sentences, and long sentences cut at ；."""
    out: list[tuple[int, str, str]] = []
    for i, sentence in enumerate(s for s in re.split(r"(?<=。)", text) if s.strip()):
        if len(sentence) <= MAX_CHARS or "；" not in sentence:
            out.append((i, "", sentence))
            continue
        head, sep, _ = sentence.partition("：")
        lead = head + sep if sep and "；" not in head and len(head) <= 30 else ""
        body = sentence[len(lead) :]
        out += [
            (i, lead, seg.rstrip("；。") + "。") for seg in re.split(r"(?<=；)", body) if seg.strip("；。 ")
        ]
    return out


@lru_cache(maxsize=512)
def _terms(query: str) -> dict[str, float]:
    """The query's weighted words (typed, aliases, synonyms), once per query for all its hits."""
    return query_terms(query)


def _plain(text: str) -> str:
    """compact() without traditional → simplified: the sources are simplified already, and OpenCC is
    the slowest step of normalising."""
    return QUOTES.sub("", re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))).lower()


def _score(segment: str, terms: dict[str, float]) -> float:
    text = _plain(segment)
    return sum(w * len(t) for t, w in terms.items() if (len(t) > 1 or t.isdigit()) and t in text)


def _strip_heading(text: str, title: str) -> str:
    text = MARKER.sub("", text, count=1).strip()
    # a heading ends with 。 or ：, or (一、服务对象本办法所称…) runs straight into the text
    for end in ("。", "：", ""):
        if title and text.startswith(title + end) and len(text) > len(title) + 10:
            return text[len(title) + len(end) :].strip()
    return text


def _shorten(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = max(text.rfind(p, 0, MAX_CHARS) for p in "，；、")
    return text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS] + "……"


def matched_terms(text: str, query: str, title: str = "") -> frozenset[str]:
    """The query's words (typed, aliases, synonyms) that the text says, its heading aside."""
    body = _plain(_strip_heading(UNITS.sub("", text), title))
    return frozenset(t for t in _terms(query) if (len(t) > 1 or t.isdigit()) and t in body)


def _from_focus(text: str, focus: re.Pattern[str] | None) -> str:
    """Too long to read whole, a sentence stating `focus` is read from the phrase that states it: the
    前言's one long sentence (文号、抬头、目的) is read from 根据《…》（温委办发〔2015〕49号）."""
    m = focus.search(text) if focus is not None and len(text) > MAX_CHARS else None
    if m is None:
        return text
    start = max(text.rfind(p, 0, m.start()) for p in "：，；。") + 1
    return "……" + text[start:] if start > 0 else text


def best_sentences(text: str, query: str, title: str = "", focus: re.Pattern[str] | None = None) -> str:
    """The one or two sentences (or ；-segments) of `text` that share most words with the query; a
    sentence stating `focus` (the aspect asked: 根据《 for "82号文 依据") first, whatever words it shares."""
    body, units = text, ""
    m = UNITS.search(body)
    if m:
        body, units = body[: m.start()], f"{m.group(1)}：{m.group(2)}。"
    body = _strip_heading(body, title)
    segments = _segments(body)
    if not segments:
        return units
    if len(body) <= MAX_CHARS:
        # a short clause is read whole: its caps and its rate are one rule (附件2 第七条's 20% and 5万/15万)
        return body + (("" if body.endswith("。") else "。") + units if units else "")
    terms = _terms(query)
    scored = sorted(
        range(len(segments)),
        key=lambda i: (not (focus and focus.search(segments[i][2])), -_score(segments[i][2], terms), i),
    )
    chosen = [scored[0]]
    best = _score(segments[scored[0]][2], terms)
    if len(scored) > 1:
        nxt = scored[1]
        joined = len(segments[scored[0]][2]) + len(segments[nxt][2])
        if (best == 0 or _score(segments[nxt][2], terms) >= best / 2) and joined <= MAX_CHARS:
            chosen.append(nxt)
    parts, lead_done = [], set()
    for i in sorted(chosen):
        sentence, lead, segment = segments[i]
        if lead and sentence not in lead_done:
            segment = lead + segment
            lead_done.add(sentence)
        parts.append(segment)
    said = _shorten(_from_focus("".join(parts), focus))
    return said + (("" if said.endswith(("。", "……")) else "。") + units if units else "")


# ---- the three kinds of search hit ---------------------------------------------------------------


def _phrases(text: str) -> list[str]:
    return [p for p in re.split(r"(?<=[，；。：])", text) if p]


def short_item(item: str, query: str, budget: int) -> str:
    """One list item within `budget` characters: whole, or its first and last phrases plus the phrases
    that share most words with the query, in the text's order, “……” marking each gap."""
    if len(item) <= budget:
        return item
    phrases = _phrases(item)
    if len(phrases) < 3:
        return _shorten(item) if len(item) > MAX_CHARS else item
    keep = {0, len(phrases) - 1}
    used = len(phrases[0]) + len(phrases[-1])
    terms = _terms(query)
    middle = sorted(range(1, len(phrases) - 1), key=lambda i: (-_score(phrases[i], terms), i))
    for rank, i in enumerate(middle):
        # the phrase that matches the query best is kept even over the budget: it is what was asked
        if _score(phrases[i], terms) <= 0 or (rank and used + len(phrases[i]) > budget):
            continue
        keep.add(i)
        used += len(phrases[i])
    out, prev = "", -1
    for i in sorted(keep):
        if prev >= 0 and i != prev + 1:
            out = out.rstrip("，；、") + "……"
        out += phrases[i]
        prev = i
    return out


def list_script(intro: str, items: tuple[str, ...], query: str, title: str = "") -> str:
    """A clause that ends by introducing a list, read with the list: the lead-in, then each item."""
    body = _strip_heading(intro, title) if len(intro) > len(title) + 10 else MARKER.sub("", intro).strip()
    before, _, _ = body.rpartition("。")
    lead = body[len(before) + 1 :] if before else body
    said = ""
    if before:
        context = best_sentences(before + "。", query)
        if _score(context, _terms(query)) > 0:
            said = context if context.endswith(("。", "……")) else context + "。"
    budget = max(MIN_ITEM_CHARS, LIST_CHARS // max(len(items), 1))
    return said + lead + "".join(short_item(i, query, budget) for i in items)


def passage_script(hit: SearchHit, query: str, focus: re.Pattern[str] | None = None) -> str:
    where = reference(hit.edition, hit.citation.clause)
    if hit.items:
        intro = hit.text[: len(hit.text) - sum(len(i) for i in hit.items)]
        return f"{where}，{list_script(intro, hit.items, query, hit.title)}"
    return f"{where}，{best_sentences(hit.text, query, hit.title, focus)}"


def gold_card_script(hit: SearchHit, card: GoldCard, benefit: CardBenefit) -> str:
    quote = benefit.citation.display_quote().rstrip("。；")
    said = f"{card.name}持卡人{card.precondition}享有：{quote}。" if card.precondition else f"{quote}。"
    if benefit.departments:
        said += f"相关部门：{'、'.join(benefit.departments)}{BASIS_NOTE[benefit.departments_basis]}。"
    if card.holders_note:
        said += f"注意：{card.holders_note}。"
    return f"{reference(hit.edition, hit.citation.clause)}，{said}"


def service_script(hit: SearchHit, service: Service) -> str:
    return (
        f"{reference(hit.edition, hit.citation.clause)}，{hit.region}{service.name}：{service.content}。"
        f"{service.units_text()}。"
    )
