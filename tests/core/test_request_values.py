"""Values a page posts that are not what it sends are refused in both languages, naming the
field: on the page's own form where a person typed them, as a 400 page where only a hand-made
request could get them wrong (a hidden id). Never a 500, never "saved" with a value ignored."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from tests.evaluations.conftest import org as org  # the fixture

from tinnhiem.accounts.models import RoleGrant
from tinnhiem.bodies.models import Body
from tinnhiem.evaluations.models import Period
from tinnhiem.members.units import unit_create
from tinnhiem.votes.models import AggregateCount, BallotEntry, Candidate, VoteSession


def client_of(user: Any, *, english: bool = False) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    if english:
        client.cookies["django_language"] = "en"
    return client


def text_of(response: Any) -> str:
    return str(response.content.decode())


def refused_page(response: Any, vi: str) -> None:
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in text_of(response) and vi in text_of(response)


def test_report_sent_on_that_is_not_a_date(draft: VoteSession, users: dict[str, Any]) -> None:
    candidate = Candidate.objects.filter(session=draft).first()
    assert candidate is not None
    url = reverse("candidate_update", args=[draft.pk, candidate.pk])
    page = client_of(users["organiser"]).post(url, {"report_sent_on": "not-a-date"}, follow=True)
    assert page.status_code == 200
    said = "Ngày gửi cho người lấy phiếu: «not-a-date» không phải ngày hợp lệ (dd/mm/yyyy)"
    assert said in text_of(page)
    assert "Đã lưu báo cáo" not in text_of(page)
    page = client_of(users["organiser"], english=True).post(
        url, {"report_sent_on": "2026-02-30"}, follow=True
    )
    assert "Sent to voters on: &#x27;2026-02-30&#x27; is not a valid date" in text_of(page)
    candidate.refresh_from_db()
    assert candidate.report_sent_on is None
    client_of(users["organiser"]).post(url, {"report_sent_on": "07/12/2023"})
    candidate.refresh_from_db()
    assert candidate.report_sent_on == date(2023, 12, 7)  # as typed, day first


def test_a_ballot_number_that_is_not_a_number(in_count: VoteSession, users: dict[str, Any]) -> None:
    url = reverse("entry", args=[in_count.pk, "1", 1])
    marks = {f"line{i}": "0" for i in range(4)}
    for wrong in ("abc", "0", "²", "9" * 30, "99999999999"):
        page = client_of(users["board1"]).post(url, {"number": wrong, **marks})
        assert page.status_code == 200, wrong  # the entry form again, with the message
        assert "Số thứ tự phiếu: «" in text_of(page)
    assert not BallotEntry.objects.exists()


def test_a_difference_whose_number_is_not_a_number(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    url = reverse("differences", args=[in_count.pk])
    page = client_of(users["board1"]).post(url, {"block": "1", "number": "abc"})
    refused_page(page, "Số thứ tự phiếu: «abc» không phải mã hợp lệ")


def test_revoke_that_is_not_an_id(body: Body, users: dict[str, Any]) -> None:
    url = reverse("people", args=[body.pk])
    refused_page(client_of(users["admin"]).post(url, {"revoke": "abc"}), "Quyền cần bỏ: «abc»")
    page = client_of(users["admin"], english=True).post(url, {"revoke": "99999999999999999999"})
    assert (
        page.status_code == 400
        and "Role to remove: &#x27;99999999999999999999&#x27; is not a valid id" in text_of(page)
    )
    assert RoleGrant.objects.filter(body=body).count() == 5


def test_member_units_with_a_unit_or_item_that_is_not_an_id(
    body: Body, users: dict[str, Any]
) -> None:
    unit_create(actor=users["organiser"], body=body, name="Chi bộ 1")
    url = reverse("members:units", args=[body.pk])
    client = client_of(users["admin"])
    refused_page(client.post(url, {"action": "grant", "unit": "abc"}), "Chi bộ: «abc»")
    refused_page(client.post(url, {"action": "revoke", "item": "abc"}), "Quyền xem: «abc»")
    refused_page(client.post(url, {"action": "revoke"}), "Quyền xem: «» chưa được chọn")


def test_scan_review_with_an_item_that_is_not_an_id(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    url = reverse("review", args=[in_count.pk])
    page = client_of(users["board1"]).post(url, {"item": "abc", "decision": "_"})
    refused_page(page, "Trường hợp cần quyết định: «abc» không phải mã hợp lệ")


def test_a_month_deadline_that_is_not_a_date_is_not_saved(org: SimpleNamespace) -> None:
    period = org.period
    before = (period.deadline, period.approve_by)
    url = reverse("evaluations:period", args=[period.pk])
    page = client_of(org.organiser).post(
        url, {"deadline": "2026-99-99", "approve_by": ""}, follow=True
    )
    assert "Hạn tự đánh giá: «2026-99-99» không phải ngày hợp lệ (dd/mm/yyyy)" in text_of(page)
    assert "Đã lưu hạn của tháng" not in text_of(page)
    period = Period.objects.get(pk=period.pk)
    assert (period.deadline, period.approve_by) == before
    setup = reverse("evaluations:setup", args=[org.body.pk])
    fields = {"action": "period", "year": "2026", "month": "4", "approve_by": "31/04/2026"}
    page = client_of(org.organiser).post(setup, fields, follow=True)
    assert "Hạn phê duyệt: «31/04/2026» không phải ngày hợp lệ" in text_of(page)
    assert not Period.objects.filter(month=4).exists()


def test_filters_in_the_address_that_are_not_numbers(
    body: Body, users: dict[str, Any], org: SimpleNamespace
) -> None:
    client = client_of(users["organiser"])
    report = reverse("members:report", args=[body.pk])
    refused_page(client.get(report, {"quarter": "5"}), "Quý: «5» phải từ 1 đến 4")
    refused_page(client.get(report, {"year": "abc"}), "Năm: «abc» không phải số nguyên")
    assert client.get(report, {"quarter": "2", "year": "2025"}).status_code == 200
    register = reverse("members:register", args=[body.pk])
    refused_page(client.get(register, {"unit": "²"}), "Chi bộ: «²» không phải mã hợp lệ")
    dashboard = reverse("evaluations:dashboard", args=[org.body.pk])
    refused_page(client_of(org.organiser).get(dashboard, {"year": "abc"}), "Năm: «abc»")


def test_hand_counts_that_are_not_whole_numbers_are_named(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    from tinnhiem.votes.services import count_mode_set

    session = count_mode_set(actor=users["board1"], session=in_count, count_mode="aggregate")
    first = session.candidates.first()
    assert first is not None
    url = reverse("aggregate", args=[session.pk])
    page = client_of(users["board1"]).post(url, {f"c{first.pk}_high": "²"})
    assert page.status_code == 200
    said = f"Số phiếu của {first.full_name} — Tín nhiệm cao: «²» không phải số nguyên"
    assert said in text_of(page) and "&#x27;high&#x27;" not in text_of(page)
    assert not AggregateCount.objects.exists()


def test_the_reminders_refuse_a_date_that_is_not_one(db: Any) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from tinnhiem.cli.reminders import Command as RemindersCommand

    with pytest.raises(CommandError, match="--date 2026-99-99: không phải ngày"):
        call_command(RemindersCommand(), "--date", "2026-99-99", "--dry-run")
