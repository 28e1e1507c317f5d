"""Templates: built from the printed PDF and its geometry, checked against each other,
cheap to ship to worker processes."""

from __future__ import annotations

import copy
import pickle

import pytest

from tinnhiem.ballotformat import layout_hash
from tinnhiem.omr import OmrError, build_template, template_map

from .corpus import LEVELS, Printed, printed


def test_the_template_has_every_page_keyed_by_type_and_layout(twenty_five: Printed) -> None:
    template = twenty_five.template
    assert template.session_code == "42" and template.ballot_type == "1"
    assert len(template.pages) == 2
    assert [len(page.officials) for page in template.pages] == [17, 8]
    assert set(template_map([template])) == {("1", page.layout_hash) for page in template.pages}
    assert template.pages[0].interiors.shape == (17, 3, 4)
    assert template.pages[1].gaps.shape == (8, 2, 4)


def test_each_page_is_keyed_by_the_hash_of_its_printed_geometry(twenty_five: Printed) -> None:
    pages = zip(twenty_five.template.pages, twenty_five.geometry.pages, strict=True)
    for page, geometry in pages:
        assert page.geometry == geometry
        assert page.layout_hash == layout_hash(geometry)


def test_a_template_survives_pickling_for_worker_processes(five: Printed) -> None:
    data = pickle.dumps(five.template)
    assert len(data) < 8_000_000
    again = pickle.loads(data)  # noqa: S301  (our own bytes, as the process pool does)
    assert again.pages[0].layout_hash == five.template.pages[0].layout_hash
    assert (again.pages[0].reference == five.template.pages[0].reference).all()


def test_a_pdf_with_another_ballots_layout_is_refused(five: Printed) -> None:
    other = copy.deepcopy(printed(6).geometry)
    with pytest.raises(OmrError, match="do not match"):
        build_template(five.pdf, other, level_keys=LEVELS)


def test_levels_that_do_not_match_the_boxes_are_refused(five: Printed) -> None:
    with pytest.raises(OmrError):
        build_template(five.pdf, five.geometry, level_keys=("confidence", "no_confidence"))


def test_a_damaged_pdf_is_refused(five: Printed) -> None:
    with pytest.raises(OmrError):
        build_template(b"%PDF-1.4 nothing", five.geometry, level_keys=LEVELS)


def test_a_layout_1_template_keeps_its_pages_as_they_were_printed() -> None:
    """19 lines, then 6 and the stamp under the table: the split of the sessions that printed
    layout 1, which their scans are read against."""
    template = printed(25, layout=1).template
    assert [len(page.officials) for page in template.pages] == [19, 6]
    assert all(page.geometry.seal is None for page in template.pages)
    assert {page.layout_hash for page in template.pages}.isdisjoint(
        page.layout_hash for page in printed(25).template.pages
    )
