"""Plain-text tables for the terminal, aligned by what the eye sees: Vietnamese combining marks
take no column."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    return sum(1 for ch in text if not unicodedata.combining(ch))


def aligned(rows: Sequence[Sequence[str]], *, numeric: set[int]) -> list[str]:
    """Each row as a line; the columns in `numeric` are right-aligned."""
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - width(cell))
            cells.append(pad + cell if i in numeric else cell + pad)
        out.append("  ".join(cells).rstrip())
    return out
