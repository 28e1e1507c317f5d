"""The quarterly reconciliation of the register: who was in it at the start of the quarter, who
came (admitted, transferred in), who went (transferred out, left, died), who is in it at the end.
Computed from each record's dated events. No Django import."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta

ENTRIES = ("admitted", "transferred_in")
EXITS = ("transferred_out", "left", "died")


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        if self.number == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.number + 1, 1) - timedelta(days=1)

    @property
    def label_vi(self) -> str:
        return f"Quý {self.number}/{self.year}"

    @property
    def label_en(self) -> str:
        return f"Q{self.number} {self.year}"

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)


@dataclass
class Figures:
    at_start: int = 0
    admitted: int = 0
    transferred_in: int = 0
    transferred_out: int = 0
    left: int = 0
    died: int = 0
    at_end: int = 0

    @property
    def is_balanced(self) -> bool:
        """Start + admitted + transferred in − transferred out − left − died = end."""
        came = self.admitted + self.transferred_in
        went = self.transferred_out + self.left + self.died
        return self.at_start + came - went == self.at_end

    def add(self, other: Figures) -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def as_row(self) -> list[int]:
        return [getattr(self, item.name) for item in fields(self)]


def is_present(events: Sequence[tuple[date, str]], day: date) -> bool:
    """In the register at the end of `day`: the last event on or before it was an entry."""
    state = False
    for happened_on, kind in events:
        if happened_on > day:
            break
        state = kind in ENTRIES
    return state


def record_figures(events: Sequence[tuple[date, str]], quarter: Quarter) -> Figures:
    """One record's contribution; `events` sorted by date."""
    figures = Figures(
        at_start=int(is_present(events, quarter.start - timedelta(days=1))),
        at_end=int(is_present(events, quarter.end)),
    )
    for happened_on, kind in events:
        if quarter.start <= happened_on <= quarter.end:
            setattr(figures, kind, getattr(figures, kind) + 1)
    return figures


def reconcile(
    records: Iterable[tuple[str, Sequence[tuple[date, str]]]], quarter: Quarter, units: list[str]
) -> tuple[dict[str, Figures], Figures]:
    """Figures per unit (every unit listed, in the order given) and the total. Each record's
    events come in the order they happened (by date, then as recorded)."""
    per_unit = {unit: Figures() for unit in units}
    total = Figures()
    for unit, events in records:
        figures = record_figures(events, quarter)
        per_unit.setdefault(unit, Figures()).add(figures)
        total.add(figures)
    return per_unit, total
