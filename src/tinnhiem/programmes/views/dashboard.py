"""A programme's dashboard at today's date: counts by status, the by-agency table (T1), the
tasks overdue or escalated (the most urgent of them, with their number), the targets; the
charts are inline SVG built here."""

from __future__ import annotations

from django.db.models import Count, F, Window
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tinnhiem.core.i18n import choose, is_english
from tinnhiem.programmes import access, charts
from tinnhiem.programmes.models import Indicator, Task
from tinnhiem.programmes.reports import agency_report
from tinnhiem.programmes.targets import assessment
from tinnhiem.programmes.views.common import flags, guarded, programme_for
from tinnhiem.programmes.views.pages import task_rows
from tinnhiem.programmes.workflow import escalated
from tinnhiem.steering.indicators import VERDICT_LABELS
from tinnhiem.steering.tasks import STATE_LABELS, State

CHART_AGENCIES = 15  # the chart shows the agencies with the most tasks; the table shows all
# the escalated tasks listed, the longest overdue first (then the most reminded); the programme
# page lists them all (a programme of 25,000 tasks may have 9,000 overdue: 2 s to draw them)
ATTENTION_SHOWN = 50


@guarded
def dashboard(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_for(request, programme_id, access.READ_TASKS)
    today = timezone.localdate()
    report = agency_report(programme, today)
    total = report.total
    states = [
        (state, STATE_LABELS[state], getattr(total, state.value))
        for state in (
            State.DONE_ON_TIME,
            State.DONE_LATE,
            State.OPEN_WITHIN,
            State.OPEN_OVERDUE,
            State.STOPPED,
        )
    ]
    urgent = (
        escalated(Task.objects.filter(programme=programme), today)
        .annotate(flagged=Window(Count("pk")))  # how many in all, in the same query
        .order_by(F("counted_deadline").asc(nulls_last=True), F("reminded").desc(), "code")
    )
    first = list(urgent.values_list("pk", "flagged")[:ATTENTION_SHOWN])
    chosen = [pk for pk, _ in first]
    flagged_count = first[0][1] if first else 0
    attention = sorted(
        task_rows(Task.objects.filter(pk__in=chosen), today),
        key=lambda row: chosen.index(row.task.pk),
    )
    indicators = list(Indicator.objects.filter(programme=programme).order_by("name", "period"))
    targets = [(i, assessment(i)) for i in indicators]
    return render(
        request,
        "programmes/dashboard.html",
        {
            "programme": programme,
            "today": today,
            "report": report,
            "states": states,
            "attention": attention,
            "attention_count": flagged_count,
            "targets": [(i, a, VERDICT_LABELS[a.verdict]) for i, a in targets],
            "status_chart": _status_chart(states),
            "agency_chart": _agency_chart(report.agencies),
            "target_chart": _target_chart(targets) if targets else None,
            **flags(request, programme.body_id),
        },
    )


def _label(pair: tuple[str, str]) -> str:
    return pair[1] if is_english() else pair[0]


def _status_chart(states: list[tuple[State, tuple[str, str], int]]) -> str:
    bars = []
    for index, (_, label, count) in enumerate(states):
        parts = [0] * len(states)
        parts[index] = count
        bars.append(charts.Bar(_label(label), parts))
    return charts.stacked(
        bars,
        title=choose("Nhiệm vụ theo tình trạng", "Tasks by status"),
        description="; ".join(f"{_label(label)}: {count}" for _, label, count in states),
        ident="status",
    )


def _agency_chart(rows: list) -> str:  # type: ignore[type-arg]
    shown = sorted(rows, key=lambda row: (-row.total, row.agency))[:CHART_AGENCIES]
    bars = [
        charts.Bar(
            row.agency,
            [row.done_on_time, row.done_late, row.open_within, row.open_overdue, row.stopped],
        )
        for row in shown
    ]
    return charts.stacked(
        bars,
        title=choose("Kết quả thực hiện theo cơ quan chủ trì", "Completion by lead agency"),
        description="; ".join(
            f"{row.agency}: {row.done_on_time + row.done_late}/{row.total}" for row in shown
        ),
        ident="agencies",
    )


def _target_chart(targets: list) -> str:  # type: ignore[type-arg]
    rows = [(f"{i.name} ({i.period})", a.percent) for i, a in targets]
    return charts.percents(
        rows,
        title=choose("Chỉ tiêu so với kế hoạch (%)", "Targets against plan (%)"),
        description="; ".join(f"{label}: {share or '—'} %" for label, share in rows),
        ident="targets",
        comma=not is_english(),
    )
