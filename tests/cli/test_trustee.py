"""`tinnhiem trustee`: a 3-of-5 key ceremony and a decryption through files, as trustees run it."""

from __future__ import annotations

import base64
import json
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tinnhiem.ballotcrypto import ceremony_files as cf
from tinnhiem.ballotcrypto import tally_files as tf
from tinnhiem.ballotcrypto.election import RECORD_VERSION
from tinnhiem.ballotcrypto.group import Point, Scalar
from tinnhiem.ballotcrypto.hashing import Context
from tinnhiem.ballotcrypto.proofs import level_values
from tinnhiem.ballotcrypto.tally import EncryptedTally, cast_ballot, decrypt_tally, tally
from tinnhiem.ballotcrypto.trustees import CeremonyParams
from tinnhiem.cli import trustee_state
from tinnhiem.cli.trustee import main

SESSION = "hdnd-2026-07"
PARAMS = CeremonyParams(5, 3)
PERSONS = ["a", "b", "c"]
VALUES = level_values(3, 6)
BALLOT_CTX = Context(SESSION, RECORD_VERSION)
TALLY_CTX = Context(f"{SESSION};board:9a0c", RECORD_VERSION)
CHOICES = [[0, 1, 2], [0, 0, 2], [1, 0, 2], [0, 2, 2]]


def run(capsys: pytest.CaptureFixture[str], *args: str | Path | int) -> tuple[int, str]:
    code = main([str(a) for a in args])
    return code, capsys.readouterr().err


def load(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


@dataclass
class Board:
    """The files the server would hold (`board`) and each trustee's own folder."""

    root: Path

    @property
    def board(self) -> Path:
        return self.root / "board"

    def state(self, i: int) -> Path:
        return self.root / f"trustee-{i}" / "state.json"

    def round1s(self) -> list[Any]:
        return [load(self.board / f"round1-{i}.json") for i in range(1, 6)]


def step(*args: str | Path | int) -> None:
    assert main([str(a) for a in args]) == 0


def finish(capsys: pytest.CaptureFixture[str], b: Board, index: int, out: Path) -> tuple[int, str]:
    """Round 3 of trustee `index` from the board's round 1 and 2 files."""
    args = ("--state", b.state(index), "--round1", b.board, "--round2", b.board, "--out", out)
    return run(capsys, "finish", *args)


def ceremony(root: Path) -> Board:
    """Rounds 1 and 2 of five trustees, each with its own folder, uploads in `board`."""
    b = Board(root)
    b.board.mkdir(parents=True)
    for i in range(1, 6):
        b.state(i).parent.mkdir()
        step("init", "--session", SESSION, "--trustees", 5, "--threshold", 3, "--index", i,
             "--state", b.state(i), "--out", b.board / f"round1-{i}.json")  # fmt: skip
    for i in range(1, 6):
        step("shares", "--state", b.state(i), "--round1", b.board,
             "--out", b.board / f"round2-{i}.json")  # fmt: skip
    return b


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Board]:
    b = ceremony(tmp_path_factory.mktemp("ceremony"))
    for i in range(1, 6):
        step("finish", "--state", b.state(i), "--round1", b.board, "--round2", b.board,
             "--out", b.board / f"round3-{i}.json")  # fmt: skip
    yield b


def encrypted_tally(public_key: Point, choices: list[list[int]]) -> EncryptedTally:
    ballots = [cast_ballot(public_key, c, PERSONS, VALUES, BALLOT_CTX)[0] for c in choices]
    return tally(public_key, ballots, PERSONS, VALUES, BALLOT_CTX)


def publish_tally(path: Path, encrypted: EncryptedTally) -> None:
    path.write_text(json.dumps(tf.tally_request_to_dict(SESSION, encrypted, TALLY_CTX)), "utf-8")


def test_a_3_of_5_ceremony_then_3_trustees_decrypt_the_counts(
    finished: Board, capsys: pytest.CaptureFixture[str]
) -> None:
    b = finished
    public_key, keys = cf.ceremony_result(SESSION, PARAMS, b.round1s())
    for i in range(1, 6):
        round2 = load(b.board / f"round2-{i}.json")
        cf.check_round2(SESSION, PARAMS, b.round1s(), round2)
        round3 = load(b.board / f"round3-{i}.json")
        assert cf.check_round3(SESSION, PARAMS, b.round1s(), round3) == keys[i]
    encrypted = encrypted_tally(public_key, CHOICES)
    publish_tally(b.board / "tally.json", encrypted)
    shares = []
    for i in (1, 3, 5):
        out = b.root / f"trustee-{i}" / "decryption.json"
        code, err = run(
            capsys,
            "decrypt",
            "--state",
            b.state(i),
            "--tally",
            b.board / "tally.json",
            "--out",
            out,
        )
        assert code == 0, err
        assert tf.tally_hash(encrypted) in err
        data = load(out)
        shares.append(tf.check_decryption(SESSION, PARAMS, keys, encrypted, TALLY_CTX, data))
    counts = decrypt_tally(encrypted, shares, keys, 3, VALUES, TALLY_CTX)
    assert counts == [[3, 1, 0], [2, 1, 1], [0, 0, 4]]


def test_the_state_file_is_private_and_keeps_only_the_key_share_after_finish(
    finished: Board,
) -> None:
    state = finished.state(2)
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    data = load(state)
    assert data["v"] == "tinnhiem/trustee-state/1"
    assert data["polynomial"] is None and data["box_secret_key"] is None
    assert len(data["key_share"]) == 64
    assert "key_share" not in (finished.board / "round3-2.json").read_text("utf-8")


def test_init_refuses_to_overwrite_a_state_or_an_output(
    finished: Board, capsys: pytest.CaptureFixture[str]
) -> None:
    before = finished.state(1).read_bytes()
    code, err = run(
        capsys,
        "init",
        "--session",
        SESSION,
        "--trustees",
        5,
        "--threshold",
        3,
        "--index",
        1,
        "--state",
        finished.state(1),
        "--out",
        finished.root / "x.json",
    )
    assert code == 2
    assert str(finished.state(1)) in err and "không ghi đè" in err and "not overwritten" in err
    assert finished.state(1).read_bytes() == before
    assert not (finished.root / "x.json").exists()


def test_a_swapped_sealed_share_makes_a_complaint_naming_the_dealer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b = ceremony(tmp_path)
    one, two = (b.board / "round2-1.json", b.board / "round2-2.json")
    first, second = load(one), load(two)
    first["shares"]["4"], second["shares"]["4"] = second["shares"]["4"], first["shares"]["4"]
    one.write_text(json.dumps(first), "utf-8")
    two.write_text(json.dumps(second), "utf-8")
    out = tmp_path / "round3-4.json"
    code, err = finish(capsys, b, 4, out)
    assert code == 1
    assert "KHIẾU NẠI" in err and "COMPLAINT" in err
    complaint = cf.check_complaint(SESSION, PARAMS, load(out))
    assert "KHIẾU NẠI" in err
    assert (complaint.index, complaint.dealer, complaint.reason) == (4, 1, "misaddressed")
    assert load(b.state(4))["key_share"] is None


def test_a_bad_share_makes_a_complaint_naming_the_dealer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b = ceremony(tmp_path)
    dealer3 = load(b.state(3))
    coefficients = [Scalar.from_bytes(bytes.fromhex(a)) for a in dealer3["polynomial"]]
    wrong = coefficients[0] + Scalar(7)  # f_3(2) + 7 instead of f_3(2)
    for k, a in enumerate(coefficients[1:], start=1):
        wrong = wrong + a * Scalar(2**k)
    box = bytes.fromhex(load(b.board / "round1-2.json")["box_public_key"])
    path = b.board / "round2-3.json"
    round2 = load(path)
    round2["shares"]["2"] = base64.b64encode(cf.seal_share(SESSION, 3, 2, wrong, box)).decode()
    path.write_text(json.dumps(round2), "utf-8")
    out = tmp_path / "complaint.json"
    code, _ = finish(capsys, b, 2, out)
    assert code == 1
    assert load(out)["dealer"] == 3 and load(out)["reason"] == "invalid"


def test_a_round1_file_of_another_session_is_bad_input_naming_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b = ceremony(tmp_path / "c")
    files = [b.board / f"round1-{i}.json" for i in range(1, 6)]
    foreign = tmp_path / "round1-5.json"
    foreign.write_text(json.dumps({**load(files[4]), "session": "phien-khac"}), "utf-8")
    code, err = run(
        capsys,
        "finish",
        "--state",
        b.state(1),
        "--round1",
        *files[:4],
        foreign,
        "--round2",
        b.board,
        "--out",
        tmp_path / "r3.json",
    )
    assert code == 2
    assert str(foreign) in err and "round1.session" in err and "phien-khac" in err


def test_another_tally_is_refused_after_one_was_decrypted(
    finished: Board, capsys: pytest.CaptureFixture[str]
) -> None:
    public_key, _ = cf.ceremony_result(SESSION, PARAMS, finished.round1s())
    first, subset = finished.root / "t-full.json", finished.root / "t-subset.json"
    publish_tally(first, encrypted_tally(public_key, CHOICES))
    publish_tally(subset, encrypted_tally(public_key, CHOICES[:1]))
    state = finished.state(4)
    out = finished.root / "trustee-4"
    assert (
        run(capsys, "decrypt", "--state", state, "--tally", first, "--out", out / "d1.json")[0] == 0
    )
    code, err = run(
        capsys, "decrypt", "--state", state, "--tally", subset, "--out", out / "d2.json"
    )
    assert code == 2 and "decrypt only the tally of the full closed ballot set" in err
    assert (
        run(capsys, "decrypt", "--state", state, "--tally", first, "--out", out / "d3.json")[0] == 0
    )


def test_a_passphrase_locks_the_state_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert trustee_state.OPSLIMIT >= 3 and trustee_state.MEMLIMIT >= 256 * 2**20  # in real use
    monkeypatch.setattr(trustee_state, "OPSLIMIT", 1)  # fast; the file records its parameters
    monkeypatch.setattr(trustee_state, "MEMLIMIT", 8192)
    monkeypatch.setenv("TRUSTEE_PASS", "mật khẩu dài của ban kiểm phiếu")
    monkeypatch.setenv("WRONG_PASS", "sai")
    state = tmp_path / "state.json"
    code, _ = run(
        capsys,
        "init",
        "--session",
        SESSION,
        "--trustees",
        1,
        "--threshold",
        1,
        "--index",
        1,
        "--state",
        state,
        "--out",
        tmp_path / "r1.json",
        "--passphrase-env",
        "TRUSTEE_PASS",
    )
    assert code == 0
    locked = load(state)
    assert locked["v"] == "tinnhiem/trustee-state-locked/1" and "polynomial" not in locked
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    shares: list[str | Path | int] = ["shares", "--state", state, "--round1", tmp_path / "r1.json"]
    code, err = run(capsys, *shares, "--out", tmp_path / "r2.json")
    assert code == 2 and "--passphrase-env" in err
    code, err = run(
        capsys, *shares, "--out", tmp_path / "r2.json", "--passphrase-env", "WRONG_PASS"
    )
    assert code == 2 and "wrong passphrase" in err
    code, err = run(
        capsys, *shares, "--out", tmp_path / "r2.json", "--passphrase-env", "TRUSTEE_PASS"
    )
    assert code == 0, err


def test_the_trustee_command_runs_without_django(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from tinnhiem.cli.main import main\n"
        f"rc = main(['trustee', 'init', '--session', 's', '--trustees', '2', '--threshold', '2',"
        f" '--index', '1', '--state', {str(tmp_path / 's.json')!r}, '--out',"
        f" {str(tmp_path / 'r.json')!r}])\n"
        "assert rc == 0, rc\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    assert load(tmp_path / "r.json")["v"] == "tinnhiem/trustee-round1/1"


def test_bad_arguments_are_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(
        capsys,
        "init",
        "--session",
        SESSION,
        "--trustees",
        3,
        "--threshold",
        4,
        "--index",
        1,
        "--state",
        tmp_path / "s.json",
        "--out",
        tmp_path / "r.json",
    )
    assert code == 2 and "1 ≤ T ≤ N" in err
    assert not (tmp_path / "s.json").exists()
    code, err = run(
        capsys,
        "decrypt",
        "--state",
        tmp_path / "none.json",
        "--tally",
        tmp_path / "t.json",
        "--out",
        tmp_path / "d.json",
    )
    assert code == 2 and "none.json" in err


def test_every_trustee_prints_the_same_ceremony_fingerprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in (1, 2):
        step("init", "--session", SESSION, "--trustees", 2, "--threshold", 2, "--index", i,
             "--state", tmp_path / f"s{i}.json", "--out", tmp_path / f"r1-{i}.json")  # fmt: skip
    capsys.readouterr()
    marks = set()
    for i in (1, 2):
        code, err = run(capsys, "shares", "--state", tmp_path / f"s{i}.json", "--round1",
                        tmp_path, "--out", tmp_path / f"r2-{i}.json")  # fmt: skip
        assert code == 0
        marks.add(err.split("fingerprint: ")[1].split(";")[0])
    assert len(marks) == 1 and len(marks.pop()) == 39
