"""`tinnhiem tally`: from a spreadsheet of counts to the result, with no database."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

from tinnhiem.cli.tally import main

# Ho Chi Minh City People's Council, 7 Dec 2023 (nq96, 81 ballots collected): published counts
HCMC_2023 = [
    ("Nguyễn Thị Lệ", "Chủ tịch HĐND", 73, 6, 2),
    ("Phan Văn Mãi", "Chủ tịch UBND", 69, 10, 2),
    ("Dương Anh Đức", "Phó Chủ tịch UBND", 59, 17, 5),
    ("Lê Thị Huỳnh Mai", "Giám đốc Sở Kế hoạch và Đầu tư", 52, 16, 13),
]
EXPECTED_PERCENT = [
    {"high": "90.12", "confidence": "7.41", "low": "2.47"},
    {"high": "85.19", "confidence": "12.35", "low": "2.47"},
    {"high": "72.84", "confidence": "20.99", "low": "6.17"},
    {"high": "64.20", "confidence": "19.75", "low": "16.05"},
]
ENGLISH = "name,position,high,confidence,low"
VIETNAMESE = ["STT", "Họ và tên", "Chức vụ", "Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp"]


def csv_file(
    tmp_path: Path, rows: Sequence[tuple[object, ...]] = HCMC_2023, header: str = ENGLISH
) -> Path:
    path = tmp_path / "hcmc-2023.csv"
    lines = [header, *(",".join(str(cell) for cell in row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def xlsx_file(tmp_path: Path, rows: Sequence[tuple[object, ...]] = HCMC_2023) -> Path:
    path = tmp_path / "hcmc-2023.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(VIETNAMESE)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    workbook.save(path)
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main([*args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def check_hcmc(data: dict[str, object]) -> None:
    assert data["profile"] == "nq96"
    assert data["base"] == 81
    officials = data["officials"]
    assert isinstance(officials, list)
    assert [
        (o["name"], o["position"], o["high"], o["confidence"], o["low"]) for o in officials
    ] == HCMC_2023
    assert [o["percent"] for o in officials] == EXPECTED_PERCENT
    assert [o["band"] for o in officials] == ["none"] * 4


def test_json_from_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check_hcmc(run_json(capsys, str(csv_file(tmp_path)), "--rules", "nq96", "--collected", "81"))


def test_json_from_xlsx_with_vietnamese_headers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = xlsx_file(tmp_path)
    check_hcmc(run_json(capsys, str(path), "--rules", "nq96", "--collected", "81"))


def test_json_is_exactly_the_result_dict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tinnhiem.documents.countsheet import read_count_sheet
    from tinnhiem.rules import SessionFigures, load_profile, tally

    path = csv_file(tmp_path)
    assert main([str(path), "--rules", "nq96", "--collected", "81", "--format", "json"]) == 0
    profile = load_profile("nq96")
    result = tally(profile, SessionFigures(collected=81), read_count_sheet(path, profile))
    expected = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    assert capsys.readouterr().out == expected + "\n"


def test_json_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "result.json"
    args = [str(csv_file(tmp_path)), "--rules", "nq96", "--collected", "81", "--format", "json"]
    assert main([*args, "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    check_hcmc(json.loads(out.read_text("utf-8")))


def test_table_is_the_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(csv_file(tmp_path)), "--rules", "nq96", "--collected", "81"]) == 0
    out = capsys.readouterr().out
    assert "Tín nhiệm cao" in out and "Tín nhiệm thấp" in out and "Họ và tên" in out
    assert "73 (90.12%)" in out and "13 (16.05%)" in out
    assert "Số phiếu thu về: 81" in out
    rows = [line for line in out.splitlines() if "%" in line and "(" in line]
    assert len(rows) == 4
    # aligned: in every row the "low" cell (the third percentage) ends in the same column
    assert len({[m.end() for m in re.finditer(r"%\)", line)][2] for line in rows}) == 1


def test_table_shows_the_band_and_the_follow_up_vote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file(tmp_path, [("A", "B", 10, 20, 51)])
    assert main([str(path), "--rules", "nq96", "--collected", "81"]) == 0
    out = capsys.readouterr().out
    assert "Trên 1/2 đến dưới 2/3 phiếu tín nhiệm thấp" in out
    assert "nq96-bpt" in out


def test_members_base_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = csv_file(tmp_path, [("Nguyễn Thị Quyết Tâm", "Chủ tịch HĐND", 81, 18, 2)])
    data = run_json(capsys, str(path), "--rules", "nq85", "--members", "105", "--collected", "101")
    assert data["base"] == 105
    officials = data["officials"]
    assert isinstance(officials, list)
    assert officials[0]["percent"]["high"] == "77.14"


def test_custom_profile_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = Path(__file__).resolve().parents[2] / "docs" / "examples" / "company-board.toml"
    path = csv_file(tmp_path, [("An", "Tổng giám đốc", 5, 3, 1), ("Bình", "Kế toán", 1, 4, 4)])
    data = run_json(capsys, str(path), "--rules", str(profile), "--collected", "9")
    officials = data["officials"]
    assert isinstance(officials, list)
    assert [o["band"] for o in officials] == ["none", "low_over_third"]


def test_collected_left_out_is_inferred_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(csv_file(tmp_path)), "--rules", "nq96", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["collected"] == 81
    assert "--collected" in captured.err


def failure(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


def test_count_above_collected_names_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file(tmp_path, [*HCMC_2023[:2], ("X", "Y", 90, 0, 0)])
    err = failure(capsys, str(path), "--rules", "nq96", "--collected", "81")
    assert "Row 4, column 'high'" in err and "Dòng 4, cột 'high'" in err
    assert "90" in err and "81" in err


def test_count_above_collected_names_the_vietnamese_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = xlsx_file(tmp_path, [*HCMC_2023[:1], ("X", "Y", 0, 0, 90)])
    err = failure(capsys, str(path), "--rules", "nq96", "--collected", "81")
    assert "Row 3, column 'Tín nhiệm thấp'" in err


def test_line_total_above_collected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = csv_file(tmp_path, [("X", "Y", 40, 40, 10)])
    err = failure(capsys, str(path), "--rules", "nq96", "--collected", "81")
    assert "Row 2, column 'high+confidence+low'" in err


@pytest.mark.parametrize(("cell", "shown"), [("-3", "-3"), ("abc", "abc"), ("1.5", "1.5")])
def test_bad_count_names_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cell: str, shown: str
) -> None:
    path = csv_file(tmp_path, [*HCMC_2023[:2], ("X", "Y", 1, cell, 1)])
    err = failure(capsys, str(path), "--rules", "nq96", "--collected", "81")
    assert "Row 4, column 'confidence'" in err and "Dòng 4, cột 'confidence'" in err
    assert shown in err


def test_missing_low_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [row[:4] for row in HCMC_2023]
    path = csv_file(tmp_path, rows, header="name,position,high,confidence")
    err = failure(capsys, str(path), "--rules", "nq96", "--collected", "81")
    assert "'low'" in err and "hcmc-2023.csv" in err


def test_members_profile_without_members(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = failure(capsys, str(csv_file(tmp_path)), "--rules", "nq85", "--collected", "81")
    assert "--members" in err
    assert "column" not in err  # a command-line option, not a spreadsheet column


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = failure(capsys, str(tmp_path / "absent.csv"), "--rules", "nq96")
    assert "absent.csv" in err


def test_unknown_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = failure(capsys, str(csv_file(tmp_path)), "--rules", "nq99")
    assert "nq99" in err


def test_collected_above_issued(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--rules", "nq96", "--issued", "80", "--collected", "81"]
    err = failure(capsys, str(csv_file(tmp_path)), *args)
    assert "80" in err and "81" in err


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_document_formats_need_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    err = failure(capsys, str(csv_file(tmp_path)), "--rules", "nq96", "--format", fmt)
    assert "--out" in err


@pytest.mark.parametrize(
    ("fmt", "module", "magic"),
    [
        ("xlsx", "tinnhiem.documents.results_xlsx", b"PK"),
        ("pdf", "tinnhiem.documents.results_pdf", b"%PDF"),
    ],
)
def test_document_formats_write_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, module: str, magic: bytes
) -> None:
    pytest.importorskip(module)
    out = tmp_path / f"result.{fmt}"
    args = [str(csv_file(tmp_path)), "--rules", "nq96", "--collected", "81", "--format", fmt]
    assert main([*args, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(magic)


@pytest.mark.parametrize("args", [[], ["x.csv"], ["x.csv", "--rules", "nq96", "--members", "-1"]])
def test_usage_errors_return_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert main(args) == 2
    assert "tinnhiem tally" in capsys.readouterr().err


def test_help_returns_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "--rules" in capsys.readouterr().out


COMMAND = "import sys; from tinnhiem.cli.tally import main; sys.exit(main())"


def test_as_a_subprocess(tmp_path: Path) -> None:
    path = xlsx_file(tmp_path)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            COMMAND,
            str(path),
            "--rules",
            "nq96",
            "--collected",
            "81",
            "--format",
            "json",
        ],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8")
    check_hcmc(json.loads(done.stdout.decode("utf-8")))


def test_as_a_subprocess_failing(tmp_path: Path) -> None:
    path = csv_file(tmp_path, [("X", "Y", 90, 0, 0)])
    done = subprocess.run(
        [sys.executable, "-c", COMMAND, str(path), "--rules", "nq96", "--collected", "81"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Row 2, column 'high'" in done.stderr.decode("utf-8")
