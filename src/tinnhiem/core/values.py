"""Reading the values a page posts (or puts in its address): a whole number, a date, the id of a
record chosen on the page. Every view reads them here, never with a bare int() or
date.fromisoformat(), so a value that is not what the page sends is refused in both languages,
naming the field, instead of a 500 or a silent default.

`BadValue` is a `DomainError` (a view that shows its form again catches it like a service's
error, `run` style) and Django's `BadRequest` (left uncaught, it becomes the bilingual 400 page
of `web/refusals.py`): a value typed by the user is answered on its form, a hidden value
(the id of a record, a list the page built) that only a hand-made request can get wrong gets the
400 page."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import HttpRequest, QueryDict

from tinnhiem.core.errors import InputProblem
from tinnhiem.core.i18n import choose

Label = tuple[str, str]  # the field as the page names it, in Vietnamese and English
DATE_PATTERNS = ("%Y-%m-%d", "%d/%m/%Y")  # a date input sends the first; people type the second
SHOWN = 40  # characters of a refused value repeated in the message
MOST_DIGITS = 18  # 999,999,999,999,999,999 fits a database's 64-bit integer (an id)
INTEGER_MAX = 2_147_483_647  # the largest value of an IntegerField on every database


class BadValue(InputProblem, BadRequest):
    """A value of the request that is not what the page sends."""

    def __init__(self, label: Label, raw: str, expected_vi: str, expected_en: str) -> None:
        shown = raw if len(raw) <= SHOWN else raw[:SHOWN] + "…"
        super().__init__(
            f"{label[0]}: «{shown}» {expected_vi}", f"{label[1]}: '{shown}' {expected_en}"
        )
        self.label = label


def _raw(source: QueryDict, name: str) -> str:
    return str(source.get(name, "") or "").strip()


def _digits(raw: str) -> bool:
    """Only 0-9, at most 18 of them (a database integer): str.isdigit() also says yes to "²"
    and "٣", which int() refuses or reads, and int() refuses 5,000 digits."""
    return raw.isascii() and raw.isdigit() and len(raw) <= MOST_DIGITS


def whole(
    source: QueryDict,
    name: str,
    label: Label,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int | None:
    """A whole number, or None when the field is empty; never above what a database integer
    column holds, so that saving it cannot fail."""
    raw = _raw(source, name)
    if not raw:
        return None
    if not _digits(raw):
        raise BadValue(label, raw, "không phải số nguyên", "is not a whole number")
    number = int(raw)
    top = INTEGER_MAX if maximum is None else min(maximum, INTEGER_MAX)
    if number > top or (minimum is not None and number < minimum):
        if minimum is None:
            raise BadValue(label, raw, f"lớn hơn {top}", f"is more than {top}")
        raise BadValue(
            label, raw, f"phải từ {minimum} đến {top}", f"must be from {minimum} to {top}"
        )
    return number


def day(source: QueryDict, name: str, label: Label) -> date | None:
    """A date (2026-03-25 from a date input, or 25/03/2026 as typed), or None when empty."""
    raw = _raw(source, name)
    if not raw:
        return None
    for pattern in DATE_PATTERNS:
        try:
            return datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise BadValue(
        label, raw, "không phải ngày hợp lệ (dd/mm/yyyy)", "is not a valid date (dd/mm/yyyy)"
    )


def record_id(source: QueryDict, name: str, label: Label) -> int:
    """The id of a record chosen on the page (a hidden field, a select, a button's value)."""
    raw = _raw(source, name)
    if not raw:
        raise BadValue(label, raw, "chưa được chọn", "is not chosen")
    if not _digits(raw) or int(raw) < 1:
        raise BadValue(label, raw, "không phải mã hợp lệ", "is not a valid id")
    return int(raw)


def optional_id(source: QueryDict, name: str, label: Label) -> int | None:
    """Like `record_id`, or None when nothing is chosen."""
    return record_id(source, name, label) if _raw(source, name) else None


def record_ids(source: QueryDict, name: str, label: Label) -> list[int]:
    """The ids of the records ticked on the page (checkboxes of one name)."""
    ids = []
    for raw in source.getlist(name):
        if not _digits(raw.strip()) or int(raw) < 1:
            raise BadValue(label, raw.strip(), "không phải mã hợp lệ", "is not a valid id")
        ids.append(int(raw))
    return ids


def show(request: HttpRequest, error: BadValue) -> None:
    """The refusal among the page's messages, where a service's error would be shown."""
    messages.error(request, choose(error.message_vi, error.message_en))
