"""Reading what the tracker holds into clean values for policy_kb.

Why a module of its own (financial-demo's parsing.py): slots arrive as whatever the NLU or a button
put there — ints, strings like "270万", lists, occasionally garbage. policy_kb.inputs already knows
how to read each kind of value and says politely when it cannot; here we apply it slot by slot, so
an odd value becomes None (and is asked again) instead of an exception in the action server.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Tracker

from policy_kb import followups, inputs, reading
from policy_kb.catalogue import catalogue, mentioned, said_not_held, said_unmet
from policy_kb.editions import edition_for_region
from policy_kb.inputs import InputError

MONEY_SLOTS = (
    "approved_total",
    "paid_in_capital",
    "spending",
    "investment",
    "sales",
    "salary",
    "loan_amount",
)
TEXT_SLOTS = ("plan", "skills_award", "workstation_kind", "workstation_level")
MAX_TRANCHES = 3
_BARE_NUMBER = re.compile(r"\s*(\d+(?:\.\d+)?)\s*")
_BARE_WAN_LIMIT = 100_000  # a bare "270" in answer to a money question means 270万元; policy sums are ≥ 1万元


def _safe(fn: Any, *args: Any) -> Any:
    try:
        return fn(*args)
    except (InputError, TypeError, ValueError, ArithmeticError, AttributeError):
        return None


def money(value: Any) -> int | None:
    """An amount in integer 元, or None when the value is missing or unreadable."""
    if isinstance(value, list):
        value = value[0] if value else None
    return _safe(inputs.amount_yuan, value, "金额")


def category(value: Any) -> int | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _safe(inputs.category, value)


def rating(value: Any) -> str | None:
    return _safe(inputs.rating, value) if isinstance(value, str) else None


def project_type(value: Any) -> str | None:
    return _safe(inputs.project_type, value) if isinstance(value, str) else None


def tranche_count(value: Any) -> int | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int | str) and not isinstance(value, bool):
        return _safe(inputs.count, value, "已拿到的期数", MAX_TRANCHES)
    return None


def rate(value: Any) -> str | None:
    """A loan rate as a decimal string ("4.35"), or None."""
    if isinstance(value, list):
        value = value[0] if value else None
    d = _safe(inputs.percent, value, "利率")
    return format(d, "f") if d is not None else None


def count(value: Any) -> int:
    """A non-negative whole counter slot (fallback_count); anything odd counts as 0."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return 0
    return max(0, int(value))


def honours(value: Any) -> list[str]:
    """Honour names as a de-duplicated list of non-empty strings, in the order given."""
    items = value if isinstance(value, list) else [value] if value else []
    out: list[str] = []
    for item in items:
        if isinstance(item, str) and item.strip() and item.strip() not in out:
            out.append(item.strip())
    return out


def people(message: str) -> int | None:
    """How many people a message counts ("2人 年薪80万", "两位工程师"): None when it names no count, or
    one person — the rules' default, not a count to pass. Read by policy_kb.reading."""
    n = reading.people(message or "")
    return n if n is not None and n > 1 else None


def selected_count(message: str) -> int | None:
    """How many of the people counted were selected ("其中1位入选了580计划"); None when not said. Read by
    policy_kb.reading."""
    return reading.selected(message or "")


def text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def region(value: Any) -> str | None:
    """The covered region a value names (楠溪江 → 永嘉县), or None when it names none."""
    name = text(value)
    if not name:
        return None
    ed = _safe(edition_for_region, name)
    return ed.region if ed is not None else None


@dataclass
class Facts:
    """Everything the talent has told us so far, cleaned; None means unknown."""

    honours: list[str] = field(default_factory=list)
    category: int | None = None
    region: str | None = None
    project_type: str | None = None
    review_rating: str | None = None
    approved_total: int | None = None
    tranches_received: int | None = None
    paid_in_capital: int | None = None
    spending: int | None = None
    investment: int | None = None
    sales: int | None = None
    salary: int | None = None
    loan_amount: int | None = None
    loan_rate: str | None = None
    plan: str | None = None
    skills_award: str | None = None
    workstation_kind: str | None = None
    workstation_level: str | None = None
    # 附件1 二（二）: said in any message ("当年是通过杭州的单位申报入选的"), not a slot
    selected_in_yongjia: bool | None = None
    # 三（八）: a trip abroad to recruit, said in any message ("上个月我们公司跟着温州市委组织部的团去美国引才")
    overseas_trip: str | None = None
    # honours holds a title an earlier message gave the same person ("他手上还有个…发明专利", _added_to_earlier):
    # the latest words alone no longer name every title held
    honours_added: bool = False
    # the category the conversation held before the latest message (set against the one it names: "跟上面一档市级领军
    # 比，少了多少？" after 县级领军人才, dev33)
    category_before: int | None = None

    @classmethod
    def from_slots(cls, slots: dict[str, Any], metadata: dict[str, Any] | None = None) -> Facts:
        received = tranche_count(slots.get("tranches_received"))
        if received is None:  # 第二期怎么申请 → one tranche fewer received than the one asked about
            asked = tranche_count(slots.get("tranche_asked"))
            received = asked - 1 if asked else None
        facts = cls(
            honours=honours(slots.get("honour")),
            category=category(slots.get("category")),
            region=region(slots.get("region")) or region((metadata or {}).get("region")),
            project_type=project_type(slots.get("project_type")),
            review_rating=rating(slots.get("review_rating")),
            tranches_received=received,
            loan_rate=rate(slots.get("loan_rate")),
            # MONEY_SLOTS and TEXT_SLOTS, field by field so each is checked against its type
            approved_total=money(slots.get("approved_total")),
            paid_in_capital=money(slots.get("paid_in_capital")),
            spending=money(slots.get("spending")),
            investment=money(slots.get("investment")),
            sales=money(slots.get("sales")),
            salary=money(slots.get("salary")),
            loan_amount=money(slots.get("loan_amount")),
            plan=text(slots.get("plan")),
            skills_award=text(slots.get("skills_award")),
            workstation_kind=text(slots.get("workstation_kind")),
            workstation_level=text(slots.get("workstation_level")),
        )
        return facts

    @classmethod
    def from_tracker(cls, tracker: Tracker) -> Facts:
        metadata = tracker.latest_message.get("metadata") if tracker.latest_message else None
        facts = cls.from_slots(dict(tracker.slots), metadata if isinstance(metadata, dict) else None)
        said = str((tracker.latest_message or {}).get("text") or "")
        if facts.honours and said:
            # "也不是院士": the model tags 院士 as a title, but the talent says they do not hold it — in the latest
            # message that names it ("他今年正在报浙江省千人计划…结果还没出来" then "两年最多贴多少钱？", dev65)
            kept = [h for h in facts.honours if not _not_held_where_said(tracker, h)]
            if not kept and facts.honours:
                # the slot's title is only applied for: a title held that the conversation named before it ("我女婿是
                # 博士…" then "他今年正在报浙江省千人计划…结果还没出来", dev65 → 博士, 第5类)
                kept = list(
                    dict.fromkeys(h.name for t in user_texts(tracker) for h in catalogue().match(t).honours)
                )
            facts.honours = kept
            # "七八年前拿过一次县科技进步一等奖" (dev60): a title read with the words that say its condition is unmet
            facts.honours = [said_unmet(said, h) or h for h in facts.honours]
        compared = reading.category_compared(said)
        if compared is not None and facts.category == compared[1]:
            # "专家是第5类人才…是不是跟第4类一样按30%算" (dev45): the category set beside it is not the one held
            facts.category = compared[0]
        if facts.category is not None and reading.hoped_category(said) == facts.category:
            unlisted = _unlisted_said(tracker)
            if unlisted:
                # "我现在在读博士" then "县里那个博士人才的政策，我现在就能按第5类申请吗？" (dev55): a title the
                # catalogue does not list was said, and the category is only hoped for — the title's referral
                # answers, not 第5类's figures (nor the 博士 the question names)
                facts.category, facts.honours = None, unlisted
            elif facts.honours:
                # "省151第三层次、博士、正高…能不能往上算一档、变成第4类？" (dev50): the category asked about is
                # hoped for, not held — the titles settle it (第5类), and a 第4类 figure would be a wrong answer
                facts.category = None
        pending = honours(tracker.get_slot("honour_pending"))
        if not facts.honours and pending and said:
            # we asked which one an ambiguous title is, and the reply names the level alone, in another question:
            # "浙江省151人才工程的" then "证书上写的是‘重点资助培养人员’。那这样最多能拿多少奖励资助？" (dev64)
            facts.honours = completed_by(pending, said)
        if facts.honours:
            facts.honours = _settled_by_earlier(facts.honours, tracker)
            facts.honours = _revised_by_latest(facts.honours, tracker)
            held = _added_to_earlier(facts.honours, said, tracker)
            facts.honours_added, facts.honours = held != facts.honours, held
            facts.honours = _set_against_earlier(facts.honours, said, tracker)
        if _title_replaces_category(facts, said):
            facts.category = None
        denied_type = _type_said_with_denial(tracker)
        if denied_type is not None:
            facts.project_type = denied_type
        facts.category_before = category(_slot_before(tracker, "category"))
        # where a plan selection was applied for is told once, often before the question it settles
        facts.selected_in_yongjia = next(
            (f for f in map(reading.selected_in_yongjia, reversed(user_texts(tracker))) if f is not None),
            None,
        )
        facts.overseas_trip = next(
            (f for f in map(reading.overseas_trip, reversed(user_texts(tracker))) if f is not None), None
        )
        return facts


# a title held beside the one said before, not in its place
# ("还能拿多少" after the new title is not one: only 还/也/又 with what is held)
_HELD_BESIDE = re.compile(
    r"另外|同时|都有|两个|加上|再加|叠加|好几个|几个头衔|多个"
    r"|(?:还|也|又)(?:是|有|入选|获得|评上|拿过|当选)"
)


def _title_replaces_category(facts: Facts, said: str) -> bool:
    """True when the latest words name a listed title held that is not of the category the conversation holds, and
    name no category themselves: the new title decides ("那要是换成省特级专家呢？" after a 长江学者's 第2类, dev72).

    Why: the category slot is set from an earlier answer or statement, and a stated category wins over titles in
    every rule, so a 省特级专家 was told 第2类's 800万 — a confident wrong figure."""
    if facts.category is None or not facts.honours or not said or reading.categories(said):
        return False
    if _HELD_BESIDE.search(said):
        return False  # "我另外还入选过浙江省千人计划，两个头衔都有的话按哪个算" (dev50): held beside the earlier one
    cat = catalogue()
    now = {h.id: h.category for h in cat.match(said).honours}
    held = [now[h.id] for h in cat.match(facts.honours).honours if h.id in now]
    return bool(held) and facts.category not in held


def _unlisted_said(tracker: Tracker) -> list[str]:
    """The titles the catalogue knows are not listed (在读博士, 副教授) in the talent's messages so far."""
    cat = catalogue()
    return [t for text in user_texts(tracker) for t in cat.match(text).unlisted]


def clean_slot_value(slot: str, value: Any) -> Any:
    """The cleaned value for one slot (None when unreadable); used by form validation."""
    if slot in MONEY_SLOTS:
        return money(value)
    readers = {
        "category": category,
        "review_rating": rating,
        "project_type": project_type,
        "tranches_received": tranche_count,
        "loan_rate": rate,
        "region": region,
    }
    if slot in readers:
        return readers[slot](value)
    if slot == "honour":
        return honours(value) or None
    return text(value)


def input_error(slot: str, value: Any) -> str | None:
    """policy_kb's polite Chinese message for an unreadable value, or None when it reads fine."""
    checks = {
        "category": lambda v: inputs.category(v),
        "review_rating": lambda v: inputs.rating(str(v)),
        "project_type": lambda v: inputs.project_type(str(v)),
        "tranches_received": lambda v: inputs.count(v, "已拿到的期数", MAX_TRANCHES),
    }
    check = checks.get(slot) or ((lambda v: inputs.amount_yuan(v, "金额")) if slot in MONEY_SLOTS else None)
    if check is None:
        return None
    try:
        check(value)
    except InputError as exc:
        return str(exc)
    except (TypeError, ValueError, AttributeError):
        return "没能读懂您的回答，请换个说法。"
    return None


def user_texts(tracker: Tracker) -> list[str]:
    """What the talent said in this conversation, message by message, oldest first."""
    return [str(e.get("text") or "") for e in tracker.events if e.get("event") == "user"]


def earlier_texts(tracker: Tracker) -> list[str]:
    """The talent's messages before the latest one, oldest first, without button payloads ("/…")."""
    return [t for t in user_texts(tracker)[:-1] if t and not t.startswith("/")]


def latest_entities(tracker: Tracker) -> list[dict[str, Any]]:
    entities = (tracker.latest_message or {}).get("entities") or []
    return [e for e in entities if isinstance(e, dict) and "entity" in e]


def _not_held_where_said(tracker: Tracker, title: str) -> bool:
    """said_not_held, read in the latest of the talent's messages that names the title (the slot keeps a title
    from an earlier message)."""
    texts = user_texts(tracker)
    latest = str((tracker.latest_message or {}).get("text") or "")
    if latest and (not texts or texts[-1] != latest):
        texts.append(latest)
    for text in reversed(texts):
        if text and not text.startswith("/") and mentioned(text, title):
            return said_not_held(text, title)
    return False


def _type_said_with_denial(tracker: Tracker) -> str | None:
    """The project type of the latest message naming one, when it names both and denies one: "创新类项目，不是
    创业类" (dev64) — the model tags both, and the slot keeps the last, the denied one. None otherwise (the slot
    stands)."""
    for text in reversed(user_texts(tracker)):
        if text.startswith("/"):
            continue
        named = [t for t in inputs.PROJECT_TYPES if t in text]
        if not named:
            continue
        kept = reading.project_types(text)
        return kept[0] if len(named) > 1 and len(kept) == 1 else None
    return None


def completed_by(ambiguous: list[str], text: str) -> list[str]:
    """The listed titles an ambiguous one becomes when read with `text` ("151" + "证书上写的是‘重点资助培养人员’" →
    省“151人才工程”重点资助培养人员; "151" + "第二层次培养人员，不是重点资助的那种" → 第二层次): only readings of the
    ambiguous title count, so the words alone cannot bring in another title. [] when they settle nothing."""
    cat = catalogue()
    options = {h.id for cs in cat.match(ambiguous).ambiguous.values() for h in cs}
    if not options or not text:
        return []
    said = "、".join(ambiguous)
    for sentence in re.split(
        r"[。？！?!；;，,]", text
    ):  # (the level is read within its clause, not across the message)
        joined = [h.name for h in cat.match(f"{said}，{sentence}").honours if h.id in options]
        if joined:
            return joined
    return []


def _settled_by_earlier(said: list[str], tracker: Tracker) -> list[str]:
    """Titles the catalogue reads as ambiguous ("千人计划": 国家 or 省) settled by a title the talent gave
    earlier in the conversation ("我是国家千人" … "那再加上千人计划的100万购房补贴"): the same title again,
    not an open question — the honour slot holds only the latest message's words."""
    earlier = honours(_slot_before(tracker, "honour"))
    if not earlier:
        return said
    cat = catalogue()
    held = {h.id: h.name for h in cat.match(earlier).honours}
    # the latest message's own words settle it first: "不对，是浙江省的千人计划，不是国家的" after "我是国家千人"
    # (dev60) — the model tags only 千人计划, but the message reads as 省千人, not the 国家千人 said before
    latest = {h.id: h.name for h in cat.match(str((tracker.latest_message or {}).get("text") or "")).honours}
    out = []
    for title in said:
        found = cat.match(title)
        if found.honours:
            out.append(title)
            continue
        options = {h.id for cs in found.ambiguous.values() for h in cs}
        now = [name for i, name in latest.items() if i in options]
        now = now or completed_by([title], str((tracker.latest_message or {}).get("text") or ""))
        cands = [i for i in options if i in held]
        out.append(now[0] if len(now) == 1 else held[cands[0]] if len(cands) == 1 else title)
    return out


# the same person holds one more title: "他手上还有个自己的发明专利…能不能因此再往上提一档？" (dev50)
# ("我也是博士" after "我老公是省千人" is another person: only 还…, and the pronoun must be the earlier title's holder)
_SAME_PERSON_ALSO = re.compile(
    r"(我|他|她)(?:手上|手里|本人|自己)?(?:还有|还是|同时还是|还拿过|还获得|还评上|还入选)"
)
# whose the earlier title was: someone else's when said of a spouse, a colleague or a third person ...
_OTHER_HOLDER = re.compile(r"老公|爱人|老婆|妻子|丈夫|同事|朋友|他|她")
# ... or the talent's own
_OWN_HOLDER = re.compile(r"我是|我本人|我自己")


def _added_to_earlier(said: list[str], text: str, tracker: Tracker) -> list[str]:
    """The titles of the message before joined to the latest one's when the latest says the same person
    also holds them: the honour slot holds only the latest message's title, and "能不能往上提一档" asked of
    the 发明专利 alone was told 第5类, dropping the 市级重点创新团队带头人 (第4类) said before."""
    also = _SAME_PERSON_ALSO.search(text)
    before = earlier_texts(tracker)
    if also is None or not before:
        return said
    holder = _OTHER_HOLDER if also.group(1) == "我" else _OWN_HOLDER
    if holder.search(before[-1]):
        return said  # the earlier title was someone else's
    earlier = [h for h in honours(_slot_before(tracker, "honour")) if h not in said]
    return [*earlier, *said] if earlier else said


# the latest title set against the one the conversation established ("那跟国家千人比，奖励资助的上限差多少？" after "我老公是
# 浙江省特级专家", dev61; "比温州580那一档的上限多多少？" after 长江学者, dev60)
_SET_AGAINST_EARLIER = re.compile(r"比\S{0,12}?(?:多|少|高|低|差)|相比|跟\S{0,12}?比|差多少|相差")


def _set_against_earlier(said: list[str], text: str, tracker: Tracker) -> list[str]:
    """The earlier messages' highest title joined to the one the latest message sets against it: both are priced and
    their gap said. The earlier titles are read from the words (the honour slot holds only the last message's, which
    may be a pronoun's: "这位教授的话…"), and the highest stands for that person, as 二 is answered for several."""
    if len(said) != 1 or not _SET_AGAINST_EARLIER.search(text):
        return said
    cat = catalogue()
    now = {h.id for h in cat.match(said).honours}
    earlier = earlier_texts(tracker)
    others = [h for h in cat.match(earlier).honours if h.id not in now] if earlier and now else []
    if not others:
        return said
    return [min(others, key=lambda h: h.category).name, *said]


def _revised_by_latest(held: list[str], tracker: Tracker) -> list[str]:
    """The titles a follow-up naming no title of its own puts in place of the earlier ones ("哦，那我是第二
    层次的" after 551第一层次): the honour slot still holds the earlier message's title, and a category
    answered from it was the old rank's — 第4类 told to a 第二层次 talent, who is 第5类 (stop 29)."""
    if any(e.get("entity") == "honour" for e in latest_entities(tracker)):
        return held
    said = [t for t in user_texts(tracker) if t and not t.startswith("/")]
    revised = followups.revise(said[-2], said[-1]) if len(said) >= 2 else None
    if revised is None:
        return held
    cat = catalogue()
    now, before = cat.match(revised.earlier), cat.match(said[-2])
    if not now.honours or {h.id for h in now.honours} == {h.id for h in before.honours}:
        return held
    return [h.name for h in now.honours]


def _slot_before(tracker: Tracker, name: str) -> Any:
    """A slot's value as it stood when the latest message arrived."""
    events = list(tracker.events or [])
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    value = None
    for e in events[:last_user]:
        if e.get("event") == "slot" and e.get("name") == name:
            value = e.get("value")
    return value


def topic_before(tracker: Tracker) -> str | None:
    """The topic slot as it stood when the latest message arrived (a form started by that message may
    have set it since): the topic of the answer the talent is following up."""
    return text(_slot_before(tracker, "topic"))


def reply_value(slot: str, tracker: Tracker) -> Any:
    """A value for `slot` from the latest message when the NLU gave it no role ("270万", "270", "一期").

    Used only for the slot we just asked about, so a bare answer goes where the question pointed.
    """
    entities = latest_entities(tracker)
    if slot in MONEY_SLOTS:
        loose = [e for e in entities if e["entity"] == "amount" and not e.get("role")]
        if loose:
            return money(loose[0].get("value"))
        m = _BARE_NUMBER.fullmatch((tracker.latest_message or {}).get("text") or "")
        if m:
            number = float(m.group(1))
            return money(f"{m.group(1)}万") if number < _BARE_WAN_LIMIT else money(m.group(1))
        return None
    if slot == "tranches_received":
        for e in entities:
            if e["entity"] == "tranche":
                n = tranche_count(e.get("value"))
                if n is not None:
                    return n if e.get("role") != "asked" else max(n - 1, 0)
        raw = (tracker.latest_message or {}).get("text") or ""
        return tranche_count(raw.strip()) if len(raw.strip()) <= 4 else None
    if slot == "loan_rate":
        m = _BARE_NUMBER.fullmatch((tracker.latest_message or {}).get("text") or "")
        return rate(m.group(1)) if m else None
    return None


def option_value(slot: str, option: str) -> Any:
    """The slot value a button for one of policy_kb's options should carry (第3类 → 3, 创业类 → 创业)."""
    if slot == "honour":
        return [option]
    cleaned = clean_slot_value(slot, option)
    return option if cleaned is None else cleaned
