"""tinnhiem reminders: who is late this month, for each body (or one), and
the reminders by e-mail.

For every month whose self-assessment deadline is within `--days` days or past and whose units
are not all approved, it lists who has not submitted, who submitted late, whom each manager
still has to review and which units wait for their head's approval; then sends one e-mail to
each cadre who has not submitted and a summary to each unit head concerned, through Django's
e-mail backend (settings from the environment). It refuses to send, and prints no body, unless
a backend that delivers is configured (core/mail.py). `--dry-run` only lists, and says to whom
it would send.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tinnhiem.core.mail import MailNotConfigured
from tinnhiem.evaluations.forms import parse_date
from tinnhiem.evaluations.models import Cadre, Period, Unit, UnitApproval
from tinnhiem.evaluations.reminders import Mail, month_reminders, send
from tinnhiem.evaluations.reports import LateList, late_and_missing
from tinnhiem.evaluations.services import today


class Command(BaseCommand):
    help = "List who is late with the monthly evaluation and send the reminders by e-mail"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--body", type=int, help="only this body (its id)")
        parser.add_argument("--date", help="as of this day (YYYY-MM-DD; default today)")
        parser.add_argument("--days", type=int, default=3, help="warn this many days ahead")
        parser.add_argument("--dry-run", action="store_true", help="only list; send no e-mail")

    def handle(self, *args: Any, **options: Any) -> None:
        day = parse_date(options["date"]) if options["date"] else today()
        if day is None:  # not a silent "today": the reminders would go out as of another day
            raise CommandError(
                f"--date {options['date']}: không phải ngày (YYYY-MM-DD) / not a date (YYYY-MM-DD)"
            )
        periods = Period.objects.select_related("body").filter(
            deadline__lte=day + timedelta(days=options["days"])
        )
        if options["body"]:
            periods = periods.filter(body_id=options["body"])
        shown = 0
        mails: list[Mail] = []
        for period in periods.order_by("body__name", "year", "month"):
            units = list(
                Unit.objects.filter(body=period.body, cadres__is_active=True)
                .select_related("head")
                .distinct()
            )
            approved = UnitApproval.objects.filter(period=period, is_current=True).count()
            if units and approved >= len(units):
                continue
            cadres = Cadre.objects.filter(person__body=period.body, is_active=True).select_related(
                "person", "unit", "manager"
            )
            late = late_and_missing(period, cadres, units, on=day)
            self._print(late, day)
            found = month_reminders(late, units, day=day)
            for name in found.without_address:
                self.stdout.write(f"  Không có địa chỉ thư / no e-mail address: {name}")
            if options["dry_run"]:
                for mail in found.mails:
                    self.stdout.write(f"  Sẽ gửi / would send: {mail.to} — {mail.about}")
            mails += found.mails
            shown += 1
        if not shown:
            self.stdout.write("Không ai chậm. / Nobody is late.")
            return
        self._send(mails, is_dry=options["dry_run"])

    def _send(self, mails: list[Mail], *, is_dry: bool) -> None:
        if is_dry:
            self.stdout.write(
                f"Chạy thử: không gửi thư nào ({len(mails)} thư sẽ được gửi). / "
                f"Dry run: no e-mail sent ({len(mails)} would be sent)."
            )
            return
        try:
            sent = send(mails)
        except MailNotConfigured as exc:  # never printed instead: the console backend is refused
            raise CommandError(f"{exc.message_vi} / {exc.message_en}") from None
        self.stdout.write(f"Đã gửi {sent} thư nhắc. / {sent} reminders sent.")

    def _print(self, late: LateList, day: date) -> None:
        period = late.period
        self.stdout.write(
            f"== {period.body.name} — tháng {period} (hạn tự đánh giá {period.deadline:%d/%m/%Y}, "
            f"hạn phê duyệt {period.approve_by:%d/%m/%Y}) =="
        )
        word = "Quá hạn, chưa nộp" if late.is_past_deadline else "Sắp đến hạn, chưa nộp"
        for row in late.missing:
            self.stdout.write(f"  {word}: {row.cadre.person.full_name} ({row.cadre.unit.name})")
        for row in late.late:
            self.stdout.write(f"  Nộp muộn: {row.cadre.person.full_name} ({row.cadre.unit.name})")
        for row in late.to_review:
            manager = row.cadre.manager.full_name if row.cadre.manager else "—"
            self.stdout.write(
                f"  Chờ nhận xét: {row.cadre.person.full_name} — người quản lý: {manager}"
            )
        if day > period.deadline:
            for unit in late.units_to_approve:
                head = unit.head.full_name if unit.head else "—"
                overdue = " (quá hạn)" if late.is_past_approval else ""
                self.stdout.write(f"  Chờ phê duyệt{overdue}: {unit.name} — thủ trưởng: {head}")
