"""The head of the audit log printed where it cannot be rewritten: the counting minutes (PDF and
Word) carry the row that closed the count, the published results page the row that published
it; `tinnhiem audit verify --anchor` checks the log against either."""

from __future__ import annotations

import io
from typing import Any

from django.test import Client
from docx import Document
from pypdf import PdfReader
from tests.audit.attacker import drop_guard, run_verify

from tinnhiem.audit.models import AuditEvent
from tinnhiem.votes import counting, services
from tinnhiem.votes.models import VoteSession
from tinnhiem.votes.printing import document


def closed_and_published(session: VoteSession, users: dict[str, Any]) -> VoteSession:
    block = session.blocks.get()
    for operator, user in ((1, users["board1"]), (2, users["board2"])):
        counting.ballot_record(actor=user, block=block, operator=operator, marks="0012")
    closed = counting.count_close(actor=users["board1"], session=session, acknowledged_gaps=True)
    return services.session_publish(actor=users["board1"], session=closed)


def row(action: str) -> str:
    event = AuditEvent.objects.filter(action=action).order_by("-seq").first()
    return f"{event.seq}:{event.hash}"


def test_the_minutes_carry_the_row_that_closed_the_count(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    session = closed_and_published(in_count, users)
    anchor = row("counting.close")
    pdf = PdfReader(io.BytesIO(document(session, "minutes", "pdf")[0]))
    assert anchor in "".join("".join(page.extract_text().split()) for page in pdf.pages)
    word = Document(io.BytesIO(document(session, "minutes", "docx")[0]))
    assert any(anchor in paragraph.text for paragraph in word.paragraphs)
    assert run_verify(anchor)[0] == 0


def test_the_public_results_carry_the_row_that_published_them(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    session = closed_and_published(in_count, users)
    anchor = row("session.publish")
    page = Client().get(f"/public/sessions/{session.pk}/").content.decode()
    assert anchor in page and row("counting.close") not in page
    assert run_verify(anchor)[0] == 0
    drop_guard()
    AuditEvent.objects.filter(seq__gte=int(anchor.split(":")[0])).delete()
    code, text = run_verify(anchor)
    assert code == 1 and anchor in text
