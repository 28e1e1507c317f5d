"""The agencies a programme assigns tasks to, and who speaks for each: its focal officer and
its head."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
