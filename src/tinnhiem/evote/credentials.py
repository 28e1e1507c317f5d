"""The voting codes: printed slips, remote invitations (e-mail or letter), voiding, and who
received a paper or an electronic ballot in a mixed session.

The codes exist only in what is printed or mailed; the server keeps their HMAC."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from tinnhiem.bodies.models import Body, BodyKind, Voter
from tinnhiem.core import permissions
from tinnhiem.core.errors import InputProblem
from tinnhiem.core.mail import require_mail
from tinnhiem.documents.slips_pdf import Letter, Slip, render_letters, render_slips
from tinnhiem.evote import codes
from tinnhiem.evote.common import (
    audit,
    locked,
    max_ballots,
    require_voting,
    snapshot,
)
from tinnhiem.evote.models import (
    CastBallot,
    ChannelGiven,
    Credential,
    CredentialKind,
    CredentialStatus,
    Election,
    PaperOrElectronic,
    SpoiledBallot,
)
from tinnhiem.votes.print_data import body_header


def _room_for_codes(election: Election, wanted: int) -> None:
    """Codes that can still vote (unused or used) never exceed the most ballots the session
    can count: the tally's encoding (crypto.md 4.3) depends on it."""
    live = (
        Credential.objects.filter(election=election).exclude(status=CredentialStatus.VOIDED).count()
    )
    if live + wanted > max_ballots(election):
        raise InputProblem(
            f"Chỉ còn phát được {max_ballots(election) - live} mã (tối đa {max_ballots(election)},"
            " bằng số thành viên)",
            f"Only {max_ballots(election) - live} more codes can be issued (at most "
            f"{max_ballots(election)}, the membership)",
        )


def _new_code(
    election: Election, kind: str, serial: int, booth_url: str, voter: Voter | None = None
) -> Slip:
    """A fresh one-time code: its HMAC stored, the code itself only in the returned slip."""
    code = codes.new_code()
    Credential.objects.create(
        election=election,
        code_hash=codes.code_hash(str(election.public_id), code),
        kind=kind,
        serial=serial,
        voter=voter,
    )
    return Slip(serial, code, f"{booth_url}#code={code}")


def _session_line(election: Election) -> str:
    session = election.session
    return f"{session.title} — {session.held_on:%d/%m/%Y}"


def _next_serial(election: Election) -> int:
    last = Credential.objects.filter(election=election).order_by("-serial").first()
    return (last.serial if last else 0) + 1


def slips_issue(*, actor: Any, election: Election, count: int, booth_url: str) -> bytes:
    """Print `count` slips: the codes exist only in the returned PDF; the server keeps HMACs."""
    permissions.require(actor, election.session.body_id, permissions.COUNT)
    if not 1 <= count <= 5000:
        raise InputProblem("Số phiếu mã phải từ 1 đến 5000", "Print between 1 and 5000 slips")
    with transaction.atomic():
        election = locked(election)
        require_voting(election)
        _room_for_codes(election, count)
        before = snapshot(election)
        serial = _next_serial(election)
        slips = [
            _new_code(election, CredentialKind.SLIP, serial + offset, booth_url)
            for offset in range(count)
        ]
        audit(actor, "evote.slips", election, before, printed=count, first=serial)
    body = election.session.body
    return render_slips(body.name, _session_line(election), slips, is_party=_is_party(body))


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
    require_mail()  # never a code in a log: no console or file backend
    for voter in voters:
        address = emails.get(voter.pk, "").strip()
        if not address or "@" not in address:
            raise InputProblem(
                f"Thiếu địa chỉ thư của {voter.full_name}",
                f"No e-mail address for {voter.full_name}",
            )
    outgoing: list[tuple[str, str, str]] = []
    with transaction.atomic():
        election = locked(election)
        require_voting(election)
        fresh = [
            v for v in voters if not Credential.objects.filter(election=election, voter=v).exists()
        ]
        _room_for_codes(election, len(fresh))
        before = snapshot(election)
        serial = _next_serial(election)
        for offset, voter in enumerate(fresh):
            slip = _new_code(election, CredentialKind.INVITATION, serial + offset, booth_url, voter)
            text = _invitation_text(election, voter, slip.url, slip.code)
            outgoing.append((emails[voter.pk].strip(), election.session.title, text))
        audit(actor, "evote.invitations", election, before, sent=len(outgoing))

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
        election = locked(election)
        require_voting(election)
        _room_for_codes(election, len(voters))
        before = snapshot(election)
        serial = _next_serial(election)
        letters: list[Letter] = []
        for voter in voters:
            if Credential.objects.filter(election=election, voter=voter).exists():
                raise InputProblem(
                    f"{voter.full_name} đã được mời", f"{voter.full_name} is invited already"
                )
            slip = _new_code(
                election, CredentialKind.INVITATION, serial + len(letters), booth_url, voter
            )
            letters.append(Letter(voter.full_name, slip))
        audit(actor, "evote.letters", election, before, printed=len(letters))
    body = election.session.body
    return render_letters(
        body.name,
        _session_line(election),
        letters,
        is_party=_is_party(body),
        header=body_header(election.session),
        dated=timezone.localdate(),
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
        election = locked(election)
        require_voting(election)
        before = snapshot(election)
        updated = Credential.objects.filter(
            election=election, serial=serial, status=CredentialStatus.ISSUED
        ).update(status=CredentialStatus.VOIDED)
        if updated != 1:
            raise InputProblem(
                f"Không có mã số {serial} chưa dùng để hủy",
                f"There is no unused code number {serial} to void",
            )
        audit(actor, "evote.void", election, before, serial=serial, reason=reason.strip())
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
        election = locked(election)
        before = snapshot(election)
        given, _ = ChannelGiven.objects.update_or_create(
            election=election, voter=voter, defaults={"channel": channel}
        )
        audit(actor, "evote.channel", election, before, voter=voter.pk, channel=channel)
    return given


def _is_party(body: Body) -> bool:
    """A Party committee addresses its members as "đồng chí"; a state body, "ông/bà"."""
    return body.kind == BodyKind.PARTY_COMMITTEE
