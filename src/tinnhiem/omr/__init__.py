"""Reading scanned paper ballots (optical mark recognition). Pure: no Django import.

Build a `BallotTemplate` once per printed ballot type (`build_template`, `template_map`), read
each scanned page from `load_images` with `read_page` (or `read_pages` on every core), and group
the readings of a pile into ballots with `group_pile`. How it works: docs/omr.md.
"""

from tinnhiem.ballotformat import PageCode
from tinnhiem.omr.code import decode_code
from tinnhiem.omr.duplicates import fingerprint, is_same_sheet
from tinnhiem.omr.errors import OmrError, PageTooLarge, UnreadableImage
from tinnhiem.omr.findings import (
    Flag,
    LineReading,
    LineState,
    PageReading,
    Refusal,
    ReviewReason,
)
from tinnhiem.omr.images import check_pages, load_images
from tinnhiem.omr.interpret import read_page
from tinnhiem.omr.parallel import crop_png, read_pages
from tinnhiem.omr.pile import PileBallot, find_duplicates, group_pile
from tinnhiem.omr.template import BallotTemplate, PageTemplate, build_template, template_map
from tinnhiem.omr.thresholds import DEFAULT_THRESHOLDS, Thresholds

__all__ = [
    "DEFAULT_THRESHOLDS",
    "BallotTemplate",
    "Flag",
    "LineReading",
    "LineState",
    "OmrError",
    "PageCode",
    "PageReading",
    "PageTemplate",
    "PageTooLarge",
    "PileBallot",
    "Refusal",
    "ReviewReason",
    "Thresholds",
    "UnreadableImage",
    "build_template",
    "check_pages",
    "crop_png",
    "decode_code",
    "find_duplicates",
    "fingerprint",
    "group_pile",
    "is_same_sheet",
    "load_images",
    "read_page",
    "read_pages",
    "template_map",
]
