"""What a file's properties say: the title, the body as author (else "tinnhiem"), tinnhiem as
creator; never reportlab's "anonymous" nor python-docx's own name and 2013 dates."""

from __future__ import annotations

import io
from dataclasses import replace

from docx import Document
from pypdf import PdfReader

from tinnhiem.documents.data import BodyHeader, ResultsReport
from tinnhiem.documents.minutes_pdf import render_minutes_pdf
from tinnhiem.documents.results_pdf import render_results_pdf
from tinnhiem.documents.slips_pdf import Letter, Slip, render_letters, render_slips
from tinnhiem.documents.word import render_minutes_docx, render_results_docx

BODY = "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"


def test_pdf_properties_name_the_body_and_tinnhiem(report: ResultsReport) -> None:
    slip = Slip(1, "ABCD-EFGH-JKLM-NPQR", "https://x.example/e/1/#code=ABCD-EFGH-JKLM-NPQR")
    files = {
        "BIÊN BẢN KIỂM PHIẾU": render_minutes_pdf(report),
        "BÁO CÁO KẾT QUẢ LẤY PHIẾU TÍN NHIỆM": render_results_pdf(report),
        "Phiếu mã bỏ phiếu điện tử": render_slips(BODY, "Kỳ họp", [slip]),
        "Thư mời bỏ phiếu điện tử": render_letters(BODY, "Kỳ họp", [Letter("Nguyễn Văn A", slip)]),
    }
    for title, content in files.items():
        meta = PdfReader(io.BytesIO(content)).metadata
        assert meta is not None
        assert (meta.title, meta.author, meta.creator) == (title, BODY, "tinnhiem")


def test_a_document_without_a_body_is_by_tinnhiem(report: ResultsReport) -> None:
    bare = replace(report, session=replace(report.session, header=BodyHeader(body_name="")))
    meta = PdfReader(io.BytesIO(render_minutes_pdf(bare))).metadata
    assert meta is not None and meta.author == "tinnhiem"
    assert Document(io.BytesIO(render_minutes_docx(bare))).core_properties.author == "tinnhiem"


def test_word_properties_name_the_body_not_python_docx(report: ResultsReport) -> None:
    for title, content in (
        ("BIÊN BẢN KIỂM PHIẾU", render_minutes_docx(report)),
        ("BÁO CÁO KẾT QUẢ LẤY PHIẾU TÍN NHIỆM", render_results_docx(report)),
    ):
        properties = Document(io.BytesIO(content)).core_properties
        assert properties.title == title and properties.author == BODY
        assert properties.last_modified_by == "tinnhiem"
        assert "python-docx" not in f"{properties.comments} {properties.author}"
        assert properties.created is None  # not python-docx's template date of 2013
