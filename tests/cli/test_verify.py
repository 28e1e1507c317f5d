"""`tinnhiem verify` and `tinnhiem evote-simulate`: exit codes, output, no Django on the path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.ballotcrypto.evote import of_kind, rechain, record, record_bytes

from tinnhiem.ballotcrypto.canonical import canonical_json
from tinnhiem.cli.evote_simulate import main as simulate
from tinnhiem.cli.main import main as cli_main
from tinnhiem.cli.verify import main


def write(tmp_path: Path, data: bytes, name: str = "record.json") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_valid_record_exits_0_with_the_checks_and_the_result_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, record_bytes())
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "demo-evote-tests" in out and "HỢP LỆ / VALID" in out
    assert "[OK] ceremony" in out and "[OK] result" in out
    for header in ("Họ và tên / Name", "Tín nhiệm cao / high", "Tín nhiệm thấp / low"):
        assert header in out
    assert "Nguyễn Văn An" in out


def test_json_output_states_validity_and_the_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, record_bytes())
    assert main([str(path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["valid"] is True and out["ballots"] == 6 and out["trustees"] == [1, 2]
    assert out["result"]["persons"][0]["person"] == "p01"


def test_an_invalid_record_exits_1_naming_the_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = record()
    of_kind(data, "result")[0]["body"]["persons"][0]["band"] = "low_two_thirds"
    path = write(tmp_path, canonical_json(rechain(data)))
    assert main([str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("KHÔNG HỢP LỆ / INVALID: result:")
    assert main([str(path), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["step"] == "result"


def test_several_processes_print_the_same_and_a_negative_count_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, record_bytes())
    assert main([str(path)]) == 0
    alone = capsys.readouterr().out
    assert main([str(path), "--jobs", "3"]) == 0
    assert capsys.readouterr().out == alone
    assert main([str(path), "--jobs", "0"]) == 0  # every CPU
    assert capsys.readouterr().out == alone
    assert main([str(path), "--jobs", "-1"]) == 2
    assert "N ≥ 0" in capsys.readouterr().err


def test_a_missing_file_or_bad_json_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "none.json")]) == 2
    assert main([str(write(tmp_path, b'{"v": 1.5}'))]) == 2
    assert main([str(write(tmp_path, b'{"v": "a", "v": "b"}'))]) == 2
    assert main([str(write(tmp_path, b"\xff\xfe"))]) == 2
    assert "JSON" in capsys.readouterr().err


def test_the_cli_routes_verify_and_evote_simulate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.json"
    args = ["--voters", "3", "--officials", "2", "--trustees", "2", "--threshold", "1"]
    assert cli_main(["evote-simulate", *args, "--seed", "cli", "--record", str(path)]) == 0
    assert cli_main(["verify", str(path)]) == 0
    capsys.readouterr()
    assert cli_main(["evote-simulate", *args, "--threshold", "3", "--record", str(path)]) == 2
    assert capsys.readouterr().err.startswith("tinnhiem evote-simulate: ")


def test_evote_simulate_with_a_seed_writes_the_same_file_twice(tmp_path: Path) -> None:
    args = ["--voters", "4", "--officials", "2", "--spoil", "1", "--seed", "twice"]
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert simulate([*args, "--record", str(first)]) == 0
    assert simulate([*args, "--record", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_verify_and_evote_simulate_load_no_django(tmp_path: Path) -> None:
    path = tmp_path / "nodjango.json"
    code = (
        "import sys\n"
        "from tinnhiem.cli.main import main\n"
        f"assert main(['evote-simulate', '--voters', '2', '--officials', '1', '--seed', 's', "
        f"'--record', {str(path)!r}]) == 0\n"
        f"assert main(['verify', {str(path)!r}]) == 0\n"
        f"assert main(['verify', {str(path)!r}, '--jobs', '2']) == 0\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
