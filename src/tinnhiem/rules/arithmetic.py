"""Exact arithmetic for published figures: no floats anywhere.

Percentages are published with two decimals, rounded half up (22.565 -> 22.57, 0.125 -> 0.13).
"""

from __future__ import annotations

from fractions import Fraction

from tinnhiem.rules.errors import ProfileError


def percent(count: int, base: int) -> str:
    """`count / base` as a percentage string with two decimals, rounded half up.

    A base of zero (no ballot collected) gives "0.00".
    """
    if count < 0 or base < 0:
        raise ValueError("count and base must not be negative")
    if base == 0:
        return "0.00"
    # hundredths of a percent, rounded half up: floor((count * 10000 * 2 + base) / (2 * base))
    hundredths = (count * 20000 + base) // (2 * base)
    whole, frac = divmod(hundredths, 100)
    return f"{whole}.{frac:02d}"


def parse_fraction(text: str | int, *, where: str) -> Fraction:
    """Read "2/3", "1/2", "0.5" or an int into an exact fraction between 0 and 1."""
    try:
        value = Fraction(str(text).strip())
    except (ValueError, ZeroDivisionError) as exc:
        raise ProfileError(
            f"{where}: '{text}' không phải là một phân số (ví dụ 2/3)",
            f"{where}: '{text}' is not a fraction (for example 2/3)",
        ) from exc
    if not 0 <= value <= 1:
        raise ProfileError(
            f"{where}: phân số {text} phải nằm trong khoảng 0 đến 1",
            f"{where}: fraction {text} must lie between 0 and 1",
        )
    return value


def exceeds(count: int, base: int, fraction: Fraction, *, inclusive: bool) -> bool:
    """Whether count/base is above `fraction` (or at least it, when inclusive), on integers."""
    left = count * fraction.denominator
    right = base * fraction.numerator
    return left >= right if inclusive else left > right
