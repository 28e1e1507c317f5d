"""Vietnamese first, English on the switch, for text fixed at import time (form labels)."""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import get_language


def _choose(vi: str, en: str) -> str:
    return en if (get_language() or "vi").startswith("en") else vi


pair = lazy(_choose, str)
