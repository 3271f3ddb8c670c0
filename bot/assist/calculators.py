"""The calculators beside the hotline results: their form fields and how each runs a policy_kb rule.

Why the fields live here and not in the template: the page, the JSON endpoint and the tests read one
description, so a field shown is a field accepted and nothing else is. Values stay the text staff
typed and go to policy_kb unparsed — its input parsers give the Chinese error messages — except that
a bare number in a 万元 field means 万元 (staff type "120", not "1200000").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from bot.assist.sources import citation_dict
from policy_kb import api
from policy_kb.model import Result

CATEGORIES = ("第1类", "第2类", "第3类", "第4类", "第5类")
PLANS = ("国家千人计划", "省千人计划", "580计划")
_BARE_NUMBER = re.compile(r"\s*\d+(?:\.\d+)?\s*")


@dataclass(frozen=True)
class Field:
    name: str  # the keyword argument of the policy_kb function
    label: str
    options: tuple[str, ...] = ()  # a select when given
    placeholder: str = ""
    wan: bool = False  # money in 万元

    @property
    def select(self) -> bool:
        return bool(self.options)


@dataclass(frozen=True)
class Calculator:
    name: str  # URL segment: /api/assist/calc/{name}
    title: str
    fields: tuple[Field, ...]
    run: Callable[..., Result]
    note: str = ""


def _split_honours(honours: str | None = None, region: str | None = None) -> Result:
    items = [h for h in re.split(r"[、,，;；/\s]+", honours or "") if h]
    return api.category_for_honours(items or None, region=region)


CALCULATORS: tuple[Calculator, ...] = (
    Calculator(
        "category",
        "人才类别（按称号）",
        (
            Field(
                "honours", "称号、荣誉或职称", placeholder="如：杰青、省千人计划、正高职称（多项用顿号隔开）"
            ),
        ),
        _split_honours,
    ),
    Calculator(
        "funding",
        "项目资助额度（类别 × 评审结果）",
        (
            Field("category", "人才类别", CATEGORIES),
            Field("rating", "评审结果", ("特别推荐", "重点推荐", "一般推荐", "不予推荐")),
            Field("project_type", "项目类型", ("创业", "创新")),
            Field("paid_in_capital", "实缴注册资本（万元，创业类封顶）", wan=True),
            Field("project_investment", "单位项目投入经费（万元，创新类封顶）", wan=True),
            Field("plan", "入选计划（创业人才）", PLANS),
        ),
        api.project_funding,
    ),
    Calculator(
        "tranche",
        "下一期拨付（条件与材料）",
        (
            Field("project_type", "项目类型", ("创业", "创新")),
            Field("approved_total", "确定的资助总额（万元）", wan=True),
            Field("tranches_received", "已拨付期数", ("0", "1", "2")),
            Field("paid_in_capital", "实缴注册资本（万元）", wan=True),
            Field("spending", "实际项目支出（万元）", wan=True),
            Field("investment", "企业项目投入（万元）", wan=True),
            Field("sales", "销售额（万元）", wan=True),
        ),
        api.next_tranche,
    ),
    Calculator(
        "flexible",
        "柔性引才奖励",
        (
            Field("taxable_pay", "人才年计税劳动报酬（万元）", wan=True),
            Field("years_already", "已计入奖励的年度数", ("0", "1", "2", "3")),
            Field("firm_awarded_this_year", "企业本年度已获柔性引才奖励（万元）", wan=True),
        ),
        api.flexible_reward,
    ),
    Calculator(
        "overseas_engineer",
        "海外工程师资助",
        (Field("annual_salary", "年薪（万元）", wan=True),),
        api.overseas_engineer,
    ),
    Calculator(
        "loan",
        "创业贷款贴息",
        (
            Field("category", "人才类别", CATEGORIES),
            Field("loan_amount", "贷款金额（万元）", wan=True),
            Field("benchmark_rate", "同期银行基准利率（%）", placeholder="如 4.35"),
            Field("actual_rate", "实际贷款利率（%，可不填）", placeholder="如 4.0"),
            Field("tax_within_3y", "3年内企业税收（万元，可不填）", wan=True),
        ),
        api.loan_interest,
    ),
    Calculator(
        "intermediary_fee",
        "中介费用补助（台州市）",
        (
            Field("fee", "本次中介费用（万元）", wan=True),
            Field("already_received_this_firm", "企业此前已获此项补助（万元）", wan=True),
            Field("full_time", "全职引进", ("是", "否")),
            Field("unified_event", "通过全市统一组织的海外引才活动", ("是", "否")),
        ),
        lambda region=None, **kw: api.intermediary_fee_subsidy(**kw),
        note="台州市政策，与所选地区无关",
    ),
)
BY_NAME = {c.name: c for c in CALCULATORS}


class CalcInputError(ValueError):
    """An input the form does not have (the message is Chinese, for the page)."""


def _value(f: Field, raw: str) -> str:
    raw = raw.strip()
    if f.wan and _BARE_NUMBER.fullmatch(raw):
        return raw + "万"
    return raw


def _json_safe(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def result_json(result: Result) -> dict[str, Any]:
    """What the page shows for a calculation: answer, trace, citations with viewer links, what's missing."""
    return {
        "rule": result.rule,
        "status": result.status.value,
        "region": result.region,
        "edition": result.edition,
        "answer": result.answer or result.message,
        "message": result.message,
        "values": _json_safe(result.values),
        "steps": [s.text for s in result.steps],
        "citations": [citation_dict(c) for c in result.citations],
        "missing": [
            {"name": m.name, "question": m.question, "options": list(m.options)} for m in result.missing
        ],
    }


def run(name: str, inputs: dict[str, str], region: str | None) -> dict[str, Any]:
    """Run calculator `name` on the form's values; KeyError for an unknown calculator."""
    calc = BY_NAME[name]
    fields = {f.name: f for f in calc.fields}
    unknown = sorted(set(inputs) - set(fields))
    if unknown:
        raise CalcInputError(f"{calc.title}没有这些输入项：{'、'.join(unknown)}。")
    kwargs = {k: _value(fields[k], v) for k, v in inputs.items() if v and v.strip()}
    return {"calculator": name, "title": calc.title, **result_json(calc.run(**kwargs, region=region))}
