"""The whole paper flow through the real pages, as the people doing it would click and type:
roster import, a new session, printing ballots, two operators entering the paper ballots by
keyboard, the board deciding the one ballot they disagree on, results, publication, minutes.

Also saves the screenshots of docs/images/ used by the Vietnamese user guide.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

# Ho Chi Minh City People's Council, voted on 7 December 2023: (name, post, took office)
OFFICIALS = [
    ("Nguyễn Thị Lệ", "Chủ tịch HĐND", date(2021, 6, 24)),
    ("Phạm Quỳnh Anh", "Trưởng Ban Pháp chế", date(2021, 6, 25)),
    ("Phan Văn Mãi", "Chủ tịch UBND", date(2021, 6, 24)),
    ("Võ Văn Hoan", "Phó Chủ tịch UBND", date(2021, 6, 25)),
    ("Đinh Minh Hiệp", "Giám đốc Sở Nông nghiệp", date(2020, 7, 1)),
]
NAMES = [name for name, _, _ in OFFICIALS]
BOARD = [("Trần Văn Kiểm", "Trưởng ban"), ("Lê Thị Phiếu", "Ủy viên"), ("Võ Thư Ký", "Thư ký")]
SESSION_TITLE = "Lấy phiếu tín nhiệm năm 2023"

# The paper ballots as typed on the entry page, one key per line in roster order:
# 1 Tín nhiệm cao, 2 Tín nhiệm, 3 Tín nhiệm thấp, 0 no box marked, 9 several boxes.
# Ballot 3 has a printed name crossed out: the whole ballot is invalid.
INVALID = "Gạch tên người được lấy phiếu"
PAPER: dict[int, str] = {1: "11232", 2: "12130", 3: INVALID, 4: "11339"}
# The first operator misreads line 3 (Phan Văn Mãi) of ballot 2; the second types the paper.
# The entry page pre-selects the first entry's marks, so the result shows whether the board's
# choice (the paper's "Tín nhiệm cao") is what counted.
FIRST_OPERATOR = PAPER | {2: "12230"}
SECOND_OPERATOR = PAPER

# What follows from those four ballots, percentages on the 4 ballots collected:
# (name, high, confidence, low as "count · percent", invalid lines, band)
TWO_THIRDS_LOW = "Từ 2/3 phiếu tín nhiệm thấp trở lên"
EXPECTED = [
    ("Nguyễn Thị Lệ", "3 · 75,00", "0 · 0,00", "0 · 0,00", "1", "—"),
    ("Phạm Quỳnh Anh", "2 · 50,00", "1 · 25,00", "0 · 0,00", "1", "—"),
    ("Phan Văn Mãi", "1 · 25,00", "1 · 25,00", "1 · 25,00", "1", "—"),
    ("Võ Văn Hoan", "0 · 0,00", "0 · 0,00", "3 · 75,00", "1", TWO_THIRDS_LOW),
    ("Đinh Minh Hiệp", "0 · 0,00", "1 · 25,00", "0 · 0,00", "3", "—"),
]
# Most "Tín nhiệm cao" first, then fewest "Tín nhiệm thấp"
RANKING = ["Nguyễn Thị Lệ", "Phạm Quỳnh Anh", "Phan Văn Mãi", "Đinh Minh Hiệp", "Võ Văn Hoan"]


def test_paper_flow(
    live_db: None,
    live_server: Any,
    body: Any,
    users: dict[str, Any],
    login_as: Callable[..., Page],
    new_page: Callable[[], Page],
    screenshot: Callable[[Page, str], None],
    page_errors: list[str],
    tmp_path: Path,
) -> None:
    # 1-2. The organiser imports the officials from Excel, checking the preview first.
    organiser = login_as("organiser", screenshot="login.png")
    import_roster(
        organiser, body.pk, officials_xlsx(tmp_path / "danh-sach-can-bo.xlsx"), screenshot
    )

    # 3. A new session, its counting board and figures; then it is opened.
    session_id = create_session(organiser)
    set_board(organiser)
    set_figures(organiser, members=5, summoned=5, present=5, issued=4)
    screenshot(organiser, "session-draft.png")
    confirm_step(
        organiser,
        "Mở đợt lấy phiếu",
        "danh sách 5 người được lấy phiếu không thay đổi được nữa",
        "Đã mở đợt lấy phiếu: có thể in phiếu",
    )
    expect(organiser.locator(".lead .status")).to_have_text("Đã mở, in phiếu")

    # 4. The ballots to print.
    link = organiser.get_by_role("link", name=re.compile(r"^In phiếu"))
    expect(link).to_have_count(1)
    ballots = pdf_text(download(organiser, link, "application/pdf"))
    assert "PHIẾU LẤY PHIẾU TÍN NHIỆM" in ballots
    assert "Tín nhiệm cao Tín nhiệm Tín nhiệm thấp" in ballots
    for number, (name, post, _) in enumerate(OFFICIALS, 1):
        assert f"{number} {name} {post}" in ballots, f"{name} is not on the printed ballot"

    # 5. Two board members each enter the four paper ballots, by keyboard only.
    board1 = login_as("board1")
    board1.goto(f"/sessions/{session_id}/")
    confirm_step(
        board1, "Bắt đầu kiểm phiếu", "không thể quay lại bước in phiếu", "Bắt đầu kiểm phiếu"
    )
    expect(board1.locator(".lead .status")).to_have_text("Đang kiểm phiếu")
    board1.get_by_role("link", name="Nhập (người 1)").click()
    enter_ballots(board1, FIRST_OPERATOR, operator=1, screenshot=screenshot)

    board2 = login_as("board2")
    board2.goto(f"/sessions/{session_id}/")
    board2.get_by_role("link", name="Nhập (người 2)").click()
    enter_ballots(board2, SECOND_OPERATOR, operator=2)

    # 6. The board sees one difference, decides it from the paper, and closes the count.
    board1.goto(f"/sessions/{session_id}/")
    expect(progress_row(board1)).to_have_text(
        [re.compile(r"^1"), re.compile(r"^4 phiếu"), re.compile(r"^4 phiếu"), re.compile(r"^1\b")]
    )
    decide_difference(board1, screenshot)
    board1.get_by_role("link", name=SESSION_TITLE).click()
    expect(progress_row(board1).nth(3)).to_have_text("0")
    confirm_step(
        board1,
        "Kết thúc kiểm phiếu",
        "Đã phát 4 phiếu, đã nhập 4 phiếu, số phiếu thu về để trống. Vẫn kết thúc kiểm phiếu?",
        "Đã kết thúc kiểm phiếu",
    )
    expect(board1).to_have_url(re.compile(rf"/sessions/{session_id}/results/$"))

    # 7. The results, in the order of posts and ranked; public only once published.
    check_results(board1)
    screenshot(board1, "results.png")
    board1.get_by_role("link", name="Xếp hạng").click()
    expect(result_names(board1)).to_have_text(RANKING)

    anonymous = new_page()
    response = anonymous.goto(f"/public/sessions/{session_id}/")
    assert response is not None and response.status == 404, "unpublished result is public"

    organiser.goto(f"/sessions/{session_id}/")
    confirm_step(organiser, "Công bố kết quả", "không rút lại được", "Đã công bố kết quả")
    expect(organiser.locator(".lead .status")).to_have_text("Đã công bố")
    public_link = organiser.get_by_role("link", name=f"/public/sessions/{session_id}/")
    expect(public_link).to_be_visible()

    response = anonymous.goto(f"/public/sessions/{session_id}/")
    assert response is not None and response.status == 200
    expect(anonymous.get_by_role("button", name="Đăng xuất")).to_have_count(0)
    check_results(anonymous)

    # 8. The counting minutes, PDF and Word.
    minutes = pdf_text(
        download(
            organiser,
            organiser.get_by_role("link", name="Biên bản kiểm phiếu (PDF)"),
            "application/pdf",
        )
    )
    assert "BIÊN BẢN KIỂM PHIẾU" in minutes
    assert "Trần Văn Kiểm, Trưởng ban" in minutes
    word = docx_text(
        download(
            organiser, organiser.get_by_role("link", name="Biên bản (Word)"), "wordprocessingml"
        )
    )
    assert "BIÊN BẢN KIỂM PHIẾU" in word
    assert "Trần Văn Kiểm, Trưởng ban" in word
    for document in (minutes, word):
        assert "Số phiếu thu về: 4; - Số phiếu hợp lệ: 3; - Số phiếu không hợp lệ: 1." in document
        for line in minutes_lines():
            assert line in document, f"{line!r} is not in the minutes"

    # 9. English and back.
    organiser.get_by_role("button", name="English").click()
    expect(organiser.get_by_role("heading", name="Next steps")).to_be_visible()
    expect(organiser.get_by_role("heading", name=re.compile(r"^Persons voted on"))).to_be_visible()
    expect(organiser.locator(".lead .status")).to_have_text("Published")
    expect(organiser.get_by_role("link", name="Counting minutes (PDF)")).to_be_visible()
    expect(organiser.get_by_role("heading", name="Figures")).to_be_visible()
    expect(organiser.get_by_label("Ballots issued", exact=True)).to_have_value("4")
    organiser.get_by_role("button", name="Tiếng Việt").click()
    expect(organiser.get_by_role("heading", name="Việc tiếp theo")).to_be_visible()
    expect(organiser.locator(".lead .status")).to_have_text("Đã công bố")

    assert page_errors == []


# -- steps ---------------------------------------------------------------------------------


def officials_xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", "Chức vụ", "Khối phiếu", "Ngày giữ chức vụ"])
    for number, (name, post, took_office) in enumerate(OFFICIALS, start=1):
        sheet.append([number, name, post, 1, took_office])
    book.save(path)
    return path


def import_roster(
    page: Page, body_id: int, xlsx: Path, screenshot: Callable[[Page, str], None]
) -> None:
    page.goto(f"/bodies/{body_id}/")
    expect(roster_rows(page)).to_have_text(["Chưa có danh sách."])
    form = page.locator("form").filter(has=page.locator("#officials-file"))
    form.get_by_label("Nhập từ tệp Excel hoặc CSV").set_input_files(xlsx)
    form.get_by_role("button", name="Xem trước").click()

    expect(page.get_by_role("heading", name=f"Xem trước: {xlsx.name}")).to_be_visible()
    preview = page.locator("table.grid tbody tr")
    expect(preview).to_have_count(len(OFFICIALS))
    for row, (name, post, took_office) in zip(preview.all(), OFFICIALS, strict=True):
        expect(row.locator("td")).to_have_text(
            [
                re.compile(r"\d+"),
                name,
                post,
                "1",
                f"{took_office:%d/%m/%Y}",
                "",
                "mới hoặc thay đổi",
                re.compile(".*"),
            ]
        )
    expect(page.locator("tr.bad")).to_have_count(0)
    screenshot(page, "roster-preview.png")
    click_and_expect_message(page, "Lưu danh sách", "Đã lưu danh sách")

    expect(page).to_have_url(re.compile(rf"/bodies/{body_id}/$"))
    expect(roster_rows(page)).to_have_count(len(OFFICIALS))
    for number, (row, (name, post, took_office)) in enumerate(
        zip(roster_rows(page).all(), OFFICIALS, strict=True), 1
    ):
        expect(row.locator("td")).to_have_text(
            [str(number), name, post, "1", f"{took_office:%d/%m/%Y}"]
        )
    screenshot(page, "body-roster.png")


def roster_rows(page: Page) -> Locator:
    section = page.locator("section.card").filter(
        has=page.get_by_role("heading", name=re.compile("^Người được lấy phiếu"))
    )
    return section.locator("tbody tr")


def create_session(page: Page) -> int:
    page.get_by_role("link", name="Tạo đợt lấy phiếu mới").click()
    page.get_by_label("Tên đợt lấy phiếu", exact=True).fill(SESSION_TITLE)
    page.get_by_label("Ngày", exact=True).fill("2023-12-07")
    page.get_by_label("Địa điểm", exact=True).fill("Hội trường Thành ủy")
    page.get_by_label("Bộ quy tắc", exact=True).select_option("nq96")
    page.get_by_label("Cách kiểm phiếu", exact=True).select_option(
        label="Nhập từng phiếu (hai người nhập)"
    )
    page.get_by_role("button", name="Tạo đợt lấy phiếu").click()

    expect(page.get_by_text("Đã tạo đợt lấy phiếu")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(SESSION_TITLE)
    expect(page.locator(".lead .status")).to_have_text("Dự thảo")
    expect(page.locator(".lead")).to_contain_text("Nhập từng phiếu, hai người nhập độc lập")
    candidates = page.locator("section.card").filter(
        has=page.get_by_role("heading", name=re.compile("^Người được lấy phiếu"))
    )
    expect(candidates.locator("tbody tr td:nth-child(2)")).to_have_text(NAMES)
    match = re.search(r"/sessions/(\d+)/$", page.url)
    assert match, page.url
    return int(match.group(1))


def set_board(page: Page) -> None:
    section = page.locator("section.card").filter(
        has=page.get_by_role("heading", name="Ban kiểm phiếu", exact=True)
    )
    rows = section.locator("tbody tr")
    for row, (name, role) in zip(rows.all(), BOARD, strict=False):
        row.get_by_label("Họ và tên").fill(name)
        row.get_by_label("Nhiệm vụ").select_option(label=role)
    click_and_expect_message(page, "Lưu Ban kiểm phiếu", "Đã lưu Ban kiểm phiếu")
    for row, (name, role) in zip(rows.all(), BOARD, strict=False):
        expect(row.get_by_label("Họ và tên")).to_have_value(name)
        expect(row.get_by_label("Nhiệm vụ").locator("option:checked")).to_have_text(role)


def set_figures(page: Page, **figures: int) -> None:
    labels = {
        "members": "Tổng số thành viên",
        "summoned": "Số được triệu tập",
        "present": "Số có mặt",
        "issued": "Số phiếu phát ra",
    }
    for key, value in figures.items():
        page.get_by_label(labels[key], exact=True).fill(str(value))
    click_and_expect_message(page, "Lưu số liệu", "Đã lưu số liệu")
    for key, value in figures.items():
        expect(page.get_by_label(labels[key], exact=True)).to_have_value(str(value))


def enter_ballots(
    page: Page,
    ballots: dict[int, str],
    *,
    operator: int,
    screenshot: Callable[[Page, str], None] | None = None,
) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"người nhập {operator}")
    for number, ballot in ballots.items():
        if ballot == INVALID:
            enter_invalid_ballot(page, number, ballot)
        else:
            enter_ballot(page, number, ballot, screenshot=screenshot if number == 2 else None)
    expect(page.locator("#entered")).to_have_text(str(len(ballots)))


def enter_ballot(
    page: Page, number: int, keys: str, screenshot: Callable[[Page, str], None] | None = None
) -> None:
    """Type one key per line, check the boxes ticked, then Enter."""
    expect(page.get_by_label("Số thứ tự phiếu")).to_have_value(str(number))
    lines = page.locator("tr.line")
    expect(lines).to_have_count(len(keys))
    for index, key in enumerate(keys):
        expect(lines.nth(index)).to_have_class(re.compile(r"\bcurrent\b"))
        page.keyboard.press(key)
        if screenshot and index == 1:
            screenshot(page, "ballot-entry.png")
    for index, key in enumerate(keys):
        expect(lines.nth(index).locator("input:checked")).to_have_attribute("data-key", key)
    page.keyboard.press("Enter")
    expect(page.locator("#entered")).to_have_text(str(number))
    expect(page.get_by_label("Số thứ tự phiếu")).to_have_value(str(number + 1))


def enter_invalid_ballot(page: Page, number: int, reason: str) -> None:
    """Whole ballot invalid: choose the reason, leave the select with Tab, then Enter."""
    expect(page.get_by_label("Số thứ tự phiếu")).to_have_value(str(number))
    select = page.get_by_label("Phiếu không hợp lệ", exact=True)
    select.focus()
    select.select_option(label=reason)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#entered")).to_have_text(str(number))
    expect(page.get_by_role("listitem").filter(has_text=f"#{number}:")).to_have_text(
        f"#{number}: {reason}"
    )


def progress_row(page: Page) -> Locator:
    return page.locator("section.actions table tbody tr").locator("td")


def decide_difference(page: Page, screenshot: Callable[[Page, str], None]) -> None:
    page.get_by_role("link", name="Xem và quyết định").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Các phiếu hai lần nhập khác nhau")
    cases = page.locator("section.diff")
    expect(cases).to_have_count(1)
    case = cases.first
    expect(case.get_by_role("heading", level=2)).to_have_text("Loại phiếu 1, phiếu số 2")
    differing = case.locator("tr.differs")
    expect(differing).to_have_count(1)
    expect(differing.locator("td")).to_have_text(
        ["3", "Phan Văn Mãi", "Tín nhiệm", "Tín nhiệm cao", re.compile(".*")]
    )
    background = differing.evaluate("row => getComputedStyle(row).backgroundColor")
    plain = case.locator("tbody tr").first.evaluate("row => getComputedStyle(row).backgroundColor")
    assert background != plain, "the differing line is not highlighted"

    case.get_by_label("Phan Văn Mãi").select_option(label="Tín nhiệm cao")
    screenshot(page, "differences.png")
    click_and_expect_message(page, "Ghi quyết định", "Đã ghi quyết định của Ban kiểm phiếu")
    expect(case.get_by_role("heading", level=2)).to_have_text(
        "Loại phiếu 1, phiếu số 2 — đã quyết định"
    )


def check_results(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Kết quả lấy phiếu tín nhiệm")
    for label, value in [
        ("Tổng số thành viên", "5"),
        ("Số phiếu phát ra", "4"),
        ("Số phiếu thu về", "4"),
        ("Số phiếu hợp lệ", "3"),
        ("Số phiếu không hợp lệ", "1"),
        ("Tỷ lệ tính trên", "tổng số phiếu thu về (4)"),
    ]:
        figure = page.locator(".figures-list > div").filter(has=page.get_by_text(label, exact=True))
        expect(figure.locator("dd")).to_have_text(value)
    rows = page.locator("table.results tbody tr")
    expect(rows).to_have_count(len(EXPECTED))
    for number, (row, (name, high, confidence, low, invalid, band)) in enumerate(
        zip(rows.all(), EXPECTED, strict=True), 1
    ):
        post = OFFICIALS[number - 1][1]
        cells = [
            str(number),
            name,
            post,
            high,
            confidence,
            low,
            invalid,
            re.compile(".*"),
            re.compile(f"^{re.escape(band)}"),
        ]
        expect(row.locator("td")).to_have_text(cells)
        if band == "—":
            expect(row).not_to_have_class(re.compile(r"\bband\b"))
        else:
            expect(row).to_have_class(re.compile(r"\bband\b"))


def minutes_lines() -> list[str]:
    """Each person's line of the minutes' table: number, name, post, counts and percentages."""
    lines = []
    for number, (name, *cells, band) in enumerate(EXPECTED, 1):
        counts = " ".join(cell.replace(" · ", " ") for cell in cells)
        lines.append(f"{number} {name} {OFFICIALS[number - 1][1]} {counts} {band}")
    return lines


def result_names(page: Page) -> Locator:
    return page.locator("table.results tbody tr td:nth-child(2)")


# -- helpers -------------------------------------------------------------------------------


def confirm_step(page: Page, step: str, consequence: str, message: str) -> None:
    """An irreversible step: its link leads to a page that says what will happen; going back
    changes nothing, the "Có, …" button does it."""
    session_page = page.url
    page.get_by_role("link", name=f"{step}…", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(r"^Bạn có chắc\?"))).to_be_visible()
    expect(page.locator("main")).to_contain_text(consequence)
    page.get_by_role("link", name="Không, quay lại").click()
    expect(page).to_have_url(session_page)
    page.get_by_role("link", name=f"{step}…", exact=True).click()
    page.get_by_role("button", name=re.compile(r"^Có, ")).click()
    expect(page.locator(".messages")).to_contain_text(message)


def click_and_expect_message(page: Page, button: str, message: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".messages")).to_contain_text(message)


def download(page: Page, link: Locator, content_type: str) -> bytes:
    """Fetch a link's target with the page's cookies, as the browser would on a click."""
    href = link.get_attribute("href")
    assert href, "the link has no target"
    response = page.request.get(href)
    assert response.status == 200, f"{href}: {response.status} {response.text()[:300]}"
    assert content_type in response.headers["content-type"]
    return response.body()


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    assert content.startswith(b"%PDF"), content[:40]
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(unicodedata.normalize("NFC", " ".join(parts)).split())
