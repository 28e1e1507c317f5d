"""Every document in Decree 30's frame (margins top 20, bottom 20, left 30, right 15 mm) with
the chart inside it; Party bodies' papers in Guide 36's form (the Party's name on the right in
15 pt, the committee with its asterisk on the left, 14 pt text, "T/M"), state bodies' in Decree
30's. Read back with poppler's word boxes, pypdf's type sizes and python-docx."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace

import pytest
from docx import Document
from docx.shared import Mm
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from tests.documents.test_formalities import PARTY, filled
from tests.readback import pdf_font_sizes, pdf_text, pdf_words

from tinnhiem.documents import chart
from tinnhiem.documents.data import BodyHeader, HeaderKind, ResultsReport
from tinnhiem.documents.fonts import register_fonts
from tinnhiem.documents.minutes_pdf import render_minutes_pdf
from tinnhiem.documents.results_pdf import render_results_pdf
from tinnhiem.documents.text import word_groups
from tinnhiem.documents.word import render_minutes_docx, render_results_docx

PDFS = {"minutes": render_minutes_pdf, "results": render_results_pdf}
DOCXS = {"minutes": render_minutes_docx, "results": render_results_docx}
SLACK = 0.5  # points: poppler's boxes are rounded


def party(report: ResultsReport) -> ResultsReport:
    return replace(report, session=replace(report.session, header=PARTY))


@pytest.mark.parametrize("kind", PDFS)
@pytest.mark.parametrize("form", ["state", "party"])
def test_every_word_stays_inside_the_decree_30_frame(
    report_with_previous: ResultsReport, kind: str, form: str
) -> None:
    report = filled(report_with_previous)
    report = party(report) if form == "party" else report
    pages = pdf_words(PDFS[kind](report))
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        left, right = 30 * mm - SLACK, page.width - 15 * mm + SLACK
        top, bottom = 20 * mm - SLACK, page.height - 20 * mm + SLACK
        for word in page.words:
            if number > 1 and word.text == str(number) and word.bottom < top:
                continue  # the page number, centred in the top margin
            assert left <= word.x0 and word.x1 <= right, (number, word)
            assert top <= word.top and word.bottom <= bottom, (number, word)


def test_the_chart_fits_the_frame_to_its_last_label(report_with_previous: ResultsReport) -> None:
    width = 700.0
    drawings = [chart.axis(width), chart.legend(report_with_previous.result.profile, width)]
    drawings += [chart.person_bar(report_with_previous, i, width) for i in range(2)]
    for drawing in drawings:
        x0, _, x1, _ = drawing.getBounds()
        assert 0 <= x0 and x1 <= width
    words = [w for page in pdf_words(render_results_pdf(report_with_previous)) for w in page.words]
    hundred = next(w for w in words if w.text == "100%")
    assert hundred.x1 <= 297 * mm - 15 * mm


def test_party_papers_follow_guide_36(report: ResultsReport) -> None:
    content = render_minutes_pdf(party(filled(report)))
    sizes = pdf_font_sizes(content)
    assert sizes["ĐẢNG CỘNG SẢN VIỆT NAM"] == {15.0}
    assert sizes["ĐẢNG ỦY SỞ TƯ PHÁP"] == {14.0} and sizes["*"] == {14.0}
    assert sizes["Số 12-BB/BKP"] == {14.0}
    assert sizes["BIÊN BẢN KIỂM PHIẾU"] == {16.0}
    assert sizes["1. Trần Quang Thắng, Trưởng ban;"] == {14.0}
    assert sizes["T/M BAN KIỂM PHIẾU"] == {14.0}
    page = pdf_words(content)[0]
    party_name = next(w for w in page.words if w.text == "CỘNG")
    committee = next(w for w in page.words if w.text == "SỞ")
    assert party_name.x0 > page.width / 2 > committee.x1  # the Party right, the committee left
    text = pdf_text(content)
    assert "CỘNG HÒA XÃ HỘI" not in text and "Độc lập - Tự do" not in text
    assert "TM. " not in text


def test_state_papers_follow_decree_30(report: ResultsReport) -> None:
    content = render_results_pdf(filled(report))
    sizes = pdf_font_sizes(content)
    assert sizes["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] == {12.0}
    assert sizes["Độc lập - Tự do - Hạnh phúc"] == {13.0}
    assert sizes["Số: 5/BC-BKP"] == {13.0}
    assert sizes["TM. BAN KIỂM PHIẾU"] == {13.0}
    assert sizes["Nơi nhận:"] == {12.0}
    assert "T/M" not in pdf_text(content)


@pytest.mark.parametrize("kind", DOCXS)
def test_word_documents_have_the_same_margins_and_forms(report: ResultsReport, kind: str) -> None:
    render: Callable[[ResultsReport], bytes] = DOCXS[kind]
    for form, sample in (("state", report), ("party", party(report))):
        document = Document(io.BytesIO(render(sample)))
        section = document.sections[0]
        margins = (section.top_margin, section.bottom_margin, section.left_margin)
        assert [round(m / Mm(1)) for m in (*margins, section.right_margin)] == [20, 20, 30, 15]
        first = document.tables[0].rows[0].cells
        nation = first[1].paragraphs[0].runs[0]
        if form == "party":
            assert nation.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and nation.font.size.pt == 15
            assert "*" in first[0].text
        else:
            assert nation.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
            assert nation.font.size.pt == 12


# (superior body, body): the body alone, too long for one line; and a superior body that is
HEADINGS = [
    ("", "Hội đồng nhân dân tỉnh Ninh Bình"),
    ("", "Hội đồng nhân dân Thành phố Hồ Chí Minh"),
    ("Ủy ban nhân dân Thành phố Hồ Chí Minh", "Sở Tư pháp"),
]


def is_cut_between_groups(lines: list[str], *names: str) -> bool:
    """The lines hold the whole names one after the other, each line a run of whole word groups
    (`word_groups`) of one name."""
    ends, offset = set(), 0
    for name in names:
        groups = word_groups(name.upper())
        ends |= {offset + len(" ".join(groups[: k + 1])) for k in range(len(groups))}
        offset += len(name) + 1
    joined = ""
    for line in lines:
        joined = f"{joined} {line}".strip()
        if len(joined) not in ends:
            return False
    return joined == " ".join(names).upper()


def heading_of(report: ResultsReport, parent: str, name: str) -> ResultsReport:
    header = BodyHeader(body_name=name, kind=HeaderKind.STATE, city="Ninh Bình", parent_name=parent)
    return replace(report, session=replace(report.session, header=header))


@pytest.mark.parametrize(("parent", "name"), HEADINGS)
@pytest.mark.parametrize("render", [render_minutes_pdf, render_results_pdf])
def test_the_pdf_heading_breaks_the_body_names_between_word_groups(
    report: ResultsReport, render: Callable[[ResultsReport], bytes], parent: str, name: str
) -> None:
    """Never "HỘI ĐỒNG NHÂN DÂN TỈNH / NINH BÌNH", as Paragraph wrapping did: the place stays whole."""
    first = pdf_words(render(heading_of(report, parent, name)))[0]
    nation = next(w for w in first.words if w.text == "CỘNG")  # where the right column starts
    left = [w for w in first.words if w.x1 < nation.x0 and w.top < 160]
    rows: dict[int, list[str]] = {}
    for word in sorted(left, key=lambda w: (round(w.bottom), w.x0)):
        rows.setdefault(round(word.bottom), []).append(word.text)
    lines = [" ".join(words) for _, words in sorted(rows.items())]
    heading = lines[: next(i for i, line in enumerate(lines) if line.startswith("Số:"))]
    assert is_cut_between_groups(heading, *filter(None, (parent, name))), heading


@pytest.mark.parametrize(("parent", "name"), HEADINGS)
@pytest.mark.parametrize("render", [render_minutes_docx, render_results_docx])
def test_the_word_heading_breaks_the_body_names_between_word_groups(
    report: ResultsReport, render: Callable[[ResultsReport], bytes], parent: str, name: str
) -> None:
    document = Document(io.BytesIO(render(heading_of(report, parent, name))))
    cell = document.tables[0].cell(0, 0)
    paragraphs = [paragraph for paragraph in cell.paragraphs if paragraph.text]
    texts = [paragraph.text for paragraph in paragraphs]
    heading = texts[: next(i for i, line in enumerate(texts) if line.startswith("Số:"))]
    assert is_cut_between_groups(heading, *filter(None, (parent, name))), heading
    # each line fits the column by itself, so Word has nothing to wrap (inside a place or not)
    fonts, room = register_fonts(), cell.width.pt - 2 * 5.4
    for paragraph in paragraphs[: len(heading)]:
        run = paragraph.runs[0]
        font = fonts.bold if run.bold else fonts.regular
        assert stringWidth(paragraph.text, font, run.font.size.pt) <= room, paragraph.text
