"""The documents' own fields: the count's start and end recorded by the count itself, the
numbers, copies and recipients set by the office (on the session's page), all printed."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from tests.readback import docx_text, pdf_text

from tinnhiem.audit.models import AuditEvent
from tinnhiem.core.errors import InputProblem
from tinnhiem.votes import counting, services
from tinnhiem.votes.models import VoteSession
from tinnhiem.votes.paperwork import session_paperwork_set
from tinnhiem.votes.printing import document

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def close(session: VoteSession, users: dict[str, Any]) -> VoteSession:
    block = session.blocks.get()
    for operator, user in ((1, users["board1"]), (2, users["board2"])):
        for marks in ("0012", "0000", "1120", "2100", "0000"):
            counting.ballot_record(actor=user, block=block, operator=operator, marks=marks)
    return counting.count_close(actor=users["board1"], session=session, acknowledged_gaps=True)


def test_the_count_records_its_start_and_end_and_a_reopen_clears_the_end(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    started = in_count.count_started_at
    assert started is not None and in_count.count_ended_at is None
    closed = close(in_count, users)
    assert closed.count_started_at == started
    assert closed.count_ended_at is not None and closed.count_ended_at >= started
    reopened = services.session_reopen(actor=users["admin"], session=closed, reason="Kiểm lại")
    reopened.refresh_from_db()
    assert reopened.count_ended_at is None and reopened.count_started_at == started


def test_a_start_the_office_gave_is_kept(draft: VoteSession, users: dict[str, Any]) -> None:
    given = datetime(2023, 12, 7, 14, 5, tzinfo=HANOI)
    session_paperwork_set(actor=users["organiser"], session=draft, count_started_at=given)
    session = services.session_open(actor=users["organiser"], session=draft)
    services.figures_set(actor=users["organiser"], session=session, issued=5)
    session = services.counting_start(actor=users["board1"], session=session)
    session.refresh_from_db()
    assert session.count_started_at == given


def test_the_minutes_print_what_the_office_set(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    closed = close(in_count, users)
    session_paperwork_set(
        actor=users["organiser"],
        session=closed,
        minutes_number="12",
        report_number="5",
        count_started_at=datetime(2023, 12, 7, 14, 5, tzinfo=HANOI),
        count_ended_at=datetime(2023, 12, 7, 15, 20, tzinfo=HANOI),
        copies=3,
        recipients="Thường trực HĐND Thành phố\n\nLưu: VT, BKP",
    )
    event = AuditEvent.objects.filter(action="session.paperwork_set").get()
    assert event.actor == "organiser" and event.after["copies"] == 3
    closed.refresh_from_db()
    for text in (
        pdf_text(document(closed, "minutes", "pdf")[0]),
        docx_text(document(closed, "minutes", "docx")[0]),
    ):
        for expected in (
            "Số: 12/BB-BKP",
            "Hôm nay, vào lúc 14 giờ 05 phút, ngày 07 tháng 12 năm 2023",
            "Biên bản được lập thành 03 bản, kết thúc lúc 15 giờ 20 phút cùng ngày.",
            "Nơi nhận: - Thường trực HĐND Thành phố; - Lưu: VT, BKP.",
        ):
            assert expected in text, expected
    report = pdf_text(document(closed, "results", "pdf")[0])
    assert "Số: 5/BC-BKP" in report
    assert "Thời gian kiểm phiếu: từ 14 giờ 05 phút đến 15 giờ 20 phút" in report


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {
                "count_started_at": datetime(2023, 12, 7, 15, 0, tzinfo=HANOI),
                "count_ended_at": datetime(2023, 12, 7, 14, 0, tzinfo=HANOI),
            },
            "trước giờ bắt đầu",
        ),
        ({"copies": 0}, "từ 1 đến 99"),
        ({"minutes_number": "1" * 41}, "dài quá 40"),
    ],
)
def test_impossible_values_are_refused_and_nothing_changes(
    draft: VoteSession, users: dict[str, Any], changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(InputProblem, match=message):
        session_paperwork_set(actor=users["organiser"], session=draft, **changes)
    draft.refresh_from_db()
    assert draft.copies is None and draft.count_started_at is None and draft.minutes_number == ""


def test_only_the_fields_given_change(draft: VoteSession, users: dict[str, Any]) -> None:
    organiser = users["organiser"]
    session_paperwork_set(actor=organiser, session=draft, minutes_number="12", copies=2)
    session_paperwork_set(actor=organiser, session=draft, copies=3)
    draft.refresh_from_db()
    assert (draft.minutes_number, draft.copies) == ("12", 3)
    late = datetime(2023, 12, 7, 14, 0, tzinfo=HANOI)
    session_paperwork_set(actor=organiser, session=draft, count_started_at=late)
    with pytest.raises(InputProblem, match="trước giờ bắt đầu"):  # checked against what is held
        session_paperwork_set(
            actor=organiser,
            session=draft,
            count_ended_at=datetime(2023, 12, 7, 13, 0, tzinfo=HANOI),
        )
    with pytest.raises(InputProblem, match="Không có trường"):
        session_paperwork_set(actor=organiser, session=draft, minutes="12")


def test_an_observer_cannot_set_them(draft: VoteSession, users: dict[str, Any]) -> None:
    with pytest.raises(Exception, match="không có quyền"):
        session_paperwork_set(actor=users["observer"], session=draft, copies=3)


def test_the_session_page_saves_them_and_keeps_what_was_typed_on_a_mistake(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    client = Client()
    client.force_login(users["organiser"])
    url = reverse("session_paperwork", args=[draft.pk])
    typed = {
        "minutes_number": "12",
        "report_number": "5",
        "count_started_at": "2023-12-07T15:00",
        "count_ended_at": "2023-12-07T14:00",
        "copies": "3",
        "recipients": "Thường trực HĐND Thành phố",
    }
    refused = client.post(url, typed)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert 'value="12"' in page and 'value="2023-12-07T14:00"' in page
    assert "Thường trực HĐND Thành phố</textarea>" in page
    assert "Giờ kết thúc trước giờ bắt đầu" in page and 'aria-invalid="true"' in page
    draft.refresh_from_db()
    assert draft.minutes_number == ""
    saved = client.post(url, typed | {"count_ended_at": "2023-12-07T15:40"})
    assert saved.status_code == 302
    draft.refresh_from_db()
    assert draft.minutes_number == "12" and draft.copies == 3
    assert draft.count_ended_at == datetime(2023, 12, 7, 15, 40, tzinfo=HANOI)
    page = client.get(reverse("session", args=[draft.pk])).content.decode()
    assert 'value="2023-12-07T15:40"' in page and "Thông tin văn bản" in page
