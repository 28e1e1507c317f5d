"""The `tinnhiem` command. `tally`, `grade`, `trustee`, `verify` and `demo evote` run without a
database; every other subcommand is a Django management command run against $TINNHIEM_HOME or
DATABASE_URL."""

from __future__ import annotations

import os
import sys

DJANGO_COMMANDS = {
    "session": "create a session from roster files",
    "ballots": "print a session's ballots (PDF)",
    "results": "a session's results (table, json, xlsx, pdf, docx)",
    "minutes": "a session's counting minutes (PDF or DOCX)",
    "count": "enter a session's counts from a tally sheet and close the count",
    "scan": "read scanned ballots (PDF, PNG, JPEG, TIFF) into a session",
    "audit": "verify the audit log",
    "demo": "load the demo People's Council ('demo evote': an electronic vote, no database)",
    "manage": "any Django management command (migrate, createsuperuser, evaluation_reminders, ...)",
}

USAGE = (
    "usage: tinnhiem {tally,grade,trustee,verify,"
    + ",".join(DJANGO_COMMANDS)
    + "} ...\n\n"
    + "\n".join(
        [f"  {'tally':10} results from a spreadsheet of counts (no database)"]
        + [f"  {'grade':10} grades from a spreadsheet of evaluation scores (no database)"]
        + [f"  {'verify':10} verify an electronic election record (no database)"]
        + [f"  {'trustee':10} a counting-board trustee's key ceremony and decryption (offline)"]
        + [f"  {name:10} {text}" for name, text in DJANGO_COMMANDS.items()]
    )
)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "tally":
        from tinnhiem.tallycmd import main as tally_main

        return tally_main(rest)
    if command == "grade":
        from tinnhiem.gradecmd import main as grade_main

        return grade_main(rest)
    if command == "verify":
        from tinnhiem.verifycmd import main as verify_main

        return verify_main(rest)
    if command == "demo" and rest[:1] == ["evote"]:
        from tinnhiem.evotedemo import main as evote_main

        return evote_main(rest[1:])
    if command == "trustee":
        from tinnhiem.trusteecmd import main as trustee_main

        return trustee_main(rest)
    if command not in DJANGO_COMMANDS:
        print(
            f"tinnhiem: lệnh '{command}' không có / unknown command '{command}'\n\n{USAGE}",
            file=sys.stderr,
        )
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tinnhiem.config.settings")
    from django.core.management import execute_from_command_line

    line = (
        ["tinnhiem", *rest]
        if command == "manage"
        else ["tinnhiem", _management_name(command), *rest]
    )
    try:
        execute_from_command_line(line)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def _management_name(command: str) -> str:
    return {
        "session": "tn_session",
        "ballots": "tn_ballots",
        "results": "tn_results",
        "minutes": "tn_minutes",
        "count": "tn_count",
        "scan": "tn_scan",
        "audit": "tn_audit",
        "demo": "tn_demo",
    }[command]


if __name__ == "__main__":
    sys.exit(main())
