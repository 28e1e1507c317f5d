"""Vietnamese and English labels of stored values, for the `label` filter of every page (the
`tn` template tags). Core names only the words every app shares; each app adds the labels of the
values it stores from its AppConfig.ready (votes/labels.py, accounts/labels.py), so that the
filter core offers knows no app above it."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "error": ("Lỗi", "Error"),
    "warning": ("Lưu ý", "Note"),
}


def add(labels: dict[str, tuple[str, str]]) -> None:
    """Add an app's labels. One stored value labelled two ways by two apps would show whichever
    app started last: refused when the site starts instead."""
    for value, pair in labels.items():
        if LABELS.setdefault(value, pair) != pair:
            raise ValueError(f"two labels for the stored value {value!r}: {LABELS[value]}, {pair}")
