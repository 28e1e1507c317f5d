"""The electronic ballot's services, in one place for the views, the count and the commands:
the set-up and the trustees' ceremony (`ceremony`), the voting codes (`credentials`), the voter's
cast and challenge and the closing of the box (`voting`); `common` holds what they share.

Every service that changes state takes the acting user, checks the role, runs in one transaction
and writes its audit row there, except the voter's: no row per cast or challenge (docs/evote.md).
"""

from __future__ import annotations

from tinnhiem.evote.ceremony import (
    build_manifest,
    ceremony_fingerprint,
    election_setup,
    trustee_upload,
)
from tinnhiem.evote.common import (
    VoterError,
    manifest_of,
    public_key_of,
)
from tinnhiem.evote.credentials import (
    channel_record,
    credential_figures,
    credential_void,
    invitations_send,
    letters_issue,
    slips_issue,
)
from tinnhiem.evote.smallchannel import small_channel_decide
from tinnhiem.evote.voting import (
    Cast,
    ballot_cast,
    ballot_spoil,
    code_check,
    paper_fix,
    voting_close,
)

__all__ = [
    "Cast",
    "VoterError",
    "ballot_cast",
    "ballot_spoil",
    "build_manifest",
    "ceremony_fingerprint",
    "channel_record",
    "code_check",
    "credential_figures",
    "credential_void",
    "election_setup",
    "invitations_send",
    "letters_issue",
    "manifest_of",
    "paper_fix",
    "public_key_of",
    "slips_issue",
    "small_channel_decide",
    "trustee_upload",
    "voting_close",
]
