"""The election record of a session, built by the pure package exactly as `tinnhiem evote-simulate`
builds one: the board (manifest, ceremony, ballots, challenged ballots, close, encrypted tally)
when the ballot box closes, then the trustees' decryptions and the result at the count's close.
"""

from __future__ import annotations

from typing import Any

from tinnhiem.ballotcrypto import ceremony_files, tally_files
from tinnhiem.ballotcrypto import election as pure
from tinnhiem.ballotcrypto import election_record as rec
from tinnhiem.ballotcrypto.canonical import canonical_json
from tinnhiem.ballotcrypto.tally import decrypt_tally
from tinnhiem.ballotcrypto.trustees import CeremonyParams
from tinnhiem.ballotcrypto.wire import (
    CeremonyRecord,
    encrypted_tally_from_dict,
    encrypted_tally_to_dict,
    tally_share_from_dict,
)
from tinnhiem.core.errors import CountNotReady, WrongState
from tinnhiem.evote.models import CastBallot, Election, SpoiledBallot, Trustee
from tinnhiem.rules import CountLine
from tinnhiem.votes.models import VoteSession
from tinnhiem.votes.results import voted_on


def ceremony_of(election: Election) -> CeremonyRecord:
    round1s = [t.round1 for t in Trustee.objects.filter(election=election).order_by("index")]
    return ceremony_files.ceremony_record(
        str(election.public_id), CeremonyParams(election.trustees, election.threshold), round1s
    )


def paper_channel(session: VoteSession, paper: list[CountLine]) -> rec.PaperChannel:
    """A mixed session's paper count as the record states it, one line per person."""
    persons = [str(c.pk) for c in voted_on(session)]
    return rec.PaperChannel(
        issued=session.issued or 0,
        collected=session.collected or 0,
        persons=tuple(
            rec.PaperPerson(person, dict(line.counts), line.invalid)
            for person, line in zip(persons, paper, strict=True)
        ),
    )


def build_board(
    election: Election, figures: dict[str, int], paper: rec.PaperChannel | None = None
) -> rec.Board:
    """Chain everything on the bulletin board: when the ballot box closes, or in a mixed
    session once the paper count is fixed (so it is fixed before any electronic count is
    seen: the trustees' decryptions are bound to this board's hash)."""
    manifest = pure.Manifest.from_dict(election.manifest)
    ceremony = ceremony_of(election)
    accepted = [
        pure.AcceptedBallot(
            pure.read_ballot(manifest, row.data), row.data, row.ballot_hash, row.tracking_code
        )
        for row in CastBallot.objects.filter(election=election)
    ]
    spoiled = [(row.data, row.opening) for row in SpoiledBallot.objects.filter(election=election)]
    close = rec.Close(
        credentials_issued=figures["issued"],
        credentials_used=figures["used"],
        credentials_voided=figures["voided"],
        ballots=len(accepted),
        spoiled=len(spoiled),
        paper=paper,
    )
    board = rec.build_board(manifest, ceremony, accepted, spoiled, close)
    election.board = board.entries
    election.encrypted_tally = encrypted_tally_to_dict(board.encrypted)
    return board


def board_of(election: Election) -> rec.Board:
    """The stored board, read back (its entries were chained by build_board)."""
    entries: list[dict[str, Any]] = election.board or []
    if not entries:
        raise WrongState(
            "Chưa có tổng đã mã hóa để giải mã", "There is no encrypted tally to decrypt yet"
        )
    manifest = pure.Manifest.from_dict(election.manifest)
    by_kind = {entry["kind"]: entry["body"] for entry in entries}
    close_hash = next(e["hash"] for e in entries if e["kind"] == "close")
    return rec.Board(
        manifest,
        CeremonyRecord.from_dict(by_kind["ceremony"]),
        rec.Close.from_dict(by_kind["close"]),
        entries,
        encrypted_tally_from_dict(election.encrypted_tally),
        rec.tally_context(manifest, close_hash),
    )


def tally_file(election: Election) -> dict[str, Any]:
    """What the trustees download to decrypt: the encrypted tally and its context."""
    board = board_of(election)
    return tally_files.tally_request_to_dict(
        str(election.public_id), board.encrypted, board.context
    )


def decrypted_counts(election: Election, share_files: list[Any]) -> dict[str, list[int]]:
    board = board_of(election)
    shares = [tally_share_from_dict(f["share"]) for f in share_files]
    counts = decrypt_tally(
        board.encrypted,
        shares,
        board.ceremony.verification_key_map(),
        election.threshold,
        board.manifest.values(),
        board.context,
    )
    return {p.id: row for p, row in zip(board.manifest.persons, counts, strict=True)}


def write_record(election: Election, paper: list[CountLine]) -> None:
    """The whole record. In a mixed session the paper count at the close must still be the one
    fixed on the board before decryption."""
    board = board_of(election)
    session = election.session
    if session.has_paper and paper_channel(session, paper) != board.close.paper:
        raise CountNotReady(
            "Kết quả phiếu giấy đã khác với kết quả đã chốt trước khi giải mã phiếu điện tử",
            "The paper count differs from the one fixed before the electronic ballots were "
            "decrypted",
        )
    shares = [
        tally_share_from_dict(t.decryption["share"])
        for t in Trustee.objects.filter(election=election)
        if t.decryption is not None
    ]
    record = rec.build_record(board, shares)
    election.record = canonical_json(record).decode("utf-8")
    election.record_head = record["head"]
    election.save(update_fields=["record", "record_head"])
