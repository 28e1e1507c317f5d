"""Who sees which programme page: every role on every page (an outsider gets the site's 403),
and what each page shows and does."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.programmes.world import World, make_world

from tinnhiem.audit.models import AuditEvent
from tinnhiem.bodies.models import Body
from tinnhiem.programmes.models import Task

ROLES = (
    "admin",
    "office",
    "steering",
    "inspection",
    "internal",
    "focal",
    "head",
    "noi-vu.focal",
    "organiser",
    "stranger",
)
READERS = {"admin", "office", "steering", "inspection"}
AGENCY = {"focal", "head"}
# page: (address from the world, the roles that may open it)
PAGES: dict[str, tuple[Callable[[World], str], set[str]]] = {
    "index": (
        lambda w: reverse("programmes:index"),
        READERS | AGENCY | {"internal", "noi-vu.focal"},
    ),
    "programme": (
        lambda w: reverse("programmes:programme", args=[w.programme.pk]),
        READERS | AGENCY | {"noi-vu.focal"},
    ),
    "dashboard": (lambda w: reverse("programmes:dashboard", args=[w.programme.pk]), READERS),
    "targets": (lambda w: reverse("programmes:targets", args=[w.programme.pk]), READERS),
    "export": (lambda w: reverse("programmes:export", args=[w.programme.pk, "xlsx"]), READERS),
    "task": (lambda w: reverse("programmes:task", args=[w.open.pk]), READERS | AGENCY),
    "update_new": (
        lambda w: reverse("programmes:update_new", args=[w.open.pk]),
        {"admin", "office", "focal"},
    ),
    "attachment": (
        lambda w: reverse("programmes:attachment", args=[w.open.updates.get().files.get().pk]),
        READERS | AGENCY,
    ),
    "import": (
        lambda w: reverse("programmes:import", args=[w.programme.body_id]),
        {"admin", "office"},
    ),
    "ktgs": (lambda w: reverse("programmes:ktgs", args=[w.programme.body_id]), READERS),
    "cases": (
        lambda w: reverse("programmes:cases", args=[w.programme.body_id]),
        {"steering", "internal"},
    ),
    "reform": (lambda w: reverse("programmes:reform", args=[w.programme.body_id]), READERS),
    "case": (lambda w: reverse("programmes:case", args=[w.case.pk]), {"steering", "internal"}),
    "case_new": (
        lambda w: reverse("programmes:case_new", args=[w.programme.body_id]),
        {"internal"},
    ),
    "case_remove": (lambda w: reverse("programmes:case_remove", args=[w.case.pk]), {"internal"}),
    "stop": (lambda w: reverse("programmes:stop", args=[w.open.pk]), {"admin", "office"}),
}


@pytest.fixture
def world(committee: Body, people: dict[str, Any], make_user: Callable[..., Any]) -> World:
    return make_world(committee, people, make_user)


def page_text(response: Any) -> str:
    return html.unescape(response.content.decode())


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_role_on_every_page(world: World, page: str) -> None:
    address, allowed = PAGES[page]
    url = address(world)
    for role in ROLES:
        response = client_of(world.users[role]).get(url)
        expected = 200 if role in allowed else 403
        assert response.status_code == expected, f"{role} on {page}: {response.status_code}"
        if expected == 403:
            page = response.content.decode()  # the site's 403 page, with the refusal's reason
            assert '<h1 id="error-title">Không có quyền <small>' in page
            reason = page.split('role="alert">')[1].split("</p>")[0]
            assert "quyền" in reason or "Chỉ" in reason, reason  # the check's own words
            assert "<p>Tài khoản của bạn không có quyền xem trang này" in page  # then the site's


@pytest.mark.parametrize("page", sorted(PAGES))
def test_anonymous_is_sent_to_log_in(world: World, page: str) -> None:
    response = Client().get(PAGES[page][0](world))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_agency_sees_only_its_own_tasks(world: World) -> None:
    page = client_of(world.users["noi-vu.focal"]).get(
        reverse("programmes:programme", args=[world.programme.pk])
    )
    text = page.content.decode()
    assert "Nhiệm vụ 4" in text and "Nhiệm vụ 1" not in text


def test_filters_by_status_key_and_overdue(world: World) -> None:
    client = client_of(world.users["office"])
    url = reverse("programmes:programme", args=[world.programme.pk])
    overdue = client.get(url, {"overdue": "1"}).content.decode()
    assert "Nhiệm vụ 3" in overdue and "Nhiệm vụ 2" not in overdue
    key = client.get(url, {"key": "1"}).content.decode()
    assert "Nhiệm vụ 2" in key and "Nhiệm vụ 3" not in key
    done = client.get(url, {"state": "done_on_time"}).content.decode()
    assert "Nhiệm vụ 1" in done and "Nhiệm vụ 2" not in done
    agency = client.get(url, {"agency": world.other.pk}).content.decode()
    assert "Nhiệm vụ 4" in agency and "Nhiệm vụ 1" not in agency
    # on a date before task 3's deadline it was not yet overdue
    before = client.get(url, {"overdue": "1", "on": "2000-01-01"}).content.decode()
    assert "Nhiệm vụ 3" not in before


def test_update_written_submitted_confirmed_makes_the_task_done(world: World) -> None:
    task_url = reverse("programmes:task", args=[world.overdue.pk])
    form = client_of(world.users["focal"]).post(
        reverse("programmes:update_new", args=[world.overdue.pk]),
        {"as_of": "2026-01-05", "narrative": "Đã ban hành", "is_done": "on", "percent": "100"},
    )
    assert form.status_code == 302 and form["Location"] == task_url
    update = world.overdue.updates.get()
    head = client_of(world.users["head"])
    head.post(reverse("programmes:update_submit", args=[update.pk]))
    office = client_of(world.users["office"])
    office.post(reverse("programmes:update_confirm", args=[update.pk]))
    world.overdue.refresh_from_db()
    assert world.overdue.completed_on is not None
    assert "Hoàn thành quá hạn" in office.get(task_url).content.decode()


def test_a_focal_officer_cannot_submit(world: World) -> None:
    update = world.open.updates.get()
    client_of(world.users["focal"]).post(reverse("programmes:update_submit", args=[update.pk]))
    update.refresh_from_db()
    assert update.status == "draft"


def test_return_needs_a_reason_and_shows_it(world: World) -> None:
    update = world.open.updates.get()
    client_of(world.users["head"]).post(reverse("programmes:update_submit", args=[update.pk]))
    office = client_of(world.users["office"])
    url = reverse("programmes:update_return", args=[update.pk])
    page = office.post(url, {"reason": ""}, follow=True).content.decode()
    assert "Cần ghi lý do trả lại" in page
    office.post(url, {"reason": "Thiếu số liệu quý IV"})
    update.refresh_from_db()
    assert update.status == "returned" and update.return_reason == "Thiếu số liệu quý IV"


def test_the_update_form_keeps_what_was_typed_and_marks_the_field(world: World) -> None:
    response = client_of(world.users["focal"]).post(
        reverse("programmes:update_new", args=[world.overdue.pk]),
        {"as_of": "2026-01-05", "narrative": "Đang hoàn thiện", "percent": "140"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Đang hoàn thiện" in text and 'value="140"' in text and 'aria-invalid="true"' in text
    assert not world.overdue.updates.exists()


def test_a_refused_attachment_leaves_nothing_written(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_of(world.users["focal"]).post(
        reverse("programmes:update_new", args=[world.overdue.pk]),
        {
            "as_of": "2026-01-05",
            "narrative": "Kèm tệp",
            "documents": SimpleUploadedFile(
                "virus.exe", b"MZ", content_type="application/x-msdownload"
            ),
        },
    )
    assert (
        "virus.exe" in response.content.decode() and "không được nhận" in response.content.decode()
    )
    assert not world.overdue.updates.exists()


def test_reminder_is_counted_mailed_and_escalates_past_three(
    world: World, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    office = client_of(world.users["office"])
    url = reverse("programmes:remind", args=[world.open.pk])
    with django_capture_on_commit_callbacks(execute=True):
        office.post(url, {"note": "Đề nghị báo cáo", "by_mail": "on"})
    assert [m.to for m in mailoutbox] == [["to-chuc.focal@example.vn", "to-chuc.head@example.vn"]]
    for _ in range(3):
        office.post(url, {"note": ""})
    assert world.open.reminders.count() == 4
    board = office.get(reverse("programmes:dashboard", args=[world.programme.pk])).content.decode()
    assert f'href="/programmes/tasks/{world.open.pk}/"' in board  # escalated: 4 reminders


def test_dashboard_counts_and_svg(world: World) -> None:
    response = client_of(world.users["steering"]).get(
        reverse("programmes:dashboard", args=[world.programme.pk])
    )
    text = response.content.decode()
    assert text.count("<svg") == 3 and "<script" not in text and "style=" not in text
    assert "Ban Tổ chức Thành ủy" in text and "108,72" in text


def test_targets_page_shows_percent_and_verdict(world: World) -> None:
    text = (
        client_of(world.users["office"])
        .get(reverse("programmes:targets", args=[world.programme.pk]))
        .content.decode()
    )
    assert "108,72" in text and "Vượt" in text and "10100" in text


def test_watched_cases_read_is_audited(world: World) -> None:
    before = AuditEvent.objects.filter(action="case.read").count()
    text = (
        client_of(world.users["internal"])
        .get(reverse("programmes:cases", args=[world.programme.body_id]))
        .content.decode()
    )
    assert "Vụ án Công ty A" in text
    assert AuditEvent.objects.filter(action="case.read").count() == before + 1


def test_ktgs_table_refused_whole_naming_row_and_rule(world: World) -> None:
    url = reverse("programmes:ktgs", args=[world.programme.body_id])
    data = {
        "period": "6 tháng 2023",
        "starts_on": "2023-01-01",
        "ends_on": "2023-06-30",
        "committee_inspection.organisations.inspected": "20",
        "committee_inspection.organisations.violating": "3",
        "committee_inspection.members.inspected": "50",
        "committee_inspection.members.violating": "60",
    }
    response = client_of(world.users["inspection"]).post(url, data)
    text = response.content.decode()
    assert "Dòng 2 (Cấp ủy kiểm tra — Đảng viên)" in text and "lớn hơn số được kiểm tra" in text
    assert 'value="60"' in text and 'value="20"' in text
    from tinnhiem.programmes.models import InspectionFigure

    assert not InspectionFigure.objects.filter(period="6 tháng 2023").exists()
    data["committee_inspection.members.violating"] = "6"
    assert client_of(world.users["inspection"]).post(url, data).status_code == 302
    assert InspectionFigure.objects.filter(period="6 tháng 2023").count() == 2


def test_ktgs_a_non_number_names_the_row_and_column(world: World) -> None:
    response = client_of(world.users["inspection"]).post(
        reverse("programmes:ktgs", args=[world.programme.body_id]),
        {
            "period": "2023",
            "starts_on": "2023-01-01",
            "ends_on": "2023-12-31",
            "finance.organisations.inspected": "mười",
        },
    )
    assert "Dòng 7, cột 'Được kiểm tra, giám sát': 'mười'" in page_text(response)


def test_the_office_cannot_enter_ktgs(world: World) -> None:
    response = client_of(world.users["office"]).post(
        reverse("programmes:ktgs", args=[world.programme.body_id]),
        {"period": "2023", "starts_on": "2023-01-01", "ends_on": "2023-12-31"},
    )
    assert response.status_code == 403


def test_reform_form_refuses_more_online_than_received(world: World) -> None:
    url = reverse("programmes:reform", args=[world.programme.body_id])
    office = client_of(world.users["office"])
    text = office.post(
        url, {"year": "2023", "files_total": "10", "files_online": "12"}
    ).content.decode()
    assert "lớn hơn tổng số hồ sơ" in text and 'value="12"' in text
    assert (
        office.post(url, {"year": "2023", "abolished": "5", "par_index": "88.5"}).status_code == 302
    )


def test_import_previews_row_by_row_then_saves(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    office = client_of(world.users["office"])
    url = reverse("programmes:import", args=[world.programme.body_id])
    sheet = (
        "Mã,Tên nhiệm vụ,Cơ quan chủ trì,Thời hạn\n"
        "1,Nhiệm vụ 1 (sửa),Ban Tổ chức Thành ủy,31/12/2025\n"
        "9,Nhiệm vụ mới,Sở Nội vụ,Thường xuyên\n"
        "10,Nhiệm vụ sai,Sở Nội vụ,31/02/2025\n"
    ).encode()
    bad = office.post(url, {"code": "01-CTr/TU", "file": SimpleUploadedFile("nv.csv", sheet)})
    text = page_text(bad)
    assert (
        "Dòng 4, cột 'Thời hạn': '31/02/2025'" in text
        and "Không có gì được lưu" in text
        and "Thêm mới" in text
    )
    good = sheet.rsplit(b"10,", 1)[0]
    preview = office.post(url, {"code": "01-CTr/TU", "file": SimpleUploadedFile("nv.csv", good)})
    token = preview.context["token"]
    assert "Cập nhật" in preview.content.decode()
    done = office.post(
        reverse("programmes:import_confirm", args=[world.programme.body_id]),
        {"preview": token, "code": "01-CTr/TU", "title": ""},
    )
    assert done.status_code == 302
    assert world.programme.tasks.count() == 5
    world.done.refresh_from_db()
    assert world.done.title == "Nhiệm vụ 1 (sửa)"


def test_export_imports_back_unchanged(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    office = client_of(world.users["office"])
    content = office.get(reverse("programmes:export", args=[world.programme.pk, "xlsx"])).content
    preview = office.post(
        reverse("programmes:import", args=[world.programme.body_id]),
        {"code": "01-CTr/TU", "file": SimpleUploadedFile("nv.xlsx", content)},
    )
    rows = preview.context["preview"].rows
    assert len(rows) == 4 and {row.change for row in rows} == {"same"}


def test_the_menu_links_the_programmes(world: World) -> None:
    text = client_of(world.users["office"]).get("/").content.decode()
    assert 'href="/programmes/"' in text


@pytest.mark.parametrize("page", ["programme", "dashboard"])
def test_list_pages_query_count_does_not_grow_with_tasks(world: World, page: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tinnhiem.programmes.models import Task

    client = client_of(world.users["office"])
    url = PAGES[page][0](world)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(20):
        Task.objects.create(
            programme=world.programme, code=f"x{number}", title="Thêm", lead=world.other
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_pages_switch_to_english(world: World) -> None:
    client = client_of(world.users["office"])
    client.cookies["django_language"] = "en"
    text = client.get(reverse("programmes:dashboard", args=[world.programme.pk])).content.decode()
    assert "Done on time" in text and "By lead agency" in text


def test_the_dashboard_lists_the_longest_overdue_first_and_counts_the_rest(
    world: World, monkeypatch: Any
) -> None:
    """A programme of 25,000 tasks may have 9,000 overdue: the dashboard draws the most urgent
    (benchmarks/programmes_25k.py) and links to the programme page for all of them."""
    from tinnhiem.programmes import workflow
    from tinnhiem.programmes.views import dashboard
    from tinnhiem.programmes.workflow import escalated

    for _ in range(4):  # escalated too: reminded more than three times
        workflow.reminder_send(actor=world.users["office"], task=world.open)
    today = timezone.localdate()
    flagged = list(
        escalated(Task.objects.filter(programme=world.programme), today).order_by(
            F("counted_deadline").asc(nulls_last=True), F("reminded").desc(), "code"
        )
    )
    assert len(flagged) >= 2
    monkeypatch.setattr(dashboard, "ATTENTION_SHOWN", 1)
    text = (
        client_of(world.users["steering"])
        .get(reverse("programmes:dashboard", args=[world.programme.pk]))
        .content.decode()
    )
    listed = text.split("Quá hạn hoặc đôn đốc quá 3 lần")[1]
    assert f"({len(flagged)})" in listed.split("</h2>")[0]
    assert "Hiển thị 1 nhiệm vụ quá hạn lâu nhất" in listed
    assert f'href="/programmes/{world.programme.pk}/?overdue=1"' in listed
    assert f'href="/programmes/tasks/{flagged[0].pk}/"' in listed  # the longest overdue
    assert all(f'href="/programmes/tasks/{t.pk}/"' not in listed for t in flagged[1:])
