"""Ballots already printed must still scan: the layout JSON of one copy (as `tinnhiem ballots
--layout` writes it), every page's code and its layout hash are pinned, byte for byte, for the
fixture ballots of the tests, in every ballot layout (`data.BALLOT_LAYOUTS`). A change to how the
geometry is built, serialised or hashed that moves any of them would make the reader refuse every
ballot printed before it. A new look is a new layout number; the old ones stay as they were."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from typing import Any

import pytest
from tests.omr import corpus

from tinnhiem.ballotformat import PageGeometry, layout_hash
from tinnhiem.documents.ballot_layout import plan_pages
from tinnhiem.documents.ballot_pdf import render_ballots
from tinnhiem.documents.data import BALLOT_LAYOUTS, BallotSpec, BodyHeader, HeaderKind
from tinnhiem.rules import load_profile

SpecFactory = Callable[..., BallotSpec]

# layout 1, case: (SHA-256 of the layout JSON of one copy, the code printed on each page)
PINNED_1: dict[str, tuple[str, tuple[str, ...]]] = {
    "hcmc_five": (
        "2086623f97e95dfe511dbfc76e12145e982774120e65e11bf4b552080e004920",
        ("TN1|s=42|t=1|p=0|n=1|h=abbe9ba07897effe",),
    ),
    "sixty_names": (
        "a239bc3d61c67ba0eb4e8051ec6da91514685f7661a7a7df8478c2b259d6f646",
        (
            "TN1|s=42|t=1|p=0|n=3|h=0ade8d6e2f7233a7",
            "TN1|s=42|t=1|p=1|n=3|h=417c50b4f78bd1eb",
            "TN1|s=42|t=1|p=2|n=3|h=10c226bfad0f5e8f",
        ),
    ),
    "quoted_codes": (
        "2086623f97e95dfe511dbfc76e12145e982774120e65e11bf4b552080e004920",
        ("TN1|s=phi%C3%AAn%207%7Cx|t=kh%E1%BB%91i%201|p=0|n=1|h=abbe9ba07897effe",),
    ),
    "party_two_levels": (
        "f7c5802cd2c2e07599c41de22360db3c19d901c326b146b2275a5b107e9e468e",
        ("TN1|s=42|t=1|p=0|n=1|h=386be44434ed54d0",),
    ),
    "no_header": (
        "b2b9a7ecd17293c277e6943836838482345ba2caa7a8dd0a78ff2beaf3618a79",
        ("TN1|s=42|t=1|p=0|n=1|h=c66da43439ddfbf6",),
    ),
    "scan_corpus_5": (
        "4fa68ef64c94996244587edc09ab9694aa5cc464f3e1c8e564402b67a2cab774",
        ("TN1|s=42|t=1|p=0|n=1|h=cfc494a19fc49c4c",),
    ),
    "scan_corpus_25": (
        "fb3d6d2f47c6425704d2e085b81ef51e1384860594f86398e6d175cc212079a4",
        (
            "TN1|s=42|t=1|p=0|n=2|h=0ade8d6e2f7233a7",
            "TN1|s=42|t=1|p=1|n=2|h=f90af29446e41bf6",
        ),
    ),
}

# layout 2 (the heading and the seal place on every page), the same cases
PINNED_2: dict[str, tuple[str, tuple[str, ...]]] = {
    "hcmc_five": (
        "df55f031675145b7d55269b62370e6293f01c8cbd46b194e34f2956e2c7c2b67",
        ("TN1|s=42|t=1|p=0|n=1|h=f7298b9c97993fa5",),
    ),
    "sixty_names": (
        "db21bfb0566fa14c75477fd8f2600bdb5fcfb12e8d4e6f301c3f5ee1c80d0caa",
        (
            "TN1|s=42|t=1|p=0|n=4|h=0788a099c8a6a18a",
            "TN1|s=42|t=1|p=1|n=4|h=14f2174e75f6b852",
            "TN1|s=42|t=1|p=2|n=4|h=da92889d5d7d340e",
            "TN1|s=42|t=1|p=3|n=4|h=f7a911c4ba952d94",
        ),
    ),
    "quoted_codes": (
        "df55f031675145b7d55269b62370e6293f01c8cbd46b194e34f2956e2c7c2b67",
        ("TN1|s=phi%C3%AAn%207%7Cx|t=kh%E1%BB%91i%201|p=0|n=1|h=f7298b9c97993fa5",),
    ),
    "party_two_levels": (
        "90d3df74547b3a68bac799b53247530d9afbe2aa43bbbc784b7f55bc6f83508e",
        ("TN1|s=42|t=1|p=0|n=1|h=3a2de30c6fc1c99d",),
    ),
    "no_header": (
        "f5f2f7cf7d5c1dcea9e7022d6c1b760ddca6826a9598da4b316518a8a15a4fed",
        ("TN1|s=42|t=1|p=0|n=1|h=46941e653efc0770",),
    ),
    "scan_corpus_5": (
        "9d57526bc7fd18e326052983613ba2418246d4bb9fd45b6fa9db5371028dc28d",
        ("TN1|s=42|t=1|p=0|n=1|h=3d48e8be5e0519b7",),
    ),
    "scan_corpus_25": (
        "e2a64d4df36bcb3450a14bd724b1cff155e40f716131c73411fa73f9ca4cd14a",
        (
            "TN1|s=42|t=1|p=0|n=2|h=0788a099c8a6a18a",
            "TN1|s=42|t=1|p=1|n=2|h=7dfaac4d882e83c9",
        ),
    ),
}

PINNED = {1: PINNED_1, 2: PINNED_2}


def fixture_spec(case: str, make_spec: SpecFactory) -> BallotSpec:
    party = BodyHeader("ĐẢNG BỘ XÃ AN PHÚ", HeaderKind.PARTY, parent_name="ĐẢNG BỘ HUYỆN CỦ CHI")
    specs: dict[str, Callable[[], BallotSpec]] = {
        "hcmc_five": lambda: make_spec(),
        "sixty_names": lambda: make_spec(60),
        "quoted_codes": lambda: make_spec(session_code="phiên 7|x", ballot_type="khối 1"),
        "party_two_levels": lambda: make_spec(header=party, profile=load_profile("nq96-bpt")),
        "no_header": lambda: make_spec(header=BodyHeader(""), session_line="", ballot_type_name=""),
        "scan_corpus_5": lambda: corpus.ballot_spec(5),
        "scan_corpus_25": lambda: corpus.ballot_spec(25),
    }
    return specs[case]()


def stored_layout(spec: BallotSpec) -> str:
    """The layout of one copy as `tinnhiem ballots --layout` writes it."""
    _, layout = render_ballots(spec)
    return json.dumps(layout.as_json(), ensure_ascii=False, indent=1)


def reader_hash(page: dict[str, Any]) -> str:
    """The hash the reader computes from a stored page geometry."""
    return layout_hash(PageGeometry.from_json(page))


CASES = [(layout, case) for layout in sorted(PINNED) for case in sorted(PINNED[layout])]


def pinned_spec(layout: int, case: str, make_spec: SpecFactory) -> BallotSpec:
    return dataclasses.replace(fixture_spec(case, make_spec), layout=layout)


@pytest.mark.parametrize(("layout", "case"), CASES)
def test_the_stored_layout_is_unchanged(layout: int, case: str, make_spec: SpecFactory) -> None:
    text = stored_layout(pinned_spec(layout, case, make_spec))
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == PINNED[layout][case][0]


@pytest.mark.parametrize(("layout", "case"), CASES)
def test_the_printed_codes_and_layout_hashes_are_unchanged(
    layout: int, case: str, make_spec: SpecFactory
) -> None:
    spec = pinned_spec(layout, case, make_spec)
    assert tuple(page.code_text for page in plan_pages(spec)) == PINNED[layout][case][1]


@pytest.mark.parametrize(("layout", "case"), CASES)
def test_the_reader_hashes_the_stored_layout_to_the_printed_hash(
    layout: int, case: str, make_spec: SpecFactory
) -> None:
    pages = json.loads(stored_layout(pinned_spec(layout, case, make_spec)))["pages"]
    printed = [code.rsplit("|h=", 1)[1] for code in PINNED[layout][case][1]]
    assert [reader_hash(page) for page in pages] == printed


def test_every_layout_is_pinned() -> None:
    assert tuple(sorted(PINNED)) == BALLOT_LAYOUTS
