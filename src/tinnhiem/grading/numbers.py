"""Exact numbers for scores: `Decimal` for what people type, `Fraction` for averages and caps.

No float is ever compared with a band. A total is the exact sum of its scores, rounded once by
the scheme's rule; the grade is read from that rounded total, which is also the published one,
so a cadre who sees "90.00" never sees a B beside it.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal, Inexact, InvalidOperation
from enum import StrEnum
from fractions import Fraction

# Sums are exact: a precision far above any score, and a trap if a digit would still be lost.
_EXACT = Context(prec=120, traps=[InvalidOperation, Inexact])
_ROUNDING = Context(prec=120, traps=[InvalidOperation])
_QUANTA = [Decimal(1).scaleb(-places) for places in range(7)]  # a scheme has 0 to 6 places
_NUMBER = re.compile(r"[+-]?[0-9]{1,12}(?:[.,][0-9]{1,20})?")


class Rounding(StrEnum):
    """How a total (or an average) is rounded to the scheme's decimal places."""

    HALF_UP = "half_up"  # "làm tròn": 89.995 -> 90.00
    DOWN = "down"  # cut off: 89.999 -> 89.99, never lifts a total into a higher band


# `left + right`, exactly, or `decimal.Inexact` if a digit would be lost (bound once: it runs
# for every score of every person)
exact_add = _EXACT.add


def exact_sum(values: list[Decimal]) -> Decimal:
    """The sum of `values`, exactly (Decimal's default context would round past 28 digits)."""
    total = Decimal(0)
    for value in values:
        total = _EXACT.add(total, value)
    return total


def round_decimal(value: Decimal, places: int, mode: Rounding) -> Decimal:
    """`value` with exactly `places` decimals, rounded by `mode`."""
    rounding = ROUND_HALF_UP if mode is Rounding.HALF_UP else ROUND_DOWN
    return value.quantize(_QUANTA[places], rounding=rounding, context=_ROUNDING)


def round_fraction(value: Fraction, places: int, mode: Rounding) -> Decimal:
    """A non-negative fraction (an average) as a Decimal with `places` decimals, on integers."""
    return round_ratio(value.numerator, value.denominator, places, mode)


def round_ratio(numerator: int, denominator: int, places: int, mode: Rounding) -> Decimal:
    """`numerator / denominator` (both non-negative, denominator positive) with `places`
    decimals, rounded by `mode`, on integers."""
    if numerator < 0 or denominator <= 0:
        raise ValueError("only non-negative values are rounded")
    scaled = numerator * 10**places
    if mode is Rounding.HALF_UP:
        units = (2 * scaled + denominator) // (2 * denominator)
    else:
        units = scaled // denominator
    return Decimal(f"{units}E-{places}")


def parse_number(text: str) -> Decimal | None:
    """A decimal number as typed: "89.5", "89,5" (Vietnamese decimal comma), "-3". None if the
    text is not one (no exponent, no thousands separator, no "NaN")."""
    raw = text.strip()
    if not _NUMBER.fullmatch(raw):
        return None
    return Decimal(raw.replace(",", "."))


def parse_share(text: str) -> Fraction | None:
    """A share between 0 and 1 as typed: "0.35", "0,35", "35%", "7/20". None if it is not one."""
    raw = text.strip().replace(" ", "")
    try:
        if raw.endswith("%"):
            number = parse_number(raw[:-1])
            value = None if number is None else Fraction(number) / 100
        elif "/" in raw:
            value = Fraction(raw)
        else:
            number = parse_number(raw)
            value = None if number is None else Fraction(number)
    except (ValueError, ZeroDivisionError):
        return None
    if value is None or not 0 <= value <= 1:
        return None
    return value


def cap_count(base: int, cap: Fraction) -> int:
    """How many of `base` people a cap of "at most `cap`" allows: the largest n with
    n / base <= cap, on integers (30 % of 10 is 3; of 7 it is 2, since 3/7 is above 30 %)."""
    return base * cap.numerator // cap.denominator


def show(value: Fraction) -> str:
    """A cap for people: "30%" or, when it is not a whole percent, "1/3"."""
    percent = value * 100
    if percent.denominator == 1:
        return f"{percent.numerator}%"
    return f"{value.numerator}/{value.denominator}"


def vi(value: Decimal | None) -> str:
    """A decimal in a Vietnamese message: a decimal comma ("83,00"); English keeps str()."""
    return str(value).replace(".", ",")
