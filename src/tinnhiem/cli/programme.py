"""tinnhiem programme import|report|indicators|export: a programme's tasks and targets from the
sheets offices keep, and the by-agency table at a date.

    tinnhiem programme import FILE --programme CODE [--title T] [--body NAME] [--format json]
    tinnhiem programme report CODE --as-of YYYY-MM-DD [--deadline current|original] [--format json]
    tinnhiem programme indicators FILE --programme CODE [--title T] [--format json]
    tinnhiem programme export CODE FILE.xlsx|FILE.csv

Every cell of a file is checked before anything is saved: a bad cell is exit status 2 with the
row (the header is row 1) and the column named, in Vietnamese and English. The command line acts
as the system's `cli` account (`cli.common.cli_actor`), and every change is audit-logged by the
services it calls.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tinnhiem.bilingual import BilingualError
from tinnhiem.bodies.models import Body
from tinnhiem.cli.common import UserError, cli_actor
from tinnhiem.cli.tables import aligned
from tinnhiem.programmes import exchange
from tinnhiem.programmes.models import Programme
from tinnhiem.programmes.registry import task_import
from tinnhiem.programmes.reports import agency_report_json
from tinnhiem.programmes.targets import indicator_import
from tinnhiem.sheets import read_rows
from tinnhiem.steering.errors import ValueProblem
from tinnhiem.steering.indicators import VERDICT_LABELS, Verdict
from tinnhiem.steering.sheets import read_indicators, read_tasks
from tinnhiem.steering.tasks import Basis

FORMATS = ("text", "json")
BASIS_LABELS = {
    Basis.CURRENT: ("thời hạn sau gia hạn đã được chấp thuận", "the deadline as extended"),
    Basis.ORIGINAL: ("thời hạn ban đầu của văn bản giao", "the original deadline"),
}
REPORT_HEADER = [
    "Cơ quan chủ trì",
    "Tổng số",
    "HT đúng hạn",
    "HT quá hạn",
    "Chưa HT, trong hạn",
    "Chưa HT, quá hạn",
    "Đến hạn",
    "Tỷ lệ HT (%)",
]
REPORT_FIELDS = (
    "total",
    "done_on_time",
    "done_late",
    "open_within",
    "open_overdue",
    "due",
    "due_done_rate",
)


class Command(BaseCommand):
    help = "Chương trình công tác: nhập, báo cáo, chỉ tiêu, xuất / a programme's tasks and targets"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="nhập nhiệm vụ (.csv, .xlsx) / import tasks")
        targets = sub.add_parser("indicators", help="nhập chỉ tiêu / import targets")
        for each in (load, targets):
            each.add_argument("file", metavar="FILE")
            each.add_argument("--programme", required=True, metavar="CODE")
            each.add_argument("--title", default="", help="tên chương trình / the title")
            each.add_argument(
                "--body", default="", help="cơ quan ban hành (khi có nhiều) / the issuing body"
            )
            each.add_argument("--format", choices=FORMATS, default="text")
        report = sub.add_parser("report", help="bảng theo cơ quan / the by-agency table")
        report.add_argument("code", metavar="CODE")
        report.add_argument("--as-of", required=True, metavar="YYYY-MM-DD")
        report.add_argument(
            "--deadline",
            choices=[basis.value for basis in Basis],
            default=Basis.CURRENT.value,
            help="thời hạn tính: sau gia hạn (current) hay ban đầu (original)",
        )
        report.add_argument("--format", choices=FORMATS, default="text")
        export = sub.add_parser("export", help="xuất nhiệm vụ / export tasks")
        export.add_argument("code", metavar="CODE")
        export.add_argument("file", metavar="FILE.xlsx|FILE.csv")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "import":
                text = self._import(options)
            elif action == "indicators":
                text = self._indicators(options)
            elif action == "report":
                text = self._report(options)
            else:
                text = self._export(options)
        except BilingualError as exc:
            raise UserError(exc) from exc
        self.stdout.write(text)

    def _import(self, options: dict[str, Any]) -> str:
        rows = read_tasks(read_rows(Path(options["file"]), ValueProblem))
        summary = task_import(
            actor=cli_actor(),
            code=options["programme"],
            rows=rows,
            title=options["title"],
            body=_body(options["body"]),
        )
        if options["format"] == "json":
            return _json(summary.as_dict())
        return (
            f"Chương trình {summary.programme}"
            f"{' (mới / new)' if summary.is_new_programme else ''}: "
            f"thêm {summary.created}, cập nhật {summary.updated}, không đổi {summary.unchanged} / "
            f"created {summary.created}, updated {summary.updated}, "
            f"unchanged {summary.unchanged}"
        )

    def _indicators(self, options: dict[str, Any]) -> str:
        rows = read_indicators(read_rows(Path(options["file"]), ValueProblem))
        found = indicator_import(
            actor=cli_actor(),
            code=options["programme"],
            rows=rows,
            title=options["title"],
            body=_body(options["body"]),
        )
        data = [assessment.as_dict() for assessment in found]
        if options["format"] == "json":
            return _json({"indicators": data})
        table = [["Chỉ tiêu", "Kỳ", "Kế hoạch", "Thực hiện", "% kế hoạch", "Đánh giá"]]
        for row in data:
            label = VERDICT_LABELS[Verdict(str(row["verdict"]))]
            table.append(
                [
                    str(row["indicator"]),
                    str(row["period"]),
                    _number(row["plan"]),
                    _number(row["actual"]),
                    "—" if row["percent"] is None else str(row["percent"]).replace(".", ","),
                    f"{label[0]} ({label[1]})",
                ]
            )
        return "\n".join(aligned(table, numeric={2, 3, 4}))

    def _report(self, options: dict[str, Any]) -> str:
        programme = _programme(options["code"])
        as_of = _date(options["as_of"])
        basis = Basis(options["deadline"])
        data = agency_report_json(programme, as_of, basis)
        if options["format"] == "json":
            return _json(data)
        vi, en = BASIS_LABELS[basis]
        table = [REPORT_HEADER]
        for row in [*data["agencies"], data["total"]]:
            table.append([str(row["agency"]), *(_cell(row[name]) for name in REPORT_FIELDS)])
        return "\n".join(
            [
                f"Chương trình {programme.code}: {programme.title}",
                f"Số liệu đến ngày {as_of:%d/%m/%Y}; tính theo {vi} / as of {as_of}, "
                f"counted against {en}",
                "",
                *aligned(table, numeric=set(range(1, len(REPORT_HEADER)))),
            ]
        )

    def _export(self, options: dict[str, Any]) -> str:
        programme = _programme(options["code"])
        path = Path(options["file"])
        suffix = path.suffix.lower()
        if suffix == ".csv":
            content = exchange.export_csv(programme)
        elif suffix == ".xlsx":
            content = exchange.export_xlsx(programme)
        else:
            raise UserError(
                f"Tệp '{path.name}' phải là .xlsx hoặc .csv / "
                f"File '{path.name}' must be an .xlsx or a .csv"
            )
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise UserError(
                f"Không ghi được tệp '{path}' ({exc.strerror}) / "
                f"Cannot write file '{path}' ({exc.strerror})"
            ) from exc
        return f"{path} ({programme.tasks.count()} nhiệm vụ / tasks)"


def _programme(code: str) -> Programme:
    programme = Programme.objects.filter(code=code.strip()).first()
    if programme is None:
        raise UserError(f"Không có chương trình '{code}' / No programme '{code}'")
    return programme


def _body(name: str) -> Body | None:
    if not name:
        return None
    body = Body.objects.filter(name=name.strip()).first()
    if body is None:
        raise UserError(f"Không có cơ quan '{name}' / No body '{name}'")
    return body


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UserError(
            f"--as-of: '{text}' không phải ngày dạng YYYY-MM-DD / "
            f"'{text}' is not a date written YYYY-MM-DD"
        ) from exc


def _cell(value: object) -> str:
    if value is None:
        return "—"
    return str(value).replace(".", ",") if isinstance(value, str) else str(value)


def _number(value: object) -> str:
    return str(value).replace(".", ",")


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
