"""The pure cores never import Django, so they can be tested, benchmarked and audited alone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "tinnhiem"
PURE_PACKAGES = ("rules", "documents", "omr", "grading", "ballotcrypto")
PURE_MODULES = ("sheets.py", "cells.py", "limits.py", "ballotformat.py", "bilingual.py")


def pure_modules() -> list[Path]:
    return sorted(
        [
            path
            for package in PURE_PACKAGES
            if (SRC / package).is_dir()
            for path in (SRC / package).rglob("*.py")
        ]
        + [SRC / name for name in PURE_MODULES]
    )


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_the_rule_engine_is_found() -> None:
    assert SRC / "rules" / "tally.py" in pure_modules()


@pytest.mark.parametrize("path", pure_modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_pure_module_does_not_import_django(path: Path) -> None:
    django = sorted(
        name for name in imported_modules(path) if name == "django" or name.startswith("django.")
    )
    assert not django, f"{path.relative_to(SRC)} imports {django}"


def test_imports_under_type_checking_are_seen_too(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from django.db import models\n"
    )
    assert "django.db" in imported_modules(sample)
