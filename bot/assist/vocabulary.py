"""Words hotline staff type that name a computable case. (What an amount is, 年薪60万 or 实缴 100万, is
read by policy_kb.reading, as in the chat.)

Why a module and not YAML: it ships with the package whatever the packaging rules list, and it is read
once at import. Keys are policy_kb rule names. Matched as substrings of the normalised query
(traditional → simplified, full-width → half-width, no spaces), so 房補 and 房补 are the same. This is
vocabulary, never query → answer: the figures and the wording always come from the policy_kb rule the
words point to.

`words`: any of these names the case. `needs`: alternatives, each a set of inputs the query must also
state for the calculator to be worth running first (otherwise the clause itself, found by search, is
the better answer); one alternative fully stated is enough. A rule run on part of its inputs answers
with what the text settles and names what it still needs.
"""

from __future__ import annotations

CALCULATORS: dict[str, dict[str, tuple]] = {
    "category_for_honours": {
        "words": ("第几类", "哪类", "哪一类", "几类", "类别", "属于", "算几类", "算哪", "分类", "认定"),
        "needs": (("honours",),),
    },
    "project_funding": {
        "words": (
            "特别推荐",
            "重点推荐",
            "一般推荐",
            "不予推荐",
            "资助额度",
            "项目资助",
            "资助多少",
            "评审结果",
        ),
        "needs": (("rating",), ("plan", "project_type")),
    },
    "next_tranche": {
        "words": (
            "第一期",
            "第二期",
            "第三期",
            "第1期",
            "第2期",
            "第3期",
            "首期",
            "一期",
            "二期",
            "三期",
            "尾款",
            "下一期",
            "分期",
            "拨付",
        ),
        "needs": (("tranche",),),
    },
    "flexible_reward": {"words": ("柔性", "兼职", "顾问", "返聘"), "needs": (("amount",),)},
    "overseas_engineer": {"words": ("海外工程师",), "needs": (("amount",),)},
    "loan_interest": {
        "words": ("贴息", "贷款", "利息"),
        "needs": (("category",), ("honours",), ("amount",)),
    },
    "housing_subsidy": {"words": ("购房", "买房", "房补", "住房补贴", "购房补贴"), "needs": (("plan",),)},
    "intermediary_fee_subsidy": {
        "words": ("中介费", "中介费用", "猎头费", "猎头"),
        "needs": (("amount",),),
    },
    "benefits": {
        "words": ("待遇", "能拿", "能享受", "享受什么", "有什么", "政策", "补贴", "优惠"),
        "needs": (("category",),),
    },
    "total_award": {
        "words": ("奖励资助", "资助总额", "奖励总额", "总共", "最多拿", "最多能拿", "最高奖励", "最多多少"),
        "needs": (("category",), ("honours",)),
    },
    "workstation": {"words": ("工作站",), "needs": (("workstation_kind", "level"),)},
    "skills_award": {
        "words": ("技能大奖", "首席技师", "技能大师工作室", "大师工作室", "高级技师", "一级职业资格"),
        "needs": (("skills",),),
    },
    "employer_reward": {
        "words": ("用人单位", "单位奖励", "企业奖励", "引进单位"),
        "needs": (("plan",),),
    },
    "referral_fee": {"words": ("引荐费", "引荐"), "needs": ((),)},
    # not a calculation but a stated fact, or the statement that the text gives none
    "hotline": {"words": ("热线", "电话", "服务专线", "专线", "联系方式"), "needs": ((),)},
}

LEVELS = ("国家级", "省级", "市级")
WORKSTATION_KINDS = ("博士后", "院士")
