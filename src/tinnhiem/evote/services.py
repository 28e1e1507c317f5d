"""The electronic ballot's services: set-up, the trustees' ceremony, credentials, casting,
challenging, closing the ballot box, decryption and the election record.

Every service that changes state runs in one transaction and writes its audit row there. The
voter's services (check a code, cast, challenge) write audit rows that name neither the code,
the credential nor the ballot: the log must not link a voter to a ballot.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from tinnhiem.audit.services import record
from tinnhiem.ballotcrypto import ceremony_files, tally_files
from tinnhiem.ballotcrypto import election as pure
from tinnhiem.ballotcrypto.errors import CryptoError
from tinnhiem.ballotcrypto.group import Point
from tinnhiem.ballotcrypto.trustees import CeremonyParams
from tinnhiem.bodies.models import Voter
from tinnhiem.core import permissions
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.documents.slips_pdf import Letter, Slip, render_letters, render_slips
from tinnhiem.evote import codes
from tinnhiem.evote.models import (
    CastBallot,
    ChannelGiven,
    Credential,
    CredentialKind,
    CredentialStatus,
    Election,
    PaperOrElectronic,
    SpoiledBallot,
    Stage,
    Trustee,
)
from tinnhiem.votes.models import SessionStatus, VoteSession
from tinnhiem.votes.results import voted_on

ROUNDS = ("round1", "round2", "round3", "complaint", "decryption")
MAX_SPOILS = 5


class VoterError(InputProblem):
    """A refusal shown to a voter in the booth (code unknown, used, voided; bad ballot)."""


def _locked(election: Election) -> Election:
    return Election.objects.select_for_update().select_related("session").get(pk=election.pk)


def _snapshot(election: Election) -> dict[str, Any]:
    return {
        "stage": election.stage,
        "trustees": election.trustees,
        "threshold": election.threshold,
        "public_key": election.public_key,
        "record_head": election.record_head,
    }


def _audit(
    actor: Any, action: str, election: Election, before: dict[str, Any] | None, **extra: Any
) -> None:
    record(
        actor=actor,
        action=action,
        obj=election,
        body_id=election.session.body_id,
        before=before,
        after=_snapshot(election) | extra,
    )


def manifest_of(election: Election) -> pure.Manifest:
    return pure.Manifest.from_dict(election.manifest)


def public_key_of(election: Election) -> Point:
    return Point.from_bytes(bytes.fromhex(election.public_key))


# set-up ---------------------------------------------------------------------------------------


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
    )


def election_setup(
    *, actor: Any, session: VoteSession, trustee_names: Sequence[str], threshold: int
) -> Election:
    """Start the electronic channel of an open session: the trustees and the manifest."""
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
            _audit(actor, "evote.restart", existing, _snapshot(existing))
            existing.delete()
        election = Election(session=session, trustees=len(names), threshold=threshold, manifest={})
        manifest = build_manifest(session, str(election.public_id), names, threshold)
        election.manifest = manifest.to_dict()
        election.save()
        for index, name in enumerate(names, start=1):
            Trustee.objects.create(election=election, index=index, full_name=name)
        _audit(actor, "evote.setup", election, None)
    return election


# the trustees' ceremony and decryption --------------------------------------------------------


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
        election = _locked(election)
        trustee = Trustee.objects.select_for_update().filter(election=election, index=index).first()
        if trustee is None:
            raise InputProblem(f"Không có thành viên số {index}", f"No trustee number {index}")
        before = _snapshot(election)
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
        _audit(actor, f"evote.trustee.{kind}", election, before, trustee=index)
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
    if not isinstance(data, dict) or data.get("index") != trustee.index:
        raise InputProblem(
            f"Tệp này không phải của thành viên {trustee.index}",
            f"This file is not trustee {trustee.index}'s",
        )
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
    from tinnhiem.evote.records import board_of, decrypted_counts

    if election.stage != Stage.DECRYPTING:
        raise WrongState("Chưa đến lúc giải mã", "It is not time to decrypt")
    board = board_of(election)
    tally_files.check_decryption(
        str(election.public_id),
        _params(election),
        board.ceremony.verification_key_map(),
        board.encrypted,
        board.context,
        data,
    )
    if data.get("index") != trustee.index:
        raise InputProblem(
            f"Tệp này không phải của thành viên {trustee.index}",
            f"This file is not trustee {trustee.index}'s",
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


# credentials ----------------------------------------------------------------------------------


def _room_for_codes(election: Election, wanted: int) -> None:
    """Codes that can still vote (unused or used) never exceed the most ballots the session
    can count: the tally's encoding (crypto.md 4.3) depends on it."""
    live = (
        Credential.objects.filter(election=election).exclude(status=CredentialStatus.VOIDED).count()
    )
    if live + wanted > _max_ballots(election):
        raise InputProblem(
            f"Chỉ còn phát được {_max_ballots(election) - live} mã (tối đa {_max_ballots(election)},"
            " bằng số thành viên)",
            f"Only {_max_ballots(election) - live} more codes can be issued (at most "
            f"{_max_ballots(election)}, the membership)",
        )


def _next_serial(election: Election) -> int:
    last = Credential.objects.filter(election=election).order_by("-serial").first()
    return (last.serial if last else 0) + 1


def _require_voting(election: Election) -> None:
    if election.stage != Stage.VOTING:
        raise WrongState(
            "Hòm phiếu điện tử không mở (chưa tạo xong khóa hoặc đã đóng)",
            "The electronic ballot box is not open (no key yet, or closed)",
        )


def slips_issue(*, actor: Any, election: Election, count: int, booth_url: str) -> bytes:
    """Print `count` slips: the codes exist only in the returned PDF; the server keeps HMACs."""
    permissions.require(actor, election.session.body_id, permissions.COUNT)
    if not 1 <= count <= 5000:
        raise InputProblem("Số phiếu mã phải từ 1 đến 5000", "Print between 1 and 5000 slips")
    with transaction.atomic():
        election = _locked(election)
        _require_voting(election)
        _room_for_codes(election, count)
        before = _snapshot(election)
        serial = _next_serial(election)
        slips = []
        for offset in range(count):
            code = codes.new_code()
            Credential.objects.create(
                election=election,
                code_hash=codes.code_hash(str(election.public_id), code),
                kind=CredentialKind.SLIP,
                serial=serial + offset,
            )
            slips.append(Slip(serial + offset, code, f"{booth_url}#code={code}"))
        _audit(actor, "evote.slips", election, before, printed=count, first=serial)
    session = election.session
    return render_slips(session.body.name, f"{session.title} — {session.held_on:%d/%m/%Y}", slips)


def invitations_send(
    *,
    actor: Any,
    election: Election,
    booth_url: str,
    voters: Sequence[Voter],
    emails: dict[int, str],
) -> int:
    """One invitation per voter (e-mail), each with its own code; returns how many were sent.

    Every address is checked before anything is saved, and the mails leave only once the codes
    are committed (a failure leaves no code without its mail, and no mail without its code).
    """
    permissions.require(actor, election.session.body_id, permissions.ORGANISE)
    for voter in voters:
        address = emails.get(voter.pk, "").strip()
        if not address or "@" not in address:
            raise InputProblem(
                f"Thiếu địa chỉ thư của {voter.full_name}",
                f"No e-mail address for {voter.full_name}",
            )
    outgoing: list[tuple[str, str, str]] = []
    with transaction.atomic():
        election = _locked(election)
        _require_voting(election)
        fresh = [
            v for v in voters if not Credential.objects.filter(election=election, voter=v).exists()
        ]
        _room_for_codes(election, len(fresh))
        before = _snapshot(election)
        serial = _next_serial(election)
        for offset, voter in enumerate(fresh):
            code = codes.new_code()
            Credential.objects.create(
                election=election,
                code_hash=codes.code_hash(str(election.public_id), code),
                kind=CredentialKind.INVITATION,
                serial=serial + offset,
                voter=voter,
            )
            text = _invitation_text(election, voter, f"{booth_url}#code={code}", code)
            outgoing.append((emails[voter.pk].strip(), election.session.title, text))
        _audit(actor, "evote.invitations", election, before, sent=len(outgoing))

        def send() -> None:
            for address, title, text in outgoing:
                send_mail(f"Mời bỏ phiếu điện tử: {title}", text, None, [address])

        transaction.on_commit(send)
    return len(outgoing)


def letters_issue(
    *, actor: Any, election: Election, booth_url: str, voters: Sequence[Voter]
) -> bytes:
    """Printed invitations: one letter per voter (PDF), each with a code of its own."""
    permissions.require(actor, election.session.body_id, permissions.ORGANISE)
    if not voters:
        raise InputProblem("Chưa chọn người nhận thư", "No voter is ticked")
    with transaction.atomic():
        election = _locked(election)
        _require_voting(election)
        _room_for_codes(election, len(voters))
        before = _snapshot(election)
        serial = _next_serial(election)
        letters: list[Letter] = []
        for voter in voters:
            if Credential.objects.filter(election=election, voter=voter).exists():
                raise InputProblem(
                    f"{voter.full_name} đã được mời", f"{voter.full_name} is invited already"
                )
            code = codes.new_code()
            Credential.objects.create(
                election=election,
                code_hash=codes.code_hash(str(election.public_id), code),
                kind=CredentialKind.INVITATION,
                serial=serial + len(letters),
                voter=voter,
            )
            slip = Slip(serial + len(letters), code, f"{booth_url}#code={code}")
            letters.append(Letter(voter.full_name, slip))
        _audit(actor, "evote.letters", election, before, printed=len(letters))
    session = election.session
    return render_letters(
        session.body.name, f"{session.title} — {session.held_on:%d/%m/%Y}", letters
    )


def _invitation_text(election: Election, voter: Voter, url: str, code: str) -> str:
    session = election.session
    return (
        f"Kính gửi {voter.full_name},\n\n"
        f"{session.body.name} mời đồng chí bỏ phiếu điện tử: {session.title}.\n"
        f"Mở đường dẫn sau (mã dùng một lần, đã nằm trong đường dẫn):\n{url}\n\n"
        f"Hoặc mở trang bỏ phiếu và nhập mã: {code}\n"
        "Phiếu được mã hóa trên thiết bị của đồng chí trước khi gửi đi; máy chủ không biết "
        "đồng chí chọn gì. Sau khi bỏ phiếu, hãy giữ mã theo dõi để tra cứu trên bảng công khai.\n"
        "\n(English: you are invited to vote electronically; open the link above.)\n"
    )


def credential_void(*, actor: Any, election: Election, serial: int, reason: str) -> Credential:
    """Void a lost or unused code by the serial number printed on its slip."""
    permissions.require(actor, election.session.body_id, permissions.COUNT)
    if not reason.strip():
        raise InputProblem("Cần ghi lý do hủy mã", "A reason for voiding is required")
    with transaction.atomic():
        election = _locked(election)
        _require_voting(election)
        before = _snapshot(election)
        updated = Credential.objects.filter(
            election=election, serial=serial, status=CredentialStatus.ISSUED
        ).update(status=CredentialStatus.VOIDED)
        if updated != 1:
            raise InputProblem(
                f"Không có mã số {serial} chưa dùng để hủy",
                f"There is no unused code number {serial} to void",
            )
        _audit(actor, "evote.void", election, before, serial=serial, reason=reason.strip())
    return Credential.objects.get(election=election, serial=serial)


def credential_figures(election: Election) -> dict[str, int]:
    rows = Credential.objects.filter(election=election)
    return {
        "issued": rows.count(),
        "used": rows.filter(status=CredentialStatus.USED).count(),
        "voided": rows.filter(status=CredentialStatus.VOIDED).count(),
        "spoiled": SpoiledBallot.objects.filter(election=election).count(),
        "ballots": CastBallot.objects.filter(election=election).count(),
    }


def channel_record(*, actor: Any, election: Election, voter: Voter, channel: str) -> ChannelGiven:
    """In a mixed session, note that a voter present received a paper or an electronic ballot."""
    permissions.require(actor, election.session.body_id, permissions.COUNT)
    if channel not in PaperOrElectronic.values:
        raise InputProblem(f"Hình thức '{channel}' không có", f"Unknown channel '{channel}'")
    with transaction.atomic():
        election = _locked(election)
        before = _snapshot(election)
        given, _ = ChannelGiven.objects.update_or_create(
            election=election, voter=voter, defaults={"channel": channel}
        )
        _audit(actor, "evote.channel", election, before, voter=voter.pk, channel=channel)
    return given


# the voter ------------------------------------------------------------------------------------


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
    _require_voting(election)
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


def ballot_cast(*, election: Election, code: str, data: Any) -> CastBallot:
    """Check the code, then the ballot's proofs, then in one transaction spend the code and
    store the ballot.

    The code is spent by a conditional UPDATE (issued → used): under any concurrency one
    request wins and the others see 0 rows and are refused; a replayed or challenged ballot
    hits its hash. Nothing of the code goes with the ballot row, no audit row is written per
    ballot, and at the close both tables are rewritten (`_forget_cast_order`), so that no
    stored trace — not even PostgreSQL's row versions — links a code to a ballot.
    """
    _require_voting(election)
    hashed = _spent_code(election, code)  # cheap refusals before the proofs are checked
    accepted = _accepted(election, data)
    try:
        with transaction.atomic():
            election = _locked(election)
            _require_voting(election)
            if SpoiledBallot.objects.filter(election=election, ballot_hash=accepted.hash).exists():
                raise VoterError(
                    "Phiếu này đã được mở để kiểm tra nên không bỏ được; hãy mã hóa lại",
                    "This ballot was opened by a challenge and cannot be cast; encrypt again",
                )
            if CastBallot.objects.filter(election=election).count() >= _max_ballots(election):
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
    except IntegrityError as exc:
        raise VoterError(
            "Phiếu này đã được bỏ (trùng hoàn toàn), không được tính lần nữa",
            "This exact ballot was already cast; it is not counted again",
        ) from exc
    return ballot


def _max_ballots(election: Election) -> int:
    return int(election.manifest["max_ballots"])


def ballot_spoil(*, election: Election, code: str, data: Any, opening: Any) -> SpoiledBallot:
    """Publish a challenged ballot with its opening; the code is not spent.

    At most MAX_SPOILS challenges per code, counted in the cache (never stored with the code:
    an invitation's code names its voter, and the opened choices are published).
    """
    _require_voting(election)
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
    if (cache.get(counter) or 0) >= MAX_SPOILS:
        raise VoterError(
            f"Mỗi mã chỉ được kiểm tra phiếu {MAX_SPOILS} lần",
            f"A code may challenge at most {MAX_SPOILS} ballots",
        )
    try:
        with transaction.atomic():
            election = _locked(election)
            _require_voting(election)
            _credential(election, code)
            if CastBallot.objects.filter(election=election, ballot_hash=accepted.hash).exists():
                raise VoterError(
                    "Phiếu này đã được bỏ vào hòm, không mở được", "This ballot is cast already"
                )
            spoiled = SpoiledBallot.objects.create(
                election=election,
                ballot_hash=accepted.hash,
                tracking_code=accepted.tracking_code,
                data=accepted.data,
                opening=opening,
            )
    except IntegrityError as exc:
        raise VoterError("Phiếu này đã được công bố", "This ballot is published already") from exc
    cache.set(counter, (cache.get(counter) or 0) + 1, 24 * 3600)
    return spoiled


def _forget_cast_order(election: Election) -> None:
    """Rewrite the ballots (sorted by hash, new random keys) and touch every credential in one
    transaction, so that no row keeps the version, place or key it got when its ballot was
    cast; on PostgreSQL the old row versions are then vacuumed away (after the commit)."""
    rows = list(CastBallot.objects.filter(election=election).order_by("ballot_hash"))
    CastBallot.objects.filter(election=election).delete()
    CastBallot.objects.bulk_create(
        CastBallot(
            election=election,
            ballot_hash=row.ballot_hash,
            tracking_code=row.tracking_code,
            data=row.data,
        )
        for row in rows
    )
    spoiled = list(SpoiledBallot.objects.filter(election=election).order_by("ballot_hash"))
    SpoiledBallot.objects.filter(election=election).delete()
    SpoiledBallot.objects.bulk_create(
        SpoiledBallot(
            election=election,
            ballot_hash=row.ballot_hash,
            tracking_code=row.tracking_code,
            data=row.data,
            opening=row.opening,
        )
        for row in spoiled
    )
    Credential.objects.filter(election=election).update(status=F("status"))
    if connection.vendor == "postgresql":
        transaction.on_commit(_vacuum)


def _vacuum() -> None:
    with connection.cursor() as cursor:
        for model in (CastBallot, SpoiledBallot, Credential):
            cursor.execute(f'VACUUM FULL "{model._meta.db_table}"')


# closing --------------------------------------------------------------------------------------


def voting_close(actor: Any, session: VoteSession) -> None:
    """Close the electronic ballot box (called when the count starts, inside its transaction).

    Electronic only: the board is chained and the encrypted tally published for the trustees.
    Mixed: the board waits for the paper count to be fixed (`paper_fix`), so that the paper
    count cannot be changed once the electronic result is known.
    """
    from tinnhiem.evote.records import build_board

    election = Election.objects.filter(session=session).first()
    if election is None:
        raise WrongState(
            "Chưa tạo phiếu điện tử cho đợt này", "The electronic ballot is not set up"
        )
    election = _locked(election)
    _require_voting(election)
    before = _snapshot(election)
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
    _audit(actor, "evote.close", election, before, **figures)


def paper_fix(*, actor: Any, session: VoteSession) -> Election:
    """Mixed session: fix the paper count on the board and publish the encrypted tally."""
    from tinnhiem.evote.records import build_board, paper_channel
    from tinnhiem.votes.counting import paper_lines
    from tinnhiem.votes.profiles import session_profile

    permissions.require(actor, session.body_id, permissions.COUNT)
    with transaction.atomic():
        session = VoteSession.objects.select_for_update().get(pk=session.pk)
        if session.status != SessionStatus.COUNTING:
            raise WrongState("Chỉ chốt khi đang kiểm phiếu", "Fix the paper count while counting")
        election = _locked(Election.objects.get(session=session))
        if election.stage != Stage.PAPER:
            raise WrongState(
                "Kết quả phiếu giấy đã được chốt hoặc chưa đến lúc",
                "The paper count is fixed already, or it is not time yet",
            )
        before = _snapshot(election)
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
        _audit(actor, "evote.paper_fixed", election, before, collected=session.collected)
    return election
