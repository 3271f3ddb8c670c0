"""Scripted multi-turn Chinese conversations for the load test: forms, calculations, FAQ, small talk.

Why scripted and not random sentences: a form conversation costs more than a one-shot FAQ (several
action-server round trips, slot validation, tracker growth), so the mix decides the numbers. The mix
below follows what the hotline staff describe — about four in ten questions are about a category,
a grant or a tranche and take several turns, a fifth are calculations with figures, a quarter are
FAQs (gold card, hotline, green channel) and the rest greetings and thanks.

Phrasings are written for the benchmark, not copied from data/nlu, so they exercise NLU the way
real users would (some may be misunderstood; the load test measures speed, the held-out set
measures accuracy).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Conversation:
    """One talent's session: a kind (for the report) and the messages typed, in order."""

    name: str
    kind: str  # form | calculation | faq | smalltalk
    turns: tuple[str, ...]


CONVERSATIONS: tuple[Conversation, ...] = (
    Conversation(
        "category_from_honours",
        "form",
        ("你好", "我想问一下自己属于第几类人才", "我是国家杰青，也是正高职称", "谢谢"),
    ),
    Conversation("category_one_shot", "form", ("省千人计划在永嘉算几类人才？", "那能拿多少奖励")),
    Conversation(
        "funding_by_rating",
        "form",
        ("项目资助能拿多少钱", "我是第二类人才", "评审结果是特别推荐", "好的，谢谢"),
    ),
    Conversation(
        "next_tranche_with_figures",
        "form",
        (
            "第二期资助怎么申请",
            "是创业项目",
            "资助总额批了270万",
            "第一期已经拿到了",
            "实缴注册资本300万",
            "项目支出累计200万",
            "项目投入了150万",
            "销售额400万",
        ),
    ),
    Conversation(
        "loan_interest",
        "calculation",
        ("第三类人才企业贷款贴息多少", "贷款300万，利率4.35%"),
    ),
    Conversation("overseas_engineer", "calculation", ("引进的海外工程师年薪60万，企业能拿多少资助",)),
    Conversation("skills_award", "calculation", ("获得钱江技能大奖的奖励是多少",)),
    Conversation("workstation", "calculation", ("新建国家级博士后科研工作站补助多少钱",)),
    Conversation("gold_card", "faq", ("人才金卡能享受哪些服务", "持卡看病有优先吗")),
    Conversation("hotline", "faq", ("人才服务热线电话是多少",)),
    Conversation("green_channel", "faq", ("高层次人才绿色通道怎么办理", "谢谢")),
    Conversation("services", "faq", ("你们能提供哪些人才服务",)),
    Conversation("smalltalk", "smalltalk", ("您好", "在吗", "好的谢谢", "再见")),
)


def conversation_for(user: int, round_: int) -> Conversation:
    """The conversation a virtual user holds in a given round: every user walks the whole mix,
    starting at a different point, so each level sees the same proportions."""
    return CONVERSATIONS[(user + round_) % len(CONVERSATIONS)]


def mix() -> dict[str, float]:
    """Share of turns by kind over one pass of the mix (reported next to the figures)."""
    counts: dict[str, int] = {}
    for conv in CONVERSATIONS:
        counts[conv.kind] = counts.get(conv.kind, 0) + len(conv.turns)
    total = sum(counts.values())
    return {kind: round(n / total, 2) for kind, n in sorted(counts.items())}
