"""Targets against plan, inspection and discipline figures (KTGS), watched cases and their
stages, administrative reform figures. A target's verdict is derived from its plan and actual
(`tinnhiem.steering.indicators`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tinnhiem.programmes.models.agencies import Agency
from tinnhiem.programmes.models.tasks import Programme
from tinnhiem.steering.cases import Level, Stage
from tinnhiem.steering.indicators import Direction
from tinnhiem.steering.inspection import Activity, Subject

# plans, actuals and money: exact decimals
DIGITS, PLACES = 20, 4


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
