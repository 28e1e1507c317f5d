"""Loading built-in and custom rule profiles, and the errors a malformed TOML file gives."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from tinnhiem.rules import (
    BUILTIN_KEYS,
    Base,
    CountLine,
    Kind,
    ProfileError,
    SessionFigures,
    builtin_profiles,
    load_profile,
    parse_profile,
    tally,
)

REPO = Path(__file__).resolve().parents[2]

COMPANY_BOARD = """
key = "acme-board"
title_vi = "Hội đồng quản trị Công ty ACME: lấy phiếu tín nhiệm"
title_en = "ACME board: confidence vote"
kind = "rating"
base = "collected"
quorum = "1/2"

[[levels]]
key = "approve"
label_vi = "Tín nhiệm"
label_en = "Approve"

[[levels]]
key = "reject"
label_vi = "Không tín nhiệm"
label_en = "Reject"

[[bands]]
key = "warning"
level = "reject"
at_least = "1/3"
label_vi = "Từ 1/3 trở lên không tín nhiệm"
consequence_vi = "Chủ tịch HĐQT nhắc nhở bằng văn bản."
consequence_en = "The chair issues a written warning."

[[bands]]
key = "removal"
level = "reject"
above = "1/2"
label_vi = "Quá nửa không tín nhiệm"
consequence_vi = "Trình Đại hội đồng cổ đông miễn nhiệm."
consequence_en = "Dismissal is put to the shareholders' meeting."
"""


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_every_builtin_loads(key: str) -> None:
    profile = load_profile(key)
    assert profile.key == key
    assert profile.title_vi and profile.title_en and profile.source_vi
    assert profile.bands
    if profile.no_confidence_profile is not None:
        assert load_profile(profile.no_confidence_profile).kind is Kind.NO_CONFIDENCE


def test_builtin_profiles_follow_the_domain_table() -> None:
    profiles = {profile.key: profile for profile in builtin_profiles()}
    assert {key: p.base for key, p in profiles.items()} == {
        "qd96": Base.COLLECTED,
        "nq96": Base.COLLECTED,
        "nq85": Base.MEMBERS,
        "nq35": Base.MEMBERS,
        "qd96-bpt": Base.COLLECTED,
        "nq96-bpt": Base.MEMBERS,
    }
    assert profiles["qd96"].quorum == Fraction(2, 3)
    assert profiles["nq96"].quorum is None
    assert profiles["nq85"].exemptions.min_months_in_office == 9
    top = {key: p.bands[-1] for key, p in profiles.items() if p.kind is Kind.RATING}
    assert {key: (b.threshold, b.inclusive) for key, b in top.items()} == {
        "qd96": (Fraction(2, 3), True),
        "nq96": (Fraction(2, 3), True),
        "nq85": (Fraction(2, 3), True),
        "nq35": (Fraction(2, 3), False),
    }


def test_custom_toml_parses_and_tallies(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(COMPANY_BOARD, encoding="utf-8")
    profile = load_profile(path)
    assert (profile.key, profile.kind, profile.base) == ("acme-board", Kind.RATING, Base.COLLECTED)
    assert profile.level_keys == ("approve", "reject")
    assert profile.quorum == Fraction(1, 2)
    assert profile.ballot_title_vi == "PHIẾU LẤY PHIẾU TÍN NHIỆM"  # the default
    assert profile.bands[0].label_en == "warning"  # label_en defaults to the key
    lines = [
        CountLine(name=name, position="", counts={"approve": 9 - reject, "reject": reject})
        for name, reject in (("A", 2), ("B", 3), ("C", 5))
    ]
    result = tally(profile, SessionFigures(collected=9), lines)
    assert [p.band_key for p in result.people] == ["none", "warning", "removal"]
    assert result.people[2].band is not None
    assert result.people[2].band.consequence_en == "Dismissal is put to the shareholders' meeting."


def test_the_documented_example_loads() -> None:
    profile = load_profile(REPO / "docs" / "examples" / "company-board.toml")
    assert profile.kind is Kind.RATING
    assert len(profile.bands) >= 2
    assert profile.exemptions.min_months_in_office is not None


def test_unknown_profile_names_the_builtins() -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile("nq99")
    assert "nq99" in caught.value.message and "qd96" in caught.value.message


def broken(tmp_path: Path, old: str, new: str) -> ProfileError:
    assert old in COMPANY_BOARD
    path = tmp_path / "broken.toml"
    path.write_text(COMPANY_BOARD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    return caught.value


@pytest.mark.parametrize(
    ("old", "new", "names"),
    [
        ('key = "acme-board"\n', "", "'key'"),
        ('base = "collected"\n', "", "'base'"),
        ('title_vi = "Hội đồng', 'title = "Hội đồng', "'title_vi'"),
        ('consequence_vi = "Chủ tịch', 'note = "Chủ tịch', "'consequence_vi'"),
        ('level = "reject"\nat_least', "at_least", "'level'"),
        ('label_vi = "Tín nhiệm"\n', "", "'label_vi'"),
    ],
)
def test_missing_key_names_the_file_and_the_key(
    tmp_path: Path, old: str, new: str, names: str
) -> None:
    error = broken(tmp_path, old, new)
    assert "broken.toml" in error.message
    assert names in error.message


def test_band_with_both_above_and_at_least(tmp_path: Path) -> None:
    error = broken(tmp_path, 'at_least = "1/3"', 'at_least = "1/3"\nabove = "1/3"')
    assert "broken.toml" in error.message and "'warning'" in error.message
    assert "above" in error.message and "at_least" in error.message


def test_band_with_neither_threshold(tmp_path: Path) -> None:
    error = broken(tmp_path, 'at_least = "1/3"\n', "")
    assert "broken.toml" in error.message and "'warning'" in error.message


def test_band_on_an_unknown_level(tmp_path: Path) -> None:
    error = broken(tmp_path, 'level = "reject"\nat_least', 'level = "low"\nat_least')
    assert "broken.toml" in error.message and "'low'" in error.message
    assert "unknown level" in error.message


@pytest.mark.parametrize("fraction", ['"3/2"', '"-1/3"', '"two thirds"', '"1/0"'])
def test_band_fraction_outside_0_to_1_or_unreadable(tmp_path: Path, fraction: str) -> None:
    error = broken(tmp_path, 'at_least = "1/3"', f"at_least = {fraction}")
    assert "broken.toml" in error.message and "'warning'" in error.message
    assert fraction.strip('"') in error.message


def test_quorum_fraction_is_checked(tmp_path: Path) -> None:
    error = broken(tmp_path, 'quorum = "1/2"', 'quorum = "3/2"')
    assert "broken.toml" in error.message and "quorum" in error.message


@pytest.mark.parametrize(
    ("old", "new"),
    [('base = "collected"', 'base = "present"'), ('kind = "rating"', 'kind = "poll"')],
)
def test_unknown_enum_value_lists_the_choices(tmp_path: Path, old: str, new: str) -> None:
    error = broken(tmp_path, old, new)
    assert "broken.toml" in error.message
    assert new.split(" = ")[1].strip('"') in error.message


def test_invalid_toml_syntax(tmp_path: Path) -> None:
    error = broken(tmp_path, 'key = "acme-board"', 'key = "acme-board')
    assert "broken.toml" in error.message and "TOML" in error.message


def test_one_level_is_not_enough(tmp_path: Path) -> None:
    text = COMPANY_BOARD.split("[[bands]]")[0].replace(
        '[[levels]]\nkey = "reject"\nlabel_vi = "Không tín nhiệm"\nlabel_en = "Reject"\n', ""
    )
    with pytest.raises(ProfileError):
        parse_profile(text, source="one.toml")


def test_duplicate_level_keys(tmp_path: Path) -> None:
    error = broken(tmp_path, 'key = "reject"', 'key = "approve"')
    assert "broken.toml" in error.message


def test_bands_listed_from_the_highest_are_refused(tmp_path: Path) -> None:
    """`band_for` takes the last band reached; a reversed list would pick the milder one."""
    head, warning, removal = COMPANY_BOARD.split("[[bands]]")
    path = tmp_path / "reversed.toml"
    path.write_text(f"{head}[[bands]]{removal}\n[[bands]]{warning}", encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert "reversed.toml" in caught.value.message and "'warning'" in caught.value.message


@pytest.mark.parametrize("value", ['"9"', "-1", "true", "9.5"])
def test_min_months_in_office_must_be_a_whole_number(tmp_path: Path, value: str) -> None:
    error = broken(
        tmp_path,
        'quorum = "1/2"',
        f'quorum = "1/2"\n\n[exemptions]\nmin_months_in_office = {value}',
    )
    assert "broken.toml" in error.message and "min_months_in_office" in error.message


@pytest.mark.parametrize("levels", ['levels = ["high", "low"]', "levels = 3"])
def test_levels_that_are_not_tables(levels: str) -> None:
    text = f'key = "x"\ntitle_vi = "x"\nbase = "collected"\n{levels}\n'
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, source="x.toml")
    assert "x.toml" in caught.value.message and "levels" in caught.value.message


def test_a_path_that_is_not_toml(tmp_path: Path) -> None:
    path = tmp_path / "profile.txt"
    path.write_text(COMPANY_BOARD, encoding="utf-8")
    with pytest.raises(ProfileError):
        load_profile(path)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        (
            'quorum = "1/2"',
            'quorum = "1/2"\n\n[exemptions]\nretirement_announced = "false"',
            "retirement_announced",
        ),
        (
            'at_least = "1/3"',
            'at_least = "1/3"\ncalls_for_no_confidence_vote = "false"',
            "calls_for_no_confidence_vote",
        ),
    ],
)
def test_flags_must_be_true_or_false(tmp_path: Path, old: str, new: str, key: str) -> None:
    """A quoted "false" would otherwise be read as true."""
    error = broken(tmp_path, old, new)
    assert "broken.toml" in error.message and key in error.message


def test_exemptions_that_are_not_a_table(tmp_path: Path) -> None:
    error = broken(tmp_path, 'quorum = "1/2"', 'quorum = "1/2"\nexemptions = 9')
    assert "broken.toml" in error.message and "exemptions" in error.message
