"""Finding members on the register page by name: every word typed begins a word of the name
(accents and case ignored, in any order), so "van duc" finds "Nguyễn Văn Đức" and "an" finds
"Nguyễn Thị An" or "Lê Anh" but not "Hoàng" or "Tuấn". On PostgreSQL each word is a
`LIKE 'w%' OR LIKE '% w%'` that the trigram index (migration 0003) serves from the start of a
word; SQLite scans, as it does for an office's own register."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from tinnhiem.bodies.roster import fold
from tinnhiem.members.models import MemberRecord, OrgUnit

# Up to this many party cells the register page offers them in a list; past it (a province
# has 2,000) the user types part of the cell's name.
CELLS_TO_PICK = 200


def by_name(records: QuerySet[MemberRecord], query: str) -> QuerySet[MemberRecord]:
    for word in fold(query).split():
        records = records.filter(
            Q(search_name__startswith=word) | Q(search_name__contains=f" {word}")
        )
    return records


def cells_named(units: QuerySet[OrgUnit], text: str) -> list[int]:
    """The cells whose name holds the text typed (accents and case ignored): "chi bo so 12"
    finds "Chi bộ số 12" and "Chi bộ số 120"."""
    wanted = fold(text)
    return [pk for pk, name in units.values_list("pk", "name") if wanted in fold(name)]
