"""The programme's period report, read back as a person reads it: the PDF with poppler's
pdftotext, the Word file with python-docx, the spreadsheet with openpyxl.

The figures are Hanoi's Programme 01-CTr/TU at the end of 2022 (34 items in 11 agencies, 29
done; 10,100 members admitted against a plan of 9,292; 575 procedures abolished), put into the
tables `programmes.tables.period_tables` builds, as a snapshot stores them."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import load_workbook
from pypdf import PdfReader
from tests.readback import pdf_words

from tinnhiem.bodies.models import Body, BodyKind, BodyLevel
from tinnhiem.documents.archive import FIXED_TIME
from tinnhiem.documents.programme_report import cell_text
from tinnhiem.programmes.documents import render, report_of
from tinnhiem.rules.arithmetic import percent

AGENCIES = [  # (name, done on time, done late, open within, open overdue, reminders)
    ("Ban Tổ chức Thành ủy", 5, 1, 0, 1, 4),
    ("Ban Tuyên giáo Thành ủy", 3, 0, 1, 0, 0),
    ("Ủy ban Kiểm tra Thành ủy", 3, 0, 0, 0, 0),
    ("Ban Dân vận Thành ủy", 2, 1, 0, 0, 1),
    ("Ban Nội chính Thành ủy", 2, 0, 1, 0, 0),
    ("Văn phòng Thành ủy", 3, 0, 0, 0, 0),
    ("Đảng ủy Khối các cơ quan Thành phố", 2, 0, 0, 0, 0),
    ("Đảng ủy Khối Doanh nghiệp Thành phố", 2, 0, 1, 0, 0),
    ("Sở Nội vụ", 2, 0, 0, 0, 0),
    ("Văn phòng UBND Thành phố", 2, 0, 0, 0, 0),
    ("Sở Tư pháp", 1, 0, 0, 1, 2),
]


def _row(name: str, on_time: int, late: int, within: int, overdue: int, reminders: int) -> dict:
    due = on_time + late + overdue
    done = on_time + late
    rate = percent(done, due) if due else None
    return {
        "agency": name,
        "total": on_time + late + within + overdue,
        "done_on_time": on_time,
        "done_late": late,
        "open_within": within,
        "open_overdue": overdue,
        "due": due,
        "due_done_rate": rate,
        "reminders": reminders,
        "stopped": 0,
    }


def _task(code: str, title: str, lead: str, **changes: Any) -> dict[str, Any]:
    task = {
        "code": code,
        "title": title,
        "lead": lead,
        "partners": ["Sở Nội vụ"],
        "leader": "Đồng chí Phó Bí thư Thường trực",
        "deadline": "2022-06-30",
        "extended_to": None,
        "completed_on": "2022-06-15",
        "product": "Đề án trình Ban Thường vụ",
        "progress": None,
        "state": "done_on_time",
        "days_late": 0,
        "reminders": 0,
        "obstacles": "",
        "is_key": False,
    }
    return task | changes


def hanoi_tables(**changes: Any) -> dict[str, Any]:
    agencies = [_row(*agency) for agency in AGENCIES]
    total = _row("", *(sum(a[i] for a in AGENCIES) for i in range(1, 6)))
    overdue = _task(
        "CT01-07",
        "Đề án sàng lọc, đưa những đảng viên không đủ tư cách ra khỏi Đảng",
        "Ban Tổ chức Thành ủy",
        completed_on=None,
        progress=80,
        state="open_overdue",
        days_late=173,
        reminders=4,
        obstacles="Chờ ý kiến của các quận ủy, huyện ủy",
    )
    tables = {
        "version": 1,
        "programme": {
            "code": "01-CTr/TU",
            "title": "Tăng cường công tác xây dựng, chỉnh đốn Đảng, xây dựng Đảng bộ và hệ thống "
            "chính trị Thành phố trong sạch, vững mạnh; đẩy mạnh cải cách hành chính "
            "giai đoạn 2021-2025",
        },
        "period": {"start": "2022-01-01", "cut_off": "2022-12-20"},
        "deadline_basis": "current",
        "agencies": agencies,
        "total": total,
        "tasks": [
            _task(
                "CT01-01",
                "Đề tài nâng cao chất lượng đảng viên",
                "Ban Tổ chức Thành ủy",
                partners=[],
            ),
            overdue,
            _task(
                "CT01-20",
                "Đề án mô hình bộ phận “một cửa” hiện đại",
                "Văn phòng UBND Thành phố",
                deadline=None,
            ),
        ],
        "overdue": [overdue],
        "targets": [
            {
                "indicator": "Kết nạp đảng viên mới",
                "unit": "đảng viên",
                "period": "2022",
                "plan": "9292",
                "actual": "10100",
                "cumulative": None,
                "percent": "108.70",
                "verdict": "exceeded",
                "direction": "at_least",
                "previous_actual": "10027",
            }
        ],
        "inspection": [
            {
                "period": "2022",
                "activity": "discipline",
                "subject": "members",
                "inspected": 1142,
                "committee_members": 0,
                "violating": 1142,
                "to_discipline": 1142,
                "disciplined": 1142,
                # as a snapshot's canonical JSON stores them: keys sorted
                "forms": {"cach_chuc": 14, "canh_cao": 144, "khai_tru": 131, "khien_trach": 853},
            }
        ],
        "cases": {
            "carried_over": 49,
            "new": 3,
            "closed": 1,
            "dropped": 3,
            "remaining": 48,
            "defendants_carried_over": 120,
            "defendants_new": 9,
            "defendants_remaining": 126,
        },
        "reform": {
            "year": 2022,
            "abolished": 575,
            "simplified": 0,
            "decentralised": 312,
            "delegated": 401,
            "files_online": None,
            "files_fully_online": None,
            "files_on_time": None,
            "par_index": "91.43",
            "par_rank": 3,
            "sipas": None,
            "sipas_rank": None,
        },
    }
    tables.update(changes)
    return tables


@pytest.fixture
def hanoi() -> Body:
    return Body(
        name="Thành ủy Hà Nội",
        level=BodyLevel.PROVINCE,
        kind=BodyKind.PARTY_COMMITTEE,
        parent_name="Đảng bộ thành phố Hà Nội",
        city="Hà Nội",
    )


def pdftotext(data: bytes, tmp_path: Any, *, layout: bool = True) -> str:
    source = tmp_path / "report.pdf"
    source.write_bytes(data)
    flags = ["-layout"] if layout else []
    done = subprocess.run(
        ["pdftotext", *flags, str(source), "-"], check=True, capture_output=True, text=True
    )
    return done.stdout


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")


@needs_poppler
def test_pdf_has_the_party_heading_the_number_and_the_date(hanoi: Body, tmp_path: Any) -> None:
    data, content_type = render(report_of(hanoi, hanoi_tables(), number="125"), "pdf")
    assert content_type == "application/pdf"
    page = pdftotext(data, tmp_path)
    assert "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" in page
    assert "THÀNH ỦY HÀ NỘI" in page
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in page
    assert "Số 125-BC/TU" in page
    assert "Hà Nội, ngày 20 tháng 12 năm 2022" in page
    assert "BÁO CÁO" in page
    assert "T/M BAN THƯỜNG VỤ" in page
    assert "Nơi nhận:" in page


@needs_poppler
def test_pdf_states_the_headline_and_the_by_agency_figures(hanoi: Body, tmp_path: Any) -> None:
    data, _ = render(report_of(hanoi, hanoi_tables()), "pdf")
    words = " ".join(pdftotext(data, tmp_path, layout=False).split())
    assert "giao 11 cơ quan, đơn vị chủ trì 34 nhiệm vụ" in words
    assert "có 29/34 nội dung hoàn thành" in words
    assert "còn lại 5 nội dung đang thực hiện" in words
    lines = pdftotext(data, tmp_path).splitlines()
    organisation = next(line for line in lines if "Ban Tổ chức Thành ủy" in line)
    assert organisation.split()[-7:] == ["7", "5", "1", "0", "1", "85,71", "4"]
    total = next(line for line in lines if "Tổng cộng" in line)
    assert total.split()[-7:] == ["34", "27", "2", "3", "2", "93,55", "7"]


@needs_poppler
def test_pdf_prints_targets_discipline_cases_and_reform(hanoi: Body, tmp_path: Any) -> None:
    data, _ = render(report_of(hanoi, hanoi_tables()), "pdf")
    words = " ".join(pdftotext(data, tmp_path, layout=False).split())
    assert "9.292" in words and "10.100" in words and "108,70" in words and "Vượt" in words
    for form in ("Khiển trách 853;", "Cảnh cáo 144;", "Cách chức 14;", "Khai trừ 131"):
        assert form in words
    assert "Thủ tục hành chính bãi bỏ 575" in words
    assert "91,43 (xếp thứ 3)" in words


def test_pdf_metadata_names_the_report_and_the_body(hanoi: Body) -> None:
    data, _ = render(report_of(hanoi, hanoi_tables()), "pdf")
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta is not None
    assert meta.author == "Thành ủy Hà Nội"
    assert meta.title is not None and meta.title.startswith("BÁO CÁO Kết quả thực hiện Chương")


def test_pdf_is_a4_with_decree_30_margins_and_a_vietnamese_serif(hanoi: Body) -> None:
    data, _ = render(report_of(hanoi, hanoi_tables()), "pdf")
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    fonts = {
        str(ref.get_object()["/BaseFont"])
        for page in reader.pages
        for ref in page["/Resources"].get_object().get("/Font", {}).values()
    }
    assert fonts and all("Serif" in font for font in fonts), fonts


def test_the_same_tables_give_the_same_bytes_in_every_format(hanoi: Body) -> None:
    for fmt in ("pdf", "docx", "xlsx"):
        first, _ = render(report_of(hanoi, hanoi_tables()), fmt)
        second, _ = render(report_of(hanoi, hanoi_tables()), fmt)
        assert first == second, fmt


def test_docx_reads_back_with_the_heading_and_the_tables(hanoi: Body) -> None:
    data, _ = render(report_of(hanoi, hanoi_tables(), number="125"), "docx")
    document = Document(io.BytesIO(data))
    header, *tables = document.tables
    left = header.cell(0, 0).text
    assert "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" in left and "Số 125-BC/TU" in left
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header.cell(0, 1).text
    assert "Hà Nội, ngày 20 tháng 12 năm 2022" in header.cell(0, 1).text
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "có 29/34 nội dung hoàn thành" in paragraphs
    by_agency = tables[0]
    assert [c.text for c in by_agency.rows[1].cells][1:3] == ["Ban Tổ chức Thành ủy", "7"]
    assert [c.text for c in by_agency.rows[-1].cells] == [
        "",
        "Tổng cộng",
        "34",
        "27",
        "2",
        "3",
        "2",
        "93,55",
        "7",
    ]
    total_run = by_agency.rows[-1].cells[2].paragraphs[0]
    assert total_run.runs[0].bold is True and total_run.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    name_run = by_agency.rows[1].cells[1].paragraphs[0]
    assert name_run.runs[0].bold is False and name_run.alignment == WD_ALIGN_PARAGRAPH.LEFT
    appendix, overdue, discipline = tables[1], tables[2], tables[4]
    forms = discipline.cell(1, 7).text.replace("\u00a0", " ")  # each form kept with its count
    assert forms == "Khiển trách 853; Cảnh cáo 144; Cách chức 14; Khai trừ 131"
    assert [c.text for c in discipline.rows[1].cells][2:7] == ["—", "—", "—", "—", "1.142"]
    assert appendix.cell(3, 4).text == "Thường xuyên"  # the routine task's deadline
    assert [c.text for c in overdue.rows[1].cells][4:] == [
        "173",
        "4",
        "Chờ ý kiến của các quận ủy, huyện ủy",
    ]
    assert document.core_properties.author == "Thành ủy Hà Nội"
    assert document.core_properties.title.startswith("BÁO CÁO Kết quả thực hiện")
    section = document.sections[0]
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_docx_and_xlsx_entries_carry_no_time_of_writing(hanoi: Body) -> None:
    for fmt in ("docx", "xlsx"):
        data, _ = render(report_of(hanoi, hanoi_tables()), fmt)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert {info.date_time for info in archive.infolist()} == {FIXED_TIME}


def test_xlsx_has_one_sheet_per_table_with_numbers_as_numbers(hanoi: Body) -> None:
    data, _ = render(report_of(hanoi, hanoi_tables()), "xlsx")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        "Báo cáo",
        "T1 Theo cơ quan",
        "T2 Danh mục",
        "T3 Quá hạn",
        "T4 Chỉ tiêu",
        "T5 KTGS",
        "T6 Vụ án, vụ việc",
        "T7 CCHC",
    ]
    agencies = book["T1 Theo cơ quan"]
    total = [cell.value for cell in agencies[agencies.max_row]]
    assert total[1:7] == ["Tổng cộng", 34, 27, 2, 3, 2]
    assert float(total[7]) == 93.55
    targets = book["T4 Chỉ tiêu"]
    assert [c.value for c in targets[4]][4:6] == [9292, 10100]
    assert targets.cell(row=4, column=7).number_format == "0.00"
    assert book.properties.creator == "Thành ủy Hà Nội"
    # dated the report's day, not the moment it was saved: the same report, the same bytes
    assert book.properties.modified == book.properties.created == datetime(2022, 12, 20)


def test_xlsx_keeps_a_formula_looking_title_as_text(hanoi: Body) -> None:
    tables = hanoi_tables()
    tables["tasks"][0]["title"] = '=HYPERLINK("http://evil.example","Bấm vào")'
    data, _ = render(report_of(hanoi, tables), "xlsx")
    sheet = load_workbook(io.BytesIO(data))["T2 Danh mục"]
    cell = sheet.cell(row=4, column=2)
    assert cell.data_type == "s"
    assert cell.value == 'CT01-01. =HYPERLINK("http://evil.example","Bấm vào")'
    tables["tasks"][0]["code"] = "=1+1"
    data, _ = render(report_of(hanoi, tables), "xlsx")
    cell = load_workbook(io.BytesIO(data))["T2 Danh mục"].cell(row=4, column=2)
    assert cell.data_type == "s" and cell.value.startswith("'=1+1. ")


def test_state_bodies_get_the_national_header_and_a_state_number(tmp_path: Any) -> None:
    council = Body(name="Ủy ban nhân dân thành phố Hà Nội", level=BodyLevel.PROVINCE, kind="other")
    report = report_of(council, hanoi_tables(), number="7")
    assert report.number == "Số: 7/BC"
    assert report.signer == ("TM. ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",)
    if shutil.which("pdftotext"):
        page = pdftotext(render(report, "pdf")[0], tmp_path)
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
        assert "Độc lập - Tự do - Hạnh phúc" in page


def test_empty_tables_print_a_sentence_instead(hanoi: Body, tmp_path: Any) -> None:
    report = report_of(hanoi, hanoi_tables(overdue=[], targets=[], inspection=[], reform=None))
    words = " ".join(p.text for p in Document(io.BytesIO(render(report, "docx")[0])).paragraphs)
    assert "Không có nhiệm vụ quá hạn." in words
    assert "Chưa có chỉ tiêu." in words
    assert "Chưa có số liệu cải cách hành chính của năm." in words


def test_cells_print_as_vietnamese_write_numbers() -> None:
    assert cell_text(1142) == "1.142"
    assert cell_text(Decimal("108.70")) == "108,70"
    assert cell_text(Decimal("10100.5")) == "10.100,5"
    assert cell_text(None) == "—"


@needs_poppler
def test_a_long_appendix_reads_back_every_task_once_with_the_head_on_each_page(
    hanoi: Body,
) -> None:
    codes = [f"NV-{number:04d}" for number in range(1, 301)]
    tasks = [
        _task(code, f"Nhiệm vụ {code}: triển khai chương trình tại cơ sở", "Sở Nội vụ")
        for code in codes
    ]
    data, _ = render(report_of(hanoi, hanoi_tables(tasks=tasks, overdue=[])), "pdf")
    head = {"STT", "Tên", "chủ", "phối", "Thời", "Sản", "Tiến", "Đánh", "Nguyên", "nghị"}
    found = []
    pages = [page for page in pdf_words(data) if any(w.text.startswith("NV-") for w in page.words)]
    assert len(pages) > 5  # the table runs over many page breaks
    for page in pages:
        rows = [w for w in page.words if re.fullmatch(r"NV-\d{4}\.", w.text)]
        assert head <= {w.text for w in page.words}  # the head on every page of the table...
        stt = next(w for w in page.words if w.text == "STT")
        assert stt.bottom < min(w.top for w in rows)  # ...above its rows
        found += [w.text.rstrip(".") for w in sorted(rows, key=lambda w: w.top)]
    assert found == codes  # every task, once, in order: none lost or repeated at a break
