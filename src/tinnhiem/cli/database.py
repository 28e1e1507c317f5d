"""Running a database command: Django set up once, as `manage.py` would, then the command's Django
`Command` under the name the user typed, so that its --help and its errors say `tinnhiem NAME`."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

import django
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser, handle_default_options
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

SETTINGS = "tinnhiem.config.settings"


def setup(argv: Sequence[str]) -> None:
    """Django's settings and apps. --settings and --pythonpath are read first, as manage.py reads
    them, so that every command's Django options do what they say."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    parser = CommandParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--settings")
    parser.add_argument("--pythonpath")
    try:
        options, _ = parser.parse_known_args(list(argv))
        handle_default_options(options)
    except CommandError:
        pass  # a bad --settings value: the command's own parser reports it
    django.setup()


def run(name: str, module: str, argv: Sequence[str]) -> int:
    """Run the command `tinnhiem NAME ARGV...`; its exit status."""
    try:
        setup(argv)
    except (ImproperlyConfigured, ImportError) as exc:  # e.g. no secret key, a bad --settings
        print(f"tinnhiem {name}: {exc}", file=sys.stderr)
        return 2
    if name != "manage" and not {"-h", "--help"} & set(argv):
        problem = ready()
        if problem is not None:
            print(f"tinnhiem {name}: {problem[1]}", file=sys.stderr)
            return problem[0]
    command = importlib.import_module(module).Command()  # only now: it imports the models
    try:
        command.run_from_argv(["tinnhiem", name, *argv])
    except SystemExit as exc:
        return exit_status(exc)
    except DatabaseError as exc:
        print(f"tinnhiem {name}: lỗi cơ sở dữ liệu / database error: {exc}", file=sys.stderr)
        return 1
    return 0


def ready() -> tuple[int, str] | None:
    """None when the database is set up; else the exit status and the one line to print.

    The embedded database of a home ($TINNHIEM_HOME, no DATABASE_URL) is the user's own: a new
    or older home is set up here, saying so in one line. A named database (DATABASE_URL) is an
    operator's: its migrations are never run behind their back; the line says which command."""
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return 2, f"không mở được cơ sở dữ liệu / cannot open the database: {exc}"
    if not pending:
        return None
    if "DATABASE_URL" in os.environ:
        return 2, (
            "cơ sở dữ liệu chưa được cài đặt hoặc chưa cập nhật: chạy `tinnhiem manage migrate`"
            " / the database is not set up or not up to date: run `tinnhiem manage migrate`"
        )
    print(
        f"tinnhiem: cài đặt cơ sở dữ liệu trong {settings.HOME} / setting up the database in"
        f" {settings.HOME}",
        file=sys.stderr,
    )
    call_command("migrate", interactive=False, verbosity=0)
    return None


def exit_status(exc: SystemExit) -> int:
    """The status Python would exit with: a message given to sys.exit is printed, status 1."""
    if isinstance(exc.code, int):
        return exc.code
    if exc.code is not None:
        print(exc.code, file=sys.stderr)
        return 1
    return 0
