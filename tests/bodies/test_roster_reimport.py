"""Re-importing an unchanged roster (export → preview → save) changes nothing: the holdings are
kept, not ended and made again, the preview says so, and no audit row of a change is written."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from tests.conftest import OFFICIALS, officials_csv
from tests.web import html as page

from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body, Holding
from tinnhiem.bodies.roster import RosterKind
from tinnhiem.bodies.services import roster_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def import_officials(body: Body, user: Any, rows: list[tuple[str, ...]] | None = None) -> None:
    roster_import(
        actor=user,
        body=body,
        kind=RosterKind.OFFICIALS,
        file_name="o.csv",
        content=officials_csv(rows),
    )


def holdings(body: Body) -> list[tuple[int, str, bool]]:
    found = Holding.objects.filter(post__body=body).select_related("person")
    return sorted((h.pk, h.person.full_name, h.is_current) for h in found)


def test_an_exported_roster_imported_again_changes_nothing(
    body: Body, users: dict[str, Any]
) -> None:
    organiser = users["organiser"]
    import_officials(body, organiser)
    before, audited = holdings(body), AuditEvent.objects.count()
    client = Client()
    client.force_login(organiser)
    exported = client.get(reverse("roster_export", args=[body.pk, "officials"])).content
    preview = client.post(
        reverse("roster_upload", args=[body.pk, "officials"]),
        {"file": SimpleUploadedFile("export.xlsx", exported, content_type=XLSX)},
    ).content.decode()
    assert preview.count("không thay đổi") == len(OFFICIALS)
    token = page.named(preview, "preview")["value"]
    client.post(reverse("roster_confirm", args=[body.pk, "officials"]), {"preview": token})
    assert holdings(body) == before
    assert AuditEvent.objects.count() == audited
    profile = Holding.objects.filter(person__full_name="Phan Văn Mãi", is_current=True)
    assert profile.count() == 1


def test_a_changed_row_ends_only_its_own_holding(body: Body, users: dict[str, Any]) -> None:
    organiser = users["organiser"]
    import_officials(body, organiser)
    kept = {name: pk for pk, name, _ in holdings(body)}
    changed = [*OFFICIALS[:3], ("Trần Văn Mới", OFFICIALS[3][1])]
    import_officials(body, organiser, changed)
    now = {name: (pk, current) for pk, name, current in holdings(body)}
    for name, _post in OFFICIALS[:3]:
        assert now[name] == (kept[name], True)
    assert now["Lê Thị Huỳnh Mai"] == (kept["Lê Thị Huỳnh Mai"], False)
    assert now["Trần Văn Mới"][1] is True
    change = AuditEvent.objects.filter(action="roster.import_officials").last()
    assert (change.after["added"], change.after["ended"]) == (1, 1)


def test_voters_imported_again_are_kept(body: Body, users: dict[str, Any]) -> None:
    content = "Họ và tên;Chức vụ, đơn vị\nTrần Thị Bình;Đại biểu\nLê Văn Cường;Đại biểu\n".encode(
        "utf-8-sig"
    )
    for _ in range(2):
        roster_import(
            actor=users["organiser"],
            body=body,
            kind=RosterKind.VOTERS,
            file_name="v.csv",
            content=content,
        )
    assert list(body.voters.values_list("full_name", "is_active")) == [
        ("Trần Thị Bình", True),
        ("Lê Văn Cường", True),
    ]
