"""Signed receipts against a server that drops or replaces ballots before the close: the
record still verifies, but `tinnhiem verify RECORD --receipt RECEIPT` proves the omission.
A receipt is given at every cast, signed with the election's key (derived from the
deployment's secret, published in the manifest), and nothing about it is stored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core import serializers
from django.test import Client, override_settings
from tests.evote.conftest import ballot_for, decrypt, make_session, print_codes, run_ceremony

from tinnhiem.ballotcrypto.election_record import manifest_hash
from tinnhiem.ballotcrypto.receipts import (
    ReceiptInvalid,
    cast_of_record,
    check_receipt,
    is_signed_by,
    read_receipt,
)
from tinnhiem.cli.verify import main as verify
from tinnhiem.core.errors import DomainError
from tinnhiem.evote import receipts
from tinnhiem.evote import services as evote
from tinnhiem.evote.models import CastBallot, Credential, Election
from tinnhiem.votes import counting, services
from tinnhiem.votes.models import Channel

CHOICES = [[0, 1, 2, 0], [1, 1, 0, 2], [2, 0, 0, 1]]


def cast_all(election: Election, codes: list[str]) -> list[dict[str, Any]]:
    out = []
    for n, code in enumerate(codes):
        cast = evote.ballot_cast(
            election=election, code=code, data=ballot_for(election, CHOICES[n % 3])[0]
        )
        assert cast.receipt is not None
        out.append(cast.receipt)
    return out


def close_and_publish(election: Election, board: Any, users: dict[str, Any]) -> dict[str, Any]:
    session = services.counting_start(actor=users["board1"], session=election.session)
    decrypt(election, board, users["board2"], [1, 3])
    counting.count_close(actor=users["board1"], session=session)
    election.refresh_from_db()
    return json.loads(election.record)


def run_verify(tmp_path: Path, record: Any, *receipt_list: Any) -> tuple[int, str]:
    paths = [tmp_path / "record.json"]
    paths[0].write_text(json.dumps(record), "utf-8")
    for n, receipt in enumerate(receipt_list):
        paths.append(tmp_path / f"receipt-{n}.json")
        paths[-1].write_text(json.dumps(receipt), "utf-8")
    argv = [str(paths[0])]
    for path in paths[1:]:
        argv += ["--receipt", str(path)]
    return verify(argv), ""


def test_every_cast_gets_a_receipt_signed_with_the_manifests_key(
    electronic: Any, users: dict[str, Any]
) -> None:
    election, _ = electronic
    key = election.manifest["receipt_key"]
    assert election.manifest["v"] == "tinnhiem/manifest/2"
    assert key == receipts.public_key(str(election.public_id))
    given = cast_all(election, print_codes(election, users["board1"], 3))
    assert [r["position"] for r in given] == [1, 2, 3]  # the count in the box, this one in
    assert {r["session"] for r in given} == {str(election.public_id)}
    assert all(is_signed_by(read_receipt(r), key) for r in given)
    ballots = {b.ballot_hash: b.tracking_code for b in CastBallot.objects.all()}
    assert {r["ballot_hash"]: r["tracking_code"] for r in given} == ballots


def test_another_election_has_another_key(
    electronic: Any, users: dict[str, Any], other_body: Any
) -> None:
    election, _ = electronic
    assert receipts.public_key(str(election.public_id)) != receipts.public_key("another-id")
    with override_settings(SECRET_KEY="another deployment"):
        assert receipts.public_key(str(election.public_id)) != election.manifest["receipt_key"]


def test_nothing_about_a_receipt_is_stored(electronic: Any, users: dict[str, Any]) -> None:
    election, _ = electronic
    (receipt,) = cast_all(election, print_codes(election, users["board1"], 1))
    dump = serializers.serialize("json", _every_row())
    assert receipt["signature"] not in dump  # (the time may match an audit row's second)
    assert not {f.name for f in CastBallot._meta.get_fields()} & {"position", "at", "receipt"}


def _every_row() -> list[Any]:
    from django.apps import apps

    return [row for model in apps.get_models() for row in model.objects.all()]


def test_a_changed_secret_key_refuses_the_cast_and_keeps_the_code(
    electronic: Any, users: dict[str, Any]
) -> None:
    """The codes' HMAC and the receipts' key both come from the secret: a cast after a change
    is refused before anything is stored (here the code is made under the new key)."""
    election, _ = electronic
    with override_settings(SECRET_KEY="rotated during the vote"):
        (code,) = print_codes(election, users["board1"], 1)
        with pytest.raises(DomainError, match="secret key changed"):
            evote.ballot_cast(election=election, code=code, data=ballot_for(election, [0] * 4)[0])
    assert not CastBallot.objects.exists()
    assert Credential.objects.get().status == "issued"


@pytest.fixture
def published(electronic: Any, users: dict[str, Any]) -> tuple[Election, Any, list[Any]]:
    election, board = electronic
    return election, board, cast_all(election, print_codes(election, users["board1"], 11))


def test_a_valid_receipt_verifies_against_the_record(
    published: Any, users: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    election, board, given = published
    record = close_and_publish(election, board, users)
    code, _ = run_verify(tmp_path, record, given[0], given[-1])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"[OK] receipt {tmp_path / 'receipt-1.json'}: phiếu / ballot" in out
    assert "position 11" in out


def test_a_receipt_binds_the_records_manifest(published: Any, users: dict[str, Any]) -> None:
    """The receipt names its election by the manifest's hash, the record's first entry, and the
    booth and the board check it against the same value."""
    election, board, given = published
    record = close_and_publish(election, board, users)
    first = record["entries"][0]
    assert first["kind"] == "manifest"
    assert {r["manifest"] for r in given} == {first["hash"]} == {manifest_hash(election.manifest)}
    for url in (f"/e/{election.public_id}/board/",):
        assert first["hash"] in Client().get(url).content.decode()
    wrong = {**given[0], "manifest": "0" * 64}  # a receipt bound to another manifest
    with pytest.raises(ReceiptInvalid) as refused:
        check_receipt(
            wrong,
            session=election.manifest["session"],
            manifest=first["hash"],
            receipt_key=election.manifest["receipt_key"],
            cast=cast_of_record(record),
            ballots=len(given),
        )
    assert refused.value.step == "election" and "manifest hash" in refused.value.message_en


def test_a_dropped_ballot_is_proved_missing(
    published: Any, users: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The server deletes a ballot before the close: the record is consistent and verifies,
    but the voter's receipt shows the ballot missing, and the last voter's shows the count."""
    election, board, given = published
    CastBallot.objects.filter(ballot_hash=given[4]["ballot_hash"]).delete()
    used = Credential.objects.filter(election=election, status="used").first()
    Credential.objects.filter(pk=used.pk).update(status="issued")  # the figures agree again
    record = close_and_publish(election, board, users)
    assert run_verify(tmp_path, record) == (0, "")  # the record alone cannot tell
    capsys.readouterr()
    code, _ = run_verify(tmp_path, record, given[4])
    out = capsys.readouterr().out
    assert code == 1
    assert f"INVALID: receipt {tmp_path / 'receipt-0.json'}: ballot:" in out
    assert f"Ballot {given[4]['tracking_code']} has a receipt signed by the server" in out
    code, _ = run_verify(tmp_path, record, given[-1])  # the last voter's ballot is there …
    out = capsys.readouterr().out
    assert code == 1 and "count: " in out and "held 11 ballots" in out  # … but one is gone


def test_a_replaced_ballot_is_proved_missing(
    published: Any, users: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    election, board, given = published
    row = CastBallot.objects.get(ballot_hash=given[2]["ballot_hash"])
    row.delete()
    replacement = ballot_for(election, [2, 2, 2, 2])[0]
    from tinnhiem.ballotcrypto import election as pure

    digest = pure.ballot_hash(replacement)
    CastBallot.objects.create(
        election=election,
        ballot_hash=digest,
        tracking_code=pure.tracking_code(digest),
        data=replacement,
    )
    record = close_and_publish(election, board, users)
    code, _ = run_verify(tmp_path, record, given[2])
    assert code == 1 and "dropped or replaced" in capsys.readouterr().out


def test_a_forged_receipt_and_one_of_another_election_fail(
    published: Any, body: Any, users: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    election, board, given = published
    forged = {**given[0], "position": 1, "tracking_code": given[1]["tracking_code"]}
    forged["ballot_hash"] = given[1]["ballot_hash"]  # a real ballot, but not what was signed
    # another election of the same deployment, with its own receipt
    Election.objects.filter(pk=election.pk)  # keep the first one open
    other_session = make_session(body, users, Channel.ELECTRONIC, members=12)
    other = evote.election_setup(
        actor=users["organiser"], session=other_session, trustee_names=["A"], threshold=1
    )
    run_ceremony(other, users["board1"])
    other.refresh_from_db()
    (foreign,) = cast_all(other, print_codes(other, users["board1"], 1))
    record = close_and_publish(election, board, users)
    code, _ = run_verify(tmp_path, record, forged)
    assert code == 1 and "signature: " in capsys.readouterr().out
    code, _ = run_verify(tmp_path, record, foreign)
    out = capsys.readouterr().out
    assert code == 1 and "election: " in out and "for another election" in out
    code, _ = run_verify(tmp_path, record, given[0], foreign)  # one good, one bad: exit 1
    assert code == 1


def test_the_booth_answers_the_receipt(electronic: Any, users: dict[str, Any]) -> None:
    from tests.evote.test_views import booth_client, post

    election, _ = electronic
    (code,) = print_codes(election, users["board1"], 1)
    client, token = booth_client(election)
    data, _ = ballot_for(election, [0, 1, 2, 0])
    answer = post(client, f"/e/{election.public_id}/cast", token, {"code": code, "ballot": data})
    receipt = answer.json()["receipt"]
    assert receipt["position"] == 1 and receipt["tracking_code"] == answer.json()["tracking_code"]
    assert is_signed_by(read_receipt(receipt), election.manifest["receipt_key"])
    assert receipt["manifest"] == manifest_hash(election.manifest)
    page = Client().get(f"/e/{election.public_id}/").content.decode()
    assert election.manifest["receipt_key"] in page  # the booth checks it with this key
    assert receipt["manifest"] in page  # and this manifest
