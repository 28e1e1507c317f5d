"""Programmes, their groups and tasks, sub-tasks per agency, extensions, progress updates with
their attachments, and reminders. No status is stored: a task's state at a date is derived from
its dates (`tinnhiem.steering.tasks.state_on`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tinnhiem.programmes.models.agencies import Agency


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


class ExtensionQuerySet(models.QuerySet["Extension"]):
    def known_on(self, programme: Any, as_of: date) -> ExtensionQuerySet:
        """A programme's extensions approved by `as_of`: one approved later was not yet known
        then, so a report of a past date counts the deadlines of that date."""
        return self.filter(task__programme=programme, approved_at__date__lte=as_of)


class Extension(models.Model):
    """An approved extension: the deadline counted moves, the original stays on the task."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")
    new_deadline = models.DateField(_("thời hạn mới"))
    document = models.CharField(_("văn bản cho phép gia hạn"), max_length=200)
    reason = models.TextField(_("lý do"), blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    approved_at = models.DateTimeField()

    objects = ExtensionQuerySet.as_manager()

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
