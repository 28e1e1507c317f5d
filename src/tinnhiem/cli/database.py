"""Running a database command: Django set up once, as `manage.py` would, then the command's Django
`Command` under the name the user typed, so that its --help and its errors say `tinnhiem NAME`."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

import django
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError, CommandParser, handle_default_options

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
    command = importlib.import_module(module).Command()  # only now: it imports the models
    try:
        command.run_from_argv(["tinnhiem", name, *argv])
    except SystemExit as exc:
        return exit_status(exc)
    return 0


def exit_status(exc: SystemExit) -> int:
    """The status Python would exit with: a message given to sys.exit is printed, status 1."""
    if isinstance(exc.code, int):
        return exc.code
    if exc.code is not None:
        print(exc.code, file=sys.stderr)
        return 1
    return 0
