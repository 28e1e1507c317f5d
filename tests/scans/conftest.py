"""Ballots printed from a session's own PDF and marked by the test corpus."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from PIL import Image
from tests.omr import corpus

from tinnhiem.documents.ballot_pdf import render_ballots
from tinnhiem.documents.data import LATEST_BALLOT_LAYOUT
from tinnhiem.omr.template import build_template
from tinnhiem.votes.models import VoteSession
from tinnhiem.votes.print_data import ballot_spec


@pytest.fixture
def ballot_layout() -> int:
    """The layout the session printed its ballots in: the latest, or an older one with
    `@pytest.mark.parametrize("ballot_layout", [1])` (the migration marks every session opened
    before layout 2 with layout 1)."""
    return LATEST_BALLOT_LAYOUT


@pytest.fixture
def print_for(
    in_count: VoteSession, ballot_layout: int, monkeypatch: pytest.MonkeyPatch
) -> Iterator[VoteSession]:
    """Make the corpus mark ballots printed from this session's own PDF, not its sample ballot."""
    VoteSession.objects.filter(pk=in_count.pk).update(ballot_layout=ballot_layout)
    in_count.refresh_from_db()
    block = in_count.blocks.get()
    pdf, geometry = render_ballots(ballot_spec(block), 1)
    template = build_template(pdf, geometry, level_keys=corpus.LEVELS)
    mine = corpus.Printed(4, str(in_count.pk), block.code, pdf, geometry, template)
    original = corpus.printed

    def printed(
        people: int,
        session: str = corpus.SESSION,
        ballot_type: str = "1",
        layout: int = LATEST_BALLOT_LAYOUT,
    ) -> Any:
        if (people, session, ballot_type) == (4, str(in_count.pk), block.code):
            return mine  # in the session's own layout, whatever the corpus was asked
        return original(people, session, ballot_type, layout)

    corpus._raster.cache_clear()
    monkeypatch.setattr(corpus, "printed", printed)
    yield in_count
    corpus._raster.cache_clear()


def sheet(session: VoteSession, seed: int, marks: str, **plan: Any) -> np.ndarray:
    """One voter's ballot: marks as level indexes ("0" high, "_" blank), scanned gently."""
    lines = tuple(
        corpus.LinePlan("blank") if m == "_" else corpus.LinePlan("level", (int(m),), "x")
        for m in marks
    )
    made = corpus.make_sheet(
        np.random.default_rng(seed),
        people=4,
        session=str(session.pk),
        ballot_type="1",
        plan=corpus.SheetPlan(lines, **plan),
        scan=corpus.Scan(angle=0.6 * (seed % 3 - 1), noise=2.0),
    )
    return made.image


def tiff(pages: list[np.ndarray]) -> bytes:
    images = [Image.fromarray(page) for page in pages]
    out = io.BytesIO()
    images[0].save(out, format="TIFF", save_all=True, append_images=images[1:], dpi=(200, 200))
    return out.getvalue()
