"""The pure cores load no Django when they run.

Which module may import which is import-linter's (`[tool.importlinter]` in pyproject.toml, run
by scripts/test): the layers one way, no Django in the pure cores at any depth, the reader
depending only on the printed-ballot contract. What a static graph cannot see is what importing
a core loads at run time (a dependency that pulls Django in, a lazy import): that is checked
here, in a fresh interpreter per core."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE_CORES = [
    "tinnhiem.rules",
    "tinnhiem.ballotcrypto",
    "tinnhiem.omr",
    "tinnhiem.grading",
    "tinnhiem.documents",
    "tinnhiem.steering",
    "tinnhiem.sheets",
    "tinnhiem.cells",
    "tinnhiem.limits",
    "tinnhiem.ballotformat",
    "tinnhiem.bilingual",
    "tinnhiem.keyfile",
]


def loaded_after(code: str) -> list[str]:
    script = (
        f"import sys\n{code}\n"
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'openpyxl'})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, check=True, text=True
    )
    return [name for name in done.stdout.strip().split(",") if name]


@pytest.mark.parametrize("core", PURE_CORES)
def test_importing_a_pure_core_loads_no_django(core: str) -> None:
    assert "django" not in loaded_after(f"import {core}")


def test_grading_a_sheet_loads_neither_django_nor_openpyxl_before_it_reads_one() -> None:
    code = (
        "import tinnhiem.grading, tinnhiem.cli.grade, tinnhiem.grading.scoresheet\n"
        "tinnhiem.grading.load_scheme('national')"
    )
    assert loaded_after(code) == []
