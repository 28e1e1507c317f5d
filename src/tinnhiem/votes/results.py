"""Reading a session's result: the rule engine on the stored counts, and the report data (the
printed papers' header and ballot people are `votes.print_data`)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from tinnhiem.audit.verify import anchor_of
from tinnhiem.core.errors import CountNotReady
from tinnhiem.documents.data import (
    BoardMember,
    BoardRole,
    ResultsReport,
    SessionInfo,
)
from tinnhiem.rules import CountLine, PersonResult, SessionFigures, TallyResult, tally
from tinnhiem.votes.ballots import lines_so_far
from tinnhiem.votes.channels import channels_of, paper_source
from tinnhiem.votes.models import Candidate, CountMode, SessionStatus, VoteSession
from tinnhiem.votes.print_data import body_header
from tinnhiem.votes.profiles import session_profile

FINAL = (SessionStatus.CLOSED, SessionStatus.PUBLISHED)


def voted_on(session: VoteSession) -> list[Candidate]:
    return list(session.candidates.filter(is_excluded=False).order_by("order", "id"))


def session_result(session: VoteSession) -> TallyResult:
    """The result from the counts stored when the count closed."""
    lines = [
        CountLine(c.full_name, c.position, c.counts or {}, c.invalid_lines)
        for c in voted_on(session)
    ]
    return tally(session_profile(session), session_figures(session), lines)


def session_figures(session: VoteSession) -> SessionFigures:
    """Members, issued and collected: the paper figures the board entered, plus every other
    channel's (the electronic ballot: codes handed out less those voided, ballots cast; and the
    membership it fixed when it was set up, on which its record computes percentages)."""
    channels = [channel.figures(session) for channel in channels_of(session)]
    if not channels:
        return SessionFigures(
            members=session.members, issued=session.issued, collected=session.collected
        )
    fixed = [figures.members for figures in channels if figures.members is not None]
    return SessionFigures(
        members=fixed[0] if fixed else session.members,
        issued=(session.issued or 0) + sum(figures.issued for figures in channels),
        collected=(session.collected or 0) + sum(figures.collected for figures in channels),
    )


def provisional_result(session: VoteSession) -> tuple[TallyResult, list[int]]:
    """A count the board is still deciding: the counts of what is decided and, per person, the
    lines still waiting."""
    profile = session_profile(session)
    source = paper_source(session)
    lines, waiting, sheets = lines_so_far(session, profile.level_keys, source.ballots_so_far)
    collected = sheets if session.collected is None else session.collected
    figures = SessionFigures(members=session.members, issued=session.issued, collected=collected)
    return tally(profile, figures, lines), waiting


def collected_warning(session: VoteSession) -> tuple[str, str] | None:
    """(vi, en) when the board's figure of ballots collected differs from its paper source's."""
    if session.count_mode == CountMode.AGGREGATE:
        return None
    return paper_source(session).collected_warning(session)


def previous_results(session: VoteSession) -> tuple[dict[str, PersonResult], str]:
    """Each person's result in the body's latest earlier final session of the same kind."""
    earlier = (
        VoteSession.objects.filter(
            body=session.body, status__in=FINAL, held_on__lt=session.held_on, follows__isnull=True
        )
        .exclude(pk=session.pk)
        .order_by("-held_on")
        .first()
    )
    if earlier is None or session.follows_id is not None:
        return {}, ""
    result = session_result(earlier)
    by_person = {
        c.person_id: p for c, p in zip(voted_on(earlier), result.people, strict=True) if c.person_id
    }
    current = {
        c.full_name: by_person[c.person_id] for c in voted_on(session) if c.person_id in by_person
    }
    return current, f"{earlier.held_on.year}"


def session_info(session: VoteSession) -> SessionInfo:
    facts = {} if session.count_mode == CountMode.AGGREGATE else _source_facts(session)
    channels = tuple(
        row for channel in channels_of(session) for row in channel.minutes_rows(session)
    )
    totals = session_figures(session)
    is_final = session.status in FINAL
    closed = anchor_of(action="counting.close", obj=session) if is_final else None
    # a count closed before the close stated it counted its invalid ballots as none
    invalid = session.invalid_ballots if session.invalid_ballots is not None or not is_final else 0
    return SessionInfo(
        audit_anchor=str(closed) if closed is not None else "",
        **facts,
        channels=channels,
        header=body_header(session),
        title=session.title,
        held_on=session.held_on,
        venue=session.venue,
        profile=session_profile(session),
        members=totals.members,
        summoned=session.summoned,
        present=session.present,
        issued=totals.issued,
        collected=totals.collected,
        valid_ballots=None if totals.collected is None else totals.collected - (invalid or 0),
        invalid_ballots=invalid,
        board=tuple(BoardMember(m.full_name, BoardRole(m.role)) for m in session.board.all()),
        minutes_number=session.minutes_number,
        report_number=session.report_number,
        count_started_at=_local(session.count_started_at),
        count_ended_at=_local(session.count_ended_at),
        copies=session.copies,
        recipients=tuple(line for line in session.recipients.splitlines() if line.strip()),
    )


def _local(moment: datetime | None) -> datetime | None:
    """The wall-clock time of the site's time zone, as the paper states it."""
    return None if moment is None else timezone.localtime(moment).replace(tzinfo=None)


def _source_facts(session: VoteSession) -> dict[str, int]:
    try:
        return paper_source(session).minutes_facts(session)
    except CountNotReady:  # a count mode whose app is not installed states nothing
        return {}


def results_report(session: VoteSession) -> ResultsReport:
    previous, label = previous_results(session)
    return ResultsReport(
        session=session_info(session),
        result=session_result(session),
        previous=previous,
        previous_label=f"Kết quả năm {label}" if label else "",
    )
