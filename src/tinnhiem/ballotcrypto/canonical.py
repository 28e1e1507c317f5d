"""Canonical JSON (docs/crypto.md, section 10): how every hashed document is written and read.

Written: keys sorted, no whitespace, UTF-8 without escapes, integers only. Read strictly: a
duplicated key, a float, NaN or Infinity is refused, so one document has one reading.
"""

from __future__ import annotations

import json
from typing import Any

from tinnhiem.ballotcrypto.errors import InvalidEncoding


def canonical_json(obj: object, *, floats_checked: bool = False) -> bytes:
    """Section 10: keys sorted, no whitespace, UTF-8 without escapes, integers only.

    `floats_checked` skips the scan for floats when the caller has scanned the whole document
    once already (the verifier does, before hashing every entry).
    """
    if not floats_checked:
        refuse_floats(obj)
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def refuse_floats(obj: object) -> None:
    """InvalidEncoding if a float hides anywhere in a JSON value (canonical JSON has none)."""
    stack = [obj]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict:
            stack.extend(item.values())  # type: ignore[attr-defined]
        elif kind is list or kind is tuple:
            stack.extend(item)  # type: ignore[arg-type]
        elif kind is float:
            raise InvalidEncoding("JSON chuẩn không có số thực", "Canonical JSON has no floats")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InvalidEncoding(
                f"Trường {key!r} xuất hiện hai lần", f"Field {key!r} appears twice"
            )
        result[key] = value
    return result


def _no_float(literal: str) -> Any:
    raise InvalidEncoding(
        f"Số thực {literal} không được phép", f"The number {literal} is not allowed (not integer)"
    )


def parse_json(raw: str | bytes) -> Any:
    """Strict JSON: a duplicated key, a float, NaN or Infinity is refused (InvalidEncoding)."""
    try:
        return json.loads(
            raw,
            object_pairs_hook=_no_duplicates,
            parse_float=_no_float,
            parse_constant=_no_float,
        )
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, InvalidEncoding):
            raise
        raise InvalidEncoding("JSON không đọc được", f"Unreadable JSON: {exc}") from None
