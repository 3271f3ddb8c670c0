"""Checking and coercing rule inputs.

Why a separate module: adapters pass whatever the user typed (strings, floats, None). Each parser
returns the clean value or raises InputError with a Chinese message, which the rule turns into an
INVALID result — so bad input never escapes as an exception.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from policy_kb.text import normalise

MAX_AMOUNT_YUAN = 10**11  # 1000亿元: anything above is a typo, not a talent project
RATINGS = ("特别推荐", "重点推荐", "一般推荐", "不予推荐")
PROJECT_TYPES = ("创业", "创新")
# Chinese numerals up to ten, as people write small counts (两人, 三年, 第二期): one table for every reader
CN_SMALL = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


class InputError(ValueError):
    """Bad user input; `str(exc)` is a polite Chinese message."""


def amount_yuan(value: Any, what: str) -> int | None:
    """An amount of money in integer 元. Accepts 1200000, "120万", "120万元", "1,200,000元", Decimal."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError(f"{what}应为金额，例如“120万元”。")
    if isinstance(value, int | float | Decimal):
        d = Decimal(str(value))
    else:
        text = normalise(str(value)).replace(",", "").replace("，", "").replace(" ", "")
        m = re.fullmatch(r"([-+]?\d+(?:\.\d+)?)(亿|万)?(元|块|人民币)?", text)
        if not m:
            raise InputError(f"没能读懂{what}“{value}”，请写成数字，例如“120万元”。")
        d = Decimal(m.group(1)) * {"亿": 10**8, "万": 10**4, None: 1}[m.group(2)]
    try:
        if not d.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise InputError(f"{what}不是有效数字。") from None
    if d < 0:
        raise InputError(f"{what}不能是负数。")
    if d > MAX_AMOUNT_YUAN:
        raise InputError(f"{what}超出合理范围（超过1000亿元），请核对后重新输入。")
    return int(d.to_integral_value())


def percent(value: Any, what: str) -> Decimal | None:
    """A rate in percent: 4.35, "4.35%", "4.35" → Decimal("4.35"). 0 < rate ≤ 30."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError(f"{what}应为百分比，例如“4.35%”。")
    text = normalise(str(value)).replace("%", "").replace("％", "").strip()
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise InputError(f"没能读懂{what}“{value}”，请写成百分比，例如“4.35%”。") from None
    if not d.is_finite() or d <= 0 or d > 30:
        raise InputError(f"{what}应在0%到30%之间，请核对。")
    return d


def category(value: Any) -> int | None:
    """Category 1–5 from 3, "3", "第3类", "第三类", "三类", or the name 二 gives it ("县级领军人才")."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError("人才类别应为第1至第5类。")
    if isinstance(value, int):
        n = value
    else:
        from policy_kb.catalogue import class_names  # the catalogue reads its figures through this module

        text = normalise(str(value))
        named = next((c for name, c in class_names().items() if name in text), None)
        if named is not None:
            return named
        m = re.search(r"([1-5一二三四五])", text)
        if not m or re.search(r"\d{2,}", text):
            raise InputError(f"没能识别人才类别“{value}”，应为第1至第5类。")
        n = int(m.group(1)) if m.group(1).isdigit() else CN_SMALL[m.group(1)]
    if not 1 <= n <= 5:
        raise InputError(f"人才类别应为第1至第5类，收到的是“{value}”。")
    return n


def rating(value: Any) -> str | None:
    if value is None or value == "":
        return None
    text = normalise(str(value))
    for r in RATINGS:
        if r in text or r[:2] == text[:2] and len(text) <= 4:
            return r
    raise InputError(f"评审结果“{value}”不在“特别推荐、重点推荐、一般推荐、不予推荐”四类之中。")


def project_type(value: Any) -> str | None:
    if value is None or value == "":
        return None
    text = normalise(str(value))
    hits = [t for t in PROJECT_TYPES if t in text]
    if len(hits) != 1:
        raise InputError(f"项目类型“{value}”应为“创业类”或“创新类”。")
    return hits[0]


def count(value: Any, what: str, upper: int) -> int | None:
    """A small whole number 0..upper (e.g. tranches received)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError(f"{what}应为整数。")
    if isinstance(value, int):
        n = value
    elif isinstance(value, float) and value.is_integer():
        n = int(value)
    else:
        text = normalise(str(value))
        m = re.fullmatch(r"(?:第)?([0-9一二三四五零两])(?:期|年|个|次)?", text)
        if not m:
            raise InputError(f"没能读懂{what}“{value}”，请写成数字。")
        n = int(m.group(1)) if m.group(1).isdigit() else {"零": 0, **CN_SMALL}[m.group(1)]
    if not 0 <= n <= upper:
        raise InputError(f"{what}应在0到{upper}之间。")
    return n


_YES = {"是", "对", "是的", "yes", "true", "y"}
_NO = {"否", "不是", "不", "no", "false", "n"}


def yes_no(value: Any, what: str) -> bool | None:
    """A yes/no answer: True/False, or 是/否 as typed; None when unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = normalise(value).lower()
        if text in _YES:
            return True
        if text in _NO:
            return False
    raise InputError(f"{what}请回答“是”或“否”，收到的是“{value}”。")


# 附件1 二（二）, 三（八）: a selection applied for through another place, as the answers say it
SELECTED_ELSEWHERE = "您说是通过其他地方申报入选的"


def selected_in_yongjia(value: Any) -> bool | None:
    """Whether a plan selection was applied for 以永嘉地 (是/否 as typed, or a bool); None when unknown."""
    return yes_no(value, "是否以永嘉地申报入选")


# a year of selection the texts can speak of: after the plans began, not after the texts' own time
_YEAR_RANGE = (1990, 2030)


def year(value: Any, what: str) -> int | None:
    """A calendar year (2014, "2014年", "14年"); None when unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError(f"{what}应为年份，例如“2014年”。")
    text = normalise(str(value)).removesuffix("年").strip()
    if not text.isdigit():
        raise InputError(f"{what}应为年份，例如“2014年”，收到的是“{value}”。")
    n = int(text)
    n = n + 2000 if n < 100 else n
    if not _YEAR_RANGE[0] <= n <= _YEAR_RANGE[1]:
        raise InputError(f"{what}“{value}”不是有效的年份。")
    return n
