"""What a short follow-up asks of the clause just answered: its conditions, materials, office or timing.

Why: "要符合什么条件？要交哪些材料？多久能到账？" after 三（七）'s 购房补贴 names no provision of its own. The
intent model files such words under the topic they most often go with (附件1's 申报条件, the tranche table),
and the talent got another clause's rules: 附件1 一's project conditions for a housing subsidy, the tranche
schedule after "要交哪些材料" about 附件2's 柔性引才奖励, or after "多久能到账" about a 首席技师 award. The
question is about the clause just answered: its own part of the text says it (附件2 第八条's materials, a
台州 clause's 责任单位) or says nothing, and then the answer says so and who decides — never another
clause's rules. Pure: no Rasa, no HTTP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policy_kb import api
from policy_kb.model import Citation, Result, Status
from policy_kb.passages import Passage, all_passages, attachment_of
from policy_kb.text import normalise

MAX_CHARS = 30  # a longer message says more than "and what about its …": a question of its own
SEARCH_DEPTH = 60


@dataclass(frozen=True)
class Procedure:
    """One thing a follow-up may ask of a clause, the words asking it, and the words stating it."""

    name: str
    asks: re.Pattern[str]
    states: re.Pattern[str]
    label: str  # what the text does not state, in Chinese: "原文没有写明{label}"


PROCEDURES: tuple[Procedure, ...] = (
    Procedure(
        "conditions",
        re.compile(r"条件|要求|资格|门槛"),
        re.compile(r"条件|要求|须|应当?|符合"),
        "申请条件",
    ),
    Procedure(
        "materials",
        re.compile(r"材料|(?:交|准备|提供|带|提交)(?:些)?(?:什么|啥|哪些)|证明"),
        re.compile(r"材料|申请表|证明|票据|凭证"),
        "需要提交的材料",
    ),
    Procedure(
        "office",
        re.compile(
            r"找谁|找哪|(?:哪个|什么|哪些|啥|哪)(?:部门|单位|机构)|(?:在|去|到)?哪[里儿]?(?:办|申请|申报|报|交|领)"
            r"|谁(?:负责|管|审|来审|来办|办|受理|发)|向谁|跟谁"
        ),
        re.compile(r"责任单位|牵头单位|部门|科技局|人才办|招才局|人力社保局|提出申请"),
        "办理部门",
    ),
    Procedure(
        "timing",
        re.compile(r"多久|多长时间|什么时候|啥时候|何时|几天|几个月|到账|多快"),
        re.compile(r"及时|适时|每年|工作日|之日起|期限|集中组织"),
        "办理和到账的时间",
    ),
    Procedure(
        "steps",
        re.compile(
            r"流程|程序|步骤|手续|怎么(?:申请|办理|申报|办|报|弄|领)|如何(?:申请|办理|申报|领)|咋(?:申请|办|报|弄|领)"
        ),
        re.compile(r"程序|提出申请|审核|初审|审定"),
        "申请程序",
    ),
)

# what a follow-up holds besides the procedure it asks: pointers back, the money in general, particles.
# Anything else (第二期, 创新类, 台州, a title) names a matter of its own, read by the ordinary routes.
_FILLER = re.compile(
    r"请问|想问一?下|问一?下|那么|那|这个|这笔|这项|这种|那个|该|具体|一般|大概|大约|还|都|又|再|也|就|才"
    r"|需要|需|要|得|必须|应该|可以|能|会|有|是|的|了|呢|吗|啊|呀|吧|么|嘛|哦|好"
    r"|我们|我|他们|他|她|公司|企业|单位"
    r"|什么|啥|哪些|多少|怎么|如何|去|来|到"
    r"|申请|申报|办理|办|提交|交|准备|提供|符合|满足|领|拿"
    r"|钱|补贴|奖励|资助|奖金|补助|款|和|跟|及|以及|另外|还有|或者|[\s，。？！?!,.、~～…；;：:]"
)


def procedures_asked(text: str) -> tuple[Procedure, ...]:
    """The procedures a short follow-up asks ("要交哪些材料？找谁办？") when it names nothing else; () for
    any other message ("第二期要交什么材料" names its tranche, "台州的人才贷找谁办" its provision)."""
    words = normalise(text or "").strip()
    if not words or words.startswith("/") or len(words) > MAX_CHARS:
        return ()
    asked = tuple(p for p in PROCEDURES if p.asks.search(words))
    if not asked:
        return ()
    rest = words
    for p in asked:
        rest = p.asks.sub("", rest)
    return asked if not _FILLER.sub("", rest) else ()


_ATTACHMENT_NAMED = re.compile(r"见(附件\d)")


def _scope(region: str, clause: str) -> list[Passage]:
    """The passages that may state a procedure of `clause`: its attachment's (附件2 第七条 → 附件2's 第八条
    程序); for a main-text clause, its own and those of the attachment it refers to (三（九） …见附件2)."""
    passages = all_passages(region)
    part = attachment_of(clause)
    if part:
        return [p for p in passages if attachment_of(p.clause) == part]
    own = [p for p in passages if p.clause == clause]
    named = {m.group(1) for p in own for m in _ATTACHMENT_NAMED.finditer(p.text)}
    return own + [p for p in passages if attachment_of(p.clause) in named]


def _stating(procedure: Procedure, scope: list[Passage], question: str, region: str) -> Passage | None:
    """The passage of `scope` that states `procedure`, the one the question's words match best first."""
    stating = [p for p in scope if procedure.states.search(p.display_with_items)]
    if not stating:
        return None
    try:
        ranked = [h.passage_id for h in api.search(question, k=SEARCH_DEPTH, region=region)]
    except Exception:
        ranked = []
    order = {pid: i for i, pid in enumerate(ranked)}
    return min(stating, key=lambda p: (order.get(p.id, len(order)), p.start))


def procedure_answer(text: str, region: str, clause: str, question: str = "") -> Result | None:
    """The answer to a follow-up asking `clause`'s procedures (procedures_asked), from its own part of the
    region's text: each passage stating one, then what the text leaves unstated and who decides it. None
    when the words ask no procedure or the clause is not in the region's text."""
    asked = procedures_asked(text)
    scope = _scope(region, clause) if asked else []
    if not scope:
        return None
    shown: list[Passage] = []
    unstated: list[str] = []
    for procedure in asked:
        found = _stating(procedure, scope, question or text, region)
        if found is None:
            unstated.append(procedure.label)
        elif found not in shown:
            shown.append(found)
    lines = [f"《{p.title}》：{p.display_with_items}" for p in shown]
    citations: list[Citation] = [p.citation for p in shown]
    if unstated:
        if not shown:
            own = next((p for p in scope if p.clause == clause), scope[0])
            lines.append(f"《{own.title}》：{own.display_with_items}")
            citations.append(own.citation)
        lines.append(f"这一条没有写明{'、'.join(unstated)}。")
    decided = api.who_decides(region, clause, "\n".join(lines))
    if decided is not None and decided.ok:
        lines.append(decided.answer)
        citations += decided.citations
    return Result(
        rule="procedure_followup",
        status=Status.OK,
        region=region,
        answer="\n".join(lines),
        values={"asked": [p.name for p in asked], "unstated": unstated, "clause": clause},
        citations=citations,
    )
