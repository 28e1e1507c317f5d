"""Ballots and documents of a session, rendered from the documents package."""

from __future__ import annotations

import importlib

from tinnhiem.ballotformat import BallotLayout
from tinnhiem.core.errors import WrongState
from tinnhiem.votes.models import SessionStatus, VoteSession
from tinnhiem.votes.print_data import ballot_spec
from tinnhiem.votes.results import FINAL, results_report


def ballots_pdf(session: VoteSession, *, copies: int = 1) -> dict[str, tuple[bytes, BallotLayout]]:
    """Each ballot type's PDF and the geometry of one copy, by block code."""
    from tinnhiem.documents.ballot_pdf import render_ballots  # reportlab: only when printing

    if session.status == SessionStatus.DRAFT:
        raise WrongState(
            "Mở đợt lấy phiếu trước khi in phiếu", "Open the session before printing ballots"
        )
    return {
        block.code: render_ballots(ballot_spec(block), copies) for block in session.blocks.all()
    }


def require_final(session: VoteSession) -> None:
    """The minutes, the results and their documents exist only once the count is closed."""
    if session.status not in FINAL:
        raise WrongState("Chưa kết thúc kiểm phiếu", "The count is not closed yet")


def document(session: VoteSession, kind: str, fmt: str) -> tuple[bytes, str, str]:
    """(content, file name, MIME type) of the minutes or the results in a format."""
    require_final(session)
    report = results_report(session)
    renderers = {
        ("minutes", "pdf"): ("tinnhiem.documents.minutes_pdf", "render_minutes_pdf"),
        ("minutes", "docx"): ("tinnhiem.documents.word", "render_minutes_docx"),
        ("results", "pdf"): ("tinnhiem.documents.results_pdf", "render_results_pdf"),
        ("results", "docx"): ("tinnhiem.documents.word", "render_results_docx"),
        ("results", "xlsx"): ("tinnhiem.documents.results_xlsx", "render_results_xlsx"),
    }
    if (kind, fmt) not in renderers:
        raise WrongState(f"Không có định dạng {fmt} cho {kind}", f"No {fmt} format for {kind}")
    module_name, function = renderers[(kind, fmt)]
    content = getattr(importlib.import_module(module_name), function)(report)
    name = {"minutes": "bien-ban-kiem-phieu", "results": "ket-qua-lay-phieu"}[kind]
    return content, f"{name}-{session.pk}.{fmt}", MIME[fmt]


MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
