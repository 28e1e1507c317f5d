"""Reading a date typed on the command line (`tinnhiem reminders --date`); the pages read
theirs through core/values.py."""

from __future__ import annotations

from datetime import date, datetime


def parse_date(text: str) -> date | None:
    """A date as a date input sends it (2026-03-25) or as people type it (25/03/2026)."""
    raw = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    return None
