"""The party-member register (form 7-HSĐV) of a body: units (party cells), one record per member,
and the dated events that move a member in or out of the register."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tinnhiem.accounts.models import RoleGrant
from tinnhiem.bodies.models import Body, Person


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Đang sinh hoạt")
    TRANSFERRED_OUT = "transferred_out", _("Đã chuyển đi")
    LEFT = "left", _("Đã ra khỏi Đảng")
    DECEASED = "deceased", _("Đã từ trần")


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Service(models.TextChoices):
    """Column 9 of 7-HSĐV: army, police or retired."""

    NONE = "", _("—")
    ARMY = "army", _("Quân đội")
    POLICE = "police", _("Công an")
    RETIRED = "retired", _("Hưu trí")


class LeavingForm(models.TextChoices):
    ALLOWED_TO_LEAVE = "allowed_to_leave", _("Cho ra khỏi Đảng")
    STRUCK_OFF = "struck_off", _("Xóa tên")
    EXPELLED = "expelled", _("Khai trừ")


class EventKind(models.TextChoices):
    ADMITTED = "admitted", _("Kết nạp")
    TRANSFERRED_IN = "transferred_in", _("Chuyển đến")
    TRANSFERRED_OUT = "transferred_out", _("Chuyển đi")
    LEFT = "left", _("Ra khỏi Đảng")
    DIED = "died", _("Từ trần")
    MOVED = "moved", _("Chuyển chi bộ")  # between party cells of the same body


class OrgUnit(models.Model):
    """An organisational unit of the body: a party cell (chi bộ)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="org_units")
    name = models.CharField(_("chi bộ"), max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="members_unique_unit_name")
        ]

    def __str__(self) -> str:
        return self.name


class UnitAccess(models.Model):
    """A reader's access to one unit's records. The reader holds a role on the body (the
    grant); organisers and administrators see every unit without one."""

    grant = models.ForeignKey(RoleGrant, on_delete=models.CASCADE, related_name="unit_access")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="access")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["grant", "unit"], name="members_unique_unit_access"),
        ]

    def __str__(self) -> str:
        return f"{self.grant} · {self.unit}"


class MemberRecord(models.Model):
    """One row of the register. Status and the event columns are set by the event services."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="member_records")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="records")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="member_records"
    )
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    full_name = models.CharField(_("họ và tên đang dùng"), max_length=200)
    birth_name = models.CharField(_("họ và tên khai sinh"), max_length=200, blank=True)
    search_name = models.CharField(max_length=400, db_index=True, editable=False)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    sex = models.CharField(_("giới tính"), max_length=10, choices=Sex.choices)
    ethnicity = models.CharField(_("dân tộc"), max_length=60, blank=True)
    religion = models.CharField(_("tôn giáo"), max_length=60, blank=True)
    home_town = models.CharField(_("quê quán"), max_length=300, blank=True)
    education = models.CharField(_("giáo dục phổ thông"), max_length=60, blank=True)
    political_theory = models.CharField(_("lý luận chính trị"), max_length=100, blank=True)
    professional = models.CharField(_("chuyên môn, nghiệp vụ"), max_length=200, blank=True)
    foreign_language = models.CharField(_("ngoại ngữ"), max_length=100, blank=True)
    occupation_before = models.CharField(_("nghề nghiệp khi vào Đảng"), max_length=200, blank=True)
    occupation_now = models.CharField(_("nghề nghiệp hiện nay"), max_length=200, blank=True)
    admitted_on = models.DateField(_("ngày vào Đảng"))
    full_member_on = models.DateField(_("ngày chính thức"), null=True, blank=True)
    card_number = models.CharField(_("số thẻ đảng viên"), max_length=8, blank=True)
    record_number = models.CharField(_("số lý lịch"), max_length=9, blank=True)
    badge_number = models.CharField(_("số huy hiệu"), max_length=40, blank=True)
    service = models.CharField(
        _("quân đội, công an, hưu trí"), max_length=10, choices=Service.choices, blank=True
    )
    citizen_id = models.CharField(_("số căn cước công dân"), max_length=12, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    transferred_out_on = models.DateField(_("ngày chuyển đi"), null=True, blank=True)
    transferred_out_to = models.CharField(_("chuyển đi đến"), max_length=300, blank=True)
    transferred_in_on = models.DateField(_("ngày chuyển đến"), null=True, blank=True)
    transferred_in_from = models.CharField(_("chuyển đến từ"), max_length=300, blank=True)
    died_on = models.DateField(_("ngày từ trần"), null=True, blank=True)
    left_on = models.DateField(_("ngày ra khỏi Đảng"), null=True, blank=True)
    left_reason = models.CharField(_("lý do ra khỏi Đảng"), max_length=300, blank=True)
    left_form = models.CharField(
        _("hình thức ra khỏi Đảng"), max_length=20, choices=LeavingForm.choices, blank=True
    )
    notes = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit__name", "search_name", "id"]
        indexes = [  # the register page's first page in order, whatever the filter
            models.Index(fields=["body", "id"], name="members_record_body_order"),
            models.Index(fields=["unit", "id"], name="members_record_unit_order"),
            models.Index(fields=["body", "status", "id"], name="members_record_status_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "record_number"],
                condition=~Q(record_number=""),
                name="members_unique_record_number",
            ),
            models.UniqueConstraint(
                fields=["body", "card_number"],
                condition=~Q(card_number=""),
                name="members_unique_card_number",
            ),
            models.UniqueConstraint(
                fields=["body", "citizen_id"],
                condition=~Q(citizen_id=""),
                name="members_unique_citizen_id",
            ),
            models.CheckConstraint(
                condition=Q(full_member_on__isnull=True) | Q(full_member_on__gt=F("admitted_on")),
                name="members_full_after_admission",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class MemberEvent(models.Model):
    """A dated change that moves a member into or out of the register, or from one party cell
    to another. The reconciliation counts these, so a transfer out and back within a quarter
    shows as both.

    History is never deleted: a mistaken event is corrected by a new event that `corrects` it
    (with its own date and details, or `is_void` when it never happened) and says why. An event
    with a correction no longer counts; the correction does (unless void)."""

    record = models.ForeignKey(MemberRecord, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=20, choices=EventKind.choices)
    happened_on = models.DateField(_("ngày"))
    place = models.CharField(_("nơi đi, nơi đến"), max_length=300, blank=True)
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    form = models.CharField(_("hình thức"), max_length=20, choices=LeavingForm.choices, blank=True)
    from_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("từ chi bộ"),
    )
    to_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đến chi bộ"),
    )
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        verbose_name=_("đính chính sự kiện"),
    )
    is_void = models.BooleanField(_("hủy sự kiện ghi nhầm"), default=False)
    correction_reason = models.CharField(_("lý do đính chính"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["happened_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""),
                name="members_correction_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(kind="moved") | Q(from_unit__isnull=False, to_unit__isnull=False),
                name="members_move_has_cells",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record} · {self.kind} · {self.happened_on}"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ lập tệp")
    RUNNING = "running", _("Đang lập tệp")
    DONE = "done", _("Sẵn sàng tải về")
    FAILED = "failed", _("Không lập được tệp")
    EXPIRED = "expired", _("Đã hết hạn, tệp đã xóa")


class RegisterExport(models.Model):
    """One export of the whole register (form 7-HSĐV), made in the background (a province's
    register takes minutes, longer than a web request may run) into a file that only the user who
    asked for it downloads, for `settings.REGISTER_EXPORT_HOURS`; then the file is deleted."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="register_exports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows = models.PositiveIntegerField(_("số đảng viên"), null=True, blank=True)
    finished_at = models.DateTimeField(_("lập xong lúc"), null=True, blank=True)
    message_vi = models.CharField(_("thông báo"), max_length=500, blank=True)
    message_en = models.CharField(_("thông báo (tiếng Anh)"), max_length=500, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "requested_by"],
                condition=Q(status__in=["queued", "running"]),
                name="members_one_pending_export",
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} · {self.requested_at:%d/%m/%Y %H:%M}"
