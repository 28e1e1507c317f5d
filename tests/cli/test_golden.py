"""The command line prints, byte for byte, what it printed when these files were captured: `tally`
(table and json), `grade`, `verify`, the electronic vote simulation, and `session`, `count`,
`results` against a database, with their exit status and what they write to stderr.

tests/cli/golden/ holds the inputs (count and score sheets, a roster, an election record written
by the simulation) and, for each case, NAME.out and NAME.err. They were captured before the
commands moved into the `cli` package, so that the move is proved to change no output. `<SESSION>`
stands for the session id the database gave.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from tests.cli.conftest import run

from tinnhiem.ballotcrypto.canonical import canonical_json, parse_json

GOLDEN = Path(__file__).parent / "golden"
SIMULATION = ["--voters", "8", "--officials", "4", "--trustees", "3", "--threshold", "2"]
SIMULATION += ["--spoil", "1", "--paper", "2", "--seed", "golden"]

# name, arguments, exit status; the files named are in tests/cli/golden/
NO_DATABASE: list[tuple[str, list[str], int]] = [
    ("tally-hcmc-table", ["tally", "hcmc-2023.csv", "--rules", "nq96", "--collected", "81"], 0),
    (
        "tally-hcmc-json",
        ["tally", "hcmc-2023.csv", "--rules", "nq96", "--collected", "81", "--format", "json"],
        0,
    ),
    ("tally-low-table", ["tally", "low-confidence.csv", "--rules", "qd96"], 0),
    (
        "tally-low-json",
        ["tally", "low-confidence.csv", "--rules", "qd96", "--members", "45", "--format", "json"],
        0,
    ),
    ("tally-too-many", ["tally", "hcmc-2023.csv", "--rules", "nq96", "--collected", "80"], 2),
    ("grade-hanoi-table", ["grade", "hanoi-scores.csv", "--scheme", "hanoi"], 0),
    ("grade-hanoi-json", ["grade", "hanoi-scores.csv", "--scheme", "hanoi", "--format", "json"], 0),
    ("verify-table", ["verify", "record.json"], 0),
    ("verify-json", ["verify", "record.json", "--format", "json"], 0),
]


def expected(name: str, session: str = "") -> tuple[str, str]:
    out, err = ((GOLDEN / f"{name}.{kind}").read_text("utf-8") for kind in ("out", "err"))
    return out.replace("<SESSION>", session), err.replace("<SESSION>", session)


def check(name: str, args: Sequence[str], env: dict[str, str], status: int, cwd: Path) -> None:
    done = run(list(args), env, expect=status, cwd=cwd)
    assert (done.stdout, done.stderr) == expected(name)


@pytest.mark.parametrize(("name", "args", "status"), NO_DATABASE, ids=[c[0] for c in NO_DATABASE])
def test_commands_without_a_database_print_the_same(
    env: dict[str, str], name: str, args: list[str], status: int
) -> None:
    check(name, args, env, status, GOLDEN)


def test_verify_of_a_broken_record_prints_the_same(env: dict[str, str], tmp_path: Path) -> None:
    record = parse_json((GOLDEN / "record.json").read_bytes())
    record["head"] = "0" * 64
    (tmp_path / "record.json").write_bytes(canonical_json(record) + b"\n")
    check("verify-broken-table", ["verify", "record.json"], env, 1, tmp_path)
    check("verify-broken-json", ["verify", "record.json", "--format", "json"], env, 1, tmp_path)


def test_the_simulation_writes_the_same_record(env: dict[str, str], tmp_path: Path) -> None:
    check("simulate", ["evote-simulate", *SIMULATION, "--record", "record.json"], env, 0, tmp_path)
    assert (tmp_path / "record.json").read_bytes() == (GOLDEN / "record.json").read_bytes()


def test_session_count_and_results_print_the_same(env: dict[str, str]) -> None:
    create = ["session", "create", "--rules", "nq96", "--title", "Kỳ họp thứ 13, khóa X"]
    create += ["--officials", "officials.csv", "--members", "95", "--date", "2023-12-07"]
    create += ["--body", "Hội đồng nhân dân Thành phố Hồ Chí Minh", "--venue", "Hội trường"]
    done = run([*create, "--format", "json"], env, cwd=GOLDEN)
    session = done.stdout.removeprefix('{"id": ').removesuffix("}\n")
    assert (done.stdout, done.stderr) == expected("session-create", session)
    cases: list[tuple[str, list[str], int]] = [
        ("results-not-closed", ["results", session, "--format", "json"], 2),
        ("count", ["count", session, "hcmc-2023.csv", "--issued", "81", "--collected", "81"], 0),
        ("results-json", ["results", session, "--format", "json"], 0),
        ("results-table", ["results", session], 0),
        ("results-xlsx-without-out", ["results", session, "--format", "xlsx"], 2),
        ("results-no-session", ["results", "9999"], 2),
    ]
    for name, args, status in cases:
        done = run(args, env, expect=status, cwd=GOLDEN)
        assert (done.stdout, done.stderr) == expected(name, session), name
