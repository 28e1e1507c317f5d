"""Watched cases (vụ án, vụ việc): the stages counted, and a period's flow (T6b).

No defendant is named anywhere: stages count cases and defendants only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Stage(StrEnum):
    """The stages a case's events record, in the order of the criminal procedure."""

    PROSECUTION = "prosecution"  # khởi tố
    INVESTIGATION_CONCLUDED = "investigation_concluded"  # kết luận điều tra
    INDICTMENT = "indictment"  # truy tố
    FIRST_INSTANCE = "first_instance"  # xét xử sơ thẩm
    APPEAL = "appeal"  # xét xử phúc thẩm
    ENFORCEMENT = "enforcement"  # thi hành án


STAGE_LABELS: dict[Stage, tuple[str, str]] = {
    Stage.PROSECUTION: ("Khởi tố", "Prosecution"),
    Stage.INVESTIGATION_CONCLUDED: ("Kết luận điều tra", "Investigation concluded"),
    Stage.INDICTMENT: ("Truy tố", "Indictment"),
    Stage.FIRST_INSTANCE: ("Xét xử sơ thẩm", "First-instance trial"),
    Stage.APPEAL: ("Xét xử phúc thẩm", "Appeal trial"),
    Stage.ENFORCEMENT: ("Thi hành án", "Enforcement"),
}


class Level(StrEnum):
    """Whose watch list holds the case."""

    CENTRAL = "central"  # Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, lãng phí, tiêu cực
    INTERNAL_AFFAIRS = "internal_affairs"  # Ban Nội chính Trung ương
    PROVINCE = "province"  # Ban Chỉ đạo cấp tỉnh


LEVEL_LABELS: dict[Level, tuple[str, str]] = {
    Level.CENTRAL: ("Ban Chỉ đạo Trung ương", "Central steering committee"),
    Level.INTERNAL_AFFAIRS: ("Ban Nội chính Trung ương", "Central Internal Affairs Commission"),
    Level.PROVINCE: ("Ban Chỉ đạo tỉnh, thành phố", "Provincial steering committee"),
}


@dataclass(frozen=True)
class CaseDates:
    listed_on: date
    removed_on: date | None = None  # taken off the list (with its approval)
    closed_on: date | None = None  # the last stage reached (enforcement), or the matter ended
    defendants: int = 0


@dataclass(frozen=True)
class Flow:
    """Carried over, new, closed, dropped and remaining, in cases and in defendants."""

    carried_over: int
    new: int
    closed: int
    dropped: int
    remaining: int
    defendants_carried_over: int
    defendants_new: int
    defendants_remaining: int


def _is_open(case: CaseDates, day: date) -> bool:
    """Followed on `day`: listed by then and neither closed nor removed before it."""
    if case.listed_on > day:
        return False
    ended = [d for d in (case.removed_on, case.closed_on) if d is not None]
    return not ended or min(ended) >= day


def flow(cases: Iterable[CaseDates], start: date, end: date) -> Flow:
    """The period [start, end]: carried over from before `start`, new in it, closed or dropped in
    it, remaining at its end. carried_over + new = closed + dropped + remaining."""
    carried = new = closed = dropped = remaining = 0
    d_carried = d_new = d_remaining = 0
    for case in cases:
        if case.listed_on > end:
            continue
        before = case.listed_on < start and _is_open(case, start)
        if case.listed_on < start and not before:
            continue  # ended before the period
        if before:
            carried += 1
            d_carried += case.defendants
        else:
            new += 1
            d_new += case.defendants
        ended = [d for d in (case.removed_on, case.closed_on) if d is not None and d <= end]
        if not ended:
            remaining += 1
            d_remaining += case.defendants
        elif case.removed_on is not None and case.removed_on == min(ended):
            dropped += 1
        else:
            closed += 1
    return Flow(carried, new, closed, dropped, remaining, d_carried, d_new, d_remaining)
