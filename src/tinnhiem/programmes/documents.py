"""A programme's period report as plain data for `tinnhiem.documents`: the tables of
`tables.period_tables` (live, at a date) or of a frozen snapshot, worded into the sections
offices print, under the body's header. The report reads only those tables, so a report made
from a snapshot is the one published that day, whatever was confirmed since."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from tinnhiem.audit.services import record
from tinnhiem.bodies.models import Body, BodyKind, BodyLevel
from tinnhiem.core.errors import InputProblem
from tinnhiem.documents.data import BodyHeader, HeaderKind
from tinnhiem.documents.programme_report import (
    ProgrammeReport,
    render_programme_pdf,
)
from tinnhiem.documents.programme_report_docx import render_programme_docx
from tinnhiem.documents.programme_report_xlsx import render_programme_xlsx
from tinnhiem.programmes import access
from tinnhiem.programmes.models import Programme, Snapshot
from tinnhiem.programmes.report_sections import sections, summary
from tinnhiem.programmes.snapshots import check
from tinnhiem.programmes.tables import period_tables

FORMATS = {
    "pdf": ("application/pdf", render_programme_pdf),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_programme_docx,
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        render_programme_xlsx,
    ),
}
RECIPIENTS = ("Ban Chỉ đạo Chương trình", "Các cơ quan chủ trì", "Lưu Văn phòng")
_SYMBOL = {BodyLevel.CENTRAL: "TW", BodyLevel.PROVINCE: "TU"}  # else ĐU (Đảng ủy)


def live_report(
    programme: Programme, *, as_of: date, start: date | None = None, number: str = ""
) -> ProgrammeReport:
    """The report of the programme's tables at `as_of` (the period from `start`, by default
    1 January of that year)."""
    start = start or date(as_of.year, 1, 1)
    tables = period_tables(programme, start=start, cut_off=as_of)
    return report_of(programme.body, tables, number=number)


def snapshot_report(snapshot: Snapshot, *, number: str = "") -> ProgrammeReport:
    """The report of a frozen snapshot, read only if it still hashes to what was recorded."""
    tables = check(snapshot)
    anchor = (
        f"Số liệu đã chốt: {snapshot.label}, ngày chốt {snapshot.cut_off:%d/%m/%Y}; "
        f"mã SHA-256 {snapshot.sha256}"
        + (f"; dòng nhật ký {snapshot.audit_seq}" if snapshot.audit_seq else "")
    )
    return report_of(snapshot.programme.body, tables, number=number, anchor=anchor)


def render(report: ProgrammeReport, fmt: str) -> tuple[bytes, str]:
    """The file's bytes and content type (`fmt`: pdf, docx or xlsx)."""
    content_type, renderer = FORMATS[fmt]
    return renderer(report), content_type


def report_of(
    body: Body, tables: dict[str, Any], *, number: str = "", anchor: str = ""
) -> ProgrammeReport:
    programme = tables["programme"]
    start, cut_off = (date.fromisoformat(tables["period"][k]) for k in ("start", "cut_off"))
    is_party = body.kind == BodyKind.PARTY_COMMITTEE
    return ProgrammeReport(
        header=BodyHeader(
            body_name=body.name.upper(),
            kind=HeaderKind.PARTY if is_party else HeaderKind.STATE,
            parent_name=body.parent_name.upper(),
            city=body.city,
        ),
        number=_number(body, number),
        dated=cut_off,
        author=body.name,
        title="BÁO CÁO",
        subtitle=f"Kết quả thực hiện Chương trình số {programme['code']} “{programme['title']}”",
        period=f"(Số liệu từ ngày {start:%d/%m/%Y} đến ngày {cut_off:%d/%m/%Y})",
        summary=summary(tables, cut_off),
        sections=sections(tables),
        signer=("T/M BAN THƯỜNG VỤ", "BÍ THƯ") if is_party else (f"TM. {body.name.upper()}",),
        recipients=RECIPIENTS,
        anchor=anchor,
    )


def _number(body: Body, number: str) -> str:
    """Guide 36: "Số 125-BC/TU" for a city or provincial Party committee ("-BC/ĐU" for a
    commune's or an agency's Đảng ủy); Decree 30:
    "Số: 125/BC-…". An empty number leaves the space the office fills in by hand."""
    value = number.strip() or "      "
    if body.kind == BodyKind.PARTY_COMMITTEE:
        symbol = _SYMBOL.get(BodyLevel(body.level), "ĐU")
        return f"Số {value}-BC/{symbol}"
    return f"Số: {value}/BC"


READ_REPORTS = access.READ_REPORTS


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    content_type: str
    name: str  # "bao-cao-01-CTr-TU-2022-12-20.pdf"


def report_download(
    *,
    actor: Any,
    programme: Programme,
    fmt: str,
    as_of: date,
    start: date | None = None,
    number: str = "",
) -> ReportFile:
    """The programme's report at `as_of` as a file, for the steering committee, the office and
    administrators; the download is audit-logged with the file's SHA-256."""
    access.require(actor, programme.body_id, READ_REPORTS)
    if start is not None and start > as_of:
        raise InputProblem(
            "Ngày bắt đầu kỳ báo cáo sau ngày số liệu", "The period starts after its cut-off date"
        )
    content, content_type = render(
        live_report(programme, as_of=as_of, start=start, number=number), fmt
    )
    name = f"bao-cao-{_slug(programme.code)}-{as_of.isoformat()}.{fmt}"
    _audit(actor, programme, content, {"format": fmt, "as_of": as_of, "start": start})
    return ReportFile(content, content_type, name)


def snapshot_download(*, actor: Any, snapshot: Snapshot, fmt: str, number: str = "") -> ReportFile:
    """A frozen snapshot's report as a file: the same bytes every time it is asked for."""
    programme = snapshot.programme
    access.require(actor, programme.body_id, READ_REPORTS)
    content, content_type = render(snapshot_report(snapshot, number=number), fmt)
    name = f"bao-cao-{_slug(programme.code)}-{snapshot.kind}-{snapshot.cut_off.isoformat()}.{fmt}"
    _audit(
        actor,
        programme,
        content,
        {"format": fmt, "snapshot": snapshot.pk, "snapshot_sha256": snapshot.sha256},
    )
    return ReportFile(content, content_type, name)


def _slug(code: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", code).strip("-") or "chuong-trinh"


def _audit(actor: Any, programme: Programme, content: bytes, after: dict[str, Any]) -> None:
    with transaction.atomic():
        record(
            actor=actor,
            action="programme.report.download",
            obj=programme,
            body_id=programme.body_id,
            after=after | {"file_sha256": hashlib.sha256(content).hexdigest()},
        )
