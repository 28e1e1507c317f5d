"""Template helpers: the Vietnamese/English pair, labels of statuses, percentages."""

from __future__ import annotations

import json
from typing import Any

from django import template

from tinnhiem.core.i18n import choose, decimal_text, is_english
from tinnhiem.core.labels import LABELS
from tinnhiem.grading import BUILTIN_SCHEMES, load_scheme
from tinnhiem.rules import BUILTIN_KEYS, load_profile

register = template.Library()


@register.simple_tag
def t(vi: str, en: str) -> str:
    """Vietnamese first; English when the user switched."""
    return en if is_english() else vi


@register.filter
def label(value: Any) -> str:
    pair = LABELS.get(str(value))
    if pair is None:
        return str(value)
    return pair[1] if is_english() else pair[0]


@register.filter
def lang(obj: Any, attr: str) -> str:
    """obj.<attr>_vi or obj.<attr>_en by the active language."""
    suffix = "en" if is_english() else "vi"
    return str(getattr(obj, f"{attr}_{suffix}", "") or "")


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return ""


@register.filter
def pct(percent: str) -> str:
    """A published percentage as Vietnamese write it ("90,12"); English keeps the point."""
    return decimal_text(percent, "")


@register.filter
def pretty(value: Any) -> str:
    """A stored JSON value as people read it: one "key: value" a line, accents intact."""
    if value in (None, "", {}):
        return ""
    if isinstance(value, dict):
        return "\n".join(
            f"{key}: {json.dumps(item, ensure_ascii=False)}" for key, item in value.items()
        )
    return json.dumps(value, ensure_ascii=False)


@register.filter
def rule_name(key: str) -> str:
    """A built-in rule profile by its name ("Quy định 96-QĐ/TW (2023)"), never its key."""
    if key not in BUILTIN_KEYS:
        return choose("Bộ quy tắc riêng", "Custom rule profile")
    profile = load_profile(key)
    return choose(profile.title_vi, profile.title_en).split(":")[0]


@register.filter
def scheme_name(key: str) -> str:
    """A built-in evaluation scheme by its title, never its key."""
    if key not in BUILTIN_SCHEMES:
        return choose("Phương án riêng", "Custom scheme")
    scheme = load_scheme(key)
    return choose(scheme.title_vi, scheme.title_en)
