"""Errors the reader raises for a person to read, in Vietnamese and English (like
`tinnhiem.core.errors.DomainError`, which this pure package may not import)."""

from __future__ import annotations


class OmrError(ValueError):
    """Input the reader cannot use: an unreadable file, a template that does not match."""

    def __init__(self, message_vi: str, message_en: str) -> None:
        self.message_vi = message_vi
        self.message_en = message_en
        super().__init__(f"{message_vi} / {message_en}")

    def for_language(self, language: str | None) -> str:
        return self.message_en if (language or "").startswith("en") else self.message_vi


class UnreadableImage(OmrError):
    """A scanned file that is not a PDF, PNG, JPEG or TIFF image, or is damaged."""

    def __init__(self, file_name: str, detail: str = "") -> None:
        suffix = f" ({detail})" if detail else ""
        super().__init__(
            f"Không đọc được tệp ảnh quét «{file_name}»: không phải PDF, PNG, JPEG hoặc TIFF, "
            f"hoặc tệp bị hỏng{suffix}",
            f"Cannot read the scanned file '{file_name}': not a PDF, PNG, JPEG or TIFF image, "
            f"or the file is damaged{suffix}",
        )
        self.file_name = file_name
