"""Programme steering: programmes and the tasks they assign to agencies, progress updates and
reminders, targets, inspection and discipline figures, watched cases, administrative reform,
frozen period snapshots, and the products a civil servant's monthly task points come from.

No status is stored: a task's state at a date is derived from its dates
(`tinnhiem.steering.tasks.state_on`); a target's verdict from its plan and actual.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tinnhiem.steering.cases import Level, Stage
from tinnhiem.steering.indicators import Direction
from tinnhiem.steering.inspection import Activity, Subject

# plans, actuals and money: exact decimals
DIGITS, PLACES = 20, 4


class Agency(models.Model):
    """An agency of the body that leads or co-operates on tasks (Ban Tổ chức Thành ủy, Sở Nội
    vụ…). Agencies are named as the programme's documents name them."""

    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="agencies")
    name = models.CharField(_("tên cơ quan"), max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="unique_agency")]

    def __str__(self) -> str:
        return self.name


class AgencyRole(models.TextChoices):
    FOCAL = "focal", _("Cán bộ đầu mối")  # writes the agency's progress updates
    HEAD = "head", _("Lãnh đạo cơ quan")  # submits them to the office


class AgencyMember(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agency_roles"
    )
    role = models.CharField(max_length=10, choices=AgencyRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "user", "role"], name="unique_agency_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.role}"


class Programme(models.Model):
    """A committee's term programme (e.g. Hanoi's 01-CTr/TU), its standing agency and steering
    committee. Codes are unique across the installation (the command line names them alone)."""

    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="programmes")
    code = models.CharField(_("số, ký hiệu"), max_length=60, unique=True)
    title = models.CharField(_("tên chương trình"), max_length=500)
    issued_by = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    term_start = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    term_end = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    standing_agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan thường trực"),
    )
    steering_committee = models.CharField(_("ban chỉ đạo"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class TaskGroup(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="groups")
    code = models.CharField(_("mã nhóm"), max_length=30)
    title = models.CharField(_("tên nhóm nhiệm vụ"), max_length=300)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="unique_task_group")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class TaskKind(models.TextChoices):
    PROJECT = "de_an", _("Đề án")
    TOPIC = "chuyen_de", _("Chuyên đề")
    RESEARCH = "de_tai", _("Đề tài")
    REPORT = "bao_cao", _("Báo cáo")
    LEGAL_TEXT = "van_ban", _("Văn bản")
    OTHER = "khac", _("Nhiệm vụ khác")


class Confidentiality(models.TextChoices):
    NORMAL = "thuong", _("Thường")
    CONFIDENTIAL = "mat", _("Mật")
    SECRET = "toi_mat", _("Tối mật")


class Task(models.Model):
    """One task: exactly one lead agency, any co-operating ones, a deadline or none (routine,
    "thường xuyên"). `completed_on` is the day the office confirmed it done; the deadline is the
    one the assigning document set (extensions are kept apart)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tasks")
    group = models.ForeignKey(
        TaskGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks"
    )
    code = models.CharField(_("mã"), max_length=60)
    title = models.CharField(_("tên nhiệm vụ"), max_length=1000)
    kind = models.CharField(
        _("loại"), max_length=20, choices=TaskKind.choices, default=TaskKind.PROJECT
    )
    document = models.CharField(_("văn bản giao"), max_length=200, blank=True)
    document_date = models.DateField(_("ngày văn bản giao"), null=True, blank=True)
    lead = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="led_tasks", verbose_name=_("chủ trì")
    )
    partners = models.ManyToManyField(
        Agency, blank=True, related_name="partner_tasks", verbose_name=_("phối hợp")
    )
    leader = models.CharField(_("lãnh đạo phụ trách"), max_length=200, blank=True)
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)  # None: thường xuyên
    product = models.CharField(_("sản phẩm"), max_length=500, blank=True)
    is_key = models.BooleanField(_("nhiệm vụ trọng tâm"), default=False)
    confidentiality = models.CharField(
        _("độ mật"), max_length=10, choices=Confidentiality.choices, default=Confidentiality.NORMAL
    )
    weight = models.PositiveIntegerField(_("trọng số"), default=1)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), null=True, blank=True)
    completed_on = models.DateField(_("ngày hoàn thành (đã xác nhận)"), null=True, blank=True)
    stopped_on = models.DateField(_("ngày dừng"), null=True, blank=True)
    stop_reason = models.TextField(_("lý do dừng"), blank=True)
    assignee = models.ForeignKey(
        "bodies.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tasks",
        verbose_name=_("công chức thực hiện"),
    )

    class Meta:
        ordering = ["programme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="unique_task_code"),
            models.CheckConstraint(
                condition=models.Q(progress__isnull=True) | models.Q(progress__lte=100),
                name="task_progress_percent",
            ),
        ]
        indexes = [models.Index(fields=["lead", "deadline"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class SubTask(models.Model):
    """An agency's share of a task; the task's progress rolls up by weight."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="parts")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="parts")
    title = models.CharField(_("nội dung"), max_length=500)
    weight = models.PositiveIntegerField(_("trọng số"), default=1)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["task", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="subtask_progress_percent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.task.code}: {self.title}"


class Extension(models.Model):
    """An approved extension: the deadline counted moves, the original stays on the task."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")
    new_deadline = models.DateField(_("thời hạn mới"))
    document = models.CharField(_("văn bản cho phép gia hạn"), max_length=200)
    reason = models.TextField(_("lý do"), blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    approved_at = models.DateTimeField()

    class Meta:
        ordering = ["task", "approved_at", "id"]

    def __str__(self) -> str:
        return f"{self.task.code} → {self.new_deadline:%d/%m/%Y}"


class UpdateRequest(models.TextChoices):
    NONE = "", _("Không")
    EXTENSION = "extension", _("Xin gia hạn")
    CHANGE = "change", _("Xin điều chỉnh")
    DROP = "drop", _("Xin dừng thực hiện")


class UpdateStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    RETURNED = "returned", _("Trả lại")


class ProgressUpdate(models.Model):
    """The agency's report on a task: written by its focal officer, submitted by its head,
    confirmed or returned (with a reason) by the office."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="updates")
    as_of = models.DateField(_("số liệu đến ngày"))
    narrative = models.TextField(_("kết quả thực hiện"))
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), null=True, blank=True)
    is_done = models.BooleanField(_("báo cáo đã hoàn thành"), default=False)
    obstacles = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    request = models.CharField(
        _("kiến nghị"), max_length=20, choices=UpdateRequest.choices, blank=True
    )
    requested_deadline = models.DateField(_("thời hạn đề nghị"), null=True, blank=True)
    status = models.CharField(max_length=20, choices=UpdateStatus.choices, default="draft")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)

    class Meta:
        ordering = ["task", "-as_of", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__isnull=True) | models.Q(percent__lte=100),
                name="update_percent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task.code} @ {self.as_of:%d/%m/%Y} ({self.status})"


class Attachment(models.Model):
    """A file attached to an update; served only through a view that checks access."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="programmes/%Y/%m/")
    name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name


class Reminder(models.Model):
    """A reminder (đôn đốc) sent to the lead agency; counted, and escalated past 3."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField(_("ngày đôn đốc"))
    note = models.TextField(_("nội dung"), blank=True)
    is_mailed = models.BooleanField(default=False)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        ordering = ["task", "sent_on", "id"]

    def __str__(self) -> str:
        return f"{self.task.code} @ {self.sent_on:%d/%m/%Y}"


class Indicator(models.Model):
    """A target (chỉ tiêu) for one period: plan and actual, exact decimals; the verdict is
    derived by its direction."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("chỉ tiêu"), max_length=500)
    unit = models.CharField(_("đơn vị tính"), max_length=60, blank=True)
    period = models.CharField(_("kỳ"), max_length=40)  # "2022", "6 tháng 2023", "2020-2025"
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    plan = models.DecimalField(_("kế hoạch"), max_digits=DIGITS, decimal_places=PLACES)
    actual = models.DecimalField(
        _("thực hiện"), null=True, blank=True, max_digits=DIGITS, decimal_places=PLACES
    )
    cumulative = models.DecimalField(
        _("lũy kế"), null=True, blank=True, max_digits=DIGITS, decimal_places=PLACES
    )
    direction = models.CharField(
        _("chiều"), max_length=10, choices=[(d.value, d.value) for d in Direction]
    )
    owner = models.ForeignKey(
        Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators"
    )

    class Meta:
        ordering = ["programme", "name", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name", "period"], name="unique_indicator_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.period})"


class InspectionFigure(models.Model):
    """A period's inspection, supervision or discipline figures for one activity and subject
    (KTGS); checked by `steering.inspection.check_row`, never adjusted."""

    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="ktgs")
    period = models.CharField(_("kỳ báo cáo"), max_length=40)  # "2022", "6 tháng 2023"
    starts_on = models.DateField()
    ends_on = models.DateField()
    activity = models.CharField(max_length=40, choices=[(a.value, a.value) for a in Activity])
    subject = models.CharField(max_length=20, choices=[(s.value, s.value) for s in Subject])
    inspected = models.PositiveIntegerField(default=0)
    committee_members = models.PositiveIntegerField(default=0)
    violating = models.PositiveIntegerField(default=0)
    to_discipline = models.PositiveIntegerField(default=0)
    disciplined = models.PositiveIntegerField(default=0)
    forms = models.JSONField(default=dict, blank=True)  # form key → count

    class Meta:
        ordering = ["body", "-ends_on", "activity", "subject"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "starts_on", "ends_on", "activity", "subject"],
                name="unique_ktgs_row",
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.activity} {self.subject}"


class CaseKind(models.TextChoices):
    CASE = "vu_an", _("Vụ án")  # a criminal case
    MATTER = "vu_viec", _("Vụ việc")  # a matter still being verified


class WatchedCase(models.Model):
    """A case or matter on a steering committee's watch list. No defendant is ever named: the
    stages count defendants only. Readable only by the roles granted it; every read is logged."""

    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="cases")
    name = models.CharField(_("tên vụ án, vụ việc"), max_length=500)
    kind = models.CharField(max_length=10, choices=CaseKind.choices, default=CaseKind.CASE)
    level = models.CharField(max_length=20, choices=[(lv.value, lv.value) for lv in Level])
    listed_on = models.DateField(_("ngày đưa vào diện theo dõi"))
    removed_on = models.DateField(_("ngày đưa ra khỏi diện theo dõi"), null=True, blank=True)
    removal_document = models.CharField(_("văn bản đồng ý"), max_length=200, blank=True)
    removal_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    handling_agency = models.CharField(_("cơ quan thụ lý"), max_length=200, blank=True)
    damage = models.DecimalField(
        _("thiệt hại (đồng)"), null=True, blank=True, max_digits=DIGITS, decimal_places=PLACES
    )
    recovered = models.DecimalField(
        _("đã thu hồi (đồng)"), null=True, blank=True, max_digits=DIGITS, decimal_places=PLACES
    )
    seized = models.DecimalField(
        _("đã kê biên, tạm giữ (đồng)"),
        null=True,
        blank=True,
        max_digits=DIGITS,
        decimal_places=PLACES,
    )
    blockers = models.CharField(_("vướng mắc"), max_length=300, blank=True)  # định giá, giám định
    proposal = models.CharField(_("đề xuất"), max_length=300, blank=True)

    class Meta:
        ordering = ["body", "listed_on", "id"]

    def __str__(self) -> str:
        return self.name


class CaseEvent(models.Model):
    """A stage reached (or, with `is_target`, the date the committee set for it)."""

    case = models.ForeignKey(WatchedCase, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(max_length=30, choices=[(s.value, s.value) for s in Stage])
    on = models.DateField()
    defendants = models.PositiveIntegerField(default=0)
    is_target = models.BooleanField(default=False)

    class Meta:
        ordering = ["case", "on", "id"]

    def __str__(self) -> str:
        return f"{self.case} · {self.stage} @ {self.on:%d/%m/%Y}"


class ReformFigure(models.Model):
    """Administrative reform (CCHC) figures of a year."""

    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="reform")
    year = models.PositiveSmallIntegerField(_("năm"))
    abolished = models.PositiveIntegerField(_("thủ tục bãi bỏ"), default=0)
    simplified = models.PositiveIntegerField(_("thủ tục đơn giản hóa"), default=0)
    decentralised = models.PositiveIntegerField(_("thủ tục phân cấp"), default=0)
    delegated = models.PositiveIntegerField(_("thủ tục ủy quyền"), default=0)
    files_total = models.PositiveIntegerField(_("hồ sơ tiếp nhận"), null=True, blank=True)
    files_online = models.PositiveIntegerField(_("hồ sơ trực tuyến"), null=True, blank=True)
    files_fully_online = models.PositiveIntegerField(
        _("hồ sơ trực tuyến toàn trình"), null=True, blank=True
    )
    files_on_time = models.PositiveIntegerField(
        _("hồ sơ giải quyết đúng hạn"), null=True, blank=True
    )
    par_index = models.DecimalField(
        _("PAR Index (%)"), null=True, blank=True, max_digits=6, decimal_places=2
    )
    par_rank = models.PositiveSmallIntegerField(_("xếp hạng PAR Index"), null=True, blank=True)
    sipas = models.DecimalField(
        _("SIPAS (%)"), null=True, blank=True, max_digits=6, decimal_places=2
    )
    sipas_rank = models.PositiveSmallIntegerField(_("xếp hạng SIPAS"), null=True, blank=True)

    class Meta:
        ordering = ["body", "year"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="unique_reform_year")]

    def __str__(self) -> str:
        return f"CCHC {self.year}"


class SnapshotKind(models.TextChoices):
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    HALF = "half", _("6 tháng")
    NINE_MONTHS = "nine_months", _("9 tháng")
    YEAR = "year", _("Năm")
    TERM = "term", _("Nhiệm kỳ")
    MID_TERM = "mid_term", _("Sơ kết giữa nhiệm kỳ")


class Snapshot(models.Model):
    """The tables frozen at a cut-off date (chốt số liệu): canonical JSON, its SHA-256 chained
    into the audit log, signed off by the standing agency. Reviews and same-period comparisons
    read only snapshots, so a published figure can always be reproduced."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="snapshots")
    kind = models.CharField(max_length=20, choices=SnapshotKind.choices)
    cut_off = models.DateField(_("ngày chốt số liệu"))
    label = models.CharField(max_length=60)
    data = models.TextField()  # canonical JSON, exactly what was hashed
    sha256 = models.CharField(max_length=64)
    audit_seq = models.PositiveBigIntegerField(null=True, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField()
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["programme", "-cut_off", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "kind", "cut_off"], name="unique_snapshot_cut_off"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} · {self.label}"


class Product(models.Model):
    """A product or piece of work (sản phẩm/công việc) a civil servant was assigned in a month,
    converted to a weight (đã quy đổi), as Decree 335/2025/NĐ-CP grades it: completed, meeting
    the quality required, on time; major errors and delays each cost 25 % of that product's
    quality or progress points unless an objective cause was confirmed."""

    person = models.ForeignKey("bodies.Person", on_delete=models.CASCADE, related_name="products")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    task = models.ForeignKey(
        Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="products"
    )
    title = models.CharField(_("sản phẩm, công việc"), max_length=500)
    weight = models.DecimalField(_("hệ số quy đổi"), max_digits=8, decimal_places=2, default=1)
    is_completed = models.BooleanField(_("hoàn thành"), default=False)
    meets_quality = models.BooleanField(_("đạt yêu cầu chất lượng"), default=False)
    is_on_time = models.BooleanField(_("đúng tiến độ"), default=False)
    major_errors = models.PositiveSmallIntegerField(_("số lần sai sót lớn"), default=0)
    delays = models.PositiveSmallIntegerField(_("số lần chậm tiến độ"), default=0)
    exemption = models.CharField(
        _("nguyên nhân khách quan được xác nhận"), max_length=300, blank=True
    )

    class Meta:
        ordering = ["person", "year", "month", "id"]
        indexes = [models.Index(fields=["person", "year", "month"])]

    def __str__(self) -> str:
        return f"{self.person} {self.month:02d}/{self.year}: {self.title}"
