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
    members: Body, users: dict[str, Any], django_capture_on_commit_callbacks: Capture
) -> None:
    client = Client()
    client.force_login(users["organiser"])
    page = ask(client, members, django_capture_on_commit_callbacks)
    text = page.content.decode()
    assert "Đã nhận yêu cầu xuất sổ" in text and "Sẵn sàng tải về" in text
    assert 'http-equiv="refresh"' not in text  # nothing left to wait for
    response = client.get(download_link(page))
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
    members: Body,
    users: dict[str, Any],
    make_user: Callable[..., Any],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    client = Client()
    client.force_login(users["organiser"])
    link = download_link(ask(client, members, django_capture_on_commit_callbacks))
    for other in (users["admin"], make_user("organiser2", Role.ORGANISER, members)):
        client.force_login(other)  # may export the register, but this file is not theirs
        assert client.get(link).status_code == 404
        assert (
            "Nguyễn"
            not in client.get(reverse("members:exports", args=[members.pk])).content.decode()
        )
    client.force_login(users["observer"])  # may not even see the exports page
    assert client.get(link).status_code == 404
    assert client.get(reverse("members:exports", args=[members.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="member.export_download").exists()


@pytest.mark.django_db
def test_the_page_waits_while_the_file_is_made_and_a_second_press_asks_once(
    members: Body, users: dict[str, Any], django_capture_on_commit_callbacks: Capture
) -> None:
    client = Client()
    client.force_login(users["organiser"])
    url = reverse("members:export", args=[members.pk])
    with django_capture_on_commit_callbacks(execute=False) as queued:  # no worker yet
        client.post(url)
        page = client.post(url, follow=True)
    assert RegisterExport.objects.count() == 1 and len(queued) == 1
    text = page.content.decode()
    assert 'http-equiv="refresh"' in text and "Đang chờ lập tệp" in text
    assert "Tải về" not in text


@pytest.mark.django_db
def test_an_expired_file_is_deleted_and_no_longer_offered(
    members: Body, users: dict[str, Any], django_capture_on_commit_callbacks: Capture
) -> None:
    client = Client()
    client.force_login(users["organiser"])
    link = download_link(ask(client, members, django_capture_on_commit_callbacks))
    export = RegisterExport.objects.get()
    path = exports.export_path(export)
    assert path.exists()
    RegisterExport.objects.update(finished_at=timezone.now() - timedelta(hours=25))
    page = client.get(reverse("members:exports", args=[members.pk]))
    assert "Đã hết hạn, tệp đã xóa" in page.content.decode()
    assert not path.exists()
    response = client.get(link, follow=True)
    assert "Tệp xuất chưa sẵn sàng hoặc đã hết hạn" in response.content.decode()


@pytest.mark.django_db
def test_an_asker_who_lost_the_right_gets_no_file_and_no_partial_file_stays(
    members: Body, users: dict[str, Any], django_capture_on_commit_callbacks: Capture
) -> None:
    client = Client()
    client.force_login(users["organiser"])
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post(reverse("members:export", args=[members.pk]))
    users["organiser"].grants.all().delete()  # the role is taken away before the worker runs
    for callback in queued:
        callback()
    export = RegisterExport.objects.get()
    assert export.status == ExportStatus.FAILED and export.rows is None
    assert export.message_vi and export.message_en
    assert list(exports.export_dir().glob(f"register-{export.pk}.*")) == []
    assert not AuditEvent.objects.filter(action="member.export").exists()
