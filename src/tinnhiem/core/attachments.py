"""Files people attach for others to open: evaluation evidence, self-assessment reports.

Only document and picture types that open without running anything (no macros: .docm, .xlsm,
old binary .doc/.xls are refused), checked by their name and by their first bytes, and no larger
than settings.ATTACHMENT_MAX_BYTES. They are stored under MEDIA_ROOT, which nothing serves: they
are sent back only by views that check access, as downloads.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.conf import settings

from tinnhiem import limits
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
EXPANSION = 10  # an office document may uncompress to ten times the attachment size limit
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
    _check_content(upload, name, suffix, what_vi=what_vi, what_en=what_en)


def _check_content(upload: Any, name: str, suffix: str, *, what_vi: str, what_en: str) -> None:
    """The first bytes are the type's; an office document is a sound zip holding the part its
    type needs, and would not cost too much to open (a "zip bomb" would harm whoever opens it:
    at most `EXPANSION` times the size limit uncompressed, no part compressed too much)."""
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if not content.startswith(SIGNATURES[suffix]):
        raise _mismatch(name, suffix, what_vi, what_en)
    if suffix not in ZIP_MEMBERS:
        return
    try:
        parts = limits.zip_parts(content)
    except limits.ZIP_ERRORS as exc:
        raise InputProblem(
            f"{what_vi} '{name}' không mở được: tệp {suffix} bị hỏng (phần nén không đọc được); "
            "hãy mở lại bằng Word, Excel hoặc LibreOffice rồi lưu lại",
            f"The {what_en} '{name}' cannot be opened: the {suffix} file is damaged (its zip "
            "cannot be read); open it in Word, Excel or LibreOffice and save it again",
        ) from exc
    problem = limits.zip_bomb(parts, EXPANSION * settings.ATTACHMENT_MAX_BYTES)
    if problem is not None:
        raise InputProblem(
            f"{what_vi} '{name}' không được nhận vì {problem[0]}",
            f"The {what_en} '{name}' is not accepted because {problem[1]}",
        )
    if ZIP_MEMBERS[suffix] not in {part.filename for part in parts}:
        raise _mismatch(name, suffix, what_vi, what_en)


def _mismatch(name: str, suffix: str, what_vi: str, what_en: str) -> InputProblem:
    return InputProblem(
        f"{what_vi} '{name}' không phải tệp {suffix} thật (nội dung không khớp tên tệp)",
        f"The {what_en} '{name}' is not a real {suffix} file (its content does not match)",
    )


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".removesuffix(".0")
