"""tinnhiem.ballotcrypto is a pure core: it never imports Django."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "tinnhiem" / "ballotcrypto"


def test_no_module_of_ballotcrypto_names_django() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert modules
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not [n for n in names if n.split(".")[0] == "django"], path.name


def test_importing_ballotcrypto_loads_no_django() -> None:
    code = (
        "import sys, tinnhiem.ballotcrypto\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
