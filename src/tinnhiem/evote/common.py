"""What the electronic ballot's services share: the election locked for a change, its audit
snapshot, the manifest and key read back, and the voter's refusal."""

from __future__ import annotations

from typing import Any

from tinnhiem.audit.services import record
from tinnhiem.ballotcrypto import election as pure
from tinnhiem.ballotcrypto.group import Point
from tinnhiem.core.errors import InputProblem, WrongState
from tinnhiem.evote.models import (
    Election,
    Stage,
)


class VoterError(InputProblem):
    """A refusal shown to a voter in the booth (code unknown, used, voided; bad ballot)."""


def locked(election: Election) -> Election:
    return Election.objects.select_for_update().select_related("session").get(pk=election.pk)


def snapshot(election: Election) -> dict[str, Any]:
    return {
        "stage": election.stage,
        "trustees": election.trustees,
        "threshold": election.threshold,
        "public_key": election.public_key,
        "record_head": election.record_head,
    }


def audit(
    actor: Any, action: str, election: Election, before: dict[str, Any] | None, **extra: Any
) -> None:
    record(
        actor=actor,
        action=action,
        obj=election,
        body_id=election.session.body_id,
        before=before,
        after=snapshot(election) | extra,
    )


def manifest_of(election: Election) -> pure.Manifest:
    return pure.Manifest.from_dict(election.manifest)


def public_key_of(election: Election) -> Point:
    return Point.from_bytes(bytes.fromhex(election.public_key))


def require_voting(election: Election) -> None:
    if election.stage != Stage.VOTING:
        raise WrongState(
            "Hòm phiếu điện tử không mở (chưa tạo xong khóa hoặc đã đóng)",
            "The electronic ballot box is not open (no key yet, or closed)",
        )


def max_ballots(election: Election) -> int:
    return int(election.manifest["max_ballots"])
