"""`tinnhiem verify RECORD.json`: check an election record independently, with no database.

Exit status: 0 when every check holds; 1 when the record is invalid ("KHÔNG HỢP LỆ / INVALID:
<step>: message"); 2 when the file cannot be read or is not JSON. Only the pure ballot
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
from tinnhiem.ballotcrypto.errors import InvalidEncoding
from tinnhiem.ballotcrypto.record import manifest_profile
from tinnhiem.ballotcrypto.verify import STEPS, RecordInvalid, VerifiedRecord, verify_record
from tinnhiem.texttable import aligned


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
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    try:
        data = parse_json(args.record.read_bytes())
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
    print(_json(verified) if args.format == "json" else _table(verified))
    return 0


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


def _json(verified: VerifiedRecord) -> str:
    out: dict[str, Any] = {
        "valid": True,
        "session": verified.manifest.session,
        "head": verified.head,
        "ballots": verified.ballots,
        "spoiled": verified.spoiled,
        "trustees": list(verified.trustees),
        "checks": list(verified.steps),
        "result": verified.result,
    }
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
