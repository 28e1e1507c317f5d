"""`tinnhiem grade`: grades, quotas and the reasons for them, straight from a score sheet.

No database and no Django: read the sheet, apply the evaluation scheme, print the result.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from tinnhiem.cli.tables import aligned
from tinnhiem.grading import (
    BUILTIN_SCHEMES,
    DecisionError,
    GradingError,
    GradingResult,
    QuotaStatus,
    ScoreLine,
    grade,
    load_scheme,
)
from tinnhiem.grading.numbers import show
from tinnhiem.grading.scoresheet import ScoreSheet, read_score_sheet
from tinnhiem.rules.errors import RuleError

FORMATS = ("table", "json")
_STATUS = {
    QuotaStatus.OK: "",
    QuotaStatus.DEMOTED: "hạ loại (demoted)",
    QuotaStatus.FLAGGED: "cần quyết định (flagged)",
}


def main(argv: list[str] | None = None) -> int:
    """Run the command; 0 on success, 2 on any input error (the message goes to stderr)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message; report, don't exit
        return exc.code if isinstance(exc.code, int) else 2
    sheet: ScoreSheet | None = None
    try:
        scheme = load_scheme(args.scheme)
        sheet = read_score_sheet(args.file, scheme)
        result = grade(
            scheme,
            sheet.lines,
            outstanding_units=_listed(args.outstanding_units),
            decisions=_decisions(args.keep, sheet.lines),
        )
    except GradingError as exc:
        return _fail((sheet.relocated(exc) if sheet else exc).message)
    except RuleError as exc:
        return _fail(exc.message)
    flagged = sum(1 for person in result.people if person.quota is QuotaStatus.FLAGGED)
    if flagged:
        print(_flagged_note(flagged), file=sys.stderr)
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_table(result))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tinnhiem grade",
        description="Xếp loại cán bộ từ bảng điểm (.csv, .xlsx), có hạn mức / "
        "Grade cadres from a score sheet (.csv, .xlsx), with quotas",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="bảng điểm / score sheet")
    parser.add_argument(
        "--scheme",
        required=True,
        metavar="SCHEME",
        help=f"phương án ({', '.join(BUILTIN_SCHEMES)}) hoặc tệp .toml / scheme or a .toml file",
    )
    parser.add_argument("--format", choices=FORMATS, default="table")
    parser.add_argument(
        "--outstanding-units",
        default="",
        metavar="U1,U2",
        help="đơn vị có thành tích nổi bật (hạn mức riêng) / units with outstanding achievements",
    )
    parser.add_argument(
        "--keep",
        action="append",
        default=[],
        metavar="PERSON",
        help="người giữ loại khi bằng điểm tại ngưỡng hạn mức (tên, đơn vị/tên hoặc mã; lặp lại "
        "được) / who keeps the grade in a tie at a cap (name, unit/name or id; repeatable)",
    )
    return parser


def _listed(text: str) -> list[str]:
    return [_nfc(part) for part in text.split(",") if part.strip()]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def _decisions(wanted: Sequence[str], lines: Sequence[ScoreLine]) -> set[str]:
    """Person keys for `--keep` values: a key ("unit/name" or the id column) or a unique name."""
    keys = {line.person for line in lines}
    chosen = set()
    for raw in wanted:
        text = _nfc(raw)
        if text in keys:
            chosen.add(text)
            continue
        named = sorted(line.person for line in lines if line.name == text)
        if len(named) != 1:
            found = ", ".join(named)
            raise DecisionError(
                f"--keep '{text}': "
                + (f"nhiều người trùng tên ({found})" if named else "không có"),
                f"--keep '{text}': " + (f"several people ({found})" if named else "nobody"),
            )
        chosen.add(named[0])
    return chosen


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def _flagged_note(count: int) -> str:
    return (
        f"Lưu ý: {count} người bằng điểm tại ngưỡng hạn mức cần quyết định (--keep) / "
        f"Note: {count} people tied at a cap need a decision (--keep)"
    )


def render_table(result: GradingResult) -> str:
    """An aligned plain-text table with Vietnamese headers, then the quota use and the notes."""
    scheme = result.scheme
    has_group = any(person.group for person in result.people)
    header = ["STT", "Họ và tên", "Đơn vị", *(["Nhóm"] if has_group else [])]
    header += ["Tổng điểm", "Xếp loại", "Hạn mức"]
    rows = [header]
    for number, person in enumerate(result.people, start=1):
        row = [str(number), person.name, person.unit, *([person.group] if has_group else [])]
        total = "—" if person.total is None else str(person.total)
        status = _STATUS[person.quota]
        if person.quota is QuotaStatus.DEMOTED:
            status = f"hạ từ {person.grade_before_quota} (demoted)"
        row += [total, person.grade, status]
        rows.append(row)
    total_column = 4 if has_group else 3
    lines = [f"Phương án: {scheme.key} ({scheme.title_vi})", ""]
    lines += aligned(rows, numeric={0, total_column})
    lines += _quota_lines(result)
    lines += _notes(result)
    return "\n".join(lines)


def _quota_lines(result: GradingResult) -> list[str]:
    lines = []
    for use in result.quota_use:
        where = ", ".join(
            part
            for part in (
                f"đơn vị {use.unit}" if use.unit is not None else "",
                f"nhóm {use.group}" if use.group is not None else "",
            )
            if part
        )
        lines.append(
            f"- Loại {use.band}, {where or 'toàn danh sách'}: {use.candidates} đạt, "
            f"{use.allowed} chỗ ({show(use.cap)} của "
            f"{use.base}); giữ {use.kept}, hạ {use.demoted}, cần quyết định {use.flagged}"
        )
    return ["", "Hạn mức / Quotas:", *lines] if lines else []


def _notes(result: GradingResult) -> list[str]:
    lines = []
    for person in result.people:
        if len(person.notes) > 1 or person.quota is not QuotaStatus.OK:
            lines.append(f"- {person.name} ({person.unit}): {person.reason_vi}")
            lines.append(f"  {person.reason_en}")
    return ["", "Ghi chú / Notes:", *lines] if lines else []


if __name__ == "__main__":
    sys.exit(main())
