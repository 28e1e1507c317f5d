"""The embedded serif font: found in the Debian font directories, registered once, and a clear
error naming the package to install when none is there."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics

from tinnhiem.documents import fonts
from tinnhiem.documents.fonts import DOCX_FONT, FontNotFound, register_fonts


def test_a_serif_family_with_vietnamese_letters_is_registered() -> None:
    found = register_fonts()
    assert found.family in {"LiberationSerif", "NotoSerif", "DejaVuSerif"}
    registered = pdfmetrics.getRegisteredFontNames()
    for name in (found.regular, found.bold, found.italic, found.bold_italic):
        assert name in registered
        face = pdfmetrics.getFont(name).face
        assert all(ord(char) in face.charToGlyph for char in "Nguyễn Thị Lệ ĐƯỢC ỨNG Ỷ")


def test_registration_happens_once() -> None:
    assert register_fonts() is register_fonts()


def test_liberation_serif_comes_first_when_installed() -> None:
    if fonts._find(fonts.CANDIDATES[0]) is None:
        pytest.skip("fonts-liberation2 is not installed")
    assert register_fonts().family == "LiberationSerif"


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
