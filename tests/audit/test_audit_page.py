"""The audit log's page: a body's administrators see their body's rows, a site administrator
every row and the log's head."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from tinnhiem.votes.models import VoteSession


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def table_of(page: str) -> str:
    """The rows of the log's table (the filters' options name the codes in their values)."""
    return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


def test_a_body_administrator_sees_only_their_bodies_rows_not_the_logs_head(
    draft: VoteSession, users: dict[str, Any], other_body: Any, make_user: Any
) -> None:
    from django.db import transaction

    from tinnhiem.audit.models import AuditEvent
    from tinnhiem.audit.services import record

    with transaction.atomic():
        elsewhere = record(actor=users["admin"], action="x.elsewhere", body_id=other_body.pk)
    ours = AuditEvent.objects.filter(body_id=draft.body_id).order_by("-seq").first()
    page = client_for(users["admin"]).get(reverse("audit")).content.decode()
    assert f"<code>{ours.hash}</code>" in page and "x.elsewhere" not in page
    assert elsewhere.hash not in page
    assert (
        "Không có dòng nào" in client_for(users["organiser"]).get(reverse("audit")).content.decode()
    )
    site_admin = make_user("site", is_superuser=True)
    page = client_for(site_admin).get(reverse("audit")).content.decode()
    assert f"<code>{elsewhere.hash}</code>" in page and "x.elsewhere" in page


def test_each_row_reads_as_words_the_action_the_object_by_its_name_and_what_changed(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    client = client_for(users["admin"])
    page = table_of(client.get(reverse("audit")).content.decode())
    assert "Tạo đợt lấy phiếu" in page and "Bắt đầu kiểm phiếu" in page
    assert "session.create" not in page and "counting.start" not in page
    assert "Lấy phiếu tín nhiệm năm 2023" in page  # the session by its title
    assert "VoteSession" not in page and "Đợt lấy phiếu" in page
    assert "Trạng thái:</span> <del>Đã mở (đã in phiếu)</del> → <ins>Đang kiểm phiếu</ins>" in page
    assert '<pre class="json">' not in page and "{&quot;" not in page
    client.cookies["django_language"] = "en"
    page = client.get(reverse("audit")).content.decode()
    assert "Session created" in page and "Count started" in page


def test_a_body_is_named_and_an_account_by_its_persons_name(
    body: Any, users: dict[str, Any], make_user: Any
) -> None:
    from django.db import transaction

    from tinnhiem.audit.services import record

    person = make_user("nva", first_name="Nguyễn Văn A")
    with transaction.atomic():
        record(actor=users["admin"], action="body.create", obj=body, body_id=body.pk)
        record(actor=person, action="user.password_change", obj=person, body_id=body.pk)
    page = client_for(users["admin"]).get(reverse("audit")).content.decode()
    assert "Hội đồng nhân dân Thành phố Hồ Chí Minh" in page and "Body 1" not in page
    assert "Nguyễn Văn A (nva)" in page and "Đổi mật khẩu" in page


def _rows(body: Any, actor: Any, count: int, action: str = "body.create") -> None:
    from django.db import transaction

    from tinnhiem.audit.services import record

    with transaction.atomic():
        for number in range(count):
            record(actor=actor, action=action, obj=body, body_id=body.pk, after={"n": number})


def test_fifty_rows_a_page_and_the_filters_kept_from_page_to_page(
    body: Any, users: dict[str, Any]
) -> None:
    _rows(body, users["admin"], 60)
    _rows(body, users["organiser"], 3, action="role.grant")
    client = client_for(users["admin"])
    first = client.get(reverse("audit")).content.decode()
    assert first.count('<td class="audit-when">') == 50 and "Trang 1 / 2" in first
    second = client.get(reverse("audit"), {"page": 2}).content.decode()
    assert second.count('<td class="audit-when">') == 13
    only = client.get(reverse("audit"), {"action": "role.grant"}).content.decode()
    assert only.count('<td class="audit-when">') == 3 and "Phân quyền" in only
    by_who = client.get(reverse("audit"), {"who": "admin", "object_type": "Body"}).content.decode()
    assert by_who.count('<td class="audit-when">') == 50 and "action=&amp;" not in by_who
    assert "who=admin&amp;object_type=Body&amp;page=2" in by_who


def test_the_period_filter_keeps_the_days_given_and_refuses_a_date_that_is_not_one(
    body: Any, users: dict[str, Any]
) -> None:
    from django.utils import timezone

    _rows(body, users["admin"], 2)
    today = timezone.localdate()
    client = client_for(users["admin"])
    kept = client.get(reverse("audit"), {"from": today.isoformat(), "to": today.isoformat()})
    assert kept.content.decode().count('<td class="audit-when">') == 2
    later = client.get(reverse("audit"), {"from": "31/12/2999"}).content.decode()
    assert later.count('<td class="audit-when">') == 0
    bad = client.get(reverse("audit"), {"from": "2026-13-45"})
    assert bad.status_code == 200
    assert "Từ ngày: «2026-13-45» không phải ngày hợp lệ" in bad.content.decode()


def test_the_export_holds_the_filtered_rows_as_text_cells_and_is_itself_logged(
    body: Any, other_body: Any, users: dict[str, Any], make_user: Any
) -> None:
    import io

    from django.db import transaction
    from openpyxl import load_workbook

    from tinnhiem.audit.models import AuditEvent
    from tinnhiem.audit.services import record

    with transaction.atomic():
        record(
            actor=users["admin"],
            action="body.create",
            obj=body,
            body_id=body.pk,
            after={"name": '=HYPERLINK("http://evil.example","x")'},
        )
        record(actor=users["admin"], action="body.create", obj=other_body, body_id=other_body.pk)
    _rows(body, users["organiser"], 2, action="role.grant")
    response = client_for(users["admin"]).post(reverse("audit_export"), {"who": "admin"})
    assert response["Content-Disposition"].startswith('attachment; filename="nhat-ky-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    table = [[c.value for c in row] for row in sheet.iter_rows()]
    assert table[0][:4] == ["Số thứ tự", "Thời điểm", "Người thực hiện", "Việc"]
    assert len(table) == 2 and table[1][3] == "Tạo cơ quan"  # not the other body's, nor role.grant
    assert table[1][5] == "Hội đồng nhân dân Thành phố Hồ Chí Minh"
    changes = sheet.cell(row=2, column=7)
    assert changes.data_type == "s" and changes.value.startswith("Tên: ")
    logged = AuditEvent.objects.order_by("-seq").first()
    assert logged.action == "audit.export" and logged.actor == "admin"
    assert logged.after == {"rows": 1, "filters": {"who": "admin"}, "format": "xlsx"}
    assert logged.body_id == body.pk


def test_a_stored_status_reads_as_its_objects_own_choice() -> None:
    from tinnhiem.audit.display import changes
    from tinnhiem.evaluations.models import Evaluation

    (change,) = changes({"status": "draft"}, {"status": "submitted"}, Evaluation)
    assert (change.field, change.before, change.after) == (
        "Trạng thái",
        "Đang tự đánh giá",
        "Đã nộp, chờ nhận xét",
    )
