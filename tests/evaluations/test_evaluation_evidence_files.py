"""Evidence files: only documents and pictures that open without running anything, up to the
size limit, refused with a message naming the file; sent back only through the evidence view
(which checks access), never from the media address."""

from __future__ import annotations

import io
import zipfile
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from tests.evaluations.conftest import client_for, hanoi
from tests.hostile import damaged_zips, office_bomb

from tinnhiem.core.errors import InputProblem
from tinnhiem.evaluations.models import Evaluation
from tinnhiem.evaluations.services import evaluation_self_assess


def office(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


ACCEPTED = {
    "minh-chung.pdf": b"%PDF-1.7\n...",
    "anh.PNG": b"\x89PNG\r\n\x1a\n....",
    "anh.jpeg": b"\xff\xd8\xff\xe0....",
    "bao-cao.docx": office({"[Content_Types].xml": b"", "word/document.xml": b"<w/>"}),
    "bang.xlsx": office({"[Content_Types].xml": b"", "xl/workbook.xml": b"<x/>"}),
    "van-ban.odt": office(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""}
    ),
}
REFUSED = {
    "virus.exe": (b"MZ\x90\x00", "not accepted"),
    "trang.html": (b"<script>alert(1)</script>", "not accepted"),
    "macro.docm": (office({"word/document.xml": b"", "word/vbaProject.bin": b""}), "not accepted"),
    "cu.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "not accepted"),
    "gia.pdf": (b"<html>not a pdf</html>", "not a real .pdf"),
    "nen.docx": (office({"payload.exe": b"MZ"}), "not a real .docx"),
    "hong.xlsx": (b"PK\x03\x04 broken", "the .xlsx file is damaged"),
}


def assess(org: SimpleNamespace, upload: SimpleUploadedFile) -> Evaluation:
    return evaluation_self_assess(
        actor=org.users["cadre"],
        cadre=org.cadres[0],
        period=org.period,
        scores=hanoi(80),
        upload=upload,
    )


@pytest.mark.parametrize(("name", "content"), ACCEPTED.items())
def test_documents_and_pictures_are_accepted(
    org: SimpleNamespace, name: str, content: bytes
) -> None:
    evaluation = assess(org, SimpleUploadedFile(name, content))
    assert evaluation.evidence_file.name.lower().endswith(name.rsplit(".", 1)[1].lower())


@pytest.mark.parametrize(("name", "refusal"), REFUSED.items())
def test_other_files_are_refused_naming_them(
    org: SimpleNamespace, name: str, refusal: tuple[bytes, str]
) -> None:
    content, reason = refusal
    with pytest.raises(InputProblem) as refused:
        assess(org, SimpleUploadedFile(name, content))
    assert f"'{name}'" in refused.value.message_vi and f"'{name}'" in refused.value.message_en
    assert reason in refused.value.message_en
    assert not Evaluation.objects.exists()  # nothing half-written


@pytest.mark.parametrize("how", damaged_zips(ACCEPTED["van-ban.odt"]))
def test_a_damaged_or_bomb_document_is_refused_naming_it(org: SimpleNamespace, how: str) -> None:
    for name, content, reason in (
        (f"{how}.ods", damaged_zips(ACCEPTED["van-ban.odt"])[how], "the .ods file is damaged"),
        ("bom.odt", office_bomb("content.xml", 150), "is not accepted because"),
    ):
        with pytest.raises(InputProblem) as refused:
            assess(org, SimpleUploadedFile(name, content))
        assert f"'{name}'" in refused.value.message_vi and reason in refused.value.message_en
    assert not Evaluation.objects.exists()


@override_settings(ATTACHMENT_MAX_BYTES=1_000_000)
def test_a_file_over_the_limit_is_refused(org: SimpleNamespace) -> None:
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.7" + b"0" * 1_500_000)
    with pytest.raises(InputProblem) as refused:
        assess(org, big)
    assert "'lon.pdf' nặng 1,5 MB, quá giới hạn 1 MB" in refused.value.message_vi
    assert "'lon.pdf' is 1.5 MB, over the 1 MB limit" in refused.value.message_en


def test_the_page_shows_the_refusal_and_keeps_the_scores(org: SimpleNamespace) -> None:
    url = reverse("evaluations:evaluation", args=[org.period.pk, org.cadres[0].pk])
    page = client_for(org.users["cadre"]).post(
        url,
        {
            "action": "save",
            "score_discipline": "19,5",
            "evidence_file": SimpleUploadedFile("virus.exe", b"MZ"),
        },
    )
    html = page.content.decode()
    assert "Tệp minh chứng &#x27;virus.exe&#x27; không được nhận" in html
    assert 'value="19,5"' in html


def test_evidence_is_sent_only_through_the_view_that_checks_access(org: SimpleNamespace) -> None:
    evaluation = assess(org, SimpleUploadedFile("minh-chung.pdf", b"%PDF-1.7 evidence"))
    media_path = "/" + settings.MEDIA_URL.lstrip("/") + evaluation.evidence_file.name
    for client in (Client(), client_for(org.users["cadre"]), client_for(org.admin)):
        assert client.get(media_path).status_code == 404
    view = reverse("evaluations:evidence", args=[evaluation.pk])
    mine = client_for(org.users["cadre"]).get(view)
    assert mine.status_code == 200 and mine["Content-Disposition"].startswith("attachment")
    assert client_for(org.outsider).get(view).status_code == 404
    assert Client().get(view).status_code == 302  # to the log-in page
