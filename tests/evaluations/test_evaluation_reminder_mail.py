"""Reminders by e-mail: one message per cadre who has not submitted, a summary to each unit head,
in Vietnamese then English, through Django's e-mail backend; `--dry-run` only lists. And the
dashboards' quota use of approved quarters and years, on the page and in the spreadsheet."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook
from tests.evaluations.conftest import client_for, reviewed
from tests.evaluations.national import month_of, national_unit

from tinnhiem.cli.reminders import Command as RemindersCommand
from tinnhiem.evaluations import annual, quarterly, services


def addresses(org: SimpleNamespace) -> None:
    for key, email in (("cadre", "an@example.vn"), ("cadre2", "binh@example.vn")):
        org.users[key].email = email
        org.users[key].save()
    org.users["head"].email = "truong@example.vn"
    org.users["head"].save()


def test_one_mail_per_cadre_not_submitted_and_a_summary_to_the_head(org: SimpleNamespace) -> None:
    addresses(org)
    reviewed(org, {org.cadres[2]: 80})  # Cường submitted and was reviewed: no reminder
    out = io.StringIO()
    call_command(RemindersCommand(), "--days", "15", stdout=out)
    text = out.getvalue()
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {"an@example.vn", "binh@example.vn", "truong@example.vn"}
    an = sent["an@example.vn"]
    assert an.subject.startswith("[tinnhiem] Nhắc tự đánh giá tháng 03/2026")
    assert an.body.index("Kính gửi Nguyễn Văn An") < an.body.index("Dear Nguyễn Văn An")
    assert "chưa nộp phiếu tự đánh giá tháng 03/2026" in an.body and "còn 10 ngày" in an.body
    summary = sent["truong@example.vn"].body
    assert (
        "Chưa nộp tự đánh giá: Lê Thị Quản, Nguyễn Văn An, Phạm Thị Bình, Đặng Thị Dung" in summary
    )
    assert (
        "Not submitted: Lê Thị Quản, Nguyễn Văn An" in summary and "Hoàng Văn Cường" not in summary
    )
    assert "Không có địa chỉ thư / no e-mail address: Đặng Thị Dung (cán bộ / cadre)" in text
    assert "Đã gửi 3 thư nhắc. / 3 reminders sent." in text


def test_a_dry_run_only_lists(org: SimpleNamespace) -> None:
    addresses(org)
    out = io.StringIO()
    call_command(RemindersCommand(), "--days", "15", "--dry-run", stdout=out)
    text = out.getvalue()
    assert mail.outbox == []
    assert "Sẽ gửi / would send: an@example.vn — Nguyễn Văn An (Phòng Tổng hợp)" in text
    assert "Dry run: no e-mail sent (3 would be sent)." in text


def test_nobody_late_sends_nothing(org: SimpleNamespace) -> None:
    out = io.StringIO()
    call_command(RemindersCommand(), "--days", "0", stdout=out)
    assert "Không ai chậm" in out.getvalue() and mail.outbox == []


def test_the_dashboards_show_the_quota_use_of_quarters_and_years(org: SimpleNamespace) -> None:
    nat = national_unit(org)
    month_of(org, nat, 4, 96, 93, 91, 85, 72, 95)
    keep = [nat.cadres[0].pk]
    quarterly.quarter_approve(
        actor=org.users["head"], unit=nat.unit, year=2026, quarter=2, keep=keep
    )
    annual.year_grade(actor=org.users["head"], unit=nat.unit, year=2026, keep=[])
    head = client_for(org.users["head"])
    url = reverse("evaluations:unit_dashboard", args=[nat.unit.pk])
    text = head.get(url, {"year": 2026}).content.decode()
    assert "Sử dụng hạn mức quý và năm" in text
    assert "<td>Quý 2</td><td>Phòng Nghiệp vụ</td><td>Chuyên viên</td>" in text
    assert "<td>Năm 2026</td><td>Phòng Nghiệp vụ</td>" in text
    assert "đã phê duyệt" in text
    xlsx = head.get(reverse("evaluations:unit_dashboard_xlsx", args=[nat.unit.pk]), {"year": 2026})
    book = load_workbook(io.BytesIO(xlsx.content))
    longer = [[c.value for c in row] for row in book["Hạn mức quý, năm"].iter_rows(min_row=2)]
    assert ["Quý 2", "Phòng Nghiệp vụ", "Chuyên viên", "excellent", "20%", 5, 1, 3, 1, 2] in longer
    quarters = [[c.value for c in row] for row in book["Xếp loại quý"].iter_rows(min_row=2)]
    assert [2, "Phòng Nghiệp vụ", "Lý Văn Một", 1, 96, "excellent"] in quarters
    years = {row[1].value: row for row in book["Xếp loại năm"].iter_rows(min_row=2)}
    assert years["Mai Thị Hai"][4].value == "good"
    assert services.today()  # the dashboard reads the stored approvals, whatever the day


def test_no_reminder_is_printed_when_mail_is_not_delivered(
    org: SimpleNamespace, capfd: pytest.CaptureFixture[str]
) -> None:
    """The console backend would print every body: the command refuses and prints none."""
    addresses(org)
    out = io.StringIO()
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"),
        pytest.raises(CommandError, match="No mail server is configured"),
    ):
        call_command(RemindersCommand(), "--days", "15", stdout=out)
    printed = out.getvalue() + "".join(capfd.readouterr())
    assert "Kính gửi" not in printed and "Dear " not in printed
    assert mail.outbox == []
