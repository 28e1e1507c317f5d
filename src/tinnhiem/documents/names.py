"""A body's name on a document's heading, in lines that break only between its word groups
(`text.word_groups`): "HỘI ĐỒNG NHÂN DÂN / TỈNH NINH BÌNH", never "… TỈNH NINH / BÌNH". Measured
with the PDF's fonts (Liberation Serif has the widths of Times New Roman, so Word breaks the
same lines the same way)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from tinnhiem.documents.text import word_groups


def name_lines(name: str, font: str, size: float, width: float) -> list[str]:
    """Whole word groups per line, as many as fit; a group wider than the line alone is wrapped
    at its words."""
    result: list[str] = []
    for group in word_groups(name):
        joined = f"{result[-1]} {group}" if result else group
        if result and stringWidth(joined, font, size) <= width:
            result[-1] = joined
        elif stringWidth(group, font, size) <= width:
            result.append(group)
        else:
            result.extend(simpleSplit(group, font, size, width))
    return result


def widest(lines: Sequence[str], font: str, size: float) -> float:
    """The width of the longest of `lines` (0 for none): what the rule under a name is a third of."""
    return max((stringWidth(line, font, size) for line in lines), default=0.0)
