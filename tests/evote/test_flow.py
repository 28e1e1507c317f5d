"""An electronic session end to end through the services: ceremony, codes, casting, a
challenged ballot, a voided code, closing, decryption by 2 of 3 trustees, the result through
the rule engine, and the record that `tinnhiem verify` accepts."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core import mail
from pypdf import PdfReader
from tests.evote.conftest import ballot_for, decrypt, make_session, print_codes, run_ceremony
from tests.readback import pdf_text

from tinnhiem.audit.models import AuditEvent
from tinnhiem.ballotcrypto import election as pure
from tinnhiem.ballotcrypto.canonical import parse_json
from tinnhiem.ballotcrypto.verify import verify_record
from tinnhiem.bodies.models import Voter
from tinnhiem.core.errors import CountNotReady, DomainError
from tinnhiem.evote import services as evote
from tinnhiem.evote.models import CastBallot, Credential, Election, SpoiledBallot, Stage
from tinnhiem.votes import counting, services
from tinnhiem.votes.models import Channel, CountMode
from tinnhiem.votes.printing import document
from tinnhiem.votes.results import results_report, session_result

CODE_RE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")
CHOICES = [[0, 0, 2, 1], [0, 1, 2, 1], [0, 0, 2, 0], [1, 0, 2, 2], [0, 2, 2, 1]]


def test_a_whole_electronic_session(electronic: Any, users: dict[str, Any]) -> None:
    election, board = electronic
    assert election.stage == Stage.VOTING and len(election.public_key) == 64
    round1s = [t.round1 for t in election.trustee_set.all()]
    assert len(evote.ceremony_fingerprint(election, round1s)) == 39
    codes = print_codes(election, users["board1"], 7)
    tracking = []
    for code, choices in zip(codes, CHOICES, strict=False):
        data, _ = ballot_for(election, choices)
        tracking.append(evote.ballot_cast(election=election, code=code, data=data).tracking_code)
    # a challenged ballot: published, opened, not counted; its code still votes afterwards
    data, opening = ballot_for(election, [2, 2, 2, 2])
    spoiled = evote.ballot_spoil(election=election, code=codes[5], data=data, opening=opening)
    assert spoiled.tracking_code == pure.tracking_code(pure.ballot_hash(data))
    evote.credential_void(actor=users["board1"], election=election, serial=7, reason="Mất phiếu mã")
    with pytest.raises(DomainError, match=r"hủy|voided"):
        evote.ballot_cast(
            election=election, code=codes[6], data=ballot_for(election, CHOICES[0])[0]
        )
    # the ballot box closes when the count starts; the trustees then decrypt, 2 of 3 suffice
    session = services.counting_start(actor=users["board1"], session=election.session)
    election.refresh_from_db()
    assert election.stage == Stage.DECRYPTING
    with pytest.raises(CountNotReady):
        counting.count_close(actor=users["board1"], session=session)
    # 5 ballots, under the minimum of 10: decrypted only on the board's recorded decision
    with pytest.raises(DomainError, match="under the minimum of 10"):
        decrypt(election, board, users["board2"], [1])
    evote.small_channel_decide(
        actor=users["board2"], election=election, reason="Ban kiểm phiếu thống nhất giải mã"
    )
    decrypt(election, board, users["board2"], [1, 3])
    election.refresh_from_db()
    assert election.stage == Stage.DECRYPTED
    session = counting.count_close(actor=users["board1"], session=session)
    result = session_result(session)
    expected = [[sum(c[p] == lvl for c in CHOICES) for lvl in range(3)] for p in range(4)]
    assert [list(p.counts.values()) for p in result.people] == expected
    assert result.collected == 5 and result.issued == 6  # 7 codes printed, 1 voided
    # the record verifies independently and states the same counts
    election.refresh_from_db()
    verified = verify_record(parse_json(election.record))
    assert verified.head == election.record_head
    assert [list(p) for p in verified.counts] == expected
    info = results_report(session).session
    labels = dict(info.channels)
    assert labels["Số mã đã dùng"] == "5" and labels["Số mã đã hủy"] == "1"
    assert labels["Số phiếu điện tử kiểm tra (công khai, không tính)"] == "1"
    decided = "Quyết định của Ban kiểm phiếu giải mã 5 phiếu điện tử (dưới mức tối thiểu 10)"
    assert labels[decided] == "Ban kiểm phiếu thống nhất giải mã — board2"
    assert sorted(CastBallot.objects.values_list("tracking_code", flat=True)) == sorted(tracking)
    minutes = pdf_text(document(session, "minutes", "pdf")[0])
    assert "Số phiếu hợp lệ: 5;" in minutes and "Số phiếu không hợp lệ: 0;" in minutes


def test_secrecy_by_construction(electronic: Any, users: dict[str, Any]) -> None:
    election, _ = electronic
    ballot_fields = {f.name for f in CastBallot._meta.get_fields()}
    assert ballot_fields == {"id", "election", "ballot_hash", "tracking_code", "data"}
    credential_fields = {f.name for f in Credential._meta.get_fields()}
    assert not credential_fields & {"ballot", "cast_at", "used_at", "created_at"}
    code = print_codes(election, users["board1"], 1)[0]
    data, opening = ballot_for(election, [0, 1, 2, 0])
    evote.ballot_spoil(election=election, code=code, data=data, opening=opening)
    data, _ = ballot_for(election, [0, 1, 2, 0])
    cast = evote.ballot_cast(election=election, code=code, data=data)
    assert isinstance(cast.ballot.pk, type(election.public_id))  # a random key, not a sequence
    # no audit row per cast or challenge (it would date each ballot); the close logs counts
    assert not AuditEvent.objects.filter(action__in=["evote.cast", "evote.spoil"]).exists()
    services.counting_start(actor=users["board1"], session=election.session)
    close = AuditEvent.objects.get(action="evote.close")
    assert close.after["ballots"] == 1 and close.after["used"] == 1
    logged = " ".join(f"{e.before} {e.after} {e.object_id}" for e in AuditEvent.objects.all())
    assert code not in logged and cast.ballot_hash not in logged
    assert cast.tracking_code not in logged
    # the close rewrote the ballot rows: a new random key, same content
    rewritten = CastBallot.objects.get()
    assert rewritten.pk != cast.ballot.pk and rewritten.ballot_hash == cast.ballot_hash
    stored = Credential.objects.get(election=election)
    assert code not in stored.code_hash and code.replace("-", "") not in stored.code_hash


def test_bad_ballots_are_refused_and_nothing_is_stored(
    electronic: Any, users: dict[str, Any]
) -> None:
    election, _ = electronic
    code = print_codes(election, users["board1"], 1)[0]
    data, _ = ballot_for(election, [0, 1, 2, 0])
    forged = {**data, "marks": [data["marks"][1], data["marks"][0], *data["marks"][2:]]}
    other_session = {**data, "session": "00000000-0000-0000-0000-000000000000"}
    for bad in (forged, other_session, {"v": "nonsense"}, None):
        with pytest.raises(DomainError, match="từ chối"):
            evote.ballot_cast(election=election, code=code, data=bad)
    assert not CastBallot.objects.exists()
    assert Credential.objects.get().status == "issued"  # the code was not spent
    evote.ballot_cast(election=election, code=code.lower().replace("-", " "), data=data)
    with pytest.raises(DomainError, match="đã được dùng"):
        evote.ballot_cast(election=election, code=code, data=ballot_for(election, [0, 0, 0, 0])[0])
    with pytest.raises(DomainError, match="không đúng"):
        evote.code_check(election=election, code="AAAA-BBBB-CCCC-DDDD")
    # a ballot replayed with another valid code is refused (same hash)
    second = print_codes(election, users["board1"], 1)[0]
    with pytest.raises(DomainError, match="trùng"):
        evote.ballot_cast(election=election, code=second, data=data)
    assert Credential.objects.get(status="issued").pk  # the second code is still unused
    assert CastBallot.objects.count() == 1


def test_a_spoil_that_does_not_open_its_ballot_is_refused(
    electronic: Any, users: dict[str, Any]
) -> None:
    election, _ = electronic
    code = print_codes(election, users["board1"], 1)[0]
    data, opening = ballot_for(election, [0, 1, 2, 0])
    lying = {**opening, "choices": [1, 1, 2, 0]}
    with pytest.raises(DomainError):
        evote.ballot_spoil(election=election, code=code, data=data, opening=lying)
    assert not SpoiledBallot.objects.exists()


def test_only_the_board_runs_the_ceremony_and_prints_codes(
    body: Any, users: dict[str, Any]
) -> None:
    session = make_session(body, users, Channel.ELECTRONIC)
    with pytest.raises(DomainError):
        evote.election_setup(
            actor=users["board1"], session=session, trustee_names=["A"], threshold=1
        )
    election = evote.election_setup(
        actor=users["organiser"], session=session, trustee_names=["A", "B"], threshold=2
    )
    for who in ("observer", "organiser", "stranger"):
        with pytest.raises(DomainError):
            run_ceremony(election, users[who])
    with pytest.raises(DomainError):  # no key yet: no codes
        print_codes(election, users["board1"], 1)


def test_a_mixed_session_adds_paper_and_electronic(body: Any, users: dict[str, Any]) -> None:
    session = make_session(body, users, Channel.MIXED)
    services.count_mode_set(actor=users["board1"], session=session, count_mode=CountMode.AGGREGATE)
    election = evote.election_setup(
        actor=users["organiser"],
        session=session,
        trustee_names=["A", "B"],
        threshold=1,
        expected_electronic=10,
    )
    board = run_ceremony(election, users["board1"])
    election.refresh_from_db()
    codes = print_codes(election, users["board1"], 3)
    for code, choices in zip(codes, CHOICES, strict=False):
        evote.ballot_cast(election=election, code=code, data=ballot_for(election, choices)[0])
    services.figures_set(actor=users["organiser"], session=session, issued=4, collected=4)
    session = services.counting_start(actor=users["board1"], session=session)
    paper = {"high": 2, "confidence": 1, "low": 1}
    counting.aggregate_record(
        actor=users["board1"],
        session=session,
        rows={c.pk: (paper, 0) for c in session.candidates.all()},
    )
    election.refresh_from_db()
    assert election.stage == Stage.PAPER
    with pytest.raises(DomainError):  # no tally to decrypt before the paper count is fixed
        decrypt(election, board, users["board1"], [2])
    evote.paper_fix(actor=users["board1"], session=session)
    evote.small_channel_decide(actor=users["board1"], election=election, reason="Đã báo trước")
    decrypt(election, board, users["board1"], [2])
    session = counting.count_close(actor=users["board1"], session=session)
    result = session_result(session)
    assert result.collected == 7 and result.issued == 7
    minutes = pdf_text(document(session, "minutes", "pdf")[0])  # a hand tally gave no figure
    assert "Số phiếu hợp lệ: 7;" in minutes and "Số phiếu không hợp lệ: 0;" in minutes
    electronic = [[sum(c[p] == lvl for c in CHOICES[:3]) for lvl in range(3)] for p in range(4)]
    assert [list(p.counts.values()) for p in result.people] == [
        [e[0] + 2, e[1] + 1, e[2] + 1] for e in electronic
    ]
    election = Election.objects.get(pk=election.pk)
    verified = verify_record(parse_json(election.record))
    assert verified.head == election.record_head


def test_remote_invitations_by_mail_and_by_letter(
    electronic: Any, users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    election, _ = electronic
    voters = list(Voter.objects.filter(body=election.session.body).order_by("pk")[:3])
    with pytest.raises(DomainError, match="Thiếu địa chỉ"):  # nothing saved, nothing sent
        evote.invitations_send(
            actor=users["organiser"],
            election=election,
            booth_url="x",
            voters=voters[:2],
            emails={voters[0].pk: "a@example.org"},
        )
    assert not Credential.objects.exists() and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):  # the mails leave after the commit
        sent = evote.invitations_send(
            actor=users["organiser"],
            election=election,
            booth_url="https://example.org/e/x/",
            voters=voters[:2],
            emails={voters[0].pk: "a@example.org", voters[1].pk: "b@example.org"},
        )
    assert sent == 2 and [m.to for m in mail.outbox] == [["a@example.org"], ["b@example.org"]]
    code = re.search(r"#code=([0-9A-Z-]{19})", mail.outbox[0].body).group(1)  # type: ignore[union-attr]
    assert voters[0].full_name in mail.outbox[0].body
    pdf = evote.letters_issue(
        actor=users["organiser"],
        election=election,
        booth_url="https://example.org/e/x/",
        voters=[voters[2]],
    )
    letter = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert voters[2].full_name in letter and len(CODE_RE.findall(letter)) == 1
    with pytest.raises(DomainError, match="đã được mời"):
        evote.letters_issue(
            actor=users["organiser"], election=election, booth_url="x", voters=[voters[2]]
        )
    evote.ballot_cast(election=election, code=code, data=ballot_for(election, [0, 0, 0, 0])[0])
    invited = Credential.objects.filter(election=election, voter__isnull=False)
    assert sorted(invited.values_list("status", flat=True)) == ["issued", "issued", "used"]
    # who voted is known (the invitation was used); which ballot is theirs is not
    assert not {f.name for f in CastBallot._meta.get_fields()} & {"voter", "credential"}


def test_a_challenged_ballot_cannot_be_cast_nor_a_cast_one_challenged(
    electronic: Any, users: dict[str, Any]
) -> None:
    election, _ = electronic
    first, second = print_codes(election, users["board1"], 2)
    data, opening = ballot_for(election, [0, 1, 2, 0])
    evote.ballot_spoil(election=election, code=first, data=data, opening=opening)
    with pytest.raises(DomainError, match="mở để kiểm tra"):
        evote.ballot_cast(election=election, code=first, data=data)
    data, opening = ballot_for(election, [2, 2, 2, 2])
    evote.ballot_cast(election=election, code=second, data=data)
    with pytest.raises(DomainError, match="đã được dùng"):  # the code is spent
        evote.ballot_spoil(election=election, code=second, data=data, opening=opening)
    with pytest.raises(DomainError, match="bỏ vào hòm"):  # another code: still refused
        evote.ballot_spoil(election=election, code=first, data=data, opening=opening)


def test_no_more_codes_nor_ballots_than_the_membership(
    body: Any, users: dict[str, Any], settings: Any
) -> None:
    settings.TINNHIEM_EVOTE_MIN_BALLOTS = 1
    session = make_session(body, users, Channel.ELECTRONIC, members=3)
    election = evote.election_setup(
        actor=users["organiser"], session=session, trustee_names=["A"], threshold=1
    )
    run_ceremony(election, users["board1"])
    election.refresh_from_db()
    assert election.manifest["max_ballots"] == 3
    codes = print_codes(election, users["board1"], 3)
    with pytest.raises(DomainError, match="Chỉ còn phát được 0 mã"):
        print_codes(election, users["board1"], 1)
    evote.credential_void(actor=users["board1"], election=election, serial=3, reason="Hỏng")
    print_codes(election, users["board1"], 1)  # a voided code frees its place
    for code in codes[:2]:
        evote.ballot_cast(election=election, code=code, data=ballot_for(election, [0, 0, 0, 0])[0])


def test_the_ceremony_cannot_be_rewritten_once_the_next_round_started(
    body: Any, users: dict[str, Any]
) -> None:
    from tests.evote.trustees import Board

    session = make_session(body, users, Channel.ELECTRONIC)
    election = evote.election_setup(
        actor=users["organiser"], session=session, trustee_names=["A", "B"], threshold=2
    )
    honest = Board(str(election.public_id), 2, 2)
    attacker = Board(str(election.public_id), 2, 2)
    board1 = users["board1"]
    for i in (1, 2):
        evote.trustee_upload(
            actor=board1, election=election, index=i, kind="round1", data=honest.round1(i)
        )
    evote.trustee_upload(
        actor=board1, election=election, index=1, kind="round1", data=attacker.round1(1)
    )  # still round 1: a trustee may resend
    round1s = [t.round1 for t in election.trustee_set.all()]
    evote.trustee_upload(
        actor=board1, election=election, index=1, kind="round2", data=attacker.round2(1, round1s)
    )
    with pytest.raises(DomainError, match="Vòng 2 đã bắt đầu"):
        evote.trustee_upload(
            actor=board1, election=election, index=2, kind="round1", data=attacker.round1(2)
        )


def test_a_failed_ceremony_starts_again_under_a_new_session_id(
    body: Any, users: dict[str, Any]
) -> None:
    session = make_session(body, users, Channel.ELECTRONIC)
    election = evote.election_setup(
        actor=users["organiser"], session=session, trustee_names=["A", "B"], threshold=2
    )
    failed = Election.objects.get(pk=election.pk)
    failed.stage = Stage.FAILED
    failed.save()
    again = evote.election_setup(
        actor=users["organiser"], session=session, trustee_names=["A", "B", "C"], threshold=2
    )
    assert again.public_id != election.public_id and again.trustees == 3
    assert AuditEvent.objects.filter(action="evote.restart").exists()


def test_codes_are_voided_only_while_voting(electronic: Any, users: dict[str, Any]) -> None:
    election, _ = electronic
    print_codes(election, users["board1"], 2)
    services.counting_start(actor=users["board1"], session=election.session)
    with pytest.raises(DomainError, match="không mở"):
        evote.credential_void(actor=users["board1"], election=election, serial=2, reason="x")


def test_a_code_challenges_at_most_five_ballots_and_refusals_do_not_count(
    electronic: Any, users: dict[str, Any]
) -> None:
    election, _ = electronic
    (code,) = print_codes(election, users["board1"], 1)
    data, opening = ballot_for(election, [0, 1, 2, 0])
    lying = {**opening, "choices": [1, 1, 2, 0]}
    for _ in range(3):  # refused challenges are given back
        with pytest.raises(DomainError):
            evote.ballot_spoil(election=election, code=code, data=data, opening=lying)
    evote.ballot_spoil(election=election, code=code, data=data, opening=opening)
    with pytest.raises(DomainError):  # published already: refused, not counted
        evote.ballot_spoil(election=election, code=code, data=data, opening=opening)
    for choices in ([1, 1, 1, 1], [2, 2, 2, 2], [0, 0, 0, 0], [1, 2, 1, 2]):
        data, opening = ballot_for(election, choices)
        evote.ballot_spoil(election=election, code=code, data=data, opening=opening)
    data, opening = ballot_for(election, [2, 1, 0, 2])
    with pytest.raises(DomainError, match="at most 5 ballots"):
        evote.ballot_spoil(election=election, code=code, data=data, opening=opening)
    data, _ = ballot_for(election, [0, 0, 0, 0])
    evote.ballot_cast(election=election, code=code, data=data)  # the code still casts
