"""Setting up the electronic ballot and the trustees' files: the manifest, the three rounds of
the key ceremony, and the decryptions at the close (docs/crypto.md, section 12).

Every service runs in one transaction and writes its audit row there."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from tinnhiem.ballotcrypto import ceremony_files, tally_files
from tinnhiem.ballotcrypto import election as pure
from tinnhiem.ballotcrypto.errors import CryptoError
from tinnhiem.ballotcrypto.trustees import CeremonyParams
from tinnhiem.core import permissions
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.evote import receipts
from tinnhiem.evote.bulletin import board_of, decrypted_counts
from tinnhiem.evote.common import (
    audit,
    locked,
    snapshot,
)
from tinnhiem.evote.models import (
    Election,
    Stage,
    Trustee,
)
from tinnhiem.evote.smallchannel import expected_ballots, require_decryptable
from tinnhiem.votes.models import SessionStatus, VoteSession
from tinnhiem.votes.results import voted_on

ROUNDS = ("round1", "round2", "round3", "complaint", "decryption")


def build_manifest(
    session: VoteSession, public_id: str, trustees: Sequence[str], threshold: int
) -> pure.Manifest:
    """The manifest of a session: its persons in ballot order and everything a verifier needs."""
    voters = session.body.voters.filter(is_active=True).count()
    max_ballots = max(session.members or 0, voters)
    if max_ballots < 1:
        raise InputProblem(
            "Cần nhập tổng số thành viên trước khi tạo phiếu điện tử",
            "Enter the number of members before setting up the electronic ballot",
        )
    return pure.Manifest(
        session=public_id,
        title=session.title,
        body=session.body.name,
        date=session.held_on.isoformat(),
        profile=session.profile_key,
        profile_toml=session.profile_toml or None,
        persons=tuple(pure.Person(str(c.pk), c.full_name, c.position) for c in voted_on(session)),
        levels=pure.RATING_LEVELS,
        max_ballots=max_ballots,
        members=session.members,
        has_paper=session.has_paper,
        trustees=len(trustees),
        threshold=threshold,
        trustee_names=tuple(trustees),
        receipt_key=receipts.public_key(public_id),
    )


def election_setup(
    *,
    actor: Any,
    session: VoteSession,
    trustee_names: Sequence[str],
    threshold: int,
    expected_electronic: int | None = None,
) -> Election:
    """Start the electronic channel of an open session: the trustees and the manifest.

    A channel expecting fewer ballots than the minimum is refused (evote/smallchannel.py); in a
    mixed session `expected_electronic` is the organiser's figure of electronic voters."""
    permissions.require(actor, session.body_id, permissions.ORGANISE)
    names = [name.strip() for name in trustee_names if name.strip()]
    if not session.has_electronic:
        raise WrongState(
            "Đợt lấy phiếu này không dùng phiếu điện tử", "This session has no electronic ballot"
        )
    if not 1 <= threshold <= len(names):
        raise InputProblem(
            f"Số thành viên cần để giải mã phải từ 1 đến {len(names)}",
            f"The threshold must be between 1 and {len(names)}",
        )
    with transaction.atomic():
        session = VoteSession.objects.select_for_update().get(pk=session.pk)
        if session.status != SessionStatus.OPEN:
            raise WrongState(
                "Chỉ tạo phiếu điện tử khi đợt lấy phiếu đang mở (danh sách đã chốt)",
                "Set up the electronic ballot once the session is open (the roster is frozen)",
            )
        existing = Election.objects.filter(session=session).first()
        if existing is not None and existing.stage != Stage.FAILED:
            raise WrongState("Phiếu điện tử đã được tạo", "The electronic ballot exists already")
        if existing is not None:  # a failed ceremony: start again under a new session id
            audit(actor, "evote.restart", existing, snapshot(existing))
            existing.delete()
        election = Election(session=session, trustees=len(names), threshold=threshold, manifest={})
        manifest = build_manifest(session, str(election.public_id), names, threshold)
        election.expected_ballots = expected_ballots(
            session, manifest.max_ballots, expected_electronic
        )
        election.manifest = manifest.to_dict()
        election.save()
        for index, name in enumerate(names, start=1):
            Trustee.objects.create(election=election, index=index, full_name=name)
        audit(actor, "evote.setup", election, None, expected_ballots=election.expected_ballots)
    return election


def _params(election: Election) -> CeremonyParams:
    return CeremonyParams(election.trustees, election.threshold)


def _refused(error: CryptoError, index: int) -> InputProblem:
    return InputProblem(
        f"Tệp của thành viên {index} bị từ chối: {error.message_vi}",
        f"The file of trustee {index} is refused: {error.message_en}",
    )


def trustee_upload(*, actor: Any, election: Election, index: int, kind: str, data: Any) -> Trustee:
    """Take one trustee file (round 1, 2, 3, a complaint, or a decryption), after checking it."""
    permissions.require(actor, election.session.body_id, permissions.COUNT)
    if kind not in ROUNDS:
        raise InputProblem(f"Loại tệp '{kind}' không có", f"Unknown file kind '{kind}'")
    with transaction.atomic():
        election = locked(election)
        trustee = Trustee.objects.select_for_update().filter(election=election, index=index).first()
        if trustee is None:
            raise InputProblem(f"Không có thành viên số {index}", f"No trustee number {index}")
        if not isinstance(data, dict) or data.get("index") != trustee.index:
            raise InputProblem(
                f"Tệp này không phải của thành viên {trustee.index}",
                f"This file is not trustee {trustee.index}'s",
            )
        before = snapshot(election)
        session_id = str(election.public_id)
        params = _params(election)
        trustees = list(Trustee.objects.filter(election=election).order_by("index"))
        try:
            if kind == "decryption":
                _take_decryption(election, trustee, data)
            else:
                _take_ceremony_file(election, trustee, trustees, kind, data, session_id, params)
        except CryptoError as exc:
            raise _refused(exc, index) from exc
        trustee.save()
        election.save()
        audit(actor, f"evote.trustee.{kind}", election, before, trustee=index)
    return trustee


def _take_ceremony_file(
    election: Election,
    trustee: Trustee,
    trustees: list[Trustee],
    kind: str,
    data: Any,
    session_id: str,
    params: CeremonyParams,
) -> None:
    if election.stage != Stage.CEREMONY:
        raise WrongState("Việc tạo khóa đã xong", "The key ceremony is over")
    round1s = [t.round1 for t in trustees if t.round1 is not None]
    if kind == "round1":
        if any(t.round2 is not None for t in trustees):
            raise WrongState(
                "Vòng 2 đã bắt đầu: không thay tệp vòng 1 được nữa (làm lại việc tạo khóa)",
                "Round 2 has started: round-1 files can no longer change (restart the ceremony)",
            )
        ceremony_files.check_round1(session_id, params, data)
        trustee.round1 = data
        others = [t.round1 for t in trustees if t.round1 is not None and t.pk != trustee.pk]
        if len(others) + 1 == params.trustees:  # the set is complete: distinct box keys
            ceremony_files.check_round1s(session_id, params, [*others, data])
    elif kind == "round2":
        if len(round1s) < params.trustees:
            raise WrongState("Chưa đủ tệp vòng 1", "Not every round-1 file is in")
        if any(t.round3 is not None for t in trustees):
            raise WrongState(
                "Vòng 3 đã bắt đầu: không thay tệp vòng 2 được nữa",
                "Round 3 has started: round-2 files can no longer change",
            )
        ceremony_files.check_round2(session_id, params, round1s, data)
        trustee.round2 = data
    elif kind == "round3":
        if any(t.round2 is None for t in trustees):
            raise WrongState("Chưa đủ tệp vòng 2", "Not every round-2 file is in")
        if trustee.round3 is not None:
            raise WrongState("Thành viên này đã gửi vòng 3", "This trustee sent round 3 already")
        ceremony_files.check_round3(session_id, params, round1s, data)
        trustee.round3 = data
    else:  # a complaint: the ceremony fails and must be started again
        ceremony_files.check_complaint(session_id, params, data)
        trustee.complaint = data
        election.stage = Stage.FAILED
        return
    if kind == "round3" and all(t.round3 is not None or t.pk == trustee.pk for t in trustees):
        public_key, keys = ceremony_files.ceremony_result(session_id, params, round1s)
        election.public_key = public_key.to_bytes().hex()
        election.verification_keys = {str(j): key.to_bytes().hex() for j, key in keys.items()}
        election.stage = Stage.VOTING


def _take_decryption(election: Election, trustee: Trustee, data: Any) -> None:
    if election.stage != Stage.DECRYPTING:
        raise WrongState("Chưa đến lúc giải mã", "It is not time to decrypt")
    require_decryptable(election)  # a small channel only on the board's recorded decision
    board = board_of(election)
    tally_files.check_decryption(
        str(election.public_id),
        _params(election),
        board.ceremony.verification_key_map(),
        board.encrypted,
        board.context,
        data,
    )
    trustee.decryption = data
    shares = [t.decryption for t in election.trustee_set.exclude(pk=trustee.pk) if t.decryption]
    shares.append(data)
    if len(shares) >= election.threshold:
        election.counts = decrypted_counts(election, shares)
        election.stage = Stage.DECRYPTED


def ceremony_fingerprint(election: Election, round1s: list[Any]) -> str:
    """What the trustees read to each other before round 3 (docs/crypto.md, section 12): the
    server shows the same, so a server showing them different box keys is noticed."""
    session_id = str(election.public_id)
    checked = ceremony_files.check_round1s(session_id, _params(election), round1s)
    return ceremony_files.fingerprint(ceremony_files.round1_set_hash(session_id, checked))
