"""Timing and the peers of `minutes_500x50.py`: the median of several runs, and the two peers
measured in the same run (LibreOffice converting our DOCX; a bare reportlab canvas)."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RUNS = 5


@dataclass
class Step:
    name: str
    seconds: float
    runs: int
    note: str = ""
    all_runs: list[float] = field(default_factory=list)
    compare: bool = True  # False: a rate, not comparable with a document's time


def median_time(function: Callable[[], Any], runs: int = RUNS) -> tuple[float, list[float], Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, result


def pdf_pages(content: bytes) -> int:
    try:
        import io

        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(content)).pages)
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page[^s]", content))


def libreoffice_peer(docx: bytes, workdir: Path) -> tuple[Step | None, dict[str, str]]:
    """`soffice --headless --convert-to pdf` on our own minutes DOCX, one process per run (a
    warm-up run first creates the throwaway user profile)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None, {"LibreOffice": "skipped: soffice not found on PATH"}
    source = workdir / "bien-ban-kiem-phieu.docx"
    source.write_bytes(docx)
    outdir = workdir / "lo-out"
    profile = (workdir / "lo-profile").as_uri()
    command = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        str(source),
    ]
    env = os.environ | {"HOME": str(workdir)}

    def convert() -> None:
        subprocess.run(command, check=True, capture_output=True, timeout=300, env=env)

    version = subprocess.run(
        [soffice, "--version"], capture_output=True, text=True, timeout=120, env=env
    ).stdout.strip()
    start = time.perf_counter()
    convert()
    cold = time.perf_counter() - start
    seconds, runs, _ = median_time(convert)
    pdf = (outdir / "bien-ban-kiem-phieu.pdf").read_bytes()
    figures = {
        "LibreOffice": version or soffice,
        "LibreOffice first run (new profile)": f"{cold:.2f} s",
        "LibreOffice PDF": f"{len(pdf):,} bytes, {pdf_pages(pdf)} pages",
    }
    step = Step("peer: LibreOffice DOCX→PDF", seconds, RUNS, "soffice process per run", runs)
    return step, figures


def plain_canvas_pdf(report: Any) -> bytes:
    """The minutes' table text on a bare reportlab canvas: fixed columns, one string per cell,
    a rule under each row, a new page when the frame is full. No Paragraph, Table or
    DocTemplate. The same embedded font as ours."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from tinnhiem.documents import text
    from tinnhiem.documents.fonts import register_fonts
    from tinnhiem.documents.layout import DECREE_30_MARGINS, PAGE_PORTRAIT, results_widths

    fonts = register_fonts()
    width, height = PAGE_PORTRAIT
    margins = DECREE_30_MARGINS
    profile = report.result.profile
    columns = results_widths(
        width - margins.left - margins.right, len(profile.levels), position_column=False
    )
    xs = [margins.left]
    for column in columns:
        xs.append(xs[-1] + column)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE_PORTRAIT, invariant=1)
    y = height - margins.top
    canvas.setFont(fonts.bold, 14)
    canvas.drawCentredString(width / 2, y - 14, text.MINUTES_TITLE)
    y -= 30
    canvas.setFont(fonts.bold, 10)
    head = [text.COL_INDEX, text.COL_NAME]
    for label in text.level_labels(profile):
        head += [label[:12], "%"]
    head += [text.COL_INVALID[:10], text.COL_BAND]
    for x, label in zip(xs, head, strict=False):
        canvas.drawString(x + 2, y - 10, label)
    y -= 14
    canvas.line(xs[0], y, xs[-1], y)
    for row in text.result_rows(report):
        if y < margins.bottom + 30:
            canvas.showPage()
            y = height - margins.top
        cells = [str(row.index), row.name]
        cells += [v for pair in zip(row.counts, row.percents, strict=True) for v in pair]
        cells += [row.invalid, row.band[:40]]
        canvas.setFont(fonts.regular, 10)
        for x, value in zip(xs[:-1], cells, strict=True):
            canvas.drawString(x + 2, y - 11, value)
        canvas.drawString(xs[1] + 2, y - 23, row.position[:45])
        y -= 27
        canvas.line(xs[0], y, xs[-1], y)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
