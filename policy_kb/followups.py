"""What a follow-up changes in the question before it ("那如果80万那个年薪涨到100万呢").

Why: a short follow-up is read together with the message before it, so its figures and titles are
added to the earlier ones. A follow-up that *replaces* one of them would then be counted twice: two
engineers at 45万 and 80万, then "80万那个涨到100万" became four people (45, 80, 80, 100); three people
referred of whom one became 省千人, then "如果入选的那个是国家千人计划呢" kept both plans. `revise` puts the
new figure or title in the place of the old one in the earlier message, so every rule reads the
situation the talent now asks about. Pure: no Rasa, no HTTP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policy_kb.catalogue import as_matched, catalogue
from policy_kb.inputs import RATINGS
from policy_kb.reading import categories, plain, project_types, tranche_words, tranches
from policy_kb.text import GAP_ASKED, SUM_ASKED

# "80万那个涨到100万", "把80万的改成100万", "年薪80万的那位提到100万"
_AMOUNT = r"\d+(?:\.\d+)?万元?"
_NEW_AMOUNT = re.compile(
    rf"(?P<old>{_AMOUNT})(?:的|那个|那位|那人|这个|这位)?[^,，。？?\d]{{0,8}}?"
    rf"(?:涨到|涨成|提高到|提到|调到|调整到|变成|改成|换成|降到|降为|变为|改为)(?P<new>{_AMOUNT})"
)
# a follow-up that puts one thing in place of another: "如果…是X呢", "换成X", "那X呢"
# (after an interjection too: "哦，那我是第二层次的，算哪类" — dev18)
_REPLACING = re.compile(
    r"^(?:(?:哦|噢|嗯|啊|喔|好的|好)+[，,、\s]*)?(?:那|那么|如果|要是|假如|换成|改成)|(?:换成|改成|变成)"
)
MAX_FOLLOWUP_CHARS = 30  # a longer message is a question of its own, not a change to the one before
MAX_CORRECTION_CHARS = 60  # …unless it says the one before was a mistake ("我说错了，是…")


@dataclass(frozen=True)
class Revised:
    """The earlier message with the follow-up's change made, and the follow-up without it."""

    earlier: str
    followup: str

    @property
    def text(self) -> str:
        return f"{self.earlier} {self.followup}"


def revise(earlier: str, followup: str) -> Revised | None:
    """The change `followup` makes to `earlier`, or None when it makes none it can place.

    An amount is replaced only when the follow-up names the old figure and the earlier message states
    it; a title only when each message names exactly one listed title and they differ (the same-kind
    swap "省千人 → 国家千人计划"). Anything else is left to the ordinary reading of both messages."""
    before, after = plain(earlier), plain(followup)
    if not before or not after:
        return None
    if len(after) > MAX_FOLLOWUP_CHARS:
        if len(after) <= MAX_CORRECTION_CHARS and (
            _CORRECTING.search(after) or _TITLE_PUT_RIGHT.search(after)
        ):
            # "不对不对，我说错了，是浙江省的千人计划，不是国家的。那我在县里算第几类？" (dev60): a title corrected
            # with the question after it
            revised = _title_revised(before, after)
            if revised is not None:
                return revised
        return _type_revised_first(before, after)
    m = _NEW_AMOUNT.search(after)
    if m and _same_amount(m.group("old")) in before:
        old, new = _same_amount(m.group("old")), _same_amount(m.group("new"))
        rest = (
            after[: m.start()]
            + after[m.start() : m.end()].replace(m.group("old"), "").replace(m.group("new"), "")
            + after[m.end() :]
        )
        return Revised(before.replace(old, new, 1), rest)
    corrected = _corrected_amount(before, after)
    if corrected is not None:
        return corrected
    if _REPLACING.search(after) or _ONLY.search(after) or _BARE_ASK.search(after):
        # each change the follow-up makes, one after another: "那如果是创新类呢？第一期多少？" after "创业类项目批了300万，
        # 第二期能拨多少？" (dev61) changes both the tranche and the type
        earlier, rest, changed = before, after, False
        for one in _REVISERS:
            revised = one(earlier, rest)
            if revised is not None:
                earlier, rest, changed = revised.earlier, revised.followup, True
        return Revised(earlier, rest) if changed else None
    if _CORRECTING.search(after):
        # "不对不对，我说错了，是浙江省的千人计划，不是国家的" after "我是国家千人" (dev60): the title said in its place
        return _title_revised(before, after) or _skill_revised(before, after)
    if _TITLE_PUT_RIGHT.search(after):
        # "哦补充一下，我是浙江省的千人计划，不是国家的" after "我入选了千人计划…应该是第二类吧" (dev67)
        return _title_revised(before, after)
    return None


_CATEGORY_WORDS = re.compile(r"第\s*[1-5一二三四五]\s*类")


def _category_revised(before: str, after: str) -> Revised | None:
    """ "那要是第4类呢？总额最高多少" after "我是第5类人才，最高100万是全给个人的吗？" (dev61): the category now named in
    the old one's place — read together, both were priced and summed as two people's."""
    if _COMPARED.search(after) or GAP_ASKED.search(after):
        return None  # "换成第5类人才也是重点推荐呢？两个差多少钱？" (dev42): both are priced, and their gap
    new, old = categories(after), categories(before)
    said = _CATEGORY_WORDS.search(before)
    if len(new) != 1 or len(old) != 1 or new == old or said is None:
        return None
    named = _CATEGORY_WORDS.search(after)
    rest = after[: named.start()] + after[named.end() :] if named else after
    return Revised(before[: said.start()] + f"第{new[0]}类" + before[said.end() :], rest)


def _skill_revised(before: str, after: str) -> Revised | None:
    """ "说错了，我是刚被评为省里的首席技师" after "市首席技师县里奖多少？" (dev33): the 三（五） award the follow-up
    names in place of the earlier one (the catalogue reads a bare 首席技师 as either level)."""
    from policy_kb.rules.awards import skills_award_named, skills_award_spellings

    if GAP_ASKED.search(after):
        return None  # "那他要是以后再评上中华技能大奖，比这次多拿多少钱？" after 钱江 (dev18): both are priced, and their gap
    new, old = skills_award_named(after), skills_award_named(before)
    if new is None or old is None or new == old:
        return None
    held = next((w for w in skills_award_spellings(old) if w in before), None)
    return Revised(before.replace(held, new, 1), "") if held else None


# "第二期呢？", "那最后一笔呢": a bare follow-up naming one thing in place of the earlier one
_BARE_ASK = re.compile(r"呢[？?。！!]*$")
_BOTH_TRANCHES = re.compile(SUM_ASKED.pattern + r"|两期|三期都|各|分别|都")


def _tranche_revised(before: str, after: str) -> Revised | None:
    """ "第二期呢？" after "创业项目批了270万，第一期能拿多少？": the second tranche of the same 270万 — read
    together, both tranches were asked and the first answered again."""
    if _BOTH_TRANCHES.search(after):
        return None  # "第二期呢？两期一共多少？": both are asked
    if tranches(before).asked is None:
        # "第一期已经到账了。" then "那第二笔要满足什么条件": the earlier tranche was paid, not asked — the one
        # named now is the next (dev15), and swapping would say the second had been paid
        return None
    named, held = tranche_words(after), tranche_words(before)
    # ("第二期多少？最后一期呢？" after "批了300万，第一期多少？", dev42: the later ones now, not the first again)
    if named and len(held) == 1 and held[0] not in named:
        return Revised(before.replace(held[0], named[0], 1), after.replace(named[0], "", 1))
    return None


# a term of years or months said of one condition ("劳动合同签了3年", "改签成5年的合同", "每年待8个月"): 附件1 一（一）
_TERMS = (
    re.compile(
        r"合同[^，,。？?\d]{0,8}?(\d{1,2}|[一二两三四五六七八九十]+)\s*年|(\d{1,2}|[一二两三四五六七八九十]+)\s*年的?(?:正式)?(?:劳动)?合同"
    ),
    re.compile(r"(\d{1,2}|[一二两三四五六七八九十]+)\s*个月"),
)


def _term_revised(before: str, after: str) -> Revised | None:
    """ "那要是把合同改签成5年呢？" after "劳动合同签了3年…他能当创新类项目的领衔人吗" (dev59): the same question with
    the new term in the old one's place — read together, the earlier 3年 was checked again."""
    for term in _TERMS:
        new, old = term.search(after), term.search(before)
        if new is None or old is None or new.group(0) == old.group(0):
            continue
        g = 1 if old.group(1) is not None else 2
        n = new.group(1) if new.group(1) is not None else new.group(2)
        earlier = before[: old.start(g)] + n + before[old.end(g) :]
        return Revised(earlier, after[: new.start()] + after[new.end() :])
    return None


# a title's level said without the title ("第二层次", "二层次"): 551人才工程 and 151人才工程 have three
_LEVEL = re.compile(r"第?[一二三1-3]层次")


def _level_revised(before: str, after: str) -> Revised | None:
    """ "那第二层次的呢？" after "温州551第一层次在永嘉是第4类" (dev43): the same title at the level now named (市“551
    人才工程”第二层次 is 第5类) — the level alone matches no title, so without this the first level is answered again."""
    named = {m.group(0).lstrip("第") for m in _LEVEL.finditer(after)}
    held = [m.group(0) for m in _LEVEL.finditer(before)]
    if len(named) != 1 or len(set(held)) != 1:
        return None
    new = "第" + next(iter(named))
    if held[0].lstrip("第") == new.lstrip("第"):
        return None
    return Revised(before.replace(held[0], new, 1), _LEVEL.sub("", after))


# "那如果只评了重点推荐呢？": the one rating now asked about, in place of the one before
_ONLY = re.compile(r"^(?:那|那么)?(?:只|仅|就)")
_COMPARED = re.compile(r"差|相比|比较|区别|两个|两者|分别|各")


def _rating_revised(before: str, after: str) -> Revised | None:
    """ "那如果只评了重点推荐呢？" after "项目要是评上特别推荐能给多少": the project's rating is now 重点推荐, not
    both — read together, the two ratings were compared and their difference stated, which was not asked."""
    if _COMPARED.search(after):
        return None  # "那重点推荐呢？两个差多少？": both ratings are asked, side by side
    named = [r for r in RATINGS if r in after]
    held = [r for r in RATINGS if r in before]
    if len(named) == 1 and len(held) == 1 and named[0] != held[0]:
        return Revised(before.replace(held[0], named[0], 1), after.replace(named[0], "", 1))
    return None


_FIRST_QUESTION = re.compile(r"^[^？?]{1,%d}[？?]" % MAX_FOLLOWUP_CHARS)


def _type_revised_first(before: str, after: str) -> Revised | None:
    """A longer follow-up that opens with the change ("那如果是创新类呢？我们批了72万，公司得先投多少进去，第一笔给多少？"
    after "创业类的项目补助是分三期给的对吧？", dev36): the project type of its first question replaces the earlier
    one, and the rest of the message is asked of it — read together, 创业's 28.8万元 was a wrong answer."""
    head = _FIRST_QUESTION.match(after)
    if (
        head is None
        or _COMPARED.search(after)
        or not (_REPLACING.search(head.group(0)) or _BARE_ASK.search(head.group(0)))
    ):
        return None
    revised = _type_revised(before, head.group(0))
    return Revised(revised.earlier, revised.followup + after[head.end() :]) if revised else None


def _type_revised(before: str, after: str) -> Revised | None:
    """ "那如果是创新类呢？分几回给" after "创业项目的钱是分三期给的": the project is now 创新, not both — read
    together, the two types were both answered and the one asked about not singled out."""
    if _COMPARED.search(after):
        return None  # "那创新类呢？两个有什么区别": both types are asked
    named, held = project_types(after), project_types(before)
    if len(named) != 1 or len(held) != 1 or named[0] == held[0]:
        return None
    words = re.compile(held[0] + r"(?=类|项目|型|的项目)")
    revised = words.sub(named[0], before) if words.search(before) else before.replace(held[0], named[0], 1)
    return Revised(revised, re.sub(named[0] + r"(?:类|项目|型)?", "", after, count=1))


# "我还是省千人", "也是", "同时" add a title to the talent's; "比省特级专家多多少" sets it against the one before
_ADDS_OR_COMPARES = re.compile(r"还|也|同时|另外|以及|并且|刚才|之前|上面|比|" + _COMPARED.pattern)


def names_own_title(earlier: str, followup: str) -> bool:
    """True when a short `followup` names a title `earlier` does not, without adding it to the earlier
    ones or setting it against them ("我是副研究员，在永嘉算第几类" after two titles' 奖励资助).

    Why: a short message is read together with the one before it, and the titles of both were then
    taken for one talent's — 省千人 asked after 国家杰青 was told 第2类 for "several honours", and 副研究员
    got the earlier titles' figures again (stop 29). Such a message asks about its own title."""
    before, after = plain(earlier), plain(followup)
    if not before or not after or len(after) > MAX_FOLLOWUP_CHARS or _ADDS_OR_COMPARES.search(after):
        return False
    cat = catalogue()
    new, old = cat.match(after), cat.match(before)
    named = {h.id for h in new.honours} | set(new.unlisted)
    held = {h.id for h in old.honours} | set(old.unlisted)
    return bool(named) and bool(held) and not named <= held


# "不好意思我看错了，合同上写的是正好50万" after "年薪45万给多少" (dev31): the one figure said is corrected
_CORRECTING = re.compile(r"看错了?|说错了?|写错了?|搞错了?|记错了?|打错了?|弄错了?|更正|纠正")
_ONE_AMOUNT = re.compile(_AMOUNT)
# a title made exact, not an earlier figure corrected ("补充一下，我是浙江省的千人计划")
_TITLE_PUT_RIGHT = re.compile(r"补充一下|补充说明|准确地?说|确切地?说|更准确")


def corrects(text: str) -> bool:
    """True when a short message says an earlier figure was a mistake ("我看错了，是50万"): it revises the
    message before it, whatever its length up to MAX_FOLLOWUP_CHARS."""
    words = plain(text)
    return len(words) <= MAX_FOLLOWUP_CHARS and bool(_CORRECTING.search(words))


def _corrected_amount(before: str, after: str) -> Revised | None:
    """The earlier message with its one amount replaced by the one amount of a follow-up that says the
    earlier figure was a mistake; None for anything else (two figures either side are not guessed at)."""
    if not _CORRECTING.search(after):
        return None
    old, new = _ONE_AMOUNT.findall(before), _ONE_AMOUNT.findall(after)
    if len(old) != 1 or len(new) != 1 or _same_amount(old[0]) == _same_amount(new[0]):
        return None
    return Revised(before.replace(old[0], _same_amount(new[0]), 1), after.replace(new[0], "", 1))


def _same_amount(words: str) -> str:
    return words.removesuffix("元")


# the ranks a follow-up may name alone in place of the earlier title's ("551第一层次…" → "那第二层次呢")
_RANK_KINDS = (
    re.compile(r"第[一二三四五12345]层次?"),
    re.compile(r"[一二三特12345]等奖"),
)


def _plans_set_against(before: str, after: str) -> bool:
    """Whether each message names one talent plan (国家/省千人计划, 580计划) and they differ: a gap asked
    between them sets one against the other (三（七）, 三（八）, 三（十） each price the plans)."""
    from policy_kb.rules.awards import parse_plan

    old, new = parse_plan(before), parse_plan(after)
    return old is not None and new is not None and old != new


def _title_revised(before: str, after: str) -> Revised | None:
    if (
        _COMPARED.search(after)
        or "刚才" in after
        or (GAP_ASKED.search(after) and _plans_set_against(before, after))
    ):
        # ("那要是选上的是国家千人，单位能多拿多少？" after 省千人's reward to the employer: 30万 − 10万, dev30)
        # "那假如我只是省151重点资助培养的，上限跟刚才差多少？": the new title is set against the one before, not
        # put in its place — read together, both are priced and their gap said (dev17)
        return None
    cat = catalogue()
    new, old = cat.match(after), cat.match(before)
    if len(old.honours) != 1:
        return None
    old_words = old.surfaces.get(old.honours[0].id, "")
    if not old_words or old_words not in before:
        return None
    if not new.honours:
        return _rank_revised(before, after, old_words)
    if len(new.honours) != 1 or new.honours[0].id == old.honours[0].id:
        return None
    new_words = new.surfaces.get(new.honours[0].id, "")
    if not new_words:
        # "那同样是万人计划，青年拔尖人才那一档呢？": the title is read from words apart, so no one span of the
        # follow-up names it; the earlier title's place takes the catalogue's own name for it
        return Revised(before.replace(old_words, plain(new.honours[0].name), 1), after)
    if new_words not in after:
        # "是浙江省的千人计划，不是国家的" (dev60): the title as the catalogue read it, with the 的 inside dropped
        after = as_matched(after)
        if new_words not in after:
            return None
    return Revised(before.replace(old_words, new_words, 1), after.replace(new_words, "", 1))


def _rank_revised(before: str, after: str, old_words: str) -> Revised | None:
    """ "那第二层次呢？" after "551人才工程第一层次培养人员…": the earlier title with the rank the follow-up names
    (第二层次 is 第5类, not 第一层次's 第4类); a rank the catalogue does not list is then read as not listed."""
    for kind in _RANK_KINDS:
        named, held = kind.findall(after), kind.findall(old_words)
        if len(named) == 1 and len(held) == 1 and named[0] != held[0]:
            title = old_words.replace(held[0], named[0], 1)
            return Revised(before.replace(old_words, title, 1), after.replace(named[0], "", 1))
    return None


# "房子的事先放一放", "海外工程师那块先这样", "带头人个人那块的政策我后面再问": a matter named only to put it aside
_SET_ASIDE = re.compile(
    r"(?:先|暂且|暂时|就)(?:放一放|放一边|放放|不说了?|不谈了?|不管了?|不问了?|这样吧?)[了吧啊]?$"
    r"|(?:后面|回头|以后|等会儿?|待会儿?|下次)再(?:问|说|谈|聊)[了吧啊]?$"
)
_SEGMENT = re.compile(r"[^，,。；;！!？?]+[，,。；;！!？?]*")


def set_aside(text: str) -> str:
    """`text` without the parts that put a matter aside, so that the matter does not decide what is asked:
    "房子的事先放一放，看病这块有没有什么照顾？" asks about health care (台州 五、21.), not housing (dev33)."""
    kept = [
        seg for seg in _SEGMENT.findall(text or "") if not _SET_ASIDE.search(seg.rstrip("，,。；;！!？? "))
    ]
    rest = "".join(kept).strip()
    return rest if rest and len(kept) < len(_SEGMENT.findall(text or "")) else text


# the changes a follow-up may make to the message before, tried in this order (followups.revise)
_REVISERS = (
    _level_revised,
    _tranche_revised,
    _term_revised,
    _rating_revised,
    _type_revised,
    _category_revised,
    _title_revised,
    _skill_revised,
)
