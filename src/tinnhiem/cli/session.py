"""tinnhiem session create --rules PROFILE --title T --officials FILE [--voters FILE] ...
tinnhiem session set ID [--title T] [--date D] [--venue V] [--summoned N] [--present N] ...

What a session needs before it is counted can be given at creation or set later: the members,
summoned and present (a Party session's quorum), the body's superior and place name (the
documents' heading and date line), and the counting board."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from tinnhiem import limits
from tinnhiem.bilingual import BilingualError
from tinnhiem.bodies.models import Body, BodyKind, BodyLevel
from tinnhiem.bodies.roster import RosterKind
from tinnhiem.bodies.services import body_update, roster_import
from tinnhiem.cli.common import UserError, cli_actor, session_or_fail
from tinnhiem.rules import load_profile
from tinnhiem.votes.models import BoardRole, VoteSession
from tinnhiem.votes.paperwork import session_paperwork_set
from tinnhiem.votes.services import (
    board_set,
    candidates_from_roster,
    figures_set,
    session_create,
    session_edit,
)

DEFAULT_BODY = "Cơ quan tổ chức lấy phiếu"


class Command(BaseCommand):
    help = "Create a confidence-vote session from roster files"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a session")
        create.add_argument(
            "--rules",
            required=True,
            help="qd96, nq96, nq85, nq35, qd96-bpt, nq96-bpt or a .toml file",
        )
        create.add_argument("--title", required=True)
        create.add_argument(
            "--officials", required=True, help="XLSX or CSV of the persons voted on"
        )
        create.add_argument("--voters", help="XLSX or CSV of the voters")
        _details(create)
        create.add_argument("--body", default=DEFAULT_BODY, help="the body's name (created if new)")
        create.add_argument("--count-mode", choices=["ballots", "aggregate"], default="ballots")
        create.add_argument("--format", choices=["text", "json"], default="text")
        change = sub.add_parser("set", help="change what can still change in a session")
        change.add_argument("session", metavar="ID")
        change.add_argument("--title", help="tên đợt (bản nháp) / the title (a draft)")
        _details(change)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "set":
                session = session_or_fail(options["session"])
                with transaction.atomic():
                    _apply(cli_actor(), session, options, creating=False)
                self.stdout.write(str(session.pk))
                return
            self._create(options)
        except BilingualError as exc:
            raise UserError(exc) from exc

    def _create(self, options: dict[str, Any]) -> None:
        actor = cli_actor()
        try:
            profile = load_profile(options["rules"])
            toml = (
                Path(options["rules"]).read_text("utf-8")
                if options["rules"].endswith(".toml")
                else ""
            )
            held_on = _day(options["date"]) or date.today()
            with transaction.atomic():
                body = self._body(options["body"], profile.key)
                roster_import(
                    actor=actor, body=body, kind=RosterKind.OFFICIALS, **_file(options["officials"])
                )
                if options["voters"]:
                    roster_import(
                        actor=actor, body=body, kind=RosterKind.VOTERS, **_file(options["voters"])
                    )
                members = options["members"]
                if members is None and options["voters"]:
                    members = body.voters.filter(is_active=True).count()
                session = session_create(
                    actor=actor,
                    body=body,
                    title=options["title"],
                    held_on=held_on,
                    profile_key=profile.key,
                    profile_toml=toml,
                    venue=options["venue"] or "",
                    count_mode=options["count_mode"],
                    members=members,
                )
                candidates_from_roster(actor=actor, session=session)
                _apply(actor, session, options, creating=True)
        except BilingualError as exc:
            raise UserError(exc) from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps({"id": session.pk}))
        else:
            self.stdout.write(str(session.pk))

    @staticmethod
    def _body(name: str, profile_key: str) -> Body:
        party = profile_key.startswith("qd96")
        body, _ = Body.objects.get_or_create(
            name=name,
            defaults={
                "level": BodyLevel.PROVINCE,
                "kind": BodyKind.PARTY_COMMITTEE if party else BodyKind.PEOPLES_COUNCIL,
                "default_profile": profile_key,
                "are_results_public": not party,
            },
        )
        return body


def _file(path: str) -> dict[str, Any]:
    file = Path(path)
    if not file.is_file():
        raise UserError(f"Không có tệp {path} / No file {path}")
    size, most = file.stat().st_size, limits.current().upload_bytes
    if size > most:  # before it is read into memory
        raise UserError(" / ".join(limits.too_big(file.name, size, most)))
    return {"file_name": file.name, "content": file.read_bytes()}


def _details(parser: CommandParser) -> None:
    """The options `create` and `set` share."""
    parser.add_argument("--date", default=None, help="YYYY-MM-DD (default today)")
    parser.add_argument("--venue", default=None, help="địa điểm / the venue")
    for name, vi in (
        ("members", "tổng số thành viên"),
        ("summoned", "số được triệu tập"),
        ("present", "số có mặt"),
    ):
        parser.add_argument(f"--{name}", type=int, help=f"{vi} / those {name}")
    parser.add_argument("--superior", help="cơ quan cấp trên (tiêu đề) / the superior body")
    parser.add_argument("--place", help="địa danh của dòng ngày tháng / the date line's place")
    parser.add_argument("--board-head", metavar="NAME", help="Trưởng ban kiểm phiếu / its head")
    parser.add_argument(
        "--board-member", metavar="NAME", action="append", default=[], help="ủy viên (repeat)"
    )
    parser.add_argument(
        "--board-secretary", metavar="NAME", action="append", default=[], help="thư ký (repeat)"
    )
    for option, vi in (
        ("--minutes-number", "số, ký hiệu biên bản"),
        ("--report-number", "số, ký hiệu báo cáo"),
    ):
        parser.add_argument(option, help=f"{vi} / the number and symbol")
    parser.add_argument("--starts-at", metavar="'YYYY-MM-DD HH:MM'", help="giờ bắt đầu kiểm phiếu")
    parser.add_argument("--ends-at", metavar="'YYYY-MM-DD HH:MM'", help="giờ kết thúc kiểm phiếu")
    parser.add_argument("--copies", type=int, help="số bản biên bản / copies of the minutes")
    parser.add_argument(
        "--recipient", action="append", default=[], help="nơi nhận (repeat) / a recipient"
    )


def _apply(actor: Any, session: VoteSession, options: dict[str, Any], *, creating: bool) -> None:
    """Each given option through its service (each audited); what was not given is left."""
    if not creating and any(options.get(k) is not None for k in ("title", "date", "venue")):
        session_edit(
            actor=actor,
            session=session,
            title=session.title if options.get("title") is None else options["title"],
            held_on=_day(options["date"]) or session.held_on,
            venue=session.venue if options["venue"] is None else options["venue"],
        )
    given = {k: options[k] for k in ("summoned", "present") if options[k] is not None}
    if not creating and options["members"] is not None:
        given["members"] = options["members"]
    if given:
        figures_set(actor=actor, session=session, **given)
    heading = {
        field: options[option]
        for option, field in (("superior", "parent_name"), ("place", "city"))
        if options[option] is not None
    }
    if heading:
        body_update(actor=actor, body=session.body, **heading)
    board = [(name, BoardRole.HEAD.value) for name in [options["board_head"]] if name]
    board += [(name, BoardRole.MEMBER.value) for name in options["board_member"]]
    board += [(name, BoardRole.SECRETARY.value) for name in options["board_secretary"]]
    if board:
        board_set(actor=actor, session=session, members=board)
    _paperwork(actor, session, options)


PAPERWORK_OPTIONS = {
    "minutes_number": "minutes_number",
    "report_number": "report_number",
    "starts_at": "count_started_at",
    "ends_at": "count_ended_at",
    "copies": "copies",
}


def _paperwork(actor: Any, session: VoteSession, options: dict[str, Any]) -> None:
    """The documents' numbers, the count's start and end, copies and recipients: the ones given
    over what the session holds."""
    given = {
        field: options[option]
        for option, field in PAPERWORK_OPTIONS.items()
        if options.get(option) is not None
    }
    if options.get("recipient"):
        given["recipients"] = "\n".join(options["recipient"])
    if not given:
        return
    for field in ("count_started_at", "count_ended_at"):
        if field in given:
            given[field] = _moment(given[field], field)
    session_paperwork_set(actor=actor, session=session, **given)


def _moment(text: str, field: str) -> datetime:
    option = "--starts-at" if field == "count_started_at" else "--ends-at"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise UserError(
            f"{option}: '{text}' không phải 'YYYY-MM-DD HH:MM' / is not 'YYYY-MM-DD HH:MM'"
        ) from exc
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UserError(
            f"--date: '{text}' không phải ngày YYYY-MM-DD / is not a YYYY-MM-DD date"
        ) from exc
