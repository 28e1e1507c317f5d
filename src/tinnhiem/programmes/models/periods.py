"""Frozen period snapshots of a programme's tables, and the products a civil servant's monthly
task points come from (Decree 335/2025/NĐ-CP)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tinnhiem.programmes.models.tasks import Programme, Task


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
