"""The `tinnhiem` command: one table of its commands, and the dispatch.

A command without a database is a module of this package with `main(argv) -> int`; it loads
neither Django nor anything the command does not need. A database command is a module with a
Django `Command`, run after `database.setup()` against $TINNHIEM_HOME or DATABASE_URL. To add a
command: write its module here and give it a row of COMMANDS.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    module: str
    help_vi: str
    help_en: str
    needs_database: bool


COMMANDS: dict[str, Entry] = {
    "tally": Entry(
        "tinnhiem.cli.tally",
        "kết quả từ bảng số phiếu",
        "results from a count sheet (.csv, .xlsx)",
        needs_database=False,
    ),
    "grade": Entry(
        "tinnhiem.cli.grade",
        "xếp loại từ bảng điểm",
        "grades from a score sheet (.csv, .xlsx)",
        needs_database=False,
    ),
    "verify": Entry(
        "tinnhiem.cli.verify",
        "kiểm tra hồ sơ bỏ phiếu điện tử",
        "verify an e-vote record and receipts",
        needs_database=False,
    ),
    "trustee": Entry(
        "tinnhiem.cli.trustee",
        "khóa và giải mã của Ban kiểm phiếu",
        "a trustee's keys and decryption, offline",
        needs_database=False,
    ),
    "evote-simulate": Entry(
        "tinnhiem.cli.evote_simulate",
        "mô phỏng một phiên bỏ phiếu điện tử",
        "a whole e-vote simulated, its record written",
        needs_database=False,
    ),
    "session": Entry(
        "tinnhiem.cli.session",
        "tạo đợt lấy phiếu từ danh sách",
        "create a session from roster files",
        needs_database=True,
    ),
    "ballots": Entry(
        "tinnhiem.cli.ballots",
        "in phiếu của một đợt",
        "print a session's ballots (PDF)",
        needs_database=True,
    ),
    "count": Entry(
        "tinnhiem.cli.count",
        "nhập bảng kiểm phiếu, kết thúc kiểm phiếu",
        "enter a tally sheet, close the count",
        needs_database=True,
    ),
    "scan": Entry(
        "tinnhiem.cli.scan",
        "đọc phiếu đã quét vào một đợt",
        "read scanned ballots into a session",
        needs_database=True,
    ),
    "results": Entry(
        "tinnhiem.cli.results",
        "kết quả của một đợt",
        "a session's results (table, json, xlsx, pdf, docx)",
        needs_database=True,
    ),
    "minutes": Entry(
        "tinnhiem.cli.minutes",
        "biên bản kiểm phiếu",
        "a session's counting minutes (PDF, DOCX)",
        needs_database=True,
    ),
    "audit": Entry(
        "tinnhiem.cli.audit",
        "kiểm tra nhật ký",
        "verify the audit log",
        needs_database=True,
    ),
    "reminders": Entry(
        "tinnhiem.cli.reminders",
        "nhắc người chậm đánh giá tháng",
        "monthly evaluation: who is late; reminders",
        needs_database=True,
    ),
    "programme": Entry(
        "tinnhiem.cli.programme",
        "chương trình công tác: nhập, báo cáo, chỉ tiêu, xuất",
        "a programme's tasks and targets: import, report, indicators, export",
        needs_database=True,
    ),
    "demo": Entry(
        "tinnhiem.cli.demo",
        "nạp dữ liệu mẫu",
        "load the demo: council, evaluations, an open e-vote",
        needs_database=True,
    ),
    "manage": Entry(
        "tinnhiem.cli.manage",
        "lệnh quản trị của Django",
        "any Django command (migrate, createsuperuser, ...)",
        needs_database=True,
    ),
}


def usage() -> str:
    def rows(needs_database: bool) -> list[str]:
        return [
            f"  {name:15} {entry.help_vi} / {entry.help_en}"
            for name, entry in COMMANDS.items()
            if entry.needs_database is needs_database
        ]

    return "\n".join(
        [
            "usage: tinnhiem COMMAND [ARGUMENTS]",
            "       tinnhiem COMMAND --help  (các tùy chọn của lệnh / the command's options)",
            "",
            "Không cần cơ sở dữ liệu / without a database:",
            *rows(False),
            "",
            "Với cơ sở dữ liệu / with the database ($TINNHIEM_HOME or DATABASE_URL):",
            *rows(True),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0 if args else 2
    name, rest = args[0], args[1:]
    entry = COMMANDS.get(name)
    if entry is None:
        print(
            f"tinnhiem: lệnh '{name}' không có / unknown command '{name}'\n\n{usage()}",
            file=sys.stderr,
        )
        return 2
    if entry.needs_database:
        # loads Django, which the commands without a database never import
        from tinnhiem.cli import database

        return database.run(name, entry.module, rest)
    module = importlib.import_module(entry.module)
    return int(module.main(rest))


if __name__ == "__main__":
    sys.exit(main())
