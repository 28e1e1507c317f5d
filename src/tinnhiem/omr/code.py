"""Finding and decoding the QR code printed on every ballot page. What the code says, and how
its text is parsed, is the printed-ballot contract (`tinnhiem.ballotformat`: `PageCode`,
`parse_code`); only what parses as a tinnhiem page code is returned.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp

from tinnhiem.ballotformat import PageCode, parse_code
from tinnhiem.omr.types import GrayImage

_QR = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
_MAX_SIDE = 2400  # above this (about 200 dpi) a whole-page search is done on a reduced copy
_MAX_ENLARGED = 1_500_000  # crops up to this many pixels are also tried enlarged and binarised


@dataclass(frozen=True)
class FoundCode:
    """A decoded code and where its symbol lies in the image (four corners, pixels)."""

    code: PageCode
    quad: np.ndarray  # (4, 2) float32, the symbol's corners in image coordinates

    @property
    def center(self) -> tuple[float, float]:
        x, y = self.quad.mean(axis=0)
        return float(x), float(y)


def read_code_in(gray: GrayImage, *, offset: tuple[int, int] = (0, 0)) -> FoundCode | None:
    """Decode the first tinnhiem code in `gray` (a page or a crop of one). `offset` is the crop's
    top-left corner in the page, added to the returned position.

    A crop is tried as it is, then enlarged twice (zxing misses modules of about 3 pixels, as
    in 150 dpi scans), then binarised with Otsu's threshold (uneven or very light prints)."""
    if gray.size == 0:
        return None
    attempts: list[tuple[GrayImage, float]] = [(gray, 1.0)]
    if gray.size <= _MAX_ENLARGED:
        attempts.append((cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_LINEAR), 2.0))
        otsu = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]
        attempts.append((otsu, 1.0))
    for image, scale in attempts:
        found = _decode(image, scale, offset)
        if found is not None:
            return found
    return None


def _decode(image: GrayImage, scale: float, offset: tuple[int, int]) -> FoundCode | None:
    for result in zxingcpp.read_barcodes(image, formats=_QR):
        code = parse_code(result.text)
        if code is not None:
            position = result.position
            points = [position.top_left, position.top_right, position.bottom_right]
            points.append(position.bottom_left)
            quad = np.array([[p.x, p.y] for p in points], dtype=np.float32) / scale
            quad += np.array(offset, dtype=np.float32)
            return FoundCode(code, quad)
    return None


def find_code(gray: GrayImage) -> FoundCode | None:
    """Search a whole page: first the page itself (reduced when very large), then each corner
    region at full resolution, where a small or damaged symbol is easier to read."""
    height, width = gray.shape
    factor = max(1, int(np.ceil(max(height, width) / _MAX_SIDE)))
    small = gray if factor == 1 else cv2.resize(gray, None, fx=1 / factor, fy=1 / factor)
    found = read_code_in(small)
    if found is not None:
        return FoundCode(found.code, found.quad * factor) if factor > 1 else found
    crop_h, crop_w = int(height * 0.3), int(width * 0.45)
    for y0 in (height - crop_h, 0):
        for x0 in (0, width - crop_w):
            crop = gray[y0 : y0 + crop_h, x0 : x0 + crop_w]
            found = read_code_in(crop, offset=(x0, y0))
            if found is not None:
                return found
    return None


def decode_code(gray: GrayImage) -> PageCode | None:
    """The code of a scanned page (any rotation), or None when no tinnhiem code can be read."""
    found = find_code(gray)
    return found.code if found else None
