"""What the pages, the reminders and the exports read: a month's list with who is late or
missing, the dashboards' figures, and a cadre's profile (posts, monthly and annual grades,
confidence-vote results). Reads only; nothing here writes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from tinnhiem.bodies.models import Holding, Person
from tinnhiem.evaluations.engine import period_scheme
from tinnhiem.evaluations.models import (
    Cadre,
    Evaluation,
    EvaluationStatus,
    Period,
    QuarterApproval,
    Unit,
    UnitApproval,
    YearApproval,
)
from tinnhiem.evaluations.services import today
from tinnhiem.grading import Aggregate, AggregationError, PeriodGrade, Scheme, aggregate
from tinnhiem.rules import Band, Level, PersonResult
from tinnhiem.votes.models import Candidate, VoteSession
from tinnhiem.votes.results import FINAL, session_result, voted_on

NOT_SUBMITTED = (None, EvaluationStatus.DRAFT)


@dataclass(frozen=True)
class Row:
    """One cadre in one month."""

    cadre: Cadre
    evaluation: Evaluation | None
    is_overdue: bool  # past the deadline and not submitted

    @property
    def status(self) -> str:
        return self.evaluation.status if self.evaluation else "missing"

    @property
    def is_submitted(self) -> bool:
        return self.evaluation is not None and self.evaluation.status != EvaluationStatus.DRAFT

    @property
    def is_late(self) -> bool:
        return self.evaluation is not None and self.evaluation.is_late


def month_rows(period: Period, cadres: Iterable[Cadre], *, on: date | None = None) -> list[Row]:
    """Every cadre given, with their evaluation of the month if there is one."""
    day = on or today()
    cadres = list(cadres)
    found = {
        e.cadre_id: e
        for e in Evaluation.objects.filter(period=period, cadre__in=cadres).select_related(
            "unit", "reviewed_by"
        )
    }
    rows = []
    for cadre in cadres:
        evaluation = found.get(cadre.pk)
        is_open = evaluation is None or evaluation.status == EvaluationStatus.DRAFT
        rows.append(Row(cadre, evaluation, is_overdue=is_open and day > period.deadline))
    return rows


@dataclass(frozen=True)
class LateList:
    period: Period
    missing: list[Row]  # not submitted (no form, or a draft); overdue once past the deadline
    late: list[Row]  # submitted after the deadline (allowed, flagged)
    to_review: list[Row]
    units_to_approve: list[Unit]
    is_past_deadline: bool
    is_past_approval: bool


def late_and_missing(
    period: Period, cadres: Iterable[Cadre], units: Iterable[Unit], *, on: date | None = None
) -> LateList:
    day = on or today()
    rows = month_rows(period, cadres, on=day)
    approved = set(
        UnitApproval.objects.filter(period=period, is_current=True).values_list(
            "unit_id", flat=True
        )
    )
    return LateList(
        period=period,
        missing=[r for r in rows if r.cadre.is_active and not r.is_submitted],
        late=[r for r in rows if r.is_late],
        to_review=[r for r in rows if r.status == EvaluationStatus.SUBMITTED],
        units_to_approve=[u for u in units if u.pk not in approved and _has_cadres(u, rows)],
        is_past_deadline=day > period.deadline,
        is_past_approval=day > period.approve_by,
    )


def _has_cadres(unit: Unit, rows: Sequence[Row]) -> bool:
    return any(r.cadre.unit_id == unit.pk and r.cadre.is_active for r in rows)


def points(total: str) -> Decimal | None:
    """A stored total as the engine's exact decimal (None for a grade without points)."""
    return Decimal(total) if total else None


# dashboards


@dataclass(frozen=True)
class QuotaLine:
    unit: str
    band: str
    group: str
    cap: str
    base: int
    allowed: int
    candidates: int
    kept: int
    demoted: int
    is_outstanding: bool

    @property
    def is_exceeded(self) -> bool:
        return self.candidates > self.allowed


@dataclass(frozen=True)
class MonthFigures:
    period: Period
    counts: dict[str, int]  # grade key -> approved evaluations
    approved: int
    waiting: int  # submitted, reviewed or reopened: not approved yet
    missing: int  # active cadres who have not submitted
    late: int  # submitted late (flagged)
    average: Decimal | None  # of the approved totals, exact
    units_late: list[Unit]  # past the approval deadline and not approved
    quota: list[QuotaLine]

    @property
    def label(self) -> str:
        return f"{self.period.month:02d}/{self.period.year}"


@dataclass(frozen=True)
class Dashboard:
    year: int
    units: list[Unit]
    bands: list[tuple[str, str, str]]  # (key, label_vi, label_en), best first
    months: list[MonthFigures] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for month in self.months:
            total.update(month.counts)
        return dict(total)


def dashboard(
    body_id: int, year: int, units: QuerySet[Unit], *, on: date | None = None
) -> Dashboard:
    """The grade distribution, progress, late units and quota use of each month of the year,
    over the units given (the whole body, or one unit)."""
    day = on or today()
    unit_list = list(units)
    periods = list(Period.objects.filter(body_id=body_id, year=year).order_by("month"))
    cadres = list(Cadre.objects.filter(unit__in=unit_list, is_active=True).select_related("person"))
    evaluations = list(
        Evaluation.objects.filter(period__in=periods, unit__in=unit_list).only(
            "period_id", "unit_id", "status", "grade", "total", "is_late", "cadre_id"
        )
    )
    approvals = list(
        UnitApproval.objects.filter(period__in=periods, unit__in=unit_list, is_current=True)
    )
    bands: list[tuple[str, str, str]] = []
    months = []
    for period in periods:
        scheme = period_scheme(period)
        for band in scheme.bands:
            if band.key not in [key for key, _, _ in bands]:
                bands.append((band.key, band.label_vi, band.label_en))
        mine = [e for e in evaluations if e.period_id == period.pk]
        done = [a for a in approvals if a.period_id == period.pk]
        months.append(_month(period, mine, done, unit_list, cadres, day))
    return Dashboard(year=year, units=unit_list, bands=bands, months=months)


def _month(
    period: Period,
    evaluations: list[Evaluation],
    approvals: list[UnitApproval],
    units: list[Unit],
    cadres: list[Cadre],
    day: date,
) -> MonthFigures:
    approved = [e for e in evaluations if e.status == EvaluationStatus.APPROVED]
    submitted = {e.cadre_id for e in evaluations if e.status != EvaluationStatus.DRAFT}
    totals = [Decimal(e.total) for e in approved if e.total]
    average = sum(totals, Decimal(0)) / len(totals) if totals else None
    approved_units = {a.unit_id for a in approvals}
    staffed = {c.unit_id for c in cadres}
    names = {u.pk: u.name for u in units}
    return MonthFigures(
        period=period,
        counts=dict(Counter(e.grade for e in approved)),
        approved=len(approved),
        waiting=sum(
            1
            for e in evaluations
            if e.status not in (EvaluationStatus.DRAFT, EvaluationStatus.APPROVED)
        ),
        missing=sum(1 for c in cadres if c.pk not in submitted),
        late=sum(1 for e in evaluations if e.is_late),
        average=None if average is None else average.quantize(Decimal("0.01")),
        units_late=[
            u
            for u in units
            if day > period.approve_by and u.pk in staffed and u.pk not in approved_units
        ],
        quota=[
            QuotaLine(unit=names[a.unit_id], **_quota_fields(use))
            for a in approvals
            for use in a.quota_use
        ],
    )


def _quota_fields(use: dict[str, Any]) -> dict[str, Any]:
    keys = ("band", "group", "cap", "base", "allowed", "candidates", "kept", "demoted")
    return {key: use[key] for key in keys} | {"is_outstanding": use["is_outstanding"]}


@dataclass(frozen=True)
class LongerQuota:
    """The quota use of an approved quarter ("Quý 2") or year ("Năm") of a unit."""

    label_vi: str
    label_en: str
    line: QuotaLine


def longer_quota(units: Iterable[Unit], year: int) -> list[LongerQuota]:
    """The quota use of the year's current quarterly and annual approvals of these units."""
    unit_list = list(units)
    current = {"unit__in": unit_list, "year": year, "is_current": True}
    labelled: list[tuple[QuarterApproval | YearApproval, str, str]] = [
        *(
            (q, f"Quý {q.quarter}", f"Quarter {q.quarter}")
            for q in QuarterApproval.objects.filter(**current).select_related("unit")
        ),
        *(
            (y, f"Năm {year}", f"Year {year}")
            for y in YearApproval.objects.filter(**current).select_related("unit")
        ),
    ]
    return [
        LongerQuota(vi, en, QuotaLine(unit=approval.unit.name, **_quota_fields(use)))
        for approval, vi, en in labelled
        for use in approval.quota_use
    ]


# the profile


@dataclass(frozen=True)
class YearGrade:
    year: int
    months: int
    aggregate: Aggregate | None
    label_vi: str
    label_en: str


@dataclass(frozen=True)
class VoteLine:
    session: VoteSession
    position: str
    levels: list[tuple[Level, int, str]]
    result: PersonResult

    @property
    def band(self) -> Band | None:
        return self.result.band


@dataclass(frozen=True)
class Profile:
    person: Person
    cadre: Cadre | None
    holdings: list[Holding]
    evaluations: list[Evaluation]  # oldest first
    years: list[YearGrade]
    votes: list[VoteLine]
    labels: dict[str, tuple[str, str]]  # grade key -> (vi, en)
    schemes: dict[int, Scheme]  # period id -> scheme


def profile(cadre: Cadre) -> Profile:
    person = cadre.person
    evaluations = list(
        Evaluation.objects.filter(cadre=cadre)
        .select_related("period", "unit")
        .order_by("period__year", "period__month")
    )
    schemes = {e.period_id: period_scheme(e.period) for e in evaluations}
    labels: dict[str, tuple[str, str]] = {}
    for scheme in schemes.values():
        for band in scheme.bands:
            labels.setdefault(band.key, (band.label_vi, band.label_en))
    return Profile(
        person=person,
        cadre=cadre,
        holdings=list(
            Holding.objects.filter(person=person)
            .select_related("post", "term")
            .order_by("-is_current", "-took_office_on", "post__rank")
        ),
        evaluations=evaluations,
        years=year_grades(evaluations, schemes),
        votes=confidence_votes(person),
        labels=labels,
        schemes=schemes,
    )


def year_grades(evaluations: Sequence[Evaluation], schemes: dict[int, Scheme]) -> list[YearGrade]:
    """Each year's grade from its approved months by the scheme's aggregation (the average of
    the totals for Hanoi and national), before the annual rules and the annual quota."""
    years: dict[int, list[Evaluation]] = {}
    for evaluation in evaluations:
        if evaluation.status == EvaluationStatus.APPROVED:
            years.setdefault(evaluation.period.year, []).append(evaluation)
    found = []
    for year, months in sorted(years.items()):
        scheme = schemes[months[-1].period_id]
        periods = [PeriodGrade(total=points(e.total), grade=e.grade) for e in months]
        try:
            result: Aggregate | None = aggregate(scheme, periods)
        except AggregationError:
            result = None  # the scheme changed within the year: no figure, rather than a wrong one
        band = scheme.band(result.grade) if result else None
        found.append(
            YearGrade(
                year=year,
                months=len(months),
                aggregate=result,
                label_vi=band.label_vi if band else "",
                label_en=band.label_en if band else "",
            )
        )
    return found


def confidence_votes(person: Person) -> list[VoteLine]:
    """Every final (closed or published) confidence vote on this person, with its band: the
    rule engine's result for the session, matched to the person by the candidates' order."""
    candidates = (
        Candidate.objects.filter(person=person, is_excluded=False, session__status__in=FINAL)
        .select_related("session")
        .order_by("session__held_on", "session_id")
    )
    lines = []
    for candidate in candidates:
        session = candidate.session
        result = session_result(session)
        order = [c.pk for c in voted_on(session)]
        found = result.people[order.index(candidate.pk)]
        levels = [
            (level, found.counts[level.key], found.percent[level.key])
            for level in result.profile.levels
        ]
        lines.append(VoteLine(session, candidate.position, levels, found))
    return lines
