"""A session's ballots keep the layout and the body's heading they had when it was opened: the
heading decides where every line of the ballot falls (and so the hash in each page's code), and
a body renamed while its ballots are out (as after the 2025 mergers) must not make the printed
sheets unreadable. The minutes, made later, say the body's name as it is then."""

from __future__ import annotations

from typing import Any

from tests.readback import pdf_text

from tinnhiem.bodies.models import Body
from tinnhiem.bodies.services import body_update
from tinnhiem.documents.data import LATEST_BALLOT_LAYOUT
from tinnhiem.votes import services
from tinnhiem.votes.models import VoteSession
from tinnhiem.votes.printing import ballots_pdf


def test_a_body_renamed_after_opening_prints_the_same_ballots(
    draft: VoteSession, body: Body, users: dict[str, Any]
) -> None:
    VoteSession.objects.filter(pk=draft.pk).update(ballot_layout=1)  # a draft made long ago
    session = services.session_open(actor=users["organiser"], session=draft)
    assert session.ballot_layout == LATEST_BALLOT_LAYOUT  # what it prints is fixed on opening
    assert session.ballot_heading["body_name"] == body.name.upper()
    before_pdf, before = ballots_pdf(session)["1"]
    body_update(
        actor=users["admin"],
        body=body,
        name="Hội đồng nhân dân Thành phố Hồ Chí Minh (sau sắp xếp)",
        parent_name="Thành ủy Thành phố Hồ Chí Minh, Đảng bộ Thành phố Hồ Chí Minh",
    )
    session = VoteSession.objects.get(pk=session.pk)
    after_pdf, after = ballots_pdf(session)["1"]
    assert after == before  # the same geometry, so the same hash in every page's code
    assert pdf_text(after_pdf) == pdf_text(before_pdf)
    assert "SAU SẮP XẾP" not in pdf_text(after_pdf)
