"""The whole register is exported in the background: the page asks, the worker writes the marked
file, the exports page offers it to the user who asked, for REGISTER_EXPORT_HOURS, then deletes
it. Nobody else gets the file; every step is logged; a failure leaves no partial file."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tinnhiem.accounts.models import Role
from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body
from tinnhiem.members import exports
from tinnhiem.members.models import ExportStatus, MemberRecord, RegisterExport

Capture = Callable[..., Any]


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    """Each test's files in its own folder (the database forgets its rows after a test)."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def members(body: Body, add_member: Callable[..., MemberRecord]) -> Body:
    for n in range(3):
        add_member(f"Nguyễn Văn {n}")
    return body


@pytest.fixture
def asker(users: dict[str, Any]) -> Client:
    """The organiser who asks for the exports, logged in."""
    client = Client()
    client.force_login(users["organiser"])
    return client


def ask(client: Client, body: Body, capture: Capture) -> Any:
    """Press the export button; the worker (immediate in the tests) runs on commit."""
    with capture(execute=True):
        response = client.post(reverse("members:export", args=[body.pk]))
    return client.get(response.url)


def download_link(page: Any) -> str:
    found = re.findall(r'href="(/members/exports/\d+/)"', page.content.decode())
    assert len(found) == 1, page.content.decode()
    return found[0]


@pytest.mark.django_db
def test_the_page_asks_the_worker_makes_the_file_and_the_asker_downloads_it(
    asker: Client, members: Body, users: dict[str, Any], django_capture_on_commit_callbacks: Capture
) -> None:
    page = ask(asker, members, django_capture_on_commit_callbacks)
    text = page.content.decode()
    assert "Đã nhận yêu cầu xuất sổ" in text and "Sẵn sàng tải về" in text
    assert 'http-equiv="refresh"' not in text  # nothing left to wait for
    response = asker.get(download_link(page))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Cache-Control"] == "no-store"
    assert re.match(
        r'attachment; filename="so-danh-sach-dang-vien-\d+-\d{8}-\d{4}\.xlsx"',
        response["Content-Disposition"],
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet is not None
    assert "Tài liệu mật — xuất bởi organiser" in sheet["A3"].value
    names = [row[1] for row in sheet.iter_rows(min_row=7, values_only=True)]
    assert names == ["Nguyễn Văn 0", "Nguyễn Văn 1", "Nguyễn Văn 2"]
    export = RegisterExport.objects.get()
    assert export.status == ExportStatus.DONE and export.rows == 3
    actions = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-3:] == ["member.export_request", "member.export", "member.export_download"]


@pytest.mark.django_db
def test_only_the_asker_gets_the_file(
    asker: Client,
    members: Body,
    users: dict[str, Any],
    make_user: Callable[..., Any],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    link = download_link(ask(asker, members, django_capture_on_commit_callbacks))
    for other in (users["admin"], make_user("organiser2", Role.ORGANISER, members)):
        asker.force_login(other)  # may export the register, but this file is not theirs
        assert asker.get(link).status_code == 404
        theirs = asker.get(reverse("members:exports", args=[members.pk])).content.decode()
        assert "/members/exports/" not in theirs and "Bạn chưa xuất sổ lần nào." in theirs
    asker.force_login(users["observer"])  # may not even see the exports page
    assert asker.get(link).status_code == 404
    assert asker.get(reverse("members:exports", args=[members.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="member.export_download").exists()


@pytest.mark.django_db
def test_the_page_waits_while_the_file_is_made_and_a_second_press_asks_once(
    asker: Client, members: Body, users: dict[str, Any], django_capture_on_commit_callbacks: Capture
) -> None:
    url = reverse("members:export", args=[members.pk])
    with django_capture_on_commit_callbacks(execute=False) as queued:  # no worker yet
        asker.post(url)
        page = asker.post(url, follow=True)
    assert RegisterExport.objects.count() == 1 and len(queued) == 1
    text = page.content.decode()
    assert 'http-equiv="refresh"' in text and "Đang chờ lập tệp" in text
    assert "Tải về" not in text


@pytest.mark.django_db
def test_an_expired_file_is_deleted_and_no_longer_offered(
    asker: Client, members: Body, users: dict[str, Any], django_capture_on_commit_callbacks: Capture
) -> None:
    link = download_link(ask(asker, members, django_capture_on_commit_callbacks))
    export = RegisterExport.objects.get()
    path = exports.export_path(export)
    assert path.exists()
    RegisterExport.objects.update(finished_at=timezone.now() - timedelta(hours=25))
    page = asker.get(reverse("members:exports", args=[members.pk]))
    assert "Đã hết hạn, tệp đã xóa" in page.content.decode()
    assert not path.exists()
    response = asker.get(link, follow=True)
    assert "Tệp xuất chưa sẵn sàng hoặc đã hết hạn" in response.content.decode()


@pytest.mark.django_db
def test_an_asker_who_lost_the_right_gets_no_file_and_no_partial_file_stays(
    asker: Client, members: Body, users: dict[str, Any], django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as queued:
        asker.post(reverse("members:export", args=[members.pk]))
    users["organiser"].grants.all().delete()  # the role is taken away before the worker runs
    for callback in queued:
        callback()
    export = RegisterExport.objects.get()
    assert export.status == ExportStatus.FAILED and export.rows is None
    assert export.message_vi and export.message_en
    assert list(exports.export_dir().glob(f"register-{export.pk}.*")) == []
    assert not AuditEvent.objects.filter(action="member.export").exists()


@pytest.mark.django_db
def test_every_audit_row_is_written_in_the_services_own_transaction(
    asker: Client,
    members: Body,
    users: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    """In production nothing wraps a request in a transaction, and `audit.record` refuses to run
    outside one; the test's own transaction would hide a missing one, so each call is checked to
    run inside a transaction the service opened itself."""
    outer = len(connection.atomic_blocks)  # the test's transactions
    seen: list[tuple[str, bool]] = []
    real = exports.audit

    def watched(**fields: Any) -> Any:
        seen.append((fields["action"], len(connection.atomic_blocks) > outer))
        return real(**fields)

    monkeypatch.setattr(exports, "audit", watched)
    link = download_link(ask(asker, members, django_capture_on_commit_callbacks))
    response = asker.get(link)
    assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"PK"
    export = RegisterExport.objects.get()
    assert oct(exports.export_path(export).stat().st_mode & 0o777) == "0o600"  # a secret file
    RegisterExport.objects.update(finished_at=timezone.now() - timedelta(hours=25))
    exports.tidy()
    assert seen == [
        ("member.export_request", True),
        ("member.export", True),
        ("member.export_download", True),
        ("member.export_expired", True),
    ]
    made = AuditEvent.objects.get(action="member.export")
    assert made.after["export"] == export.pk and made.after["rows"] == 3


@pytest.mark.django_db
def test_an_expired_link_is_refused_even_before_anyone_opens_the_page(
    asker: Client, members: Body, users: dict[str, Any], django_capture_on_commit_callbacks: Capture
) -> None:
    link = download_link(ask(asker, members, django_capture_on_commit_callbacks))
    RegisterExport.objects.update(finished_at=timezone.now() - timedelta(hours=24, minutes=1))
    response = asker.get(link, follow=True)
    assert "Tệp xuất chưa sẵn sàng hoặc đã hết hạn" in response.content.decode()
    assert not exports.export_path(RegisterExport.objects.get()).exists()
    assert AuditEvent.objects.filter(action="member.export_expired").count() == 1
    assert not AuditEvent.objects.filter(action="member.export_download").exists()


@pytest.mark.django_db
def test_a_crash_while_writing_fails_the_export_and_leaves_no_file(
    members: Body, users: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(**_: Any) -> Any:
        raise OSError("disk full")

    monkeypatch.setattr(exports, "register_write", crash)
    export = exports.export_request(actor=users["organiser"], body=members)
    with pytest.raises(OSError):
        exports.export_build(export.pk)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert export.message_vi.startswith("Không lập được tệp xuất")
    assert list(exports.export_dir().glob("register-*")) == []
    assert AuditEvent.objects.filter(action="member.export_failed").count() == 1
    exports.export_build(export.pk)  # the task run again does nothing
    assert RegisterExport.objects.get().status == ExportStatus.FAILED


@pytest.mark.django_db
def test_an_export_the_worker_never_made_fails_after_an_hour_and_can_be_asked_again(
    asker: Client, members: Body, users: dict[str, Any], django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=False):  # no worker is running
        asker.post(reverse("members:export", args=[members.pk]))
    RegisterExport.objects.update(requested_at=timezone.now() - timedelta(minutes=3))
    page = asker.get(reverse("members:exports", args=[members.pk])).content.decode()
    assert "có thể tiến trình nền chưa chạy" in page
    RegisterExport.objects.update(requested_at=timezone.now() - timedelta(minutes=61))
    page = asker.get(reverse("members:exports", args=[members.pk])).content.decode()
    assert "Tiến trình nền không lập xong tệp" in page and 'http-equiv="refresh"' not in page
    assert AuditEvent.objects.filter(action="member.export_failed").count() == 1
    again = ask(asker, members, django_capture_on_commit_callbacks)
    assert "Sẵn sàng tải về" in again.content.decode()
    assert RegisterExport.objects.count() == 2


@pytest.mark.django_db
def test_one_pending_export_per_user_and_body_is_a_constraint(
    members: Body, users: dict[str, Any]
) -> None:
    first = exports.export_request(actor=users["organiser"], body=members)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegisterExport.objects.create(body=members, requested_by=users["organiser"])
    assert exports.export_request(actor=users["organiser"], body=members) == first


@pytest.mark.django_db
def test_the_english_page_says_the_status_in_english(
    asker: Client, members: Body, users: dict[str, Any], django_capture_on_commit_callbacks: Capture
) -> None:
    asker.cookies["django_language"] = "en"
    page = ask(asker, members, django_capture_on_commit_callbacks).content.decode()
    assert "Ready to download" in page and "Sẵn sàng tải về" not in page
