"""`tinnhiem trustee`: a counting-board trustee's offline tool for the key ceremony and the close.

No database and no Django. Every step reads files and writes one file to upload:
`init` (round 1), `shares` (round 2), `finish` (round 3 or a complaint), `decrypt` (the close).
The trustee's secrets stay in its state file (trustee_state.py); docs/crypto.md, section 12.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import nacl.public

from tinnhiem.ballotcrypto import ceremony_files as cf
from tinnhiem.ballotcrypto import tally_files
from tinnhiem.ballotcrypto.canonical import parse_json
from tinnhiem.ballotcrypto.errors import CryptoError
from tinnhiem.ballotcrypto.trustees import CeremonyParams, deal, joint_public_key
from tinnhiem.cli.trustee_state import (
    Lock,
    TrusteeState,
    create_exclusive,
    create_state,
    read_state,
    replace_state,
)

T = TypeVar("T")
EXIT_COMPLAINT = 1
EXIT_BAD_INPUT = 2


class CommandError(Exception):
    """Bad input: the message (Vietnamese / English) names the file and the field."""


def main(argv: list[str] | None = None) -> int:
    """Run a step; 0 on success, 1 when a complaint was written, 2 on bad input."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message; report, don't exit
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    try:
        result: int = args.step(args)
    except CommandError as exc:
        print(f"tinnhiem trustee: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tinnhiem trustee",
        description="Thành viên ban kiểm phiếu: tạo khóa và giải mã, ngoại tuyến / "
        "Counting-board trustee: key ceremony and decryption, offline",
    )
    steps = parser.add_subparsers(required=True, metavar="STEP")
    init = steps.add_parser("init", help="vòng 1: tạo khóa, cam kết / round 1: keys, commitments")
    init.add_argument("--session", required=True, help="mã đợt / session id")
    init.add_argument("--trustees", required=True, type=int, metavar="N")
    init.add_argument("--threshold", required=True, type=int, metavar="T")
    init.add_argument("--index", required=True, type=int, metavar="I")
    init.set_defaults(step=_init)
    shares = steps.add_parser("shares", help="vòng 2: gửi phần chia / round 2: sealed shares")
    shares.add_argument("--round1", required=True, nargs="+", type=Path, metavar="PATH")
    shares.set_defaults(step=_shares)
    finish = steps.add_parser("finish", help="vòng 3: nhận phần chia / round 3: open the shares")
    finish.add_argument("--round1", required=True, nargs="+", type=Path, metavar="PATH")
    finish.add_argument("--round2", required=True, nargs="+", type=Path, metavar="PATH")
    finish.set_defaults(step=_finish)
    decrypt = steps.add_parser("decrypt", help="giải mã một phần / partial decryption")
    decrypt.add_argument("--tally", required=True, type=Path, metavar="TALLY.json")
    decrypt.add_argument(
        "--allow-another-tally",
        action="store_true",
        help="giải mã dù đã giải mã một kết quả khác / decrypt although another tally was",
    )
    decrypt.set_defaults(step=_decrypt)
    for step in (init, shares, finish, decrypt):
        step.add_argument("--state", required=True, type=Path, metavar="STATE.json")
        step.add_argument("--out", required=True, type=Path, metavar="FILE.json")
        step.add_argument(
            "--passphrase-env",
            metavar="VAR",
            help="biến môi trường chứa mật khẩu khóa tệp trạng thái / environment variable "
            "holding the passphrase that locks the state file",
        )
    return parser


# steps ----------------------------------------------------------------------------------------


def _init(args: argparse.Namespace) -> int:
    for path in (args.state, args.out):
        _refuse_existing(path)
    try:
        params = CeremonyParams(args.trustees, args.threshold)
        params.check_index(args.index)
    except ValueError:
        raise CommandError(
            f"--trustees/--threshold/--index: cần 1 ≤ T ≤ N và 1 ≤ I ≤ N / "
            f"need 1 ≤ T ≤ N and 1 ≤ I ≤ N (N={args.trustees}, T={args.threshold}, "
            f"I={args.index})"
        ) from None
    if not args.session.strip():
        raise CommandError("--session: không được trống / must not be empty")
    passphrase = _passphrase(args)
    lock = None if passphrase is None else Lock.derive(passphrase)
    box = nacl.public.PrivateKey.generate()
    polynomial, commitment = deal(args.index, params, cf.ceremony_context(args.session))
    round1 = cf.round1_to_dict(args.session, bytes(box.public_key), commitment)
    state = TrusteeState(args.session, params, args.index, bytes(box), polynomial, round1)
    create_state(args.state, state, lock)
    _write_output(args.out, round1)
    _say(
        f"Đã tạo {args.state} (bí mật, giữ kín) và {args.out} (gửi lên máy chủ)",
        f"Wrote {args.state} (secret, keep it) and {args.out} (upload it)",
    )
    return 0


def _shares(args: argparse.Namespace) -> int:
    _refuse_existing(args.out)
    state, _ = _load(args)
    if state.polynomial is None or state.box_secret_key is None:
        raise CommandError(f"{args.state}: đã xong vòng 3 / round 3 is already done")
    round1s = _round1s(state, args.round1)
    _write_output(args.out, cf.round2_to_dict(state.session, state.polynomial, round1s))
    mark = cf.fingerprint(cf.round1_set_hash(state.session, round1s))
    _say(
        f"Đã tạo {args.out}: gửi lên máy chủ. Dấu vân tay của đợt tạo khóa: {mark}; đọc đối "
        "chiếu với các thành viên khác (trực tiếp hoặc qua điện thoại)",
        f"Wrote {args.out}: upload it. The ceremony's fingerprint: {mark}; compare it with the "
        "other trustees out of band (in person or by phone)",
    )
    return 0


def _finish(args: argparse.Namespace) -> int:
    _refuse_existing(args.out)
    state, lock = _load(args)
    if state.box_secret_key is None:
        raise CommandError(f"{args.state}: đã có khóa / the key share is already there")
    round1s = _round1s(state, args.round1)
    round2s = _round2s(state, args.round2)
    try:
        key = cf.open_shares(
            state.session, state.params, state.index, state.box_secret_key, round1s, round2s
        )
    except cf.ShareComplaint as complaint:
        _write_output(args.out, cf.complaint_to_dict(state.session, complaint))
        _say(
            f"KHIẾU NẠI đã ghi vào {args.out}: {complaint.message_vi}. Gửi tệp này lên máy chủ; "
            "phải làm lại việc tạo khóa",
            f"COMPLAINT written to {args.out}: {complaint.message_en}. Upload it; the key "
            "ceremony must restart",
        )
        return EXIT_COMPLAINT
    replace_state(args.state, state.with_key(key), lock)
    _write_output(args.out, cf.round3_to_dict(state.session, key))
    public_key = joint_public_key(
        [r.commitment for r in round1s.values()], state.params, cf.ceremony_context(state.session)
    )
    mark = cf.fingerprint(cf.round1_set_hash(state.session, round1s))
    _say(
        f"Đã tạo {args.out}. Dấu vân tay: {mark}. Khóa chung: {public_key.to_bytes().hex()}",
        f"Wrote {args.out}. Fingerprint: {mark}. Joint key: {public_key.to_bytes().hex()}",
    )
    return 0


def _decrypt(args: argparse.Namespace) -> int:
    _refuse_existing(args.out)
    state, lock = _load(args)
    key = state.key
    if key is None:
        raise CommandError(
            f"{args.state}: chưa có khóa (chạy finish) / no key share yet (run finish)"
        )
    encrypted, context = _checked(
        args.tally,
        _read_json(args.tally),
        lambda data: tally_files.read_tally_request(state.session, data),
    )
    digest = tally_files.tally_hash(encrypted)
    if state.decrypted and digest not in state.decrypted and not args.allow_another_tally:
        raise CommandError(
            f"{args.tally}: bạn đã giải mã một kết quả khác của đợt này ({state.decrypted[0]}); "
            "chỉ giải mã kết quả của toàn bộ phiếu đã đóng, một lần / you already decrypted "
            "another tally of this session; decrypt only the tally of the full closed ballot "
            "set, once (--allow-another-tally to override)"
        )
    record = tally_files.decryption_to_dict(state.session, key, encrypted, context)
    _write_output(args.out, record)
    replace_state(args.state, state.with_decrypted(digest), lock)
    _say(
        f"Đã giải mã {len(encrypted.totals)} tổng của {encrypted.ballots} phiếu; ngữ cảnh "
        f"{context.session!r}; mã băm {digest}. Đối chiếu với thông báo công khai rồi gửi {args.out}",
        f"Decrypted {len(encrypted.totals)} totals of {encrypted.ballots} ballots; context "
        f"{context.session!r}; hash {digest}. Compare with the public notice, then upload "
        f"{args.out}",
    )
    return 0


# files ----------------------------------------------------------------------------------------


def _load(args: argparse.Namespace) -> tuple[TrusteeState, Lock | None]:
    try:
        return read_state(args.state, _passphrase(args))
    except CryptoError as exc:
        raise CommandError(f"{args.state}: {exc.message}") from None
    except OSError as exc:
        raise CommandError(f"{args.state}: không đọc được / cannot read ({exc.strerror})") from None


def _passphrase(args: argparse.Namespace) -> bytes | None:
    if args.passphrase_env is None:
        return None
    value = os.environ.get(args.passphrase_env, "")
    if not value:
        raise CommandError(
            f"--passphrase-env: biến {args.passphrase_env} trống hoặc không có / "
            f"the variable {args.passphrase_env} is empty or unset"
        )
    return value.encode("utf-8")


def _read_json(path: Path) -> object:
    try:
        return parse_json(path.read_bytes())
    except CryptoError as exc:
        raise CommandError(f"{path}: {exc.message}") from None
    except OSError as exc:
        raise CommandError(f"{path}: không đọc được / cannot read ({exc.strerror})") from None


def _checked(path: Path, data: object, check: Callable[[object], T]) -> T:
    """check(data) on a file's JSON; a CryptoError becomes bad input naming the file."""
    try:
        return check(data)
    except CryptoError as exc:
        raise CommandError(f"{path}: {exc.message}") from None


def _files(paths: Sequence[Path], version: str) -> list[tuple[Path, object]]:
    """The named files, and in each named folder its *.json files tagged `version`."""
    found: list[tuple[Path, object]] = []
    for path in paths:
        if path.is_dir():
            for item in sorted(path.glob("*.json")):
                data = _read_json(item)
                if isinstance(data, dict) and data.get("v") == version:
                    found.append((item, data))
        else:
            found.append((path, _read_json(path)))
    return found


def _round1s(state: TrusteeState, paths: Sequence[Path]) -> dict[int, cf.Round1]:
    """Every round-1 file checked (commitments and proofs), one per trustee, own one unchanged."""
    checked: dict[int, cf.Round1] = {}
    records: list[object] = []
    for path, data in _files(paths, cf.ROUND1_VERSION):
        round1 = _checked(path, data, lambda d: cf.check_round1(state.session, state.params, d))
        if round1.index in checked:
            raise CommandError(f"{path}: vòng 1 của thành viên {round1.index} lần hai / twice")
        checked[round1.index] = round1
        records.append(data)
    missing = sorted(set(range(1, state.params.trustees + 1)) - set(checked))
    if missing:
        raise CommandError(f"--round1: thiếu tệp của thành viên / files missing for {missing}")
    own = checked[state.index]
    if cf.round1_to_dict(state.session, own.box_public_key, own.commitment) != state.round1:
        raise CommandError(
            "--round1: tệp vòng 1 mang chỉ số của bạn khác tệp bạn đã tạo / the round-1 file "
            "with your index is not the one you made"
        )
    try:
        return cf.check_round1s(state.session, state.params, records)
    except CryptoError as exc:
        raise CommandError(f"--round1: {exc.message}") from None


def _round2s(state: TrusteeState, paths: Sequence[Path]) -> dict[int, cf.Round2]:
    round2s: dict[int, cf.Round2] = {}
    for path, data in _files(paths, cf.ROUND2_VERSION):
        round2 = _checked(path, data, lambda d: cf.read_round2(state.session, state.params, d))
        if round2.index in round2s:
            raise CommandError(f"{path}: vòng 2 của thành viên {round2.index} lần hai / twice")
        round2s[round2.index] = round2
    missing = sorted(set(range(1, state.params.trustees + 1)) - set(round2s))
    if missing:
        raise CommandError(f"--round2: thiếu tệp của thành viên / files missing for {missing}")
    return round2s


def _refuse_existing(path: Path) -> None:
    if path.exists():
        raise CommandError(
            f"{path}: tệp đã có, không ghi đè; xóa hoặc chọn tên khác / "
            "the file exists and is not overwritten; remove it or choose another name"
        )


def _write_output(path: Path, record: dict[str, Any]) -> None:
    content = json.dumps(record, ensure_ascii=False, indent=2).encode() + b"\n"
    try:
        create_exclusive(path, content, 0o644)
    except FileExistsError:
        _refuse_existing(path)
    except OSError as exc:
        raise CommandError(f"{path}: không ghi được / cannot write ({exc.strerror})") from None


def _say(vi: str, en: str) -> None:
    print(f"{vi}\n{en}", file=sys.stderr)
