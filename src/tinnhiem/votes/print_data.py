"""What a session's printed papers say of it: the body's header and each ballot type's people.
Pure data for `tinnhiem.documents`; the results report is `votes.results`."""

from __future__ import annotations

from dataclasses import asdict

from tinnhiem.bodies.models import BodyKind
from tinnhiem.documents.data import BallotPerson, BallotSpec, BodyHeader, HeaderKind
from tinnhiem.votes.models import BallotBlock, VoteSession
from tinnhiem.votes.profiles import session_profile


def body_header(session: VoteSession) -> BodyHeader:
    body = session.body
    kind = HeaderKind.PARTY if body.kind == BodyKind.PARTY_COMMITTEE else HeaderKind.STATE
    return BodyHeader(
        body_name=body.name.upper(), kind=kind, parent_name=body.parent_name.upper(), city=body.city
    )


def heading_fields(session: VoteSession) -> dict[str, str]:
    """The body's heading as plain fields, to keep on the session when it is opened."""
    return {name: str(value) for name, value in asdict(body_header(session)).items()}


def ballot_header(session: VoteSession) -> BodyHeader:
    """The heading the session's ballots print: the one kept when it was opened (a session
    opened before headings were kept, or a draft: the body's own)."""
    kept = session.ballot_heading
    if not kept:
        return body_header(session)
    return BodyHeader(**{**kept, "kind": HeaderKind(kept["kind"])})


def ballot_spec(block: BallotBlock) -> BallotSpec:
    session = block.session
    return BallotSpec(
        header=ballot_header(session),
        profile=session_profile(session),
        session_code=str(session.pk),
        session_line=f"{session.title} — ngày {session.held_on:%d/%m/%Y}",
        ballot_type=block.code,
        ballot_type_name=block.name,
        people=tuple(
            BallotPerson(c.full_name, c.position)
            for c in block.candidates.filter(is_excluded=False).order_by("order", "id")
        ),
        layout=session.ballot_layout,
    )
