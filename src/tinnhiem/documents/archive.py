"""Office files (DOCX, XLSX) are zip archives whose entries carry the time they were written:
`stable_zip` rewrites them with a fixed time, so the same document gives the same bytes (a
report read from a frozen snapshot is the one first published, to the byte)."""

from __future__ import annotations

import io
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def stable_zip(data: bytes) -> bytes:
    """The archive with every entry dated `FIXED_TIME`, in the same order, deflated."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = entry.external_attr
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
