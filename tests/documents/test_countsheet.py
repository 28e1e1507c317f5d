"""Reading a spreadsheet of counts: headers in English or Vietnamese, .csv or .xlsx, and errors
that name the row and the column as the user wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from tinnhiem.documents.countsheet import (
    SheetError,
    normalize_header,
    read_count_sheet,
    read_sheet,
)
from tinnhiem.rules import InvalidCount, RuleError, SessionFigures, load_profile, tally

NQ96 = load_profile("nq96")

ROWS = [
    ("Nguyễn Thị Lệ", "Chủ tịch HĐND", 73, 6, 2),
    ("Lê Thị Huỳnh Mai", "Giám đốc Sở Kế hoạch và Đầu tư", 52, 16, 13),
]


def write_csv(path: Path, lines: list[str], *, bom: bool = False) -> Path:
    path.write_text(("\ufeff" if bom else "") + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("Ghi chú").append(["not read"])
    workbook.save(path)
    return path


def english_csv(tmp_path: Path, *, delimiter: str = ",", bom: bool = False) -> Path:
    lines = [delimiter.join(["name", "position", "high", "confidence", "low"])]
    lines += [delimiter.join(str(cell) for cell in row) for row in ROWS]
    return write_csv(tmp_path / "counts.csv", lines, bom=bom)


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_with_english_headers(tmp_path: Path, delimiter: str, bom: bool) -> None:
    lines = read_count_sheet(english_csv(tmp_path, delimiter=delimiter, bom=bom), NQ96)
    assert [(line.name, line.position, dict(line.counts), line.row) for line in lines] == [
        ("Nguyễn Thị Lệ", "Chủ tịch HĐND", {"high": 73, "confidence": 6, "low": 2}, 2),
        (
            "Lê Thị Huỳnh Mai",
            "Giám đốc Sở Kế hoạch và Đầu tư",
            {"high": 52, "confidence": 16, "low": 13},
            3,
        ),
    ]
    assert all(line.invalid == 0 for line in lines)


def test_xlsx_with_vietnamese_headers_stt_and_invalid(tmp_path: Path) -> None:
    header = ["STT", "Họ và tên", "Chức vụ", "Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp"]
    path = write_xlsx(
        tmp_path / "counts.xlsx",
        [
            [*header, "Phiếu không hợp lệ"],
            [1, "Thái Văn Rê", "Đại biểu", 33, 42, 14, 1],
            [None, None, None, None, None, None, None],
            [2, "Võ Văn Luận", "Đại biểu", 36.0, 41, 11, None],
        ],
    )
    lines = read_count_sheet(path, NQ96)
    assert [(line.name, dict(line.counts), line.invalid, line.row) for line in lines] == [
        ("Thái Văn Rê", {"high": 33, "confidence": 42, "low": 14}, 1, 2),
        ("Võ Văn Luận", {"high": 36, "confidence": 41, "low": 11}, 0, 4),
    ]


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("Họ và tên", "ho va ten"),
        ("HỌ TÊN", "ho ten"),
        ("  Tín  nhiệm   thấp ", "tin nhiem thap"),
        ("tin nhiem cao", "tin nhiem cao"),
        ("Không hợp lệ", "khong hop le"),
        ("Đại biểu", "dai bieu"),
        ("no_confidence", "no confidence"),
    ],
)
def test_headers_match_without_case_accents_or_extra_spaces(written: str, normal: str) -> None:
    assert normalize_header(written) == normal


def test_decomposed_unicode_headers_and_names_are_read(tmp_path: Path) -> None:
    import unicodedata

    header = unicodedata.normalize("NFD", "Họ tên,Chức vụ,TÍN NHIỆM CAO,tín nhiệm,Tín Nhiệm Thấp")
    name = unicodedata.normalize("NFD", "Nguyễn Thị Lệ")
    path = write_csv(tmp_path / "nfd.csv", [header, f"{name},,73,6,2"])
    (line,) = read_count_sheet(path, NQ96)
    assert line.name == "Nguyễn Thị Lệ"  # stored composed (NFC)
    assert line.position == ""


def test_two_level_profile_reads_khong_tin_nhiem(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "bpt.csv", ["Họ và tên,Chức vụ,Tín nhiệm,Không tín nhiệm", "A,B,30,51"]
    )
    (line,) = read_count_sheet(path, load_profile("qd96-bpt"))
    assert dict(line.counts) == {"confidence": 30, "no_confidence": 51}


def test_a_custom_profile_level_is_found_by_its_label(tmp_path: Path) -> None:
    profile = load_profile(Path(__file__).resolve().parents[2] / "docs/examples/company-board.toml")
    labels = ",".join(level.label_vi for level in profile.levels)
    counts = ",".join("1" for _ in profile.levels)
    path = write_csv(tmp_path / "board.csv", [f"name,{labels}", f"A,{counts}"])
    (line,) = read_count_sheet(path, profile)
    assert set(line.counts) == set(profile.level_keys)


def test_the_lines_tally_to_the_published_percentages(tmp_path: Path) -> None:
    lines = read_count_sheet(english_csv(tmp_path), NQ96)
    result = tally(NQ96, SessionFigures(collected=81), lines)
    assert result.people[0].percent["high"] == "90.12"


@pytest.mark.parametrize(
    ("cell", "shown"), [("abc", "'abc'"), ("1.5", "'1.5'"), ("-3", "-3"), ("", "empty")]
)
def test_a_bad_count_names_row_and_column_as_written(tmp_path: Path, cell: str, shown: str) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        [
            "STT,Họ và tên,Chức vụ,Tín nhiệm cao,Tín nhiệm,Tín nhiệm thấp",
            "1,A,B,1,2,3",
            f"2,C,D,4,5,{cell}",
        ],
    )
    with pytest.raises(InvalidCount) as caught:
        read_count_sheet(path, NQ96)
    error = caught.value
    assert (error.row, error.field) == (3, "Tín nhiệm thấp")
    assert "Dòng 3, cột 'Tín nhiệm thấp'" in error.message
    assert "Row 3, column 'Tín nhiệm thấp'" in error.message
    assert shown in error.message


@pytest.mark.parametrize("value", [1.5, -2, "abc", True])
def test_a_bad_xlsx_cell(tmp_path: Path, value: object) -> None:
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [["name", "position", "high", "confidence", "low"], ["A", "B", value, 1, 1]],
    )
    with pytest.raises(InvalidCount) as caught:
        read_count_sheet(path, NQ96)
    assert (caught.value.row, caught.value.field) == (2, "high")


def test_missing_column_names_the_column_and_the_file(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "nolow.csv", ["name,position,high,confidence", "A,B,1,2"])
    with pytest.raises(SheetError) as caught:
        read_count_sheet(path, NQ96)
    assert isinstance(caught.value, RuleError)
    assert caught.value.field == "low"
    assert "nolow.csv" in caught.value.message
    assert "'low'" in caught.value.message and "Tín nhiệm thấp" in caught.value.message


def test_missing_name_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "noname.csv", ["position,high,confidence,low", "B,1,2,3"])
    with pytest.raises(SheetError) as caught:
        read_count_sheet(path, NQ96)
    assert caught.value.field == "name"


def test_a_row_without_a_name(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "blank.csv", ["Họ tên,high,confidence,low", ",1,2,3"])
    with pytest.raises(SheetError) as caught:
        read_count_sheet(path, NQ96)
    assert (caught.value.row, caught.value.field) == (2, "Họ tên")


def test_two_columns_for_one_field(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "dup.csv", ["name,low,high,confidence,Tín nhiệm thấp", "A,1,1,1,1"])
    with pytest.raises(SheetError) as caught:
        read_count_sheet(path, NQ96)
    assert (caught.value.row, caught.value.field) == (1, "Tín nhiệm thấp")


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "gaps.csv", ["", "name,high,confidence,low", "A,1,2,3", ",,,", "", "B,4,5,6"]
    )
    sheet = read_sheet(path, NQ96)
    assert [(line.name, line.row) for line in sheet.lines] == [("A", 3), ("B", 6)]
    assert sheet.headers["high"] == "high"


def test_unknown_columns_are_ignored(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "extra.csv", ["name,high,Tỷ lệ (%),confidence,low", "A,1,x,2,3"])
    (line,) = read_count_sheet(path, NQ96)
    assert dict(line.counts) == {"high": 1, "confidence": 2, "low": 3}


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SheetError) as caught:
        read_count_sheet(tmp_path / "absent.csv", NQ96)
    assert "absent.csv" in caught.value.message


@pytest.mark.parametrize(
    ("name", "content"),
    [("counts.xlsx", b"not a zip"), ("counts.ods", b"x"), ("empty.csv", b"\n\n")],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SheetError) as caught:
        read_count_sheet(path, NQ96)
    assert name in caught.value.message


def test_csv_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "ansi.csv"
    path.write_bytes(b"name,high,confidence,low\n\xd4ng A,1,2,3\n")
    with pytest.raises(SheetError) as caught:
        read_count_sheet(path, NQ96)
    assert "UTF-8" in caught.value.message
