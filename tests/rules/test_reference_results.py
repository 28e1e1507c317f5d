"""Every published figure in docs reference-results.md, reproduced from the counts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

from tinnhiem.rules import (
    CountLine,
    PersonResult,
    SessionFigures,
    TallyResult,
    load_profile,
    percent,
    tally,
)

LEVELS = ("high", "confidence", "low")


def line(name: str, high: int, confidence: int, low: int, invalid: int = 0) -> CountLine:
    counts = {"high": high, "confidence": confidence, "low": low}
    return CountLine(name=name, position="", counts=counts, invalid=invalid)


def only(
    profile: str, figures: SessionFigures, entry: CountLine
) -> tuple[TallyResult, PersonResult]:
    result = tally(load_profile(profile), figures, [entry])
    (person,) = result.people
    return result, person


def assert_consistent(person_percent: dict[str, str], valid: int, base: int) -> None:
    """Each level is rounded by at most 0.005, so the sum is within 0.015 of the valid share."""
    total = sum(Decimal(person_percent[key]) for key in LEVELS)
    exact = Fraction(valid * 100, base)
    assert abs(Fraction(total) - exact) <= Fraction(15, 1000)


# --- National Assembly, June 2013: nq35, 498 deputies, 492 ballots collected, count / 498 -----

NA_2013 = [
    # name, (H, C, L), published percentages (None where not published)
    ("Trương Tấn Sang", (330, 133, 28), ("66.27", "26.71", "5.62")),
    ("Nguyễn Thị Doan", (263, 215, 13), ("52.81", "43.17", "2.61")),
    ("Nguyễn Sinh Hùng", (328, 139, 25), ("65.86", "27.91", "5.02")),
    ("Uông Chu Lưu", (323, 155, 13), ("64.86", "31.12", "2.61")),
    ("Nguyễn Thị Kim Ngân", (372, 104, 14), ("74.70", "20.88", "2.81")),
    ("Tòng Thị Phóng", (322, 145, 24), ("64.66", "29.12", "4.82")),
    ("Huỳnh Ngọc Sơn", (252, 217, 22), ("50.60", "43.57", "4.42")),
    ("Nguyễn Tấn Dũng", (210, 122, 160), ("42.17", None, None)),
]


@pytest.mark.parametrize(("name", "counts", "published"), NA_2013, ids=[r[0] for r in NA_2013])
def test_na_2013_reproduces_every_published_percentage(
    name: str, counts: tuple[int, int, int], published: tuple[str | None, ...]
) -> None:
    result, person = only("nq35", SessionFigures(members=498, collected=492), line(name, *counts))
    assert result.base == 498
    for key, expected in zip(LEVELS, published, strict=True):
        if expected is not None:
            assert person.percent[key] == expected
    assert person.valid == sum(counts) <= 492
    assert_consistent(dict(person.percent), person.valid, 498)
    assert person.band is None


def test_na_2013_prime_minister_unpublished_percentages_are_computed_on_498() -> None:
    _, person = only(
        "nq35", SessionFigures(members=498, collected=492), line("Nguyễn Tấn Dũng", 210, 122, 160)
    )
    assert dict(person.percent) == {"high": "42.17", "confidence": "24.50", "low": "32.13"}
    assert person.valid == 492  # every collected ballot had a valid line for him


def test_na_2013_press_error_is_rejected_by_the_published_percentage() -> None:
    """A foreign-language report gave Huỳnh Ngọc Sơn 24 low; 24/498 is 4.82, not the
    published 4.42, so the official 22 is the count that matches."""
    assert percent(24, 498) == "4.82"
    assert percent(22, 498) == "4.42"


def test_na_2013_collected_base_would_not_reproduce_the_figures() -> None:
    """The 2013 percentages are on all deputies: on 492 collected they come out different."""
    assert percent(330, 492) != "66.27"
    assert percent(330, 498) == "66.27"


# --- Ho Chi Minh City People's Council, 7 Dec 2023: nq96, 81 collected --------------------

HCMC_2023 = [
    ("Nguyễn Thị Lệ", (73, 6, 2), ("90.12", "7.41", "2.47")),
    ("Lê Trương Hải Hiếu", (67, 12, 2), ("82.72", "14.81", "2.47")),
    ("Cao Thanh Bình", (66, 12, 3), ("81.48", "14.81", "3.70")),
    ("Nguyễn Thị Thanh Vân", (66, 15, 0), ("81.48", "18.52", "0.00")),
    ("Phạm Quỳnh Anh", (70, 9, 2), ("86.42", "11.11", "2.47")),
    ("Phan Văn Mãi", (69, 10, 2), ("85.19", "12.35", "2.47")),
    ("Ngô Minh Châu", (69, 12, 0), ("85.19", "14.81", "0.00")),
    ("Võ Văn Hoan", (64, 14, 3), ("79.01", "17.28", "3.70")),
    ("Dương Anh Đức", (59, 17, 5), ("72.84", "20.99", "6.17")),
    ("Bùi Xuân Cường", (66, 14, 1), ("81.48", "17.28", "1.23")),
    ("Nguyễn Việt Dũng", (52, 23, 6), ("64.20", "28.40", "7.41")),
    ("Đặng Minh Đạt", (56, 24, 1), ("69.14", "29.63", "1.23")),
    ("Huỳnh Văn Hạnh", (65, 16, 0), ("80.25", "19.75", "0.00")),
    ("Nguyễn Thị Ánh Hoa", (66, 15, 0), ("81.48", "18.52", "0.00")),
    ("Đinh Minh Hiệp", (50, 27, 4), ("61.73", "33.33", "4.94")),
    ("Nguyễn Văn Hiếu", (59, 22, 0), ("72.84", "27.16", "0.00")),
    ("Trần Quang Lâm", (49, 25, 7), ("60.49", "30.86", "8.64")),
    ("Lê Thị Huỳnh Mai", (52, 16, 13), ("64.20", "19.75", "16.05")),
]


@pytest.mark.parametrize(("name", "counts", "expected"), HCMC_2023, ids=[r[0] for r in HCMC_2023])
def test_hcmc_2023_percentages_on_81_collected(
    name: str, counts: tuple[int, int, int], expected: tuple[str, str, str]
) -> None:
    result, person = only("nq96", SessionFigures(collected=81), line(name, *counts))
    assert result.base == 81
    assert tuple(person.percent[key] for key in LEVELS) == expected
    assert person.valid == 81  # all lines valid
    assert person.band is None


def test_hcmc_2023_whole_session_in_one_tally_keeps_the_published_order() -> None:
    lines = [line(name, *counts) for name, counts, _ in HCMC_2023]
    result = tally(load_profile("nq96"), SessionFigures(issued=81, collected=81), lines)
    assert [p.name for p in result.people] == [name for name, _, _ in HCMC_2023]
    assert all(p.band is None for p in result.people)


# --- Ho Chi Minh City People's Council, Dec 2018: nq85, 105 deputies, 101 collected -------

HCMC_2018 = [
    ("Nguyễn Thị Quyết Tâm", (81, 18, 2), ("77.14", "17.14", "1.90")),
    ("Trương Thị Ánh", (86, 13, 2), ("81.90", "12.38", "1.90")),
    ("Phạm Đức Hải", (58, 37, 6), ("55.24", "35.24", "5.71")),
    ("Nguyễn Thành Phong", (74, 24, 3), ("70.48", "22.86", "2.86")),
    ("Lê Thanh Liêm", (68, 29, 4), ("64.76", "27.62", "3.81")),
    ("Trần Vĩnh Tuyến", (66, 30, 5), ("62.86", "28.57", "4.76")),
    ("Nguyễn Thị Thu", (45, 38, 18), ("42.86", "36.19", "17.14")),
    ("Huỳnh Cách Mạng", (44, 44, 13), ("41.90", "41.90", "12.38")),
    ("Bùi Tá Hoàng Vũ", (38, 45, 18), ("36.19", "42.86", "17.14")),
    ("Trần Trọng Tuấn", (40, 44, 17), ("38.10", "41.90", "16.19")),
]


@pytest.mark.parametrize(("name", "counts", "expected"), HCMC_2018, ids=[r[0] for r in HCMC_2018])
def test_hcmc_2018_percentages_on_105_deputies(
    name: str, counts: tuple[int, int, int], expected: tuple[str, str, str]
) -> None:
    result, person = only("nq85", SessionFigures(members=105, collected=101), line(name, *counts))
    assert result.base == 105
    assert tuple(person.percent[key] for key in LEVELS) == expected
    assert person.valid == 101
    assert_consistent(dict(person.percent), person.valid, 105)


def test_hcmc_2018_published_77_14_is_on_deputies_not_ballots() -> None:
    assert percent(81, 105) == "77.14"
    assert percent(81, 101) == "80.20"


# --- Quảng Nam People's Council, Dec 2023: nq96, 50 issued and collected ------------------


def test_quang_nam_2023() -> None:
    result, person = only(
        "nq96", SessionFigures(issued=50, collected=50), line("Nguyễn Công Thanh", 46, 3, 1)
    )
    assert (result.issued, result.collected, result.base) == (50, 50, 50)
    assert dict(person.percent) == {"high": "92.00", "confidence": "6.00", "low": "2.00"}


# --- Ho Chi Minh City People's Council, 2014: lines invalid for one person -----------------

HCMC_2014 = [("Thái Văn Rê", (33, 42, 14), 1), ("Võ Văn Luận", (36, 41, 11), 2)]


@pytest.mark.parametrize(("name", "counts", "invalid"), HCMC_2014, ids=[r[0] for r in HCMC_2014])
def test_hcmc_2014_invalid_lines_are_reported_beside_the_valid(
    name: str, counts: tuple[int, int, int], invalid: int
) -> None:
    # the sources give no ballots-collected figure; both lines add up to 90 with their invalid
    result, person = only("nq96", SessionFigures(), line(name, *counts, invalid=invalid))
    assert result.is_collected_inferred
    assert sum(counts) + invalid <= result.collected == 90
    assert person.valid == sum(counts)
    assert person.invalid == invalid
    assert result.to_dict()["officials"][0]["invalid"] == invalid


def test_hcmc_2014_both_people_in_one_session() -> None:
    lines = [line(name, *counts, invalid=invalid) for name, counts, invalid in HCMC_2014]
    result = tally(load_profile("nq96"), SessionFigures(collected=90), lines)
    assert [(p.valid, p.invalid) for p in result.people] == [(89, 1), (88, 2)]
    assert [p.percent["high"] for p in result.people] == [percent(33, 90), percent(36, 90)]


def test_reference_percentages_agree_with_decimal_half_up() -> None:
    """The expected strings above were not copied from the engine: check them independently."""
    for rows, base in ((NA_2013, 498), (HCMC_2023, 81), (HCMC_2018, 105)):
        for _, counts, expected in rows:
            for count, text in zip(counts, expected, strict=True):
                if text is not None:
                    exact = (Decimal(count * 100) / Decimal(base)).quantize(
                        Decimal("0.01"), rounding=ROUND_HALF_UP
                    )
                    assert str(exact) == text
