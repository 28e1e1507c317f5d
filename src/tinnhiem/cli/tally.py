"""`tinnhiem tally`: the result of a confidence vote straight from a spreadsheet of counts.

No database and no Django: read the sheet, apply the rule profile, print or render the result.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from tinnhiem.cli.tables import result_table
from tinnhiem.documents.countsheet import CountSheet, read_sheet
from tinnhiem.documents.data import BodyHeader, ResultsReport, SessionInfo
from tinnhiem.rules import (
    Profile,
    RuleError,
    SessionFigures,
    TallyResult,
    load_profile,
    tally,
)

FORMATS = ("table", "json", "xlsx", "pdf")
_SESSION_FIELDS = ("members", "issued", "collected")


def main(argv: list[str] | None = None) -> int:
    """Run the command; 0 on success, 2 on any input error (the message goes to stderr)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message; report, don't exit
        return exc.code if isinstance(exc.code, int) else 2
    if args.format in ("xlsx", "pdf") and args.out is None:
        return _fail(f"--format {args.format} cần --out TỆP / --format {args.format} needs --out")
    sheet: CountSheet | None = None
    try:
        profile = load_profile(args.rules)
        sheet = read_sheet(args.file, profile)
        figures = SessionFigures(members=args.members, issued=args.issued, collected=args.collected)
        result = tally(profile, figures, sheet.lines)
    except RuleError as exc:
        return _fail(_relocated(exc, sheet).message)
    if result.is_collected_inferred:
        print(_inferred_note(result.collected), file=sys.stderr)
    return _write(args, profile, result)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tinnhiem tally",
        description="Kết quả lấy phiếu tín nhiệm từ bảng số phiếu (.csv, .xlsx) / "
        "The result of a confidence vote from a spreadsheet of counts",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="bảng số phiếu / count sheet")
    parser.add_argument(
        "--rules",
        required=True,
        metavar="PROFILE",
        help="bộ quy tắc (qd96, nq96, nq85, nq35, qd96-bpt, nq96-bpt) hoặc tệp .toml",
    )
    for name, help_text in (
        ("members", "tổng số thành viên (đại biểu) / members of the body"),
        ("issued", "số phiếu phát ra / ballots issued"),
        ("collected", "số phiếu thu về / ballots collected"),
    ):
        parser.add_argument(f"--{name}", type=_whole, metavar="N", help=help_text)
    parser.add_argument("--format", choices=FORMATS, default="table")
    parser.add_argument("--out", type=Path, metavar="PATH", help="tệp kết quả / output file")
    return parser


def _whole(text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(
            f"'{text}' không phải số nguyên không âm / '{text}' is not a whole number"
        )
    return int(text)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def _relocated(exc: RuleError, sheet: CountSheet | None) -> RuleError:
    """The engine names a level key ('low'); the user wrote 'Tín nhiệm thấp'. A session figure
    is an option of this command, not a column."""
    field = exc.field
    if field is not None and exc.row is None and field in _SESSION_FIELDS:
        field = None
    elif field is not None and sheet is not None:
        field = "+".join(sheet.headers.get(part, part) for part in field.split("+"))
    if field == exc.field:
        return exc
    return type(exc)(exc.message_vi, exc.message_en, row=exc.row, field=field)


def _inferred_note(collected: int) -> str:
    return (
        f"Lưu ý: không có --collected; lấy tổng lớn nhất của một dòng ({collected}) làm số phiếu "
        f"thu về / Note: no --collected; the largest line total ({collected}) is taken as the "
        "ballots collected"
    )


def _write(args: argparse.Namespace, profile: Profile, result: TallyResult) -> int:
    if args.format in ("xlsx", "pdf"):
        try:
            data = _render(args.format, _report(args, profile, result))
        except ImportError as exc:
            return _fail(f"không xuất được {args.format} / {args.format} output unavailable: {exc}")
        args.out.write_bytes(data)
        return 0
    text = (
        json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
        if args.format == "json"
        else result_table(result)
    )
    if args.out is None:
        print(text)
    else:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


def _report(args: argparse.Namespace, profile: Profile, result: TallyResult) -> ResultsReport:
    session = SessionInfo(
        header=BodyHeader(body_name=""),
        title=args.file.stem,
        held_on=date.today(),
        venue="",
        profile=profile,
        members=args.members,
        issued=result.issued,
        collected=result.collected,
    )
    return ResultsReport(session=session, result=result)


def _render(fmt: str, report: ResultsReport) -> bytes:
    # imported here so that the table and json outputs need neither openpyxl nor reportlab
    if fmt == "xlsx":
        from tinnhiem.documents.results_xlsx import render_results_xlsx  # openpyxl

        data = render_results_xlsx(report)
    else:
        from tinnhiem.documents.results_pdf import render_results_pdf  # reportlab

        data = render_results_pdf(report)
    return data if isinstance(data, bytes) else bytes(data)


if __name__ == "__main__":
    sys.exit(main())
