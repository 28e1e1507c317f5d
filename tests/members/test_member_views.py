"""The register's pages: search by name (accents and case ignored), filters by cell and status,
a constant number of queries however long the list, the forms through their services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.test import Client
from django.urls import reverse

from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body
from tinnhiem.members import services
from tinnhiem.members.models import EventKind, MemberRecord, MemberStatus, OrgUnit


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def names(response: Any) -> list[str]:
    return [r.full_name for r in response.context["page"]]


def test_search_by_name_and_filter_by_cell_and_status(
    body: Body, users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    add_member("Nguyễn Văn Đức", cell="office")
    add_member("Nguyễn Thị Hoa", cell="finance")
    gone = add_member("Trần Văn Đức", cell="finance")
    services.member_transfer_out(
        actor=users["organiser"], record=gone, on=date(2025, 1, 2), destination="Quận 5"
    )
    client = client_for(users["organiser"])
    url = reverse("members:register", args=[body.pk])
    finance = OrgUnit.objects.get(name="Chi bộ Tài chính")
    assert sorted(names(client.get(url, {"q": "van duc"}))) == ["Nguyễn Văn Đức", "Trần Văn Đức"]
    assert names(client.get(url, {"q": "NGUYỄN", "unit": finance.pk})) == ["Nguyễn Thị Hoa"]
    assert names(client.get(url, {"status": "transferred_out"})) == ["Trần Văn Đức"]
    assert names(client.get(url, {"q": "đức", "status": "active"})) == ["Nguyễn Văn Đức"]
    page = client.get(url, {"status": "transferred_out"}).content.decode()
    assert '<option value="transferred_out" selected>Đã chuyển đi</option>' in page
    assert "HN" not in page.split("<tbody>")[1].split("</tbody>")[0]  # no record numbers listed


def test_the_list_costs_the_same_queries_for_3_or_30_members(
    body: Body,
    users: dict[str, Any],
    add_member: Callable[..., MemberRecord],
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(users["organiser"])
    url = reverse("members:register", args=[body.pk])
    for _ in range(3):
        add_member()
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    for _ in range(27):
        add_member()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_the_new_record_form_shows_the_services_problems_on_its_fields(
    body: Body, users: dict[str, Any], cells: dict[str, OrgUnit]
) -> None:
    client = client_for(users["organiser"])
    url = reverse("members:record_new", args=[body.pk])
    data = {
        "unit": cells["office"].pk,
        "full_name": "Hoàng Văn Nam",
        "sex": "male",
        "admitted_on": "2015-05-19",
        "record_number": "12345HN",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "phải gồm 6 chữ số và 1 đến 3 chữ cái" in str(
        response.context["form"].errors["record_number"]
    )
    assert not MemberRecord.objects.exists()
    response = client.post(url, {**data, "record_number": "123456hn"})
    record = MemberRecord.objects.get()
    assert response["Location"] == reverse("members:record", args=[record.pk])
    assert record.record_number == "123456HN"


def test_an_event_form_records_a_dated_change(
    users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    record = add_member()
    client = client_for(users["organiser"])
    url = reverse("members:record_event", args=[record.pk, "leave"])
    client.post(url, {"on": "2025-02-03", "form": "struck_off", "reason": "Bỏ sinh hoạt"})
    record.refresh_from_db()
    assert record.status == MemberStatus.LEFT and record.left_on == date(2025, 2, 3)
    assert record.events.order_by("-id")[0].kind == EventKind.LEFT
    again = client.get(url).content.decode()
    assert "Không ghi được việc này" in again
    assert AuditEvent.objects.filter(action="member.left").count() == 1


def test_import_through_the_pages_preview_then_confirm(body: Body, users: dict[str, Any]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from tests.conftest import xlsx_bytes

    content = xlsx_bytes(
        [
            ["Họ và tên đang dùng", "Giới tính", "Ngày vào Đảng", "Chi bộ"],
            ["Đỗ Văn Tâm", "Nam", "03/02/2012", "Chi bộ Văn phòng"],
        ]
    )
    client = client_for(users["organiser"])
    upload = SimpleUploadedFile("so.xlsx", content)
    preview = client.post(reverse("members:import", args=[body.pk]), {"file": upload})
    assert "Chưa có gì được lưu" in preview.content.decode()
    assert not MemberRecord.objects.exists()
    token = preview.context["token"]
    assert f'name="preview" value="{token}"' in preview.content.decode()
    client.post(reverse("members:import_confirm", args=[body.pk]), {"preview": token})
    assert MemberRecord.objects.get().full_name == "Đỗ Văn Tâm"


def test_the_body_page_links_organisers_to_the_register(body: Body, users: dict[str, Any]) -> None:
    link = reverse("members:register", args=[body.pk])
    assert (
        link in client_for(users["organiser"]).get(reverse("body", args=[body.pk])).content.decode()
    )
    assert (
        link
        not in client_for(users["observer"]).get(reverse("body", args=[body.pk])).content.decode()
    )


def test_a_name_is_found_by_the_beginnings_of_its_words_in_any_order(
    body: Body, users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    for name in ("Nguyễn Thị An", "Lê Anh Tuấn", "Hoàng Văn Nam", "Trần Quân"):
        add_member(name)
    client = client_for(users["organiser"])
    url = reverse("members:register", args=[body.pk])
    assert names(client.get(url, {"q": "an"})) == ["Nguyễn Thị An", "Lê Anh Tuấn"]
    assert names(client.get(url, {"q": "tuan le"})) == ["Lê Anh Tuấn"]
    assert names(client.get(url, {"q": "NGUY an"})) == ["Nguyễn Thị An"]
    assert names(client.get(url, {"q": "uan"})) == []  # inside a word: not a beginning


def test_the_list_keeps_the_registers_order(
    body: Body, users: dict[str, Any], add_member: Callable[..., MemberRecord]
) -> None:
    """The order members were entered, as the export and the paper register number them; not
    grouped by cell name nor sorted by name."""
    for name, cell in (("Vũ Văn Bình", "office"), ("Đỗ Thị Ân", "finance"), ("Lý An", "office")):
        add_member(name, cell=cell)
    page = client_for(users["organiser"]).get(reverse("members:register", args=[body.pk]))
    assert names(page) == ["Vũ Văn Bình", "Đỗ Thị Ân", "Lý An"]


def test_past_a_few_hundred_cells_the_cell_is_typed_not_picked(
    body: Body,
    users: dict[str, Any],
    add_member: Callable[..., MemberRecord],
    monkeypatch: Any,
) -> None:
    add_member("Nguyễn Văn Đức", cell="office")
    add_member("Trần Thị Hoa", cell="finance")
    client = client_for(users["organiser"])
    url = reverse("members:register", args=[body.pk])
    short = client.get(url).content.decode()
    assert '<select id="unit" name="unit">' in short and 'name="cell"' not in short
    monkeypatch.setattr("tinnhiem.members.search.CELLS_TO_PICK", 1)
    page = client.get(url, {"cell": "tai CHINH"})
    html = page.content.decode()
    assert '<select id="unit"' not in html and "Chi bộ Văn phòng" not in html.split("<tbody>")[0]
    assert 'id="cell" name="cell" type="search" value="tai CHINH"' in html
    assert "2 chi bộ" in html
    assert names(page) == ["Trần Thị Hoa"]
    assert names(client.get(url, {"cell": "không có"})) == []
