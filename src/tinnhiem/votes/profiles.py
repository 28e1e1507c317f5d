"""The rule profile of a session: a built-in by key, or the custom TOML kept with the session."""

from __future__ import annotations

from tinnhiem.rules import Profile, load_profile, parse_profile
from tinnhiem.votes.models import VoteSession


def session_profile(session: VoteSession) -> Profile:
    if session.profile_toml:
        return parse_profile(session.profile_toml, source=f"{session.profile_key}.toml")
    return load_profile(session.profile_key)
