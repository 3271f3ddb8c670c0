"""Which topic a question is about when the NLU model is unsure: the provision's own words first.

Why: the intent model is trained on short questions; a long one full of figures ("创业项目核定资助270万，
实缴注册资本100万，办公场地和员工都落实了，第一期能申请吗？") often comes back as nlu_fallback although its
entities (amount roles, 第一期, 一般推荐) and one provision's own term (引荐, 贴息, 柔性, 第N期) leave
no doubt about the topic. A passage quote would then give the clause without its figure; the topic's
calculator gives the figure with the same citation. Only terms that name one provision with a
calculator are cues (金卡 or 热线 questions are answered as well by their clause's passage); a question
without one still gets the clause search and the did-you-mean buttons (actions.fallback).
"""

from __future__ import annotations

import re
from typing import Any

from actions.clauses import CATEGORY_NAME_ASKED, ELIGIBLE_ASKED, FOLLOWUP_MAX_CHARS
from actions.topics import TOPICS, Topic, infer_topic, title_reading
from policy_kb import api, reading
from policy_kb.model import Result
from policy_kb.reading import TRANCHE_UNIT
from policy_kb.search import COUNT_ASKED
from policy_kb.search import tokens as search_tokens
from policy_kb.text import FEE_NAMED, normalise

# how a project's money is paid out ("分几次给，每次给多少", "一次性到账吗"): 附件1 三's tranches
PAYOUT_ASKED = re.compile(
    r"分几[期次笔批回]|一次(?:性)?(?:到账|给|拨|发|付|到位)|几次(?:给|拨|发|付|到账)|每[次期笔]多少|每[次期笔]给多少"
)
# whether a sum is all paid to the talent ("那这800万是不是全部当现金打到我个人卡上？", dev57): what 三（一）'s 奖励资助
# is made of — not a project's tranches, which a sum named as the project's is
WHOLE_SUM_TO_ME = re.compile(
    r"^(?!.*(?:项目|资助|第[一二三1-3]期|拨付))(?=.*\d+万).*(?:是不是|是否|都是|全部|全都|全是)\S{0,6}"
    r"(?:现金|打到我|打给我|发到我|发给我|给我个人|我个人|我本人)"
)
# (topic, the words that name its provision) — checked in this order, first match wins. Ordered from
# the narrowest provision to the broadest: 引荐 before 引才奖励, 第N期 before 项目资助.
CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 三（十）: a headhunter or agency whose talents were selected ("做猎头的…对接了3个…1个入选省千人") is 引荐
    # ("我以个人名义给永嘉牵线了一位海外的科学家…入选了国家千人计划", dev36: 牵线 is 引荐)
    # ("我们是一家猎头公司，今年给永嘉推荐了三位海外人才…只有一位入选580…一共能领到多少钱", dev38: a firm of
    # headhunters that 推荐了 N people is the 引荐 of 三（十）, however long the sentence before 入选)
    (
        "referral",
        re.compile(r"引荐|牵线|(猎头|中介)(?!费)\S{0,40}(入选|推荐了?[一二两三四五六七八九十\d]+[位个名])"),
    ),
    # 台州 三、9.: only 台州's text subsidises intermediary fees (a 猎头费 is one; 猎头 alone may be 引荐)
    ("taizhou_plan", FEE_NAMED),
    # 附件2 第五条's ways of flexible recruitment name it as well: 顾问指导, 短期兼职, 退休返聘
    ("flexible_intro", re.compile(r"柔性|顾问|兼职|退休返聘")),
    # 附件2 第六条: an agreement signed with an expert, asked against the 引才奖励 ("签了半年的合作协议，到时候能去
    # 申请引才奖励吗", dev21) — 三（八）'s reward to employers names no agreement
    ("flexible_intro", re.compile(r"协议\S{0,16}引才奖励|引才奖励\S{0,16}协议")),
    ("overseas_engineer", re.compile(r"海外工程师")),
    ("skills_award", re.compile(r"高级技师|技能大奖|首席技师|技能大师|一级职业资格")),
    ("workstation", re.compile(r"工作站")),
    ("loan_interest", re.compile(r"贴息")),
    ("housing", re.compile(r"购房|买房|住房补贴|房票")),
    # ("这200万是不是全部直接打到我卡上？" after "县里最多给200万", dev63): what the category's sum is made of
    ("benefits", WHOLE_SUM_TO_ME),
    # what a sum is made of ("那800万里面除了项目的钱，还有什么？", dev33): 三（一）'s 奖励资助 and its three parts
    (
        "benefits",
        re.compile(r"\d+万\S{0,3}里(?:面|头|边)?\S{0,12}(?:还有|包括|包含|含)(?:些)?(?:什么|啥|哪些|别的)"),
    ),
    # whether such a sum is all paid to the talent (WHOLE_SUM_TO_ME)
    ("benefits", WHOLE_SUM_TO_ME),
    # 三（八）'s 差旅费 for a trip abroad to recruit (only 永嘉's text has one)
    ("employer_reward", re.compile(r"差旅")),
    # 三（八）: a plan selection and the employer as the one receiving ("一个人进了浙江省千人计划，另一个进了温州
    # 580计划…想问单位这边总共能拿多少钱", dev27) — the talent's own money is 三（一）
    (
        "employer_reward",
        re.compile(
            r"(?=.*(?:千人|580))(?=.*(?:单位|公司|企业)(?:这边|方面|这里)?\S{0,4}(?:总共|一共|合计|能|可以|可)\S{0,3}"
            r"(?:拿|得|领)|.*(?:奖励|奖给|补给|给)\S{0,3}(?:用人)?(?:单位|公司|企业))"
        ),
    ),
    (
        "next_tranche",
        re.compile(
            rf"第[一二三123]\s*{TRANCHE_UNIT}|头一?{TRANCHE_UNIT}|尾款|末期|最后一{TRANCHE_UNIT}|下一{TRANCHE_UNIT}"
        ),
    ),
    # 附件1 一: who may apply (a founding year, 申报条件, 领衔人) — before 项目资助, which it also names
    (
        "eligibility",
        re.compile(
            r"申报条件|申报要求|申报对象|领衔人|门槛|\d{4}\s*年\s*(注册|成立)|(注册|成立)(?:了|到现在|至今|以来)?\S{0,2}年"
        ),
    ),
    # 项目按什么标准资助, 项目资助能给多少: the amount a project gets
    (
        "funding",
        re.compile(
            r"项目资助|科技项目|资助额|资助标准|资助多少|项目\S{0,6}标准资助|资助\S{0,4}给多少"
            r"|项目\S{0,12}?多少\S{0,2}资助"  # "他的项目在永嘉能拿多少资助"
            r"|项目\S{0,12}?(?:拿|领|得到|获得)资助"  # "我那个项目现在还能按新标准拿资助吗" (dev14)
        ),
    ),
    (
        "category",
        # 二/三（十一）: without a listed title the answer is 认定 (相当于, 偏才专才) — "没啥头衔", "名单里找不到"
        re.compile(
            r"第几类|哪一类|哪类人才|几类人才|五类人才|算领军人才|没[有啥]?(?:什么)?(?:头衔|称号)"
            r"|(?:头衔|称号|荣誉)\S{0,10}(?:找不到|没有列|不在)" + "|" + CATEGORY_NAME_ASKED
            # "是不是直接就是最高那一类？那一类叫什么？" (dev14): the category and the name 二 gives it
        ),
    ),
)


def cue_topic(text: str, entities: list[dict[str, Any]], last: Topic | None = None) -> Topic | None:
    """The topic the words and entities name, or None when they name none for certain.

    An approved total with a tranche asked is the tranche rule, whatever else is said (核定81万 …
    第一期能拿多少). A review rating means the question is about the amount a rating gives, even
    when it also says "两期" ("第4类创新项目一般推荐，两期各拿多少" is answered by the amount and its
    tranches); amounts with a tranche role (核定/实缴/支出/销售额) mean the tranche rule. Figures
    with no provision named go to `last` (the topic of the previous answer) when it takes them all.
    """
    kinds = {e.get("entity") for e in entities}
    roles = {e.get("role") for e in entities if e.get("entity") == "amount"}
    if "approved_total" in roles and "tranche" in kinds:
        return TOPICS["next_tranche"]  # 核定81万 … 第一期能拿多少: the tranche of a known total
    if "review_rating" in kinds:
        return TOPICS["funding"]
    words = normalise(text or "")  # 五類人才, 貼息: traditional characters read as simplified
    if last is not None and "honour" in kinds and "honour" in last.inputs and RECKONED_BY.search(words):
        # "…领衔人其实是我合伙人，他是国家千人计划的，按他来算呢？" after 三（三）'s 贴息 (dev44): the same rule for the
        # title now named, whatever else the words mention (领衔人 is 附件1 一's word)
        return last
    for name, pattern in CUES:
        if pattern.search(words):
            return TOPICS[name]
    if last is not None and kinds and kinds <= last.inputs:
        # "他一年计税报酬30万，我们能拿多少？" after a 柔性引才 answer: the figure is for the topic just
        # discussed, not for whichever rule its role (salary) suggests on its own (海外工程师)
        return last
    strong = [e for e in entities if e.get("entity") == "amount" and e.get("role")]
    if strong:
        return infer_topic(strong)
    if "honour" in kinds and _TITLES_MONEY.search(words) and not _WHICH_CATEGORY.search(words):
        # "国家千人和温州580 在永嘉奖励最高差多少", "两位省特级专家…奖励资助加起来最多是多少" (dev43): what the
        # titles get (三（一）), set against each other or summed — not which category each is
        return TOPICS["benefits"]
    if "honour" in kinds and ELIGIBLE_ASKED.search(words) and not _WHICH_CATEGORY.search(words):
        # "我在外地一所大学当副教授，是副高职称…县里这个人才项目的钱我有资格申请吗？" (dev73): 附件1 一's 申报对象 (第1–5类)
        # and where the title stands — not the clause whose words (高级职称) it happens to share
        return TOPICS["eligibility"]
    if "honour" in kinds and not COUNT_ASKED.search(words):
        # "入选了中科院的百人计划": which category (or 不在目录) the title is — not "打算请多少位院士", a
        # plan's count of such people (the clause search answers it)
        return TOPICS["category"]
    return None


# Topics whose amount a tranche question is about: "评了重点推荐，360万…能申请第一期吗？第一期多少？" is
# the tranche rule (its amount and its condition), not the total's rating bands; "第二笔要满足什么条件才能
# 申请" is that tranche's condition, not 附件1 一's 申报条件 (dev15)
TRANCHE_OF = frozenset({"funding", "benefits", "eligibility"})


# (topics the intent model confuses, the words that settle it, the topic they mean) — checked in order
# the same question asked again for the person or title now named ("按他来算呢", "换成他呢")
RECKONED_BY = re.compile(r"按(?:他|她|这个人|这位|他的|她的)\S{0,3}算|换成(?:他|她)")
# the award of titles asked as a gap, a sum or a maximum ("奖励最高差多少", "奖励资助加起来最多是多少")
_TITLES_MONEY = re.compile(
    r"(?<!项目)(?:奖励资助|奖励|待遇)\S{0,12}(?:差多少|相差|差距|加起来|合计|一共|总共|最多|最高|封顶)"
)
_WHICH_CATEGORY = re.compile(r"第几类|哪一?类|几类|算不算|属于")
# a firm bringing a talent in without moving over (附件2, 三（九）): the words name the way ("柔性引进", "兼职的",
# "请他当技术顾问", "返聘") — a title named with them is 第四条's 对象, and money asked is 第七条's reward to the firm
FLEXIBLY_BROUGHT = re.compile(
    # (not the talent's own award asked: "挂个名在永嘉一家公司当顾问。听说县里给国家级人才800万，我这样能不能拿", dev60)
    r"^(?!.*(?:\d+万\S{0,6}(?:我|本人)|(?:我|本人)\S{0,6}(?:能不能拿|能拿|可以拿)|奖励资助))"
    r".*(?:柔性|兼职|返聘|旅居|技术指导协议|顾问费|(?:当|做|担任|聘为?|请\S{0,8}(?:来|做|当))\S{0,4}顾问)"
)
# what a firm asks of a talent brought in flexibly: its reward, or the title's category ("几类", "企业能拿多少奖励")
FLEXIBLE_FIRM_OR_CATEGORY = re.compile(
    r".*(?:第几类|几类|哪一?类|哪一?档|(?:企业|公司|单位|厂|我们)\S{0,8}(?:奖励|能拿|拿多少|奖多少)|奖多少|引才奖励"
    r"|奖励\S{0,4}(?:怎么算|多少))"
)
RETOPIC: tuple[tuple[frozenset[str], re.Pattern[str], str], ...] = (
    # "百千万人才工程国家级人选 柔性引才 几类 奖多少", "温州市首席技师来厂里带徒弟，兼职的，一年给他8万块，企业能拿多少奖励"
    # (dev78): the title's category as 第四条's 对象 and 第七条's reward to the firm (8万 × 20% = 1.6万元) — not 三（一）'s
    # award to a talent of that category, nor 三（五）'s award for being named 首席技师
    (
        frozenset({"category", "skills_award", "funding", "employer_reward"}),
        FLEXIBLY_BROUGHT,
        "flexible_intro",
    ),
    # (a benefits question only when it asks the firm's reward or the title's category: "柔性引进的专家本人在永嘉能享受
    # 什么" is 附件2 第九条's benefits of the talent, which the benefits answer reaches)
    (
        frozenset({"benefits"}),
        re.compile(f"(?={FLEXIBLE_FIRM_OR_CATEGORY.pattern}){FLEXIBLY_BROUGHT.pattern}"),
        "flexible_intro",
    ),
    # 台州 六、27.'s spending rules ("研究生和博士侯，能从项目经费里发劳务费吗？差旅费是不是有单独的限额", dev74): not a
    # title's category or funding the model read in 博士(后)
    (
        frozenset({"funding", "benefits", "category", "eligibility"}),
        re.compile(r"劳务费|会议费|国际合作费|结余经费|横向经费|纵向经费|经费预算|支出结构"),
        "taizhou_plan",
    ),
    # "我们公司牵头的团队刚入选浙江省领军型创业创新团队，永嘉县里有没有配套的钱？" (dev74): 三（二）'s matching for a
    # team, a passage of the document — not 附件1 一's conditions for a talent's project, whose form asks the type
    (
        frozenset({"eligibility", "funding", "benefits"}),
        re.compile(r"团队\S{0,24}配(?:套|多少|吗|不配)|配套\S{0,12}团队"),
        "document",
    ),
    # "我们公司在永嘉的创新类项目资助批了120万，钱分几次给，每次给多少？" (dev54): how the approved sum is paid out,
    # 附件1 三's tranches — not the funding standard the model read in 资助批了
    (frozenset({"funding"}), PAYOUT_ASKED, "next_tranche"),
    # "我们厂有个工程师是温州580海外精英计划引进的，按永嘉的人才政策他算几类？" (dev54): the title's category, not 三（四）'s
    # 海外工程师 grant the model read in 海外
    (frozenset({"overseas_engineer"}), re.compile(r"(?:算|是|属于)第?几类|哪一?类人才|第几类"), "category"),
    # "那这800万是不是全部当现金打到我个人卡上？" after a title's 奖励资助 (dev57): what the sum is made of, not the
    # tranches of a project of that total
    (frozenset({"next_tranche", "funding"}), WHOLE_SUM_TO_ME, "benefits"),
    # 台州 五、17.'s 人才贷, a bank's credit line to talents ("想办个人才贷款，银行最多能贷给我多少？利息是多少？",
    # dev47) — not 永嘉 三（三）'s interest subsidy, which the words do not name
    (
        frozenset({"loan_interest"}),
        re.compile(r"^(?!.*贴息).*(?:人才贷|信用贷款|授信|贷给我)"),
        "taizhou_plan",
    ),
    # "老板还想再引一个有正高职称的高级工程师，两个人…最高加起来一共能有多少？" (dev46): an 工程师 who is not said
    # to be from abroad, nor paid a 年薪 asked about, is a title's award (三（一）), not 三（四）'s 海外工程师
    (
        frozenset({"overseas_engineer"}),
        re.compile(
            r"^(?!.*(?:海外|外籍|外国|国外|境外|老外|年薪|洋)).*(?:正高|高级工程师).*(?:最高|加起来|一共|总共)"
        ),
        "benefits",
    ),
    # "项目资助给了200万" then "那他总的奖励资助还剩多少空间？个人奖励加住房补贴最多还能有多少？" (dev61): what is left of
    # 三（一）'s maximum once the project is funded, not the project's funding the statement named
    # ("那个人奖励和住房补贴是不是还能另外拿450万？" after the project's 270万, dev64: what is left of the total, not 三（七）'s
    # housing subsidy the words name)
    (
        frozenset({"benefits", "funding", "next_tranche", "housing"}),
        re.compile(
            r"(?:奖励资助|总的奖励|奖励总额)\S{0,6}(?:还剩|剩下|剩余|余下|还有多少)"
            r"|个人奖励\S{0,3}住房补贴\S{0,12}(?:还剩|剩下|剩余|余下|还有多少|还能|另外)"
        ),
        "benefits",
    ),
    # "个人奖励、住房补贴、项目资助这些加起来最多多少" (dev64), "奖励资助最多800万，这里面包括项目资助吗" (dev64): 三（一）'s
    # total and its three parts, not the project's funding one of them names
    (
        frozenset({"benefits", "funding", "housing", "category"}),
        re.compile(
            r"个人奖励\S{0,3}住房补贴\S{0,3}(?:和|与|及|、)?\S{0,2}项目资助\S{0,8}(?:加起来|合计|一共|总共|最多|最高)"
            r"|奖励资助\S{0,12}(?:包括|包含|含)\S{0,4}项目"
        ),
        "benefits",
    ),
    # "项目资助最高多少" is the project's funding (附件1 二), not the category's total award (三（一）)
    (
        # ("一个是省151…另一个是市首席技师…他们俩的项目资助最高分别是多少": not the 首席技师 award)
        # ("用永嘉的企业申报、入选温州580计划的创业人才，项目资助按什么标准给": the talent's project, not 三（八）'s
        # reward to the employer — dev22)
        frozenset({"benefits", "category", "overseas_engineer", "skills_award", "employer_reward"}),
        # ("他的创业项目在县里能拿多少资助", dev23: the project's money asked)
        re.compile(
            r"^(?!.*海外工程师)(?=.*(?:项目资助|科技项目|资助标准|项目\S{0,4}资助"
            r"|(?:创业|创新)项目\S{0,8}(?:拿|给|有)多少(?:钱|资助)"
            # ("我2015年就入选浙江省千人了…创业项目能按多少给？", dev36: the project's standard, 附件1 二（二）)
            r"|(?:创业|创新)项目\S{0,4}按多少"
            # ("想自己牵头搞个项目，县里最多补多少钱？", dev26: the project's money, 附件1 二（一）)
            r"|(?:搞|做|带|牵头|领衔)\S{0,3}项目\S{0,10}(?:补|给|拿|资助)多少"
            # ("那这个项目总共能拿多少资助？" after its rating, dev37: the project the talent spoke of)
            r"|(?:这个|我的|我们的|那个|该)项目\S{0,8}(?:资助|多少钱)))"
        ),
        "funding",
    ),
    # "院士来永嘉开公司，县里能给多少钱": money asked, no project, no condition — what the category gets in all
    # (三（一） 奖励资助, of which the project's funding is one part), not 申报条件
    (
        frozenset({"eligibility"}),
        re.compile(
            r"^(?!.*(?:条件|能不能报|可以报|能报|符合|资格|来得及|要求|门槛|项目|资助|资金|贷款|贴息))"
            r"(?=.*(?:给|拿|补|发)\S{0,2}多少钱)"
        ),
        "benefits",
    ),
    # "他现在自己开公司创业，他的项目资助按多少给": an amount asked, no condition — filed as 申报条件, it is
    # the project's funding (附件1 二)
    (
        frozenset({"eligibility"}),
        re.compile(
            r"^(?!.*(?:条件|能不能报|可以报|能报|符合|资格|来得及|要求|门槛))"
            r".*(?:(?:资助|资金)\S{0,6}(?:多少|几成)|(?:按|给|拿)多少"
            # ("我是从永嘉这边申报进的国家千人（创业类的），县里给我的项目能补多少钱？", dev25)
            r"|项目\S{0,4}(?:能|可以)?补多少"
            # ("我合伙人也是从永嘉报的，进的是温州580，他的创业项目按啥标准，多少钱", dev31)
            r"|项目\S{0,4}按(?:啥|什么|哪个|哪一?档)\S{0,3}标准"
            # "这种情况科技项目资助按什么标准给" (dev16): the standard the project is funded by
            r"|资助\S{0,4}按(?:什么|哪个|哪类|啥)\S{0,3}标准)"
        ),
        "funding",
    ),
    # "是不是只要我是永嘉第3类人才，就一定能拿到450万？": what the category gets (三（一） 最高450万元, 经评审认定),
    # not which titles it lists
    (
        frozenset({"category"}),
        # ("…第4类的头衔，到了永嘉就自动发那200万？", dev22)
        re.compile(r"第\s*[1-5一二三四五]\s*类\S{0,16}(拿到|能拿|拿|给|领|发)\S{0,4}\d+(\.\d+)?万"),
        "benefits",
    ),
    # "我这边有个国家千人打电话来问，县里说的800万是不是…一定给满": the call is how the question came, the
    # money is what it asks (三（一） 最高800万元, 经评审认定) — not the hotline's number (dev19)
    (
        frozenset({"hotline"}),
        re.compile(
            r"^(?!.*(?:热线|专线|号码|联系方式|电话是|电话多少|打什么电话|打哪个电话))"
            r"(?=.*(?:打电话|打个电话|来电|电话里|电话来))(?=.*(?:\d+万|多少钱|奖励|资助|补贴|待遇))"
        ),
        "benefits",
    ),
    # a review rating prices a project ("市级重点创新团队带头人的项目评了一般推荐，能拿多少"): 附件1 二（二）
    # ("以永嘉地入选的可以直接按特别推荐拿，我2014年入选的也适用吗": the talent's project, not 三（八）'s
    # reward to the employer it was applied through — dev4)
    (
        frozenset({"benefits", "category", "employer_reward"}),
        re.compile(r"特别推荐|重点推荐|一般推荐|不予推荐"),
        "funding",
    ),
    # the talent selected through 永嘉 starts a business ("我老公2015年在永嘉申报入选了省千人计划，现在自己开公司创业…能
    # 给多少", dev76): 附件1 二（二）'s project at the plan's 特别推荐 standard, not 三（八）'s reward to the employer —
    # unless the words are the employer's own
    (
        frozenset({"employer_reward"}),
        re.compile(
            r"^(?!.*(?:用人单位|我们单位|我们公司|我们企业|我们厂|本单位|单位引进|公司引进|企业引进|引才|引进了))"
            r".*(?:创业|开公司|办公司|办企业|开了家|开了个公司)"
        ),
        "funding",
    ),
    # "省首席技师在五类人才里算第几类", "市里评的首席技师，在永嘉算人才吗", "…领头的老师傅呢，也归同一类":
    # which category (or whether any), not the skills award
    (
        frozenset({"skills_award", "benefits", "funding", "housing", "employer_reward", "referral"}),
        re.compile(
            # (not "项目资助按哪类人才的标准": 附件1 二（二）'s plan standard, the funding asked)
            r"第几类|(?<!按)哪一类(?!的?标准)|几类人才|算哪类|归哪类|(?<!按)哪类人才(?!的?标准)|(?:归|算|是|属于)同一类"
            r"|(?:算|属于|是)(?:不(?:算|属于|是))?(?:领军)?人才(?:吗|么|嘛|[?？])"
        ),
        "category",
    ),
    # an intermediary's fee is 台州 三、9.'s 中介费用 (50%, at most 30万元 a firm), not 永嘉 三（八）'s reward to
    # the employer or 三（十）'s 引荐费 ("企业参加市里组织的出国招人活动，付给猎头的钱政府管不管", dev26)
    (frozenset({"employer_reward", "referral", "next_tranche", "funding"}), FEE_NAMED, "taizhou_plan"),
    # the one who referred the talent asks ("今年给永嘉引荐了3个海外博士…" then "最后有一个入选了国家千人，我们公司一共
    # 能领多少", dev33): 三（十）'s 引荐 fee and awards, not 三（八）'s reward to the employer
    (
        frozenset({"employer_reward"}),
        re.compile(r"引荐|(?:我们|我)(?:是|们是)?\S{0,4}(?:猎头|中介)"),
        "referral",
    ),
    # the referrer asks what they get ("那按我这情况，个人身份能不能拿？一共能拿多少？" after "给永嘉一家企业引荐了一个海外
    # 博士…他真的入选了国家千人", dev37): 三（十）'s fee and award, not the category of the title selected
    # ("我们是一家猎头公司，今年给永嘉推荐了三位海外人才…只有一位入选580…一共能领到多少钱", dev38: filed as
    # funding by the model, the money is the referrer's)
    (
        frozenset({"category", "benefits", "funding"}),
        re.compile(
            # ("我是个人，这两年陆续介绍了5个海外人才来永嘉", dev56)
            r"^(?!.*(?:第几类|哪一?类|几类|算不算))"
            r"(?=.*(?:引荐|牵线|猎头|中介(?!费)|介绍人|介绍了?\S{0,6}(?:海外)?(?:人才|专家|博士)))"
            r"(?=.*(?:能不能拿|能拿|拿多少|给多少|多少钱|有钱|能领|领多少))"
        ),
        "referral",
    ),
    # "卡" as a verb ("这个年限卡不卡我？" after 创新类's conditions, dev56): whether a condition stops the asker, not
    # the 金卡
    (
        frozenset({"gold_card"}),
        re.compile(
            r"^(?=.*(?:卡不卡|卡我|卡住|被卡|会卡|卡在|卡人))(?=.*(?:年限|条件|合同|全职|股|成立|资格|申报))"
        ),
        "eligibility",
    ),
    # "新考出国家一级职业资格证的高级技师，县里有钱拿吗" (dev28): 三（五）'s 3000元 award, not 高级技师 as a title
    (
        frozenset({"category", "benefits"}),
        re.compile(r"一级职业资格|职业资格证|一级的?\S{0,4}(?:高级技师)?(?:证书|资格证)"),
        "skills_award",
    ),
    # 拎包入住 apartments each area provides are 台州 五、21.'s targets, not a talent's 购房补贴/房票
    # ("县里要拿出多大面积能直接拎包住的公寓", dev29)
    (
        frozenset({"housing"}),
        re.compile(r"拎包入?住|(?:人才)?公寓\S{0,12}(平方米|面积|提供|建设)|(?:面积|多大)\S{0,12}公寓"),
        "taizhou_plan",
    ),
    # "我一年大概在永嘉待8个月，这样行不行": months a year in 永嘉 are 附件1 一（一）'s condition, not a tranche
    (
        frozenset({"next_tranche", "funding"}),
        re.compile(r"^(?!.*(?:第[一二三1-3]期|拨付|尾款))(?=.*(?:在永嘉|待|工作|呆)\S{0,6}\d+\s*个月)"),
        "eligibility",
    ),
    # "这个钱里面包不包括买房子的补贴？还包括别的什么？" after a total award: what 三（一）'s 奖励资助 is made of
    # (个人奖励、住房补贴、项目资助), not 三（七）'s 购房补贴 for three plans
    (
        frozenset({"housing"}),
        re.compile(
            r"(包不包括|包括不包括|包不包含|包含不包含|含不含|里面\S{0,2}(有没有|包括|包含|含))\S{0,10}(房|住)"
            # "那一大笔钱，到底是由哪几块组成的？买房的钱算不算在里面？" (dev18)
            r"|由哪几[块部分项]组成|哪几块|算不算在里面|算在里面吗|包含在里面"
        ),
        "benefits",
    ),
    # "那来永嘉创业的话最多给多少钱，这钱里头都包括些啥？" (dev24): what the category's money is made of, 三（一）'s
    # 个人奖励、住房补贴、项目资助 — not the project's funding the model filed it under
    (
        frozenset({"funding"}),
        re.compile(
            r"^(?!.*(?:项目资助|科技项目|资助标准|评审|推荐|第[一二三1-3]期))"
            r"(?=.*(?:包括些?(?:啥|什么|哪些|哪几)|包含(?:啥|什么|哪些)|都包括|由哪几|哪几块|怎么组成|组成部分))"
        ),
        "benefits",
    ),
    # "项目偏房地产…跟高科技不太沾边。这种情况下第2类那笔最高的资助我还有戏吗？" (dev27): a category's money
    # with no tranche named is 三（一）'s 奖励资助 and its condition (符合产业发展导向、经评审认定), not the tranches
    (
        frozenset({"next_tranche"}),
        re.compile(
            r"^(?!.*(?:期|拨|尾款|到账|到位|分批|[一二三两1-3]笔|笔钱|核定|批了|批下))(?=.*第\s*[1-5一二三四五]\s*类)"
        ),
        "benefits",
    ),
    # "台州每年有个国际人才的洽谈会，这个会是干嘛的" (dev34): 三、9.'s recruiting events, not a card
    (
        frozenset({"gold_card"}),
        re.compile(r"^(?!.*卡)(?=.*(?:洽谈会|洽谈大会|论坛|大赛|路演|以会引才|以赛引才))"),
        "taizhou_plan",
    ),
    # 平方米 and 三区三市 are only 台州 五、21.'s (apartment areas): "那三区三市加起来至少多少平方米"
    (frozenset({"benefits", "housing", "funding"}), re.compile(r"平方米|三区三市"), "taizhou_plan"),
)


# "算第5类吗", "能不能按第5类", "是不是第二类": whether a title is in a category — a category question when
# the words also hold a title the catalogue recognises (listed or not). A statement ("我是省特级专家，算第
# 3类。…能拿多少") is not such a question, nor is "按第5类申报项目资助多少" (no title).
IN_CATEGORY = re.compile(
    r"(能不能|可不可以|可否|是否|是不是|算不算|能否)\S{0,6}?(算|按|属于|是|归|列入|列为)?第?[1-5一二三四五]类"
    r"|(算|属于|是|归|列入|列为)第?[1-5一二三四五]类(人才)?(吗|么|嘛|不|没有|[?？])"
    # the category said and put to be confirmed ("跟市580一样算第4类，是这样吗", dev69)
    r"|(算|属于|是|归|列入|列为)第?[1-5一二三四五]类(人才)?[，,]?(是这样吗|对吗|对不对|是吗|没错吧|对吧)"
)


def names_title(text: str) -> bool:
    """True when the honours catalogue recognises a title in the words (a listed one, or one it knows is
    not listed: 副主任医师, 副高职称)."""
    return title_reading(text) is not None


def tranche_of(topic: Topic, text: str) -> Topic | None:
    """The tranche rule when `topic` prices a project (TRANCHE_OF) and the words ask one of its tranches
    ("第一期", "最后那三成", "那第一次能到手多少"); None otherwise."""
    if topic.name in TRANCHE_OF and reading.tranches(text).asked is not None:
        return TOPICS["next_tranche"]
    return None


# money asked for the asker ("最多能支持我多少钱", "我能拿多少")
_MONEY_FOR_ME = re.compile(r"(?:给|拿|补|发|支持|奖励?|资助)\S{0,3}多少钱?|多少钱")


def retopic(topic: Topic, text: str) -> Topic:
    """The topic the words settle when the intent model's topic is a neighbour it confuses: a funding
    question that asks about one tranche (第一期, 尾款 …) is the tranche rule — its amount and whether
    its condition is met —, and the RETOPIC words move a topic to the one they name. `topic` otherwise."""
    if not text or text.startswith("/"):
        return topic
    tranche = tranche_of(topic, text)
    if tranche is not None:
        return tranche
    words = normalise(text)
    for names, pattern, target in RETOPIC:
        if topic.name in names and pattern.search(words):
            moved = TOPICS[target]
            # a rating and 第一期 in a category-classified question: the tranche of that rating's total. Only
            # that: "项目资助最多给多少钱？算第几类？" moved to funding is not moved back by its 第几类 (the
            # funding answer says the title's category too)
            return tranche_of(moved, text) or moved
    if topic.name == "document" and _MONEY_FOR_ME.search(words) and names_title(words):
        # "我去年刚入选浙江省千人计划…县里那个人才新政最多能支持我多少钱？" (dev38): what the title gets under the
        # policy named, not a passage of the document
        return TOPICS["benefits"]
    if topic.name != "category" and IN_CATEGORY.search(words) and names_title(words):
        return TOPICS["category"]  # "副高职称能不能按第5类申报": the title's category, not 申报条件
    return topic


# Words of a follow-up that asks more of the same answer and names nothing new ("最多多少？", "一共能拿
# 多少", "几年"): such a message continues the last topic. Anything else (金卡呢, 那台州呢) does not.
FOLLOWUP_WORDS = frozenset(
    "最多 最高 最少 至少 多少 多少钱 几年 多久 几次 一共 总共 合计 能 拿 能拿 可以 具体 怎么 怎么算 算 给 钱 金额 "
    "上限 标准 那 这个 那个 呢 吗 啊 呀 的 是 有 还 再 一年 每年 一次 又 大概 加起来 加 起来 奖励 补贴 补助 奖金 "
    # who gets it, said of the firm just described ("公司一年总共能拿多少奖励" after 柔性引才's figures)
    "公司 企业 单位 我们 我们公司 用人单位 总额 总的 "
    # a gap asked of the figures just given ("两档之间差了多少钱？" after two categories' maxima, dev18)
    "差 差了 相差 差距 差额 之间 两档 两者 两个 两类 这两 两项 几 多 了".split()
)
# a follow-up naming a reward ("奖励一共多少") continues a topic that has one; after a category answer
# it asks what the category gets, which the intent model's own topic (benefits) answers
REWARD_WORDS = frozenset("奖励 补贴 补助 奖金".split())
NO_REWARD_TOPICS = frozenset({"category"})
PUNCTUATION = re.compile(r"[\s，。？！?!,.、~～…]+")


def bare_followup(text: str, last: str = "") -> bool:
    """A short message made only of follow-up words ("最多多少？", "奖励一共多少"): it asks more of the
    last answer (topic `last`), whatever topic the intent model guesses for it."""
    if not text or text.startswith("/") or len(text) > FOLLOWUP_MAX_CHARS:
        return False
    words = [w for w in search_tokens(text) if w.strip() and not PUNCTUATION.fullmatch(w)]
    if last in NO_REWARD_TOPICS and REWARD_WORDS.intersection(words):
        return False
    return bool(words) and all(w in FOLLOWUP_WORDS for w in words)


def uncovered_place(text: str) -> Result | None:
    """policy_kb's answer for a place the texts do not cover (鹿城, 杭州 …) when the talent's words name
    one, else None. Every path that would answer from a clause asks this first: another region's
    passage or figure would be a wrong answer. A button payload ("/…") is not the talent's words."""
    if not text or text.startswith("/"):
        return None
    place = api.region_scope(text)
    return place if place.values.get("scope") == "uncovered" else None
