"""Money is exact: integer 元 inside, 万元 in Chinese text.

Why integers: every figure in the texts is a whole number of 元 or 万元, and shares (40%, 60%, 20%)
of those are whole 元 too except in rare cases; we round half up to the 元 and say so in the trace.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

WAN = 10_000


def wan(amount_wan: int | float | str | Decimal) -> int:
    """万元 → 元, exactly."""
    return int((Decimal(str(amount_wan)) * WAN).to_integral_value(rounding=ROUND_HALF_UP))


def share(amount_yuan: int, percent: int | Decimal) -> int:
    """`percent`% of an amount in 元, rounded half up to the 元."""
    return int((Decimal(amount_yuan) * Decimal(percent) / 100).to_integral_value(rounding=ROUND_HALF_UP))


def fmt_yuan(amount_yuan: int) -> str:
    """Chinese display: 万元 when it divides cleanly to 4 decimals, else 元 with separators.

    >>> fmt_yuan(8_000_000)
    '800万元'
    >>> fmt_yuan(1_620_000)
    '162万元'
    >>> fmt_yuan(3_000)
    '3000元'
    >>> fmt_yuan(123_456)
    '12.3456万元'
    """
    if amount_yuan < WAN:
        return f"{amount_yuan}元"
    d = Decimal(amount_yuan) / WAN
    text = format(d.normalize(), "f")
    return f"{text}万元"


def fmt_percent(p: int | Decimal) -> str:
    return f"{Decimal(p).normalize():f}%"
