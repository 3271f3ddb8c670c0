"""Answer actions: one for each form's topic, one for the one-turn topics, one for follow-ups.

Each is a thin adapter: read the facts from the slots, settle the region, call policy_kb through
the topic table, and send either the answer (figure, region, citations, next steps) or the first
question policy_kb says it still needs. Slots remembered for the conversation (`topic`, the category
policy_kb decided) are returned as SlotSet events.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import clauses, parsing, phrasing, topics
from actions.parsing import Facts
from actions.procedures import procedure_reply
from actions.question_parts import MAX_PART_CLAUSES, sibling_replies, unanswered_part_clauses
from actions.routing import (
    PAYOUT_ASKED,
    RECKONED_BY,
    bare_followup,
    cue_topic,
    names_title,
    retopic,
    uncovered_place,
)
from actions.topics import BY_INTENT, INTENT_TITLES, TAIZHOU, TOPICS, YONGJIA, Scope, Topic, infer_topic
from policy_kb import api, followups, reading
from policy_kb.catalogue import applied_for
from policy_kb.editions import edition_for_region
from policy_kb.model import Result, Status
from policy_kb.text import GAP_ASKED, SUM_ASKED, normalise

REGIONS = [YONGJIA, TAIZHOU]


def _region_ever_named(tracker: Tracker) -> bool:
    """Whether any message of the talent's in this conversation named a region (the model's region entity)."""
    messages = [(e.get("parse_data") or {}) for e in tracker.events if e.get("event") == "user"]
    messages.append(tracker.latest_message or {})
    return any(
        isinstance(x, dict) and x.get("entity") == "region"
        for m in messages
        for x in (m.get("entities") or [])
    )


def settle_region(topic: Topic, facts: Facts, tracker: Tracker) -> tuple[str | None, bool, bool]:
    """(region to use, whether it was defaulted to 永嘉县, whether to ask the talent first)."""
    if topic.scope is Scope.TAIZHOU:
        return TAIZHOU, False, False
    text = ((tracker.latest_message or {}).get("text") or "").strip()
    if facts.region:
        # a region no message of the talent's named (an earlier answer's own) gives way to a term only the other
        # text uses, said now ("…现轮县专业技术拔尖人才，想聘高级职称…怎么办" after a 台州 answer to a question that
        # named no place is 永嘉 附件3 二（七）, dev74); one the talent named stays — a term is weaker evidence
        said = (
            None if _region_ever_named(tracker) or text.startswith("/") else api.region_named_by_terms(text)
        )
        return said or facts.region, False, False
    if topic.scope is Scope.EITHER:
        # a document question: the place its words name, else both texts are searched (never a default)
        return (api.region_from_words(text) if not text.startswith("/") else None), False, False
    named = (
        api.region_from_words(text) if topic.scope is Scope.REGIONAL and not text.startswith("/") else None
    )
    if named:
        return named, False, False  # "以情聚才…" is only 永嘉县's term, "英才卡" only 台州市's
    if any(word in text for word in topic.taizhou_words):
        return TAIZHOU, False, False  # "英才卡要什么条件才能申领": 台州's card, not 永嘉's 金卡
    in_form = bool((tracker.active_loop or {}).get("name"))
    # an honour only 永嘉县's text prices (省千人计划 → 100万元 购房补贴) is answered for 永嘉县, saying so
    # and that 台州市 differs; with nothing but the topic, ask which region first
    specific = bool(facts.plan or facts.honours or facts.category)
    if (
        topic.scope is Scope.REGIONAL
        and not specific
        and not tracker.get_slot("region_asked")
        and not in_form
    ):
        return None, False, True  # inside a form a region question would be lost: answer for 永嘉县, say so
    return YONGJIA, True, False


# a follow-up that changes the situation the last answer priced, and words that ask for a category
_WHAT_IF = ("那如果", "如果", "要是", "假如", "那要是", "那假如", "那万一", "万一")
# "那他要是最后选上了国家千人计划…" (dev38): the same, with the person the answer was about before the 要是
_WHAT_IF_OF = re.compile(r"^(?:那|那么)?(?:他|她|这个人|这位|对方|人家)(?:如果|要是|假如|万一)")
# a short question about the conditions of what was just priced, and words that are about the applicant
_TRANCHE_CONDITIONS = re.compile(r"条件|要求|材料|怎么申请|如何申请")
_APPLICANT_WORDS = re.compile(r"领衔人|申报对象|资格|报名|谁能|哪些人|股东|劳动合同|全职|成立")
_EMPLOYER_WORDS = re.compile(r"单位|企业|公司|用人|引进|引来|招来|老板")
# the employer a selection was applied through, named as such (三（八）'s 用人单位, 以永嘉地申报)
_APPLIED_THROUGH_EMPLOYER = re.compile(
    r"用人单位|(?:以|用|通过)\S{0,8}(?:名义|单位|公司|企业)?\S{0,2}申报|我们单位|本单位|员工"
)
# what the firm pays the person it recruits (附件2 第七条 counts its reward on it)
_PAY_WORDS = re.compile(r"报酬|年薪|工资|薪酬|计税")
# a follow-up about the reward years already had, and words of a project application
_LONG_FOLLOWUP_CHARS = 40
_REWARD_YEARS = re.compile(r"(?:拿|领|享受)(?:满|了|过)\S{0,3}年|第[一二三四五六1-6]年|续签")
_PROJECT_WORDS = re.compile(r"项目|创业|创新|领衔人|股")
# the firm's reward asked ("企业能拿多少奖励", "公司总共能拿多少", "奖励怎么算")
_FIRM_REWARD = re.compile(
    r"(?:企业|公司|单位|厂|我们)\S{0,6}(?:能拿|能领|能得|拿多少|领多少)|奖励?\S{0,4}(?:怎么算|多少)"
    # ("他其实是国家千人计划的。那奖励是不是能多一些？", "奖励标准跟第一层次的有区别吗？" — dev78)
    r"|奖励\S{0,6}(?:多一些|多点|更多|高一些|一样|区别|不同)|奖励标准"
)
# two figures set side by side ("省千人是不是比国家千人少一半？"): the same rule for both, not a category
_SET_AGAINST = re.compile(GAP_ASKED.pattern + r"|比\S{0,6}(?:少|多|高|低)|一样|相同|一半|翻倍|一倍")
# a count of people or a sum asked ("考出来3个，总共多少")
_COUNT_OR_SUM = re.compile(SUM_ASKED.pattern + r"|\d+\s*[个位名人]|[两三四五六七八九十]\s*[个位名]")
# 附件2 第五条's ways of flexible recruitment, said in a follow-up
_FLEXIBLE_WAYS = re.compile(r"技术入股|旅居|度假|退休返聘|返聘|兼职|顾问|对口支援")
# a plan selection or a recruiting trip: what 三（八） rewards an employer for
_PLAN_SELECTION = re.compile(r"千人|580|入选|选上|招才|引才|出国|赴")
# where a plan selection was applied for ("以我们永嘉这边申报入选的", "申报地是永嘉")
_SELECTED_WHERE = re.compile(r"(?:以|在|通过|从)\S{0,10}?(?:申报|报)\S{0,2}?(?:入选|上|进)|申报地")
# a selection said of the person referred ("后来他入选了", "他入选的是温州580计划")
_SELECTED_SAID = re.compile(r"(?:他|她|这个人|这位|对方|人家)\S{0,6}?(?:入选|选上|评上|选中)")
# a gap or a sum asked of what was just answered
_GAP_OR_SUM = re.compile(GAP_ASKED.pattern + "|" + SUM_ASKED.pattern)
# the loan subsidy's own figures: the 3年内 tax, the extra year, a rate or a loan
_LOAN_FIGURES = re.compile(r"税|追加|第三年|利率|利息|贷")
# the card just answered about, and a pattern matching nothing (a _STAYS row with no words to avoid)
_THE_CARD = re.compile(r"(?:这|那|该)张?卡|金卡")
_NOTHING = re.compile(r"(?!)")
_PLAN_NAMED = re.compile(r"千人|580|入选|选上|出国|赴")
_SUBSIDY_WORDS = re.compile(r"贴|利息")
# awards pointed back at, or levels said without the award's name
_POINTED_OR_LEVELS = re.compile(f"{clauses.BACK_REFERS.pattern}|{clauses.LEVEL_WITHOUT_NOUN.pattern}")
# (topic just answered, the model's topic for a short follow-up, its longest length, words it must have,
# words it must not have): such a follow-up stays on the topic just answered
_STAYS: tuple[tuple[str, str, int, re.Pattern[str] | None, re.Pattern[str]], ...] = (
    # "要满足什么条件才能申请？" after "创新类项目第一期拨多少比例？": that tranche's conditions (附件1 三),
    # not who may apply for a project (附件1 一)
    ("next_tranche", "eligibility", clauses.FOLLOWUP_MAX_CHARS, _TRANCHE_CONDITIONS, _APPLICANT_WORDS),
    # "我是2015年入选的，也能享受吗？大概多少钱？" after 附件1 二（二）'s plan standard: the talent's own project
    # (含2015年度入选人员), not 三（八）'s reward to the employer — no employer is named
    ("funding", "employer_reward", clauses.FOLLOWUP_REFERS_MAX_CHARS, None, _EMPLOYER_WORDS),
    # "我们请的那位专家已经拿满三年奖励了，今年第四年又续签了，还能再报吗？" after 柔性引才's reward: 附件2
    # 第七条's 累计不超过3年 for that expert, not a project's 申报条件 (dev18)
    ("flexible_intro", "eligibility", _LONG_FOLLOWUP_CHARS, _REWARD_YEARS, _PROJECT_WORDS),
    # "第四年还能为他申请奖励吗？" after "今年是第四年，协议又续签了" was answered with 第七条's 3 years (dev56): the
    # same expert's reward years, not what a category gets
    ("flexible_intro", "benefits", _LONG_FOLLOWUP_CHARS, _REWARD_YEARS, clauses.ASKS_CATEGORY),
    # "省千人是不是比国家千人少一半？" after "县里给人才买房的补贴分几档？": 三（七）'s 购房补贴 of the two plans
    # (the same 100万元), not which category 省千人 is (dev23)
    ("housing", "category", clauses.FOLLOWUP_REFERS_MAX_CHARS, _SET_AGAINST, clauses.ASKS_CATEGORY),
    # "一个上海专家拿技术入股，另一个每年来楠溪江度假顺便帮我们搞技术，这两种算吗" after "柔性引进人才是啥意思" (dev31):
    # 附件2 第五条's ways of flexible recruitment, not what a category gets
    ("flexible_intro", "benefits", _LONG_FOLLOWUP_CHARS + 20, _FLEXIBLE_WAYS, clauses.ASKS_CATEGORY),
    # "我们请的这位是第3类人才，今年发给他的计税报酬一共20万，公司能拿多少？" after how 柔性引才's reward is counted
    # (dev34): 附件2 第七条's 20% of that pay (4万元), not what a 第3类 talent gets
    ("flexible_intro", "benefits", _LONG_FOLLOWUP_CHARS, _PAY_WORDS, clauses.ASKS_CATEGORY),
    # "他是万人计划里的领军人才，不是杰出人才。这样算第几类？企业能拿多少奖励？" after "国家万人计划的专家能不能柔性引进过来"
    # (dev78): 第四条's 对象 (the title's category) and 第七条's reward to the firm, not 三（一）'s award to the talent
    ("flexible_intro", "category", _LONG_FOLLOWUP_CHARS, _FIRM_REWARD, _NOTHING),
    ("flexible_intro", "benefits", _LONG_FOLLOWUP_CHARS, _FIRM_REWARD, _NOTHING),
    # "最后有一个入选了国家千人，我们公司一共能领多少？" after 三（十）'s 引荐 fee for a 猎头公司 (dev33): the referrer's
    # fee and awards, not 三（八）'s reward to the employer a selection was applied through
    ("referral", "employer_reward", _LONG_FOLLOWUP_CHARS, None, _APPLIED_THROUGH_EMPLOYER),
    # "对了，他的省千人就是以我们永嘉这边申报入选的，这样有区别吗？" after a 省千人's project funding (dev59): 附件1
    # 二（二）'s 以永嘉地申报入选 standard for that project, not who may apply for a 创业 project (附件1 一（二）)
    ("funding", "eligibility", _LONG_FOLLOWUP_CHARS, _SELECTED_WHERE, _NOTHING),
    # "后来他入选了，我一共能拿多少？" after 三（十）'s fee for a talent who applied for 省千人 (dev57): the fee and the
    # award for that selection, not what the title gets the talent
    ("referral", "benefits", _LONG_FOLLOWUP_CHARS, _SELECTED_SAID, clauses.ASKS_CATEGORY),
    # "那这一年能贴多少？" after the loan's rates (dev64): the subsidy just discussed, not what a category gets
    ("loan_interest", "benefits", clauses.FOLLOWUP_REFERS_MAX_CHARS, _SUBSIDY_WORDS, clauses.ASKS_CATEGORY),
    # "他在不在引才对象范围里？企业每年最多能拿多少奖励？" after "想柔性引进一位已经退休的院士当技术顾问" (dev63): 附件2
    # 第四条's objects and 第七条's reward for that expert, not 三（八）'s reward for a plan selection (引才 is in both:
    # only a plan named, or a trip abroad, is 三（八）'s)
    ("flexible_intro", "employer_reward", _LONG_FOLLOWUP_CHARS, None, _PLAN_NAMED),
    ("referral", "category", _LONG_FOLLOWUP_CHARS, _SELECTED_SAID, clauses.ASKS_CATEGORY),
    # "我们厂今年考出来3个，总共多少" after 三（五）'s 高级技师 award: that award for three (dev28), not the
    # category of 高级技师 the model read as a title
    # "我们公司引进的那位温州580计划的人，这张卡能给他办吗？" after the 金卡's benefits (dev38): who may hold the card
    # (附件3 一), not 三（八）'s reward to the employer
    ("gold_card", "employer_reward", _LONG_FOLLOWUP_CHARS, _THE_CARD, _NOTHING),
    ("skills_award", "category", clauses.FOLLOWUP_REFERS_MAX_CHARS, _COUNT_OR_SUM, clauses.ASKS_CATEGORY),
    ("skills_award", "benefits", clauses.FOLLOWUP_REFERS_MAX_CHARS, _COUNT_OR_SUM, clauses.ASKS_CATEGORY),
    # "我们公司今年有5个人拿到，一共能领多少？" after 三（五）'s 一级职业资格 award (dev43): that award for five, not
    # 三（八）'s reward to an employer, which names a plan selection
    ("skills_award", "employer_reward", clauses.FOLLOWUP_REFERS_MAX_CHARS, _COUNT_OR_SUM, _PLAN_SELECTION),
    # "先不算他，就前面那对师徒，县里的奖励加起来一共多少？" after three awards said one by one (dev37): their sum,
    # pointed back at; "我们公司今年同时新评上了一个省级的、一个市级的，一共能拿多少？" after "对技能大师工作室有补助吗"
    # (dev39): the levels of the 工作室 just asked about — both at the length of a sum asked
    ("skills_award", "benefits", clauses.FOLLOWUP_SUM_MAX_CHARS, _POINTED_OR_LEVELS, clauses.ASKS_CATEGORY),
    # "那万人计划里的杰出人才呢？两个相比至少差多少？" after what 万人计划领军人才 gets (dev46): the two titles' awards
    # set against each other, not which category the new one is
    ("benefits", "category", clauses.FOLLOWUP_REFERS_MAX_CHARS, _GAP_OR_SUM, clauses.ASKS_CATEGORY),
    # "我们是第2类人才创业的公司，三年税收一共交了480万，差一点点，够不够拿那个追加的？" after the loan subsidy's
    # terms (dev46): 三（三）'s extra year checked against the tax, not what a 第2类 talent gets
    ("loan_interest", "benefits", _LONG_FOLLOWUP_CHARS + 20, _LOAN_FIGURES, clauses.ASKS_CATEGORY),
    ("loan_interest", "category", _LONG_FOLLOWUP_CHARS + 20, _LOAN_FIGURES, clauses.ASKS_CATEGORY),
)
# a cap or a gap asked of a figure just given ("上限跟刚才差多少")
_GAP_OR_CAP = re.compile(GAP_ASKED.pattern + r"|上限|封顶|最多|最高|跟刚才|比刚才")
# the topics whose amount a payout question asks about: 附件1 三's tranches (routing.PAYOUT_ASKED)
_PRICED_PROJECT = ("funding", "next_tranche")
# rules that pay someone other than the talent for a selection (三（十） the referrer, 三（八） the employer)
_PAID_FOR_OTHERS = ("referral", "employer_reward")


def _same_answer_followup(last: Topic, topic: Topic, tracker: Tracker, text: str) -> Topic | None:
    """ "最多多少？" after any answer: a bare follow-up continues it whatever the model guessed."""
    return last if last.name != topic.name and bare_followup(text, last.name) else None


def _next_title_category(last: Topic, topic: Topic, tracker: Tracker, text: str) -> Topic | None:
    """ "那省级技能大师工作室的领衔人呢？" after "市级的算第几类": that title's category."""
    if last.name == "category" and topic.name != "category" and text.startswith("那") and names_title(text):
        return last
    return None


# what a category is made of, asked of the category named ("第4类包括哪些人")
_DEFINITION_ASKED = re.compile(r"包括|包含|是什么|指什么|哪些人|什么人|怎么认定|条件")
# topics whose answer is a category's own figure: the same question asked again of another category
_PER_CATEGORY = ("benefits", "funding", "loan_interest")


def _other_category_same_question(last: Topic, topic: Topic, tracker: Tracker, text: str) -> Topic | None:
    """ "那第4类呢？是不是翻一倍？" after 第5类's 三（一） maximum (dev67): the same question of the category now named,
    not what 第4类 is (二) — the model reads a category with 是不是 as a category question. So is a title said in a
    correction with the amount asked again, when the model files it under 二 ("我搞错了，我是省151重点资助培养人员，
    那能拿多少？"); dev67 c-033's wording goes to the `correct` intent instead and is not answered by this rule."""
    if (
        topic.name != "category"
        or last.name not in _PER_CATEGORY
        or clauses.ASKS_CATEGORY.search(text)
        or _DEFINITION_ASKED.search(text)
    ):
        return None
    if text.startswith("那") and len(reading.categories(text)) == 1 and not names_title(text):
        return last
    if names_title(text) and _AMOUNT_ASKED.search(text) and _SAID_WRONG.search(text):
        return last
    return None


_AMOUNT_ASKED = re.compile(r"多少|几万|多少钱")
# what was said before is put right ("不对，刚查了证书，我是…")
_SAID_WRONG = re.compile(r"^(?:不对|不是的|错了)|看错|说错|记错|搞错|弄错|更正|刚查了")


def _same_rule_what_if(last: Topic, topic: Topic, tracker: Tracker, text: str) -> Topic | None:
    """ "那如果这个人最后真入选了国家千人，我总共能拿多少？" after 三（十）'s referral fee: the title is who was
    referred, and the question is that rule's amount — not the title's category or own benefits.
    "那假如我只是省151重点资助培养的，上限跟刚才差多少？" after a title's project funding: the same funding
    for the title now named, set against the one before (dev17)."""
    if (
        topic.name in ("category", "benefits")
        and (text.startswith(_WHAT_IF) or _WHAT_IF_OF.match(text))
        and not clauses.ASKS_CATEGORY.search(text)
        and (last.name in _PAID_FOR_OTHERS or (last.name == "funding" and _GAP_OR_CAP.search(text)))
    ):
        return last
    return None


def _taizhou_short_followup(last: Topic, topic: Topic, tracker: Tracker, text: str) -> Topic | None:
    """ "我才进公司两年，今年能拿吗？" after 台州 六、25.'s equity award: a short follow-up in 台州 that the model
    files under a topic only 永嘉's text has (用人单位引才奖励) asks more of the 台州 clause."""
    if (
        last.name == "taizhou_plan"
        and topic.scope is Scope.YONGJIA_ONLY
        and tracker.get_slot("region") == TAIZHOU
        and len(text) <= clauses.FOLLOWUP_REFERS_MAX_CHARS
        and api.region_from_words(text) is None
    ):
        return last
    return None


def _payout_of_priced(last: Topic, topic: Topic, tracker: Tracker, text: str) -> Topic | None:
    """ "这钱是一次到账吗？分几次给，每次多少？" after a project's funding: its tranches, of the total just
    priced (附件1 三), not the category's benefits the model guessed (dev16)."""
    if (
        last.name in _PRICED_PROJECT
        and topic.name != "next_tranche"
        and len(text) <= clauses.FOLLOWUP_REFERS_MAX_CHARS
        and PAYOUT_ASKED.search(text)
    ):
        return TOPICS["next_tranche"]
    return None


def _stays(last: Topic, topic: Topic, tracker: Tracker, text: str) -> Topic | None:
    """A short follow-up _STAYS keeps on the topic just answered."""
    if any(
        (last.name, topic.name) == (before, guessed)
        and len(text) <= longest
        and (needs is None or needs.search(text))
        and not avoids.search(text)
        for before, guessed, longest, needs, avoids in _STAYS
    ):
        return last
    return None


def _figures_for_last(last: Topic, topic: Topic, tracker: Tracker, text: str) -> Topic | None:
    """ "一个年计税报酬50万，一个10万" after 柔性引才: figures for the topic just answered, filed by the model
    under a topic that takes no amount (a 台州 passage) while the words name nothing else."""
    if last.name != topic.name and "amount" not in topic.inputs and text:
        entities = parsing.latest_entities(tracker)
        if any(e.get("entity") == "amount" for e in entities) and cue_topic(text, entities, last) is last:
            return last
    return None


# How a message relates to the answer before it, checked in order; the first that settles a topic wins.
_AFTER_LAST: tuple[Callable[[Topic, Topic, Tracker, str], Topic | None], ...] = (
    _same_answer_followup,
    _next_title_category,
    _other_category_same_question,
    _same_rule_what_if,
    _taizhou_short_followup,
    _payout_of_priced,
    _stays,
    _figures_for_last,
)


def routed_topic(topic: Topic, tracker: Tracker, text: str) -> Topic:
    """The topic to answer: the first _AFTER_LAST rule that reads the message as more of the answer before
    it; otherwise the words may settle a neighbour the model confuses (routing.retopic)."""
    last = TOPICS.get(parsing.topic_before(tracker) or "")
    if last is not None:
        for rule in _AFTER_LAST:
            settled = rule(last, topic, tracker, text)
            if settled is not None:
                return settled
    if text and (clauses.stated_before(tracker) or clauses.BACK_REFERS.search(text)):
        # "我们…今年有三个员工考出了国家一级的高级技师证书。" then "县里对这个有奖励吗？每人多少": the statement's
        # words settle the topic the question is about (三（五）'s award, not 高级技师 as a title, dev29)
        return retopic(topic, clauses.question_text(tracker) or text)
    return retopic(topic, text)


def _say_unmet(answers: list[Result], text: str, dispatcher: CollectingDispatcher) -> None:
    """When the words say a condition the answer lists is not done yet ("税务登记还没办，能不能先申请创业项目
    第一期的钱"), say the condition is not met then — after a tranche's amount and conditions as after
    its clause quoted alone (clauses.unmet_note)."""
    if not text or text.startswith("/"):
        return
    note = next((n for r in answers if (n := clauses.unmet_note(r, text))), "")
    if note:
        dispatcher.utter_message(text=note)


def respond(
    topic: Topic, dispatcher: CollectingDispatcher, tracker: Tracker, facts: Facts | None = None
) -> list[EventType]:
    """`_respond`, and the region the answer turned out to be about (carried_region)."""
    before = len(dispatcher.messages)
    events = _respond(topic, dispatcher, tracker, facts)
    other_parts(dispatcher, tracker, before)
    return events + carried_region(dispatcher.messages[before:], tracker)


def other_parts(dispatcher: CollectingDispatcher, tracker: Tracker, before: int) -> None:
    """The sub-clauses a second question part asks, after the turn's answer (actions.question_parts)."""
    text = str((tracker.latest_message or {}).get("text") or "")
    if text.startswith("/"):
        return
    region = parsing.region(tracker.get_slot("region")) or api.region_from_words(text)
    for reply in sibling_replies(text, region, dispatcher.messages[before:]):
        dispatcher.utter_message(**reply.kwargs())


def carried_region(messages: list[dict[str, Any]], tracker: Tracker) -> list[EventType]:
    """[SlotSet region] when the talent named none and every clause this turn's replies cite is 台州市's.

    Why: "我们厂准备建个‘千人计划’专家工作站，市里有啥支持？" is answered from 台州 三、8. (no other text has
    it); the follow-up "那院士专家工作站的补助具体是多少" is still about 台州 — answered for the default
    永嘉县 it stated 永嘉's 20万元, a figure 台州's text never gives. 永嘉县 is the default anyway."""
    if clauses.is_statement(str((tracker.latest_message or {}).get("text") or "")):
        # a passage offered for a statement that asks nothing does not settle where the talent is: "我是公司创始人
        # 之一" shown a 台州 passage, then "我占股35%…能报创业类项目吗" is still 永嘉's 附件1 一（二） (dev53); "我们园区有
        # 两家人才创业企业，一个项目批了81万…" shown 台州 五、19., then "两个项目第一期加起来能拿多少？" is 永嘉's
        # 附件1 三 (dev59)
        return []
    if tracker.get_slot("region") or tracker.get_slot("category") is not None:
        # (a 第1–5类 already said is 永嘉县's catalogue: "我是博士，按县里的分类是第5类…县里有没有人才公寓能住？" then
        # "那这个项目能拿多少钱" is still 永嘉's funding, though only 台州's text has 人才公寓, dev48)
        return []
    docs = {str(c["doc"]) for c in phrasing.message_citations(messages) if c.get("doc")}
    taizhou = edition_for_region(TAIZHOU)
    if taizhou is not None and docs == {taizhou.doc}:
        return [SlotSet("region", TAIZHOU)]
    return []


def _tranche_answer(
    topic: Topic, facts: Facts, tracker: Tracker, text: str, clause: Result
) -> tuple[Result, bool] | None:
    """The topic's decided answer about the tranche the latest words name, when it rests on the aspect's clause
    too: "要去申请第一笔资助款，得准备哪些东西？交到哪个部门去？" (dev38) is the first tranche's conditions and
    materials and 附件1 三's procedure — the procedure's passage alone would drop the materials. None otherwise
    (a question about how the money may be spent, or who signs what, is the passage's alone)."""
    if reading.tranches(text).asked is None:
        return None
    region, defaulted, ask_region = settle_region(topic, facts, tracker)
    if ask_region:
        return None
    result = topics.run(topic, facts, region, text)
    decided = result.status is Status.OK and not clauses.is_other_clause(clause, result)
    return (result, defaulted) if decided else None


def _respond(
    topic: Topic, dispatcher: CollectingDispatcher, tracker: Tracker, facts: Facts | None = None
) -> list[EventType]:
    """Answer `topic` from policy_kb with what we know, then ask only what changes the answer.

    Order: a region the texts do not cover is referred (no figures); otherwise the clause the words
    are about comes first whenever the topic itself can only ask (region, a missing input) or its text
    does not regulate the matter; a decided answer is followed by another clause the words point at.
    """
    facts = facts or Facts.from_tracker(tracker)
    if RECKONED_BY.search((tracker.latest_message or {}).get("text") or ""):
        # "他是国家千人计划的，按他来算呢？" after a 第5类 answer (dev44): the title now named decides the category,
        # not the one the earlier messages held
        said = [str(e.get("value")) for e in parsing.latest_entities(tracker) if e.get("entity") == "honour"]
        if said:
            facts = replace(facts, category=None, honours=said)
    # ("海外工程师那块先这样。回到一开始那个项目…": a matter put aside does not decide what is asked)
    text = followups.set_aside((tracker.latest_message or {}).get("text") or "")
    topic = routed_topic(topic, tracker, text)
    events: list[EventType] = [SlotSet("topic", topic.name)]
    if tracker.get_slot("fallback_count"):
        events.append(SlotSet("fallback_count", 0))
    asked = clauses.question_text(tracker)  # the words the clause search reads (with a follow-up's context)
    place = uncovered_place(text)
    if place is not None:
        # 鹿城, 杭州 …: never another region's figures; say whose texts these are and who to ask
        dispatcher.utter_message(**phrasing.answer_reply(topic, place, buttons=False).kwargs())
        return events
    follow = procedure_reply(tracker, topic.name)
    if follow is not None:
        # "要交哪些材料？找谁办？" after a 柔性引才 answer: that clause's own part of the text says it (附件2
        # 第八条), or says nothing and who decides — not the topic the model guessed for the bare words
        dispatcher.utter_message(**follow.kwargs())
        before = parsing.topic_before(tracker)  # the topic followed up stays the conversation's topic
        return [SlotSet("topic", before), *events[1:]] if before else events
    consequence = clauses.aspect_clause(text, facts.region or api.region_from_words(text), asked)
    figure = clauses.computed(consequence, asked or text) if consequence is not None else None
    if figure is not None:
        # "创新类项目的资助是不是不能超过公司自己投进去的钱？…投入只有50万": the aspect's clause computes the
        # figure the words give (附件1 二（二）'s 一般 cap: 50万元), not its passage alone (dev26)
        dispatcher.utter_message(**phrasing.answer_reply(topic, figure, buttons=False).kwargs())
        return events
    if consequence is not None:
        tranche = _tranche_answer(topic, facts, tracker, text, consequence)
        if tranche is not None:
            dispatcher.utter_message(**phrasing.answer_reply(topic, *tranche, buttons=False).kwargs())
        # what happens after misconduct or failure is the clause that says so, not a calculator's figure
        reply = clauses.clause_reply(consequence, offer_close=True, decides=True, said=asked or text)
        reply.buttons = [*reply.buttons, *phrasing.intent_buttons([topic.intent])]
        dispatcher.utter_message(**reply.kwargs())
        return events
    region, defaulted, ask_region = settle_region(topic, facts, tracker)
    if ask_region:
        # answer first: the clause the words are about (either text), then which region applies
        clause = clauses.best_clause(asked, None, clauses.EXTRA_MIN_SCORE)
        figure = clauses.computed(clause, text)
        if figure is not None:
            # "新建商品房…一个400套的楼盘至少要配多少套": the clause's own rule computes the figure asked (五、21.
            # 配建 5% → 20套) and its scope line says where it applies; which region changes nothing asked
            dispatcher.utter_message(**phrasing.answer_reply(topic, figure, buttons=False).kwargs())
            return events
        if clause is not None:
            dispatcher.utter_message(**clauses.clause_reply(clause).kwargs())
        dispatcher.utter_message(**phrasing.region_question(topic, REGIONS).kwargs())
        return [*events, SlotSet("region_asked", True)]
    stacked = clauses.stacked_figure(text, region) if clauses.TWO_OFFERS.search(normalise(text)) else None
    if stacked is not None and stacked.ok:
        # "按县里一条政策能拿20万，按另一条能拿30万，同一个项目最后能拿多少？" (dev46): two offers for one project are
        # 四（二）'s 就高 (30万元), whatever topic the model guessed — it asks for no category
        dispatcher.utter_message(**phrasing.answer_reply(topic, stacked, buttons=False).kwargs())
        return events
    # a short follow-up is read with the message before it: its figures (利率, 税收) are still the facts
    result = topics.run(topic, facts, region, asked or text)
    search_region = None if defaulted else region  # a place named in the words still boosts its text
    if result.status is Status.NEEDS_INPUT and result.missing:
        # answer first: the clause the words are about (else the topic's overview), then the question
        primer = topic.primer(region) if topic.primer else None
        found = clauses.best_clause(asked, search_region, clauses.WEAK_MIN_SCORE)
        shown = clauses.leads(primer, found, topic.primer_unless)
        clause = next((r for kind, r in shown if kind == "clause"), None)
        figure = (
            # (the best clause, shown as context after the primer or leading: "净资产一共涨了2000万，想拿股份
            # 奖励几个技术骨干，最多能拿出多少" is 台州 六、25.'s 15% = 300万元, not 永嘉's awards by category)
            clauses.computed(clause or found, text)
            # "永嘉县里还有配套吗？配多少？" after "省里资助了1000万": the amount is in the message before,
            # and the latest words name the same rule (配套), not another matter ("能不能挪到明年")
            or (
                clauses.computed_again(clause, asked, text, clauses.stated_before(tracker))
                if asked and asked != text
                else None
            )
            or clauses.stacked_figure(asked, region)
        )
        if figure is not None:
            # the words are about a clause whose own rule takes the amount they give: that is the answer
            # (or ask whether two offers combine, with their amounts: the stacking clause's 就高)
            dispatcher.utter_message(**phrasing.answer_reply(topic, figure, buttons=False).kwargs())
            return events
        for reply in clauses.lead_replies(
            shown, lambda r: phrasing.answer_reply(topic, r, buttons=False), said=text
        ):
            dispatcher.utter_message(**reply.kwargs())
        primers = [r for kind, r in shown if kind == "primer"]
        _say_unmet(primers, text, dispatcher)
        open_case = clauses.open_case_decider(text, primers[0]) if primers else None
        if open_case is not None:
            # "没有单独的产品销售，第二期的销售额条件怎么算": the rule as written (the primer), then who decides
            dispatcher.utter_message(**clauses.decider_reply(open_case).kwargs())
        if not shown and topic.overview:
            rule = topics.search_result(topic.overview, region, min_score=topics.SEARCH_MIN_SCORE)
            if rule.ok:
                dispatcher.utter_message(
                    **phrasing.answer_reply(topic, rule, defaulted, buttons=False).kwargs()
                )
        dispatcher.utter_message(**phrasing.question_reply(topic, result).kwargs())
        return events
    if result.values.get("not_in_edition") and region == TAIZHOU:
        # the words name a 台州 provision with a figure (中介费 24万, 改革做法全国推广): it answers
        computed = topics.taizhou_calculation(text)
        if computed is not None:
            dispatcher.utter_message(**phrasing.answer_reply(TOPICS["taizhou_plan"], computed).kwargs())
            return events
    weak_clause = None  # a clause shown after the answer, as 相关条文
    if result.values.get("not_in_edition"):
        # 台州's text has no 技能人才奖励 table, but the question's words point at one of its clauses: a
        # clause that plainly answers leads ("杰出台州工匠要培养多少" is 二、3.'s target); otherwise the note
        # says first what the text does not regulate ("博士算第几类" in 台州: no categories; a 博士后
        # clause after it is context, not the answer)
        clause = clauses.best_clause(asked, region, clauses.WEAK_MIN_SCORE)
        # (facts stated just before are the question's, as the fallback reads a follow-up)
        figure = clauses.computed_with_statements(clause, asked, text, tracker)
        if figure is not None:
            # "专利申请量是5000件，2018年至少要达到多少件" (the model also tagged 发明专利 as a title): the
            # clause's own rule computes it — 五、18.'s 5500件, not the category note
            dispatcher.utter_message(**phrasing.answer_reply(TOPICS["taizhou_plan"], figure).kwargs())
            return events
        if clause is not None and float(clause.values.get("score") or 0) >= clauses.LEAD_MIN_SCORE:
            dispatcher.utter_message(**clauses.clause_reply(clause, decides=True, said=text).kwargs())
        else:
            weak_clause = clause
    elif (plain := _clause_instead(text, search_region, result)) is not None:
        # the words are plainly about a clause the topic's answer does not rest on: that clause answers,
        # and the topic stays one button away
        # (said with the message before a follow-up: "甲是省151…第三层次，乙是省特级专家" then "他们各算第几类？都能算柔性引才
        # 的对象吗？" is each one's category under 附件2 第四条, dev59)
        reply = clauses.clause_reply(plain, offer_close=True, decides=True, said=asked or text)
        reply.buttons = [*reply.buttons, *phrasing.intent_buttons([topic.intent])]
        dispatcher.utter_message(**reply.kwargs())
        return events
    if result.status is Status.OK and not result.values.get("not_in_edition"):
        # the words are about another clause whose own rule takes the amount they give, and name that
        # rule (配套, 中介, 股权 …): that figure is the answer, not the topic's ("省里资助1000万，县里配套多少"
        # classified as a tranche question is still 三（二）'s 1000万元)
        other = clauses.best_clause(asked, search_region, clauses.EXTRA_MIN_SCORE)
        # (facts stated just before are the question's: 七、29.'s counts of all the people, dev68)
        figure = clauses.computed_with_statements(other, asked, text, tracker)
        if figure is None and other is not None and asked and asked != text:
            # "团队刚进了浙江省领军型创业创新团队，落地在永嘉" then "省里给了1000万，县里还另外配吗？配多少" (dev31): the
            # statement names the team, the question the amount and the rule (配套 → 三（二）'s 1000万元)
            figure = clauses.computed_again(other, asked, text, clauses.stated_before(tracker))
        if figure is not None and figure.rule != result.rule:
            # (the same clause may hold another rule: 五、21.'s 配建 share beside its 房票 answer)
            # no "answered for 永嘉县" note: the figure may be 台州's, and its scope line says where it applies
            dispatcher.utter_message(**phrasing.answer_reply(topic, figure, buttons=False).kwargs())
            return events
    also, own_elsewhere = _other_place_notes(text, asked)
    if own_elsewhere and result.ok:
        # "我们公司在瑞安…我们瑞安的公司能按永嘉这个标准拿吗？" (dev65): the firm is where these texts do not reach — that
        # first, then the text's own terms, not a figure computed for a firm that cannot claim it
        dispatcher.utter_message(text=own_elsewhere + _place_condition(result))
        clause = clauses.best_clause(asked or text, region, clauses.WEAK_MIN_SCORE)
        if clause is not None:
            dispatcher.utter_message(**clauses.clause_reply(clause, lead="相关条文：").kwargs())
        return events
    dispatcher.utter_message(**phrasing.answer_reply(topic, result, defaulted).kwargs())
    _say_unmet([result], text, dispatcher)
    open_case = clauses.open_case_decider(text, result)
    if open_case is not None:
        # "销售额按含税还是不含税算", "厂房的钱算不算项目投入": the rule as written, then who decides the case
        dispatcher.utter_message(**clauses.decider_reply(open_case).kwargs())
    if weak_clause is not None:
        dispatcher.utter_message(**clauses.clause_reply(weak_clause, lead="相关条文：").kwargs())
    if result.status is Status.OK:
        # the topic answered its amount; a question about another clause of it gets that clause too — when the
        # message asks several things, the clause each other part plainly asks
        # (and the whole message's best clause beside them: "算不算柔性引才的对象？公司一年能拿多少引才奖励？" is 附件2
        # 第二条 for its first part and 第七条, which the second part alone matches too weakly, dev65)
        parts = unanswered_part_clauses(text, search_region, result)
        whole = clauses.best_clause(asked, search_region, clauses.EXTRA_MIN_SCORE)
        if parts and whole is not None and all(clauses.is_other_clause(whole, p) for p in parts):
            parts = [*parts, whole][:MAX_PART_CLAUSES]
        for part in parts[:-1]:
            dispatcher.utter_message(**clauses.clause_reply(part, lead="相关条文：").kwargs())
        clause = parts[-1] if parts else whole
        if (
            clause is not None
            and (clauses.is_other_clause(clause, result) or clauses.adds_another_need(clause, result, text))
            and not clauses.other_project_type(clause, asked or text)
        ):
            # the last reply of the turn: it may offer clauses as close as this one (not the topic's own)
            clause = clauses.without_its_list(clause, result)
            reply = clauses.clause_reply(clause, lead="相关条文：", offer_close=True, besides=result)
            dispatcher.utter_message(**reply.kwargs())
    pending = applied_for(text) if text and not text.startswith("/") else []
    if pending and result.ok:
        # "我今年在报国家千人计划…现在能不能先按国家级领军那档享受" (dev55): a title applied for is not yet held
        titles = "、".join(f"“{p}”" for p in pending)
        dispatcher.utter_message(
            text=f"您说的{titles}还在申报中、尚未入选：类别按已获得的称号认定，入选前不能按它享受；"
            "入选后以评审认定为准，可咨询县招才局（县委人才办）。"
        )
    if also:
        # "我们是龙湾区的企业…能拿永嘉的奖励吗": 永嘉县's answer, and that it is not 龙湾区's policy
        dispatcher.utter_message(text=also + _place_condition(result))
    stacking = clauses.stacking_clause(text, region, result) if result.ok else None
    if stacking is not None:
        # "两样都能拿吗": the answer's figures, then the text's rule for combining them (就高, 不重复)
        dispatcher.utter_message(**clauses.clause_reply(stacking, lead="相关条文：").kwargs())
    category = result.values.get("category") if result.ok and topic.name == "category" else None
    if isinstance(category, int) and category != tracker.get_slot("category"):
        events.append(SlotSet("category", category))  # 您属于第2类 — later questions can use it
    read = _titles_read(topic, result)
    if read and read != tracker.get_slot("honour"):
        # the catalogue's reading of the whole message replaces the model's fragment ("百人计划" out of
        # "中科院的百人计划"), so a later "能拿多少" is answered for the title actually named
        events.append(SlotSet("honour", read))
    return events


def _other_place_notes(text: str, asked: str) -> tuple[str, str]:
    """(note, own): the note that the policies are not those of another place the words name beside a covered one —
    in the latest message, or in the statements before it ("公司注册在温州鹿城区，研发也在鹿城" then "那永嘉这个领军人才的
    奖励资助我能申请吗", dev53) —, and the same note again as `own` when that place is the asker's own: their firm is
    there ("我们公司在瑞安", "我们瑞安的公司"), not a place merely mentioned. Each reading of a region is made once."""
    if not text or text.startswith("/"):
        return "", ""
    said = api.region_scope(text).values
    before = api.region_scope(asked).values if asked and asked != text else {}
    note = str(said.get("also_note") or before.get("also_note") or "")
    if not note:
        return "", ""
    words = normalise(asked or text)
    whole = before if words == asked else api.region_scope(words).values
    places = list(whole.get("also_uncovered") or []) or list(said.get("also_uncovered") or [])
    for place in places:
        own = re.compile(
            rf"(?:公司|企业|单位|厂)\S{{0,4}}(?:在|位于|注册在|落在){re.escape(place)}|我们{re.escape(place)}的(?:公司|企业|厂)"
        )
        if own.search(words) and not _MOVING_IN.search(words):
            return note, note
    return note, ""


# the firm or the talent coming to the county ("想跳槽到永嘉", "项目想落到永嘉", "准备搬到永嘉")
_MOVING_IN = re.compile(r"(?:跳槽|落|搬|迁|转|来|落户|过)到?(?:永嘉|台州)|到(?:永嘉|台州)(?:来|去)")


_AWARD_CONDITION = "award.condition"  # 三（一）: 符合我县产业发展导向，经评审认定，在永嘉创业创新


def _place_condition(result: Result) -> str:
    """After the other-place note, when the answer rests on the clause whose awards are only for those who
    创业创新 in the county: that condition, so a firm elsewhere hears that it does not meet it."""
    ed = edition_for_region(result.region) if result.region else None
    if ed is None or not ed.has(_AWARD_CONDITION):
        return ""
    condition = ed.cite(_AWARD_CONDITION)
    if not any(c.clause == condition.clause for c in result.citations):
        return ""
    return (
        f"按{condition.clause}，奖励资助的前提是“{ed.value(_AWARD_CONDITION)}”：企业和工作都不在{ed.region}的，"
        f"不满足这一条件，不能按本条享受。"
    )


def _clause_instead(text: str, region: str | None, result: Result) -> Result | None:
    """The clause that answers instead of the topic's result, or None. A decided result gives way to a
    clause the words plainly match and it does not rest on (clauses.overriding_clause) — the latest message
    alone decides: a follow-up read with the question before it ("这一类最高能拿多少") would match that
    question's clause instead; an undecided one ("单位高级岗位已经满了怎么办" read as 用人单位引才奖励, which could
    only say the title is not among its plans) to the clause the words match when they name nothing of
    its rule (clauses.unasked_rule_clause)."""
    if result.status is Status.OK:
        plain = clauses.overriding_clause(text, region, result) or clauses.unasked_overview_clause(
            text, region, result
        )
        return plain if plain is not None and clauses.computed(plain, text) is None else None
    return clauses.unasked_rule_clause(text, region, result)


# what a message saying only where the talent is may hold besides the place ("我在台州工作", "我是永嘉的")
_PLACE_FILLER = re.compile(
    r"我们?|在|是|的|人|了|呢|吧|啊|呀|哦|嗯|这边|那边|地区|本地|目前|现在|工作|上班|创业|企业|公司|单位|户口|"
    r"[\s，,。.！!？?~～]"
)


# "我是台州一家民企的老板": the talent saying who and where they are, before the question
_ABOUT_ME = re.compile(r"^(?:我|本人|咱)")


def _only_a_place(tracker: Tracker, entities: list[dict[str, Any]]) -> bool:
    """Whether the latest message says nothing but where the talent is: what is left once the places the
    model tagged and the filler around them are taken out is empty, or the message tells about the
    talent and asks nothing ("我是台州一家民企的老板")."""
    text = (tracker.latest_message or {}).get("text") or ""
    if _ABOUT_ME.match(text.strip()) and clauses.is_statement(text):
        return True
    spans = sorted(
        (int(e["start"]), int(e["end"]))
        for e in entities
        if e.get("entity") == "region" and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
    )
    if not spans:
        return True  # no span to take out: as before, a region entity alone is a place given
    rest, at = [], 0
    for start, end in spans:
        rest.append(text[at:start])
        at = max(at, end)
    rest.append(text[at:])
    return not _PLACE_FILLER.sub("", "".join(rest))


def _titles_read(topic: Topic, result: Any) -> list[str]:
    """The titles the category rule read (listed ones by catalogue name, known unlisted ones as said)."""
    if topic.name != "category" or result.rule != "category_for_honours":
        return []
    listed = topics.listed_titles(result)
    unlisted = list(result.values.get("unknown") or []) if result.values.get("recognised") else []
    return listed + unlisted


class ActionAnswerPolicy(Action):
    """One-turn topics (金卡, 热线, 海外工程师 …): the topic is the intent just classified."""

    def name(self) -> str:
        return "action_answer_policy"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        topic = BY_INTENT.get(intent or "")
        if topic is None:
            dispatcher.utter_message(
                text="请问您想了解哪方面的政策？", buttons=phrasing.intent_buttons(list(INTENT_TITLES)[:4])
            )
            return []
        return respond(topic, dispatcher, tracker)


class _FormAnswer(Action, ABC):
    """Submit action of a form: the form has collected what policy_kb asked for."""

    @property
    @abstractmethod
    def topic(self) -> str:
        """The topic this form serves (a key of actions.topics.TOPICS)."""

    def name(self) -> str:
        return f"action_answer_{self.topic}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return respond(TOPICS[self.topic], dispatcher, tracker)


class ActionAnswerCategory(_FormAnswer):
    topic = "category"


class ActionAnswerBenefits(_FormAnswer):
    topic = "benefits"


class ActionAnswerFunding(_FormAnswer):
    topic = "funding"


class ActionAnswerNextTranche(_FormAnswer):
    topic = "next_tranche"


def _corrected_figure(facts: Facts, entities: list[dict[str, Any]], tracker: Tracker) -> list[EventType]:
    """ "不好意思我看错了，合同上写的是正好50万" after "年薪45万给多少" (dev31): the one amount said replaces the one
    money fact the earlier message gave (salary 45万 → 50万) — in `facts` and in its slot. [] otherwise."""
    text = str((tracker.latest_message or {}).get("text") or "")
    # (an amount the words give a role, "更正：总额150万", fills that slot the ordinary way)
    said = [
        parsing.money(e.get("value")) for e in entities if e.get("entity") == "amount" and not e.get("role")
    ]
    if not followups.corrects(text) or len(said) != 1 or said[0] is None:
        return []
    held = [name for name in parsing.MONEY_SLOTS if getattr(facts, name, None) not in (None, said[0])]
    if len(held) != 1:
        return []  # which figure the correction replaces is not guessed at
    setattr(facts, held[0], said[0])
    return [SlotSet(held[0], said[0])]


class ActionFollowup(Action):
    """ "那第三类呢？", "不对，是创新类的", an answer to our last question: continue the last topic.

    Values that came without a role (a bare "270万" or "270") go to the slot the last topic still
    needs, because that is what we asked for.
    """

    def name(self) -> str:
        return "action_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        entities = parsing.latest_entities(tracker)
        topic = TOPICS.get(parsing.text(tracker.get_slot("topic")) or "")
        kinds = {e["entity"] for e in entities}
        if topic is None or (kinds and not kinds & topic.inputs):
            topic = infer_topic(entities) or topic
        if topic is None:
            # no topic to continue, but the words (read with the question before a short follow-up:
            # "其中国家级备案的几家？") point at a clause: that clause answers
            region = parsing.region(tracker.get_slot("region"))
            # "我在台州": noted, not a question; "台州订单班" names a region and asks about a clause
            only_region = bool(kinds) and kinds <= {"region"} and _only_a_place(tracker, entities)
            asked = "" if only_region else clauses.question_text(tracker)
            clause = clauses.best_clause(asked, region, clauses.WEAK_MIN_SCORE)
            if clause is not None:
                dispatcher.utter_message(**clauses.clause_reply(clause, decides=True).kwargs())
                return []
            if any(e["entity"] == "region" for e in entities):
                text = "好的，已记下您所在的地区。请问您想了解哪方面的政策？"
            else:
                text = "请问您想了解哪方面的政策？"
            dispatcher.utter_message(text=text, buttons=phrasing.intent_buttons(list(INTENT_TITLES)[:4]))
            return []
        facts = Facts.from_tracker(tracker)
        events: list[EventType] = _corrected_figure(facts, entities, tracker)
        region, _, ask_region = settle_region(topic, facts, tracker)
        if not ask_region:
            pending = topics.run(topic, facts, region)
            # a bare answer goes to what we asked for: a missing input, or the check we offered
            for missing in (pending.missing or pending.offers)[:1]:
                value = parsing.reply_value(missing.name, tracker)
                if value is not None and hasattr(facts, missing.name):
                    setattr(facts, missing.name, value)
                    events.append(SlotSet(missing.name, value))
        return events + respond(topic, dispatcher, tracker, facts)
