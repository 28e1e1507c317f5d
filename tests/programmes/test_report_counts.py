"""The by-agency table counted by the database (`agency_report`) gives exactly what the steering
core's rules give task by task (`agency_report_by_rules`), at every boundary: completed on the
deadline, a deadline on the as-of date, routine tasks, stops, extensions, reminders."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from tinnhiem.programmes.models import Agency, Extension, Programme, Reminder, Task
from tinnhiem.programmes.reports import agency_report, agency_report_by_rules
from tinnhiem.programmes.tables import period_tables
from tinnhiem.steering.tasks import Basis

DAY = date(2022, 6, 30)
AGENCY_KEYS = ["agency", "total", "done_on_time", "done_late", "open_within", "open_overdue",
               "due", "due_done_rate"]  # fmt: skip
NEAR = [DAY + timedelta(days=offset) for offset in (-2, -1, 0, 1, 2)]


def rows(report: Any) -> list[dict[str, Any]]:
    return [
        row.as_dict()
        | {"stopped": row.stopped, "reminders": row.reminders, "due_done": row.due_done}
        for row in [*report.agencies, report.total]
    ]


def test_the_database_counts_as_the_rules_do(committee, people) -> None:
    rng = random.Random(7)
    programme = Programme.objects.create(body=committee, code="P", title="P")
    agencies = [Agency.objects.create(body=committee, name=f"Sở {n}") for n in "ABCD"]
    office = people["office"]
    for number in range(240):
        deadline = rng.choice([None, *NEAR])
        task = Task.objects.create(
            programme=programme,
            code=f"T{number}",
            title="Việc",
            lead=rng.choice(agencies),
            deadline=deadline,
            completed_on=rng.choice([None, None, *NEAR]),
            stopped_on=rng.choice([None, None, None, *NEAR]),
        )
        if deadline is not None and rng.random() < 0.3:
            for step in range(rng.randint(1, 2)):
                Extension.objects.create(
                    task=task,
                    new_deadline=deadline + timedelta(days=1 + step),
                    document="CV",
                    approved_by=office,
                    # approved before or after the dates reported on: a report counts only
                    # the extensions known on its date
                    approved_at=timezone.make_aware(
                        datetime.combine(rng.choice(NEAR) - timedelta(days=1), time(9))
                    ),
                )
        for _ in range(rng.randint(0, 2)):
            Reminder.objects.create(task=task, sent_on=DAY, sent_by=office)
    for as_of in NEAR:
        for basis in Basis:
            expected = rows(agency_report_by_rules(programme, as_of, basis))
            assert rows(agency_report(programme, as_of, basis)) == expected, (as_of, basis)
    assert rows(agency_report(programme, DAY))[-1]["total"] > 0
    # the period report's tables (what a snapshot freezes) count extensions the same way
    tables = period_tables(programme, start=date(2022, 4, 1), cut_off=DAY)
    report = agency_report(programme, DAY)
    assert [{k: row[k] for k in AGENCY_KEYS} for row in tables["agencies"]] == [
        row.as_dict() for row in report.agencies
    ]
    assert any(task["extended_to"] for task in tables["tasks"])


def test_an_empty_programme(committee) -> None:
    programme = Programme.objects.create(body=committee, code="P", title="P")
    report = agency_report(programme, DAY)
    assert report.agencies == [] and report.total.due_done_rate is None
