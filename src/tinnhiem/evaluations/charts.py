"""Inline SVG charts for the pages: no script, no library, no external asset. Each chart has a
title and a description for screen readers, and every figure is also written as text, so it
reads in black and white and on a tablet. Every text put in the markup is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tinnhiem.core.i18n import decimal_text

# one colour per grade rank, best first; the lowest is always the red one
COLOURS = ("#0b3d91", "#5b8fd6", "#c98a00", "#b42318")
INK = ("#fff", "#000", "#000", "#fff")


def colour(rank: int, count: int) -> tuple[str, str]:
    index = len(COLOURS) - 1 if rank == count - 1 else min(rank, len(COLOURS) - 2)
    return COLOURS[index], INK[index]


def _svg(
    width: int, height: int, title: str, description: str, body: Sequence[str], ident: str
) -> SafeString:
    ident = escape(ident)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-title {ident}-desc" class="chart">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 (every value escaped above)


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: int = 13,
    anchor: str = "middle",
    fill: str = "#111",
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}">{escape(content)}</text>'
    )


@dataclass(frozen=True)
class Point:
    label: str  # "03/2026"
    total: Decimal | None
    grade: str


@dataclass(frozen=True)
class YearMark:
    first: int  # index of the year's first point
    last: int
    total: Decimal | None
    grade: str
    label: str  # "Năm 2026: B"


def history(
    points: Sequence[Point],
    bands: Sequence[tuple[str, Decimal]],
    top: Decimal,
    years: Sequence[YearMark],
    *,
    title: str,
    ident: str = "history",
) -> SafeString:
    """Monthly totals as a line with the grade written at each point, the band floors as
    dashed lines, and each year's aggregated total as a thick segment over its months."""
    width, height, left, right, upper, lower = 880, 320, 64, 16, 40, 44
    plot_w, plot_h = width - left - right, height - upper - lower
    step = plot_w / max(len(points), 1)

    def x(index: float) -> float:
        return left + step * (index + 0.5)

    def y(value: Decimal) -> float:
        return upper + plot_h * (1 - float(value / top)) if top else upper + plot_h

    body = [
        f'<rect x="{left}" y="{upper}" width="{plot_w}" height="{plot_h}" fill="#fafbff" '
        'stroke="#555"/>'
    ]
    for key, floor in bands:
        if floor > 0:
            body.append(
                f'<line x1="{left}" x2="{left + plot_w}" y1="{y(floor):.1f}" y2="{y(floor):.1f}" '
                'stroke="#777" stroke-dasharray="6 4"/>'
            )
        body.append(
            _text(left - 6, y(floor) + 5, f"{key} {decimal_text(floor)}", size=14, anchor="end")
        )
    for mark in years:  # the year's average over its months; its label in the top margin
        if mark.total is not None:
            x1, x2 = x(mark.first) - step * 0.4, x(mark.last) + step * 0.4
            body.append(
                f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y(mark.total):.1f}" '
                f'y2="{y(mark.total):.1f}" stroke="#c98a00" stroke-width="6" opacity=".75"/>'
            )
            body.append(
                _text((x1 + x2) / 2, upper - 12, mark.label, size=15, fill="#6b4a00", weight="bold")
            )
    line = [(x(i), y(p.total)) for i, p in enumerate(points) if p.total is not None]
    if len(line) > 1:
        coordinates = " ".join(f"{a:.1f},{b:.1f}" for a, b in line)
        body.append(
            f'<polyline points="{coordinates}" fill="none" stroke="#0b3d91" stroke-width="3"/>'
        )
    for index, point in enumerate(points):
        body.append(_text(x(index), height - lower + 22, point.label, size=14))
        if point.total is not None:
            body.append(
                f'<circle cx="{x(index):.1f}" cy="{y(point.total):.1f}" r="6" fill="#0b3d91"/>'
            )
            body.append(_text(x(index), y(point.total) - 12, point.grade, size=15, weight="bold"))
    described = "; ".join(f"{p.label}: {decimal_text(p.total)} {p.grade}" for p in points)
    return _svg(width, height, title, described, body, ident)


@dataclass(frozen=True)
class Column:
    label: str
    counts: Sequence[int]  # one per band, best first


def distribution(
    columns: Sequence[Column],
    bands: Sequence[str],
    *,
    title: str,
    empty: str,
    ident: str = "distribution",
) -> SafeString:
    """One stacked bar per month: the number of each grade, written in each segment."""
    width, height, left, upper, lower = 880, 280, 40, 16, 40
    plot_w, plot_h = width - left - 10, height - upper - lower
    most = max((sum(c.counts) for c in columns), default=0)
    step = plot_w / max(len(columns), 1)
    bar = min(step * 0.6, 60)
    body = [
        f'<line x1="{left}" x2="{left + plot_w}" y1="{upper + plot_h}" y2="{upper + plot_h}" '
        'stroke="#333"/>'
    ]
    if not most:
        body.append(_text(width / 2, height / 2, empty, size=15))
    for index, column in enumerate(columns):
        cx = left + step * (index + 0.5)
        base: float = upper + plot_h
        for rank, count in enumerate(column.counts):
            if not count:
                continue
            high = plot_h * count / most
            fill, ink = colour(rank, len(bands))
            body.append(
                f'<rect x="{cx - bar / 2:.1f}" y="{base - high:.1f}" width="{bar:.1f}" '
                f'height="{high:.1f}" fill="{fill}" stroke="#fff"/>'
            )
            if high >= 18:
                body.append(
                    _text(
                        cx,
                        base - high / 2 + 5,
                        f"{bands[rank]}: {count}",
                        size=14,
                        fill=ink,
                        weight="bold",
                    )
                )
            base -= high
        body.append(_text(cx, upper + plot_h + 22, column.label, size=14))
    described = "; ".join(
        f"{c.label}: " + ", ".join(f"{b} {n}" for b, n in zip(bands, c.counts, strict=True))
        for c in columns
    )
    return _svg(width, height, title, described, body, ident)


def trend(
    points: Sequence[tuple[str, Decimal | None, str]],
    bands: Sequence[tuple[str, Decimal]],
    top: Decimal,
    *,
    title: str,
) -> SafeString:
    """The average approved total of each month (with its text as shown), against the band
    floors."""
    return history(
        [Point(label, total, shown) for label, total, shown in points],
        bands,
        top,
        (),
        title=title,
        ident="trend",
    )
