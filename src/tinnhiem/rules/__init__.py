"""The rule engine: pure Python, no Django. Profiles, exact percentages, bands, exemptions."""

from tinnhiem.rules.arithmetic import percent
from tinnhiem.rules.errors import (
    CollectedExceedsIssued,
    CountExceedsBallots,
    InvalidCount,
    MembersRequired,
    ProfileError,
    RuleError,
)
from tinnhiem.rules.exemptions import Exemption, PersonFacts, exemptions_for
from tinnhiem.rules.profiles import (
    BUILTIN_KEYS,
    Band,
    Base,
    Kind,
    Level,
    Profile,
    builtin_profiles,
    load_profile,
    parse_profile,
)
from tinnhiem.rules.tally import (
    NO_BAND,
    CountLine,
    PersonResult,
    SessionFigures,
    TallyResult,
    band_for,
    quorum_met,
    ranked,
    tally,
)

__all__ = [
    "BUILTIN_KEYS",
    "NO_BAND",
    "Band",
    "Base",
    "CollectedExceedsIssued",
    "CountExceedsBallots",
    "CountLine",
    "Exemption",
    "InvalidCount",
    "Kind",
    "Level",
    "MembersRequired",
    "PersonFacts",
    "PersonResult",
    "Profile",
    "ProfileError",
    "RuleError",
    "SessionFigures",
    "TallyResult",
    "band_for",
    "builtin_profiles",
    "exemptions_for",
    "load_profile",
    "parse_profile",
    "percent",
    "quorum_met",
    "ranked",
    "tally",
]
