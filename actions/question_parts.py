"""A message that asks two things of one clause or article gets the part of it each asks.

Why: "材料交上去以后会不会有人来公司实地查？最后名单谁拍板，要不要公示？" was answered with 附件2 第八条（五）
(公示) alone — the whole message matches 公示 best, and 第八条（三）'s 实地核查 was lost; "项目最长可以做几年？
还有，要是被查出来材料有假会怎么样？" got 附件1 四（三） without 四（一）'s 5年. Each question part is searched on
its own, and a part whose best passage is a *sibling sub-clause* of one the turn already cites (same
document, same article, another （…）), or *another sentence group of a clause it cites* (台州 二、6.'s 资质证书
sentence beside its 出国境培训班 sentence, dev48), is quoted after the answer.

After a computed answer only the second kind, and never the group the figure was computed from (the cited
quote): "刚开的公司能不能直接进孵化器？贷款能按多少额度贴息？" gets 三（三）'s 孵化器 sentence after the loan figure
(dev51), but not the loan sentence with every category's ceilings. A part matched to another article is
left alone, because a part searched without the rest of the message often matches a passage that merely
shares its words (a category list for "算不算领军人才", 金卡 spots for a 阀门 question) — a wrong figure
beside a right answer is worse than a part left to a follow-up.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from actions.clauses import (
    EXTRA_MIN_SCORE,
    LEAD_MIN_SCORE,
    best_clause,
    clause_reply,
    is_other_clause,
    is_statement,
    other_project_type,
)
from actions.phrasing import message_citations
from actions.topics import passage_result
from policy_kb import api
from policy_kb.model import Result
from policy_kb.passages import UNITS_NOTE
from policy_kb.search import compact

# where one question ends and the next begins ("…实地查？最后名单…", "…几年？还有，要是…")
_PART_BREAK = re.compile(r"(?<=[？?])|还有[，,]|另外[，,]?|[；;]")
_SHORTEST_PART = 4
# "附件2 第八条（三）" → ("附件2 第八条", "（三）"): the article and the sub-clause
_SUB_CLAUSE = re.compile(r"^(.+?)(（[^）]+）)")
# a turn whose answer quotes a clause (a passage, a fallback guess) rather than computing a figure
_QUOTED = re.compile(r"^(?:《|我不太确定|永委办发|台市委发)")
# an article of an attachment ("附件2 第八条", "附件1 四")
_ARTICLE = re.compile(r"附件|第[一二三四五六七八九十]+条")
# how deep the whole message's own search must rank a part's passage (it is about the same matter)
_WHOLE_DEPTH = 20


def question_parts(text: str) -> list[str]:
    """The question parts of a message, in order; one part (or none) for a message asking one thing."""
    parts = (p.strip(" ，,。") for p in _PART_BREAK.split(text or ""))
    return [p for p in parts if len(p) >= _SHORTEST_PART and not is_statement(p)]


def _article(clause: str) -> str | None:
    """The article of a sub-clause ("附件2 第八条" of "附件2 第八条（三）"); None for a clause without one, and
    for the main text's parts (三（二） and 三（四） are two policies of 三 支持政策 that share words such as 配套,
    not two steps of one article: "团队本身县里配不配套？" is 三（二）'s, dev37)."""
    m = _SUB_CLAUSE.match(clause or "")
    return m.group(1) if m and _ARTICLE.search(m.group(1)) else None


# a sentence of a passage, with its 。 (a 责任单位 note after the last one stays with it)
_SENTENCE = re.compile(r"[^。]+。(?:\s*[（(](?:责任单位|牵头单位)[^）)]*[）)])?|[^。]+$")
_OVERLAP_CHARS = 12  # a run this long shared by a cited quote and a passage: the same sentence
_PART_PAIRS = 4  # character pairs a part must share with a sentence to be asking it
_NUMBERING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]|^\d+\.\s*")


def _is_heading(sentence: str, title: str) -> bool:
    """Whether a sentence is only its clause's heading ("（一）加大领军型创新创业人才奖励资助力度。")."""
    return compact(_NUMBERING.sub("", sentence.strip())).rstrip("。") == compact(title)


def _shared_pairs(part: str, sentence: str) -> int:
    """How many character pairs of a question part a sentence holds: which sentence of a group the part asks."""
    words, text = compact(part), compact(sentence)
    return len(
        {words[i : i + 2] for i in range(len(words) - 1)} & {text[i : i + 2] for i in range(len(text) - 1)}
    )


def _overlaps(quote: str, passage: str) -> bool:
    """Whether a cited quote and a passage share a sentence (one holds a long run of the other)."""
    if not quote or not passage:
        return False
    if quote in passage or passage in quote:
        return True
    step = _OVERLAP_CHARS // 2
    return any(
        quote[i : i + _OVERLAP_CHARS] in passage
        for i in range(0, max(len(quote) - _OVERLAP_CHARS, 0) + 1, step)
    )


# a reply is read on a phone: more parts than this are left to the clauses the answer offers
MAX_PART_CLAUSES = 2


def unanswered_part_clauses(text: str, region: str | None, answer: Result) -> list[Result]:
    """The clauses the question parts of `text` plainly ask (LEAD_MIN_SCORE) that `answer` does not cite, in the
    parts' order, each once; [] for a message asking one thing, or when every part is answered.

    Why: "他在不在引才对象范围里？企业每年最多能拿多少奖励？" (dev63) was answered 附件2 第四条 for its first part, and the
    whole message's best other clause, 三（九）, stood for the second — its 每年最高15万元 is a firm's cap; the part alone
    is 附件2 第七条's 每人每年5万元, 同一企业15万元. "算不算柔性引才？…比例多少、一家企业封顶多少？" (dev51) asks 附件2
    第二条 and 第七条 both."""
    parts = question_parts(text)
    if len(parts) < 2:
        return []
    found: list[Result] = []
    for part in parts:
        clause = best_clause(part, region, LEAD_MIN_SCORE)
        if (
            clause is not None
            and is_other_clause(clause, answer)
            and not other_project_type(clause, text)
            and all(is_other_clause(clause, f) for f in found)
        ):
            found.append(clause)
    return found[:MAX_PART_CLAUSES]


def sibling_replies(text: str, region: str | None, messages: list[dict[str, Any]]) -> list[Any]:
    """Replies quoting, for each question part of `text`, the sibling sub-clause it asks that the turn's
    `messages` do not cite yet; [] for a message asking one thing."""
    parts = question_parts(text)
    cited = message_citations(messages)
    if len(parts) < 2 or not cited:
        return []
    quoted = bool(_QUOTED.match(str(messages[0].get("text") or "")))
    cited_clauses = {(str(c.get("doc")), str(c.get("clause"))) for c in cited}
    # after a computed answer, only the other sentence groups of the clauses it rests on: "刚开的科技公司能不能直接
    # 进县里的孵化器？…贷款能按多少额度贴息？" is 三（三）'s 孵化器 sentence beside the loan figures (dev51) — never the
    # group whose sentence the figure was computed from (its other categories' figures would only confuse)
    quotes = [compact(str(c.get("quote") or "")) for c in cited] if not quoted else []
    articles = {(doc, a) for doc, clause in cited_clauses if (a := _article(clause))} if quoted else set()
    shown = compact("".join(str(m.get("text") or "") for m in messages))
    try:
        whole = {h.passage_id for h in api.search(text, k=_WHOLE_DEPTH, region=region)}
    except Exception:  # a search failure must not cost the talent the answer already given
        return []
    replies: list[Any] = []
    for part in parts:
        try:
            hits = api.search(part, k=1, region=region)
        except Exception:
            return replies
        if not hits or hits[0].score < EXTRA_MIN_SCORE:
            continue
        hit = hits[0]
        if hit.kind != "passage" or other_project_type(passage_result(hit, "clause"), text):
            continue  # a 金卡 service line or the other project type's tranche is not what was asked
        key = (hit.citation.doc, hit.citation.clause)
        if key not in cited_clauses and (
            hit.passage_id not in whole or (key[0], _article(key[1])) not in articles
        ):
            # (another sentence group of a clause quoted in part is that clause's too, however the whole message
            # ranks it: "考了国际公认的行业资质证书有奖励吗？每年办几个出国境培训班？" asks two groups of 台州 二、6., dev48)
            continue
        core = compact(UNITS_NOTE.sub("", hit.text))  # (a 台州 group shown with or without its 责任单位 note)
        if core in shown:
            continue  # the answer already quotes it
        if any(_overlaps(q, core) for q in quotes):
            # the group the figure was computed from: the part's own sentence of it, when that is another one ("国企
            # 技术骨干拿股权奖励，要连续干满几年、按什么比例？…改革做法被全省推广了，能奖多少？" — 六、25.'s 股权 sentence
            # beside the 30万元 computed, dev51); nothing when the part asks the computed sentence itself
            said = [s for s in _SENTENCE.findall(hit.text) if not _is_heading(s, hit.title)]
            best = max(said, key=lambda s: _shared_pairs(part, s), default="")
            if (
                _shared_pairs(part, best) < _PART_PAIRS
                or any(_overlaps(q, compact(best)) for q in quotes)
                or compact(best) in shown
            ):
                continue
            hit = replace(hit, text=best)
        cited_clauses.add(key)
        shown += compact(hit.text)
        replies.append(clause_reply(passage_result(hit, "clause"), lead="另外，"))
    return replies
