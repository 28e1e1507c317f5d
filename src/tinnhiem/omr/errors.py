"""Errors the reader raises for a person to read, in Vietnamese and English
(`tinnhiem.bilingual.BilingualError`, the base of `tinnhiem.core.errors.DomainError` too)."""

from __future__ import annotations

from tinnhiem.bilingual import BilingualError


class OmrError(BilingualError, ValueError):
    """Input the reader cannot use: an unreadable file, a template that does not match."""


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


class PageTooLarge(OmrError):
    """A page of a PDF, or a frame of an image, with more pixels than the limit: refused before
    it is rendered or decoded. `width`, `height` are 0 when Pillow refused the frame itself."""

    def __init__(
        self, file_name: str, number: int, width: int, height: int, limit: int, *, is_frame: bool
    ) -> None:
        where_vi = f"khung hình {number}" if is_frame else f"trang {number}"
        where_en = f"frame {number}" if is_frame else f"page {number}"
        most = limit // 1_000_000
        if width and height:
            size_vi = f"{width:,} × {height:,} điểm ảnh".replace(",", ".")
            size_en = f"{width:,} × {height:,} pixels"
        else:
            size_vi = size_en = ""
        super().__init__(
            f"Tệp ảnh quét «{file_name}», {where_vi} quá lớn ({size_vi or 'quá nhiều điểm ảnh'}; "
            f"tối đa {most} triệu điểm ảnh): hãy quét lại khổ A4 ở 200 đến 300 dpi",
            f"The scanned file '{file_name}', {where_en} is too large ({size_en or 'too many pixels'}; "
            f"at most {most} million pixels): scan it again as A4 at 200 to 300 dpi",
        )
        self.file_name = file_name
        self.number = number
