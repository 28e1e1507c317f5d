"""Template helpers of the evaluation pages: labels of statuses and outcomes, numbers with the
Vietnamese decimal comma."""

from __future__ import annotations

from typing import Any

from django import template

from tinnhiem.core.i18n import decimal_text, is_english

register = template.Library()

LABELS: dict[str, tuple[str, str]] = {
    "missing": ("Chưa tự đánh giá", "Not started"),
    "draft": ("Đang tự đánh giá", "Draft"),
    "submitted": ("Đã nộp, chờ nhận xét", "Submitted, awaiting review"),
    "reviewed": ("Đã nhận xét, chờ phê duyệt", "Reviewed, awaiting approval"),
    "approved": ("Đã phê duyệt", "Approved"),
    "reopened": ("Mở lại để điều chỉnh", "Reopened for correction"),
    "ok": ("Trong hạn mức", "Within the quota"),
    "demoted": ("Hạ loại do vượt hạn mức", "Demoted: over the quota"),
    "flagged": ("Bằng điểm tại ngưỡng: cần quyết định", "Tied at the cap: decision needed"),
    "kept": ("Giữ loại theo quyết định phê duyệt", "Kept by the approval decision"),
    "decided_down": ("Hạ loại theo quyết định phê duyệt", "Demoted by the approval decision"),
    "yes": ("Có", "Yes"),
    "no": ("Không", "No"),
}


@register.filter
def ev_label(value: Any) -> str:
    pair = LABELS.get(str(value))
    if pair is None:
        return str(value)
    return pair[1] if is_english() else pair[0]


@register.filter
def comma(value: Any) -> str:
    """89.50 as Vietnamese write it (89,50); English keeps the point; None is a dash."""
    return decimal_text(value)


@register.filter
def pair(value: Any) -> str:
    """A (vi, en) pair, in the active language."""
    try:
        vi, en = value
    except (TypeError, ValueError):
        return str(value or "")
    return str(en if is_english() else vi)
