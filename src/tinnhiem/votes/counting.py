"""The count: two independent entries of every paper ballot, the board's decisions where they
differ, hand-tally entry, and closing the count.

A ballot's marks are one character per candidate of its block, in order, in the mark alphabet
of `tinnhiem.ballotformat`: the level's index ("0" for the first level), BLANK when no box is
marked, SEVERAL when several are.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max

from tinnhiem.audit.services import record
from tinnhiem.ballotformat import line_marks
from tinnhiem.bilingual import BilingualError
from tinnhiem.core import permissions
from tinnhiem.core.errors import CountNotReady, InputProblem
from tinnhiem.rules import CountLine, RuleError, tally
from tinnhiem.votes.ballots import Ballot, ballot_lines
from tinnhiem.votes.channels import Channel, channels_of, paper_source
from tinnhiem.votes.models import (
    AggregateCount,
    BallotBlock,
    BallotDecision,
    BallotEntry,
    CountMode,
    InvalidReason,
    SessionStatus,
    VoteSession,
)
from tinnhiem.votes.paperwork import mark_count_ended
from tinnhiem.votes.profiles import session_profile
from tinnhiem.votes.results import session_figures
from tinnhiem.votes.state import locked, require_status, snapshot


@dataclass(frozen=True)
class Difference:
    block: BallotBlock
    number: int
    first: Ballot | None
    second: Ballot | None
    decision: Ballot | None


def _check_ballot(block: BallotBlock, levels: int, marks: str, invalid_reason: str) -> Ballot:
    if invalid_reason:
        if invalid_reason not in InvalidReason.values:
            raise InputProblem(
                f"Lý do không hợp lệ '{invalid_reason}' không có",
                f"Unknown invalid reason '{invalid_reason}'",
            )
        return Ballot("", invalid_reason)
    size = block.candidates.filter(is_excluded=False).count()
    if len(marks) != size:
        raise InputProblem(
            f"Phiếu phải có {size} dòng, đã nhập {len(marks)}",
            f"The ballot has {size} lines, {len(marks)} entered",
        )
    allowed = line_marks(levels)
    for line, char in enumerate(marks, start=1):
        if char not in allowed:
            raise InputProblem(
                f"Dòng {line}: ký hiệu '{char}' không hợp lệ",
                f"Line {line}: mark '{char}' is not valid",
            )
    return Ballot(marks, "")


def ballot_record(
    *,
    actor: Any,
    block: BallotBlock,
    operator: int,
    marks: str,
    invalid_reason: str = "",
    number: int | None = None,
) -> BallotEntry:
    """Enter (or correct) one ballot for one operator. Without `number`, the next one."""
    session = block.session
    permissions.require(actor, session.body_id, permissions.COUNT)
    if operator not in (1, 2):
        raise InputProblem("Người nhập phải là 1 hoặc 2", "The operator is 1 or 2")
    ballot = _check_ballot(block, len(session_profile(session).levels), marks, invalid_reason)
    with transaction.atomic():
        session = locked(session)
        require_status(session, (SessionStatus.COUNTING,), "nhập phiếu", "enter ballots")
        other = BallotEntry.objects.filter(block=block, operator=3 - operator, entered_by=actor)
        if other.exists():
            raise InputProblem(
                "Hai lần nhập phải do hai người khác nhau thực hiện",
                "The two entries must be made by two different people",
            )
        if number is None:
            last = BallotEntry.objects.filter(block=block, operator=operator).aggregate(
                n=Max("number")
            )["n"]
            number = (last or 0) + 1
        entry, created = BallotEntry.objects.update_or_create(
            block=block,
            operator=operator,
            number=number,
            defaults={
                "session": session,
                "marks": ballot.marks,
                "invalid_reason": ballot.invalid_reason,
                "entered_by": actor,
            },
        )
        record(
            actor=actor,
            action="ballot.enter" if created else "ballot.correct",
            obj=entry,
            body_id=session.body_id,
            after={"block": block.code, "operator": operator, "number": number},
        )
    return entry


def entries(block: BallotBlock, operator: int) -> dict[int, Ballot]:
    rows = BallotEntry.objects.filter(block=block, operator=operator).values_list(
        "number", "marks", "invalid_reason"
    )
    return {number: Ballot(marks, reason) for number, marks, reason in rows}


def decisions(block: BallotBlock) -> dict[int, Ballot]:
    rows = BallotDecision.objects.filter(block=block).values_list(
        "number", "marks", "invalid_reason"
    )
    return {number: Ballot(marks, reason) for number, marks, reason in rows}


def differences(block: BallotBlock) -> list[Difference]:
    """Every ballot number where the two entries differ (or one is missing)."""
    first, second, decided = entries(block, 1), entries(block, 2), decisions(block)
    return [
        Difference(block, n, first.get(n), second.get(n), decided.get(n))
        for n in sorted(set(first) | set(second))
        if first.get(n) != second.get(n)
    ]


def final_ballots(block: BallotBlock) -> list[Ballot]:
    """The ballots as counted: agreed entries, and the board's decision where they differ."""
    first, second, decided = entries(block, 1), entries(block, 2), decisions(block)
    result = []
    for n in sorted(set(first) | set(second)):
        if n in decided:
            result.append(decided[n])
        elif first.get(n) == second.get(n):
            result.append(first[n])
        else:
            raise CountNotReady(
                f"Phiếu số {n} (loại phiếu {block.code}) hai lần nhập khác nhau, chưa được Ban kiểm phiếu quyết định",
                f"Ballot {n} (ballot type {block.code}): the two entries differ and the board has not decided",
            )
    return result


def ballot_decide(
    *, actor: Any, block: BallotBlock, number: int, marks: str, invalid_reason: str = ""
) -> BallotDecision:
    """The counting board decides a ballot the two entries disagree on."""
    session = block.session
    permissions.require(actor, session.body_id, permissions.COUNT)
    ballot = _check_ballot(block, len(session_profile(session).levels), marks, invalid_reason)
    with transaction.atomic():
        session = locked(session)
        require_status(session, (SessionStatus.COUNTING,), "quyết định phiếu", "decide a ballot")
        if not BallotEntry.objects.filter(block=block, number=number).exists():
            raise InputProblem(f"Không có phiếu số {number}", f"There is no ballot number {number}")
        decision, _ = BallotDecision.objects.update_or_create(
            block=block,
            number=number,
            defaults={
                "marks": ballot.marks,
                "invalid_reason": ballot.invalid_reason,
                "decided_by": actor,
            },
        )
        record(
            actor=actor,
            action="ballot.decide",
            obj=decision,
            body_id=session.body_id,
            after={"block": block.code, "number": number},
        )
    return decision


def aggregate_record(
    *, actor: Any, session: VoteSession, rows: Mapping[int, tuple[Mapping[str, int], int]]
) -> None:
    """Per-person counts from a hand tally sheet: candidate id → (counts by level, invalid lines)."""
    permissions.require(actor, session.body_id, permissions.COUNT)
    profile = session_profile(session)
    with transaction.atomic():
        session = locked(session)
        require_status(
            session, (SessionStatus.COUNTING,), "nhập kết quả kiểm phiếu", "enter tally counts"
        )
        if session.count_mode != CountMode.AGGREGATE:
            raise InputProblem("Đợt này nhập từng phiếu", "This session counts ballot by ballot")
        candidates = {c.pk: c for c in session.candidates.filter(is_excluded=False)}
        for candidate_id, (counts, invalid) in rows.items():
            candidate = candidates.get(candidate_id)
            if candidate is None:
                raise InputProblem(
                    f"Không có người được lấy phiếu số {candidate_id}",
                    f"No candidate {candidate_id}",
                )
            labels = {level.key: (level.label_vi, level.label_en) for level in profile.levels}
            labels["invalid"] = ("Số dòng không hợp lệ", "Invalid lines")
            for key, value in [*counts.items(), ("invalid", invalid)]:
                if key not in labels:
                    raise InputProblem(f"Mức '{key}' không có", f"Unknown level '{key}'")
                if value < 0:
                    raise InputProblem(
                        f"Số phiếu của {candidate.full_name} — {labels[key][0]}: không được âm",
                        f"Votes for {candidate.full_name} — {labels[key][1]}: must not be negative",
                    )
            AggregateCount.objects.update_or_create(
                candidate=candidate, defaults={"counts": dict(counts), "invalid_lines": invalid}
            )
        record(
            actor=actor,
            action="counting.aggregate",
            obj=session,
            body_id=session.body_id,
            after={"rows": len(rows)},
        )


def lines_from_ballots(
    session: VoteSession,
    levels: tuple[str, ...],
    ballots_of: Callable[[BallotBlock], list[Ballot]] | None = None,
) -> tuple[list[CountLine], dict[str, int]]:
    """Per-candidate lines from the final ballots (by default the hand-entered ones), in the
    session's order of posts (whatever block each is printed on), and per block the number of
    ballots."""
    lines, _, per_block = ballot_lines(session, levels, ballots_of or final_ballots)
    return lines, per_block


def lines_from_aggregate(session: VoteSession, levels: tuple[str, ...]) -> list[CountLine]:
    lines = []
    for candidate in session.candidates.filter(is_excluded=False).select_related("aggregate"):
        aggregate = getattr(candidate, "aggregate", None)
        if aggregate is None:
            raise CountNotReady(
                f"Chưa nhập kết quả của {candidate.full_name}",
                f"No counts entered for {candidate.full_name}",
            )
        counts = {key: int(aggregate.counts.get(key, 0)) for key in levels}
        lines.append(
            CountLine(
                candidate.full_name,
                candidate.position,
                counts,
                aggregate.invalid_lines,
                row=candidate.order + 1,
            )
        )
    return lines


class CountHasGaps(CountNotReady):
    """Fewer ballots entered than issued, or the ballots collected left blank: the board closes
    only once it has seen the figures and said so."""


@dataclass(frozen=True)
class CountGaps:
    """What the board is asked to confirm before closing: the ballots issued, the ballots
    entered (None when the tally sheet is entered per person) and whether the ballots collected
    were left blank."""

    issued: int | None
    entered: int | None
    is_collected_blank: bool

    @property
    def message_vi(self) -> str:
        return self._message(GAP_WORDS_VI)

    @property
    def message_en(self) -> str:
        return self._message(GAP_WORDS_EN)

    def _message(self, words: dict[str, str]) -> str:
        parts = [words["issued"].format(n=self.issued)] if self.issued is not None else []
        if self.entered is not None:
            is_short = self.issued is not None and self.entered < self.issued
            verb = words["short"] if is_short else words["full"]
            parts.append(words["entered"].format(verb=verb, n=self.entered).strip())
        if self.is_collected_blank:
            parts.append(words["blank"])
        text = ", ".join(parts)
        return f"{text[:1].upper()}{text[1:]}. {words['question']}"


GAP_WORDS_VI = {
    "issued": "đã phát {n} phiếu",
    "entered": "{verb} nhập {n} phiếu",
    "short": "mới",
    "full": "đã",
    "blank": "số phiếu thu về để trống",
    "question": "Vẫn kết thúc kiểm phiếu?",
}
GAP_WORDS_EN = {
    "issued": "{n} ballots issued",
    "entered": "{verb} {n} entered",
    "short": "only",
    "full": "",
    "blank": "ballots collected left blank",
    "question": "Close the count anyway?",
}


def _gaps(session: VoteSession, collected_before: int | None) -> CountGaps | None:
    """The gaps of a session whose paper lines were just read (its ballots collected settled)."""
    if not session.has_paper:
        return None
    entered = None if session.count_mode == CountMode.AGGREGATE else session.collected
    is_short = entered is not None and session.issued is not None and entered < session.issued
    if collected_before is not None and not is_short:
        return None
    return CountGaps(session.issued, entered, collected_before is None)


def count_gaps(session: VoteSession) -> CountGaps | None:
    """The gaps closing the count now would have to confirm (None when there are none, or when
    the count cannot close anyway: closing then says why)."""
    fresh = VoteSession.objects.get(pk=session.pk)
    collected_before = fresh.collected
    try:
        if fresh.has_paper:
            paper_lines(fresh, session_profile(fresh).level_keys)
    except BilingualError:
        return None
    return _gaps(fresh, collected_before)


def count_close(
    *, actor: Any, session: VoteSession, acknowledged_gaps: bool = False
) -> VoteSession:
    """Check everything, then store each person's counts and close the session. With fewer
    ballots entered than issued, or the ballots collected left blank, only when the caller
    confirms it has shown those figures (`acknowledged_gaps`)."""
    permissions.require(actor, session.body_id, permissions.COUNT)
    profile = session_profile(session)
    with transaction.atomic():
        session = locked(session)
        require_status(session, (SessionStatus.COUNTING,), "kết thúc kiểm phiếu", "close the count")
        before = snapshot(session)
        paper = paper_lines(session, profile.level_keys) if session.has_paper else []
        channels = channels_of(session)
        lines = with_channels(session, profile.level_keys, paper, channels)
        if not channels and session.collected is None:
            raise CountNotReady("Cần nhập số phiếu thu về", "Enter the ballots collected")
        if not session.has_paper or session.invalid_ballots is None:
            # no paper, no invalid ballot; a hand tally whose board entered no figure of them
            # counted every ballot collected as valid: the minutes state 0, never "—"
            session.invalid_ballots = 0
        try:
            tally(profile, session_figures(session), lines)
        except RuleError as exc:
            raise CountNotReady(exc.message_vi, exc.message_en) from exc
        gaps = _gaps(session, before["collected"])
        if gaps is not None and not acknowledged_gaps:
            raise CountHasGaps(gaps.message_vi, gaps.message_en)
        for candidate, line in zip(
            session.candidates.filter(is_excluded=False), lines, strict=True
        ):
            candidate.counts = dict(line.counts)
            candidate.invalid_lines = line.invalid
            candidate.save(update_fields=["counts", "invalid_lines"])
        for channel in channels:
            channel.count_closing(session, paper)
        session.status = SessionStatus.CLOSED
        mark_count_ended(session)
        session.save()
        record(
            actor=actor,
            action="counting.close",
            obj=session,
            body_id=session.body_id,
            before=before,
            after=snapshot(session) | ({"acknowledged_gaps": gaps.message_vi} if gaps else {}),
        )
    return session


def paper_lines(session: VoteSession, levels: tuple[str, ...]) -> list[CountLine]:
    """Each person's paper line by the session's count mode; settles the ballots collected."""
    if session.count_mode == CountMode.AGGREGATE:
        return lines_from_aggregate(session, levels)
    source = paper_source(session)
    lines, per_block = lines_from_ballots(session, levels, source.ballots)
    _settle_collected(session, per_block, is_board_figure_final=source.board_figure_stands)
    return lines


def with_channels(
    session: VoteSession, levels: tuple[str, ...], paper: list[CountLine], channels: list[Channel]
) -> list[CountLine]:
    """Each person's line: the paper counts (none in a session without paper) plus every other
    channel's counts."""
    people = list(session.candidates.filter(is_excluded=False))
    lines = paper or [
        CountLine(c.full_name, c.position, {key: 0 for key in levels}, 0, row=row)
        for row, c in enumerate(people, start=1)
    ]
    for channel in channels:
        counts = channel.counts(session, levels)
        lines = [
            CountLine(
                line.name,
                line.position,
                {key: line.counts.get(key, 0) + extra.get(key, 0) for key in levels},
                line.invalid,
                row=line.row,
            )
            for line, extra in zip(lines, counts, strict=True)
        ]
    return lines


def _settle_collected(
    session: VoteSession, per_block: dict[str, int], *, is_board_figure_final: bool = False
) -> None:
    """The ballots collected are the ballots counted; for scans, the board's own figure, when it
    entered one, stands (the results page warns when the two differ)."""
    invalid = per_block.pop("_invalid")
    counts = set(per_block.values())
    if len(counts) != 1 or 0 in counts:
        raise CountNotReady(
            f"Số phiếu đã nhập của các loại phiếu không bằng nhau hoặc bằng 0: {per_block}",
            f"The blocks have different or zero numbers of ballots entered: {per_block}",
        )
    entered = counts.pop()
    if is_board_figure_final and session.collected is not None:
        entered = session.collected
    if session.collected is not None and session.collected != entered:
        raise CountNotReady(
            f"Đã nhập {entered} phiếu nhưng số phiếu thu về là {session.collected}",
            f"{entered} ballots entered but {session.collected} collected",
        )
    session.collected = entered
    session.invalid_ballots = invalid
    if session.issued is not None and entered > session.issued:
        raise CountNotReady(
            f"Số phiếu thu về ({entered}) lớn hơn số phiếu phát ra ({session.issued})",
            f"Ballots collected ({entered}) exceed ballots issued ({session.issued})",
        )
