"""Hundreds of simultaneous casts against PostgreSQL, each code tried by three ballots at once:
every code votes exactly once, no ballot is lost, none is counted twice."""

from __future__ import annotations

import os
import random
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection, connections
from tests.evote.conftest import ballot_for, make_session, print_codes, run_ceremony

from tinnhiem.core.errors import DomainError
from tinnhiem.evote import services as evote
from tinnhiem.evote.models import CastBallot, Credential, CredentialStatus
from tinnhiem.votes.models import Channel

CODES = 120
TRIES_PER_CODE = 3


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the concurrency of one vote per code is checked on PostgreSQL (scripts/test --postgres)",
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_casts_with_repeated_codes(
    body: Any, users: dict[str, Any], live_db: None
) -> None:
    assert connection.vendor == "postgresql"
    session = make_session(body, users, Channel.ELECTRONIC, members=CODES)
    election = evote.election_setup(
        actor=users["organiser"], session=session, trustee_names=["A", "B"], threshold=2
    )
    run_ceremony(election, users["board1"])
    election.refresh_from_db()
    codes = print_codes(election, users["board1"], CODES)
    rng = random.Random(7)
    attempts = [
        (code, ballot_for(election, [rng.randrange(3) for _ in range(4)])[0])
        for code in codes
        for _ in range(TRIES_PER_CODE)
    ]
    rng.shuffle(attempts)

    positions: list[int] = []

    def cast(attempt: tuple[str, dict[str, Any]]) -> str | None:
        code, data = attempt
        try:
            done = evote.ballot_cast(election=election, code=code, data=data)
        except DomainError:
            return None
        finally:
            connections.close_all()
        assert done.receipt is not None
        positions.append(done.receipt["position"])
        return done.ballot_hash

    with ThreadPoolExecutor(max_workers=24) as pool:
        outcomes = list(pool.map(cast, attempts))
    accepted = [h for h in outcomes if h is not None]
    assert sorted(positions) == list(range(1, CODES + 1))  # each receipt its own count
    assert len(accepted) == CODES  # one per code, whatever the race
    stored = sorted(
        CastBallot.objects.filter(election=election).values_list("ballot_hash", flat=True)
    )
    assert stored == sorted(accepted)  # none lost, none twice
    assert (
        Credential.objects.filter(election=election, status=CredentialStatus.USED).count() == CODES
    )
    used_by = {}
    for (code, _data), outcome in zip(attempts, outcomes, strict=True):
        if outcome is not None:
            assert code not in used_by
            used_by[code] = outcome
    assert len(used_by) == CODES
    # closing rewrites both tables and vacuums the old row versions away (after the commit)
    from tinnhiem.votes import services

    services.counting_start(actor=users["board1"], session=election.session)
    after = sorted(
        CastBallot.objects.filter(election=election).values_list("ballot_hash", flat=True)
    )
    assert after == stored
    # no row keeps the version of the transaction that cast it: every ballot and credential row
    # now carries the closing transaction's id (xmin), which dates nothing
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(DISTINCT xmin::text) FROM (SELECT xmin FROM evote_castballot"
            " UNION ALL SELECT xmin FROM evote_credential) AS versions"
        )
        assert cursor.fetchone()[0] == 1
