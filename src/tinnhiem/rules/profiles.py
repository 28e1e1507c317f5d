"""Rule profiles: the levels on the ballot, the base of every percentage, the bands with their
consequences, the quorum and who is not voted on.

Built-in profiles are TOML files shipped in `tinnhiem/rules/profiles/`; a custom profile is a TOML
file of the same form (docs/rule-profiles.md). One loader serves both.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

from tinnhiem.rules.arithmetic import parse_fraction
from tinnhiem.rules.errors import ProfileError


class Base(StrEnum):
    """What every percentage and threshold is computed on."""

    COLLECTED = "collected"  # "tổng số phiếu thu về"
    MEMBERS = "members"  # "tổng số đại biểu" / all members of the body


class Kind(StrEnum):
    RATING = "rating"  # lấy phiếu tín nhiệm: three levels
    NO_CONFIDENCE = "no_confidence"  # bỏ phiếu tín nhiệm: two levels


@dataclass(frozen=True)
class Level:
    key: str
    label_vi: str
    label_en: str


@dataclass(frozen=True)
class Band:
    """Reached when `level`'s count over the base is above `threshold` (or at least it)."""

    key: str
    level: str
    threshold: Fraction
    inclusive: bool
    label_vi: str
    label_en: str
    consequence_vi: str
    consequence_en: str
    calls_for_no_confidence_vote: bool = False


@dataclass(frozen=True)
class Exemptions:
    retirement_announced: bool = False
    took_office_in_voting_year: bool = False
    min_months_in_office: int | None = None


@dataclass(frozen=True)
class Profile:
    key: str
    title_vi: str
    title_en: str
    source_vi: str
    kind: Kind
    levels: tuple[Level, ...]
    base: Base
    bands: tuple[Band, ...]
    quorum: Fraction | None
    exemptions: Exemptions
    ballot_title_vi: str
    no_confidence_profile: str | None = None

    @property
    def level_keys(self) -> tuple[str, ...]:
        return tuple(level.key for level in self.levels)

    def level(self, key: str) -> Level:
        for level in self.levels:
            if level.key == key:
                return level
        raise KeyError(key)


BUILTIN_KEYS = ("qd96", "nq96", "nq85", "nq35", "qd96-bpt", "nq96-bpt")


def load_profile(name: str | Path) -> Profile:
    """A built-in profile by key, or a custom profile from a TOML file path."""
    if str(name) in BUILTIN_KEYS:
        return _builtin(str(name))
    path = Path(name)
    if path.suffix.lower() != ".toml" or not path.is_file():
        raise ProfileError(
            f"không có bộ quy tắc '{name}' (có sẵn: {', '.join(BUILTIN_KEYS)}, hoặc một tệp .toml)",
            f"no rule profile '{name}' (built in: {', '.join(BUILTIN_KEYS)}, or a .toml file)",
        )
    return parse_profile(path.read_text("utf-8"), source=path.name)


@functools.cache
def _builtin(key: str) -> Profile:
    """Built-in profiles are read once per process (they are frozen)."""
    text = resources.files("tinnhiem.rules").joinpath(f"profiles/{key}.toml").read_text("utf-8")
    return parse_profile(text, source=f"{key}.toml")


def builtin_profiles() -> list[Profile]:
    return [load_profile(key) for key in BUILTIN_KEYS]


def parse_profile(text: str, *, source: str) -> Profile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(
            f"{source}: TOML không hợp lệ: {exc}", f"{source}: invalid TOML: {exc}"
        ) from exc
    return _profile_from_mapping(data, source=source)


def _require(data: Mapping[str, Any], key: str, source: str) -> Any:
    if key not in data:
        raise ProfileError(f"{source}: thiếu khoá '{key}'", f"{source}: missing key '{key}'")
    return data[key]


def _enum(enum: type[StrEnum], value: Any, key: str, source: str) -> Any:
    try:
        return enum(value)
    except ValueError as exc:
        allowed = ", ".join(member.value for member in enum)
        raise ProfileError(
            f"{source}: '{key}' = '{value}' không hợp lệ (chọn: {allowed})",
            f"{source}: '{key}' = '{value}' is not valid (one of: {allowed})",
        ) from exc


def _tables(data: Mapping[str, Any], key: str, source: str) -> list[Mapping[str, Any]]:
    """An array of tables (`[[levels]]`, `[[bands]]`), checked so a typo gives a ProfileError."""
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(item, Mapping) for item in items):
        raise ProfileError(
            f"{source}: '{key}' phải là một danh sách bảng [[{key}]]",
            f"{source}: '{key}' must be an array of tables [[{key}]]",
        )
    return items


def _exemptions(data: Mapping[str, Any], source: str) -> Exemptions:
    rules = data.get("exemptions", {})
    if not isinstance(rules, Mapping):
        raise ProfileError(
            f"{source}: 'exemptions' phải là một bảng [exemptions]",
            f"{source}: 'exemptions' must be a table [exemptions]",
        )
    months = rules.get("min_months_in_office")
    if months is not None and (
        isinstance(months, bool) or not isinstance(months, int) or months < 0
    ):
        raise ProfileError(
            f"{source}: 'min_months_in_office' = '{months}' phải là số nguyên không âm",
            f"{source}: 'min_months_in_office' = '{months}' must be a whole number of zero or more",
        )
    return Exemptions(
        retirement_announced=_flag(rules, "retirement_announced", source),
        took_office_in_voting_year=_flag(rules, "took_office_in_voting_year", source),
        min_months_in_office=months,
    )


def _flag(data: Mapping[str, Any], key: str, source: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise ProfileError(
            f"{source}: '{key}' = '{value}' phải là true hoặc false",
            f"{source}: '{key}' = '{value}' must be true or false",
        )
    return value


def _profile_from_mapping(data: Mapping[str, Any], *, source: str) -> Profile:
    _require(data, "levels", source)
    levels = tuple(
        Level(
            key=str(_require(item, "key", source)),
            label_vi=str(_require(item, "label_vi", source)),
            label_en=str(item.get("label_en", item["label_vi"])),
        )
        for item in _tables(data, "levels", source)
    )
    level_keys = {level.key for level in levels}
    if len(levels) < 2 or len(level_keys) != len(levels):
        raise ProfileError(
            f"{source}: cần ít nhất hai mức, khoá không trùng nhau",
            f"{source}: at least two levels with distinct keys are needed",
        )
    bands = tuple(_band(item, level_keys, source) for item in _tables(data, "bands", source))
    _check_band_order(bands, source)
    quorum_text = data.get("quorum")
    return Profile(
        key=str(_require(data, "key", source)),
        title_vi=str(_require(data, "title_vi", source)),
        title_en=str(data.get("title_en", data["title_vi"])),
        source_vi=str(data.get("source_vi", "")),
        kind=_enum(Kind, data.get("kind", "rating"), "kind", source),
        levels=levels,
        base=_enum(Base, _require(data, "base", source), "base", source),
        bands=bands,
        quorum=None
        if quorum_text is None
        else parse_fraction(quorum_text, where=f"{source}: quorum"),
        exemptions=_exemptions(data, source),
        ballot_title_vi=str(data.get("ballot_title_vi", "PHIẾU LẤY PHIẾU TÍN NHIỆM")),
        no_confidence_profile=data.get("no_confidence_profile"),
    )


def _band(item: Mapping[str, Any], level_keys: set[str], source: str) -> Band:
    key = str(_require(item, "key", source))
    where = f"{source}: band '{key}'"
    level = str(_require(item, "level", source))
    if level not in level_keys:
        raise ProfileError(f"{where}: mức '{level}' không có", f"{where}: unknown level '{level}'")
    if ("above" in item) == ("at_least" in item):
        raise ProfileError(
            f"{where}: cần đúng một trong 'above' (trên) hoặc 'at_least' (từ ... trở lên)",
            f"{where}: give exactly one of 'above' or 'at_least'",
        )
    inclusive = "at_least" in item
    threshold = parse_fraction(item["at_least"] if inclusive else item["above"], where=where)
    return Band(
        key=key,
        level=level,
        threshold=threshold,
        inclusive=inclusive,
        label_vi=str(item.get("label_vi", key)),
        label_en=str(item.get("label_en", key)),
        consequence_vi=str(_require(item, "consequence_vi", source)),
        consequence_en=str(item.get("consequence_en", item["consequence_vi"])),
        calls_for_no_confidence_vote=_flag(item, "calls_for_no_confidence_vote", where),
    )


def _check_band_order(bands: tuple[Band, ...], source: str) -> None:
    """`band_for` takes the last band reached, so on one level each band must be stricter than
    the ones listed before it; a profile listing them the other way would silently pick the
    milder consequence."""
    for index, later in enumerate(bands):
        for earlier in bands[:index]:
            is_stricter = later.threshold > earlier.threshold or (
                later.threshold == earlier.threshold and earlier.inclusive and not later.inclusive
            )
            if earlier.level == later.level and not is_stricter:
                raise ProfileError(
                    f"{source}: band '{later.key}' phải có ngưỡng cao hơn band '{earlier.key}' "
                    "đứng trước nó (liệt kê từ thấp đến cao)",
                    f"{source}: band '{later.key}' must have a higher threshold than band "
                    f"'{earlier.key}' listed before it (list bands from lowest to highest)",
                )
