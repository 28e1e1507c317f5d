"""Inspection and discipline figures, watched cases and reform figures: checked, restricted to
their roles, and every read of a case logged."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tinnhiem.audit.models import AuditEvent
from tinnhiem.core.errors import InputProblem, NotAllowed, WrongState
from tinnhiem.programmes import cases, inspection, reform
from tinnhiem.programmes.models import InspectionFigure, WatchedCase
from tinnhiem.steering import Activity, FigureError, FigureRow, Subject

YEAR = ("2022", date(2022, 1, 1), date(2022, 12, 31))
HANOI_2022 = [
    FigureRow(Activity.SIGNS_OF_VIOLATION, Subject.ORGANISATIONS, 145, 0, 65, 11),
    FigureRow(Activity.SIGNS_OF_VIOLATION, Subject.MEMBERS, 344, 0, 196, 153),
    FigureRow(
        Activity.DISCIPLINE,
        Subject.MEMBERS,
        disciplined=1142,
        forms={"khien_trach": 853, "canh_cao": 144, "cach_chuc": 14, "khai_tru": 131},
    ),
]


def set_figures(actor, committee, rows):
    period, start, end = YEAR
    return inspection.figures_set(
        actor=actor, body=committee, period=period, starts_on=start, ends_on=end, rows=rows
    )


def test_the_inspection_commission_enters_the_period_and_a_second_entry_replaces_it(
    committee, people
) -> None:
    set_figures(people["inspection"], committee, HANOI_2022)
    set_figures(people["inspection"], committee, HANOI_2022[:2])
    assert InspectionFigure.objects.count() == 2
    assert inspection.figure_rows(committee, *YEAR[1:]) == HANOI_2022[:2]
    assert AuditEvent.objects.filter(action="ktgs.set").count() == 2


def test_a_broken_row_is_refused_and_nothing_of_the_table_is_saved(committee, people) -> None:
    broken = FigureRow(Activity.FINANCE, Subject.MEMBERS, 10, 0, 11, 0)
    with pytest.raises(FigureError, match="Row 4"):
        set_figures(people["inspection"], committee, [*HANOI_2022, broken])
    assert not InspectionFigure.objects.exists()


@pytest.mark.parametrize("who", ["office", "steering", "internal", "organiser"])
def test_only_the_inspection_commission_enters_figures(committee, people, who) -> None:
    with pytest.raises(NotAllowed):
        set_figures(people[who], committee, HANOI_2022)


def test_cases_read_only_by_their_roles_every_read_logged(committee, people) -> None:
    case = cases.case_create(
        actor=people["internal"],
        body=committee,
        name="Vụ án tại Công ty X",
        kind="vu_an",
        level="province",
        listed_on=date(2023, 1, 10),
        damage=Decimal("12500000000"),
    )
    for who in ("admin", "office", "inspection", "organiser", "stranger"):
        with pytest.raises(NotAllowed):
            cases.case_list(actor=people[who], body=committee)
    assert [c.pk for c in cases.case_list(actor=people["steering"], body=committee)] == [case.pk]
    cases.case_read(actor=people["internal"], case=case)
    reads = AuditEvent.objects.filter(action="case.read")
    assert [r.actor for r in reads] == ["p.steering", "p.internal"]
    with pytest.raises(NotAllowed):
        cases.case_event(
            actor=people["steering"], case=case, stage="prosecution", on=date(2023, 2, 1)
        )


def test_stages_count_defendants_and_removal_needs_its_document(committee, people) -> None:
    internal = people["internal"]
    case = cases.case_create(
        actor=internal,
        body=committee,
        name="Vụ việc Y",
        kind="vu_viec",
        level="central",
        listed_on=date(2023, 1, 10),
    )
    cases.case_event(
        actor=internal, case=case, stage="prosecution", on=date(2023, 3, 1), defendants=7
    )
    cases.case_event(
        actor=internal, case=case, stage="first_instance", on=date(2023, 9, 30), is_target=True
    )
    with pytest.raises(InputProblem):
        cases.case_remove(actor=internal, case=case, on=date(2023, 7, 20), document=" ")
    cases.case_remove(
        actor=internal, case=case, on=date(2023, 7, 20), document="Kết luận 15-KL/BCĐ"
    )
    with pytest.raises(WrongState):
        cases.case_event(actor=internal, case=case, stage="indictment", on=date(2023, 8, 1))
    flow = cases.case_flow(
        actor=internal, body=committee, start=date(2023, 7, 1), end=date(2023, 9, 30)
    )
    assert (flow.carried_over, flow.dropped, flow.remaining, flow.defendants_carried_over) == (
        1,
        1,
        0,
        7,
    )
    assert WatchedCase.objects.get().removal_approved_by == internal


def test_reform_figures_and_their_shares(committee, people) -> None:
    figure = reform.reform_set(
        actor=people["office"],
        body=committee,
        year=2022,
        abolished=575,
        delegated=700,
        files_total=1000,
        files_online=800,
        files_fully_online=600,
        files_on_time=990,
        par_index=Decimal("91.43"),
        par_rank=3,
    )
    assert reform.shares(figure) == {
        "files_online": "80.00",
        "files_fully_online": "60.00",
        "files_on_time": "99.00",
    }
    with pytest.raises(InputProblem):
        reform.reform_set(
            actor=people["office"], body=committee, year=2022, files_total=10, files_online=11
        )
    with pytest.raises(NotAllowed):
        reform.reform_set(actor=people["inspection"], body=committee, year=2023, abolished=1)
