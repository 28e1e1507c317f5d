"""Plain-text tables for the terminal, aligned by what the eye sees: Vietnamese combining marks
take no column; and a vote's result as such a table (`tinnhiem tally`, `tinnhiem results`)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from tinnhiem.rules import Base, TallyResult


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


def result_table(result: TallyResult) -> str:
    """An aligned plain-text table with Vietnamese headers: count (percent) per level, band."""
    profile = result.profile
    header = ["STT", "Họ và tên", "Chức vụ"]
    header += [level.label_vi for level in profile.levels]
    header += ["Không hợp lệ", "Mức"]
    rows = [header]
    for number, person in enumerate(result.people, start=1):
        row = [str(number), person.name, person.position]
        row += [f"{person.counts[key]} ({person.percent[key]}%)" for key in profile.level_keys]
        row += [str(person.invalid), person.band.label_vi if person.band else "—"]
        rows.append(row)
    lines = [f"Bộ quy tắc: {profile.key} ({profile.title_vi})", _figures_line(result), ""]
    lines += aligned(rows, numeric={0, *range(3, 3 + len(profile.levels) + 1)})
    lines += _consequences(result)
    return "\n".join(lines)


def _figures_line(result: TallyResult) -> str:
    base_name = "tổng số thành viên" if result.profile.base is Base.MEMBERS else "số phiếu thu về"
    members = "" if result.members is None else f"Tổng số thành viên: {result.members}; "
    return (
        f"{members}Số phiếu phát ra: {result.issued}; Số phiếu thu về: {result.collected}; "
        f"Tỷ lệ % tính trên {base_name}: {result.base}"
    )


def _consequences(result: TallyResult) -> list[str]:
    lines = []
    for person in result.people:
        band = person.band
        if band is None:
            continue
        lines.append(f"- {person.name}: {band.label_vi}. {band.consequence_vi}")
        if band.calls_for_no_confidence_vote and result.profile.no_confidence_profile:
            lines.append(
                f"  Bỏ phiếu tín nhiệm theo bộ quy tắc {result.profile.no_confidence_profile}."
            )
    return ["", "Hệ quả / Consequences:", *lines] if lines else []
