"""The voter's services (check a code, cast, challenge) and the closing of the ballot box.

No audit row is written per cast or challenge (its sequence and time would date a ballot): the
close logs the counts. See docs/evote.md, "Secrecy by construction"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import IntegrityError, connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from tinnhiem.ballotcrypto import election as pure
from tinnhiem.ballotcrypto.errors import CryptoError
from tinnhiem.core import permissions
from tinnhiem.core.counters import count_down, count_up
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.evote import codes, receipts
from tinnhiem.evote.bulletin import build_board, paper_channel
from tinnhiem.evote.common import (
    VoterError,
    audit,
    locked,
    manifest_of,
    max_ballots,
    public_key_of,
    require_voting,
    snapshot,
)
from tinnhiem.evote.credentials import credential_figures
from tinnhiem.evote.models import (
    CastBallot,
    Credential,
    CredentialStatus,
    Election,
    SpoiledBallot,
    Stage,
)
from tinnhiem.votes.counting import paper_lines
from tinnhiem.votes.models import SessionStatus, VoteSession
from tinnhiem.votes.profiles import session_profile

MAX_SPOILS = 5
Published = TypeVar("Published", CastBallot, SpoiledBallot)


def _credential(election: Election, code: str) -> Credential:
    normal = codes.normalise(code)
    credential = (
        Credential.objects.filter(
            election=election, code_hash=codes.code_hash(str(election.public_id), normal)
        ).first()
        if normal
        else None
    )
    if credential is None:
        raise VoterError("Mã không đúng", "The code is not valid")
    if credential.status == CredentialStatus.USED:
        raise VoterError("Mã này đã được dùng để bỏ phiếu", "This code has already voted")
    if credential.status == CredentialStatus.VOIDED:
        raise VoterError("Mã này đã bị hủy", "This code has been voided")
    return credential


def code_check(*, election: Election, code: str) -> None:
    require_voting(election)
    _credential(election, code)


def _accepted(election: Election, data: Any) -> pure.AcceptedBallot:
    try:
        return pure.accept_ballot(manifest_of(election), public_key_of(election), data)
    except (pure.BallotRejected, CryptoError) as exc:
        raise VoterError(
            f"Phiếu bị từ chối, không có gì được lưu: {exc.message_vi}",
            f"The ballot is refused and nothing is stored: {exc.message_en}",
        ) from exc


def _spent_code(election: Election, code: str) -> str:
    """The HMAC of a code the voter may use now (VoterError naming why not)."""
    return _credential(election, code).code_hash


@dataclass(frozen=True)
class Cast:
    """A cast ballot and the voter's signed receipt (None for a version-1 manifest). The
    receipt is returned, never stored (evote/receipts.py)."""

    ballot: CastBallot
    receipt: dict[str, Any] | None

    @property
    def tracking_code(self) -> str:
        return self.ballot.tracking_code

    @property
    def ballot_hash(self) -> str:
        return self.ballot.ballot_hash


def ballot_cast(*, election: Election, code: str, data: Any) -> Cast:
    """Check the code, then the ballot's proofs, then in one transaction spend the code and
    store the ballot; return it with the voter's signed receipt.

    The code is spent by a conditional UPDATE (issued → used): under any concurrency one
    request wins and the others see 0 rows and are refused; a replayed or challenged ballot
    hits its hash. Nothing of the code goes with the ballot row, no audit row is written per
    ballot, and at the close both tables are rewritten (`_forget_cast_order`), so that no
    stored trace — not even PostgreSQL's row versions — links a code to a ballot.

    The receipt's board position is the number of ballots in the box once this one is in,
    counted under the election's row lock (so every cast gets its own); it and the time exist
    only in the receipt the voter takes away.
    """
    require_voting(election)
    hashed = _spent_code(election, code)  # cheap refusals before the proofs are checked
    accepted = _accepted(election, data)
    signer = receipts.signer_of(election)  # a changed secret refuses the cast, not the receipt
    try:
        with transaction.atomic():
            election = locked(election)
            require_voting(election)
            if SpoiledBallot.objects.filter(election=election, ballot_hash=accepted.hash).exists():
                raise VoterError(
                    "Phiếu này đã được mở để kiểm tra nên không bỏ được; hãy mã hóa lại",
                    "This ballot was opened by a challenge and cannot be cast; encrypt again",
                )
            in_box = CastBallot.objects.filter(election=election).count()
            if in_box >= max_ballots(election):
                raise VoterError(
                    "Hòm phiếu đã đủ số phiếu tối đa của đợt", "The ballot box is full"
                )
            spent = Credential.objects.filter(
                election=election, code_hash=hashed, status=CredentialStatus.ISSUED
            ).update(status=CredentialStatus.USED)
            if spent != 1:
                _credential(election, code)  # names why
                raise VoterError("Mã không dùng được", "The code cannot be used")
            ballot = CastBallot.objects.create(
                election=election,
                ballot_hash=accepted.hash,
                tracking_code=accepted.tracking_code,
                data=accepted.data,
            )
            position, at = in_box + 1, timezone.now()
    except IntegrityError as exc:
        raise VoterError(
            "Phiếu này đã được bỏ (trùng hoàn toàn), không được tính lần nữa",
            "This exact ballot was already cast; it is not counted again",
        ) from exc
    return Cast(ballot, signer.sign(ballot, position, at) if signer else None)


def ballot_spoil(*, election: Election, code: str, data: Any, opening: Any) -> SpoiledBallot:
    """Publish a challenged ballot with its opening; the code is not spent.

    At most MAX_SPOILS challenges per code, counted by `core.counters` (never stored with the code:
    an invitation's code names its voter, and the opened choices are published).
    """
    require_voting(election)
    hashed = _spent_code(election, code)
    accepted = _accepted(election, data)
    try:
        pure.check_opening(manifest_of(election), public_key_of(election), data, opening)
    except CryptoError as exc:
        raise VoterError(
            f"Phần mở phiếu không khớp: {exc.message_vi}",
            f"The opening does not match: {exc.message_en}",
        ) from exc
    counter = f"evote-spoils:{election.public_id}:{hashed}"
    if count_up(counter, 24 * 3600) > MAX_SPOILS:  # counted first, given back unless published
        count_down(counter)
        raise VoterError(
            f"Mỗi mã chỉ được kiểm tra phiếu {MAX_SPOILS} lần",
            f"A code may challenge at most {MAX_SPOILS} ballots",
        )
    published = False
    try:
        spoiled = _publish_spoiled(election, code, accepted, opening)
        published = True
    finally:
        if not published:
            count_down(counter)
    return spoiled


def _publish_spoiled(
    election: Election, code: str, accepted: pure.AcceptedBallot, opening: Any
) -> SpoiledBallot:
    try:
        with transaction.atomic():
            election = locked(election)
            require_voting(election)
            _credential(election, code)
            if CastBallot.objects.filter(election=election, ballot_hash=accepted.hash).exists():
                raise VoterError(
                    "Phiếu này đã được bỏ vào hòm, không mở được", "This ballot is cast already"
                )
            return SpoiledBallot.objects.create(
                election=election,
                ballot_hash=accepted.hash,
                tracking_code=accepted.tracking_code,
                data=accepted.data,
                opening=opening,
            )
    except IntegrityError as exc:
        raise VoterError("Phiếu này đã được công bố", "This ballot is published already") from exc


def _forget_cast_order(election: Election) -> None:
    """Rewrite the ballots (sorted by hash, new random keys) and touch every credential in one
    transaction, so that no row keeps the version, place or key it got when its ballot was
    cast. After the commit: on PostgreSQL the old row versions are vacuumed away; on SQLite
    (secure_delete on every connection, settings.py) the deleted rows are already zeroed in
    their pages, and the write-ahead log, which still holds the pages as they were, is copied
    back and truncated. Neither reaches backups, replicas or the filesystem's free blocks
    (docs/deployment.md)."""
    _rewrite(CastBallot.objects.filter(election=election))
    _rewrite(SpoiledBallot.objects.filter(election=election))
    Credential.objects.filter(election=election).update(status=F("status"))
    if connection.vendor == "postgresql":
        transaction.on_commit(_vacuum)
    elif connection.vendor == "sqlite":
        transaction.on_commit(_checkpoint)


def _rewrite(published: QuerySet[Published]) -> None:
    """Delete the rows and insert them again in hash order, each with a new random key."""
    rows = list(published.order_by("ballot_hash"))
    published.delete()
    for row in rows:
        row.pk = None  # the key's default (uuid4) is drawn again
        row._state.adding = True
    published.model.objects.bulk_create(rows)


def _vacuum() -> None:
    with connection.cursor() as cursor:
        for model in (CastBallot, SpoiledBallot, Credential):
            cursor.execute(f'VACUUM FULL "{model._meta.db_table}"')


def _checkpoint() -> None:
    """Best effort: a reader still open elsewhere keeps the log (SQLite answers "busy"); the
    next checkpoint with no reader then rewrites it."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def voting_close(actor: Any, session: VoteSession) -> None:
    """Close the electronic ballot box (called when the count starts, inside its transaction).

    Electronic only: the board is chained and the encrypted tally published for the trustees.
    Mixed: the board waits for the paper count to be fixed (`paper_fix`), so that the paper
    count cannot be changed once the electronic result is known.
    """

    election = Election.objects.filter(session=session).first()
    if election is None:
        raise WrongState(
            "Chưa tạo phiếu điện tử cho đợt này", "The electronic ballot is not set up"
        )
    election = locked(election)
    require_voting(election)
    before = snapshot(election)
    _forget_cast_order(election)
    figures = credential_figures(election)
    if session.has_paper:
        election.stage = Stage.PAPER
    else:
        # every ballot's proofs were checked when it was cast; the verifier checks them again
        build_board(election, figures)
        election.stage = Stage.DECRYPTING
    election.save()
    # the casts are logged here, as counts: a row per cast would date each ballot
    audit(actor, "evote.close", election, before, **figures)


def paper_fix(*, actor: Any, session: VoteSession) -> Election:
    """Mixed session: fix the paper count on the board and publish the encrypted tally."""

    permissions.require(actor, session.body_id, permissions.COUNT)
    with transaction.atomic():
        session = VoteSession.objects.select_for_update().get(pk=session.pk)
        if session.status != SessionStatus.COUNTING:
            raise WrongState("Chỉ chốt khi đang kiểm phiếu", "Fix the paper count while counting")
        election = locked(Election.objects.get(session=session))
        if election.stage != Stage.PAPER:
            raise WrongState(
                "Kết quả phiếu giấy đã được chốt hoặc chưa đến lúc",
                "The paper count is fixed already, or it is not time yet",
            )
        before = snapshot(election)
        lines = paper_lines(session, session_profile(session).level_keys)
        if session.issued is None or session.collected is None:
            raise InputProblem(
                "Cần nhập số phiếu giấy phát ra và thu về trước khi chốt",
                "Enter the paper ballots issued and collected before fixing the count",
            )
        if session.collected > session.issued:
            raise InputProblem(
                "Số phiếu giấy thu về lớn hơn số phát ra",
                "More paper ballots collected than issued",
            )
        session.save()
        build_board(election, credential_figures(election), paper_channel(session, lines))
        election.stage = Stage.DECRYPTING
        election.save()
        audit(actor, "evote.paper_fixed", election, before, collected=session.collected)
    return election
