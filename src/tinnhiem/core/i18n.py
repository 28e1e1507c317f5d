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
