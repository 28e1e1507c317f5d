"""tinnhiem session create --rules PROFILE --title T --officials FILE [--voters FILE] ..."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from tinnhiem import limits
from tinnhiem.bilingual import BilingualError
from tinnhiem.bodies.models import Body, BodyKind, BodyLevel
from tinnhiem.bodies.roster import RosterKind
from tinnhiem.bodies.services import roster_import
from tinnhiem.cli.common import UserError, cli_actor
from tinnhiem.rules import load_profile
from tinnhiem.votes.services import candidates_from_roster, session_create

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
        create.add_argument("--members", type=int)
        create.add_argument("--body", default=DEFAULT_BODY, help="the body's name (created if new)")
        create.add_argument("--date", default=None, help="YYYY-MM-DD (default today)")
        create.add_argument("--venue", default="")
        create.add_argument("--count-mode", choices=["ballots", "aggregate"], default="ballots")
        create.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = cli_actor()
        try:
            profile = load_profile(options["rules"])
            toml = (
                Path(options["rules"]).read_text("utf-8")
                if options["rules"].endswith(".toml")
                else ""
            )
            held_on = date.fromisoformat(options["date"]) if options["date"] else date.today()
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
                    venue=options["venue"],
                    count_mode=options["count_mode"],
                    members=members,
                )
                candidates_from_roster(actor=actor, session=session)
        except BilingualError as exc:
            raise UserError(exc) from exc
        except ValueError as exc:
            raise UserError(f"--date: {exc}") from exc
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
