"""The quarterly reconciliation of the register: who was in it at the start of the quarter, who
came (admitted, transferred in), who went (transferred out, left, died), who is in it at the end.
Computed from each record's dated events. Per party cell, a move between cells is an exit of the
cell left and an entry of the cell joined; over the body the two cancel out. No Django import."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta

ENTRIES = ("admitted", "transferred_in", "moved_in")
EXITS = ("transferred_out", "moved_out", "left", "died")


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
    moved_in: int = 0  # from another party cell of the body
    transferred_out: int = 0
    moved_out: int = 0  # to another party cell of the body
    left: int = 0
    died: int = 0
    at_end: int = 0

    @property
    def is_balanced(self) -> bool:
        """Start + admitted + transferred in + moved in − transferred out − moved out − left −
        died = end."""
        came = self.admitted + self.transferred_in + self.moved_in
        went = self.transferred_out + self.moved_out + self.left + self.died
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


def by_cell(
    first_cell: str, events: Sequence[tuple[date, str, str]]
) -> list[tuple[str, list[tuple[date, str]]]]:
    """One record's events split into each party cell's own timeline. `events` are (day, kind,
    cell joined) in order, the cell given for a move ("moved") only; the record starts in
    `first_cell`. A move is "moved_out" of the cell left and "moved_in" of the cell joined."""
    timelines: dict[str, list[tuple[date, str]]] = {first_cell: []}
    cell = first_cell
    for day, kind, joined in events:
        if kind == "moved":
            timelines[cell].append((day, "moved_out"))
            cell = joined
            timelines.setdefault(cell, []).append((day, "moved_in"))
        else:
            timelines[cell].append((day, kind))
    return list(timelines.items())
