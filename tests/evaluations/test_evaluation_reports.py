"""What is read back: the late list and the reminders, the profile with its confidence-vote
results and bands, the dashboard's figures for a constructed month, the XLSX and PDF exports."""

from __future__ import annotations

import io
import unicodedata
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader
from tests.evaluations.conftest import client_for, everyone, hanoi

from tinnhiem.bodies.models import Person
from tinnhiem.cli.reminders import Command as RemindersCommand
from tinnhiem.evaluations import services, structure
from tinnhiem.evaluations.models import Unit
from tinnhiem.evaluations.reports import dashboard, late_and_missing
from tinnhiem.votes import counting
from tinnhiem.votes import services as votes
from tinnhiem.votes.models import CountMode, VoteSession
from tinnhiem.votes.results import voted_on


@pytest.fixture
def month(org: SimpleNamespace) -> SimpleNamespace:
    """March approved (one A kept by decision, 92 demoted), a second unit that has not started,
    and February past both deadlines with nobody done."""
    head = Person.objects.create(body=org.body, full_name="Võ Văn Pháp")
    other = structure.unit_save(
        actor=org.organiser, body=org.body, name="Phòng Pháp chế", head=head
    )
    slow = Person.objects.create(body=org.body, full_name="Bùi Thị Chậm")
    structure.cadre_save(actor=org.organiser, person=slow, unit=other, manager=head)
    everyone(org, 95, 92, 80, 75, 55)
    services.unit_approve(
        actor=org.users["head"], period=org.period, unit=org.unit, keep=[org.cadres[0].pk]
    )
    today = services.today()
    february = structure.period_open(
        actor=org.organiser,
        body=org.body,
        year=2026,
        month=2,
        deadline=today - timedelta(days=10),
        approve_by=today - timedelta(days=3),
    )
    return SimpleNamespace(other=other, february=february)


def test_the_dashboard_figures_of_a_constructed_month(org: SimpleNamespace, month: Any) -> None:
    board = dashboard(org.body.pk, 2026, Unit.objects.filter(body=org.body))
    february, march = board.months
    assert [key for key, _, _ in board.bands] == ["A", "B", "C", "D"]
    assert march.counts == {"A": 1, "B": 3, "C": 1}
    assert (march.approved, march.waiting, march.missing, march.late) == (5, 0, 1, 0)
    assert march.average == Decimal("79.40")
    assert march.units_late == []  # its approval deadline is still ahead
    (quota,) = march.quota
    found = (quota.unit, quota.band, quota.allowed, quota.candidates, quota.kept, quota.demoted)
    assert found == ("Phòng Tổng hợp", "A", 1, 2, 1, 1)
    assert quota.is_exceeded
    assert february.counts == {} and february.missing == 6
    assert {u.name for u in february.units_late} == {"Phòng Tổng hợp", "Phòng Pháp chế"}

    page = client_for(org.organiser).get(reverse("evaluations:dashboard", args=[org.body.pk]))
    text = page.content.decode()
    assert "<svg" in text and "79,40" in text and "Phòng Pháp chế" in text
    unit_page = client_for(org.users["head"]).get(
        reverse("evaluations:unit_dashboard", args=[org.unit.pk]) + "?year=2026"
    )
    assert "Phòng Pháp chế" not in unit_page.content.decode()


def test_the_dashboard_exports_to_xlsx(org: SimpleNamespace, month: Any) -> None:
    response = client_for(org.organiser).get(
        reverse("evaluations:dashboard_xlsx", args=[org.body.pk]) + "?year=2026"
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Phân bố xếp loại"]
    header = [cell.value for cell in sheet[3]]
    march = dict(zip(header, [cell.value for cell in sheet[5]], strict=True))
    assert march["Tháng"] == "03/2026"
    assert march["Loại A (Hoàn thành xuất sắc nhiệm vụ)"] == 1
    assert march["Loại B (Hoàn thành tốt nhiệm vụ)"] == 3
    assert march["Điểm trung bình"] == pytest.approx(79.4)
    late = [[c.value for c in row] for row in book["Đơn vị chậm"].iter_rows(min_row=2)]
    assert sorted(row[1] for row in late) == ["Phòng Pháp chế", "Phòng Tổng hợp"]
    quota = [c.value for c in book["Hạn mức"][2]]
    assert quota[:4] == ["03/2026", "Phòng Tổng hợp", None, "A"] and quota[-2:] == [1, 1]
    detail = {row[2].value: row for row in book["Chi tiết"].iter_rows(min_row=2)}
    assert detail["Phạm Thị Bình"][6].value == "B"


def test_late_and_missing_per_month_and_the_reminders(org: SimpleNamespace, month: Any) -> None:
    february = month.february
    late = late_and_missing(
        february,
        _cadres(org),
        Unit.objects.filter(body=org.body),
    )
    assert late.is_past_deadline and late.is_past_approval
    assert len(late.missing) == 6 and {u.name for u in late.units_to_approve} == {
        "Phòng Tổng hợp",
        "Phòng Pháp chế",
    }
    out = io.StringIO()
    call_command(RemindersCommand(), stdout=out)
    text = out.getvalue()
    assert "tháng 02/2026" in text
    assert "Quá hạn, chưa nộp: Bùi Thị Chậm (Phòng Pháp chế)" in text
    assert "Chờ phê duyệt (quá hạn): Phòng Pháp chế — thủ trưởng: Võ Văn Pháp" in text
    assert "tháng 03/2026" not in text  # due in ten days: not yet
    ahead = io.StringIO()
    call_command(RemindersCommand(), "--days", "15", stdout=ahead)
    march = ahead.getvalue().split("tháng 03/2026")[1]
    assert "Sắp đến hạn, chưa nộp: Bùi Thị Chậm" in march
    assert "Nguyễn Văn An" not in march and "Chờ phê duyệt" not in march
    quiet = io.StringIO()
    call_command(RemindersCommand(), "--days", "0", "--date", "2026-01-15", stdout=quiet)
    assert "Không ai chậm" in quiet.getvalue()


def _cadres(org: SimpleNamespace) -> Any:
    from tinnhiem.evaluations.models import Cadre

    return Cadre.objects.filter(person__body=org.body).select_related("person", "unit", "manager")


def _closed_vote(
    org: SimpleNamespace, users: dict[str, Any], person: Person, **kwargs: Any
) -> VoteSession:
    session = votes.session_create(
        actor=org.organiser,
        body=org.body,
        profile_key="nq96",
        count_mode=CountMode.AGGREGATE,
        members=10,
        **kwargs,
    )
    votes.candidates_set(
        actor=org.organiser,
        session=session,
        specs=[
            votes.CandidateSpec(full_name="Trịnh Thị Khác", position="Phó Chủ tịch"),
            votes.CandidateSpec(
                full_name=person.full_name, position="Chánh Văn phòng", person_id=person.pk
            ),
        ],
    )
    votes.session_open(actor=org.organiser, session=session)
    figures = dict.fromkeys(("members", "summoned", "present", "issued", "collected"), 10)
    votes.figures_set(actor=org.organiser, session=session, **figures)
    votes.counting_start(actor=users["board1"], session=session)
    first, ours = voted_on(session)
    low = 7 if session.held_on.year == 2024 else 1
    counting.aggregate_record(
        actor=users["board1"],
        session=session,
        rows={
            first.pk: ({"high": 8, "confidence": 2, "low": 0}, 0),
            ours.pk: ({"high": 10 - low - 1, "confidence": 1, "low": low}, 0),
        },
    )
    return counting.count_close(actor=users["board1"], session=session)


def test_the_profile_shows_every_confidence_vote_with_its_band(
    org: SimpleNamespace, users: dict[str, Any], month: Any
) -> None:
    from tinnhiem.bodies.models import Holding, Post, Term

    person = org.cadres[0].person
    term = Term.objects.create(body=org.body, name="Nhiệm kỳ 2021-2026")
    post = Post.objects.create(body=org.body, title="Chánh Văn phòng", rank=3)
    Holding.objects.create(person=person, post=post, term=term, took_office_on=date(2021, 7, 1))
    _closed_vote(
        org, users, person, title="Lấy phiếu tín nhiệm năm 2024", held_on=date(2024, 12, 6)
    )
    later = _closed_vote(
        org, users, person, title="Lấy phiếu tín nhiệm năm 2025", held_on=date(2025, 12, 5)
    )
    votes.session_publish(actor=users["board1"], session=later)
    draft = {"title": "Đợt chưa kiểm phiếu", "held_on": date(2026, 12, 1), "profile_key": "nq96"}
    votes.session_create(actor=org.organiser, body=org.body, **draft)  # not a result yet

    page = client_for(org.users["cadre"]).get(
        reverse("evaluations:profile", args=[org.cadres[0].pk])
    )
    text = page.content.decode()
    assert "Chánh Văn phòng" in text and "Nhiệm kỳ 2021-2026" in text and "01/07/2021" in text
    assert "Lấy phiếu tín nhiệm năm 2024" in text and "Lấy phiếu tín nhiệm năm 2025" in text
    assert "Đợt chưa kiểm phiếu" not in text
    assert "Từ 2/3 phiếu tín nhiệm thấp trở lên" in text  # 2024: 7 of 10 low
    assert "Tín nhiệm thấp: 7 (70,00%)" in text
    assert "Tín nhiệm cao: 8 (80,00%)" in text  # 2025, matched by order, not the first person's
    assert "Tín nhiệm cao: 8 (80,00%)" not in text.split("Lấy phiếu tín nhiệm năm 2025")[0]
    assert "<svg" in text and "Năm 2026: A" in text  # the year from its one approved month
    assert "Hoàn thành xuất sắc nhiệm vụ" in text


def test_the_profile_exports_to_pdf_with_its_diacritics(
    org: SimpleNamespace, users: dict[str, Any], month: Any
) -> None:
    person = org.cadres[1].person
    _closed_vote(
        org, users, person, title="Lấy phiếu tín nhiệm năm 2024", held_on=date(2024, 12, 6)
    )
    response = client_for(org.users["manager"]).get(
        reverse("evaluations:profile_pdf", args=[org.cadres[1].pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = unicodedata.normalize("NFC", " ".join(p.extract_text() or "" for p in reader.pages))
    text = " ".join(text.split())  # table cells wrap
    for expected in (
        "HỒ SƠ KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁN BỘ",
        "Phạm Thị Bình",
        "Phòng Tổng hợp",
        "Lê Thị Quản",
        "Trần Văn Trưởng",
        "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
        "Hoàn thành tốt nhiệm vụ",
        "Hạ loại theo quyết định phê duyệt",
        "Từ 2/3 phiếu tín nhiệm thấp trở lên",
        "92,00",
    ):
        assert expected in text, expected
    assert reader.metadata is not None and "Phạm Thị Bình" in str(reader.metadata.title)


def test_a_cadre_without_results_has_an_empty_but_readable_profile(org: SimpleNamespace) -> None:
    services.evaluation_self_assess(
        actor=org.users["cadre"], cadre=org.cadres[0], period=org.period, scores=hanoi(80)
    )
    page = client_for(org.users["cadre"]).get(
        reverse("evaluations:profile", args=[org.cadres[0].pk])
    )
    text = page.content.decode()
    assert "Chưa có kết quả lấy phiếu tín nhiệm" in text and "Đang tự đánh giá" in text
    pdf = client_for(org.users["cadre"]).get(
        reverse("evaluations:profile_pdf", args=[org.cadres[0].pk])
    )
    assert pdf.status_code == 200
