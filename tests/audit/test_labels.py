"""Every action code written to the audit log in src/ has a Vietnamese and an English label."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tinnhiem.audit.labels import ACTIONS

SRC = Path(__file__).resolve().parents[2] / "src" / "tinnhiem"
# the writers of audit rows: the service and the helpers each app wraps it in
WRITERS = {"record", "audit", "_audit", "_record", "_transition"}
CODE = re.compile(r"[a-z_]+(\.[a-z_0-9]+)+")


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _codes(node: ast.expr) -> list[str]:
    """A literal code, or an f-string as a pattern ("member.{kind}" → "member\\..+")."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if CODE.fullmatch(node.value) else []
    if isinstance(node, ast.IfExp):  # "ballot.enter" if created else "ballot.correct"
        return _codes(node.body) + _codes(node.orelse)
    if isinstance(node, ast.JoinedStr):
        parts = [re.escape(v.value) if isinstance(v, ast.Constant) else ".+" for v in node.values]
        return ["re:" + "".join(parts)]
    return []


def codes_in_src() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts or path.parts[-2] == "cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node.func) in WRITERS:
                for arg in node.args:
                    found.update(_codes(arg))
                for keyword in node.keywords:
                    if keyword.arg == "action":
                        found.update(_codes(keyword.value))
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "action" for t in node.targets
            ):
                found.update(_codes(node.value))
    return found


def test_the_scan_finds_the_codes_of_every_app() -> None:
    codes = codes_in_src()
    for code in ("session.create", "user.create", "programme.import", "ballot.correct"):
        assert code in codes
    assert "re:member\\..+" in codes and "re:evote\\.trustee\\..+" in codes


def test_every_action_code_written_in_src_has_a_label() -> None:
    missing = []
    for code in sorted(codes_in_src()):
        if code.startswith("re:"):
            if not any(re.fullmatch(code[3:], known) for known in ACTIONS):
                missing.append(code)
        elif code not in ACTIONS:
            missing.append(code)
    assert missing == []


def test_every_label_is_in_both_languages_and_differs_from_its_code() -> None:
    for code, (vi, en) in ACTIONS.items():
        assert vi and en and vi != code and en != code
