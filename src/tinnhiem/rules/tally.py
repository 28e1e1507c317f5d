"""From counts to the result the rules require: percentages on the profile's base, and the band
each person reaches. Every comparison is on integers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tinnhiem.rules.arithmetic import exceeds, percent
from tinnhiem.rules.errors import (
    CollectedExceedsIssued,
    CountExceedsBallots,
    InvalidCount,
    MembersRequired,
)
from tinnhiem.rules.profiles import Band, Base, Profile

NO_BAND = "none"


@dataclass(frozen=True)
class SessionFigures:
    """The session's own inputs. `collected` left out is taken as the largest line total."""

    members: int | None = None
    issued: int | None = None
    collected: int | None = None
    summoned: int | None = None
    present: int | None = None


@dataclass(frozen=True)
class CountLine:
    """One person's counts: `counts` maps level key to count; `invalid` lines blank or invalid
    for this person only. `row` is where the line came from, for messages."""

    name: str
    position: str
    counts: Mapping[str, int]
    invalid: int = 0
    row: int | None = None


@dataclass(frozen=True)
class PersonResult:
    name: str
    position: str
    counts: Mapping[str, int]
    invalid: int
    valid: int
    percent: Mapping[str, str]
    band: Band | None

    @property
    def band_key(self) -> str:
        return self.band.key if self.band else NO_BAND


@dataclass(frozen=True)
class TallyResult:
    profile: Profile
    base: int
    members: int | None
    issued: int
    collected: int
    is_collected_inferred: bool
    people: tuple[PersonResult, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `tinnhiem tally --format json` and `tinnhiem results`."""
        return {
            "profile": self.profile.key,
            "base": self.base,
            "base_kind": self.profile.base.value,
            "members": self.members,
            "issued": self.issued,
            "collected": self.collected,
            "levels": list(self.profile.level_keys),
            "officials": [self._person_dict(person) for person in self.people],
        }

    @staticmethod
    def _person_dict(person: PersonResult) -> dict[str, Any]:
        band = person.band
        return {
            "name": person.name,
            "position": person.position,
            **{key: count for key, count in person.counts.items()},
            "valid": person.valid,
            "invalid": person.invalid,
            "percent": dict(person.percent),
            "band": person.band_key,
            "consequence": (
                {"vi": band.consequence_vi, "en": band.consequence_en} if band else None
            ),
            "calls_for_no_confidence_vote": bool(band and band.calls_for_no_confidence_vote),
        }


def band_for(profile: Profile, counts: Mapping[str, int], base: int) -> Band | None:
    """The highest band reached (bands are listed from lowest to highest), or None."""
    if base <= 0:
        return None
    reached = None
    for band in profile.bands:
        if exceeds(counts.get(band.level, 0), base, band.threshold, inclusive=band.inclusive):
            reached = band
    return reached


def quorum_met(profile: Profile, *, summoned: int, present: int) -> bool:
    """At least the profile's quorum of those summoned is present (True when it has none)."""
    if profile.quorum is None:
        return True
    return exceeds(present, summoned, profile.quorum, inclusive=True)


def tally(profile: Profile, figures: SessionFigures, lines: Sequence[CountLine]) -> TallyResult:
    """Check every count, then compute each person's percentages and band."""
    for line in lines:
        _check_counts(profile, line)
    collected, inferred = _collected(figures, lines)
    issued = collected if figures.issued is None else _whole(figures.issued, "issued")
    if collected > issued:
        raise CollectedExceedsIssued(
            f"số phiếu thu về ({collected}) lớn hơn số phiếu phát ra ({issued})",
            f"ballots collected ({collected}) exceed ballots issued ({issued})",
            field="collected",
        )
    base = _base(profile, figures, collected)
    people = []
    for line in lines:
        _check_total(profile, line, collected)
        counts = {key: line.counts.get(key, 0) for key in profile.level_keys}
        people.append(
            PersonResult(
                name=line.name,
                position=line.position,
                counts=counts,
                invalid=line.invalid,
                valid=sum(counts.values()),
                percent={key: percent(count, base) for key, count in counts.items()},
                band=band_for(profile, counts, base),
            )
        )
    return TallyResult(
        profile=profile,
        base=base,
        members=figures.members,
        issued=issued,
        collected=collected,
        is_collected_inferred=inferred,
        people=tuple(people),
    )


def ranked(result: TallyResult) -> list[PersonResult]:
    """A ranking view: most of the top level first, then fewest of the bottom level."""
    top, bottom = result.profile.level_keys[0], result.profile.level_keys[-1]
    return sorted(result.people, key=lambda p: (-p.counts[top], p.counts[bottom], p.name))


def _whole(value: object, field_name: str, row: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidCount(
            f"'{value}' không phải là số nguyên không âm",
            f"'{value}' is not a whole number of zero or more",
            row=row,
            field=field_name,
        )
    return value


def _check_counts(profile: Profile, line: CountLine) -> None:
    for key in line.counts:
        if key not in profile.level_keys:
            raise InvalidCount(
                f"mức '{key}' không có trong bộ quy tắc {profile.key}",
                f"level '{key}' is not in profile {profile.key}",
                row=line.row,
                field=key,
            )
        _whole(line.counts[key], key, line.row)
    _whole(line.invalid, "invalid", line.row)


def _collected(figures: SessionFigures, lines: Sequence[CountLine]) -> tuple[int, bool]:
    if figures.collected is not None:
        return _whole(figures.collected, "collected"), False
    totals = [sum(line.counts.values()) + line.invalid for line in lines]
    return max(totals, default=0), True


def _base(profile: Profile, figures: SessionFigures, collected: int) -> int:
    if profile.base is Base.COLLECTED:
        return collected
    if figures.members is None:
        raise MembersRequired(
            f"bộ quy tắc {profile.key} tính trên tổng số thành viên (đại biểu): "
            "cần nhập số thành viên (--members)",
            f"profile {profile.key} counts on all members of the body: "
            "the number of members is required (--members)",
            field="members",
        )
    members = _whole(figures.members, "members")
    if collected > members:
        raise CountExceedsBallots(
            f"số phiếu thu về ({collected}) lớn hơn tổng số thành viên ({members})",
            f"ballots collected ({collected}) exceed the members of the body ({members})",
            field="collected",
        )
    return members


def _check_total(profile: Profile, line: CountLine, collected: int) -> None:
    for key in profile.level_keys:
        count = line.counts.get(key, 0)
        if count > collected:
            raise CountExceedsBallots(
                f"{count} phiếu lớn hơn số phiếu thu về ({collected})",
                f"{count} exceeds the ballots collected ({collected})",
                row=line.row,
                field=key,
            )
    total = sum(line.counts.values()) + line.invalid
    if total > collected:
        columns = "+".join([*profile.level_keys, "invalid"] if line.invalid else profile.level_keys)
        raise CountExceedsBallots(
            f"tổng {total} phiếu của {line.name} lớn hơn số phiếu thu về ({collected})",
            f"the total of {total} for {line.name} exceeds the ballots collected ({collected})",
            row=line.row,
            field=columns,
        )
