"""Route by clause: the passage of the policy text that the talent's own words are about.

Why beside the topics: an intent names a *topic* (柔性引才), but people ask about one *clause* of it
(户口社保要不要转 is 附件2 第二条, not 第七条's reward formula). The topic's rule answers questions about
its amount; the clause the question is about answers everything else. Measured on the blind dev split
(evaluation/blind/dev, results/blind_eval.md): the best passage alone held the answer for 59% of the
chat questions, and for 92 questions the topic answer missed. So a reply that would only ask, or that
answers from another clause, also gets the clause the words point to.

Scores are policy_kb.search's BM25: below WEAK_MIN_SCORE a passage is noise; between the two it is shown
only when the topic has nothing of its own to say (a question back, a fallback).
"""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.phrasing import Reply, citation_dicts, citation_line
from actions.topics import passage_result
from policy_kb import api, registry
from policy_kb.model import Result

WEAK_MIN_SCORE = 10.0  # a passage shown instead of a bare question or an apology
EXTRA_MIN_SCORE = 15.0  # a passage of another clause shown after a decided answer
# "那第二期呢", "具体多少", "一年能补几次": short follow-ups are read with the message before them
FOLLOWUP_MAX_CHARS = 15
FOLLOWUP_STARTS = ("那", "这", "那么", "具体", "还有", "另外", "如果", "要是", "其中")


def question_text(tracker: Tracker) -> str:
    """The latest message, with the one before it when it reads as a follow-up."""
    text = ((tracker.latest_message or {}).get("text") or "").strip()
    if not text or text.startswith("/"):
        return ""
    if len(text) > FOLLOWUP_MAX_CHARS and not text.startswith(FOLLOWUP_STARTS):
        return text
    users = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    earlier = [t for t in users[:-1] if t and not t.startswith("/")]
    return f"{earlier[-1]} {text}" if earlier else text


def best_clause(text: str, region: str | None, min_score: float) -> Result | None:
    """The best-matching passage as a Result citing its clause, or None below `min_score`."""
    if not text:
        return None
    try:
        hits = api.search(text, k=1, region=region)
    except Exception:  # a search failure must not cost the talent the topic's own answer
        return None
    if not hits or hits[0].score < min_score:
        return None
    return passage_result(hits[0], "clause")


def clause_reply(clause: Result, lead: str = "") -> Reply:
    return Reply(
        text="\n".join(x for x in (lead + clause.answer, citation_line(clause.citations)) if x),
        citations=citation_dicts(clause.citations),
    )


def is_other_clause(clause: Result, answer: Result) -> bool:
    """True when the passage rests on a clause the topic's answer does not already cite."""
    cited = {(c.doc, c.clause) for c in answer.citations}
    return not any((c.doc, c.clause) in cited for c in clause.citations)


def lead_reply(
    topic_primer: Result | None, clause: Result | None, strong_score: float = EXTRA_MIN_SCORE
) -> Result | None:
    """What goes before a question back: a clearly matching clause, else the topic's primer (how the
    text settles the matter), else a weakly matching clause.

    Why this order: a question naming a listed title (even misspelt) matches its catalogue clause
    strongly and that clause answers it; a question without one ("上市公司高管算第几类") matches nothing
    well, and the primer — titles decide, others are 认定 — is the answer the text gives.
    """
    strong = clause is not None and float(clause.values.get("score") or 0) >= strong_score
    if strong or topic_primer is None or not topic_primer.ok:
        return clause
    return topic_primer


def computed(clause: Result | None, text: str) -> Result | None:
    """The clause's own rule computed with the one amount the words give (policy_kb.registry), when
    the clause has such a rule: "省里资助了1000万，县里配套多少" is answered 1000万元, not with 三（二）'s
    passage alone. None when the clause has no rule for it or the words give no single amount."""
    if clause is None or not clause.citations or not text:
        return None
    try:
        return registry.compute_from_words(clause.citations[0].clause, clause.region or None, text)
    except Exception:  # a figure we cannot compute must not cost the talent the passage itself
        return None
