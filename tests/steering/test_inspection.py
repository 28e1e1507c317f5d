"""Inspection and discipline figures: checked, never adjusted."""

import pytest

from tinnhiem.steering import Activity, FigureError, FigureRow, Subject, check_row, check_rows


def hanoi_2022() -> list[FigureRow]:
    return [
        FigureRow(Activity.SIGNS_OF_VIOLATION, Subject.ORGANISATIONS, 145, 0, 65, 11),
        FigureRow(Activity.SIGNS_OF_VIOLATION, Subject.MEMBERS, 344, 0, 196, 153),
        FigureRow(
            Activity.DISCIPLINE,
            Subject.ORGANISATIONS,
            disciplined=22,
            forms={"khien_trach": 19, "canh_cao": 3},
        ),
        FigureRow(
            Activity.DISCIPLINE,
            Subject.MEMBERS,
            disciplined=1142,
            forms={"khien_trach": 853, "canh_cao": 144, "cach_chuc": 14, "khai_tru": 131},
        ),
    ]


def test_the_published_figures_pass():
    check_rows(hanoi_2022(), first_row=2)


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (FigureRow(Activity.FINANCE, Subject.MEMBERS, 10, 0, 11, 0), "found violating (11)"),
        (FigureRow(Activity.FINANCE, Subject.MEMBERS, 10, 0, 5, 6), "to be disciplined (6)"),
        (
            FigureRow(Activity.DISCIPLINE, Subject.MEMBERS, disciplined=5, forms={"canh_cao": 4}),
            "add up to 4",
        ),
        (
            FigureRow(
                Activity.DISCIPLINE, Subject.ORGANISATIONS, disciplined=1, forms={"khai_tru": 1}
            ),
            "'Expulsion' does not apply",
        ),
        (
            FigureRow(Activity.DISCIPLINE, Subject.MEMBERS, disciplined=1, forms={"giai_tan": 1}),
            "'Dissolution' does not apply",
        ),
        (FigureRow(Activity.FINANCE, Subject.MEMBERS, 3, 4), "committee members (4)"),
        (FigureRow(Activity.FINANCE, Subject.ORGANISATIONS, 3, 1), "members only"),
        (FigureRow(Activity.FINANCE, Subject.MEMBERS, -1), "must not be negative"),
    ],
)
def test_a_broken_rule_is_refused_naming_the_row_and_the_rule(row, words):
    with pytest.raises(FigureError) as caught:
        check_row(row, number=7)
    assert words in caught.value.message_en
    assert caught.value.message_en.startswith("Row 7 (")
    assert caught.value.message_vi.startswith("Dòng 7 (")
    assert caught.value.row == 7


def test_an_activity_twice_is_refused():
    rows = [*hanoi_2022(), FigureRow(Activity.SIGNS_OF_VIOLATION, Subject.MEMBERS, 1, 0, 0, 0)]
    with pytest.raises(FigureError) as caught:
        check_rows(rows, first_row=2)
    assert caught.value.row == 6
