"""The embedded serif font: found in the Debian font directories, registered once, and a clear
error naming the package to install when none is there."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from tinnhiem.documents import fonts
from tinnhiem.documents.fonts import DOCX_FONT, FontNotFound, register_fonts
from tinnhiem.documents.layout import Styles


def test_a_serif_family_with_vietnamese_letters_is_registered() -> None:
    found = register_fonts()
    assert found.family in {"TimesNewRoman", "LiberationSerif", "NotoSerif", "DejaVuSerif"}
    registered = pdfmetrics.getRegisteredFontNames()
    for name in (found.regular, found.bold, found.italic, found.bold_italic):
        assert name in registered
        face = pdfmetrics.getFont(name).face
        assert all(ord(char) in face.charToGlyph for char in "Nguyễn Thị Lệ ĐƯỢC ỨNG Ỷ")


def test_registration_happens_once() -> None:
    assert register_fonts() is register_fonts()


def test_liberation_serif_comes_first_when_times_new_roman_is_not_installed() -> None:
    if fonts._find(fonts.CANDIDATES[0]) is not None:
        pytest.skip("Times New Roman is installed")
    if fonts._find(fonts.CANDIDATES[1]) is None:
        pytest.skip("fonts-liberation2 is not installed")
    assert register_fonts().family == "LiberationSerif"


@pytest.mark.parametrize(
    "names",
    [
        fonts.CANDIDATES[0].files,
        ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"),  # copied from Windows
    ],
)
def test_times_new_roman_is_used_where_it_is_installed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, names: tuple[str, ...]
) -> None:
    liberation = fonts._find(fonts.CANDIDATES[1])
    if liberation is None:
        pytest.skip("fonts-liberation2 is not installed")
    for source, name in zip(liberation, names, strict=True):  # the same metrics, another name
        shutil.copyfile(source, tmp_path / name)
    times = replace(fonts.CANDIDATES[0], directories=(str(tmp_path),))
    monkeypatch.setattr(fonts, "CANDIDATES", (times, *fonts.CANDIDATES[1:]))
    monkeypatch.setattr(fonts, "_registered", None)
    found = register_fonts()
    assert found.family == "TimesNewRoman" and found.source == str(tmp_path)
    styles = Styles()
    assert styles.body.fontName == "TimesNewRoman-regular"
    assert styles.signature.fontName == "TimesNewRoman-bold"


def test_word_documents_ask_for_times_new_roman() -> None:
    assert DOCX_FONT == "Times New Roman"


def test_missing_fonts_name_the_package_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    nowhere = tuple(
        fonts._Candidate(c.family, ("/nonexistent",), c.files, c.package) for c in fonts.CANDIDATES
    )
    monkeypatch.setattr(fonts, "CANDIDATES", nowhere)
    monkeypatch.setattr(fonts, "_registered", None)
    with pytest.raises(FontNotFound) as caught:
        register_fonts()
    assert "fonts-liberation2" in caught.value.message_vi
    assert "phông chữ" in caught.value.message_vi
    assert "apt-get install" in caught.value.message_en
