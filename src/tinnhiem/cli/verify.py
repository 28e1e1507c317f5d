"""`tinnhiem verify RECORD.json [--receipt RECEIPT.json …]`: check an election record
independently, with no database, and voters' signed receipts against it.

Exit status: 0 when every check holds; 1 when the record is invalid ("KHÔNG HỢP LỆ / INVALID:
<step>: message") or a receipt fails ("KHÔNG HỢP LỆ / INVALID: receipt FILE: <step>: message":
a bad signature, a receipt of another election, a ballot absent from the record, fewer ballots
than the receipt saw); 2 when a file cannot be read or is not JSON. Only the pure ballot
cryptography, the rules engine and the standard library are imported on this path.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from tinnhiem.ballotcrypto.canonical import parse_json
from tinnhiem.ballotcrypto.election_record import manifest_profile
from tinnhiem.ballotcrypto.errors import InvalidEncoding
from tinnhiem.ballotcrypto.receipts import Receipt, ReceiptInvalid, cast_of_record, check_receipt
from tinnhiem.ballotcrypto.verify import STEPS, RecordInvalid, VerifiedRecord, verify_record
from tinnhiem.cli.tables import aligned


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="tinnhiem verify",
        description="Kiểm tra độc lập hồ sơ bầu cử điện tử / verify an election record",
    )
    parser.add_argument("record", type=Path, metavar="RECORD.json")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="kiểm tra phiếu trên N tiến trình (0: mọi CPU) / check the ballots in N processes "
        "(0: every CPU); the result is the same",
    )
    parser.add_argument(
        "--receipt",
        type=Path,
        action="append",
        default=[],
        metavar="RECEIPT.json",
        help="kiểm tra biên nhận của người bỏ phiếu với hồ sơ (lặp lại được) / check a voter's "
        "signed receipt against the record (repeatable)",
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    files = [args.record, *args.receipt]
    try:
        data, *receipts = [parse_json(path.read_bytes()) for path in files]
    except OSError as exc:
        print(f"Không đọc được tệp / cannot read file: {exc}", file=sys.stderr)
        return 2
    except InvalidEncoding as exc:
        print(f"Tệp không phải JSON hợp lệ / not valid JSON: {exc.message}", file=sys.stderr)
        return 2
    try:
        verified = verify_record(data, jobs=args.jobs or os.cpu_count() or 1)
    except RecordInvalid as exc:
        _print_invalid(exc, args.format)
        return 1
    checked = [
        (path, _receipt(verified, data, r)) for path, r in zip(args.receipt, receipts, strict=True)
    ]
    if args.format == "json":
        print(_json(verified, checked))
    else:
        print(_table(verified))
        for path, outcome in checked:
            print(_receipt_line(path, outcome))
    return 1 if any(isinstance(outcome, ReceiptInvalid) for _, outcome in checked) else 0


def _receipt(verified: VerifiedRecord, record: Any, data: Any) -> Receipt | ReceiptInvalid:
    try:
        return check_receipt(
            data,
            session=verified.manifest.session,
            manifest=record["entries"][0]["hash"],  # verified: the manifest's entry
            receipt_key=verified.manifest.receipt_key,
            cast=cast_of_record(record),
            ballots=verified.ballots,
        )
    except ReceiptInvalid as exc:
        return exc


def _receipt_line(path: Path, outcome: Receipt | ReceiptInvalid) -> str:
    if isinstance(outcome, ReceiptInvalid):
        return (
            f"KHÔNG HỢP LỆ / INVALID: receipt {path}: {outcome.step}: {outcome.message_vi} / "
            f"{outcome.message_en}"
        )
    return (
        f"[OK] receipt {path}: phiếu / ballot {outcome.tracking_code} có trong hồ sơ / is in the "
        f"record; vị trí / position {outcome.position}, {outcome.at}; chữ ký hợp lệ / signature "
        "valid"
    )


def _jobs(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("N ≥ 0 (0: mọi CPU / every CPU)")
    return value


def _print_invalid(exc: RecordInvalid, fmt: str) -> None:
    if fmt == "json":
        failure = {"valid": False, "step": exc.step, "vi": exc.message_vi, "en": exc.message_en}
        print(json.dumps(failure, ensure_ascii=False, indent=2))
    else:
        print(f"KHÔNG HỢP LỆ / INVALID: {exc.step}: {exc.message_vi} / {exc.message_en}")


def _json(verified: VerifiedRecord, receipts: list[tuple[Path, Receipt | ReceiptInvalid]]) -> str:
    out: dict[str, Any] = {
        "valid": not any(isinstance(o, ReceiptInvalid) for _, o in receipts),
        "session": verified.manifest.session,
        "head": verified.head,
        "ballots": verified.ballots,
        "spoiled": verified.spoiled,
        "trustees": list(verified.trustees),
        "checks": list(verified.steps),
        "result": verified.result,
    }
    if receipts:
        out["receipts"] = [
            {"file": str(path), "valid": False, "step": o.step, "vi": o.message_vi,
             "en": o.message_en}
            if isinstance(o, ReceiptInvalid)
            else {"file": str(path), "valid": True, **o.to_dict()}
            for path, o in receipts
        ]  # fmt: skip
    return json.dumps(out, ensure_ascii=False, indent=2)


def _table(verified: VerifiedRecord) -> str:
    m, result = verified.manifest, verified.result
    lines = [
        f"Phiên / Session: {m.session} — {m.title}",
        f"Cơ quan / Body: {m.body}; ngày / date: {m.date}; bộ quy tắc / profile: {m.profile}",
        f"Mã đầu chuỗi / Head: {verified.head}",
        f"Phiếu điện tử / Electronic ballots: {verified.ballots}; "
        f"phiếu kiểm tra / challenged: {verified.spoiled}; "
        f"tổ kiểm phiếu giải mã / trustees who decrypted: "
        f"{', '.join(map(str, verified.trustees))} (ngưỡng / threshold {m.threshold} of {m.trustees})",
        "",
        "Các bước kiểm tra / Checks:",
        *(f"  [OK] {step}: {vi} / {en}" for step, vi, en in STEPS),
        "",
        f"Số phiếu phát ra / issued: {result['issued']}; thu về / collected: {result['collected']}; "
        f"tỷ lệ tính trên / base ({result['base_kind']}): {result['base']}",
        "",
    ]
    keys = result["levels"]
    bands = {band.key: band.label_vi for band in manifest_profile(m).bands}
    header = ["STT / No.", "Họ và tên / Name", "Chức vụ / Post"]
    header += [f"{label} / {key}" for label, key in zip(m.levels, keys, strict=True)]
    header += ["Không hợp lệ / Invalid", "Mức / Band"]
    rows = [header]
    for number, person in enumerate(result["persons"], start=1):
        row = [str(number), person["name"], person["post"]]
        row += [f"{person['counts'][k]} ({person['percent'][k]}%)" for k in keys]
        row += [str(person["invalid"]), bands.get(person["band"], "—")]
        rows.append(row)
    lines += aligned(rows, numeric={0, *range(3, 3 + len(keys) + 1)})
    consequences = [
        f"- {p['name']}: {bands[p['band']]}. {p['consequence']['vi']}"
        for p in result["persons"]
        if p["band"] in bands and p["consequence"]
    ]
    if consequences:
        lines += ["", "Hệ quả / Consequences:", *consequences]
    lines += ["", "HỢP LỆ / VALID"]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
