"""The grading engine is a pure core: no Django, so it can be tested, benchmarked and audited
alone, and `tinnhiem grade` runs without a database."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "tinnhiem"
MODULES = [*sorted((SRC / "grading").rglob("*.py")), SRC / "cli" / "grade.py"]


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_the_grading_modules_are_found() -> None:
    assert SRC / "grading" / "quota.py" in MODULES and len(MODULES) >= 8


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_grading_module_imports_django(path: Path) -> None:
    django = sorted(m for m in imported_modules(path) if m == "django" or m.startswith("django."))
    assert not django, f"{path.relative_to(SRC)} imports {django}"


def test_importing_the_engine_and_the_command_loads_no_django_and_no_openpyxl() -> None:
    code = (
        "import sys, tinnhiem.grading, tinnhiem.cli.grade, tinnhiem.grading.scoresheet\n"
        "tinnhiem.grading.load_scheme('national')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'openpyxl'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert done.stdout.decode().strip() == ""
