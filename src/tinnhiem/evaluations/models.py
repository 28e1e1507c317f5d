"""Monthly cadre evaluation ("đánh giá cán bộ hằng tháng"): the units of a body, the cadres
evaluated, the body's scheme, monthly periods and one evaluation per cadre per month.

Grading is never done here: the pure engine `tinnhiem.grading` reads the scheme kept with each
period (like a vote session keeps its rule profile) and the reviewed scores.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tinnhiem.core.errors import WrongState


class SchemeChoice(models.Model):
    """The scheme a body evaluates under from now on: a built-in key, or a custom TOML text.
    Each period copies it when it opens, so a month is always recomputed as it was."""

    body = models.OneToOneField(
        "bodies.Body", on_delete=models.CASCADE, related_name="evaluation_scheme"
    )
    scheme_key = models.CharField(_("phương án đánh giá"), max_length=60, default="hanoi")
    scheme_toml = models.TextField(_("nội dung phương án tùy chỉnh"), blank=True)

    def __str__(self) -> str:
        return f"{self.body} · {self.scheme_key}"


class Unit(models.Model):
    """An organisational unit of a body (a department, an office): the population of a quota."""

    body = models.ForeignKey(
        "bodies.Body", on_delete=models.CASCADE, related_name="evaluation_units"
    )
    name = models.CharField(_("tên đơn vị"), max_length=200)
    head = models.ForeignKey(
        "bodies.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluation_units_headed",
        verbose_name=_("thủ trưởng đơn vị"),
    )
    outstanding_year = models.PositiveSmallIntegerField(
        _("năm có thành tích nổi bật"), null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="unique_unit_name")]

    def __str__(self) -> str:
        return self.name


class Cadre(models.Model):
    """A person evaluated each month: their unit, their group of similar posts, and the direct
    manager who reviews their self-assessment."""

    person = models.OneToOneField(
        "bodies.Person", on_delete=models.CASCADE, related_name="evaluation_cadre"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cadres")
    group = models.CharField(_("nhóm vị trí tương đồng"), max_length=200, blank=True)
    manager = models.ForeignKey(
        "bodies.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluation_reports",
        verbose_name=_("người quản lý trực tiếp"),
    )
    is_active = models.BooleanField(_("đang được đánh giá"), default=True)

    class Meta:
        ordering = ["unit__name", "person__full_name"]

    def __str__(self) -> str:
        return str(self.person)


class PersonUser(models.Model):
    """The log-in of a person: who a cadre, a manager or a unit head is when they sign in."""

    person = models.OneToOneField(
        "bodies.Person", on_delete=models.CASCADE, related_name="evaluation_login"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evaluation_persons"
    )

    def __str__(self) -> str:
        return f"{self.user} · {self.person}"


class Period(models.Model):
    """One month of evaluation in a body, with its deadlines and the scheme it is graded under."""

    body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="evaluation_periods"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    month = models.PositiveSmallIntegerField(_("tháng"))
    deadline = models.DateField(_("hạn tự đánh giá"))
    approve_by = models.DateField(_("hạn phê duyệt"))
    is_late_allowed = models.BooleanField(_("cho phép nộp muộn (có ghi nhận)"), default=False)
    scheme_key = models.CharField(_("phương án đánh giá"), max_length=60)
    scheme_toml = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "month"], name="unique_period"),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="period_month_1_12"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:02d}/{self.year}"


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Đang tự đánh giá")
    SUBMITTED = "submitted", _("Đã nộp, chờ nhận xét")
    REVIEWED = "reviewed", _("Đã nhận xét, chờ phê duyệt")
    APPROVED = "approved", _("Đã phê duyệt")
    REOPENED = "reopened", _("Mở lại để điều chỉnh")


class QuotaOutcome(models.TextChoices):
    NONE = "", _("—")
    OK = "ok", _("Trong hạn mức")
    DEMOTED = "demoted", _("Hạ loại do vượt hạn mức")
    KEPT_BY_DECISION = "kept", _("Giữ loại theo quyết định phê duyệt")
    DEMOTED_BY_DECISION = "decided_down", _("Hạ loại theo quyết định phê duyệt")


class Evaluation(models.Model):
    """One cadre's evaluation of one month. Scores are stored as exact decimal strings by
    criterion key; conditions as "yes"/"no" or a share ("35%"); a reason for every score the
    manager changed, by criterion key."""

    cadre = models.ForeignKey(Cadre, on_delete=models.PROTECT, related_name="evaluations")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="evaluations")
    # the cadre's unit while the evaluation is open, kept once approved (a later move of the
    # cadre does not move their past months)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="evaluations")
    status = models.CharField(
        max_length=20, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT
    )
    self_scores = models.JSONField(default=dict, blank=True)
    self_conditions = models.JSONField(default=dict, blank=True)
    evidence = models.JSONField(_("minh chứng"), default=dict, blank=True)
    evidence_file = models.FileField(_("tệp minh chứng"), upload_to="evidence/%Y/%m/", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    is_late = models.BooleanField(_("nộp muộn"), default=False)
    reviewed_scores = models.JSONField(default=dict, blank=True)
    reviewed_conditions = models.JSONField(default=dict, blank=True)
    facts = models.JSONField(_("tình tiết không được xếp loại cao"), default=list, blank=True)
    reasons = models.JSONField(_("lý do điều chỉnh"), default=dict, blank=True)
    review_note = models.TextField(_("nhận xét"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # the total as the engine publishes it, exact and rounded once by the scheme ("88.50")
    total = models.CharField(_("tổng điểm"), max_length=20, blank=True)
    grade_before_quota = models.CharField(max_length=40, blank=True)
    grade = models.CharField(_("xếp loại"), max_length=40, blank=True)
    quota_outcome = models.CharField(
        max_length=20, choices=QuotaOutcome.choices, default=QuotaOutcome.NONE, blank=True
    )
    grade_reason_vi = models.TextField(blank=True)
    grade_reason_en = models.TextField(blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["period", "cadre"]
        constraints = [
            models.UniqueConstraint(fields=["cadre", "period"], name="one_evaluation_a_month")
        ]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.period}"


class Approval(models.Model):
    """What every approval of a unit's grades holds: whether it is current (a reopen makes it
    not), whether the unit had outstanding achievements, the quota decision taken (who keeps the
    top grade when the cap was exceeded or a tie was flagged), the quota use, who and when."""

    is_current = models.BooleanField(default=True)
    is_outstanding = models.BooleanField(default=False)
    kept = models.JSONField(_("giữ loại theo quyết định"), default=list, blank=True)
    quota_use = models.JSONField(default=list, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    approved_at = models.DateTimeField()

    class Meta:
        abstract = True

    @classmethod
    def renew(
        cls,
        keys: dict[str, Any],
        actor: Any,
        *,
        kept: Iterable[int],
        quota_use: list[Any],
        is_outstanding: bool,
        at: datetime | None = None,
        **fields: Any,
    ) -> Self:
        """The approval at `keys`, made or made again by `actor` (at `at`, default now) and
        current; `fields` are the model's own further fields."""
        defaults = {
            "is_current": True,
            "is_outstanding": is_outstanding,
            "kept": sorted(kept),
            "quota_use": quota_use,
            "approved_by": actor,
            "approved_at": at or timezone.now(),
            **cls.renewed_fields(),
            **fields,
        }
        approval, _ = cls._default_manager.update_or_create(**keys, defaults=defaults)
        return approval

    @classmethod
    def renewed_fields(cls) -> dict[str, Any]:
        return {}


class ReopenableApproval(Approval):
    """An approval only an administrator reopens, with a reason (quarters and years)."""

    reopen_reason = models.TextField(_("lý do mở lại"), blank=True)

    class Meta:
        abstract = True

    @classmethod
    def renewed_fields(cls) -> dict[str, Any]:
        return {"reopen_reason": ""}  # approved again: the reason of the last reopen is spent

    @classmethod
    def reopen(cls, keys: dict[str, Any], reason: str, refusal: tuple[str, str]) -> Self:
        """Lock the current approval at `keys` and make it not current, with the reason (inside
        the caller's transaction); WrongState with `refusal` (vi, en) if none is current."""
        approval = cls._default_manager.select_for_update().filter(**keys, is_current=True).first()
        if approval is None:
            raise WrongState(*refusal)
        approval.is_current = False
        approval.reopen_reason = reason
        approval.save(update_fields=["is_current", "reopen_reason"])
        return approval


class StoredGrade(models.Model):
    """What a stored quarterly or annual grade holds besides its cadre, unit and time: the
    approved months, the average, the grade before the quota, the quota's outcome, the reason."""

    months = models.PositiveSmallIntegerField(_("số tháng đã phê duyệt"), default=0)
    total = models.CharField(_("điểm trung bình"), max_length=20, blank=True)
    grade_before_quota = models.CharField(max_length=40, blank=True)
    quota_outcome = models.CharField(
        max_length=20, choices=QuotaOutcome.choices, default=QuotaOutcome.NONE, blank=True
    )
    reason_vi = models.TextField(blank=True)
    reason_en = models.TextField(blank=True)

    class Meta:
        abstract = True


class UnitApproval(Approval):
    """The unit head's approval of a unit's list for a month (an evaluation's reopen makes it
    not current)."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="approvals")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="approvals")

    class Meta:
        ordering = ["period", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="one_approval_per_unit_month")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period}"


class YearFacts(models.Model):
    """A cadre's months in the year, as the annual rules read them (Decree 90/2020): in the post,
    absent (sick or personal leave, not maternity), on maternity leave. Fractions allowed."""

    cadre = models.ForeignKey(Cadre, on_delete=models.CASCADE, related_name="year_facts")
    year = models.PositiveSmallIntegerField(_("năm"))
    months_in_post = models.DecimalField(
        _("số tháng công tác"), max_digits=4, decimal_places=2, default=12
    )
    months_absent = models.DecimalField(
        _("số tháng nghỉ (ốm, việc riêng)"), max_digits=4, decimal_places=2, default=0
    )
    months_maternity = models.DecimalField(
        _("số tháng nghỉ thai sản"), max_digits=4, decimal_places=2, default=0
    )
    # the year's extra conditions of the top grade ("yes"/"no" or a share such as "35%") and the
    # disqualifying facts found, stated once for the year (the national scheme), with the basis
    conditions = models.JSONField(_("điều kiện của loại cao nhất"), default=dict, blank=True)
    facts = models.JSONField(_("tình tiết không được xếp loại cao"), default=list, blank=True)
    facts_reason = models.TextField(_("căn cứ của tình tiết"), blank=True)

    class Meta:
        ordering = ["-year", "cadre"]
        constraints = [
            models.UniqueConstraint(fields=["cadre", "year"], name="one_year_facts_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.year}"


class YearStatus(models.TextChoices):
    GRADED = "graded", _("Đã xếp loại")
    NOT_GRADED = "not_graded", _("Không xếp loại")


class YearGrade(StoredGrade):
    """A cadre's formal annual grade, by the engine's annual rules and the annual quota over the
    unit, as the unit head graded it (again if graded again: the audit log keeps the earlier)."""

    cadre = models.ForeignKey(Cadre, on_delete=models.PROTECT, related_name="year_grades")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="year_grades")
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(max_length=20, choices=YearStatus.choices)
    grade = models.CharField(_("xếp loại năm"), max_length=40, blank=True)
    is_late = models.BooleanField(_("xếp loại sau hạn"), default=False)
    graded_on = models.DateField(_("ngày xếp loại"))
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year", "cadre"]
        constraints = [
            models.UniqueConstraint(fields=["cadre", "year"], name="one_year_grade_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.year}: {self.grade or self.status}"


class YearApproval(ReopenableApproval):
    """The unit head's (or, body-wide, an organiser's) approval of a unit's annual grades. While
    current, the year's grades of the unit are read-only."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="year_approvals")
    year = models.PositiveSmallIntegerField(_("năm"))
    is_body_wide = models.BooleanField(_("xếp loại toàn cơ quan"), default=False)

    class Meta:
        ordering = ["-year", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_year_approval_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.year}"


class QuarterApproval(ReopenableApproval):
    """The unit head's approval of a unit's quarter (schemes graded quarterly). Read-only while
    current."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="quarter_approvals")
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"))

    class Meta:
        ordering = ["-year", "-quarter", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "quarter"], name="one_quarter_approval_per_unit"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="quarter_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · Q{self.quarter}/{self.year}"


class QuarterGrade(StoredGrade):
    """A cadre's stored quarterly grade: the months of the quarter aggregated by the scheme's
    rule, the quarter's conditions and facts (read from the months), then the quarterly quota
    over the unit, as the unit head approved it."""

    cadre = models.ForeignKey(Cadre, on_delete=models.PROTECT, related_name="quarter_grades")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="quarter_grades")
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"))
    grade = models.CharField(_("xếp loại quý"), max_length=40, blank=True)
    conditions = models.JSONField(default=dict, blank=True)
    facts = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-year", "-quarter", "cadre"]
        constraints = [
            models.UniqueConstraint(
                fields=["cadre", "year", "quarter"], name="one_quarter_grade_a_quarter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cadre} · Q{self.quarter}/{self.year}: {self.grade}"
