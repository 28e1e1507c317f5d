from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Quản trị")
    ORGANISER = "organiser", _("Tổ chức")
    BOARD = "board", _("Ban kiểm phiếu")
    OBSERVER = "observer", _("Quan sát")
    # programme steering (tinnhiem.programmes.access)
    OFFICE = "steering_office", _("Văn phòng cơ quan thường trực")
    STEERING = "steering_committee", _("Ban chỉ đạo")
    INSPECTION = "inspection", _("Ủy ban kiểm tra")
    INTERNAL_AFFAIRS = "internal_affairs", _("Ban Nội chính")


class RoleGrant(models.Model):
    """A user's role in one body. A user may hold several roles in several bodies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants"
    )
    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "body", "role"], name="unique_role_grant"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.body} · {self.role}"
