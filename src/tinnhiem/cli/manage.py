"""tinnhiem manage COMMAND ...: any Django management command (migrate, collectstatic,
createsuperuser, db_worker, ...), through Django's own dispatcher."""

from __future__ import annotations

from django.core.management import execute_from_command_line
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Any Django management command"

    def run_from_argv(self, argv: list[str]) -> None:
        # argv is ["tinnhiem", "manage", ...]: Django's dispatcher takes the rest, under the
        # name "tinnhiem manage" so that its help and usage lines say what to type
        execute_from_command_line(["tinnhiem manage", *argv[2:]])
