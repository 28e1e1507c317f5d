"""The shared Vietnamese wording: dates as Decree 30/2020 writes them, figures, outcomes."""

from __future__ import annotations

import unicodedata
from datetime import date

from tinnhiem.documents import text
from tinnhiem.documents.data import BoardMember, BoardRole, HeaderKind, ResultsReport
from tinnhiem.rules import load_profile


def test_days_below_ten_and_months_one_and_two_take_a_leading_zero() -> None:
    assert text.date_words(date(2023, 12, 7)) == "ngày 07 tháng 12 năm 2023"
    assert text.date_words(date(2024, 2, 3)) == "ngày 03 tháng 02 năm 2024"
    assert text.date_words(date(2024, 5, 21)) == "ngày 21 tháng 5 năm 2024"


def test_date_line_with_and_without_a_place() -> None:
    day = date(2023, 12, 7)
    assert text.date_line("Tam Kỳ", day) == "Tam Kỳ, ngày 07 tháng 12 năm 2023"
    assert text.date_line("", day) == "Ngày 07 tháng 12 năm 2023"


def test_decomposed_input_is_composed_for_printing() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Lệ")
    assert text.nfc(decomposed) == "Nguyễn Thị Lệ"
    assert text.date_line(decomposed, date(2023, 1, 1)).startswith("Nguyễn Thị Lệ,")


def test_national_headers() -> None:
    assert text.national_header(HeaderKind.STATE) == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    )
    assert text.national_header(HeaderKind.PARTY) == ("ĐẢNG CỘNG SẢN VIỆT NAM", "")


def test_titles_follow_the_profile_kind() -> None:
    assert text.report_title(load_profile("nq96")) == "BÁO CÁO KẾT QUẢ LẤY PHIẾU TÍN NHIỆM"
    assert text.report_title(load_profile("nq96-bpt")) == "KẾT QUẢ BỎ PHIẾU TÍN NHIỆM"


def test_base_wording_follows_the_profile() -> None:
    assert text.base_text(load_profile("nq96")) == "Tỷ lệ tính trên tổng số phiếu thu về"
    assert "tổng số đại biểu" in text.base_text(load_profile("nq85"))


def test_instructions_name_every_level() -> None:
    three = text.ballot_instructions(load_profile("qd96"))
    assert "“Tín nhiệm cao”, “Tín nhiệm” hoặc “Tín nhiệm thấp”" in three
    assert "Mỗi người chỉ đánh dấu một ô." in three
    two = text.ballot_instructions(load_profile("nq96-bpt"))
    assert "“Tín nhiệm” hoặc “Không tín nhiệm”" in two


def test_rows_keep_the_published_strings_and_order(report: ResultsReport) -> None:
    rows = text.result_rows(report)
    assert [row.name for row in rows][:2] == ["Nguyễn Thị Lệ", "Lê Trương Hải Hiếu"]
    assert rows[0].counts == ("73", "6", "2")
    assert rows[0].percents == ("90,12", "7,41", "2,47")
    assert rows[2].percents[2] == "3,70"
    assert rows[0].band == "—"


def test_ranking_puts_most_high_confidence_first(report: ResultsReport) -> None:
    names = [row.name for row in text.ranking_rows(report)]
    assert names == [
        "Nguyễn Thị Lệ",
        "Phan Văn Mãi",
        "Lê Trương Hải Hiếu",
        "Cao Thanh Bình",
        "Lê Thị Huỳnh Mai",
    ]


def test_missing_figures_print_a_dash_and_tally_figures_fill_in(bare_report: ResultsReport) -> None:
    figures = dict(text.session_figures(bare_report))
    assert figures["Số người có mặt"] == "—"
    assert figures["Số phiếu thu về"] == "81"
    assert figures["Tổng số thành viên"] == "95"


def test_no_band_reached_says_so(report: ResultsReport) -> None:
    assert text.outcome_lines(report) == [
        "Không có người nào thuộc các mức phải xem xét, xử lý theo quy định."
    ]


def test_board_lines_list_the_head_first_and_end_with_a_full_stop() -> None:
    board = (
        BoardMember("Đỗ Minh Khôi", BoardRole.SECRETARY),
        BoardMember("Phạm Đức Hải", BoardRole.MEMBER),
        BoardMember("Trần Quang Thắng", BoardRole.HEAD),
    )
    assert text.board_lines(board) == [
        "1. Trần Quang Thắng, Trưởng ban;",
        "2. Phạm Đức Hải, Ủy viên;",
        "3. Đỗ Minh Khôi, Thư ký.",
    ]


def test_purpose_lowercases_a_sentence_title_but_not_an_abbreviation(report: ResultsReport) -> None:
    assert text.minutes_purpose(report.session) == (
        "Đã tiến hành kiểm phiếu lấy phiếu tín nhiệm đối với người giữ chức vụ "
        "do Hội đồng nhân dân Thành phố bầu."
    )
    assert text.phrase_after("x", "HĐND tỉnh") == "x HĐND tỉnh"
