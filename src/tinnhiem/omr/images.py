"""Scanned files to grey pages: PDF (rendered), PNG, JPEG and TIFF (every frame; 1-bit, grey or
colour). Pages come one at a time, so a 500-page PDF never sits in memory at once. Every page
and every frame is measured before it is rendered or decoded, and refused above the limit of
pixels (`tinnhiem.limits`): a one-page PDF of 10,000 × 10,000 points would render to 771 million
pixels, a TIFF's second frame can be far larger than its first."""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageSequence, UnidentifiedImageError

from tinnhiem import limits
from tinnhiem.omr.errors import OmrError, PageTooLarge, UnreadableImage
from tinnhiem.omr.types import GrayImage

DPI_TOLERANCE = 0.02  # a file within 2 % of the wanted resolution is left as it is
_SIGNATURES = {
    b"%PDF": "pdf",
    b"\x89PNG": "image",
    b"\xff\xd8\xff": "image",
    b"II*\x00": "image",
    b"MM\x00*": "image",
}


def load_images(
    file_name: str, content: bytes, *, dpi: int = 200, max_pixels: int | None = None
) -> Iterator[GrayImage]:
    """Every page of a scanned file as a grey uint8 array. PDF pages are rendered at `dpi`;
    images that state their resolution are resampled to `dpi`, others are kept as they are.
    Raises `UnreadableImage` (naming the file) for anything that is not a readable scan, and
    `PageTooLarge` (naming the file and the page) for a page of more than `max_pixels` (by
    default the limit in force)."""
    limit = max_pixels or limits.current().scan_pixels
    kind = _kind(file_name, content)
    if kind == "pdf":
        yield from _pdf_pages(file_name, content, dpi, limit)
    else:
        yield from _image_frames(file_name, content, dpi, limit)


def check_pages(
    file_name: str, content: bytes, *, dpi: int = 200, max_pixels: int | None = None
) -> None:
    """Measure every page (PDF) or frame (image) without rendering or decoding any: raises
    `PageTooLarge` for the first over the limit, `UnreadableImage` for a file that is not a
    scan. Quick enough to run on an upload before it is accepted."""
    limit = max_pixels or limits.current().scan_pixels
    if _kind(file_name, content) == "pdf":
        with _pdf(file_name, content) as document:
            for index in range(len(document)):
                _check_pdf_page(file_name, document, index, dpi, limit)
        return
    with _image(file_name, content, limit) as image:
        try:
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                _check_frame(file_name, number, frame, limit)
        except OmrError:
            raise
        except (OSError, ValueError, EOFError) as error:
            raise UnreadableImage(file_name, str(error)) from error


def _kind(file_name: str, content: bytes) -> str:
    kind = next((k for sig, k in _SIGNATURES.items() if content.startswith(sig)), None)
    if kind is None:
        raise UnreadableImage(file_name)
    return kind


@contextmanager
def _pdf(file_name: str, content: bytes) -> Iterator[pdfium.PdfDocument]:
    """The PDF document, closed on leaving."""
    try:
        document = pdfium.PdfDocument(content)
    except pdfium.PdfiumError as error:
        raise UnreadableImage(file_name, str(error)) from error
    try:
        if len(document) == 0:
            raise UnreadableImage(file_name, "0 pages")
        yield document
    finally:
        document.close()


def _pdf_pages(file_name: str, content: bytes, dpi: int, limit: int) -> Iterator[GrayImage]:
    with _pdf(file_name, content) as document:
        for index in range(len(document)):
            _check_pdf_page(file_name, document, index, dpi, limit)
            bitmap = document[index].render(scale=dpi / 72, grayscale=True)
            page = bitmap.to_numpy()
            yield np.ascontiguousarray(page.reshape(page.shape[0], page.shape[1]))


def _check_pdf_page(
    file_name: str, document: pdfium.PdfDocument, index: int, dpi: int, limit: int
) -> None:
    points_wide, points_high = document[index].get_size()
    width = math.ceil(points_wide * dpi / 72)
    height = math.ceil(points_high * dpi / 72)
    if width * height > limit:
        raise PageTooLarge(file_name, index + 1, width, height, limit, is_frame=False)


@contextmanager
def _image(file_name: str, content: bytes, limit: int) -> Iterator[Image.Image]:
    """The image opened (its header read, nothing decoded), closed on leaving."""
    # Pillow warns about a first frame over its own limit and refuses one over twice that; each
    # frame is measured here instead, before it is decoded, so Pillow's limit is set above ours.
    Image.MAX_IMAGE_PIXELS = 4 * limit
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(content))
    except Image.DecompressionBombError as error:
        raise PageTooLarge(file_name, 1, 0, 0, limit, is_frame=True) from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise UnreadableImage(file_name, str(error)) from error
    with image:
        yield image


def _check_frame(file_name: str, number: int, frame: Image.Image, limit: int) -> None:
    width, height = frame.size
    if width * height > limit:
        raise PageTooLarge(file_name, number, width, height, limit, is_frame=True)


def _image_frames(file_name: str, content: bytes, dpi: int, limit: int) -> Iterator[GrayImage]:
    with _image(file_name, content, limit) as image:
        try:
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                _check_frame(file_name, number, frame, limit)
                yield _resampled(_grey(frame), _stated_dpi(frame), dpi)
        except OmrError:
            raise
        except (OSError, ValueError, EOFError) as error:
            raise UnreadableImage(file_name, str(error)) from error


def _grey(frame: Image.Image) -> GrayImage:
    """1-bit, palette, grey (8 or 16 bit), RGB(A), CMYK: all to 8-bit grey, transparency on
    white paper."""
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        frame = Image.alpha_composite(paper, rgba)
    if frame.mode in ("I;16", "I;16B", "I;16L", "I"):
        wide = np.asarray(frame, dtype=np.float64)
        top = 65535.0 if wide.max() > 255 else 255.0
        return np.ascontiguousarray(np.clip(wide / top * 255.0, 0, 255).astype(np.uint8))
    return np.ascontiguousarray(np.asarray(frame.convert("L"), dtype=np.uint8))


def _stated_dpi(frame: Image.Image) -> float | None:
    value = frame.info.get("dpi")
    if not value:
        return None
    try:
        stated = float(value[0])
    except (TypeError, ValueError, IndexError):
        return None
    if round(stated) in (72, 96) or not 100 <= stated <= 2400:  # software defaults: not said
        return None
    return stated


def _resampled(gray: GrayImage, stated: float | None, dpi: int) -> GrayImage:
    if stated is None or abs(stated - dpi) <= DPI_TOLERANCE * dpi:
        return gray
    scale = dpi / stated
    size = (max(1, round(gray.shape[1] * scale)), max(1, round(gray.shape[0] * scale)))
    method = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    return cv2.resize(gray, size, interpolation=method)
