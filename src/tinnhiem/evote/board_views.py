"""The public bulletin board of an electronic ballot: the ballots cast (once the box is closed),
a tracking code looked up, the spoiled ballots opened, and the public files (manifest, the
trustees' rounds, the encrypted tally, the record) for anyone's verifier. No login."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tinnhiem.ballotcrypto.election_record import manifest_hash
from tinnhiem.evote import codes, services
from tinnhiem.evote.bulletin import tally_file
from tinnhiem.evote.models import Election, Stage


def election_of(public_id: str) -> Election:
    """The election of a public address; a malformed or unknown id is a 404."""
    try:
        wanted = uuid.UUID(str(public_id))
    except ValueError as exc:
        raise Http404 from exc
    return get_object_or_404(Election.objects.select_related("session__body"), public_id=wanted)


def board(request: HttpRequest, public_id: str) -> HttpResponse:
    """The bulletin board. A tracking code is looked up by POST (never in an address that a
    log would keep next to the voter's address); the ballots are listed, and counted, only once
    the ballot box is closed, so that watching the board during the vote dates no ballot (a
    count going from 41 to 42 just after a voter left the booth)."""
    election = election_of(public_id)
    manifest = services.manifest_of(election)
    closed = election.stage in (Stage.PAPER, Stage.DECRYPTING, Stage.DECRYPTED)
    typed = request.POST.get("code", "") if request.method == "POST" else ""
    # read as the booth reads a voting code: any case, with or without dashes or spaces (a
    # tracking code's hex digits are all in the codes' alphabet)
    wanted = codes.normalise(typed) or typed.strip().upper()
    found = None
    if wanted:
        found = (
            "cast"
            if election.ballots.filter(tracking_code=wanted).exists()
            else "spoiled"
            if election.spoiled.filter(tracking_code=wanted).exists()
            else "none"
        )
    ballots = list(election.ballots.values_list("tracking_code", "ballot_hash")) if closed else []
    spoiled = []
    for row in election.spoiled.all() if closed or found == "spoiled" else []:
        if not closed and row.tracking_code != wanted:
            continue
        choices = row.opening.get("choices", []) if isinstance(row.opening, dict) else []
        spoiled.append(
            {
                "tracking_code": row.tracking_code,
                "ballot_hash": row.ballot_hash,
                "choices": [
                    (person.name, _level(manifest.levels, c))
                    for person, c in zip(manifest.persons, choices, strict=False)
                ],
            }
        )
    context = {
        "election": election,
        "manifest": manifest,
        "closed": closed,
        "ballots": ballots,
        "spoiled": spoiled,
        "wanted": wanted,
        "found": found,
        "trustees": list(election.trustee_set.all()),
        # the receipt check runs in the voter's browser (js/src/board-receipt.js)
        "receipt_data": {
            "session": manifest.session,
            "manifest_hash": manifest_hash(election.manifest),
            "receipt_key": manifest.receipt_key,
            "closed": closed,
        },
    }
    return render(request, "evote/board.html", context)


def _level(levels: tuple[str, ...], choice: object) -> str:
    return levels[choice] if isinstance(choice, int) and 0 <= choice < len(levels) else "?"


# the public files' download names: Vietnamese without diacritics, as every download
FILE_WORDS = {
    "manifest": "thong-tin-phieu",
    "round1": "khoa-vong-1",
    "round2": "khoa-vong-2",
    "round3": "khoa-vong-3",
    "tally": "tong-hop-ma-hoa",
    "record": "ho-so-bo-phieu",
}


def board_file(request: HttpRequest, public_id: str, name: str) -> HttpResponse:
    """Public files: the manifest, the trustees' round files, the encrypted tally, the record."""
    election = election_of(public_id)
    trustees = list(election.trustee_set.all())
    files: dict[str, Any] = {
        "manifest": election.manifest,
        "round1": [t.round1 for t in trustees if t.round1],
        "round2": [t.round2 for t in trustees if t.round2],
        "round3": [t.round3 for t in trustees if t.round3],
    }
    if election.encrypted_tally is not None:
        files["tally"] = tally_file(election)
    if name == "record" and election.record:
        response = HttpResponse(election.record, content_type="application/json")
    elif name in files:
        response = HttpResponse(
            json.dumps(files[name], ensure_ascii=False, indent=1), content_type="application/json"
        )
    else:
        raise Http404
    shown = FILE_WORDS[name]
    response["Content-Disposition"] = f'attachment; filename="{shown}-{election.public_id}.json"'
    return response
