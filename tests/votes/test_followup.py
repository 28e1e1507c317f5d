"""A no-confidence vote opened from a result whose band calls for one; custom TOML profiles."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from tests.web import html as rendered

from tinnhiem.core.errors import InputProblem
from tinnhiem.votes import counting, services
from tinnhiem.votes.models import CountMode, VoteSession
from tinnhiem.votes.results import session_result


def close_with(
    session: VoteSession, users: dict[str, Any], lows: list[int], collected: int = 48
) -> VoteSession:
    session = services.count_mode_set(
        actor=users["board1"], session=session, count_mode=CountMode.AGGREGATE
    )
    session = services.session_open(actor=users["organiser"], session=session)
    services.figures_set(
        actor=users["organiser"], session=session, members=50, issued=collected, collected=collected
    )
    session = services.counting_start(actor=users["board1"], session=session)
    rows = {
        c.pk: ({"high": collected - low, "confidence": 0, "low": low}, 0)
        for c, low in zip(session.candidates.all(), lows, strict=True)
    }
    counting.aggregate_record(actor=users["board1"], session=session, rows=rows)
    return counting.count_close(actor=users["board1"], session=session)


def test_bands_on_the_constructed_edges_and_the_followup(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    closed = close_with(draft, users, [24, 25, 32, 0])
    assert [p.band_key for p in session_result(closed).people] == [
        "none",
        "low_over_half",
        "low_two_thirds",
        "none",
    ]
    followup = services.followup_create(
        actor=users["organiser"], session=closed, held_on=date(2023, 12, 8)
    )
    assert followup.profile_key == "nq96-bpt" and followup.follows_id == closed.pk
    assert [c.full_name for c in followup.candidates.all()] == ["Lê Trương Hải Hiếu"]
    assert followup.members == closed.members


def test_no_followup_when_no_band_calls_for_one(draft: VoteSession, users: dict[str, Any]) -> None:
    closed = close_with(draft, users, [0, 1, 2, 3])
    with pytest.raises(InputProblem, match="Không ai"):
        services.followup_create(
            actor=users["organiser"], session=closed, held_on=date(2023, 12, 8)
        )


CUSTOM = """
key = "hdqt-abc"
title_vi = "Hội đồng quản trị Công ty ABC"
base = "collected"
[[levels]]
key = "yes"
label_vi = "Đồng ý"
[[levels]]
key = "no"
label_vi = "Không đồng ý"
[[bands]]
key = "no_majority"
level = "no"
at_least = "1/2"
consequence_vi = "Xem xét thay thế."
"""


def test_a_custom_profile_uploaded_in_the_browser(
    body: Any, users: dict[str, Any], tmp_path: Any
) -> None:
    client = Client()
    client.force_login(users["organiser"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("session_new", args=[body.pk])
    token = rendered.named(client.get(url).content.decode(), "creation_token")["value"]
    response = client.post(
        url,
        {
            "creation_token": token,
            "title": "Tín nhiệm HĐQT",
            "held_on": "2026-12-01",
            "venue": "",
            "profile_key": "custom",
            "count_mode": "aggregate",
            "members": "",
            "profile_file": SimpleUploadedFile("abc.toml", CUSTOM.encode()),
        },
    )
    assert response.status_code == 302
    session = VoteSession.objects.get(title="Tín nhiệm HĐQT")
    assert session.profile_key == "hdqt-abc" and "Không đồng ý" in session.profile_toml
    page = client.get(reverse("session", args=[session.pk])).content.decode()
    assert "<strong>Hội đồng quản trị Công ty ABC</strong>" in page  # by its title, not its key


def test_a_malformed_custom_profile_is_refused_with_its_key(
    body: Any, users: dict[str, Any]
) -> None:
    with pytest.raises(InputProblem, match="consequence_vi"):
        services.session_create(
            actor=users["organiser"],
            body=body,
            title="X",
            held_on=date(2026, 1, 1),
            profile_key="custom",
            profile_toml=CUSTOM.replace('consequence_vi = "Xem xét thay thế."', ""),
        )


def test_results_page_query_count_does_not_grow_with_people(
    draft: VoteSession, users: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    closed = close_with(draft, users, [1, 2, 3, 4])
    client = Client()
    client.force_login(users["observer"])
    with django_assert_max_num_queries(16):
        response = client.get(reverse("results", args=[closed.pk]))
    assert response.status_code == 200
    with django_assert_max_num_queries(14):
        client.get(reverse("home"))
