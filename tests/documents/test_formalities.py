"""The administrative form around the counts, read back from the PDF (pdftotext) and the Word
document (python-docx): the number and symbol, the count's start and end, the copies, the
recipients, and Decree 30's or Guide 36's way of writing them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from tests.readback import docx_text, pdf_text

from tinnhiem.documents.data import BodyHeader, HeaderKind, ResultsReport
from tinnhiem.documents.minutes_pdf import render_minutes_pdf
from tinnhiem.documents.results_pdf import render_results_pdf
from tinnhiem.documents.word import render_minutes_docx, render_results_docx

PARTY = BodyHeader(
    body_name="ĐẢNG ỦY SỞ TƯ PHÁP",
    kind=HeaderKind.PARTY,
    parent_name="ĐẢNG BỘ TỈNH NINH BÌNH",
    city="Ninh Bình",
)


def filled(report: ResultsReport, **changes: object) -> ResultsReport:
    values: dict[str, object] = {
        "minutes_number": "12",
        "report_number": "5",
        "count_started_at": datetime(2023, 12, 7, 14, 5),
        "count_ended_at": datetime(2023, 12, 7, 15, 20),
        "copies": 3,
        "recipients": ("Thường trực Hội đồng nhân dân Thành phố;", "- Lưu: VT"),
    }
    session = replace(report.session, **(values | changes))  # type: ignore[arg-type]
    return replace(report, session=session)


def minutes(report: ResultsReport) -> list[str]:
    return [pdf_text(render_minutes_pdf(report)), docx_text(render_minutes_docx(report))]


def results(report: ResultsReport) -> list[str]:
    return [pdf_text(render_results_pdf(report)), docx_text(render_results_docx(report))]


def test_the_minutes_state_number_times_copies_and_recipients(report: ResultsReport) -> None:
    for text in minutes(filled(report)):
        for expected in (
            "Số: 12/BB-BKP",
            "Hôm nay, vào lúc 14 giờ 05 phút, ngày 07 tháng 12 năm 2023, tại Hội trường",
            "Biên bản được lập thành 03 bản, kết thúc lúc 15 giờ 20 phút cùng ngày.",
            "Nơi nhận: - Thường trực Hội đồng nhân dân Thành phố; - Lưu: VT.",
        ):
            assert expected in text, expected


def test_blank_fields_print_dots_to_fill_by_hand(report: ResultsReport) -> None:
    for text in minutes(report):
        for expected in (
            "Số: ………/BB-BKP",
            "Hôm nay, vào lúc ………… giờ ………… phút, ngày 07 tháng 12 năm 2023",
            "Biên bản được lập thành ………… bản, kết thúc lúc ………… giờ ………… phút cùng ngày.",
            "Nơi nhận: - …………; - Lưu: VT.",
        ):
            assert expected in text, expected
    for text in results(report):
        assert "Số: ………/BC-BKP" in text
        assert "Thời gian kiểm phiếu: từ ………… giờ ………… phút đến ………… giờ ………… phút" in text


def test_a_count_past_midnight_names_the_day_it_ended(report: ResultsReport) -> None:
    late = filled(report, count_ended_at=datetime(2023, 12, 8, 0, 20))
    for text in minutes(late):
        assert "kết thúc lúc 00 giờ 20 phút ngày 08 tháng 12 năm 2023." in text
    for text in results(late):
        assert (
            "từ 14 giờ 05 phút ngày 07 tháng 12 năm 2023 đến 00 giờ 20 phút ngày 08 tháng 12"
        ) in text


def test_the_report_states_its_own_number_the_count_and_its_recipients(
    report: ResultsReport,
) -> None:
    for text in results(filled(report)):
        for expected in (
            "Số: 5/BC-BKP",
            "Thời gian kiểm phiếu: từ 14 giờ 05 phút đến 15 giờ 20 phút, ngày 07 tháng 12 năm 2023.",
            "Nơi nhận:",
            "- Thường trực Hội đồng nhân dân Thành phố;",
            "TM. BAN KIỂM PHIẾU",
        ):
            assert expected in text, expected


@pytest.mark.parametrize("render", [minutes, results])
def test_party_papers_number_and_sign_as_guide_36(report: ResultsReport, render: object) -> None:
    party = filled(report, header=PARTY)
    for text in render(party):  # type: ignore[operator]
        assert "Số 12-BB/BKP" in text or "Số 5-BC/BKP" in text
        assert "Số:" not in text


def test_a_number_typed_with_its_symbol_is_printed_as_typed(report: ResultsReport) -> None:
    typed = filled(report, minutes_number="07/BB-HĐBC")
    for text in minutes(typed):
        assert "Số: 07/BB-HĐBC" in text and "BB-HĐBC/BB-BKP" not in text
