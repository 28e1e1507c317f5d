"""Scanned files to grey pages: PDF (rendered), PNG, JPEG and TIFF (every frame; 1-bit, grey or
colour). Pages come one at a time, so a 500-page PDF never sits in memory at once."""

from __future__ import annotations

import io
from collections.abc import Iterator

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageSequence, UnidentifiedImageError

from tinnhiem.omr.errors import UnreadableImage
from tinnhiem.omr.types import GrayImage

MAX_PIXELS = 150_000_000  # an A4 page at 1200 dpi has 140 M pixels: anything larger is refused
DPI_TOLERANCE = 0.02  # a file within 2 % of the wanted resolution is left as it is
_SIGNATURES = {
    b"%PDF": "pdf",
    b"\x89PNG": "image",
    b"\xff\xd8\xff": "image",
    b"II*\x00": "image",
    b"MM\x00*": "image",
}


def load_images(file_name: str, content: bytes, *, dpi: int = 200) -> Iterator[GrayImage]:
    """Every page of a scanned file as a grey uint8 array. PDF pages are rendered at `dpi`;
    images that state their resolution are resampled to `dpi`, others are kept as they are.
    Raises `UnreadableImage` (naming the file) for anything that is not a readable scan."""
    kind = next((k for sig, k in _SIGNATURES.items() if content.startswith(sig)), None)
    if kind is None:
        raise UnreadableImage(file_name)
    if kind == "pdf":
        yield from _pdf_pages(file_name, content, dpi)
    else:
        yield from _image_frames(file_name, content, dpi)


def _pdf_pages(file_name: str, content: bytes, dpi: int) -> Iterator[GrayImage]:
    try:
        document = pdfium.PdfDocument(content)
    except pdfium.PdfiumError as error:
        raise UnreadableImage(file_name, str(error)) from error
    try:
        if len(document) == 0:
            raise UnreadableImage(file_name, "0 pages")
        for index in range(len(document)):
            bitmap = document[index].render(scale=dpi / 72, grayscale=True)
            page = bitmap.to_numpy()
            yield np.ascontiguousarray(page.reshape(page.shape[0], page.shape[1]))
    finally:
        document.close()


def _image_frames(file_name: str, content: bytes, dpi: int) -> Iterator[GrayImage]:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(content))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as error:
        raise UnreadableImage(file_name, str(error)) from error
    try:
        for frame in ImageSequence.Iterator(image):
            yield _resampled(_grey(frame), _stated_dpi(frame), dpi)
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
