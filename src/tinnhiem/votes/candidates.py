"""The persons voted on in a session: set from a list or from the body's roster, excluded when
the profile exempts them, and their self-assessment reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from tinnhiem.audit.services import record
from tinnhiem.bodies.models import Holding
from tinnhiem.core import permissions
from tinnhiem.core.attachments import check_attachment
from tinnhiem.rules import PersonFacts, exemptions_for
from tinnhiem.votes.models import BallotBlock, Candidate, SessionStatus, VoteSession
from tinnhiem.votes.profiles import session_profile
from tinnhiem.votes.state import EDITABLE, locked, require_status


@dataclass(frozen=True)
class CandidateSpec:
    full_name: str
    position: str
    block: str = "1"
    person_id: int | None = None
    took_office_on: date | None = None
    is_retirement_announced: bool = False


def candidates_set(
    *, actor: Any, session: VoteSession, specs: Sequence[CandidateSpec]
) -> list[Candidate]:
    """Replace the persons voted on. Order is the order given (the order of posts); blocks are
    created from the specs' block codes in order of first appearance. Exemptions are flagged
    from the profile, never applied silently: the organiser excludes a flagged person."""
    permissions.require(actor, session.body_id, permissions.ORGANISE)
    profile = session_profile(session)
    with transaction.atomic():
        session = locked(session)
        require_status(
            session,
            (SessionStatus.DRAFT,),
            "sửa danh sách người được lấy phiếu",
            "change the persons voted on",
        )
        before = list(session.candidates.values_list("full_name", flat=True))
        session.candidates.all().delete()
        session.blocks.all().delete()
        blocks: dict[str, BallotBlock] = {}
        made = []
        for order, spec in enumerate(specs):
            if spec.block not in blocks:
                blocks[spec.block] = BallotBlock.objects.create(
                    session=session,
                    code=spec.block,
                    name=spec.block if not spec.block.isdigit() else "",
                    order=len(blocks),
                )
            facts = PersonFacts(
                retirement_announced=spec.is_retirement_announced,
                took_office_on=spec.took_office_on,
            )
            flags = [e.code for e in exemptions_for(profile, facts, session.held_on)]
            made.append(
                Candidate(
                    session=session,
                    block=blocks[spec.block],
                    person_id=spec.person_id,
                    full_name=spec.full_name,
                    position=spec.position,
                    order=order,
                    exemptions=flags,
                )
            )
        Candidate.objects.bulk_create(made)
        record(
            actor=actor,
            action="session.candidates_set",
            obj=session,
            body_id=session.body_id,
            before={"candidates": before},
            after={"candidates": [c.full_name for c in made]},
        )
    return list(session.candidates.all())


def candidates_from_roster(*, actor: Any, session: VoteSession) -> list[Candidate]:
    """The body's current officials, in the order of their posts."""
    holdings = Holding.objects.filter(post__body=session.body, is_current=True).select_related(
        "person", "post"
    )
    specs = [
        CandidateSpec(
            full_name=h.person.full_name,
            position=h.post.title,
            block=h.post.ballot_block or "1",
            person_id=h.person_id,
            took_office_on=h.took_office_on,
            is_retirement_announced=h.is_retirement_announced,
        )
        for h in holdings
    ]
    return candidates_set(actor=actor, session=session, specs=specs)


def candidate_exclude(*, actor: Any, candidate: Candidate, is_excluded: bool) -> Candidate:
    permissions.require(actor, candidate.session.body_id, permissions.ORGANISE)
    with transaction.atomic():
        session = locked(candidate.session)
        require_status(
            session,
            (SessionStatus.DRAFT,),
            "sửa danh sách người được lấy phiếu",
            "change the persons voted on",
        )
        before = candidate.is_excluded
        candidate.is_excluded = is_excluded
        candidate.save(update_fields=["is_excluded"])
        record(
            actor=actor,
            action="candidate.exclude",
            obj=candidate,
            body_id=session.body_id,
            before={"is_excluded": before},
            after={"is_excluded": is_excluded, "exemptions": candidate.exemptions},
        )
    return candidate


def candidate_report(
    *, actor: Any, candidate: Candidate, upload: Any = None, sent_on: date | None = None
) -> Candidate:
    """Attach the person's self-assessment report and the date it went to the voters."""
    permissions.require(actor, candidate.session.body_id, permissions.ORGANISE)
    if upload is not None:
        check_attachment(upload, what_vi="Tệp báo cáo", what_en="report file")
    with transaction.atomic():
        session = locked(candidate.session)
        require_status(
            session, EDITABLE, "sửa báo cáo tự đánh giá", "change the self-assessment report"
        )
        if upload is not None:
            candidate.report_file.save(upload.name, upload, save=False)
        candidate.report_sent_on = sent_on
        candidate.save(update_fields=["report_file", "report_sent_on"])
        record(
            actor=actor,
            action="candidate.report",
            obj=candidate,
            body_id=session.body_id,
            after={"file": candidate.report_file.name, "sent_on": sent_on},
        )
    return candidate
