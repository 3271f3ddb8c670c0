"""Route by clause: the passage of the policy text that the talent's own words are about.

Why beside the topics: an intent names a *topic* (柔性引才), but people ask about one *clause* of it
(户口社保要不要转 is 附件2 第二条, not 第七条's reward formula). The topic's rule answers questions about
its amount; the clause the question is about answers everything else. Measured on the blind dev split
(evaluation/blind/dev, results/blind_eval.md): the best passage alone held the answer for 59% of the
chat questions, and for 92 questions the topic answer missed. So a reply that would only ask, or that
answers from another clause, also gets the clause the words point to.

Scores are policy_kb.search's BM25: below WEAK_MIN_SCORE a passage is noise; between the two it is shown
only when the topic has nothing of its own to say (a question back, a fallback).

When the best clause is not clear — another clause scores close to it (policy_kb.search.close_clauses,
measured on the dev split) — the reply still answers from the best one and adds "您问的也可能是：" with
a button per close clause. The button's payload (/show_clause{"clause_id": …}) names the passage, so
pressing it shows that clause with its citation (ActionShowClause) without another NLU guess. Only a
reply that ends the turn carries them: the web widget shows the last reply's buttons (bot/static/chat.js),
so a question back (region, a missing figure) keeps its own option buttons.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.parsing import Facts, earlier_texts
from actions.phrasing import HANDOFF_BUTTON, Reply, citation_dicts, citation_line, decider, scope_line
from actions.topics import (
    TAIZHOU,
    TOPICS,
    YONGJIA,
    eligibility_figures,
    passage_result,
    taizhou_calculation,
    title_reading,
    titles_named,
)
from policy_kb import api, followups, inputs, reading, registry
from policy_kb.aspects import ASPECTS, Aspect, aspect_hit
from policy_kb.catalogue import catalogue, class_pattern
from policy_kb.counts import counts_summed, per_year_total
from policy_kb.editions import edition_for_region
from policy_kb.model import Result, Status
from policy_kb.money import fmt_yuan
from policy_kb.passages import all_passages, passage_at
from policy_kb.search import (
    MAX_CLOSE,
    PLAIN_SCORE,
    SEVERAL_NEEDS,
    clause_label,
    close_clauses,
    compact,
    hit_by_id,
    nested,
)
from policy_kb.text import GAP_ASKED, SUM_ASKED, normalise

WEAK_MIN_SCORE = 10.0  # a passage shown instead of a bare question or an apology
EXTRA_MIN_SCORE = 15.0  # a passage of another clause shown after a decided answer
LEAD_MIN_SCORE = 2 * EXTRA_MIN_SCORE  # a clause that plainly answers, shown before a 'not regulated' note
# overriding_clause: a clause this strong, scoring this many times the answer's own best clause, answers
# instead of the topic (among the best DECISIVE_DEPTH hits; a cited clause not among them scores 0)
DECISIVE_SCORE = PLAIN_SCORE
DECISIVE_RATIO = 2.0
DECISIVE_DEPTH = 20
# answers the words already pinned to their clause ("从哪天开始执行" → the effective-date clause): a
# document's name matching another clause strongly must not replace them
SETTLED_BY_WORDS = frozenset({"effective_date"})
TRANCHE_RULES = frozenset({"next_tranche", "tranche_conditions"})
# "那第二期呢", "具体多少", "一年能补几次": short follow-ups are read with the message before them
FOLLOWUP_MAX_CHARS = 15
FOLLOWUP_STARTS = (
    "那",
    "这",
    "那么",
    "具体",
    "还有",
    "另外",
    "如果",
    "要是",
    "其中",
    "比如",
    "例如",
    "假如",
    "假设",
)
# "省里批了我们600万，那加上县里的，一共能拿多少": a clause of a longer message that goes on from the one before
FOLLOWUP_CLAUSE = re.compile(r"[，,]\s*那(?:加上|如果|要是|这样|么)")
# "我去年才跳槽到这家国企，能拿吗？": a message of up to FOLLOWUP_REFERS_MAX_CHARS that points back at what
# was just discussed (这家, 能拿吗) names no provision of its own either
FOLLOWUP_REFERS = re.compile(
    r"这家|这个|这项|这笔|这种|该项|上面|刚才|能拿吗|能用吗|能享受吗|能申请吗|能报吗"
    # "我自己是151第三层次，那我跟他是同一类吗？" after "我老公是省151第二层次的，他算哪一类？" (dev23)
    r"|[跟和与][他她]"
    # "我现在还没评上省千人，只是够条件申报，也算在里面吗？" after "以情聚才那套人才服务，哪些人能享受？" (dev30)
    r"|算在里面|在里面吗|算不算在内|也算在内|也算吗"
    # "大概占多少比列，每个新楼盘都有吗" after "台州新开的楼盘里面有专门留给人才的房子？" (dev33): a share of what
    # was just named
    r"|占多少比[例列]?|都有吗|都有没有"
    # "我们这次付了36万，人是全职过来的，能拿回多少？" after "…付给猎头的钱政府管不管？" (dev26): this time's sum of
    # what was just asked about
    r"|这次|这回|能拿回|能报回|能返还"
)
# "不好意思漏了一个，还有一个年薪刚好70万的，三个人加起来一共多少？" (dev35): one more of those just counted, at any
# length up to FOLLOWUP_SUM_MAX_CHARS (an addition, not a correction: the figures before stay)
FOLLOWUP_ADDS = re.compile(r"漏了|漏说|忘了说|少说了")
# "另外两个一个年薪35万、一个120万，三个人公司一共能拿多少" after "海外工程师年薪60万，公司能补多少？" (dev46): people
# besides the one the message before described are added to them, at any length
# ("今年还有一个入选温州580计划的，单位一共能拿多少？" after 国家千人's reward to the employer, dev54: 还有一个)
FOLLOWUP_OTHERS = re.compile(
    r"另外(?:的)?(?:[两二三四五六七八九几]|\d+)\s*[个位名]|还有(?:[一两二三四五六七八九几]|\d+)\s*[个位名]"
)
FOLLOWUP_REFERS_MAX_CHARS = 24
# "我们贷了1500万，利率就是基准4.35%，那一年能补多少？" after the extra year asked about (dev67): the year just named,
# at any length
FOLLOWUP_THAT_YEAR = re.compile(r"那一年(?:能|可以|能够|可)?(?:补|贴|拿|给)")
# "他今年还牵头搞了个市级技能大师工作室，也评上了，两样加起来一共多少钱" after "省首席技师，县里奖多少" (dev28): a
# sum of "both" counts what the message before named too, at any length up to FOLLOWUP_SUM_MAX_CHARS
# ("换成第5类人才也是重点推荐呢？两个差多少钱？", "…两个项目都按最高标准算，加起来最多多少？", dev42: a gap of
# "both", or words between 两个 and the sum)
FOLLOWUP_SUM = re.compile(
    r"(?:两样|两项|两个|两者|二者|俩)\S{0,12}?(?:" + SUM_ASKED.pattern + r"|差多少|相差|差了多少|差几)"
)
FOLLOWUP_SUM_MAX_CHARS = 44
# "回到一开始那个项目", "按我开头说的那个数", "就前面那对师徒": words pointing past the message just before
BACK_REFERS = re.compile(
    r"开头|一开始|最开始|刚开始说|回到(?:前面|刚才|之前|上面|开始|最初|我的|那个|那笔|那项|那位)|"
    r"(?:我|你)?(?:前面|之前|先前|上面|最早)(?:说|讲|提|问)(?:的|过)|前面[那这]|按我(?:刚才|前面|之前)"
)
# "先不算他", "除了他": the person the message just before added is left out of what is pointed back at
LEAVES_OUT_LAST = re.compile(
    r"(?:先)?不算(?:他|她|这个|这位|这一个)|(?:他|她)(?:先)?不算|除了?(?:他|她)(?:以外|之外)?[，,]"
)
# "一个省级的、一个市级的，一共能拿多少" (dev39): levels whose noun is the one the message before named
LEVEL_WITHOUT_NOUN = re.compile(r"(?:国家|省|市|县)级?的(?=[、，,。；;和与跟])")
# how many earlier messages a follow-up may be read with
CONTEXT_MESSAGES = 4
# "两档", "两类", "这两个", "二者": the two things a difference is asked between
_TWO_OF_THEM = re.compile(r"两[档类级个者项]|二者|两者|俩")
# the marks a message already ends with, so that joining it to the next needs no 。
SENTENCE_ENDS = ("。", "？", "?", "！", "!", "，", ",", "；", ";")
# the best hit, the close ones, and room for hits of the best's own clause that close_clauses skips
CANDIDATES = MAX_CLOSE + 2
ALSO_LINE = "您问的也可能是："
SHOW_CLAUSE = "show_clause"  # the intent a clause button sends (domain.yml, data/rules)
CLAUSE_ENTITY = "clause_id"  # its entity: the passage id (policy_kb.search.hit_by_id)
UNKNOWN_CLAUSE = "抱歉，没有找到您要查看的这条政策条文。您可以直接输入您的问题，或点“转人工服务”。"


def question_text(tracker: Tracker) -> str:
    """The latest message, with the one before it when it reads as a follow-up (and the earlier messages
    `_context_before` adds); a matter the message puts aside is left out (followups.set_aside)."""
    text = followups.set_aside(((tracker.latest_message or {}).get("text") or "").strip())
    if not text or text.startswith("/"):
        return ""
    earlier = earlier_texts(tracker)
    if _ANOTHER_PERSON.match(text) and _names_a_title(text):
        # "那我呢，我是151第一层次，但不是重点资助的那种，是第3类还是第4类？" after another's 151重点资助 (dev50): another
        # person with a title of their own, not more of the one before
        return text
    if (
        len(text) > FOLLOWUP_MAX_CHARS
        and not (len(text) <= FOLLOWUP_REFERS_MAX_CHARS and FOLLOWUP_REFERS.search(text))
        and not text.startswith(FOLLOWUP_STARTS)
        and not FOLLOWUP_CLAUSE.search(text)
        and not (len(text) <= FOLLOWUP_SUM_MAX_CHARS and FOLLOWUP_SUM.search(text))
        and not (len(text) <= FOLLOWUP_SUM_MAX_CHARS and FOLLOWUP_ADDS.search(text))
        and not (FOLLOWUP_OTHERS.search(text) and SUM_ASKED.search(text))
        and not followups.corrects(text)
        and not (earlier and is_statement(earlier[-1]))
        and not BACK_REFERS.search(text)
        and not LEVEL_WITHOUT_NOUN.search(text)
        and not FOLLOWUP_THAT_YEAR.search(text)
    ):
        return text
    if not earlier:
        return text
    # "那如果80万那个年薪涨到100万呢": the new figure or title takes the old one's place
    revised = followups.revise(earlier[-1], text)
    if revised is not None:
        return revised.text
    if (
        not text.startswith(FOLLOWUP_STARTS)
        and not FOLLOWUP_REFERS.search(text)
        and not is_statement(text)
        and followups.names_own_title(earlier[-1], text)
        # (a statement's facts are the question's: "今年给永嘉引荐了3个海外博士…" then "最后有一个入选了国家千人，我们
        # 公司一共能领多少" counts the 3 referred, dev33 — unless the title's own category is asked)
        and not (is_statement(earlier[-1]) and not ASKS_CATEGORY.search(text))
    ):
        return text  # "我是副研究员，在永嘉算第几类": a question of its own title, not the earlier titles'
    # the facts stated in a run before it, or in the messages a back-reference points at, come too
    return _sentences([*_context_before(earlier, text), text])


# "那我呢，我是…", "那他呢？他是…": another person, who then names their own title
_ANOTHER_PERSON = re.compile(
    r"^(?:那|那么)?(?:我|他|她|我爱人|我老婆|我老公|我同事)呢[？?，,、。\s]*(?:我|他|她)?是"
)


def _names_a_title(text: str) -> bool:
    found = catalogue().match(text)
    return bool(found.honours or found.unlisted or found.ambiguous)


def _sentences(messages: list[str]) -> str:
    """Messages joined as sentences: "第一期40%已经拿到了" and "第二期…才能拿" must not read as one clause."""
    out = ""
    for m in messages:
        m = m.strip()
        if out and not out.endswith(SENTENCE_ENDS):
            out += "。"
        out += m
    return out


def _context_before(earlier: list[str], text: str) -> list[str]:
    """The earlier messages a follow-up is read with: the one before it, and the statements of the run of
    statements just before that ("我老公是浙江省千人计划入选者…" "我们打算在永嘉县城买套房" "对了，我自己是温州580计划
    的" then "那我俩各自最多能拿多少买房补贴？加起来呢？", dev37). A message pointing back past the one before
    ("回到一开始那个项目，县里配多少？", "按我开头说的那个数") is read with the first message and every statement
    of the conversation — not with the questions in between, which were about something else."""
    if BACK_REFERS.search(text) and len(earlier) > 1:
        # ("先不算他，就前面那对师徒": the one just added is left out, dev37)
        pointed = earlier[:-1] if LEAVES_OUT_LAST.search(text) else earlier
        return [m for i, m in enumerate(pointed[-CONTEXT_MESSAGES:]) if i == 0 or is_statement(m)]
    if GAP_ASKED.search(text) and _TWO_OF_THEM.search(text) and len(reading.categories(text)) < 2:
        # "永嘉县第2类人才奖励资助最多多少？" "那第3类呢？" "两档差了多少钱？" (dev50): the categories asked about in the
        # messages before, however many turns back — the one before names only the second
        named = [m for m in earlier[-CONTEXT_MESSAGES:] if reading.categories(m)]
        if len({c for m in named for c in reading.categories(m)}) >= 2:
            return named
    if SUM_ASKED.search(text):
        # a total asked over facts said apart, with another matter asked in between ("国家级博士后站…" "热线是多少？"
        # "另外我们的市级院士专家工作站也刚批下来。" then "这两个加起来…多少", dev48): the statements of the
        # conversation, without the questions of other matters in between ("他们俩社保都不用转过来吧？")
        window = earlier[-CONTEXT_MESSAGES - 1 :]
        stated = [m for m in window if is_statement(_INDEFINITE.sub("", m))]
        if len(stated) > 1 and len(stated) < len(window):
            return stated
    aside = _after_an_aside(earlier)
    if aside:
        return aside
    context = [earlier[-1]]
    if not is_statement(earlier[-1]):
        return context  # a question before: the run of statements, if any, was that question's
    for m in reversed(earlier[-CONTEXT_MESSAGES:-1]):
        if not is_statement(_INDEFINITE.sub("", m)):
            break
        if _carries_facts(m):
            # (a statement of no figure or title, "我刚到台州上班，在排人才公寓", would only pull the clause
            # search towards its own matter: "这段时间能不能先住政府的公租房" is 五、21.'s 临时专用房, dev33)
            context.insert(0, m)
    return context


# a question put as an aside ("顺便问下，台州每年办多少场创业大赛？", "对了，企业的改革做法要是被全国推广，有奖励吗？")
_ASIDE = re.compile(r"^(?:顺便|顺带|对了|另外问|插一句|插个话|再问一下|还想问|题外话)")
ASIDE_QUESTIONS = 2  # questions after the aside's first one, still part of the aside


def _after_an_aside(earlier: list[str]) -> list[str]:
    """The run of statements before an aside, when the questions just before the follow-up began with one
    ("…中介费一共付了80万。" "顺便问下，台州每年办多少场创业大赛？" then "那中介费市里能补多少？", dev48): the
    follow-up returns to the matter before it. [] otherwise."""
    i = len(earlier) - 1
    while i >= 0 and len(earlier) - 1 - i <= ASIDE_QUESTIONS and not is_statement(earlier[i]):
        if _ASIDE.match(earlier[i].strip()):
            run: list[str] = []
            for m in reversed(earlier[max(0, i - CONTEXT_MESSAGES) : i]):
                if not is_statement(_INDEFINITE.sub("", m)):
                    break
                run.insert(0, m)
            return run if any(_carries_facts(m) for m in run) else []
        i -= 1
    return []


# "也没拿过什么奖", "没什么职称": 什么 after a denial is "any", not a question (dev37)
_INDEFINITE = re.compile(r"(?:没|不|没有|也没)[^，,。？?]{0,4}?什么")
# "另1位是柔性的，一年来几个月。" (dev64): a few months, said — not a question
_A_FEW = re.compile(r"[来待住呆]几(?:个月|天|次|回)(?=[，,。；;！!]|$)")
# a figure or a count in a statement ("都是40万", "两个德国工程师")
_FIGURE = re.compile(r"\d|[一二两三四五六七八九十百千万半]+\s*[万元个位名人家年%]")  # ("只签了半年", dev48)


def _carries_facts(message: str) -> bool:
    """Whether a statement gives a figure, a count or a catalogue title — facts a later question uses."""
    return bool(_FIGURE.search(message)) or _names_a_title(message)


# what makes a message a question: a mark or a question word ("我们公司的创业项目批了270万，前两期一共拿了189万"
# has none — it states the facts the next message asks about)
_ASKS = re.compile(
    r"[?？吗呢么嘛]|多少|几|怎么|怎样|如何|什么|哪|能否|是否|可否|能不能|可不可以|是不是|有没有|要不要|会不会"
)


def is_statement(message: str) -> bool:
    """True for a message that only states facts (no question mark or question word)."""
    return not _ASKS.search(_A_FEW.sub("", normalise(message)))


def clause_hits(text: str, region: str | None, min_score: float) -> list[Any]:
    """The best-matching passage (a policy_kb SearchHit) at or above `min_score`, then the passages
    of other clauses close to it (none when the best is clear); [] when nothing matches well."""
    if not text:
        return []
    try:
        hits = api.search(text, k=CANDIDATES, region=region)
    except Exception:  # a search failure must not cost the talent the topic's own answer
        return []
    if not hits or hits[0].score < min_score:
        return []
    return [hits[0], *close_clauses(hits, min_score)]


def best_clause(text: str, region: str | None, min_score: float) -> Result | None:
    """The best-matching passage as a Result citing its clause, or None below `min_score`; the ids
    of close passages of other clauses are in values["close"]."""
    hits = clause_hits(text, region, min_score)
    if not hits:
        return None
    result = passage_result(hits[0], "clause")
    result.values["close"] = [h.passage_id for h in hits[1:]]
    return result


def clause_button(hit: Any, region: str = "") -> dict[str, str]:
    """A button showing this passage's clause: titled with the clause and its heading (and its region
    when it is not `region`'s), sending its passage id — not words for the NLU to guess again."""
    title = clause_label(hit)
    if region and hit.region != region:
        title = f"{hit.region} {title}"
    return {"title": title, "payload": f"/{SHOW_CLAUSE}" + json.dumps({CLAUSE_ENTITY: hit.passage_id})}


def close_buttons(clause: Result, besides: Result | None = None) -> list[dict[str, str]]:
    """One button per close clause of `clause` (values["close"]), leaving out clauses `besides`
    (the topic's own answer) already cites or holds."""
    cited = [(c.doc, c.clause) for c in besides.citations] if besides is not None else []
    buttons = []
    for hit_id in clause.values.get("close") or []:
        hit = hit_by_id(hit_id)
        if hit is None or any(
            doc == hit.citation.doc and nested(cl, hit.citation.clause) for doc, cl in cited
        ):
            continue
        buttons.append(clause_button(hit, clause.region))
    return buttons


def clause_reply(
    clause: Result,
    lead: str = "",
    offer_close: bool = False,
    besides: Result | None = None,
    decides: bool = False,
    said: str = "",
) -> Reply:
    """The clause quoted with its citation; with `offer_close`, a "您问的也可能是：" line and a button
    for each close clause (only for a reply that ends the turn: see the module docstring). With
    `decides` — the clause stands as the answer — who decides the cases it leaves open follows it."""
    buttons = close_buttons(clause, besides) if offer_close else []
    decided_by = decider(clause) if decides else None
    untitled = (untitled_note(clause, said) or titled_note(clause, said)) if said else None
    citations = [
        *clause.citations,
        *(untitled.citations if untitled else []),
        *(decided_by.citations if decided_by else []),
    ]
    lines = (
        lead + clause.answer,
        untitled.answer if untitled else "",
        unmet_note(clause, said) if said else "",
        recovered_note(clause, said) if said else "",
        decided_by.answer if decided_by else "",
        # whose text the clause is ("从市外全职引进顶尖人才，招商考核上怎么算？" names no region, dev66): the
        # document number alone does not tell a talent it is 台州市's
        scope_line(clause) if clause.region and "适用：" not in clause.answer else "",
        citation_line(citations),
        ALSO_LINE if buttons else "",
    )
    return Reply(
        text="\n".join(x for x in lines if x),
        buttons=buttons,
        citations=citation_dicts(citations),
    )


# where 二's whole passage turns from the industries it names to the five categories' lists
_CATEGORY_LIST_STARTS = "主要包括以下五类"


def without_its_list(clause: Result, answer: Result) -> Result:
    """二's passage shown after an answer that already gave a category ("…刚拿到博士学位的人…能归到哪一档" with the
    industries asked too, dev66): its first sentence (the industries), not the five lists after it — which name
    every other category beside the one answered."""
    cut = clause.answer.find(_CATEGORY_LIST_STARTS)
    if cut < 0 or answer.values.get("category") is None:
        return clause
    return replace(clause, answer=clause.answer[:cut] + "（五类人才的具体范围见第二条。）")


_LISTED_OBJECTS = "对象主要"  # 附件1 一, 附件2 第四条, 附件3 一: whom the measure is for (第1—5类 …)
_OTHER_OBJECTS = "偏才"  # … 附件3 一's list goes on beyond the categories


def untitled_note(clause: Result, said: str) -> Result | None:
    """When the words say no title is held ("啥人才称号都没有…我这种能报吗") and the clause names whom its
    measure is for (项目申报对象主要指…第1、2、3、4、5类领军型人才): `api.no_title_note`. None for other
    clauses, and for 附件3 一, whose list goes on beyond the categories."""
    if _LISTED_OBJECTS not in clause.answer or _OTHER_OBJECTS in clause.answer:
        return None  # 附件3 一 also serves 培育对象 and 偏才专才: a talent with no title may well be one
    return api.no_title_note(said, clause.region)


def titled_note(clause: Result, said: str) -> Result | None:
    """When the clause names whom its measure is for (附件2 第四条, 附件3 一: 第1、2、3、4、5类领军型人才 …) and the words
    name a listed title ("返聘了一位退休的正高级工程师…他算柔性引进的对象吗", dev55; "我有正高职称…县里的人才服务对象包括
    我吗", dev56): the title's category, which answers whether the talent is one of them. None for other clauses
    and for words with no listed title."""
    # (附件3 一 lists more than the categories, but a listed title is among them all the same)
    if _LISTED_OBJECTS not in clause.answer or not said:
        return None
    why = api.category_for_honours(said, region=clause.region)
    sentence = why.values.get("category_sentence") if why.ok else None
    if not sentence or str(sentence) in clause.answer:
        return None
    said_back = str(sentence).rstrip("。")
    if why.values.get("unknown"):
        # ("丙是副教授" beside two listed titles, dev59: only the listed ones are among them; the rest is 认定's)
        return replace(
            why, rule="titled_note", answer=f"{said_back}。目录所列的称号在本条所列的第1—5类领军型人才之中。"
        )
    return replace(why, rule="titled_note", answer=f"{said_back}，在本条所列的第1—5类领军型人才之中。")


# "税务登记还没办", "场地还没找到", "尚未签合同": something the words say is not done yet
_NOT_DONE = re.compile(
    r"还没有?|尚未|还未|没有(?=[办做签交缴招找落完注登到])|没(?=[办做签交缴招找落完注登到])|未(?=[办做签交缴招找落完注登到])"
)
_ASKING_IF = re.compile(r"有没有|能不能|是不是|可不可以|要不要|会不会|还没有没有")
# words every clause of the funding rules shares: naming them is not naming a condition
_NOT_A_CONDITION = frozenset(
    "申请 项目 公司 企业 资助 资金 资助资金 第一期 第二期 第三期 创业 创新 条件 需要 要求 材料 提供 拨付 钱 人才".split()
)


# the clauses whose words list what must be done before applying: each tranche of 附件1 三, and who may
# apply for a project (附件1 一: "我们的东西还在实验室里，样机都还没做出来，现在能报吗" is 一（二）'s 样机制造阶段, dev29)
APPLICANT_CLAUSES = ("附件1 一（一）", "附件1 一（二）")
CONDITION_CLAUSES = ("附件1 三（一）", "附件1 三（二）", *APPLICANT_CLAUSES)
# clauses that say many things, one sentence of which is a condition to apply: the words that mark it ("只签了购房
# 合同，还没办不动产证，能申请房票吗" is 五、21.'s 办理不动产登记后申请房票补贴, dev53)
CONDITION_SENTENCES = {"五、21.": "不动产登记后申请"}
# everyday names of what a condition's text calls otherwise ("房产证还没下来" is the 不动产登记 not yet done, dev59)
_CONDITION_SYNONYMS = (("房产证", "不动产证"), ("房本", "不动产证"), ("产权证", "不动产证"))
_TRANCHE_WORD = re.compile(r"^第?[一二三1-3]期?$|^第[一二三1-3]")


def _shared_spans(piece: str, passage: str) -> list[str]:
    """The longest runs (two characters or more) of `piece` that the passage also contains."""
    spans, i = [], 0
    while i < len(piece):
        j = i + 1
        while j <= len(piece) and piece[i:j] in passage:
            j += 1
        if j - 1 - i >= 2:
            spans.append(piece[i : j - 1])
            i = j - 1
        else:
            i += 1
    return spans


def unmet_note(clause: Result, said: str) -> str:
    """When the words say something the clause lists as a condition is not done yet ("营业执照拿到了，但税务
    登记还没办，能不能先申请第一期"), say that the clause's condition is then not yet met: 三（一）1 lists
    完成工商注册、税务登记 before the first tranche. Of a clause that says many things only its sentence of
    conditions counts (CONDITION_SENTENCES: 五、21.'s 不动产登记 before 房票); a clause for selected projects only
    (SELECTION_CLAUSES: 三（三）) is unmet when the selection is said not to be had. Empty otherwise."""
    if any(c.clause in SELECTION_CLAUSES for c in clause.citations):
        return _not_selected_note(clause, said)
    sentence = next((m for c in clause.citations if (m := CONDITION_SENTENCES.get(c.clause))), None)
    if sentence is None and not any(c.clause.startswith(CONDITION_CLAUSES) for c in clause.citations):
        return ""  # only clauses whose words are conditions to apply (附件2 第二条's 社保关系 is not one)
    # 附件1 一's conditions are read from its own text: the answer may also say the title read ("您提到的“省千人”
    # 对应…"), and "我现在还没评上省千人" is not a condition of 一（二） left undone (dev30)
    applicant = [c.clause for c in clause.citations if c.clause.startswith(APPLICANT_CLAUSES)]
    if sentence is not None:
        # of a clause that says many things, only its sentence of conditions (五、21.'s 房票: 不动产登记后申请)
        conditions = "".join(x for x in re.split(r"(?<=[。；;])", clause.answer) if sentence in x)
    elif applicant:
        conditions = "".join(p.display for p in all_passages(clause.region or None) if p.clause in applicant)
    else:
        conditions = clause.answer
    for piece in re.split(r"[，,。；;！!？?]", normalise(said)):
        if not _NOT_DONE.search(piece) or _ASKING_IF.search(piece):
            continue
        read = piece
        for everyday, text_word in _CONDITION_SYNONYMS:
            read = read.replace(everyday, text_word)
        named = sorted(
            (
                w
                for w in _shared_spans(read, conditions)
                if w not in _NOT_A_CONDITION and not _TRANCHE_WORD.search(w)
            ),
            key=len,
            reverse=True,
        )
        if named:
            return (
                f"您提到“{piece.strip().removeprefix('但')}”：本条把“{named[0]}”列为条件，按原文，"
                "这一项办妥之前还不满足条件，不能先申请，办妥后再提出申请。"
            )
    return ""


# the clauses whose measure is only for projects selected by another programme (三（三）: 入选市“人才新政十条”
# 科技项目的…创业项目 … 贴息)
SELECTION_CLAUSES = ("三（三）",)
_NOT_SELECTED_PIECE = re.compile(r"(?:没有?|未|还没有?|尚未|不是)(?:能)?(?:入选|选上|评上|进)")


def _not_selected_note(clause: Result, said: str) -> str:
    """ "没入选市里的人才新政十条科技项目，公司贷款能贴息吗": the selection the clause requires, said not to be
    had — the condition is not met, in the clause's own words. Empty unless a piece of the words denies a
    selection the clause names (≥ 4 shared characters)."""
    for piece in re.split(r"[，,。；;！!？?]", normalise(said)):
        if not _NOT_SELECTED_PIECE.search(piece) or _ASKING_IF.search(piece):
            continue
        named = sorted(
            (w for w in _shared_spans(piece, clause.answer) if len(w) >= 4 and w not in _NOT_A_CONDITION),
            key=len,
            reverse=True,
        )
        if named:
            return (
                f"您提到“{piece.strip().removeprefix('但')}”：本条只适用于入选了“{named[0]}”的项目，"
                "按原文，未入选的不满足本条条件，不能享受本条。"
            )
    return ""


_RECOVERED = re.compile(r"追缴(已发放的款项|奖励资金)")


def recovered_note(clause: Result, said: str) -> str:
    """When a clause that recovers money (附件1 四（三） 停止并追缴已发放的款项, 附件2 第十条 追缴奖励资金) answers
    words that say how much was already paid ("前两期一共拿了189万…发票是假的"), that sum is what it recovers."""
    m = _RECOVERED.search(clause.answer)
    received = reading.pick(reading.amounts(said), "received", default=False) if m else None
    if m is None or received is None:
        return ""
    return f"您提到已拿到的{fmt_yuan(received)}，就是本条所说要追缴的“{m.group(1)}”（经查证属实后）。"


def is_other_clause(clause: Result, answer: Result) -> bool:
    """True when the passage rests on a clause the topic's answer does not already cite."""
    cited = {(c.doc, c.clause) for c in answer.citations}
    return not any((c.doc, c.clause) in cited for c in clause.citations)


# "另外再问一下，…" opening a message: another matter than the message before, not a second need in this one
_OPENS_ANOTHER = re.compile(r"^(?:另外|顺便)(?:再|还)?(?:问一下|问一句|问问|想问一下|想问|请问)?[，,：:]?")


def adds_another_need(clause: Result, answer: Result, text: str) -> bool:
    """True when the words ask two things ("…签证、居留、户口方面有没有什么优惠？另外听同事说有张什么英才卡"),
    and the passage they match, of a clause the answer cites, says what the answer does not (五、21.'s 签证、居留
    许可和落户 beside its 英才卡 services, dev29)."""
    said = _OPENS_ANOTHER.sub("", compact(text or ""))
    if not said or not SEVERAL_NEEDS.search(said):
        return False
    if answer.values.get("category") is not None:
        # a category's own figure answered ("省特级专家…奖励资助最多多少钱" → 第3类 450万): its clause's passage
        # lists every other category's figure beside it (三（一）'s 800万, dev74) — not another need
        return False
    quoted = clause.answer.partition("》：")[2] or clause.answer
    return bool(quoted) and quoted not in answer.answer


def other_project_type(clause: Result, text: str) -> bool:
    """True when the words name one project type (创新) and the passage is the other's only (创业类科技项目
    资助资金 三（一）1): "创新项目 72万 第一期多少" matches 三（一）1's 第一期 words best, but that clause
    is not about the talent's project, so it is noise after the answer, not a related clause."""
    asked = reading.project_type(text)
    if asked is None:
        return False
    other = next(t for t in inputs.PROJECT_TYPES if t != asked)
    return f"{other}类" in clause.answer and f"{asked}类" not in clause.answer


def leads(
    topic_primer: Result | None, clause: Result | None, strong_score: float = EXTRA_MIN_SCORE
) -> list[tuple[str, Result]]:
    """What goes before a question back, in order: ("primer", the topic's primer) and/or ("clause", a
    matching clause).

    Why the primer first when there is one: "海外人才没有国内称号，能按五类对待吗" and "我是国家级技能大师
    工作室领衔人，算第几类" matched 二 第5类's list strongly, and a list that does not name the title read
    as a category; the primer (titles decide; others by 认定) is the text's answer. A clause that matches
    the words clearly still follows it ("相关条文"), so a misspelt listed title still shows its category.
    Without a primer, any clause above the weak floor leads.
    """
    if topic_primer is not None and topic_primer.ok:
        strong = clause is not None and float(clause.values.get("score") or 0) >= strong_score
        return [("primer", topic_primer), *([("clause", clause)] if strong and clause is not None else [])]
    return [("clause", clause)] if clause is not None else []


def lead_replies(
    shown: list[tuple[str, Result]], primer_reply: Callable[[Result], Reply], said: str = ""
) -> list[Reply]:
    """The replies for `leads`' list: the primer as its topic phrases it, a clause after it as 相关条文; a
    clause leading alone says what of `said` its conditions exclude (unmet_note: "没入选市里的人才新政十条…
    贷款能贴息吗")."""
    related = "相关条文：" if len(shown) > 1 else ""
    return [
        primer_reply(r)
        if kind == "primer"
        else clause_reply(r, lead=related, decides=not related, said="" if related else said)
        for kind, r in shown
    ]


def own_score(hits: list[Any], answer: Result) -> float:
    """The best score among `hits` of a clause `answer` cites (0 when none of them is among the hits)."""
    cited = [(c.doc, c.clause) for c in answer.citations]
    return max(
        (
            h.score
            for h in hits
            if any(doc == h.citation.doc and nested(cl, h.citation.clause) for doc, cl in cited)
        ),
        default=0.0,
    )


def overriding_clause(text: str, region: str | None, answer: Result) -> Result | None:
    """The clause the words are plainly about when the topic's answer rests on other clauses that the
    words hardly match: "项目实施期限 几年" classified as a 申报条件 question is 附件1 四（一）'s 5年, and
    the 申报条件 text (whose 3年 is another matter) would be a wrong answer, not context.

    Decisive means: the best passage scores at least DECISIVE_SCORE, the answer does not cite its
    clause, and the best passage of a clause the answer cites scores under 1/DECISIVE_RATIO of it."""
    if not text or not answer.citations or answer.rule in SETTLED_BY_WORDS:
        return None
    listed = answer.rule == "category_for_honours" and answer.values.get("category") is not None
    if listed and not title_named_in_passing(text):
        return None  # a listed title's category is the catalogue's answer ("圖靈獎得主…屬於第幾類": 第1类)
    if ASKS_CATEGORY.search(normalise(text)) and any(c.clause == "附件2 第四条" for c in answer.citations):
        # "温州一个市级技能大师工作室的带头师傅，愿意来我们厂兼职…他能算哪类人才？" (dev78): 第四条's 对象 with the title's
        # category is the answer, not 三（五）'s award for a 工作室 the title's words match
        return None
    if answer.rule in TRANCHE_RULES and reading.tranches(text).asked is not None:
        # "第3类重点推荐、162万，创业和创新的第一笔钱分别是多少": a tranche asked and priced is the answer,
        # though 附件1 二（二）'s rating words match the question more
        return None
    try:
        hits = api.search(text, k=DECISIVE_DEPTH, region=region)
    except Exception:
        return None
    if not hits or hits[0].score < DECISIVE_SCORE:
        return None
    best = passage_result(hits[0], "clause")
    if not is_other_clause(best, answer):
        return None
    if own_score(hits, answer) * DECISIVE_RATIO > hits[0].score:
        return None
    best.values["close"] = [h.passage_id for h in close_clauses(hits[:CANDIDATES], WEAK_MIN_SCORE)]
    return best


def unasked_rule_clause(text: str, region: str | None, answer: Result) -> Result | None:
    """The clause the words match when the topic's rule could not decide (NEEDS_ASSESSMENT or INVALID: a
    title its list does not name) and the words name nothing of that rule (its registry `words`): the rule was
    not what was asked. None when the rule has no such words, the words name it, or no other clause
    matches above EXTRA_MIN_SCORE."""
    if not text or text.startswith("/") or answer.status not in (Status.NEEDS_ASSESSMENT, Status.INVALID):
        return None
    rule = registry.rules().get(answer.rule)
    if rule is None or not rule.words or registry.names(rule, text, about_its_clause=True):
        return None
    incidental = answer.rule == "category_for_honours" and _title_in_passing(text)
    if {"category", "honours"} & set(rule.inputs) and not incidental:
        return None  # a title's category decides these rules: the referral for an unlisted title stands
    # a title named in passing ("请个外国教授过来…讲课费能不能按市场价给") to a question that asks no category:
    # only a clause that plainly answers takes the category note's place
    clause = best_clause(text, region, LEAD_MIN_SCORE if incidental else EXTRA_MIN_SCORE)
    return clause if clause is not None and is_other_clause(clause, answer) else None


# whether the talent may apply for a project's funding at all: the title decides it (申报对象 are 第1–5类)
ELIGIBLE_ASKED = re.compile(
    r"有资格|够资格|能不能申请|能申请|可以申请|能不能报|能报|可以报|可不可以报|可不可以申请"
)


def _title_in_passing(text: str) -> bool:
    """Whether a title is named only in passing: the words ask no category ("第几类", "第5类"), and are a
    question, not a bare statement of the title ("入选了中科院的百人计划" alone asks what it counts as)."""
    names = class_pattern()
    return (
        not ASKS_CATEGORY.search(normalise(text))
        and reading.category(text) is None  # "能不能按第5类人才去申报" asks about a category too
        # "县科技进步奖二等奖…这个能算县级领军人才吗" (dev55): a category's name asks about it as well
        and not (names is not None and names.search(normalise(text)))
        and not is_statement(text)
        # ("我是副教授…县里这个人才项目的钱我有资格申请吗", dev73: whether the title qualifies is the question)
        and not ELIGIBLE_ASKED.search(normalise(text))
    )


# what a title brings ("能拿多少", "有什么待遇", "补贴"): a question about the title's own category answer
ASKS_BENEFIT = re.compile(r"多少钱|拿多少|给多少|能拿|奖励|补贴|补助|资助|待遇|享受|政策|优惠|福利|好处|钱")


def title_named_in_passing(text: str) -> bool:
    """A title the words name while asking something else that its category does not answer: "引来一个国家
    千人计划专家，年底考核能算完成什么级别的招商任务" (台州 七、29.), "三年打算请多少位院士" (三、8.). Such words
    ask no category and no benefit; the clause that plainly answers them does."""
    return _title_in_passing(text) and not ASKS_BENEFIT.search(normalise(text))


# words asking a category's name or the top one ("是不是直接就是最高那一类？那一类叫什么？", dev14)
CATEGORY_NAME_ASKED = r"一?类\S{0,2}叫(?:什么|啥)|最高(?:的|那)一?类"
# words asking which category (第几类, 属于哪类, 算什么档次)
ASKS_CATEGORY = re.compile(
    r"第几类|哪一类|哪类|几类|什么类|哪个类|算什么|属于|类别|档次|层次|" + CATEGORY_NAME_ASKED
)
# words about how categories are decided (类, 称号, 目录, 认定, 相当于, 偏才专才): what 二 and 三（十一） answer
ABOUT_CATEGORIES = re.compile(ASKS_CATEGORY.pattern + r"|类|称号|头衔|目录|名录|认定|相当于|偏才|专才|级别")


def unasked_overview_clause(text: str, region: str | None, answer: Result) -> Result | None:
    """The clause that plainly answers (LEAD_MIN_SCORE) when the words were read as a category question but
    say nothing of categories: "三基地里最后一个是什么基地？" or "急缺人才 怎么培养" are not answered by how the
    catalogue decides a category (二, 三（十一））. None for any other answer or words about categories."""
    if answer.rule != "category_overview" or not text or ABOUT_CATEGORIES.search(normalise(text)):
        return None
    clause = best_clause(text, region, LEAD_MIN_SCORE)
    return clause if clause is not None and is_other_clause(clause, answer) else None


# a case the rule's words do not settle: whether something counts, an exception, an extension, an
# upgrade ("去年拿过市级的3万，今年升成省级了，是再给5万还是只补差价": 三（五） says what a new 评定 gets, not
# what an upgrade does)
OPEN_CASE = re.compile(
    r"算不算|算不算数|能不能算|可不可以算|算进|算作|计入吗|含税|特批|通融|破例|例外|变通|延期|延长|宽限|关联公司"
    r"|补差|差价|升成|升为|升级为|升格"
    # a condition the talent's case has no measure for ("成果都用在自己生产线上，没有单独的产品销售，第二期的
    # 销售额条件怎么算", dev8): 三（二）2 names 相关产品销售额 and nothing else
    r"|没有\S{0,4}(?:产品)?销售|不对外销售|不单独销售|没有\S{0,2}销售额"
    # a contract with no term ("签的是无固定期限劳动合同，没写几年，这个算满足创新类项目的合同年限吗", dev56): 附件1
    # 一（一） counts years (5年及以上)
    r"|无固定期限"
    # how long the payment takes ("第一期材料交上去，一般多久钱能到账", dev55): no clause sets a time for it
    r"|多久\S{0,4}(?:到账|到位|拨下来|打过来|能到)|(?:几天|多少天|几个月|多长时间)\S{0,3}(?:到账|到位|拨下来)"
    # a number of days the text does not set ("协议里一年至少要写他在永嘉待多少天？县里有没有硬性的天数要求？", dev73):
    # 附件2 第六条（二） asks only that the agreement 明确在永服务时间
    r"|(?:待|在永嘉|在永|工作|服务)\S{0,2}(?:多少天|几天)|天数要求|硬性\S{0,3}(?:天数|要求|规定)"
)


def open_case_decider(text: str, answer: Result) -> Result | None:
    """Who decides (policy_kb.deciders) the case the words ask about when it is one the rule's text does
    not settle ("销售额按含税还是不含税算", "新建厂房的钱算不算项目投入", "能不能特批") — said after the rule's
    answer; None for other questions, answers that already refer, or clauses with no one named."""
    if not text or text.startswith("/") or not OPEN_CASE.search(normalise(text)) or not answer.citations:
        return None
    if answer.status is not Status.OK:
        return None  # a referral or a question already
    try:
        return api.who_decides(
            answer.region or answer.citations[0].region, answer.citations[0].clause, answer.answer
        )
    except Exception:  # the answer itself has reached the talent
        return None


def decider_reply(decided_by: Result) -> Reply:
    """The who-decides sentence as its own reply, with its citations."""
    return Reply(
        text="\n".join([decided_by.answer, citation_line(decided_by.citations)]),
        citations=citation_dicts(decided_by.citations),
    )


def aspect_clause(
    text: str,
    region: str | None,
    search_text: str = "",
    aspects: tuple[Aspect, ...] = ASPECTS,
) -> Result | None:
    """The clause stating the aspect the latest words ask about (policy_kb.aspects: what follows
    misconduct or failure, what the money is for, where it comes from, whether a list is published),
    as a passage result; None when the words ask none or no passage states it."""
    hit = aspect_hit(text, region, search_text, aspects, WEAK_MIN_SCORE)
    return passage_result(hit, "clause") if hit is not None else None


# "两样都拿", "能不能叠加", "同时享受": a question whether benefits combine
# two offers for one project set against each other, said so plainly enough to answer before any topic
# ("按县里一条政策能拿20万，按另一条能拿30万，同一个项目最后能拿多少？", dev46)
TWO_OFFERS = re.compile(r"另一条\S{0,8}\d|同一个?项目\S{0,4}(?:最后|最终|到底|一共|总共)")
STACKING = re.compile(
    r"叠加|累加|重复(拿|享受|领|资助|奖励)|两[样个项份笔]都|都能拿|都拿|同时(拿|享受|领)|一起拿|能不能都|可以都"
    # ("县里别的政策对这同一个项目也有一笔补助，是两笔都发，还是怎么处理", dev30)
    r"|同一个?项目\S{0,12}(也有|还有|另有)"
    # ("这两笔奖县里会都发吗？还是只发钱多的那个？", dev74)
    r"|两[样个项份笔]\S{0,8}都(发|给|拿|能|可以|享受)|只(发|给|拿)\S{0,3}(多|高)的"
    # ("能拿100万加50万吗"; then two offers set against each other, TWO_OFFERS)
    r"|\d万元?加\d" + "|" + TWO_OFFERS.pattern
)


def _stacking(region: str | None) -> tuple[Any, str]:
    """The region's edition and the clause it names as its stacking rule (`stacking_clause`; "" if none)."""
    ed = edition_for_region(region)
    return ed, str(ed.meta.get("stacking_clause") or "") if ed is not None else ""


def stacking_clause(text: str, region: str | None, answer: Result | None = None) -> Result | None:
    """The clause saying how benefits for the same thing combine (永嘉县 四（二）: 就高, 不重复资助), for a
    question whether two can be had together ("国家千人又是580，购房补贴能拿100万加50万吗") when the
    answer (if any yet) does not already cite it; None otherwise or where the text has no such clause."""
    if not text or not STACKING.search(normalise(text)):
        return None
    ed, clause = _stacking(region or (answer.region if answer is not None else None) or None)
    passage = passage_at(ed.region, clause) if ed is not None and clause else None
    hit = hit_by_id(passage.id) if passage is not None else None
    if hit is None:
        return None
    found = passage_result(hit, "clause")
    return found if answer is None or is_other_clause(found, answer) else None


def stacked_figure(text: str, region: str | None) -> Result | None:
    """The stacking clause's rule computed from the words ("同时拿两种补助 … 一个政策给10万，另一个给15万，
    最后拿多少" → 四（二） 就高: 15万元), when they ask whether two benefits combine and give the amounts;
    None otherwise or where the text has no such clause."""
    if not text or not STACKING.search(normalise(text)):
        return None
    ed, clause = _stacking(region)
    if ed is None or not clause:
        return None
    try:
        return registry.compute_from_words(clause, ed.region, text)
    except Exception:  # a figure we cannot compute must not cost the talent the topic's own answer
        return None


# the clauses whose rule pays per person, and the topic that reads each person's pay from the words
_PER_PERSON_TOPICS = {"附件2 第七条": "flexible_intro", "三（四）": "overseas_engineer"}


def _per_person(clause: Result, text: str) -> Result | None:
    """A per-person rule over the several pays the words give: "柔性引进了一个长江学者…报酬30万" "另外还引进了一个
    博士工程师，报酬20万" "那公司今年一共能拿多少引才奖励" is 附件2 第七条's 5万 + 4万 = 9万元 (dev48) — the registry
    computes from one amount only. None unless two or more pays are read, each priced."""
    name = _PER_PERSON_TOPICS.get(clause.citations[0].clause) if clause.citations else None
    if name is None or len(reading.amounts(text)) < 2:
        return None
    # the titles the words give them ("一个是中科院院士…一个是省特级专家…", dev78): each one's category is said too
    named = titles_named(title_reading(text, clause.region or None))
    found = TOPICS[name].run(Facts(honours=named), clause.region or None, text)
    each = found.values.get("per_person") if found.ok else None
    # (one pay priced is not this: "年薪70万" corrected to "是68万" reads as two amounts of one person, dev37)
    return found if isinstance(each, list) and len(each) >= 2 else None


def computed(clause: Result | None, text: str) -> Result | None:
    """The clause's own rule computed with the one amount the words give (policy_kb.registry), when
    the clause has such a rule: "省里资助了1000万，县里配套多少" is answered 1000万元, not with 三（二）'s
    passage alone. None when the clause has no rule for it or the words give no single amount."""
    if clause is None or not clause.citations or not text:
        return None
    try:
        found = registry.compute_from_words(clause.citations[0].clause, clause.region or None, text)
        if found is None and clause.region == TAIZHOU:
            # 人才公寓 summed over the areas named ("那三区三市加起来呢" after 五、21.), 改革做法推广 …
            found = taizhou_calculation(text, about=clause.citations[0].clause)
        if found is None:
            found = _per_person(clause, text)
        if found is None:
            found = (
                _eligibility_checked(clause, text)
                or _funding_priced(clause, text)
                or _plan_priced(clause, text)
            )
        if found is None:
            # "杰出台州工匠、首席技能大师、优秀技能人才这三类，加起来一共要培养引进多少人": the passage's own counts
            summed = counts_summed(text, clause.answer) or per_year_total(text, clause.answer)
            found = replace(clause, answer=f"{clause.answer}\n{summed}") if summed else None
        return found
    except Exception:  # a figure we cannot compute must not cost the talent the passage itself
        return None


_ELIGIBILITY_CLAUSES = {"附件1 一（一）": "创新", "附件1 一（二）": "创业"}
# conditions the words settle without a figure: the lead's role, a contract that is not a 劳动合同, another holder
# holding more
_SAID_NOT_FIGURED = frozenset({"lead_role", "labour_contract", "largest_holder"})


def _eligibility_checked(clause: Result, text: str) -> Result | None:
    """附件1 一（一）/（二） quoted for words that say how the asker's case stands against it ("签的不是劳动合同，是一份5年
    的技术顾问服务协议…能以我为领衔人报创新类项目吗", dev56): the conditions checked (project_eligibility), when the
    words settle at least one — the passage alone leaves the verdict to the reader. None otherwise."""
    kind = _ELIGIBILITY_CLAUSES.get(clause.citations[0].clause) if clause.region == YONGJIA else None
    if kind is None:
        return None
    said = reading.read(text)
    if said.people is not None and said.people > 1:
        # the conditions are one lead's: "张工…全职两年半…李博士…全职4年…他俩谁符合条件？" (dev59) would be checked on a
        # mix of the two people's figures
        return None
    given = eligibility_figures(said)[kind]
    given = {k: v for k, v in given.items() if v is not None}
    if not set(given) & _SAID_NOT_FIGURED:
        # figures alone are the eligibility topic's to check: a follow-up read with the message before it
        # ("一年大概能在这边半年" then "那如果他一年能待8个月呢？", dev42) would be checked on the earlier figure
        return None
    checked = api.project_eligibility(kind, region=YONGJIA, **given)
    return checked if checked.ok and checked.values.get("eligible") is not None else None


_FUNDING_CLAUSES = frozenset({"附件1 二（一）", "附件1 二（二）"})


def _funding_priced(clause: Result, text: str) -> Result | None:
    """附件1 二 quoted for words that give the category, the rating and the firm's own money ("项目评下来是特别推荐，
    按第4类人才算…实际投入预算只有80万…资助会不会超过我们的投入", dev57): the project's funding priced
    (project_funding), the capital or investment set against 一般不超过. None when the words lack any of them."""
    if clause.region != YONGJIA or clause.citations[0].clause not in _FUNDING_CLAUSES:
        return None
    category, rating = reading.category(text), reading.rating(text)
    if category is None or rating is None:
        return None
    said = reading.read(text)
    capital = reading.pick(said.amounts, "paid_in_capital", default=False)
    investment = reading.pick(said.amounts, "investment", default=False)
    if capital is None and investment is None:
        # only the firm's own money set against 一般不超过 is what the passage leaves to the reader; a rating's
        # figure or a tranche asked is the topics' (dev3, dev8, dev33: pricing here took their answers' place)
        return None
    priced = api.project_funding(
        category,
        rating,
        said.project_type,
        paid_in_capital=capital,
        project_investment=investment,
        region=YONGJIA,
    )
    return priced if priced.ok else None


def _plan_priced(clause: Result, text: str) -> Result | None:
    """附件1 二（二） quoted for a 创业 talent selected for a plan through 永嘉 ("我爱人2015年在永嘉申报入选了省千人计划，现在
    自己出来创业…能按多少给", dev76): the plan's 特别推荐 standard priced (project_funding with the plan), with the
    year note (含2015年度入选人员) — the passage alone leaves the figure to the reader. None for other words."""
    if clause.region != YONGJIA or clause.citations[0].clause != "附件1 二（二）":
        return None
    said = reading.read(text)
    if said.project_type != "创业" or said.selected_in_yongjia is not True:
        return None
    priced = api.project_funding(
        None,
        None,
        "创业",
        plan=text,
        region=YONGJIA,
        selected_in_yongjia=True,
        selection_year=said.selection_year,
    )
    return priced if priced.ok and priced.values.get("rating") else None


def computed_again(
    clause: Result | None, asked: str, latest: str, stated_before: bool = False
) -> Result | None:
    """`computed` on a follow-up read with the message before it, when the follow-up's own words name
    the rule computed (its registry words or cues): the figure then comes from the earlier message. When
    that message only stated the facts (`stated_before`: "团队刚进了浙江省领军型创业创新团队，省里批了1000万",
    then "永嘉县里还会再给一笔吗？给多少", dev28), the question needs not name the rule again."""
    found = computed(clause, asked)
    rule = registry.rules().get(str(found.values.get("registry_rule"))) if found is not None else None
    if rule is None:
        return None
    return found if stated_before or registry.names(rule, latest, about_its_clause=True) else None


def computed_with_statements(clause: Result | None, asked: str, text: str, tracker: Tracker) -> Result | None:
    """`computed` on the question read with the statements just before it (`asked`), when the message before only
    stated facts; else on the latest words alone. "外地全职引来的顶尖人才1个、领军人才2个，都认定了。" then "那特别重大和
    重大项目各算几个？" (dev72) and "今年引进了2个自己申报成功的国家千人…" then "后来又引进了3个…省千人，这些加一起…" (dev68)
    are 七、29.'s counts of all of them — one reading for the adapters that compute a clause's figure."""
    if clause is None:
        return None
    with_statements = computed(clause, asked) if asked and asked != text and stated_before(tracker) else None
    return with_statements or computed(clause, text)


def stated_before(tracker: Tracker) -> bool:
    """True when the message before the latest one stated facts and asked nothing (is_statement)."""
    earlier = earlier_texts(tracker)
    return bool(earlier) and is_statement(earlier[-1])


def _clause_id(tracker: Tracker) -> str | None:
    """The passage id a clause button sent: the first string value of its entity, else None."""
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if isinstance(entity, dict) and entity.get("entity") == CLAUSE_ENTITY:
            value = entity.get("value")
            if isinstance(value, str):
                return value
    return None


class ActionShowClause(Action):
    """A clause button (/show_clause{"clause_id": …}): that passage with its citation, looked up by its
    id — no NLU guess, no search. An id we do not know (stale, mistyped, hand-made) gets a polite
    message and the human button, never an exception."""

    def name(self) -> str:
        return "action_show_clause"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        hit = hit_by_id(_clause_id(tracker))
        if hit is None:
            dispatcher.utter_message(**Reply(text=UNKNOWN_CLAUSE, buttons=[HANDOFF_BUTTON]).kwargs())
            return []
        dispatcher.utter_message(**clause_reply(passage_result(hit, "clause"), decides=True).kwargs())
        # the talent found what they asked for: a later unclear message is a first fallback again
        return [SlotSet("fallback_count", 0)] if tracker.get_slot("fallback_count") else []
