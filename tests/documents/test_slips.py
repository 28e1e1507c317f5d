"""Voting-code slips and letters: one register throughout, chosen by the body's kind ("đồng chí"
for a Party committee, "ông/bà" for a state body), and the printed code kept clear of the QR code
(a phone must read the code's QR, not the code beside it)."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from tinnhiem.documents.data import BodyHeader, HeaderKind
from tinnhiem.documents.slips_pdf import (
    COLUMNS,
    GAP,
    MARGIN,
    SLIP_QR,
    Letter,
    Slip,
    address,
    render_letters,
    render_slips,
)

WIDE = Slip(serial=1, code="WWWW-WWWW-WWWW-WWWW", url="https://tinnhiem.example/e/#code=W")


def pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "slips.pdf"
    path.write_bytes(content)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


@pytest.mark.parametrize(
    ("is_party", "register", "other"), [(True, "đồng chí", "ông/bà"), (False, "ông/bà", "đồng chí")]
)
def test_one_register_throughout(is_party: bool, register: str, other: str, tmp_path: Path) -> None:
    slips = pdf_text(render_slips("Tỉnh ủy", "Kỳ họp", [WIDE], is_party=is_party), tmp_path)
    letter = render_letters("Tỉnh ủy", "Kỳ họp", [Letter("Lê Văn Tám", WIDE)], is_party=is_party)
    letters = pdf_text(letter, tmp_path)
    for page in (slips, letters):
        assert register in page.lower() and other not in page.lower()
        assert "của bạn" not in page
    assert f"Kính gửi: {address(is_party)[1]} Lê Văn Tám" in letters


def test_the_code_stays_clear_of_the_qr_code(tmp_path: Path) -> None:
    path = tmp_path / "slips.pdf"
    path.write_bytes(render_slips("Tỉnh ủy", "Kỳ họp", [WIDE]))
    done = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True, text=True
    )
    boxes = re.findall(r'xMax="([\d.]+)"[^>]*>WWWW-WWWW-WWWW-WWWW<', done.stdout)
    assert boxes, "the code is printed"
    cell_w = (A4[0] - 2 * MARGIN) / COLUMNS
    qr_left = MARGIN + cell_w - SLIP_QR - 3 * mm
    assert float(boxes[0]) <= qr_left - GAP + 0.5  # points; pdftotext rounds


@pytest.mark.parametrize(
    ("kind", "nation", "number", "signs"),
    [
        (
            HeaderKind.STATE,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Số: ………/TM-BKP",
            "TM. BAN KIỂM PHIẾU",
        ),
        (HeaderKind.PARTY, "ĐẢNG CỘNG SẢN VIỆT NAM", "Số ………-TM/BKP", "T/M BAN KIỂM PHIẾU"),
    ],
)
def test_a_letter_is_in_the_administrative_form(
    kind: HeaderKind, nation: str, number: str, signs: str, tmp_path: Path
) -> None:
    header = BodyHeader(
        body_name="HỘI ĐỒNG NHÂN DÂN TỈNH NINH BÌNH", kind=kind, city="Ninh Bình", parent_name=""
    )
    content = render_letters(
        "Hội đồng nhân dân tỉnh Ninh Bình", "Kỳ họp thứ 13", [Letter("Lê Văn Tám", WIDE)],
        is_party=kind is HeaderKind.PARTY, header=header, dated=date(2026, 12, 7),
    )  # fmt: skip
    page = pdf_text(content, tmp_path)
    for words in (nation, number, "Ninh Bình, ngày 07 tháng 12 năm 2026", signs, "TRƯỞNG BAN"):
        assert words in page
    assert page.index(nation) < page.index("THƯ MỜI BỎ PHIẾU ĐIỆN TỬ") < page.index(signs)
    (tmp_path / "letter.pdf").write_bytes(content)
    pages = subprocess.run(
        ["pdfinfo", str(tmp_path / "letter.pdf")], capture_output=True, text=True
    )
    assert re.search(r"^Pages:\s+1$", pages.stdout, re.M)  # one page per voter still
