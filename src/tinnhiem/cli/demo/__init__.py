"""tinnhiem demo [--only PART] [--password P]: the demo in the database, each part loaded once (a
part already there is left as it is): the People's Council with its users and sessions
(`council`), Hanoi's Party Committee steering its Programme 01-CTr/TU (`programmes`), monthly
evaluations of the council's officials (`evaluations`), an open electronic session whose
trustees' key ceremony is done (`evote`). What `scripts/up` serves. An electronic vote
without a database is another command, `tinnhiem evote-simulate`."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from tinnhiem.cli.demo import council, evaluations, evote, programmes

# in this order: the later parts are built on the council
PARTS = {
    "council": council.Command,
    "programmes": programmes.Command,
    "evaluations": evaluations.Command,
    "evote": evote.Command,
}


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu / Load the demo: the People's Council (council), Hanoi's Programme "
        "01-CTr/TU (programmes), the council's monthly evaluations (evaluations), an open "
        "electronic session (evote). An electronic vote without a database: "
        "tinnhiem evote-simulate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--only",
            action="append",
            choices=list(PARTS),
            metavar="PART",
            help="chỉ nạp phần này / load only this part: council, programmes, evaluations, "
            "evote (repeatable; evaluations and evote need the council)",
        )
        parser.add_argument(
            "--password",
            default=os.environ.get("TINNHIEM_DEMO_PASSWORD", "tinnhiem-demo"),
            help="mật khẩu của các tài khoản mẫu / the demo accounts' password "
            "(default $TINNHIEM_DEMO_PASSWORD or tinnhiem-demo)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for name, part in PARTS.items():
            if options["only"] and name not in options["only"]:
                continue
            loader = part()
            loader.stdout, loader.stderr = self.stdout, self.stderr
            with transaction.atomic():  # a part is loaded whole or not at all
                loader.handle(password=options["password"])
