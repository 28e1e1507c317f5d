"""A refused form keeps what was typed: the figures, the counting board, every cell of the
tally-sheet counts, with the faulty field marked and named in the user's language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import reverse
from tests.web import html as page

from tinnhiem.votes import services
from tinnhiem.votes.models import AggregateCount, CountMode, VoteSession


def client_for(user: Any, language: str = "vi") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_the_figures_form_keeps_every_field_on_an_error(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    typed = {"members": "60", "summoned": "58", "present": "5x", "issued": "50", "collected": ""}
    response = client_for(users["organiser"]).post(
        reverse("session_figures", args=[draft.pk]), typed
    )
    html = response.content.decode()
    kept = page.values(html)
    assert [kept[k] for k in ("members", "summoned", "present", "issued")] == [
        "60",
        "58",
        "5x",
        "50",
    ]
    assert page.named(html, "present").get("aria-invalid") == "true"
    assert "Số liệu chưa lưu" in html
    draft.refresh_from_db()
    assert draft.members is None and draft.present is None  # nothing half-written


def test_the_figures_form_keeps_every_field_when_the_service_refuses(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    typed = {"members": "6", "summoned": "6", "present": "9", "issued": "5"}
    html = (
        client_for(users["organiser"])
        .post(reverse("session_figures", args=[draft.pk]), typed)
        .content.decode()
    )
    assert "Số có mặt lớn hơn số được triệu tập" in html
    kept = page.values(html)
    assert [kept[k] for k in ("members", "summoned", "present", "issued")] == ["6", "6", "9", "5"]


def test_the_board_keeps_its_rows_when_refused(draft: VoteSession, users: dict[str, Any]) -> None:
    posted = {"name": ["Người Thứ Nhất", "Người Thứ Hai"], "role": ["member", "member"]}
    html = (
        client_for(users["organiser"])
        .post(reverse("session_board", args=[draft.pk]), posted)
        .content.decode()
    )
    assert "đúng một Trưởng ban" in html
    names = [i.get("value") for i in page.inputs(html) if i.get("name") == "name"]
    assert names[:2] == ["Người Thứ Nhất", "Người Thứ Hai"]
    assert list(draft.board.values_list("full_name", flat=True)) == [
        "Trần Văn Kiểm",
        "Lê Thị Phiếu",
        "Võ Thư Ký",
    ]


def aggregate_session(draft: VoteSession, users: dict[str, Any]) -> VoteSession:
    services.count_mode_set(actor=users["board1"], session=draft, count_mode=CountMode.AGGREGATE)
    session = services.session_open(actor=users["organiser"], session=draft)
    services.figures_set(
        actor=users["organiser"], session=session, members=6, summoned=6, present=5, issued=5
    )
    return services.counting_start(actor=users["board1"], session=session)


def typed_cells(session: VoteSession) -> dict[str, str]:
    cells = {}
    for n, candidate in enumerate(session.candidates.all()):
        for key, value in (("high", "3"), ("confidence", "1"), ("low", "1"), ("invalid", "0")):
            cells[f"c{candidate.pk}_{key}"] = value
        if n == 2:
            cells[f"c{candidate.pk}_high"] = "1O"
    return cells


def test_one_typo_keeps_every_cell_and_marks_the_faulty_one(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    session = aggregate_session(draft, users)
    cells = typed_cells(session)
    html = (
        client_for(users["board1"])
        .post(reverse("aggregate", args=[session.pk]), cells)
        .content.decode()
    )
    kept = page.values(html)
    assert {k: kept[k] for k in cells} == cells
    third = session.candidates.all()[2]
    faulty = page.named(html, f"c{third.pk}_high")
    assert faulty.get("aria-invalid") == "true" and "invalid" in faulty["class"].split()
    assert [i["name"] for i in page.inputs(html) if i.get("aria-invalid")] == [faulty["name"]]
    assert page.messages(html) == [
        f"Số phiếu của {third.full_name} — Tín nhiệm cao: «1O» không phải số nguyên"
    ]
    assert "'high'" not in html and "Not a whole number" not in html
    assert not AggregateCount.objects.filter(candidate__session=session).exists()


def test_the_typo_is_named_in_english_on_the_switch(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    session = aggregate_session(draft, users)
    html = (
        client_for(users["board1"], "en")
        .post(reverse("aggregate", args=[session.pk]), typed_cells(session))
        .content.decode()
    )
    third = session.candidates.all()[2]
    assert page.messages(html) == [
        f"Votes for {third.full_name} — High confidence: '1O' is not a whole number"
    ]


def test_a_refused_ballot_keeps_the_marks_typed(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    client = client_for(users["board1"])
    url = reverse("entry", args=[in_count.pk, "1", 1])
    radios = [i for i in page.inputs(client.get(url).content.decode()) if i.get("type") == "radio"]
    first, third = radios[0]["value"], radios[2]["value"]
    html = client.post(url, {"number": "1x", "line0": first, "line1": third}).content.decode()
    checked = {(i["name"], i["value"]) for i in page.inputs(html) if "checked" in i}
    assert checked == {("line0", first), ("line1", third)}
    assert page.named(html, "number")["value"] == "1x"
    assert page.messages(html) == ["Số thứ tự phiếu: «1x» không phải số nguyên"]
