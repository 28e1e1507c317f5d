"""The register in and out of spreadsheets: import with a row-by-row preview, the marked
export in the order of form 7-HSĐV, and the quarterly reconciliation (page and XLSX). Each
service checks access, runs in one transaction and writes its audit row in it."""

from __future__ import annotations

import io
from datetime import date
from typing import Any, BinaryIO

from django.db import transaction
from django.utils import timezone

from tinnhiem.audit.services import record as audit
from tinnhiem.bodies.models import Body
from tinnhiem.bodies.roster import Severity, fold
from tinnhiem.core.bulk import insert_many
from tinnhiem.core.errors import InputProblem
from tinnhiem.members import access, labels
from tinnhiem.members.models import EventKind, MemberEvent, MemberRecord, MemberStatus, OrgUnit
from tinnhiem.members.reconcile import Figures, Quarter, by_cell, reconcile
from tinnhiem.members.register import Known, KnownOf, RegisterPreview, read_register, timeline
from tinnhiem.members.services import EDITABLE, effective, secret_mark
from tinnhiem.members.workbook import register_xlsx_to, report_xlsx

LOOKUP = 1000  # identifiers a query: small enough that the planner takes the unique index


def _known_of(body: Body) -> KnownOf:
    """What the body's register holds of a file's identifiers, looked up by those identifiers
    (unique indexes), so checking a file costs the file, not the register. With 5,000 to a
    query PostgreSQL read the whole table instead (220 ms a query at 330,000 members); with
    1,000 it probes the index (6 ms)."""

    def held(key: str, wanted: set[str]) -> set[str]:
        found: set[str] = set()
        ordered = sorted(wanted)
        for start in range(0, len(ordered), LOOKUP):
            chunk = ordered[start : start + LOOKUP]
            records = MemberRecord.objects.filter(body=body, **{f"{key}__in": chunk})
            records = records.exclude(**{key: ""})  # the unique index's own condition
            found.update(records.values_list(key, flat=True))
        return found

    def known_of(identifiers: dict[str, set[str]]) -> Known:
        return Known(
            units={fold(name): name for name in body.org_units.values_list("name", flat=True)},
            record_numbers=held("record_number", identifiers["record_number"]),
            card_numbers=held("card_number", identifiers["card_number"]),
            citizen_ids=held("citizen_id", identifiers["citizen_id"]),
        )

    return known_of


def member_import_preview(*, body: Body, file_name: str, content: bytes) -> RegisterPreview:
    """Every row of the sheet with its problems, against what the register holds; saves nothing."""
    return read_register(file_name, content, known_of=_known_of(body), today=timezone.localdate())


def member_import(*, actor: Any, body: Body, file_name: str, content: bytes) -> RegisterPreview:
    """Add the sheet's members to the register, all or nothing: any row with an error and
    nothing is saved. Rows already in the register are skipped; new party cells are created."""
    access.require_edit(actor, body.pk)
    preview = member_import_preview(body=body, file_name=file_name, content=content)
    if preview.has_errors:
        errors = preview.problems + [
            p for r in preview.rows for p in r.problems if p.severity is Severity.ERROR
        ]
        raise InputProblem(
            f"Tệp có {len(errors)} lỗi, chưa lưu gì. {errors[0].message_vi}",
            f"The file has {len(errors)} errors, nothing was saved. {errors[0].message_en}",
        )
    with transaction.atomic():
        units = {fold(u.name): u for u in body.org_units.all()}
        for name in preview.new_units:
            units[fold(name)] = OrgUnit.objects.create(body=body, name=name)
        created = _import_rows(actor, body, units, [row.values for row in preview.rows_to_add])
        audit(
            actor=actor,
            action="member.import",
            obj=body,
            body_id=body.pk,
            after={
                "file": file_name,
                "added": len(created),
                "skipped": len(preview.rows) - len(created),
                "new_units": preview.new_units,
                "records": [r.pk for r in created],
            },
        )
    return preview


STATUS_AFTER = {
    EventKind.ADMITTED: MemberStatus.ACTIVE,
    EventKind.TRANSFERRED_IN: MemberStatus.ACTIVE,
    EventKind.TRANSFERRED_OUT: MemberStatus.TRANSFERRED_OUT,
    EventKind.LEFT: MemberStatus.LEFT,
    EventKind.DIED: MemberStatus.DECEASED,
}


BATCH = 2000  # records built and inserted at a time (core/bulk.py: COPY on PostgreSQL)


def _import_rows(
    actor: Any, body: Body, units: dict[str, OrgUnit], rows: list[dict[str, Any]]
) -> list[MemberRecord]:
    """The sheet's new members and the events their columns state, inserted in batches."""
    records: list[MemberRecord] = []
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        made = insert_many(MemberRecord, [_record(body, units, values) for values in chunk])
        insert_many(
            MemberEvent,
            [
                event
                for record, values in zip(made, chunk, strict=True)
                for event in _events(actor, record, values)
            ],
        )
        records.extend(made)
    return records


def _record(body: Body, units: dict[str, OrgUnit], values: dict[str, Any]) -> MemberRecord:
    events = timeline(values)
    columns = {key: values.get(key) or _blank(key) for key in (*EDITABLE, *EVENT_COLUMNS)}
    return MemberRecord(
        body=body,
        unit=units[fold(values["unit"])],
        search_name=fold(values["full_name"]),
        status=STATUS_AFTER[EventKind(events[-1][1])],
        **columns,
    )


def _events(actor: Any, record: MemberRecord, values: dict[str, Any]) -> list[MemberEvent]:
    place = {
        "transferred_in": values.get("transferred_in_from", ""),
        "transferred_out": values.get("transferred_out_to", ""),
    }
    return [
        MemberEvent(
            record=record,
            kind=kind,
            happened_on=day,
            place=place.get(kind, ""),
            reason=values.get("left_reason", "") if kind == "left" else "",
            form=values.get("left_form", "") if kind == "left" else "",
            recorded_by=actor,
        )
        for day, kind in timeline(values)
    ]


EVENT_COLUMNS = (
    "transferred_out_on",
    "transferred_out_to",
    "transferred_in_on",
    "transferred_in_from",
    "died_on",
    "left_on",
    "left_reason",
    "left_form",
)


def _blank(key: str) -> Any:
    return None if key.endswith("_on") or key == "birth_date" else ""


def member_export(*, actor: Any, body: Body) -> bytes:
    """The whole register as XLSX bytes (`member_export_to` into memory)."""
    out = io.BytesIO()
    member_export_to(actor=actor, body=body, out=out)
    return out.getvalue()


def member_export_to(*, actor: Any, body: Body, out: BinaryIO) -> int:
    """The whole register written into `out` (`register_write`) and the export logged, for a
    register small enough to write at once; the web's exports go through `members.exports`.
    Returns the number of members written."""
    count, mark = register_write(actor=actor, body=body, out=out)
    with transaction.atomic():
        audit(
            actor=actor,
            action="member.export",
            obj=body,
            body_id=body.pk,
            after={"rows": count, "mark": mark},
        )
    return count


def register_write(*, actor: Any, body: Body, out: BinaryIO) -> tuple[int, str]:
    """The whole register written into `out` as XLSX in the column order of form 7-HSĐV, marked
    secret with who exported it and when; not logged here (the caller logs it once the file is
    made). Records are read and written 2,000 at a time, so a province's register streams
    through a file, not memory, and outside a transaction (it takes minutes: on SQLite a
    transaction would hold the write lock all that time). Organisers and administrators only.
    Returns the number of members written and the secrecy mark."""
    access.require_edit(actor, body.pk)
    records = MemberRecord.objects.filter(body=body).select_related("unit").order_by("pk")
    mark = secret_mark(actor)
    rows = (_export_row(r) for r in records.iterator(chunk_size=2000))
    heading = ["SỔ DANH SÁCH ĐẢNG VIÊN (Mẫu 7-HSĐV)", body.name, mark]
    return register_xlsx_to(out, heading, rows), mark


def _export_row(record: MemberRecord) -> dict[str, Any]:
    row: dict[str, Any] = {key: getattr(record, key) for key in (*EDITABLE, *EVENT_COLUMNS)}
    for key in ("sex", "service", "left_form"):
        row[key] = labels.vi(row[key]) if row[key] else ""
    row["unit"] = record.unit.name
    return row


def register_report(
    *, actor: Any, body: Body, quarter: Quarter
) -> tuple[dict[str, Figures], Figures]:
    """The quarter's reconciliation over the cells the user may read: per cell and total. Only
    the events in force count (a corrected event gives way to its correction); a move between
    cells counts in both cells."""
    units = access.visible_units(actor, body.pk)
    names = list(units.values_list("name", flat=True))
    events = (
        effective(MemberEvent.objects.filter(record__body=body))
        .order_by("record_id", "happened_on", "id")
        .values_list("record_id", "record__unit__name", "happened_on", "kind", "to_unit__name")
    )
    first_cells: dict[int, str] = {}
    for record_id, cell in (
        MemberEvent.objects.filter(record__body=body, kind=EventKind.MOVED)
        .order_by("-id")
        .values_list("record_id", "from_unit__name")
    ):
        first_cells[record_id] = cell  # the earliest recorded move says where the member started
    timelines: dict[int, tuple[str, list[tuple[date, str, str]]]] = {}
    for record_id, unit, happened_on, kind, joined in events:
        start = first_cells.get(record_id, unit)
        timelines.setdefault(record_id, (start, []))[1].append((happened_on, kind, joined or ""))
    visible = set(names)
    cells = [
        (cell, timeline)
        for start, items in timelines.values()
        for cell, timeline in by_cell(start, items)
        if cell in visible
    ]
    return reconcile(cells, quarter, names)


def register_report_export(*, actor: Any, body: Body, quarter: Quarter) -> bytes:
    """The reconciliation as XLSX, marked and logged like the register's export."""
    per_unit, total = register_report(actor=actor, body=body, quarter=quarter)
    with transaction.atomic():
        mark = secret_mark(actor)
        content = report_xlsx(
            [
                f"ĐỐI CHIẾU SỔ DANH SÁCH ĐẢNG VIÊN — {quarter.label_vi.upper()}",
                f"{body.name} · từ {quarter.start:%d/%m/%Y} đến {quarter.end:%d/%m/%Y}",
                mark,
            ],
            per_unit,
            total,
        )
        audit(
            actor=actor,
            action="member.report_export",
            obj=body,
            body_id=body.pk,
            after={"quarter": quarter.label_vi, "mark": mark},
        )
    return content
