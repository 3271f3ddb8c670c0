"""Aspects of money and procedure that one clause states and a calculator never does.

"企业被查出提供了虚假材料，已经拿到的资助怎么办" is 附件1 四（三）'s 停止并追缴, whatever tranche or amount the words
also name; "项目科技资助资金可以用在哪些方面" is 附件1 三's 主要用于…; "项目资助 资金来源" is 四（三）'s 列支;
"审定之后还要公示吗" is 附件2 第八条（五）. Each aspect pairs the question words that ask it with the words
the answering passage must contain; among the passages the question's words match (policy_kb.search),
the best one stating the aspect answers. Used by the chat (actions/clauses.py: before a topic's calculator
or a fallback) and by the hotline ranking (bot/assist/ranking.py: it leads the cards).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from policy_kb import api
from policy_kb.passages import Passage, all_passages, attachment_of
from policy_kb.search import PLAIN_SCORE, hit_by_id
from policy_kb.text import normalise

Aspect = tuple[re.Pattern[str], re.Pattern[str]]  # (question words, words the answering passage states)

# "没评过什么人才称号", "啥人才称号都没有", "也不是什么计划入选的": the talent says no title is held
NO_TITLE = re.compile(
    # ("他没有国内这些人才称号", dev55)
    r"(?:没有?|没评过|没拿过|没啥|无)(?:什么|啥|任何|国内的?|这些|那些|这类|官方的?){0,2}(?:人才)?(?:称号|头衔|职称)"
    r"|(?:称号|头衔)(?:都|也)?没有?|(?:不是|也不是)(?:什么|啥)(?:计划|人才)"
)

SEARCH_DEPTH = 20

# "查出来合同是假的，钱怎么办", "创业失败了资助要退吗": a question about what happens after misconduct or
# failure — answered by the clause that states the consequence, whatever calculator the words also name
CONSEQUENCE = re.compile(
    r"假的|造假|作假|弄虚作假|骗取|骗补|虚报|虚假|不实|挪用|乱用|违规|查出|被查|追究"
    r"|(创业|项目|经营|投资|探索)\S{0,2}失败|倒闭|破产|关门"
    r"|假签|假引|查实"
    # ("一场台风把厂房设备全淹了，项目基本黄了…资助款要不要退": 台州 六、26.'s 不可抗力 … 不予追究)
    r"|黄了|不可抗力|天灾|自然灾害|(要不要|用不用|需不需要|需要|会不会)\S{0,2}退"
    r"|(钱|资金|资助|补助|奖励|补贴)\S{0,6}(退回|退还|收回|追回|要还|还回)"
    r"|(退回|退还|收回|追回)\S{0,4}(钱|资金|资助|补助|奖励|补贴)"
)
# (台州 六、27.'s 结余经费…连续两年未使用完的，再另行收回 says what becomes of money left over: "结题了，账上还剩二十几万
# 没花完，这钱要退回去吗", dev75, is that clause, not 六、26.'s 不予追究 of money spent on a failure)
CONSEQUENCE_TERMS = re.compile(r"追缴|弄虚作假|不予追究|免除|容错|取消|追究|停止|另行收回")
# what a passage states about money granted but not yet paid, or about the old policies: so few passages
# say it that one which does answers at any score the words reach (the words of such a complaint, 补贴
# 批下来 几个月, match other clauses' 补贴 as well): RARE_TERMS, answered from RARE_TERM_FLOOR up
PAYMENT_TERMS = re.compile(r"及时性|反映问题")
# 永嘉 五 (已有人才政策: 从高、不重复) and 附件1 五 (与永委办发〔2012〕110号不一致的，以本办法为准)
OLD_POLICY_TERMS = re.compile(r"从高、不重复|不一致的，以本办法为准")
BASIS_TERMS = re.compile(r"根据《")  # 永嘉 前言: 根据《…》（温委办发〔2015〕49号）
ATTACHMENT_BASIS_TERMS = re.compile(r"落实《")  # 永嘉 附件1, 附件2 第一条, 附件3: 为落实《…意见》
_BASIS_ASKED = (
    r"(依据|根据|按照?|参照|照着|依照)\S{0,4}(什么|哪个|哪份|哪一个|啥|哪些)\S{0,4}(文件|政策|规定|意见)"
    r"\S{0,4}(定的|制定|出台|出的|写的)"
    r"|(什么|哪个|哪份|啥)文件\S{0,4}(定的|制定|出台|来的)|上位(文件|政策)"
    # staff: "十二条 上级依据文件" (dev23)
    r"|上级\S{0,2}(依据|文件)(?!\S{0,8}(执行|办理|操作))"
    # staff: "柔性引才办法 制定依据", "82号文 依据 市级文件" (not "购房补贴的具体办法依据哪个文件执行")
    r"|制定依据|(办法|新政|十二条|意见|82号文?)\s*的?\s*依据(?!\S{0,8}(执行|办理|操作))"
)
_ATTACHMENT_WORDS = r"办法|附件|柔性|以情聚才|项目资助|人才项目"
RARE_TERMS = frozenset(
    t.pattern for t in (PAYMENT_TERMS, OLD_POLICY_TERMS, BASIS_TERMS, ATTACHMENT_BASIS_TERMS)
)
RARE_TERM_FLOOR = 3.0
NEAR_TOP = 3  # a passage among the best this many that states the aspect answers at any score above the floor
INDUSTRY_TERMS = re.compile(r"重点引进培养在")  # 永嘉 二: the industries and fields the policy targets
# terms one passage alone states, which answers even when the asking words match nothing else of it
UNIQUE_TERMS = frozenset({BASIS_TERMS.pattern, INDUSTRY_TERMS.pattern})
# terms each attachment states once (its 落实《…意见》): the one of the attachment the words are about answers
PER_PART_TERMS = frozenset({ATTACHMENT_BASIS_TERMS.pattern})
# Other aspects of money and procedure that one clause states and a calculator never does: what the
# money may be spent on ("项目科技资助资金可以用在哪些方面" is 附件1 三's 主要用于…, not the tranche table the
# intent model picks), where it comes from (四（三） 列支), whether a list is published (公示).
# (question words, words the answering passage must contain)
ASPECTS: tuple[Aspect, ...] = (
    (CONSEQUENCE, CONSEQUENCE_TERMS),
    (
        re.compile(
            r"(资金|钱|资助|经费|补助)\S{0,8}(用在|用于|用到|用来|用途|花在|能花|能用|可以用|怎么用|怎么花|咋花|如何花|开支)"
            r"|(用途|花在哪|用在哪)"
            # "那笔钱，我能不能先拿去付个房子首付？还是只能买设备？"
            r"|(资金|钱|资助|经费|补助)\S{0,8}(拿去|拿来)\S{0,4}(买|付|用|还|交|发)|只能(买|用于|用在|用来|花)"
        ),
        re.compile(r"主要用于"),
    ),
    (
        re.compile(
            r"资金来源|钱从哪|从哪\S{0,6}出[的钱]|从哪[里儿]?出|哪里出钱|谁出钱|哪个口子|哪笔(钱|资金)|列支"
        ),
        re.compile(r"列支"),
    ),
    (re.compile(r"公示"), re.compile(r"公示")),
    # the procedure every tranche goes through (附件1 三): 审核, 签订科技项目合同（协议）, 报县委人才办登记备案
    # what the unit reports each year while the project runs (附件1 四（二） 每年…一次项目情况的书面汇报), before who
    # applies: "项目资助拿到以后，公司每年还得做什么？要向哪个部门交代？" (yjatt77-c-033) asks the yearly report
    # (not "各地各部门…定期向哪个机构汇报": 台州 六、22.'s 汇报 of policy implementation)
    (
        # ("钱拿到以后，我们单位每年还得做点啥吗", "每年需要做点什么？交给谁？": what the unit owes each year)
        re.compile(
            r"书面|口头|(项目|进展|每年|一年)\S{0,6}汇报|汇报\S{0,4}(项目|进展)|报告进展"
            r"|每年\S{0,3}(还)?(得|要|需要|必须)\S{0,2}(做|干|交|报)\S{0,2}(啥|什么|点啥|些啥)"
        ),
        re.compile(r"书面汇报"),
    ),
    (
        # (not "签了5年合同", "签劳务协议行不行": the talent's labour contract is 附件1 一's condition)
        re.compile(
            r"签(什么|啥|哪些)|签完|备案|登记\S{0,2}(吗|么|哪)|人才办\S{0,4}(审批|审核)|要不要\S{0,4}审批"
            # who applies for the project's money, where, and through what ("这个资助资金是人才自己去申请，还是
            # 公司去申请？向哪个部门申请？", "项目资助资金申请…先经过乡镇初审，还是直接交到县里哪个部门")
            r"|(项目资助|资助资金|资助的钱|资助款|项目审核)\S{0,30}?"
            r"(哪个部门|交到|向哪|谁去申请|谁来申请|自己去申请|公司去申请|单位去申请|手续|流程|初审)"
        ),
        re.compile(r"签订科技项目合同"),
    ),
    # the contract an 创新 project's 领衔人 signs (附件1 一（一） 签订5年及以上正式劳动合同): "创新类项目那个合同，签劳务
    # 协议或者顾问协议行不行" — not 附件2's 柔性引才 agreement, which its 顾问 would suggest
    (
        re.compile(r"^(?=.*创新)(?=.*(?:劳务|顾问|兼职|临时|短期|聘用)\S{0,2}(?:协议|合同))"),
        re.compile(r"正式劳动合同"),
    ),
    # how long a project may run (附件1 四（一） 实施期限一般不超过5年): "销售额要在几年内达到", "项目预计要做6年"
    (
        re.compile(
            r"(项目|实施|销售额|资助)\S{0,10}(期限|几年内|几年之内|多少年内|多久|多长时间)"
            r"|(期限|几年内)\S{0,6}(项目|实施)|项目\S{0,6}(做|实施|搞)\S{0,2}[0-9一二三四五六七八九十]+年"
            # "项目进度拖了，估计要做满6年才能完成"
            r"|(做满|干满|要做|拖到|延到|延期到)\S?[0-9一二三四五六七八九十]+年"
            # "我们这个项目估计要6年才能做完，能不能延期" (dev44)
            r"|[0-9一二三四五六七八九十]+年\S{0,2}(做完|完成|结束|干完)"
        ),
        re.compile(r"实施期限一般不超过"),
    ),
    # a new policy against the old ones ("跟以前的老政策冲突了怎么办"): 五's 与已有人才政策有重复、交叉的，按照
    # “从高、不重复”原则执行, or for project funding 附件1 五's 以本办法为准 — not the 就高 of two benefits for
    # one project (四（二）)
    (
        re.compile(
            r"(老|旧|以前|原来|原有|已有|之前|现有)的?(人才)?政策\S{0,10}(冲突|重复|交叉|矛盾|打架|重叠|撞|重了)"
            r"|(冲突|矛盾|打架|重叠|撞车|撞了|重了)\S{0,4}(怎么办|怎么算|按哪个|以哪个|听哪个)"
        ),
        OLD_POLICY_TERMS,
    ),
    # no title, and a project's money asked ("啥人才称号都没有…牵头去申请县里那个科技项目的钱，我这种能报吗"):
    # 附件1 一's 项目申报对象, before the 对象 of 柔性引才 its other words may match better
    (
        re.compile(
            rf"^(?=.*(?:项目|资助|科技))(?=.*(?:{NO_TITLE.pattern})\S{{0,40}}(?:能|可以)\S{{0,4}}(?:报|申报|申请))"
        ),
        re.compile(r"项目申报对象"),
    ),
    # who a measure is for ("柔性引进的人才有啥要求？是不是啥专家都行"): the clause naming its 对象 — 附件2 第四条
    # (第1—5类领军型人才), 附件3 一 (重点服务对象), 附件1 一 (项目申报对象) — not 第七条's reward formula
    (
        re.compile(
            r"(引进|柔性|服务)的?(人|人才|专家)\S{0,2}(有|是)?(啥|什么|哪些)(要求|条件|限制)"
            r"|(啥|什么|随便)(人|专家|人才)\S{0,2}都(行|可以|能)|(什么|哪些|哪类|啥)(人|人才)\S{0,4}(能|可以)?(覆盖|享受|引进)"
            r"|覆盖到我|(引进|服务|申报)的?对象"
            # ("专门给人才带项目发钱的办法，想问下是哪些人能去报", dev26: 附件1 一's 项目申报对象)
            r"|(哪些|什么|啥|哪类)(人|人才)\S{0,2}(能|可以)\S{0,2}(报|申报)|谁(能|可以)\S{0,2}(报|申报)"
            # ("我还没评上580计划，只是条件够得上报，永嘉给人才的那些服务我能享受吗": 附件3 一's 培育对象)
            r"|(够得上|够格|申报条件|还没评上|还没入选|还不是)\S{0,24}服务\S{0,6}(享受|覆盖)"
            # ("我现在还没评上省千人，只是够条件申报，也算在里面吗" after 以情聚才's 服务, dev30)
            r"|(还没评上|还没入选|还不是|够条件|够得上)\S{0,20}(算在里面|也算在内|在里面吗)"
            # ("啥人才称号都没有…我这种能报吗", "没评过什么人才称号…这个项目资助我能直接报吗"): who may apply
            rf"|(?:{NO_TITLE.pattern})\S{{0,40}}(能|可以)\S{{0,4}}(报|申报|申请)"
        ),
        re.compile(r"对象主要"),
    ),
    # which industries the 永嘉 policy targets ("县里重点扶持的行业里有我们这种吗", "做鞋这种老行业也在重点范围里"):
    # 二's 重点引进培养在泵阀、鞋业、服装等传统产业和…新兴产业 — not a category's benefits
    (
        re.compile(
            # (not "跟你们的重点产业不太沾边，也能按人才类别拿奖励资助吗": the category's award is asked)
            r"重点\S{0,2}(扶持|支持|引进|发展)的?(行业|产业|领域)|在重点(范围|行业|产业|领域)"
            r"|(扶持|支持)(哪些|什么|哪几个|哪类)(行业|产业|领域)|老行业|传统(行业|产业)"
        ),
        INDUSTRY_TERMS,
    ),
    # whether the funding depends on the firm's own money ("给的钱跟我们公司自己往这个项目里投多少钱有没有关系"):
    # 附件1 二（二）'s 创业类 一般不超过实缴注册资本, 创新类 一般不超过单位项目投入经费
    (
        re.compile(
            r"(投|投入|出资|注册资本|实缴)\S{0,12}(有没有关系|有关系吗|有关吗|挂钩|挂不挂钩|有关联|有没有关联)"
            r"|(资助|资金|钱)\S{0,6}(会不会|能不能|可不可以|可以|能)?超(过|出)\S{0,10}(投|投入|注册资本|实缴)"
            # ("公司自己在项目上只投了80万，县里给的资助会不会比这个还多", dev17)
            r"|(投|投入|出资|注册资本|实缴)\S{0,20}(资助|资金|钱)\S{0,6}比\S{0,4}(还)?多"
        ),
        re.compile(r"资助总额一般不超过"),
    ),
    # what a document was drawn up from ("人才新政十二条是按什么文件定的", "依据温州市哪个文件制定的" — not
    # "购房补贴按哪个文件执行", 三（七）'s own 203号): an attachment's 办法 落实《…意见》 (附件1, 附件2 第一条,
    # 附件3); the 意见 itself 根据《…》（温委办发〔2015〕49号） (前言)
    (re.compile(rf"^(?=.*(?:{_ATTACHMENT_WORDS}))(?:.*(?:{_BASIS_ASKED}))"), ATTACHMENT_BASIS_TERMS),
    (re.compile(rf"^(?!.*(?:{_ATTACHMENT_WORDS}))(?:.*(?:{_BASIS_ASKED}))"), BASIS_TERMS),
    # after the funding period ("500精英项目的资助期快满了，之后市里是不是就不管我们了"): 台州 五、19.'s
    # 资助期满后的高成长性人才项目实行“一企一策”跟进培养 — not the clause's first sentence on 绩效评估
    (
        re.compile(
            r"(资助期|自助期|扶持期|资助)\S{0,3}(快?满|到期|期满|结束)|期满(之?后|以后)"
            # "到期以后是不是就没人管了？还有什么后续支持？" after "资助明年就到期了" (dev16)
            r"|到期(?:之?后|以后)\S{0,12}(?:支持|扶持|管|跟进|培养)"
        ),
        re.compile(r"资助期满后"),
    ),
    # a project the city already funds ("已经入选温州市“人才新政十条”科技项目资助了，永嘉这边是重新评一次还是按市里
    # 定的金额给"): 附件1 二（二）'s 按市级确定资助金额予以落实 — not the clause's rating table
    (
        re.compile(r"新政十条\S{0,30}(重新|再评|再审|按市|市里|市级|两边|叠加)"),
        re.compile(r"按市级确定资助金额"),
    ),
    # a firm's talent points ("积分是看企业哪些方面的贡献来定的"): 永嘉 三（八）'s 企业人才贡献积分制 (税收、亩产、科技;
    # 租赁住房补贴、人才公寓、子女入学) or 台州 六、25.'s 企业人才工作积分制 — not the plan rewards of 三（八）
    (re.compile(r"积分"), re.compile(r"积分制")),
    # … asked by what it weighs and gives, without the word ("我们企业交税和亩产都排前面，听说能帮员工拿租房补贴、孩子
    # 上学也能照顾", dev24): 永嘉 三（八）'s 根据企业税收、亩产 … 在人才租赁住房补贴、人才公寓、人才子女入学方面
    (
        re.compile(r"(税收|交税|纳税|亩产)\S{0,24}(租房|租赁住房|人才公寓|子女|孩子|入学|上学)"),
        re.compile(r"积分制"),
    ),
    # a place for talents to start up in ("县里有没有专门给人才创业的园区或者基地", dev9, dev19, dev24): 永嘉 三（六）'s
    # 永嘉高新技术产业园区 and 县“产业百人计划”创业创新基地 — not the 绿色通道's service centre
    (
        re.compile(
            r"(?:给|让|供)人才\S{0,6}(?:园区|基地)|(?:园区|基地)\S{0,3}(?:或者|或|和|还是)\S{0,2}(?:园区|基地)"
        ),
        re.compile(r"创业创新基地"),
    ),
    # an award for those who do talent work ("市里有没有给我们这种干人才工作的人设什么奖", dev24, dev5): 台州 七、30.'s
    # 面向优秀人才工作者设立“伯乐奖” — not 七、28.'s 人才工作者队伍学习培训
    (
        re.compile(
            r"(人才工作者|人才工作的人|干人才工作|做人才工作|搞人才工作|人才服务工作)\S{0,16}(奖|表彰|荣誉)"
            r"|(奖项|设奖|什么奖|表彰)\S{0,10}人才工作者"
        ),
        re.compile(r"伯乐奖"),
    ),
    # money granted but not paid ("补贴批下来好几个月了还没到账，有人管吗"): 台州 六、22.'s 专项督查 of 资金兑现的
    # 及时性, or 永嘉's 服务热线 for 反映问题 — not a calculator's figure or the talent's category
    (
        re.compile(
            r"(没|未|不|迟迟|一直)\S{0,3}(到账|到位|发下来|拨下来|打过来|兑现|发放)|拖欠|拖着不|迟迟不|(一直|就是|迟迟|还是)不给钱|催款"
        ),
        PAYMENT_TERMS,
    ),
)
# the aspects that also stop a calculator's form from asking: a form topic's question that names a
# failure ("第二期没达到条件会怎样") is still measured better by the form's own answer (test3 fell by one
# question when consequence words stopped forms too)
FORM_ASPECTS = ASPECTS[1:]


def asked_terms(text: str, aspects: tuple[Aspect, ...] | None = None) -> list[re.Pattern[str]]:
    """The terms of the aspects the words ask about, in ASPECTS order: what an answering passage states
    (a hotline card quotes the sentence holding it: 前言's 根据《…》（温委办发〔2015〕49号）, not its heading)."""
    words = normalise(text or "")
    return [term for asked, term in (ASPECTS if aspects is None else aspects) if asked.search(words)]


def aspect_hit(
    text: str,
    region: str | None,
    search_text: str = "",
    aspects: tuple[Aspect, ...] | None = None,
    min_score: float = 10.0,
) -> Any:
    """The best search hit stating the aspect the latest words ask about (ASPECTS): what follows
    misconduct or failure (附件1 四（三） 停止并追缴, 附件2 第十条, 台州 六、26. 不予追究), what the money is for, where it
    comes from, whether a list is published. The passage `search_text` (the words with a follow-up's
    context) matches best above the weak floor among those that state the aspect."""
    if not text:
        return None
    terms = asked_terms(text, aspects)
    if not terms:
        return None  # asked in the latest message itself, not only in the one before it
    try:
        hits = api.search(search_text or text, k=SEARCH_DEPTH, region=region)
    except Exception:
        return None
    # the best passage that states it: "劳动合同是假的…第一期的钱" matches 三（一）1's own 劳动合同 and
    # 第一期 more, but it is 四（三） that says what happens. Two aspects asked: the first in ASPECTS
    # order that a passage states ("公示后被举报协议是假签的，查实了会怎么样" is the consequence, 第十条, not
    # the 公示 of 第八条 its words also name)
    for term in terms:
        floor = min(min_score, RARE_TERM_FLOOR) if term.pattern in RARE_TERMS else min_score
        found = next((h for h in hits if h.score >= floor and term.search(h.text)), None)
        if (
            found is not None
            and hits
            and attachment_of(found.citation.clause) != attachment_of(hits[0].citation.clause)
        ):
            found = _same_part_close(term, found, hits)
        if found is None:
            # a weak match among the best few still answers when it states the aspect and the words ask
            # it ("签个协议走过场，人根本没来，这种被查到了会怎么处理" is 附件2 第十条's 假签协议 …追缴, third)
            found = next(
                (h for h in hits[:NEAR_TOP] if h.score >= RARE_TERM_FLOOR and term.search(h.text)), None
            )
        if found is None:
            # a clause split into passages is searched as one (one hit per clause): its passage stating the
            # aspect answers when the clause is among the best few ("资助期快满了" is 五、19.'s 一企一策
            # sentence, not the clause's first sentence on 绩效评估 that the hit shows)
            found = next(
                (
                    stated
                    for h in hits[:NEAR_TOP]
                    if h.score >= min_score and (stated := _clause_passage_stating(term, h)) is not None
                ),
                None,
            )
        if found is None and term.pattern in UNIQUE_TERMS:
            found = _only_passage_stating(term, region)
            if (
                found is not None
                and hits
                and hits[0].edition != found.edition
                and hits[0].score >= PLAIN_SCORE
            ):
                # "市里要给我们这些老行业建一个什么创新服务综合体" names 永嘉 二's 老行业 but is plainly 台州 四、14.
                # (89.7 against nothing of 永嘉's above 30): the one 永嘉 passage stating it is not the answer (dev21, dev22)
                found = None
        if found is None and term.pattern in PER_PART_TERMS and hits:
            found = _part_passage_stating(term, hits[0])
        if found is not None:
            return found
    return None


# Two passages stating the aspect within this share of each other's score are a tie, broken by the part
# of the text the words are most about: "第一期报的员工劳动合同是假的，钱要退吗" matches 附件1's tranche
# clause best, so 附件1 四（三）'s 追缴 answers, not 附件2 第十条's (37.6 vs 36.3).
PART_TIE = 0.9


def _same_part_close(term: re.Pattern[str], found: Any, hits: list[Any]) -> Any:
    """`found`, or a passage of the best hit's part stating `term` that scores within PART_TIE of it."""
    part = attachment_of(hits[0].citation.clause)
    rival = next(
        (
            h
            for h in hits
            if h.edition == hits[0].edition
            and attachment_of(h.citation.clause) == part
            and h.score >= PART_TIE * found.score
            and term.search(h.text)
        ),
        None,
    )
    return rival if rival is not None else found


def _part_passage_stating(term: re.Pattern[str], best: Any) -> Any:
    """The passage stating `term` in the part of the text (附件2, 附件3 …) the best hit is in, when the
    asking words match nothing of it ("柔性引才办法 依据": 附件2 第一条's 落实《…意见》 shares no word with
    them, but every clause the words do match is 附件2's); None when that part has none or several."""
    part = attachment_of(best.citation.clause)
    if not part:
        return None
    return _one_stating(
        term, lambda p: p.edition == best.edition and attachment_of(p.citation.clause) == part
    )


def _clause_passage_stating(term: re.Pattern[str], hit: Any) -> Any:
    """The one passage of `hit`'s own clause that states `term` (another passage of that clause)."""
    return _one_stating(term, lambda p: p.edition == hit.edition and p.citation.clause == hit.citation.clause)


def _only_passage_stating(term: re.Pattern[str], region: str | None) -> Any:
    """The one passage (of the region's text, if named) stating a rare aspect's term, when the words
    asking it match nothing else of that passage ("人才新政十二条是按什么文件定的" shares no word with the
    前言's 根据《…》 but the document name); None when none or several state it."""
    return _one_stating(term, lambda p: region is None or p.region == region)


def _one_stating(term: re.Pattern[str], keep: Callable[[Passage], bool]) -> Any:
    """The search hit of the one passage `keep` admits that states `term`; None when none or several do."""
    stating = [p for p in all_passages() if keep(p) and term.search(p.text)]
    return hit_by_id(stating[0].id) if len(stating) == 1 else None
