"""The dashboard's charts as inline SVG built on the server: no script, no library, no style
attribute (the Content-Security-Policy allows none). Each has a title and a description for
screen readers, its figures also written as text, and a 360-unit width that scales down to a
390-pixel phone. Every text put in the markup is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 360
BAR = 14
# done on time, done late, open within the deadline, open past it, stopped
STATE_COLOURS = ("#1a7f37", "#7fb77e", "#5b8fd6", "#b42318", "#8a8a8a")


@dataclass(frozen=True)
class Bar:
    label: str
    parts: Sequence[int]  # one count per colour, stacked left to right


def _svg(height: int, title: str, description: str, body: Sequence[str], ident: str) -> SafeString:
    ident = escape(ident)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-t {ident}-d" class="chart">'
        f'<title id="{ident}-t">{escape(title)}</title>'
        f'<desc id="{ident}-d">{escape(description)}</desc>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 (every value escaped above)


def _text(x: float, y: float, content: str, *, anchor: str = "start", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="#111">{escape(content)}</text>'
    )


def _rect(x: float, y: float, width: float, colour: str) -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{BAR}" fill="{colour}"/>'


def stacked(bars: Sequence[Bar], *, title: str, description: str, ident: str) -> SafeString:
    """One bar a line, its label above it and its total after it, the parts in state colours;
    every bar on the scale of the largest total."""
    most = max((sum(bar.parts) for bar in bars), default=0) or 1
    span = WIDTH - 40
    body: list[str] = []
    y = 0
    for bar in bars:
        body.append(_text(0, y + 12, bar.label))
        x = 0.0
        for count, colour in zip(bar.parts, STATE_COLOURS, strict=False):
            width = span * count / most
            if width > 0:
                body.append(_rect(x, y + 16, width, colour))
            x += width
        body.append(_text(x + 4, y + 27, str(sum(bar.parts))))
        y += 36
    return _svg(max(y, 20), title, description, body, ident)


def percents(
    rows: Sequence[tuple[str, str | None]],
    *,
    title: str,
    description: str,
    ident: str,
    comma: bool = False,
) -> SafeString:
    """Each target's share of plan ("108.70", written "108,70" with `comma`) as a bar, with a mark at 100 %; the scale runs to
    the largest share or 150 %, whichever is more, and a share above it is drawn to the edge."""
    shares = [Decimal(p) for _, p in rows if p is not None]
    top = max([Decimal(150), *shares])
    span = WIDTH - 60
    body: list[str] = []
    y = 0
    for label, share in rows:
        body.append(_text(0, y + 12, label))
        if share is not None:
            width = float(span * min(Decimal(share), top) / top)
            colour = "#1a7f37" if Decimal(share) >= 100 else "#c98a00"
            body.append(_rect(0, y + 16, width, colour))
            shown = share.replace(".", ",") if comma else share
            body.append(_text(width + 4, y + 27, f"{shown} %"))
        else:
            body.append(_text(0, y + 27, "—"))
        y += 36
    hundred = float(span * 100 / top)
    body.append(
        f'<line x1="{hundred:.1f}" y1="0" x2="{hundred:.1f}" y2="{y}" stroke="#111" '
        'stroke-dasharray="3 3"/>'
    )
    return _svg(max(y, 20), title, description, body, ident)
