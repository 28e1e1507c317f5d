"""The reader is a pure core: it never imports Django, nor any tinnhiem module but itself and
the pure modules it shares: the printed-ballot contract it reads (`tinnhiem.ballotformat`) and
the base of its errors (`tinnhiem.bilingual`)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "tinnhiem" / "omr"
# pure modules of the package root it may import (their own purity: tests/rules/test_purity.py)
SHARED = ("tinnhiem.ballotformat", "tinnhiem.bilingual")


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_omr_package_never_imports_django_or_other_apps() -> None:
    modules = sorted(SRC.rglob("*.py"))
    assert len(modules) >= 10
    for path in modules:
        for name in imported(path):
            assert name != "django" and not name.startswith("django."), (path.name, name)
            if name.startswith("tinnhiem."):
                assert name.startswith("tinnhiem.omr") or name in SHARED, (path.name, name)
