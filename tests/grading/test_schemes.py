"""Loading the built-in schemes and custom TOML files, and the errors a malformed file gives."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from tinnhiem.grading import (
    BUILTIN_SCHEMES,
    Aggregation,
    InputKind,
    Period,
    QuotaBase,
    Rounding,
    SchemeError,
    ScoreLine,
    builtin_schemes,
    grade,
    load_scheme,
    parse_scheme,
)

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "grading-schemes.md"

FULL = """
key = "school"
title_vi = "Trường học: đánh giá giáo viên hằng tháng"
title_en = "School: monthly teacher evaluation"
source_vi = "Quy chế nội bộ"
input = "points"
periods = ["monthly", "quarterly"]
max_total = 100

[rounding]
places = 1
mode = "half_up"

[[criteria]]
key = "teaching"
label_vi = "Giảng dạy"
label_en = "Teaching"
max = 80
aliases = ["Dạy học"]

[[criteria]]
key = "extra"
label_vi = "Điểm thưởng"
max = 25
bonus = true

[[bands]]
key = "A"
label_vi = "Xuất sắc"
label_en = "Excellent"
at_least = 85
aliases = ["XS"]

[[bands]]
key = "B"
label_vi = "Đạt"
at_least = 0

[[conditions]]
key = "lessons"
band = "A"
label_vi = "Dự giờ đủ"
label_en = "all lessons observed"
aliases = ["Dự giờ"]

[disqualifying]
grade = "B"
aliases = ["Vi phạm"]

[[disqualifying.facts]]
key = "fraud"
label_vi = "Gian lận thi cử"
label_en = "exam fraud"

[[quotas]]
band = "A"
cap = "1/4"
of = "graded"
per = ["unit"]
outstanding_cap = "1/3"
demote_to = "B"
periods = ["monthly"]

[aggregation]
rule = "average"

[annual]
deadline = "12-15"
min_months_worked = 6
absence_capped_from = 3
absence_not_graded_from = 6
absence_cap = "B"
maternity_on_time_worked = true
"""


@pytest.mark.parametrize("key", BUILTIN_SCHEMES)
def test_every_builtin_loads(key: str) -> None:
    scheme = load_scheme(key)
    assert scheme.key == key
    assert scheme.title_vi and scheme.title_en and scheme.source_vi
    assert scheme.quotas


def test_hanoi_follows_decision_3814() -> None:
    scheme = load_scheme("hanoi")
    assert [(c.key, c.maximum, c.is_bonus) for c in scheme.criteria] == [
        ("discipline", 20, False),
        ("performance", 70, False),
        ("bonus", 10, True),
    ]
    assert [(b.key, b.at_least) for b in scheme.bands] == [
        ("A", 90),
        ("B", 70),
        ("C", 50),
        ("D", 0),
    ]
    (quota,) = scheme.quotas
    assert (quota.band, quota.cap, quota.outstanding_cap) == ("A", Fraction(3, 10), Fraction(2, 5))
    assert (quota.base, quota.per, quota.demote_to) == (QuotaBase.GRADED, ("unit",), "B")
    assert scheme.highest_total == 100
    assert (scheme.places, scheme.rounding, scheme.aggregation) == (
        2,
        Rounding.HALF_UP,
        Aggregation.AVERAGE,
    )
    assert scheme.annual is not None
    assert scheme.annual.deadline == (12, 15) and scheme.annual.absence_cap == "C"


def test_national_follows_decree_335_and_regulation_366() -> None:
    scheme = load_scheme("national")
    assert [(c.key, c.maximum) for c in scheme.criteria] == [("general", 30), ("tasks", 70)]
    assert scheme.periods == (Period.MONTHLY, Period.QUARTERLY)
    assert [b.at_least for b in scheme.bands] == [90, 70, 50, 0]
    assert [(c.key, c.band, c.at_least) for c in scheme.conditions] == [
        ("on_time", "excellent", None),
        ("beyond_share", "excellent", Fraction(3, 10)),
    ]
    assert scheme.disqualifying is not None
    assert scheme.disqualifying.grade == "not_completed"
    assert [f.key for f in scheme.disqualifying.facts] == [
        "degradation",
        "discipline",
        "corruption",
    ]
    (quota,) = scheme.quotas
    assert (quota.cap, quota.base, quota.base_band, quota.per) == (
        Fraction(1, 5),
        QuotaBase.AT_LEAST,
        "good",
        ("unit", "group"),
    )


def test_party_members_are_graded_without_points() -> None:
    scheme = load_scheme("party-member")
    assert scheme.input is InputKind.GRADE and scheme.criteria == ()
    assert scheme.aggregation is None and scheme.annual is None
    assert scheme.quotas[0].cap == Fraction(1, 5)


def test_schemes_are_hashable_values() -> None:
    assert len({scheme for scheme in builtin_schemes()}) == 3
    assert load_scheme("hanoi") is load_scheme("hanoi")  # read once per process


def test_a_custom_scheme_with_every_key(tmp_path: Path) -> None:
    path = tmp_path / "school.toml"
    path.write_text(FULL, encoding="utf-8")
    scheme = load_scheme(path)
    assert (scheme.key, scheme.places, scheme.max_total) == ("school", 1, Decimal(100))
    assert scheme.criteria[1].is_bonus and scheme.criteria[0].aliases == ("Dạy học",)
    assert scheme.quotas[0].periods == (Period.MONTHLY,)
    assert scheme.bands[1].label_en == "B"  # label_en defaults to the key
    lines = [
        ScoreLine(
            name=f"T{i}",
            unit="S",
            scores={"teaching": Decimal(80), "extra": Decimal(i)},
            conditions={"lessons": True},
        )
        for i in range(8)
    ]
    result = grade(scheme, lines)
    assert [p.total for p in result.people[:2]] == [Decimal("80.0"), Decimal("81.0")]
    assert [p.grade for p in result.people].count("A") == 2  # 1/4 of 8


def test_the_documented_example_loads() -> None:
    blocks = re.findall(r"```toml\n(.*?)```", DOC.read_text("utf-8"), flags=re.DOTALL)
    examples = [block for block in blocks if block.lstrip().startswith("key =")]
    assert examples, "docs/grading-schemes.md has no complete example"
    for block in examples:
        parse_scheme(block, source="doc.toml")


def test_the_docs_name_every_key_the_loader_accepts() -> None:
    text = DOC.read_text("utf-8")
    keys = re.findall(r"^\s*\[*\s*([a-z_.]+)\s*[=\]]", FULL, flags=re.MULTILINE)
    for key in {k.split(".")[-1] for k in keys} | {"base_band", "share"}:
        # `key`, or a table heading such as `[rounding]` or `[[disqualifying.facts]]`
        pattern = rf"`\[{{0,2}}(?:[a-z_]+\.)?{key}\]{{0,2}}`"
        assert re.search(pattern, text), f"docs/grading-schemes.md does not explain `{key}`"


def test_an_unknown_scheme_names_the_builtins() -> None:
    with pytest.raises(SchemeError) as caught:
        load_scheme("hcmc")
    assert (
        "hcmc" in caught.value.message and "hanoi, national, party-member" in caught.value.message
    )


def broken(tmp_path: Path, old: str, new: str) -> SchemeError:
    assert old in FULL, old
    path = tmp_path / "broken.toml"
    path.write_text(FULL.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SchemeError) as caught:
        load_scheme(path)
    assert "broken.toml" in caught.value.message
    return caught.value


@pytest.mark.parametrize(
    ("old", "new", "names"),
    [
        ('key = "school"\n', "", "'key': missing key"),
        ('title_vi = "Trường', 'title = "Trường', "'title': unknown key"),
        ('outstanding_cap = "1/3"', 'outstandng_cap = "1/3"', "'outstandng_cap': unknown key"),
        ('cap = "1/4"', 'cap = "150%"', "[[quotas]] 'A' 'cap': '150%' must be a share"),
        ('cap = "1/4"', "cap = 0.25", "'cap': '0.25' must be a share"),
        ('band = "A"\ncap', 'band = "Z"\ncap', "'band': unknown grade 'Z'"),
        ('band = "A"\ncap', 'band = "B"\ncap', "'band': cannot be the lowest grade"),
        ('demote_to = "B"', 'demote_to = "A"', "'demote_to': must be a lower grade"),
        ('of = "graded"', 'of = "everyone"', "'of': 'everyone' is not one of graded, at_least"),
        ('of = "graded"', 'of = "graded"\nbase_band = "A"', "'base_band': only with of"),
        ('of = "graded"', 'of = "at_least"', "'base_band': missing key"),
        ('per = ["unit"]', 'per = ["agency"]', "'per': 'agency' is not unit or group"),
        ("at_least = 85", "at_least = -5", "[[bands]] 'A' 'at_least': '-5' must be a number"),
        ("at_least = 85", "at_least = 0", "'bands': 'at_least' must decrease"),
        ("at_least = 0", "at_least = 10", "the lowest grade must have at_least = 0"),
        ("max = 80", 'max = "lots"', "[[criteria]] 'teaching' 'max': 'lots' must be a number"),
        ("bonus = true", 'bonus = "yes"', "'bonus': must be true or false"),
        ('mode = "half_up"', 'mode = "half_even"', "[rounding] 'mode': 'half_even' is not one"),
        ("places = 1", "places = 9", "[rounding] 'places': must be a whole 0 to 6"),
        ('periods = ["monthly", "quarterly"]', 'periods = ["weekly"]', "'periods': 'weekly'"),
        ('input = "points"', 'input = "grade"', "[[bands]] 'A' 'at_least': not used with input"),
        ('rule = "average"', 'rule = "share"', "[aggregation] 'share': missing key"),
        ('deadline = "12-15"', 'deadline = "15/12"', "[annual] 'deadline': '15/12' must read"),
        ("absence_not_graded_from = 6", "absence_not_graded_from = 3", "must be greater than"),
        ('absence_cap = "B"', 'absence_cap = "C"', "[annual] 'absence_cap': unknown grade 'C'"),
        ('key = "fraud"', 'key = "fraud"\nseverity = 3', "[[facts]] 'fraud' 'severity': unknown"),
        ('label_vi = "Dự giờ đủ"\n', "", "[[conditions]] 'lessons' 'label_vi': missing key"),
        ('[[bands]]\nkey = "B"', '[[bands]]\nkey = "A"', "'bands': has duplicate keys"),
        ('title_en = "School: monthly teacher evaluation"', "title_en = 3", "'title_en': '3' must"),
        ('[rounding]\nplaces = 1\nmode = "half_up"', "rounding = 2", "'rounding': must be a table"),
        ("max_total = 100\n", "max_total = 100\n[[", "invalid TOML"),
    ],
)
def test_a_malformed_scheme_names_the_file_and_the_key(
    tmp_path: Path, old: str, new: str, names: str
) -> None:
    error = broken(tmp_path, old, new)
    assert names in error.message_en
    assert error.message_vi and error.message_vi != error.message_en


def test_a_grade_scheme_refuses_band_floors() -> None:
    text = 'key = "g"\ntitle_vi = "G"\ninput = "grade"\n'
    text += '[[bands]]\nkey = "A"\nlabel_vi = "A"\nat_least = 90\n[[bands]]\nkey = "B"\nlabel_vi = "B"\n'
    with pytest.raises(SchemeError, match="'at_least': không dùng"):
        parse_scheme(text, source="g.toml")
