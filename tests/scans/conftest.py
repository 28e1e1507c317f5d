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
from tinnhiem.omr.template import build_template
from tinnhiem.votes.models import VoteSession
from tinnhiem.votes.print_data import ballot_spec


@pytest.fixture
def layout_1(in_count: VoteSession) -> VoteSession:
    """The session counting, as one that printed its ballots before layout 2 (the migration marks
    every session opened by then with layout 1). Ask for it before `print_for`."""
    VoteSession.objects.filter(pk=in_count.pk).update(ballot_layout=1)
    in_count.refresh_from_db()
    return in_count


@pytest.fixture
def print_for(in_count: VoteSession, monkeypatch: pytest.MonkeyPatch) -> Iterator[VoteSession]:
    """Make the corpus mark ballots printed from this session's own PDF, not its sample ballot."""
    block = in_count.blocks.get()
    pdf, geometry = render_ballots(ballot_spec(block), 1)
    template = build_template(pdf, geometry, level_keys=corpus.LEVELS)
    mine = corpus.Printed(4, str(in_count.pk), block.code, pdf, geometry, template)
    original = corpus.printed

    def printed(people: int, session: str = corpus.SESSION, ballot_type: str = "1") -> Any:
        if (people, session, ballot_type) == (4, str(in_count.pk), block.code):
            return mine
        return original(people, session, ballot_type)

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
