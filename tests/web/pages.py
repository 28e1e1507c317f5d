"""Every page of the site, from the demo data: one address for each URL pattern, so that a test
can visit them all. A pattern added later without a way to fill it in fails the tests that use
this list until it is given one here (or named in NOT_PAGES with the reason)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from io import StringIO
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tinnhiem.bodies.models import Body
from tinnhiem.cli.demo import Command as DemoCommand
from tinnhiem.evaluations.models import Cadre, Evaluation, Period, Unit
from tinnhiem.evote.models import Election
from tinnhiem.members.exports import export_build, export_request
from tinnhiem.members.models import MemberEvent, RegisterExport
from tinnhiem.members.services import member_create, member_transfer_out
from tinnhiem.members.units import unit_create
from tinnhiem.programmes.attachments import update_write_with_files
from tinnhiem.programmes.models import (
    Agency,
    Attachment,
    Programme,
    ProgressUpdate,
    Snapshot,
    SubTask,
    Task,
    WatchedCase,
)
from tinnhiem.votes.models import VoteSession

# patterns that are not pages to visit, with the reason
NOT_PAGES = {
    "review_crop": "a PNG of a scanned ballot's review item; the demo has no scan (tests/scans)",
}
SITE_ADMIN = "site-admin"


def patterns(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(namespaced name, pattern) of every URL."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            space = f"{entry.namespace}:" if entry.namespace else prefix
            yield from patterns(entry, space)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry.pattern


def load_demo() -> Any:
    """The demo body with its sessions, evaluations and electronic vote, a member record with
    an event, and a site administrator to see it all."""
    call_command(DemoCommand(), stdout=StringIO(), stderr=StringIO())
    body = council()
    admin = get_user_model().objects.create_superuser(SITE_ADMIN, "", "correct horse battery")
    cell = unit_create(actor=admin, body=body, name="Chi bộ Văn phòng")
    record = member_create(
        actor=admin,
        body=body,
        unit=cell,
        full_name="Nguyễn Văn Đảng",
        sex="male",
        birth_date=date(1980, 1, 1),
        admitted_on=date(2010, 5, 19),
        record_number="100001HN",
    )
    member_transfer_out(actor=admin, record=record, on=date(2024, 1, 2), destination="Hà Nội")
    export_build(export_request(actor=admin, body=body).pk)  # an export ready to download
    if not Attachment.objects.exists():  # the programme demo's updates carry no file
        _programme(admin, body)
    if not SubTask.objects.exists():  # the demo's tasks are not split between agencies
        task = Task.objects.order_by("pk").first()
        assert task is not None
        SubTask.objects.create(task=task, agency_id=task.lead_id, title="Phần việc", weight=1)
    return admin


def council() -> Body:
    """The demo's People's Council: the body of its sessions (the programme part adds Hanoi's
    Party committee beside it)."""
    first = VoteSession.objects.order_by("pk").first()
    assert first is not None
    return first.body


def _programme(admin: Any, body: Body) -> None:
    """A programme with one task and an update with a file, which the demo has not."""
    agency = Agency.objects.create(body=body, name="Văn phòng Thành ủy")
    programme = Programme.objects.create(body=body, code="02-CTr/HĐND", title="Chương trình 02")
    task = Task.objects.create(
        programme=programme, code="1", title="Đề án", lead=agency, deadline=date(2026, 12, 31)
    )
    update_write_with_files(
        actor=admin,
        task=task,
        files=[SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%%EOF\n")],
        as_of=date(2026, 6, 30),
        narrative="Đang thực hiện",
    )


def addresses() -> dict[str, list[str]]:
    """Each pattern's addresses from the loaded demo (a pattern may get several)."""
    body = council()
    sessions = list(VoteSession.objects.filter(body=body))
    election = Election.objects.get()
    unit = Unit.objects.filter(body=body).first()
    period = Period.objects.filter(body=body).order_by("-year", "-month").first()
    cadre = Cadre.objects.filter(person__body=body).first()
    event = MemberEvent.objects.order_by("-pk").first()
    values: dict[str, list[Any]] = {
        "body_id": [body.pk],
        "session_id": [s.pk for s in sessions],
        "candidate_id": [sessions[0].candidates.first().pk],  # a 404 with the other sessions
        "record_id": [event.record_id],
        "event_id": [event.pk],
        "unit_id": [unit.pk],
        "year": [period.year],
        "quarter": [(period.month + 2) // 3],
        "period_id": [period.pk],
        "cadre_id": [cadre.pk],
        "evaluation_id": [Evaluation.objects.filter(period=period).first().pk],
        "public_id": [str(election.public_id)],
        "name": ["manifest"],
        "operator": [1],
        "fmt": ["pdf"],
        "programme_id": [Programme.objects.order_by("pk").first().pk],
        "task_id": [Task.objects.order_by("pk").first().pk],
        "update_id": [ProgressUpdate.objects.order_by("pk").first().pk],
        "attachment_id": [Attachment.objects.order_by("pk").first().pk],
        "snapshot_id": [Snapshot.objects.order_by("pk").first().pk],
        "part_id": [SubTask.objects.order_by("pk").first().pk],
        "case_id": [WatchedCase.objects.order_by("pk").first().pk],
        "export_id": [RegisterExport.objects.order_by("pk").first().pk],
    }
    by_name: dict[str, dict[str, list[Any]]] = {
        "roster_template": {"kind": ["officials"]},
        "roster_export": {"kind": ["voters"]},
        "roster_upload": {"kind": ["officials"]},
        "roster_confirm": {"kind": ["officials"]},
        "members:record_event": {"kind": ["transfer_in"]},
        "session_action": {"action": ["open"]},
        "document": {"kind": ["minutes", "results"]},
        "ballots": {"code": ["1"]},
        "entry": {"code": ["1"]},
        "programmes:export": {"fmt": ["xlsx", "csv"]},
    }
    found: dict[str, list[str]] = {}
    for name, pattern in patterns():
        if name in NOT_PAGES:
            continue
        wanted = list(pattern.converters)
        given = values | by_name.get(name, {})
        missing = [key for key in wanted if key not in given]
        assert not missing, f"no value for {missing} of {name}: add one in tests/web/pages.py"
        combos: list[dict[str, Any]] = [{}]
        for key in wanted:
            combos = [combo | {key: value} for combo in combos for value in given[key]]
        found[name] = [reverse(name, kwargs=combo) for combo in combos]
    return found
