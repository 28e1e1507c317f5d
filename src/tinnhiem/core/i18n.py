"""Vietnamese first, English on the switch, for text fixed at import time (form labels)."""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import get_language


def is_english() -> bool:
    return (get_language() or "vi").startswith("en")


def choose(vi: str, en: str) -> str:
    """The text in the current language, now (for a message built during a request)."""
    return en if is_english() else vi


pair = lazy(choose, str)


def decimal_text(value: object, empty: str = "—") -> str:
    """A decimal as the page's language writes it: "79,00" in Vietnamese, "79.00" in English;
    `empty` for no value. The one place every page, chart and sheet formats a decimal."""
    if value is None or value == "":
        return empty
    return str(value) if is_english() else str(value).replace(".", ",")
