"""Scanned files to grey pages: PDF, PNG, JPEG, TIFF (several frames, 1-bit), resolution
honoured, and a clear error naming the file for anything else."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from tinnhiem.documents.ballot_pdf import render_ballots
from tinnhiem.omr import UnreadableImage, load_images

from .corpus import Scan, ballot_spec, covering_plan, make_sheet


@pytest.fixture(scope="module")
def colour_scan() -> np.ndarray:
    sheet = make_sheet(
        np.random.default_rng(3), plan=covering_plan(5), scan=Scan(mode="colour"), keep_color=True
    )
    assert sheet.color is not None
    return sheet.color


def encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def test_a_pdf_gives_every_page_rendered_at_the_resolution() -> None:
    data, _ = render_ballots(ballot_spec(5), copies=3)
    pages = list(load_images("ballots.pdf", data, dpi=150))
    assert len(pages) == 3
    assert all(p.dtype == np.uint8 and p.ndim == 2 for p in pages)
    height, width = pages[0].shape
    assert abs(height - 841.89 * 150 / 72) <= 1 and abs(width - 595.28 * 150 / 72) <= 1


def test_png_and_jpeg_colour_scans_become_grey(colour_scan: np.ndarray) -> None:
    image = Image.fromarray(colour_scan)
    for kind in ("PNG", "JPEG"):
        (page,) = load_images(f"scan.{kind.lower()}", encoded(image, kind))
        assert page.shape == colour_scan.shape[:2] and page.dtype == np.uint8
        assert abs(float(page.mean()) - float(colour_scan.mean())) < 8


def test_a_multi_page_tiff_gives_every_frame(colour_scan: np.ndarray) -> None:
    grey = Image.fromarray(colour_scan).convert("L")
    frames = [grey, grey.rotate(180), grey.convert("1")]
    data = encoded(frames[0], "TIFF", save_all=True, append_images=frames[1:], dpi=(200, 200))
    pages = list(load_images("pile.tiff", data, dpi=200))
    assert len(pages) == 3
    assert all(p.shape == colour_scan.shape[:2] for p in pages)
    assert set(np.unique(pages[2])) <= {0, 255}


def test_a_one_bit_tiff_at_another_resolution_is_resampled(colour_scan: np.ndarray) -> None:
    bits = Image.fromarray(colour_scan).convert("L").convert("1")
    data = encoded(bits, "TIFF", compression="group4", dpi=(300, 300))
    (page,) = load_images("bits.tif", data, dpi=200)
    height, width = colour_scan.shape[:2]
    assert page.shape == (round(height * 2 / 3), round(width * 2 / 3))


def test_a_file_without_a_stated_resolution_is_kept_as_it_is(colour_scan: np.ndarray) -> None:
    (page,) = load_images("scan.png", encoded(Image.fromarray(colour_scan), "PNG"), dpi=300)
    assert page.shape == colour_scan.shape[:2]


def test_sixteen_bit_and_transparent_images_are_read() -> None:
    wide = Image.fromarray(np.arange(256 * 64, dtype=np.uint16).reshape(64, 256) * 4)
    (page,) = load_images("wide.png", encoded(wide, "PNG"))
    assert page.dtype == np.uint8 and page.max() > 200
    clear = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
    (page,) = load_images("clear.png", encoded(clear, "PNG"))
    assert page.min() == 255  # transparent is white paper


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.txt", b"not an image at all"),
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),
        ("broken.pdf", b"%PDF-1.4\n garbage"),
        ("empty.jpg", b""),
    ],
)
def test_unreadable_files_are_refused_naming_the_file(name: str, content: bytes) -> None:
    with pytest.raises(UnreadableImage) as error:
        list(load_images(name, content))
    assert name in error.value.message_vi and name in error.value.message_en
    assert "Không đọc được" in str(error.value) and "Cannot read" in str(error.value)
