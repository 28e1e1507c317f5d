"""The reminders of a month's evaluation by e-mail: one to each cadre who has not submitted
(past the deadline, or with it coming), and one summary to each unit head (who is missing, who
submitted late, who waits for review, whether the unit's list waits for approval). Messages are
in Vietnamese, then English. The addresses are those of the log-ins linked to the people; whoever
has none is reported, not skipped silently. Sent through Django's e-mail backend."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from tinnhiem.core.mail import require_mail
from tinnhiem.evaluations.models import PersonUser, Unit
from tinnhiem.evaluations.reports import LateList, Row


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str
    about: str  # whom it is for, as the command prints it


@dataclass(frozen=True)
class Reminders:
    mails: list[Mail]
    without_address: list[str]  # "name (cadre)" or "name (unit head)"


def addresses(person_ids: Iterable[int]) -> dict[int, str]:
    """The e-mail address of each person's log-in, where there is one."""
    links = PersonUser.objects.filter(person_id__in=set(person_ids)).select_related("user")
    return {link.person_id: link.user.email for link in links if link.user.email}


def _due(late: LateList, day: date) -> tuple[str, str]:
    deadline = late.period.deadline
    if late.is_past_deadline:
        return (
            f"đã quá hạn ngày {deadline:%d/%m/%Y}",
            f"the deadline of {deadline.isoformat()} has passed",
        )
    days = (deadline - day).days
    return (
        f"hạn ngày {deadline:%d/%m/%Y} (còn {days} ngày)",
        f"due on {deadline.isoformat()} ({days} days left)",
    )


def month_reminders(late: LateList, units: Sequence[Unit], *, day: date) -> Reminders:
    """The mails of one month: each cadre not submitted, and each unit head with something due."""
    period = late.period
    heads = [u.head_id for u in units if u.head_id]
    found = addresses([r.cadre.person_id for r in late.missing] + heads)
    due_vi, due_en = _due(late, day)
    mails: list[Mail] = []
    missing: list[str] = []
    for row in late.missing:
        name = row.cadre.person.full_name
        if row.cadre.person_id not in found:
            missing.append(f"{name} (cán bộ / cadre)")
            continue
        mails.append(
            Mail(
                to=found[row.cadre.person_id],
                subject=f"[tinnhiem] Nhắc tự đánh giá tháng {period} / Self-assessment "
                f"reminder, {period}",
                body=(
                    f"Kính gửi {name},\n\nĐồng chí chưa nộp phiếu tự đánh giá tháng {period} "
                    f"({period.body.name}, {row.cadre.unit.name}): {due_vi}. Đề nghị đồng chí "
                    "tự đánh giá, kèm minh chứng, và nộp cho người quản lý trực tiếp.\n\n---\n\n"
                    f"Dear {name},\n\nYour self-assessment of {period} ({period.body.name}, "
                    f"{row.cadre.unit.name}) has not been submitted: {due_en}. Please fill it "
                    "in with your evidence and submit it to your direct manager.\n"
                ),
                about=f"{name} ({row.cadre.unit.name})",
            )
        )
    for unit in units:
        lines = _summary_lines(late, unit, day)
        if not lines:
            continue
        head = unit.head
        if head is None or head.pk not in found:
            missing.append(f"{head.full_name if head else '—'} (thủ trưởng {unit.name} / head)")
            continue
        mails.append(
            Mail(
                to=found[head.pk],
                subject=f"[tinnhiem] Tình hình đánh giá tháng {period}: {unit.name} / "
                f"Evaluation of {period}: {unit.name}",
                body=_summary_body(head.full_name, unit, late, lines),
                about=f"{head.full_name} (thủ trưởng / head, {unit.name})",
            )
        )
    return Reminders(mails, missing)


def _rows_of(rows: Sequence[Row], unit: Unit) -> list[str]:
    return [r.cadre.person.full_name for r in rows if r.cadre.unit_id == unit.pk]


def _summary_lines(late: LateList, unit: Unit, day: date) -> list[tuple[str, str]]:
    lines = []
    for names, vi, en in (
        (_rows_of(late.missing, unit), "Chưa nộp tự đánh giá", "Not submitted"),
        (_rows_of(late.late, unit), "Nộp muộn", "Submitted late"),
        (_rows_of(late.to_review, unit), "Chờ người quản lý nhận xét", "Waiting for review"),
    ):
        if names:
            lines.append((f"{vi}: {', '.join(names)}", f"{en}: {', '.join(names)}"))
    if day > late.period.deadline and unit in late.units_to_approve:
        by = late.period.approve_by
        overdue = (" (đã quá hạn)", " (overdue)") if late.is_past_approval else ("", "")
        lines.append(
            (
                f"Danh sách của đơn vị chờ thủ trưởng phê duyệt, hạn {by:%d/%m/%Y}{overdue[0]}",
                f"The unit's list waits for your approval, due {by.isoformat()}{overdue[1]}",
            )
        )
    return lines


def _summary_body(name: str, unit: Unit, late: LateList, lines: list[tuple[str, str]]) -> str:
    period = late.period
    vi = "\n".join(f"- {line}" for line, _ in lines)
    en = "\n".join(f"- {line}" for _, line in lines)
    return (
        f"Kính gửi {name},\n\nTình hình đánh giá cán bộ tháng {period} của {unit.name} "
        f"({period.body.name}):\n{vi}\n\n---\n\nDear {name},\n\nThe evaluation of {period} in "
        f"{unit.name} ({period.body.name}):\n{en}\n"
    )


def send(mails: Sequence[Mail]) -> int:
    """Send the mails over one connection of the configured backend; the number sent.

    MailNotConfigured unless a backend that delivers is configured (core/mail.py): the
    console and file backends would write every body to a log or a file."""
    if not mails:
        return 0
    require_mail()
    messages = [
        EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to])
        for mail in mails
    ]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
