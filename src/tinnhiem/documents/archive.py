"""Office files (DOCX, XLSX) are zip archives whose entries carry the time they were written:
`stable_zip` rewrites them with a fixed time, so the same document gives the same bytes (a
report read from a frozen snapshot is the one first published, to the byte)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def stable_zip(data: bytes, replace: Mapping[str, bytes] | None = None) -> bytes:
    """The archive with every entry dated `FIXED_TIME`, in the same order, deflated; an entry
    named in `replace` gets that content instead (a writer that stamps the time it saved)."""
    replace = replace or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = entry.external_attr
            content = replace.get(entry.filename) or source.read(entry.filename)
            target.writestr(info, content)
    return out.getvalue()
