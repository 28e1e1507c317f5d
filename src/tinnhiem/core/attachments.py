"""Files people attach for others to open: evaluation evidence, self-assessment reports.

Only document and picture types that open without running anything (no macros: .docm, .xlsm,
old binary .doc/.xls are refused), checked by their name and by their first bytes, and no larger
than settings.ATTACHMENT_MAX_BYTES. They are stored under MEDIA_ROOT, which nothing serves: they
are sent back only by views that check access, as downloads.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath
from typing import Any

from django.conf import settings

from tinnhiem.core.errors import InputProblem

# extension: the signature its first bytes must start with
SIGNATURES = {
    ".pdf": b"%PDF-",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".docx": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
    ".odt": b"PK\x03\x04",
    ".ods": b"PK\x03\x04",
}
# what a zip must hold to be the office document its name says (not a renamed archive)
ZIP_MEMBERS = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".odt": "content.xml",
    ".ods": "content.xml",
}
KINDS_VI = "PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods), ảnh JPEG hoặc PNG"
KINDS_EN = "PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods), JPEG or PNG pictures"


def check_attachment(upload: Any, *, what_vi: str, what_en: str) -> None:
    """Refuse a file of another type, one whose content is not what its name says, or one too
    large, naming it in both languages."""
    name = PurePath(str(upload.name or "")).name
    suffix = PurePath(name.lower()).suffix
    if suffix not in SIGNATURES:
        raise InputProblem(
            f"{what_vi} '{name}' không được nhận: chỉ nhận {KINDS_VI}",
            f"The {what_en} '{name}' is not accepted: only {KINDS_EN}",
        )
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        size_vi, limit_vi = _mb(upload.size).replace(".", ","), _mb(limit).replace(".", ",")
        raise InputProblem(
            f"{what_vi} '{name}' nặng {size_vi} MB, quá giới hạn {limit_vi} MB",
            f"The {what_en} '{name}' is {_mb(upload.size)} MB, over the {_mb(limit)} MB limit",
        )
    if not _content_matches(upload, suffix):
        raise InputProblem(
            f"{what_vi} '{name}' không phải tệp {suffix} thật (nội dung không khớp tên tệp)",
            f"The {what_en} '{name}' is not a real {suffix} file (its content does not match)",
        )


def _content_matches(upload: Any, suffix: str) -> bool:
    upload.seek(0)
    head = upload.read(len(SIGNATURES[suffix]))
    try:
        if head != SIGNATURES[suffix]:
            return False
        if suffix not in ZIP_MEMBERS:
            return True
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return ZIP_MEMBERS[suffix] in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".removesuffix(".0")
