"""Session lifecycle: create, roster, board, open, count, close, publish, reopen.

The persons voted on are set in `candidates` (re-exported here); what the services share (the
row lock, the state check, the audit snapshot) is in `state`.

Every service takes the acting user, checks the role, runs in one transaction and writes its
audit row in that transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from tinnhiem.audit.services import record
from tinnhiem.bodies.models import Body
from tinnhiem.core import permissions
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.documents.data import LATEST_BALLOT_LAYOUT
from tinnhiem.rules import RuleError, load_profile, parse_profile, quorum_met

# the persons voted on live in `candidates`; callers reach them here, with the rest of a session
from tinnhiem.votes.candidates import CandidateSpec as CandidateSpec
from tinnhiem.votes.candidates import candidate_exclude as candidate_exclude
from tinnhiem.votes.candidates import candidate_report as candidate_report
from tinnhiem.votes.candidates import candidates_from_roster as candidates_from_roster
from tinnhiem.votes.candidates import candidates_set as candidates_set
from tinnhiem.votes.channels import channels_of
from tinnhiem.votes.models import (
    BoardMember,
    Channel,
    CountMode,
    SessionStatus,
    VoteSession,
)
from tinnhiem.votes.paperwork import mark_count_started
from tinnhiem.votes.print_data import heading_fields
from tinnhiem.votes.profiles import session_profile
from tinnhiem.votes.results import session_result
from tinnhiem.votes.state import FIGURES, locked, require_status, snapshot


def session_create(
    *,
    actor: Any,
    body: Body,
    title: str,
    held_on: date,
    profile_key: str,
    venue: str = "",
    profile_toml: str = "",
    count_mode: str = CountMode.BALLOTS,
    members: int | None = None,
    follows: VoteSession | None = None,
    channel: str = Channel.PAPER,
) -> VoteSession:
    """A draft session under a built-in profile, or a custom one given as TOML text."""
    permissions.require(actor, body.pk, permissions.ORGANISE)
    try:
        profile = (
            parse_profile(profile_toml, source="profile.toml")
            if profile_toml
            else load_profile(profile_key)
        )
    except RuleError as exc:
        raise InputProblem(exc.message_vi, exc.message_en) from exc
    if not title.strip():
        raise InputProblem("Cần nhập tên đợt lấy phiếu", "The session needs a title")
    if channel not in Channel.values:
        raise InputProblem(f"Hình thức '{channel}' không có", f"Unknown channel '{channel}'")
    with transaction.atomic():
        session = VoteSession.objects.create(
            channel=channel,
            body=body,
            title=title.strip(),
            held_on=held_on,
            venue=venue,
            profile_key=profile.key,
            profile_toml=profile_toml,
            count_mode=count_mode,
            members=members,
            follows=follows,
        )
        record(
            actor=actor,
            action="session.create",
            obj=session,
            body_id=body.pk,
            after=snapshot(session)
            | {"title": session.title, "profile": profile.key, "channel": channel},
        )
    return session


def session_delete(*, actor: Any, session: VoteSession) -> None:
    """Delete a draft (made by mistake, or twice): only while draft and nothing entered; the
    audit row keeps what it was."""
    permissions.require(actor, session.body_id, permissions.ORGANISE)
    with transaction.atomic():
        session = locked(session)
        require_status(session, (SessionStatus.DRAFT,), "xóa đợt lấy phiếu", "delete the session")
        if session.entries.exists() or session.followups.exists():
            raise WrongState(
                "Đợt lấy phiếu đã có phiếu nhập hoặc đợt tiếp theo: không xóa được",
                "The session has ballots entered or a follow-up: it cannot be deleted",
            )
        record(
            actor=actor,
            action="session.delete",
            obj=session,
            body_id=session.body_id,
            before=snapshot(session)
            | {
                "title": session.title,
                "held_on": session.held_on.isoformat(),
                "candidates": session.candidates.count(),
            },
        )
        session.candidates.all().delete()
        session.delete()


def session_edit(
    *, actor: Any, session: VoteSession, title: str, held_on: date, venue: str
) -> VoteSession:
    """A draft's title, date and venue; refused once the session is open (its ballots and
    papers carry them)."""
    permissions.require(actor, session.body_id, permissions.ORGANISE)
    if not title.strip():
        raise InputProblem("Cần nhập tên đợt lấy phiếu", "The session needs a title")
    with transaction.atomic():
        session = locked(session)
        require_status(session, (SessionStatus.DRAFT,), "sửa đợt lấy phiếu", "edit the session")
        before = {
            "title": session.title,
            "held_on": session.held_on.isoformat(),
            "venue": session.venue,
        }
        session.title, session.held_on, session.venue = title.strip(), held_on, venue.strip()
        session.save(update_fields=["title", "held_on", "venue"])
        after = {"title": session.title, "held_on": held_on.isoformat(), "venue": session.venue}
        record(
            actor=actor,
            action="session.edit",
            obj=session,
            body_id=session.body_id,
            before=before,
            after=after,
        )
    return session


def board_set(*, actor: Any, session: VoteSession, members: Sequence[tuple[str, str]]) -> None:
    """The counting board: (full name, role) pairs; exactly one head."""
    permissions.require(actor, session.body_id, permissions.ORGANISE)
    names = [(name.strip(), role) for name, role in members if name.strip()]
    if sum(1 for _, role in names if role == "head") != 1:
        raise InputProblem(
            "Ban kiểm phiếu cần đúng một Trưởng ban", "The counting board needs exactly one head"
        )
    with transaction.atomic():
        session = locked(session)
        require_status(
            session,
            (SessionStatus.DRAFT, SessionStatus.OPEN, SessionStatus.COUNTING),
            "sửa Ban kiểm phiếu",
            "change the counting board",
        )
        before = list(session.board.values_list("full_name", "role"))
        session.board.all().delete()
        BoardMember.objects.bulk_create(
            BoardMember(session=session, full_name=n, role=r, order=i)
            for i, (n, r) in enumerate(names)
        )
        record(
            actor=actor,
            action="session.board_set",
            obj=session,
            body_id=session.body_id,
            before={"board": before},
            after={"board": names},
        )


def figures_set(*, actor: Any, session: VoteSession, **figures: int | None) -> VoteSession:
    """Members, summoned, present, issued, collected. Checks what can be checked now."""
    permissions.require(actor, session.body_id, permissions.PUBLISH)
    unknown = set(figures) - set(FIGURES)
    if unknown:
        raise InputProblem(
            f"Không có trường {sorted(unknown)}", f"Unknown fields {sorted(unknown)}"
        )
    with transaction.atomic():
        session = locked(session)
        require_status(
            session,
            (SessionStatus.DRAFT, SessionStatus.OPEN, SessionStatus.COUNTING),
            "sửa số liệu",
            "change the figures",
        )
        before = snapshot(session)
        for name, value in figures.items():
            if value is not None and value < 0:
                raise InputProblem(
                    f"Trường '{name}' không được âm", f"Field '{name}' must not be negative"
                )
            setattr(session, name, value)
        check_figures(session)
        session.save()
        record(
            actor=actor,
            action="session.figures_set",
            obj=session,
            body_id=session.body_id,
            before=before,
            after=snapshot(session),
        )
    return session


def check_figures(session: VoteSession) -> None:
    pairs = [
        (
            "collected",
            "issued",
            "Số phiếu thu về lớn hơn số phiếu phát ra",
            "Ballots collected exceed ballots issued",
        ),
        ("present", "summoned", "Số có mặt lớn hơn số được triệu tập", "Present exceeds summoned"),
        (
            "summoned",
            "members",
            "Số được triệu tập lớn hơn tổng số thành viên",
            "Summoned exceeds the members",
        ),
        (
            "issued",
            "present",
            "Số phiếu phát ra lớn hơn số có mặt",
            "Ballots issued exceed those present",
        ),
        (
            "invalid_ballots",
            "collected",
            "Số phiếu không hợp lệ lớn hơn số phiếu thu về",
            "Invalid ballots exceed ballots collected",
        ),
    ]
    for small, large, vi, en in pairs:
        a, b = getattr(session, small), getattr(session, large)
        if a is not None and b is not None and a > b:
            raise InputProblem(f"{vi} ({a} > {b})", f"{en} ({a} > {b})")


def session_open(*, actor: Any, session: VoteSession) -> VoteSession:
    """Freeze the roster: ballots can now be printed."""
    permissions.require(actor, session.body_id, permissions.ORGANISE)
    with transaction.atomic():
        session = locked(session)
        require_status(session, (SessionStatus.DRAFT,), "mở đợt lấy phiếu", "open the session")
        if not session.candidates.filter(is_excluded=False).exists():
            raise InputProblem("Chưa có người được lấy phiếu", "No one is to be voted on yet")
        # what the ballots print from now on: the latest layout and today's heading, kept so
        # that every sheet printed for the session, now or later, reads the same
        session.ballot_layout = LATEST_BALLOT_LAYOUT
        session.ballot_heading = heading_fields(session)
        session.save(update_fields=["ballot_layout", "ballot_heading"])
        return _transition(actor, session, SessionStatus.OPEN, "session.open")


def counting_start(*, actor: Any, session: VoteSession) -> VoteSession:
    """Start the count. Where the profile has a quorum, it must be met."""
    permissions.require(actor, session.body_id, permissions.COUNT)
    with transaction.atomic():
        session = locked(session)
        require_status(session, (SessionStatus.OPEN,), "bắt đầu kiểm phiếu", "start the count")
        profile = session_profile(session)
        if profile.quorum is not None:
            if session.summoned is None or session.present is None:
                raise InputProblem(
                    "Cần nhập số được triệu tập và số có mặt để kiểm tra số lượng tối thiểu",
                    "Enter those summoned and present to check the quorum",
                )
            if not quorum_met(profile, summoned=session.summoned, present=session.present):
                raise InputProblem(
                    f"Không đủ số lượng tối thiểu: có mặt {session.present}/{session.summoned}, cần ít nhất {profile.quorum}",
                    f"No quorum: {session.present} of {session.summoned} present, at least {profile.quorum} needed",
                )
        for channel in channels_of(session):
            channel.count_started(actor=actor, session=session)
        mark_count_started(session)
        return _transition(actor, session, SessionStatus.COUNTING, "counting.start")


def session_publish(*, actor: Any, session: VoteSession) -> VoteSession:
    permissions.require(actor, session.body_id, permissions.PUBLISH)
    with transaction.atomic():
        session = locked(session)
        require_status(session, (SessionStatus.CLOSED,), "công bố kết quả", "publish the result")
        return _transition(actor, session, SessionStatus.PUBLISHED, "session.publish")


def session_reopen(*, actor: Any, session: VoteSession, reason: str) -> VoteSession:
    """The only way to change a closed session: an administrator, with a reason, logged."""
    permissions.require(actor, session.body_id, permissions.ADMINISTER)
    if not reason.strip():
        raise InputProblem("Cần ghi lý do mở lại", "A reason for reopening is required")
    with transaction.atomic():
        session = locked(session)
        if session.status not in (SessionStatus.CLOSED, SessionStatus.PUBLISHED):
            raise WrongState(
                "Chỉ mở lại được đợt đã kết thúc kiểm phiếu",
                "Only a closed session can be reopened",
            )
        session.candidates.update(counts=None, invalid_lines=0)
        session.count_ended_at = None  # the count goes on: its end is when it closes again
        session.save(update_fields=["count_ended_at"])
        return _transition(
            actor, session, SessionStatus.COUNTING, "session.reopen", reason=reason.strip()
        )


def _transition(
    actor: Any, session: VoteSession, status: str, action: str, **extra: Any
) -> VoteSession:
    before = snapshot(session)
    session.status = status
    session.save(update_fields=["status"])
    record(
        actor=actor,
        action=action,
        obj=session,
        body_id=session.body_id,
        before=before,
        after=snapshot(session) | extra,
    )
    return session


def followup_create(*, actor: Any, session: VoteSession, held_on: date) -> VoteSession:
    """A no-confidence vote ("bỏ phiếu tín nhiệm") on everyone whose band calls for one."""
    profile = session_profile(session)
    if session.status not in (SessionStatus.CLOSED, SessionStatus.PUBLISHED):
        raise WrongState("Kết quả chưa chốt", "The result is not final yet")
    if not profile.no_confidence_profile:
        raise InputProblem(
            "Bộ quy tắc này không có bỏ phiếu tín nhiệm", "This profile has no no-confidence vote"
        )
    result = session_result(session)
    called = [
        c
        for c, p in zip(session.candidates.filter(is_excluded=False), result.people, strict=True)
        if p.band and p.band.calls_for_no_confidence_vote
    ]
    if not called:
        raise InputProblem(
            "Không ai thuộc diện phải bỏ phiếu tín nhiệm",
            "No one's result calls for a no-confidence vote",
        )
    with transaction.atomic():
        followup = session_create(
            actor=actor,
            body=session.body,
            title=f"Bỏ phiếu tín nhiệm — {session.title}",
            held_on=held_on,
            profile_key=profile.no_confidence_profile,
            venue=session.venue,
            members=session.members,
            follows=session,
        )
        candidates_set(
            actor=actor,
            session=followup,
            specs=[
                CandidateSpec(full_name=c.full_name, position=c.position, person_id=c.person_id)
                for c in called
            ],
        )
    return followup


def count_mode_set(*, actor: Any, session: VoteSession, count_mode: str) -> VoteSession:
    """Ballot-by-ballot entry or hand-tally entry; only before any ballot is entered."""
    permissions.require(actor, session.body_id, permissions.COUNT)
    if count_mode not in CountMode.values:
        raise InputProblem(
            f"Cách kiểm phiếu '{count_mode}' không có", f"Unknown count mode '{count_mode}'"
        )
    with transaction.atomic():
        session = locked(session)
        require_status(
            session,
            (SessionStatus.DRAFT, SessionStatus.OPEN, SessionStatus.COUNTING),
            "đổi cách kiểm phiếu",
            "change the count mode",
        )
        if session.entries.exists():
            raise WrongState(
                "Đã nhập phiếu: không đổi được cách kiểm phiếu",
                "Ballots were entered: the count mode cannot change",
            )
        before = session.count_mode
        session.count_mode = count_mode
        session.save(update_fields=["count_mode"])
        record(
            actor=actor,
            action="session.count_mode",
            obj=session,
            body_id=session.body_id,
            before={"count_mode": before},
            after={"count_mode": count_mode},
        )
    return session
