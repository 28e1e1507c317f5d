"""The evote part of `tinnhiem demo`: an electronic session in the demo People's Council, open for
voting: its three trustees ran the key ceremony with the real `tinnhiem trustee` tool, their
secret state files kept in $TINNHIEM_HOME/demo-trustees/ so that a newcomer can decrypt the result
with that tool too."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tinnhiem.bodies.models import Body
from tinnhiem.cli.common import cli_actor
from tinnhiem.cli.demo.council import BODY
from tinnhiem.cli.trustee import main as trustee
from tinnhiem.evote import services as evote
from tinnhiem.evote.models import Election, Trustee
from tinnhiem.votes import services
from tinnhiem.votes.models import Channel

TITLE = "Lấy phiếu tín nhiệm điện tử (dùng thử)"
TRUSTEES = ["Đinh Văn Kiểm", "Lê Thị Phiếu", "Võ Thư Ký"]


class Command(BaseCommand):
    help = "An open electronic session in the demo body, its key ceremony done"

    def handle(self, *args: Any, **options: Any) -> None:
        body = Body.objects.filter(name=BODY).first()
        if body is None:
            raise CommandError("Chạy `tinnhiem demo` trước / run `tinnhiem demo` first")
        if Election.objects.filter(session__body=body, session__title=TITLE).exists():
            self.stdout.write("Phiếu điện tử mẫu đã có / Demo electronic session already loaded")
            return
        actor = cli_actor()
        session = services.session_create(
            actor=actor,
            body=body,
            title=TITLE,
            held_on=date.today(),
            profile_key=body.default_profile,
            channel=Channel.ELECTRONIC,
            members=body.voters.filter(is_active=True).count() or 50,
        )
        services.candidates_from_roster(actor=actor, session=session)
        session = services.session_open(actor=actor, session=session)
        election = evote.election_setup(
            actor=actor, session=session, trustee_names=TRUSTEES, threshold=2
        )
        folder = Path(settings.HOME) / "demo-trustees" / str(election.public_id)
        folder.mkdir(parents=True, exist_ok=True)
        self._ceremony(actor, election, folder)
        self.stdout.write(
            f"Đã tạo đợt bỏ phiếu điện tử mẫu (số {session.pk}); tệp bí mật của Ban kiểm phiếu: "
            f"{folder} / demo electronic session {session.pk}, trustees' state files in {folder}"
        )

    def _ceremony(self, actor: Any, election: Election, folder: Path) -> None:
        """The three rounds through `tinnhiem trustee`, each output uploaded as the panel would."""
        session_id, n = str(election.public_id), len(TRUSTEES)

        def run(*argv: str) -> None:
            if trustee(list(argv)) not in (0,):
                raise CommandError(f"tinnhiem trustee {argv[0]} failed")

        def upload(index: int, kind: str, path: Path) -> None:
            data = json.loads(path.read_text("utf-8"))
            evote.trustee_upload(actor=actor, election=election, index=index, kind=kind, data=data)

        for i in range(1, n + 1):
            state, out = folder / f"trustee-{i}.json", folder / f"round1-{i}.json"
            run(
                "init",
                "--session",
                session_id,
                "--trustees",
                str(n),
                "--threshold",
                "2",
                "--index",
                str(i),
                "--state",
                str(state),
                "--out",
                str(out),
            )
            upload(i, "round1", out)
        round1s = [str(folder / f"round1-{i}.json") for i in range(1, n + 1)]
        for i in range(1, n + 1):
            out = folder / f"round2-{i}.json"
            run(
                "shares",
                "--state",
                str(folder / f"trustee-{i}.json"),
                "--round1",
                *round1s,
                "--out",
                str(out),
            )
            upload(i, "round2", out)
        round2s = [str(folder / f"round2-{i}.json") for i in range(1, n + 1)]
        for i in range(1, n + 1):
            out = folder / f"round3-{i}.json"
            run(
                "finish",
                "--state",
                str(folder / f"trustee-{i}.json"),
                "--round1",
                *round1s,
                "--round2",
                *round2s,
                "--out",
                str(out),
            )
            upload(i, "round3", out)
        assert Trustee.objects.filter(election=election, round3__isnull=False).count() == n
