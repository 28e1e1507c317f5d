"""`tinnhiem programme import|report|indicators|export`: the command-line contract of issue 12.

The status rules at each boundary run the command in this process against the test database
(`call_command` with the command itself: the same parser, the same exit status 2); the contract
as a user meets it (files on disk, a real process, JSON on stdout) runs as a real process at the
end (tests/cli/conftest.py)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from openpyxl import load_workbook
from tests.cli.conftest import run

from tinnhiem.audit.models import AuditEvent
from tinnhiem.cli.common import cli_actor
from tinnhiem.cli.programme import Command
from tinnhiem.programmes.models import Extension, Indicator, Programme, Task
from tinnhiem.programmes.workflow import extension_approve

VI = ["Mã", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Ngày hoàn thành",
      "Lãnh đạo phụ trách"]  # fmt: skip
EN = ["code", "title", "lead", "partners", "deadline", "completed", "leader"]
AGENCY_KEYS = ["agency", "total", "done_on_time", "done_late", "open_within", "open_overdue",
               "due", "due_done_rate"]  # fmt: skip
CODE = "01-CTr/TU"


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def programme(*args: str) -> str:
    out = io.StringIO()
    call_command(Command(), *args, stdout=out)
    return out.getvalue()


def refused(*args: str) -> str:
    with pytest.raises(CommandError) as caught:
        programme(*args)
    assert caught.value.returncode == 2
    return str(caught.value)


def load(tmp_path: Path, rows: list[list[str]], header: list[str] = VI) -> dict[str, Any]:
    file = write_csv(tmp_path / "tasks.csv", [header, *rows])
    return json.loads(programme("import", str(file), "--programme", CODE, "--format", "json"))


def report(as_of: str, *extra: str) -> dict[str, Any]:
    return json.loads(programme("report", CODE, "--as-of", as_of, "--format", "json", *extra))


def one(deadline: str, completed: str = "") -> list[str]:
    return ["A1", "Đề án", "Ban Tổ chức", "", deadline, completed, ""]


def state_on(tmp_path: Path, deadline: str, completed: str, as_of: str) -> dict[str, Any]:
    load(tmp_path, [one(deadline, completed)])
    (row,) = report(as_of)["agencies"]
    return {key: value for key, value in row.items() if value and key != "agency"}


# the status rules, at every boundary


def test_completed_on_the_deadline_is_on_time(db: Any, tmp_path: Path) -> None:
    assert state_on(tmp_path, "30/06/2022", "30/06/2022", "2022-12-31") == {
        "total": 1, "done_on_time": 1, "due": 1, "due_done_rate": "100.00"
    }  # fmt: skip


def test_completed_the_day_after_the_deadline_is_late(db: Any, tmp_path: Path) -> None:
    assert state_on(tmp_path, "30/06/2022", "01/07/2022", "2022-12-31") == {
        "total": 1, "done_late": 1, "due": 1, "due_done_rate": "100.00"
    }  # fmt: skip


def test_a_deadline_on_the_as_of_date_is_due_but_not_overdue(db: Any, tmp_path: Path) -> None:
    assert state_on(tmp_path, "2022-06-30", "", "2022-06-30") == {
        "total": 1, "open_within": 1, "due": 1, "due_done_rate": "0.00"
    }  # fmt: skip
    (row,) = report("2022-07-01")["agencies"]
    assert (row["open_within"], row["open_overdue"], row["due"]) == (0, 1, 1)


def test_a_task_completed_after_the_as_of_date_is_open_then(db: Any, tmp_path: Path) -> None:
    assert state_on(tmp_path, "30/06/2022", "15/06/2022", "2022-06-14") == {
        "total": 1, "open_within": 1
    }  # fmt: skip
    (row,) = report("2022-06-15")["agencies"]
    assert row["done_on_time"] == 1 and row["due"] == 0 and row["due_done_rate"] is None


def test_a_routine_task_is_never_overdue_nor_due(db: Any, tmp_path: Path) -> None:
    assert state_on(tmp_path, "Thường xuyên", "", "2030-12-31") == {"total": 1, "open_within": 1}
    assert report("2030-12-31")["total"]["due_done_rate"] is None


def test_a_routine_task_done_is_on_time(db: Any, tmp_path: Path) -> None:
    assert state_on(tmp_path, "thường xuyên", "2022-12-20", "2022-12-31") == {
        "total": 1, "done_on_time": 1
    }  # fmt: skip


def test_an_approved_extension_moves_the_deadline_counted(db: Any, tmp_path: Path) -> None:
    load(tmp_path, [one("30/06/2022", "15/09/2022")])
    extension_approve(
        actor=cli_actor(),
        task=Task.objects.get(),
        new_deadline=date(2022, 9, 30),
        document="Công văn 123-CV/VPTU",
    )
    # approved on 1 July 2022 (a report counts the extensions approved by its date)
    Extension.objects.update(approved_at=timezone.make_aware(datetime(2022, 7, 1, 9)))
    (before,) = report("2022-06-30")["agencies"]  # not yet approved then: the first deadline
    assert (before["open_overdue"], before["due"]) == (0, 1)
    (current,) = report("2022-12-31")["agencies"]
    (original,) = report("2022-12-31", "--deadline", "original")["agencies"]
    assert (current["done_on_time"], current["done_late"]) == (1, 0)
    assert (original["done_on_time"], original["done_late"]) == (0, 1)
    # open and past the original deadline, within the extended one: overdue only by the first
    load(tmp_path, [one("30/06/2022")])
    (current,) = report("2022-08-01")["agencies"]
    (original,) = report("2022-08-01", "--deadline", "original")["agencies"]
    assert (current["open_within"], current["due"]) == (1, 0)
    assert (original["open_overdue"], original["due"]) == (1, 1)


def test_the_report_json_has_exactly_the_contract_keys(db: Any, tmp_path: Path) -> None:
    load(
        tmp_path,
        [
            ["DA01", "Nâng cao chất lượng", "Ban Tổ chức", "Văn phòng", "30/06/2022",
             "15/06/2022", "Phó Bí thư"],
            ["DA02", "Sàng lọc", "Ban Tổ chức", "", "30/06/2022", "01/07/2022", ""],
            ["DA03", "Một cửa", "Văn phòng", "Ban Tổ chức", "Thường xuyên", "", ""],
            ["DA04", "Quy chế", "Văn phòng", "", "31/12/2022", "", ""],
            ["DA05", "Chuyên đề", "Văn phòng", "", "30/09/2022", "", ""],
        ],
    )  # fmt: skip
    data = report("2022-12-31")
    assert list(data) == ["programme", "as_of", "agencies", "total"]
    assert (data["programme"], data["as_of"]) == (CODE, "2022-12-31")
    assert [list(row) for row in data["agencies"]] == [AGENCY_KEYS, AGENCY_KEYS]
    assert list(data["total"]) == AGENCY_KEYS
    organisation, office = data["agencies"]
    assert organisation["agency"] == "Ban Tổ chức" and office["agency"] == "Văn phòng"
    assert office == office | {"total": 3, "open_within": 2, "open_overdue": 1, "due": 2}
    # due: DA01, DA02, DA05 and DA04 (its deadline is the as-of date), done by then: 2 of 4
    total = data["total"]
    assert (total["total"], total["due"], total["due_done_rate"]) == (5, 4, "50.00")


def test_the_rate_is_rounded_half_up(db: Any, tmp_path: Path) -> None:
    rows = [[f"T{i}", "Việc", "Sở Nội vụ", "", "31/01/2022", "31/01/2022" if i < 2 else "", ""]
            for i in range(3)]  # fmt: skip
    load(tmp_path, rows)
    assert report("2022-12-31")["total"]["due_done_rate"] == "66.67"  # 2/3 = 66.666…


def test_the_text_report_says_which_deadline_counts(db: Any, tmp_path: Path) -> None:
    load(tmp_path, [one("30/06/2022", "15/06/2022")])
    text = programme("report", CODE, "--as-of", "2022-12-31")
    assert "thời hạn sau gia hạn" in text and "Ban Tổ chức" in text and "100,00" in text
    assert "thời hạn ban đầu" in programme(
        "report", CODE, "--as-of", "2022-12-31", "--deadline", "original"
    )


# importing: English headers, updates by code, bad rows


def test_english_headers_create_the_programme(db: Any, tmp_path: Path) -> None:
    summary = load(tmp_path, [one("2022-06-30", "2022-06-15")], header=EN)
    assert summary == {
        "programme": CODE, "created": 1, "updated": 0, "unchanged": 0, "new_programme": True
    }  # fmt: skip
    assert Programme.objects.get().code == CODE
    assert AuditEvent.objects.filter(action="programme.import", actor="cli").exists()


def test_a_second_import_updates_by_code_never_duplicates(db: Any, tmp_path: Path) -> None:
    load(tmp_path, [one("30/06/2022"), ["A2", "Khác", "Văn phòng", "", "31/12/2022", "", ""]])
    summary = load(tmp_path, [one("30/06/2022", "20/06/2022"), ["A3", "Mới", "Văn phòng", "",
                                                                 "Thường xuyên", "", ""]])  # fmt: skip
    assert (summary["created"], summary["updated"], summary["new_programme"]) == (1, 1, False)
    assert sorted(Task.objects.values_list("code", flat=True)) == ["A1", "A2", "A3"]
    assert Task.objects.get(code="A1").completed_on == date(2022, 6, 20)


@pytest.mark.parametrize(
    ("bad", "row", "column"),
    [
        (["A9", "Việc", "Sở Tư pháp", "", "31/02/2022", "", ""], 3, "Thời hạn"),
        (["A9", "Việc", "Sở Tư pháp", "", "30/06/2022", "hôm qua", ""], 3, "Ngày hoàn thành"),
        (["A9", "Việc", "", "", "30/06/2022", "", ""], 3, "Cơ quan chủ trì"),
        (["A1", "Trùng mã", "Sở Tư pháp", "", "30/06/2022", "", ""], 3, "Mã"),
    ],
)
def test_a_bad_cell_names_row_and_column_and_saves_nothing(
    db: Any, tmp_path: Path, bad: list[str], row: int, column: str
) -> None:
    file = write_csv(tmp_path / "bad.csv", [VI, one("30/06/2022"), bad])
    message = refused("import", str(file), "--programme", CODE)
    assert f"Dòng {row}, cột '{column}'" in message and f"Row {row}, column '{column}'" in message
    assert not Programme.objects.exists() and not Task.objects.exists()


def test_a_bad_file_leaves_an_existing_programme_as_it_was(db: Any, tmp_path: Path) -> None:
    load(tmp_path, [one("30/06/2022")])
    file = write_csv(tmp_path / "bad.csv", [VI, one("30/06/2022", "15/06/2022"),
                                            ["B1", "Việc", "Sở", "", "mai", "", ""]])  # fmt: skip
    assert "Dòng 3" in refused("import", str(file), "--programme", CODE)
    assert Task.objects.get().completed_on is None and Task.objects.count() == 1


def test_missing_files_and_programmes_are_refused(db: Any, tmp_path: Path) -> None:
    assert "không tìm thấy tệp" in refused("import", str(tmp_path / "no.csv"), "--programme", "X")
    assert "No programme 'X'" in refused("report", "X", "--as-of", "2022-01-01")
    load(tmp_path, [one("30/06/2022")])
    assert "YYYY-MM-DD" in refused("report", CODE, "--as-of", "31/12/2022")
    assert ".xlsx" in refused("export", CODE, str(tmp_path / "tasks.pdf"))


# the round trip


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_export_then_import_changes_nothing(db: Any, tmp_path: Path, suffix: str) -> None:
    load(
        tmp_path,
        [
            ["DA01", "=Đề án có dấu bằng", "Ban Tổ chức", "Văn phòng; Ban Tuyên giáo",
             "30/06/2022", "15/06/2022", "Phó Bí thư"],
            ["007", "Mã số có số 0", "Văn phòng", "", "Thường xuyên", "", ""],
        ],
    )  # fmt: skip
    before = list(Task.objects.order_by("code").values())
    out = tmp_path / f"tasks.{suffix}"
    programme("export", CODE, str(out))
    if suffix == "xlsx":
        sheet = load_workbook(out).active
        header = [cell.value for cell in sheet[1]]
    else:
        header = out.read_text("utf-8-sig").splitlines()[0].split(",")
    assert header == VI
    again = json.loads(programme("import", str(out), "--programme", CODE, "--format", "json"))
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert list(Task.objects.order_by("code").values()) == before
    assert Task.objects.get(code="DA01").title == "=Đề án có dấu bằng"


# targets


INDICATOR_HEADER = ["Chỉ tiêu", "Đơn vị tính", "Kỳ", "Kế hoạch", "Thực hiện", "Chiều"]


def indicators(tmp_path: Path, rows: list[list[str]]) -> dict[str, Any]:
    file = write_csv(tmp_path / "targets.csv", [INDICATOR_HEADER, *rows])
    return json.loads(programme("indicators", str(file), "--programme", CODE, "--format", "json"))


def test_indicators_json_shape_and_verdicts(db: Any, tmp_path: Path) -> None:
    data = indicators(
        tmp_path,
        [
            ["Kết nạp đảng viên mới", "đảng viên", "2022", "9290", "10100", ""],
            ["Tỷ lệ hồ sơ trực tuyến", "%", "2022", "97,5", "97,5", "không thấp hơn"],
            ["Nhiệm vụ quá hạn", "nhiệm vụ", "2022", "0", "2", "không vượt quá"],
            ["Tổ chức đảng mới", "tổ chức", "2022", "100", "99,995", "at_least"],
        ],
    )
    assert list(data) == ["indicators"]
    assert [list(row) for row in data["indicators"]] == [
        ["indicator", "period", "plan", "actual", "percent", "verdict"]
    ] * 4
    first, second, third, fourth = data["indicators"]
    assert first == {"indicator": "Kết nạp đảng viên mới", "period": "2022", "plan": 9290,
                     "actual": 10100, "percent": "108.72", "verdict": "exceeded"}  # fmt: skip
    assert (second["plan"], second["percent"], second["verdict"]) == (97.5, "100.00", "met")
    assert (third["percent"], third["verdict"]) == (None, "not_met")
    # 99.995 % rounds half up to 100.00, but the exact value is below plan
    assert (fourth["percent"], fourth["verdict"]) == ("100.00", "not_met")


def test_indicators_update_by_name_and_period(db: Any, tmp_path: Path) -> None:
    indicators(tmp_path, [["Kết nạp đảng viên mới", "đảng viên", "2022", "9290", "9000", ""]])
    data = indicators(tmp_path, [["Kết nạp đảng viên mới", "đảng viên", "2022", "9290", "10100",
                                  ""]])  # fmt: skip
    assert data["indicators"][0]["verdict"] == "exceeded" and Indicator.objects.count() == 1


def test_an_indicator_that_is_not_a_number_names_the_row(db: Any, tmp_path: Path) -> None:
    file = write_csv(tmp_path / "targets.csv", [INDICATOR_HEADER,
                     ["Kết nạp", "đảng viên", "2022", "9290", "10100", ""],
                     ["Tổ chức đảng", "tổ chức", "2022", "nhiều", "5", ""]])  # fmt: skip
    message = refused("indicators", str(file), "--programme", CODE)
    assert "Dòng 3, cột 'Kế hoạch'" in message and "Row 3, column 'Kế hoạch'" in message
    assert not Indicator.objects.exists() and not Programme.objects.exists()


def test_indicators_as_a_text_table(db: Any, tmp_path: Path) -> None:
    file = write_csv(tmp_path / "targets.csv", [INDICATOR_HEADER,
                     ["Kết nạp đảng viên mới", "đảng viên", "2022", "9290", "10100", ""]])  # fmt: skip
    text = programme("indicators", str(file), "--programme", CODE)
    assert "108,72" in text and "Vượt (Exceeded)" in text


# the contract as a user meets it: a real process


def test_the_command_line_as_a_process(env: dict[str, str], tmp_path: Path) -> None:
    tasks = write_csv(tmp_path / "tasks.csv", [EN, one("30/06/2022", "30/06/2022")])
    done = run(["programme", "import", str(tasks), "--programme", "P-1", "--format", "json"], env)
    assert json.loads(done.stdout)["created"] == 1
    done = run(["programme", "report", "P-1", "--as-of", "2022-06-30", "--format", "json"], env)
    assert json.loads(done.stdout)["total"]["done_on_time"] == 1
    bad = write_csv(tmp_path / "bad.csv", [EN, ["B", "Việc", "Sở", "", "2022-13-01", "", ""]])
    done = run(["programme", "import", str(bad), "--programme", "P-2"], env, expect=2)
    assert "Row 2, column 'deadline'" in done.stderr and "Traceback" not in done.stderr
    out = tmp_path / "out.xlsx"
    run(["programme", "export", "P-1", str(out)], env)
    done = run(["programme", "import", str(out), "--programme", "P-1", "--format", "json"], env)
    assert json.loads(done.stdout) | {"new_programme": False} == json.loads(done.stdout)
    assert json.loads(done.stdout)["unchanged"] == 1
    assert "programme" in run(["--help"], env).stdout
