"""Uploads cannot exhaust a worker: hostile files, built for real, are refused through the upload
pages and the command line with a message naming the file (and the page or frame), quickly and
before the costly reader touches them; never a 500."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pypdfium2 as pdfium
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from tests.hostile import csv_rows, huge_pdf, tiff_frames, xlsx_bomb, xlsx_rows

from tinnhiem import limits
from tinnhiem.bodies.models import Body, Holding
from tinnhiem.cli.scan import Command as ScanCommand
from tinnhiem.cli.session import Command as SessionCommand
from tinnhiem.cli.tally import main as tally
from tinnhiem.members.models import MemberRecord
from tinnhiem.omr import PageTooLarge, load_images
from tinnhiem.scans import services as scans
from tinnhiem.scans.models import ScanBatch, ScanPage
from tinnhiem.votes.models import VoteSession

OFFICIALS_HEADER = "Họ và tên,Chức vụ"
REGISTER_HEADER = ["Họ và tên đang dùng", "Giới tính", "Ngày vào Đảng", "Chi bộ"]


@pytest.fixture
def no_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    """openpyxl may not even open the file."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("openpyxl opened a file that should have been refused before")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def roster_upload(client: Client, body: Body, name: str, content: bytes) -> Any:
    upload = SimpleUploadedFile(name, content)
    return client.post(reverse("roster_upload", args=[body.pk, "officials"]), {"file": upload})


def members_upload(client: Client, body: Body, name: str, content: bytes) -> Any:
    upload = SimpleUploadedFile(name, content)
    return client.post(reverse("members:import", args=[body.pk]), {"file": upload})


def tally_says(tmp_path: Path, name: str, content: bytes, capsys: Any) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    assert tally([str(path), "--rules", "nq96", "--collected", "10"]) == 2
    return str(capsys.readouterr().err)


# spreadsheets -------------------------------------------------------------------------------


@pytest.mark.usefixtures("no_openpyxl")
def test_an_xlsx_whose_shared_strings_expand_to_200_mb(
    body: Body, users: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    bomb = xlsx_bomb(200)
    assert len(bomb) < 300_000  # 200 MB of text in about 200 KB
    said = "Tệp bomb.xlsx: không được đọc vì tệp giải nén ra 200 MB, tối đa 30 MB"
    client = client_of(users["organiser"])
    page = roster_upload(client, body, "bomb.xlsx", bomb)
    assert page.status_code == 200 and said in page.content.decode()
    page = members_upload(client, body, "bomb.xlsx", bomb)
    assert page.status_code == 200 and said in page.content.decode()
    assert "File bomb.xlsx: not read because it uncompresses to 200 MB" in tally_says(
        tmp_path, "bomb.xlsx", bomb, capsys
    )
    (tmp_path / "bomb.xlsx").write_bytes(bomb)
    officials = ["--officials", str(tmp_path / "bomb.xlsx")]
    with pytest.raises(CommandError, match="giải nén ra 200 MB"):
        call_command(SessionCommand(), "create", "--rules", "nq96", "--title", "T", *officials)
    assert not Holding.objects.exists() and not MemberRecord.objects.exists()


@pytest.mark.usefixtures("no_openpyxl")
def test_an_xlsx_part_compressed_a_thousand_times_is_refused_even_under_the_size_cap(
    body: Body, users: dict[str, Any]
) -> None:
    page = roster_upload(client_of(users["organiser"]), body, "dense.xlsx", xlsx_bomb(20))
    text = page.content.decode()
    assert "Tệp dense.xlsx: không được đọc vì phần «xl/sharedStrings.xml» nén" in text


def test_a_csv_over_the_upload_cap(
    body: Body, users: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    big = csv_rows(OFFICIALS_HEADER, "Nguyễn Văn An," + "x" * 1000, 11_000)  # 11 MB
    assert len(big) > 10 * limits.MB
    client = client_of(users["organiser"])
    pages = [
        roster_upload(client, body, "big.csv", big),
        members_upload(client, body, "big.csv", big),
    ]
    for page in pages:
        assert page.status_code == 413
        text = page.content.decode()
        assert "Dữ liệu gửi lên quá lớn: 10,7 MB (tệp «big.csv»), tối đa 10 MB mỗi lần" in text
    assert "File big.csv: too large (10.7 MB, at most 10 MB)" in tally_says(
        tmp_path, "big.csv", big, capsys
    )
    officials = ["--officials", str(tmp_path / "big.csv")]
    with pytest.raises(CommandError, match=re.escape("big.csv» quá lớn (10,7 MB, tối đa 10 MB)")):
        call_command(SessionCommand(), "create", "--rules", "nq96", "--title", "T", *officials)
    assert not Holding.objects.exists()


def test_the_413_page_is_in_english_on_the_switch(body: Body, users: dict[str, Any]) -> None:
    client = client_of(users["organiser"])
    client.cookies["django_language"] = "en"
    big = csv_rows(OFFICIALS_HEADER, "A," + "x" * 1000, 11_000)
    text = roster_upload(client, body, "big.csv", big).content.decode()
    assert "The upload is too large: 10.5 MB (file &#x27;big.csv&#x27;), at most 10 MB" in text


def test_too_many_rows(body: Body, users: dict[str, Any], tmp_path: Path, capsys: Any) -> None:
    client = client_of(users["organiser"])
    many = csv_rows(OFFICIALS_HEADER, "Nguyễn Văn An,Ủy viên", 10_000)  # and the header
    text = roster_upload(client, body, "many.csv", many).content.decode()
    assert "Tệp many.csv: có hơn 10.000 dòng (kể cả dòng trống đã định dạng)" in text
    sheet = xlsx_rows(REGISTER_HEADER, ["An", "Nam", "19/05/2015", "Chi bộ 1"], 10_000)
    text = members_upload(client, body, "many.xlsx", sheet).content.decode()
    assert "Tệp many.xlsx: có hơn 10.000 dòng" in text
    counts = csv_rows("name,high,confidence,low", "An,1,1,1", 10_000)
    assert "File many.csv: it has more than 10,000 rows" in tally_says(
        tmp_path, "many.csv", counts, capsys
    )
    assert not Holding.objects.exists() and not MemberRecord.objects.exists()


def test_the_row_cap_is_a_setting(
    body: Body, users: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TINNHIEM_MAX_SHEET_ROWS", "3")
    client = client_of(users["organiser"])
    text = roster_upload(client, body, "four.csv", csv_rows(OFFICIALS_HEADER, "A,B", 3))
    assert "Tệp four.csv: có hơn 3 dòng" in text.content.decode()
    text = roster_upload(client, body, "three.csv", csv_rows(OFFICIALS_HEADER, "A,B", 2))
    assert "có hơn" not in text.content.decode()


# scanned ballots ----------------------------------------------------------------------------


@pytest.fixture
def no_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a page over the limit was rendered")

    monkeypatch.setattr(pdfium.PdfPage, "render", refuse)


def scan_upload(client: Client, session: VoteSession, name: str, content: bytes) -> str:
    upload = SimpleUploadedFile(name, content)
    page = client.post(reverse("scans", args=[session.pk]), {"files": [upload]}, follow=True)
    assert page.status_code == 200
    return str(page.content.decode())


@pytest.mark.usefixtures("no_rendering")
def test_a_one_page_pdf_of_10000_by_10000_points(
    in_count: VoteSession, users: dict[str, Any], tmp_path: Path
) -> None:
    pdf = huge_pdf(10_000)
    said = "Tệp ảnh quét «huge.pdf», trang 1 quá lớn (27.778 × 27.778 điểm ảnh; tối đa 150 triệu"
    assert said in scan_upload(client_of(users["board1"]), in_count, "huge.pdf", pdf)
    (tmp_path / "huge.pdf").write_bytes(pdf)
    with pytest.raises(CommandError, match="page 1 is too large"):
        call_command(ScanCommand(), str(in_count.pk), str(tmp_path / "huge.pdf"))
    assert not ScanBatch.objects.exists()
    with pytest.raises(PageTooLarge, match="trang 1 quá lớn"):  # the reader itself
        next(load_images("huge.pdf", pdf))


def test_a_tiff_whose_second_frame_is_200_megapixels(
    in_count: VoteSession, users: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tiff = tiff_frames([(100, 100), (20_000, 10_000)])
    said = "Tệp ảnh quét «pile.tif», khung hình 2 quá lớn (20.000 × 10.000 điểm ảnh"
    assert said in scan_upload(client_of(users["board1"]), in_count, "pile.tif", tiff)
    (tmp_path / "pile.tif").write_bytes(tiff)
    with pytest.raises(CommandError, match=re.escape("'pile.tif', frame 2 is too large")):
        call_command(ScanCommand(), str(in_count.pk), str(tmp_path / "pile.tif"))
    assert not ScanBatch.objects.exists()
    frames = load_images("pile.tif", tiff)
    assert next(frames).shape == (100, 100)
    with pytest.raises(PageTooLarge, match="frame 2 is too large"):
        next(frames)
    # had the file reached the background reader, it would refuse that frame and go on
    monkeypatch.setattr(scans, "_check_scan", lambda name, content: None)
    batch = scans.batch_create(
        actor=users["board1"], session=in_count, files=[("pile.tif", tiff)], is_queued=False
    )
    done = scans.batch_process(batch.pk, processes=1)
    assert done.status == "done"
    refused = ScanPage.objects.get(index=1)
    assert refused.refusal == "unreadable" and "khung hình 2 quá lớn" in refused.detail


def test_the_scan_page_has_its_own_larger_cap(
    body: Body, in_count: VoteSession, users: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TINNHIEM_MAX_UPLOAD_MB", "1")
    monkeypatch.setenv("TINNHIEM_MAX_SCAN_UPLOAD_MB", "3")
    client = client_of(users["board1"])
    two_mb = tiff_frames([(1000, 1000), (1000, 1000)])
    text = scan_upload(client, in_count, "two.tif", two_mb)
    assert "Đã nhận tệp, đang đọc phiếu" in text
    client = client_of(users["organiser"])
    assert roster_upload(client, body, "two.xlsx", two_mb).status_code == 413
    upload = SimpleUploadedFile("four.tif", two_mb + two_mb)
    page = client_of(users["board1"]).post(reverse("scans", args=[in_count.pk]), {"files": upload})
    assert page.status_code == 413 and "tối đa 3 MB mỗi lần" in page.content.decode()


# the settings -------------------------------------------------------------------------------


def test_limits_come_from_the_environment_with_defaults() -> None:
    assert limits.current({}) == limits.Limits()
    read = limits.current({"TINNHIEM_MAX_UPLOAD_MB": "2.5", "TINNHIEM_MAX_SHEET_ROWS": "500"})
    assert (read.upload_bytes, read.sheet_rows) == (int(2.5 * limits.MB), 500)
    for wrong in ("abc", "0", "-3"):
        with pytest.raises(limits.BadLimit, match="TINNHIEM_MAX_SCAN_MEGAPIXELS"):
            limits.current({"TINNHIEM_MAX_SCAN_MEGAPIXELS": wrong})


def test_a_roster_csv_in_the_wrong_encoding_is_named_in_both_languages(
    body: Body, users: dict[str, Any]
) -> None:
    ansi = "Ho va ten,Chuc vu\nTrần Văn An,Chủ tịch\n".encode("cp1258", "replace")
    text = roster_upload(client_of(users["organiser"]), body, "ds.csv", ansi).content.decode()
    assert "Tệp ds.csv: dòng 2: không phải văn bản UTF-8 (lưu lại tệp dạng CSV UTF-8)" in text
    assert "codec" not in text and "byte" not in text  # no Python error text


def test_the_english_page_of_a_refused_sheet(body: Body, users: dict[str, Any]) -> None:
    client = client_of(users["organiser"])
    client.cookies["django_language"] = "en"
    page = roster_upload(client, body, "dense.xlsx", xlsx_bomb(20))
    assert "File dense.xlsx: not read because its part" in page.content.decode()
