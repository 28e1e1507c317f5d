"""A second reader: poppler (pdftoppm, pdftotext) opens every PDF, draws its first page and
finds the Vietnamese names, so the files are not only readable by the library that wrote them."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tinnhiem.documents.ballot_pdf import render_ballots
from tinnhiem.documents.data import BallotSpec, ResultsReport
from tinnhiem.documents.minutes_pdf import render_minutes_pdf
from tinnhiem.documents.results_pdf import render_results_pdf

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils is not installed",
)


def documents(report: ResultsReport, make_spec: Callable[..., BallotSpec]) -> dict[str, bytes]:
    return {
        "ballot": render_ballots(make_spec())[0],
        "results": render_results_pdf(report),
        "minutes": render_minutes_pdf(report),
    }


def test_poppler_draws_and_reads_every_pdf(
    report: ResultsReport,
    make_spec: Callable[..., BallotSpec],
    names: tuple[str, ...],
    tmp_path: Path,
) -> None:
    for kind, data in documents(report, make_spec).items():
        source = tmp_path / f"{kind}.pdf"
        source.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-png", source, tmp_path / kind],
            check=True,
            capture_output=True,
        )
        png = next(tmp_path.glob(f"{kind}-*1.png"))
        assert png.read_bytes().startswith(b"\x89PNG")
        extracted = subprocess.run(
            ["pdftotext", "-layout", source, "-"], check=True, capture_output=True
        ).stdout.decode("utf-8")
        for name in names:
            assert name in extracted, (kind, name)
