"""Reading the task and target sheets: headers in either language, every bad cell named by its
row (the header is row 1) and column."""

from datetime import date
from decimal import Decimal

import pytest

from tinnhiem.steering import Direction, ValueProblem
from tinnhiem.steering.sheets import parse_date, read_indicators, read_tasks

HEADER_VI = [
    "Mã",
    "Tên nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời hạn",
    "Ngày hoàn thành",
    "Lãnh đạo phụ trách",
]
HEADER_EN = ["code", "title", "lead", "partners", "deadline", "completed", "leader"]


def test_vietnamese_headers_and_every_date_form():
    rows = [
        HEADER_VI,
        [
            "DA01",
            "Đề án nâng cao chất lượng đảng viên",
            "Ban Tổ chức Thành ủy",
            "Văn phòng Thành ủy; Ban Tuyên giáo",
            "30/06/2022",
            "2022-06-15",
            "Đ/c Phó Bí thư",
        ],
        ["DA02", "Mô hình một cửa hiện đại", "Văn phòng Thành ủy", "", "Thường xuyên", "", ""],
        ["DA03", "Chuyên đề", "Ban Tuyên giáo", None, "2023-03-31 00:00:00", None, None],
        [None, None, None, None, None, None, None],
    ]
    first, second, third = read_tasks(rows)
    assert first.partners == ("Văn phòng Thành ủy", "Ban Tuyên giáo")
    assert (first.deadline, first.completed, first.row) == (date(2022, 6, 30), date(2022, 6, 15), 2)
    assert second.deadline is None and second.completed is None
    assert third.deadline == date(2023, 3, 31) and third.partners == ()


def test_english_headers():
    (task,) = read_tasks([HEADER_EN, ["T1", "A task", "Office", "", "2024-01-31", "", ""]])
    assert task.code == "T1" and task.deadline == date(2024, 1, 31)


@pytest.mark.parametrize(
    ("cells", "column", "row"),
    [
        (["DA01", "T", "A", "", "31/02/2022", "", ""], "Thời hạn", 2),
        (["DA01", "T", "A", "", "2022-13-01", "", ""], "Thời hạn", 2),
        (["DA01", "T", "A", "", "", "", ""], "Thời hạn", 2),
        (["DA01", "T", "A", "", "2022-01-01", "hôm qua", ""], "Ngày hoàn thành", 2),
        (["", "T", "A", "", "2022-01-01", "", ""], "Mã", 2),
        (["DA01", "T", "", "", "2022-01-01", "", ""], "Cơ quan chủ trì", 2),
        (["DA01", "T" * 1001, "A", "", "2022-01-01", "", ""], "Tên nhiệm vụ", 2),
    ],
)
def test_a_bad_cell_names_its_row_and_column(cells, column, row):
    with pytest.raises(ValueProblem) as caught:
        read_tasks([HEADER_VI, cells])
    assert caught.value.row == row and caught.value.field == column
    assert caught.value.message.startswith(f"Dòng {row}, cột '{column}'")
    assert f"Row {row}, column '{column}'" in caught.value.message


def test_a_code_twice_is_refused_naming_both_rows():
    rows = [
        HEADER_EN,
        ["T1", "a", "A", "", "2024-01-31", "", ""],
        ["T1", "b", "A", "", "2024-01-31", "", ""],
    ]
    with pytest.raises(ValueProblem, match="already on row 2") as caught:
        read_tasks(rows)
    assert caught.value.row == 3


def test_a_missing_column_is_named():
    with pytest.raises(ValueProblem, match="'thoi han'/'deadline'"):
        read_tasks([["Mã", "Tên nhiệm vụ", "Cơ quan chủ trì"]])


def test_dates():
    assert parse_date("05/01/2022") == date(2022, 1, 5)
    assert parse_date("2022-1-5") == date(2022, 1, 5)


def test_indicators():
    rows = [
        ["Chỉ tiêu", "Đơn vị tính", "Kỳ", "Kế hoạch", "Thực hiện", "Chiều"],
        ["Kết nạp đảng viên mới", "đảng viên", "2021", 9744, 10027, ""],
        ["Nhiệm vụ quá hạn", "nhiệm vụ", "2022", "10", "7,5", "không vượt quá"],
    ]
    first, second = read_indicators(rows)
    assert (first.plan, first.actual, first.direction) == (
        Decimal(9744),
        Decimal(10027),
        Direction.AT_LEAST,
    )
    assert second.actual == Decimal("7.5") and second.direction is Direction.AT_MOST


def test_an_indicator_that_is_not_a_number_names_its_row():
    rows = [["indicator", "unit", "period", "plan", "actual"], ["x", "u", "2022", "nhiều", "1"]]
    with pytest.raises(ValueProblem) as caught:
        read_indicators(rows)
    assert caught.value.row == 2 and caught.value.field == "plan"
