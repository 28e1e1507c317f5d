"""Who sees which record: administrators and organisers of the body see every cell; observers and
board members read only the cells opened to them and change nothing; another body's organiser
sees a 404. Every opening of a full record is logged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tinnhiem.accounts.models import RoleGrant
from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body
from tinnhiem.core.errors import InputProblem, NotAllowed
from tinnhiem.members.models import MemberRecord, OrgUnit, UnitAccess
from tinnhiem.members.services import member_read
from tinnhiem.members.units import unit_access_grant


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two(add_member: Callable[..., MemberRecord]) -> dict[str, MemberRecord]:
    return {
        "office": add_member("Nguyễn Văn An", cell="office"),
        "finance": add_member("Trần Thị Bình", cell="finance"),
    }


@pytest.fixture
def observer_reads_office(users: dict[str, Any], cells: dict[str, OrgUnit]) -> UnitAccess:
    return unit_access_grant(actor=users["admin"], unit=cells["office"], username="observer")


PAGES = [
    "register",
    "report",
    "record_office",
    "record_finance",
    "edit",
    "new",
    "event",
    "import",
    "units",
]
ALLOWED = {
    "admin": set(PAGES),
    "organiser": set(PAGES),
    "observer": {"register", "report", "record_office"},  # the office cell is opened to it
    "board1": {"register", "report"},  # no cell opened: an empty register
    "stranger": set(),
}


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_page_access_matrix(
    body: Body,
    users: dict[str, Any],
    two: dict[str, MemberRecord],
    observer_reads_office: UnitAccess,
    name: str,
) -> None:
    office, finance = two["office"], two["finance"]
    urls = {
        "register": reverse("members:register", args=[body.pk]),
        "report": reverse("members:report", args=[body.pk]),
        "record_office": reverse("members:record", args=[office.pk]),
        "record_finance": reverse("members:record", args=[finance.pk]),
        "edit": reverse("members:record_edit", args=[office.pk]),
        "new": reverse("members:record_new", args=[body.pk]),
        "event": reverse("members:record_event", args=[office.pk, "transfer_out"]),
        "import": reverse("members:import", args=[body.pk]),
        "units": reverse("members:units", args=[body.pk]),
    }
    client = client_for(users[name])
    for page in PAGES:
        status = client.get(urls[page]).status_code
        assert status == (200 if page in ALLOWED[name] else 404), (name, page, status)


def test_a_reader_lists_only_the_cells_opened_to_it(
    body: Body,
    users: dict[str, Any],
    two: dict[str, MemberRecord],
    observer_reads_office: UnitAccess,
) -> None:
    page = client_for(users["observer"]).get(reverse("members:register", args=[body.pk]))
    text = page.content.decode()
    assert "Nguyễn Văn An" in text and "Trần Thị Bình" not in text
    assert "Xuất toàn bộ sổ" not in text and "Thêm đảng viên" not in text
    report = client_for(users["observer"]).get(reverse("members:report", args=[body.pk]))
    assert list(report.context["per_unit"]) == ["Chi bộ Văn phòng"]


def test_an_organiser_of_another_body_sees_nothing(
    body: Body, other_body: Body, make_user: Any, two: dict[str, MemberRecord]
) -> None:
    client = client_for(make_user("outsider", "organiser", other_body))
    record = two["office"]
    for url in (
        reverse("members:register", args=[body.pk]),
        reverse("members:record", args=[record.pk]),
        reverse("members:record_edit", args=[record.pk]),
        reverse("members:report", args=[body.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("members:export", args=[body.pk])).status_code == 404
    assert not AuditEvent.objects.filter(actor="outsider").exists()


def test_an_observer_cannot_edit_even_its_own_cell(
    users: dict[str, Any], two: dict[str, MemberRecord], observer_reads_office: UnitAccess
) -> None:
    record = two["office"]
    client = client_for(users["observer"])
    edit = client.post(
        reverse("members:record_edit", args=[record.pk]),
        {
            "unit": record.unit_id,
            "full_name": "Đổi tên",
            "sex": "male",
            "admitted_on": "2010-05-19",
        },
    )
    death = client.post(
        reverse("members:record_event", args=[record.pk, "death"]), {"on": "2025-01-01"}
    )
    assert edit.status_code == 404 and death.status_code == 404
    record.refresh_from_db()
    assert record.full_name == "Nguyễn Văn An" and record.status == "active"


def test_every_opening_of_a_full_record_is_logged(
    users: dict[str, Any], two: dict[str, MemberRecord], observer_reads_office: UnitAccess
) -> None:
    record = two["office"]
    client_for(users["observer"]).get(reverse("members:record", args=[record.pk]))
    client_for(users["organiser"]).get(reverse("members:record", args=[record.pk]))
    client_for(users["organiser"]).get(reverse("members:record_edit", args=[record.pk]))
    reads = AuditEvent.objects.filter(action="member.read", object_id=str(record.pk))
    assert list(reads.order_by("seq").values_list("actor", flat=True)) == [
        "observer",
        "organiser",
        "organiser",
    ]
    assert reads.filter(actor="observer").get().body_id == record.body_id
    client_for(users["observer"]).get(reverse("members:record", args=[two["finance"].pk]))
    assert not AuditEvent.objects.filter(
        action="member.read", object_id=str(two["finance"].pk)
    ).exists()
    with pytest.raises(NotAllowed):
        member_read(actor=users["board1"], record=record)


def test_cell_access_goes_to_readers_only_and_follows_the_role(
    users: dict[str, Any], cells: dict[str, OrgUnit], two: dict[str, MemberRecord]
) -> None:
    with pytest.raises(InputProblem):
        unit_access_grant(actor=users["admin"], unit=cells["office"], username="organiser")
    with pytest.raises(NotAllowed):
        unit_access_grant(actor=users["organiser"], unit=cells["office"], username="observer")
    unit_access_grant(actor=users["admin"], unit=cells["office"], username="board1")
    url = reverse("members:record", args=[two["office"].pk])
    assert client_for(users["board1"]).get(url).status_code == 200
    RoleGrant.objects.filter(user=users["board1"]).delete()  # the role goes, the access with it
    assert client_for(users["board1"]).get(url).status_code == 404
    assert AuditEvent.objects.filter(action="unit.access_grant").count() == 1
