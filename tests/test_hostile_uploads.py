"""Hostile files through the upload pages: an office file whose zip is damaged in each way
Python's zipfile trips over, a zip bomb, and CSV files that break Python's csv reader (a NUL
byte, a cell over its field limit, a quote left open, text after a closing quote). Each gives
a message in both languages naming the file (and the line), nothing saved; never a 500, never
the library's English text."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from tests.conftest import xlsx_bytes
from tests.hostile import damaged_zips, office_bomb

from tinnhiem.bodies.models import Body, Holding
from tinnhiem.members.models import MemberRecord
from tinnhiem.votes.models import Candidate, VoteSession

GOOD_XLSX = xlsx_bytes([["Họ và tên", "Chức vụ"], ["Nguyễn Văn An", "Chủ tịch"]])
LIBRARY_WORDS = ("Error", "Traceback", "field limit", "end of data", "expected after", "zipfile")


def word_file() -> bytes:
    document = docx.Document()
    document.add_paragraph("Báo cáo tự đánh giá")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload_sheet(client: Client, body: Body, to: str, name: str, content: bytes) -> str:
    url = (
        reverse("roster_upload", args=[body.pk, "officials"])
        if to == "roster"
        else reverse("members:import", args=[body.pk])
    )
    page = client.post(url, {"file": SimpleUploadedFile(name, content)})
    assert page.status_code == 200
    return page.content.decode()


def assert_no_library_text(text: str) -> None:
    assert not [word for word in LIBRARY_WORDS if word in text]


@pytest.mark.parametrize("to", ["roster", "members"])
@pytest.mark.parametrize("how", damaged_zips(GOOD_XLSX))
def test_a_damaged_xlsx_is_named_on_the_sheet_pages(
    body: Body, users: dict[str, Any], to: str, how: str
) -> None:
    client = client_of(users["organiser"])
    text = upload_sheet(client, body, to, f"{how}.xlsx", damaged_zips(GOOD_XLSX)[how])
    assert f"Tệp {how}.xlsx: không đọc được: không phải tệp Excel (.xlsx) hoặc tệp bị hỏng" in text
    assert_no_library_text(text)
    assert not Holding.objects.exists() and not MemberRecord.objects.exists()


CSV_CASES = {
    "nul": (
        "Họ và tên,Chức vụ\nNguyễn Văn An,Chủ\x00 tịch\n",
        "dòng 2: không đọc được vì có ký tự NUL",
        "line 2: cannot be read: it holds a NUL character",
    ),
    "huge-cell": (
        "Họ và tên,Chức vụ\nNguyễn Văn An,Chủ tịch\nLê Văn Bình," + "x" * 200_000 + "\n",
        "dòng 3: không đọc được vì có một ô dài hơn 131.072 ký tự",
        "line 3: cannot be read: a cell is longer than 131,072 characters",
    ),
    "open-quote": (
        'Họ và tên,Chức vụ\nNguyễn Văn An,Chủ tịch\n"Lê Văn Bình,Phó\nTrần Văn C,Ủy viên\n',
        'dòng 3: không đọc được vì một dấu ngoặc kép (") mở ở đây không được đóng',
        'line 3: cannot be read: a double quote (") opened here is not closed',
    ),
    "text-after-quote": (
        'Họ và tên,Chức vụ\n"Nguyễn Văn An" Jr,Chủ tịch\n',
        'dòng 2: không đọc được vì sau dấu ngoặc kép (") đóng một ô',
        'line 2: cannot be read: a double quote (") closing a cell',
    ),
}


@pytest.mark.parametrize("to", ["roster", "members"])
@pytest.mark.parametrize("case", CSV_CASES)
def test_a_csv_the_reader_trips_over_is_named_with_its_line(
    body: Body, users: dict[str, Any], to: str, case: str
) -> None:
    content, vi, en = CSV_CASES[case]
    client = client_of(users["organiser"])
    text = upload_sheet(client, body, to, f"{case}.csv", content.encode("utf-8"))
    assert f"Tệp {case}.csv: {vi}" in text.replace("&quot;", '"')
    assert_no_library_text(text)
    client.cookies["django_language"] = "en"
    text = upload_sheet(client, body, to, f"{case}.csv", content.encode("utf-8"))
    assert f"File {case}.csv: {en}" in text.replace("&quot;", '"')
    assert not Holding.objects.exists() and not MemberRecord.objects.exists()


def report_upload(client: Client, session: VoteSession, name: str, content: bytes) -> str:
    candidate = Candidate.objects.filter(session=session).first()
    url = reverse("candidate_update", args=[session.pk, candidate.pk])
    page = client.post(
        url, {"report_file": SimpleUploadedFile(name, content), "report_sent_on": ""}, follow=True
    )
    assert page.status_code == 200
    return page.content.decode()


@pytest.mark.parametrize("how", damaged_zips(GOOD_XLSX))
def test_a_damaged_office_report_is_named(
    draft: VoteSession, users: dict[str, Any], how: str
) -> None:
    client = client_of(users["organiser"])
    for suffix, good in ((".docx", word_file()), (".xlsx", GOOD_XLSX)):
        name = f"{how}{suffix}"
        text = report_upload(client, draft, name, damaged_zips(good)[how])
        assert f"Tệp báo cáo &#x27;{name}&#x27; không mở được: tệp {suffix} bị hỏng" in text
        assert_no_library_text(text)
    assert not Candidate.objects.exclude(report_file="").exists()


def test_a_zip_bomb_report_is_refused(draft: VoteSession, users: dict[str, Any]) -> None:
    bomb = office_bomb("word/document.xml", expanded_mb=200)
    assert len(bomb) < 400_000
    client = client_of(users["organiser"])
    text = report_upload(client, draft, "bom.docx", bomb)
    assert "Tệp báo cáo &#x27;bom.docx&#x27; không được nhận vì tệp giải nén ra 200 MB" in text
    client.cookies["django_language"] = "en"
    text = report_upload(client, draft, "bom.docx", office_bomb("word/document.xml", 20))
    assert "The report file &#x27;bom.docx&#x27; is not accepted because its part" in text
    assert not Candidate.objects.exclude(report_file="").exists()
