"""`tinnhiem grade`: from a score sheet to grades, quotas and reasons, with no database."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from tinnhiem.cli.grade import main

HANOI_HEADER = "name,unit,discipline,performance,bonus"
HANOI_ROWS = [
    ("Nguyễn Văn An", "Phòng Tổng hợp", 20, 70, 5),
    ("Trần Thị Bình", "Phòng Tổng hợp", 20, 68, 4),
    ("Lê Văn Cường", "Phòng Tổng hợp", 19, 66, 3),
    ("Phạm Thị Dung", "Phòng Tổng hợp", 18, 60, 0),
    ("Hoàng Văn Em", "Phòng Tổng hợp", 15, 40, ""),
    ("Vũ Thị Giang", "Phòng Tổng hợp", 17, 50, 1),
    ("Đặng Văn Hùng", "Phòng Tổng hợp", 18, 55, 2),
    ("Bùi Thị Lan", "Phòng Tổng hợp", 16, 45, 0),
    ("Đỗ Văn Minh", "Phòng Tổng hợp", 20, 62, 8),
    ("Ngô Thị Nga", "Phòng Tổng hợp", 14, 30, 0),
]
VIETNAMESE = ["STT", "Họ và tên", "Đơn vị", "Kỷ luật", "Thực hiện nhiệm vụ", "Điểm thưởng"]
COMMAND = "import sys; from tinnhiem.cli.grade import main; sys.exit(main())"


def csv_file(
    tmp_path: Path,
    rows: Sequence[Sequence[object]] = HANOI_ROWS,
    header: str = HANOI_HEADER,
    name: str = "scores.csv",
) -> Path:
    path = tmp_path / name
    lines = [header, *(",".join(str(cell) for cell in row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def xlsx_file(tmp_path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    path = tmp_path / "scores.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main([*args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def failing(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


def check_hanoi(data: dict[str, Any]) -> None:
    assert data["scheme"] == "hanoi"
    people = data["people"]
    assert [set(p) for p in people] == [{"name", "unit", "total", "grade", "quota", "reason"}] * 10
    assert [(p["total"], p["grade"], p["quota"]) for p in people[:3]] == [
        ("95.00", "A", "ok"),
        ("92.00", "A", "ok"),
        ("88.00", "B", "ok"),
    ]
    assert people[4]["total"] == "55.00"  # the blank bonus is 0
    assert people[8]["total"] == "90.00" and people[8]["grade"] == "A"
    assert data["quota_use"]["A"][0]["allowed"] == 3
    assert people[0]["reason"]["en"].startswith("Total 95.00 points: grade A")


def test_json_from_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check_hanoi(run_json(capsys, str(csv_file(tmp_path)), "--scheme", "hanoi"))


def test_json_from_xlsx_with_vietnamese_headers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [(n, *row) for n, row in enumerate(HANOI_ROWS, start=1)]
    path = xlsx_file(tmp_path, VIETNAMESE, rows)
    check_hanoi(run_json(capsys, str(path), "--scheme", "hanoi"))


def test_headers_without_accents_in_any_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = "HO VA TEN;don vi;Ky  luat;thuc hien nhiem vu;DIEM THUONG"
    rows = [";".join(str(c) for c in row) for row in HANOI_ROWS]
    path = tmp_path / "semicolons.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    check_hanoi(run_json(capsys, str(path), "--scheme", "hanoi"))


def test_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [*HANOI_ROWS[:3], ("Mai Văn Phúc", "Phòng Tổng hợp", 20, 70, 1)]
    assert main([str(csv_file(tmp_path, rows)), "--scheme", "hanoi"]) == 0
    out = capsys.readouterr().out
    assert "Họ và tên" in out and "Tổng điểm" in out and "Xếp loại" in out
    assert "hạ từ A (demoted)" in out
    assert "Hạn mức / Quotas:" in out
    assert "- Loại A, đơn vị Phòng Tổng hợp: 3 đạt, 1 chỗ (30% của 4); giữ 1, hạ 2" in out
    assert "Demoted to grade B: over the cap on grade A in unit Phòng Tổng hợp" in out


def test_outstanding_units(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [(f"P{i}", "Phòng A", 20, 70, 10 - i) for i in range(4)]
    rows += [(f"Q{i}", "Phòng A", 15, 55, 0) for i in range(6)]
    path = csv_file(tmp_path, rows)
    plain = run_json(capsys, str(path), "--scheme", "hanoi")
    assert [p["quota"] for p in plain["people"][:4]] == ["ok", "ok", "ok", "demoted"]
    wider = run_json(capsys, str(path), "--scheme", "hanoi", "--outstanding-units", "Phòng A")
    assert [p["quota"] for p in wider["people"][:4]] == ["ok"] * 4
    assert wider["quota_use"]["A"][0]["cap"] == "40%"


def test_a_tie_is_flagged_and_keep_decides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [("Hai", "P", 20, 70, 5), ("Ba", "P", 20, 70, 2), ("Bon", "P", 20, 70, 2)]
    rows += [(f"Q{i}", "P", 15, 55, 0) for i in range(4)]  # 7 graded: 2 places
    path = csv_file(tmp_path, rows)
    assert main([str(path), "--scheme", "hanoi", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "need a decision (--keep)" in captured.err
    data = json.loads(captured.out)
    assert [p["quota"] for p in data["people"][:3]] == ["ok", "flagged", "flagged"]
    decided = run_json(capsys, str(path), "--scheme", "hanoi", "--keep", "Bon")
    assert [(p["grade"], p["quota"]) for p in decided["people"][:3]] == [
        ("A", "ok"),
        ("B", "demoted"),
        ("A", "ok"),
    ]
    same = run_json(capsys, str(path), "--scheme", "hanoi", "--keep", "P/Bon")
    assert same["people"] == decided["people"]
    err = failing(capsys, str(path), "--scheme", "hanoi", "--keep", "Nobody")
    assert "--keep 'Nobody'" in err and "nobody" in err


def test_the_national_scheme_with_conditions_facts_and_groups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = "name,unit,group,general,tasks,on_time,beyond_share,disqualified"
    rows = [
        ("An", "Sở Nội vụ", "Chuyên viên", 30, 68, "có", "40%", ""),
        ("Bình", "Sở Nội vụ", "Chuyên viên", 30, 67, "không", "0.5", ""),
        ("Chi", "Sở Nội vụ", "Chuyên viên", 29, 66, "x", '"0,2"', "không"),
        ("Dũng", "Sở Nội vụ", "Chuyên viên", 30, 70, "yes", "1/2", "discipline; corruption"),
        ("Em", "Sở Nội vụ", "Chuyên viên", 25, 55, "", "", ""),
        ("Hà", "Sở Nội vụ", "Chuyên viên", 20, 50, "", "", ""),
        ("Giang", "Sở Nội vụ", "Lãnh đạo", 30, 65, 1, "0.3", ""),
    ]
    data = run_json(capsys, str(csv_file(tmp_path, rows, header)), "--scheme", "national")
    people = {p["name"]: p for p in data["people"]}
    assert (people["An"]["grade"], people["An"]["quota"]) == ("excellent", "ok")
    assert people["Bình"]["grade"] == "good"
    assert "all tasks done on time" in people["Bình"]["reason"]["en"]
    assert people["Chi"]["grade"] == "good"
    assert people["Dũng"]["grade"] == "not_completed"
    assert "corruption in the unit" in people["Dũng"]["reason"]["en"]
    # "Lãnh đạo" is a group of its own: 1 good or better, 20 % of it is 0 places
    assert (people["Giang"]["grade"], people["Giang"]["quota"]) == ("good", "demoted")
    groups = {(u["group"], u["base"], u["allowed"]) for u in data["quota_use"]["excellent"]}
    assert groups == {("Chuyên viên", 5, 1), ("Lãnh đạo", 1, 0)}


def test_party_members_with_proposed_grades(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [("A", "Chi bộ 1", "HTXSNV"), ("B", "Chi bộ 1", "Hoàn thành tốt nhiệm vụ")]
    rows += [(f"C{i}", "Chi bộ 1", "good") for i in range(3)]
    path = csv_file(tmp_path, rows, "Họ và tên,Chi bộ,Xếp loại")
    data = run_json(capsys, str(path), "--scheme", "party-member")
    assert [p["grade"] for p in data["people"]] == ["excellent", "good", "good", "good", "good"]
    assert data["people"][0]["total"] is None  # 1 place = 20 % of the 5 good or better


def test_a_custom_scheme_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scheme = tmp_path / "mine.toml"
    scheme.write_text(
        'key = "mine"\ntitle_vi = "Của tôi"\n[[criteria]]\nkey = "work"\nlabel_vi = "Công việc"\n'
        'max = 10\n[[bands]]\nkey = "pass"\nlabel_vi = "Đạt"\nat_least = 5\n'
        '[[bands]]\nkey = "fail"\nlabel_vi = "Không đạt"\nat_least = 0\n',
        encoding="utf-8",
    )
    path = csv_file(tmp_path, [("A", "U", "5"), ("B", "U", "4.99")], "name,unit,Công việc")
    data = run_json(capsys, str(path), "--scheme", str(scheme))
    assert [(p["total"], p["grade"]) for p in data["people"]] == [
        ("5.00", "pass"),
        ("4.99", "fail"),
    ]
    assert data["quota_use"] == {}


@pytest.mark.parametrize(
    ("row", "where_vi", "where_en", "words"),
    [
        (("X", "P", "abc", 70, 0), "Dòng 3, cột 'discipline'", "Row 3, column 'discipline'", "'abc' is not a number"),
        (("X", "P", 20, 71, 0), "Dòng 3, cột 'performance'", "Row 3, column 'performance'", "above the maximum of 70"),
        (("X", "P", -1, 70, 0), "Dòng 3, cột 'discipline'", "Row 3, column 'discipline'", "negative"),
        (("X", "P", 20, "", 0), "Dòng 3, cột 'performance'", "Row 3, column 'performance'", "the cell is empty"),
        (("X", "P", 20, 70, "11"), "Dòng 3, cột 'bonus'", "Row 3, column 'bonus'", "maximum of 10"),
        (("X", "P", 20, "1e3", 0), "Dòng 3, cột 'performance'", "Row 3, column 'performance'", "'1e3' is not"),
        (("", "P", 20, 70, 0), "Dòng 3, cột 'name'", "Row 3, column 'name'", "the name is missing"),
        (("X", "", 20, 70, 0), "Dòng 3, cột 'unit'", "Row 3, column 'unit'", "the unit is missing"),
    ],
)  # fmt: skip
def test_a_broken_row_exits_2_naming_row_and_column(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    row: tuple[object, ...],
    where_vi: str,
    where_en: str,
    words: str,
) -> None:
    path = csv_file(tmp_path, [HANOI_ROWS[0], row])
    err = failing(capsys, str(path), "--scheme", "hanoi")
    assert where_vi in err and where_en in err and words in err


def test_errors_name_the_column_as_written_in_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [(1, "A", "P", 20, 75, 0)]
    path = xlsx_file(tmp_path, VIETNAMESE, rows)
    err = failing(capsys, str(path), "--scheme", "hanoi")
    assert "Dòng 2, cột 'Thực hiện nhiệm vụ'" in err and "Row 2, column 'Thực hiện nhiệm vụ'" in err


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("name,unit,discipline,bonus", "'performance'"),
        ("unit,discipline,performance", "'name'"),
        ("name,discipline,performance", "'unit'"),
    ],
)
def test_a_missing_column_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, missing: str
) -> None:
    path = csv_file(tmp_path, [], header)
    err = failing(capsys, str(path), "--scheme", "hanoi")
    assert "Dòng 1" in err and "Row 1" in err and f"has no column {missing}" in err


def test_national_needs_the_group_and_condition_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file(tmp_path, [("A", "U", 30, 60)], "name,unit,general,tasks")
    assert "has no column 'group'" in failing(capsys, str(path), "--scheme", "national")
    header = "name,unit,group,general,tasks,on_time,beyond_share"
    path = csv_file(tmp_path, [("A", "U", "G", 30, 60, "maybe", "0.3")], header)
    err = failing(capsys, str(path), "--scheme", "national")
    assert "Row 2, column 'on_time': 'maybe' is not yes or no" in err
    path = csv_file(tmp_path, [("A", "U", "G", 30, 60, "yes", "35")], header)
    err = failing(capsys, str(path), "--scheme", "national")
    assert "column 'beyond_share': '35' is not a share" in err
    header += ",disqualified"
    path = csv_file(tmp_path, [("A", "U", "G", 30, 60, "yes", "0.3", "theft")], header)
    err = failing(capsys, str(path), "--scheme", "national")
    assert "column 'disqualified': no disqualifying fact 'theft'" in err


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--scheme", "hcmc"], "no evaluation scheme 'hcmc'"),
        (["--scheme", "hanoi", "--outstanding-units", "Phòng X"], "unit Phòng X is not among"),
        (["--scheme", "national", "--outstanding-units", "P"], "has no column 'group'"),
    ],
)
def test_bad_options_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    assert words in failing(capsys, str(csv_file(tmp_path)), *args)


def test_missing_file_and_unknown_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "not found" in failing(capsys, str(tmp_path / "none.csv"), "--scheme", "hanoi")
    other = tmp_path / "scores.ods"
    other.write_text("x", encoding="utf-8")
    assert "must be a .csv or an .xlsx" in failing(capsys, str(other), "--scheme", "hanoi")
    assert main([str(other)]) == 2  # argparse: --scheme is required
    capsys.readouterr()


def test_a_malformed_scheme_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scheme = tmp_path / "bad.toml"
    scheme.write_text('key = "bad"\ntitle_vi = "X"\n[[bands]]\nkey = "A"\n', encoding="utf-8")
    err = failing(capsys, str(csv_file(tmp_path)), "--scheme", str(scheme))
    assert "bad.toml" in err and "[[bands]] 'A' 'at_least': missing key" in err


def test_as_a_subprocess(tmp_path: Path) -> None:
    path = csv_file(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", COMMAND, str(path), "--scheme", "hanoi", "--format", "json"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8")
    check_hanoi(json.loads(done.stdout.decode("utf-8")))


def test_as_a_subprocess_failing(tmp_path: Path) -> None:
    path = csv_file(tmp_path, [("X", "P", 20, 70, 12)])
    done = subprocess.run(
        [sys.executable, "-c", COMMAND, str(path), "--scheme", "hanoi"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == b""
    err = done.stderr.decode("utf-8")
    assert "Dòng 2, cột 'bonus'" in err and "Row 2, column 'bonus'" in err


FIGURES_HEADER = "name,unit,group,general,tasks,quantity,quality,progress,on_time,beyond_share"


def test_national_task_points_from_quantity_quality_progress(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ("An", "Sở Nội vụ", "Chuyên viên", 30, "", 100, 100, 100, "có", "40%"),
        ("Bình", "Sở Nội vụ", "Chuyên viên", 30, "", 90, 80, 70, "có", "40%"),
        ("Chi", "Sở Nội vụ", "Chuyên viên", 20, "", 0, 0, 0, "", ""),
        ("Dũng", "Sở Nội vụ", "Chuyên viên", 25, 60, "", "", "", "", ""),  # points as before
        ("Em", "Sở Nội vụ", "Chuyên viên", 28, "", '"99,5"', 100, 100, "có", ""),
    ]
    data = run_json(capsys, str(csv_file(tmp_path, rows, FIGURES_HEADER)), "--scheme", "national")
    totals = {p["name"]: p["total"] for p in data["people"]}
    assert totals == {
        "An": "100.00",  # 30 + 70
        "Bình": "86.00",  # 30 + 70 × 240/300
        "Chi": "20.00",
        "Dũng": "85.00",
        "Em": "97.88",  # 28 + 69.8833… rounded once
    }


def test_the_three_columns_alone_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = (
        "Họ và tên,Đơn vị,Nhóm,Tiêu chí chung,Số lượng,Chất lượng,Tiến độ,Đúng hạn,Vượt yêu cầu"
    )
    rows = [("An", "Sở Nội vụ", "Chuyên viên", 30, 100, 100, 100, "có", "40%")]
    data = run_json(capsys, str(csv_file(tmp_path, rows, header)), "--scheme", "national")
    assert data["people"][0]["total"] == "100.00"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("An", "P", "G", 30, 70, 100, 100, 100, "", ""), "Row 2, column 'tasks': give the task"),
        (("An", "P", "G", 30, "", 100, 101, 100, "", ""), "Row 2, column 'quality': '101'"),
        (("An", "P", "G", 30, "", 100, -1, 100, "", ""), "Row 2, column 'quality': '-1'"),
        (("An", "P", "G", 30, "", 100, "nhiều", 100, "", ""), "Row 2, column 'quality'"),
        (("An", "P", "G", 30, "", 100, "", 100, "", ""), "Row 2, column 'quality'"),
    ],
)
def test_figures_both_or_out_of_range_name_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], row: tuple[object, ...], message: str
) -> None:
    path = csv_file(tmp_path, [row], FIGURES_HEADER)
    assert message in failing(capsys, str(path), "--scheme", "national")


def test_one_figure_column_without_the_others_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = "name,unit,group,general,quantity,quality,on_time,beyond_share"
    path = csv_file(tmp_path, [("An", "P", "G", 30, 100, 100, "", "")], header)
    assert "a 'progress' column is needed" in failing(capsys, str(path), "--scheme", "national")


LEADER_HEADER = FIGURES_HEADER + ",unit_result,organizing"


def test_a_leaders_row_averages_the_units_result_with_their_own_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        # Điều 15 khoản 3: 30 + 70 × (90 + 80 + 70 + 50 + 100) / 500 = 30 + 54.60
        ("Trưởng phòng", "Sở Nội vụ", "Lãnh đạo", 30, "", 90, 80, 70, "", "", 50, 100),
        ("Phó phòng", "Sở Nội vụ", "Lãnh đạo", 30, "", 100, 100, 100, "có", "40%", 100, 100),
        ("Chuyên viên", "Sở Nội vụ", "Chuyên viên", 30, "", 90, 80, 70, "", "", "", ""),
        ("Văn thư", "Sở Nội vụ", "Chuyên viên", 25, 60, "", "", "", "", "", "", ""),
    ]
    data = run_json(capsys, str(csv_file(tmp_path, rows, LEADER_HEADER)), "--scheme", "national")
    totals = {p["name"]: p["total"] for p in data["people"]}
    assert totals == {
        "Trưởng phòng": "84.60",
        "Phó phòng": "100.00",
        "Chuyên viên": "86.00",  # no unit result: 30 + 70 × 240/300, as before
        "Văn thư": "85.00",
    }


def test_the_leaders_columns_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = (
        "Họ và tên,Đơn vị,Nhóm,Tiêu chí chung,Số lượng,Chất lượng,Tiến độ,Đúng hạn,Vượt yêu cầu,"
        "Kết quả đơn vị,Năng lực tổ chức thực hiện nhiệm vụ"
    )
    rows = [("An", "Sở Nội vụ", "Lãnh đạo", 30, 100, 100, 100, "", "", 50, 100)]
    data = run_json(capsys, str(csv_file(tmp_path, rows, header)), "--scheme", "national")
    assert data["people"][0]["total"] == "93.00"  # 30 + 70 × 450/500


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ("A", "P", "G", 30, "", 90, 90, 90, "", "", 101, 100),
            "Row 2, column 'unit_result': '101'",
        ),
        (("A", "P", "G", 30, "", 90, 90, 90, "", "", "-5", 100), "Row 2, column 'unit_result'"),
        (("A", "P", "G", 30, "", 90, 90, 90, "", "", "nửa", 100), "Row 2, column 'unit_result'"),
        (("A", "P", "G", 30, "", 90, 90, 90, "", "", 50, ""), "Row 2, column 'organizing'"),
        (("A", "P", "G", 30, "", 90, 90, 90, "", "", "", 100), "Row 2, column 'unit_result'"),
        (("A", "P", "G", 30, 60, "", "", "", "", "", 50, 100), "Row 2, column 'quantity'"),
    ],
)
def test_a_bad_leaders_figure_names_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], row: tuple[object, ...], message: str
) -> None:
    path = csv_file(tmp_path, [row], LEADER_HEADER)
    err = failing(capsys, str(path), "--scheme", "national")
    assert message in err and "Dòng 2" in err


def test_a_unit_result_column_needs_the_organising_and_the_three_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alone = csv_file(
        tmp_path,
        [("A", "P", "G", 30, 90, 90, 90, "", "", 50)],
        FIGURES_HEADER.replace(",tasks", "") + ",unit_result",
    )
    assert "'organizing' column is needed" in failing(capsys, str(alone), "--scheme", "national")
    header = "name,unit,group,general,tasks,on_time,beyond_share,unit_result,organizing"
    points = csv_file(tmp_path, [("A", "P", "G", 30, 60, "", "", 50, 100)], header)
    assert "a 'quantity' column is needed" in failing(capsys, str(points), "--scheme", "national")
