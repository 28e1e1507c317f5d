"""Labels of the register's stored values (status, sex, event...) in the chosen language."""

from __future__ import annotations

from django import template

from tinnhiem.core.i18n import is_english
from tinnhiem.members.labels import pair

register = template.Library()


@register.filter
def mlabel(value: object) -> str:
    """A status, sex, service or form of leaving."""
    vi, en = pair(str(value))
    return en if is_english() else vi


@register.filter
def elabel(value: object) -> str:
    """An event's kind, read as the act ("transferred out", not the state)."""
    vi, en = pair(str(value), event=True)
    return en if is_english() else vi


@register.filter
def in_set(value: object, items: object) -> bool:
    """Whether a value is among the items (an event superseded by a correction)."""
    try:
        return value in items  # type: ignore[operator]
    except TypeError:
        return False
