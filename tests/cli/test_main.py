"""`tinnhiem` itself: one table of commands, each listed by --help with its purpose, each module
of the package in the table, each command's --help under the name the user types, the commands
without a database loading no Django, and the demo loaded whole or by parts."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

import tinnhiem.cli
from tinnhiem.bodies.models import Body
from tinnhiem.cli.demo import Command as DemoCommand
from tinnhiem.cli.demo import council, evote
from tinnhiem.cli.main import COMMANDS, main
from tinnhiem.evaluations.models import Unit
from tinnhiem.evote.models import Election
from tinnhiem.votes.models import VoteSession

# the package's modules that are not commands: the dispatch and what the commands share
NOT_COMMANDS = {"main", "database", "common", "tables", "trustee_state"}


def test_help_lists_every_command_with_its_purpose_in_both_languages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: tinnhiem COMMAND")
    for name, entry in COMMANDS.items():
        assert f"  {name:15} {entry.help_vi} / {entry.help_en}\n" in out + "\n", name
    assert main([]) == 2  # no command: the same list, and a failing status
    assert capsys.readouterr().out == out


def test_an_unknown_command_exits_2_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tn_results", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tinnhiem: lệnh 'tn_results' không có / unknown command 'tn_results'")
    assert "usage: tinnhiem COMMAND" in err


def test_the_table_and_the_package_agree() -> None:
    modules = {
        info.name for info in pkgutil.iter_modules(tinnhiem.cli.__path__) if info.name[0] != "_"
    }
    assert {entry.module.rsplit(".", 1)[1] for entry in COMMANDS.values()} == modules - NOT_COMMANDS
    for name, entry in COMMANDS.items():
        module = importlib.import_module(entry.module)
        runs = "Command" if entry.needs_database else "main"
        assert callable(getattr(module, runs, None)), (name, runs)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_s_help_names_it_as_typed(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [name, "migrate", "--help"] if name == "manage" else [name, "--help"]
    assert main(args) == 0
    usage = " ".join(capsys.readouterr().out.split())  # argparse wraps long usage lines
    assert usage.startswith(f"usage: tinnhiem {' '.join(args[:-1])} "), usage[:80]


def test_the_commands_without_a_database_load_no_django() -> None:
    code = (
        "import sys\n"
        "from tinnhiem.cli.main import COMMANDS, main\n"
        "for name, entry in COMMANDS.items():\n"
        "    if not entry.needs_database:\n"
        "        assert main([name, '--help']) == 0, name\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_the_demo_loads_by_parts_each_once(db: Any) -> None:
    out = StringIO()
    call_command(DemoCommand(), "--only", "council", stdout=out)
    assert Body.objects.count() == 1 and not Unit.objects.exists()
    assert not Election.objects.exists()
    call_command(DemoCommand(), stdout=out, stderr=StringIO())
    assert "Dữ liệu mẫu đã có / Demo data already loaded" in out.getvalue()
    assert Body.objects.filter(name=council.BODY).count() == 1  # and Hanoi's Party Committee
    assert Unit.objects.exists() and Election.objects.count() == 1
    call_command(DemoCommand(), "--only", "evote", stdout=out, stderr=StringIO())
    assert out.getvalue().endswith(
        "Phiếu điện tử mẫu đã có / Demo electronic session already loaded\n"
    )
    assert Election.objects.count() == 1


def test_a_later_part_of_the_demo_needs_the_council(db: Any) -> None:
    with pytest.raises(CommandError, match="Run 'tinnhiem demo' first"):
        call_command(DemoCommand(), "--only", "evaluations", stdout=StringIO())
    assert not Body.objects.exists()


def test_a_part_of_the_demo_that_fails_leaves_nothing_of_itself(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> None:
        raise CommandError("tinnhiem trustee init failed")

    monkeypatch.setattr(evote.Command, "_ceremony", broken)
    with pytest.raises(CommandError, match="trustee init failed"):
        call_command(DemoCommand(), stdout=StringIO())
    assert Unit.objects.exists()  # the parts before it stay, each whole
    assert not Election.objects.exists()
    assert not VoteSession.objects.filter(title=evote.TITLE).exists()
