from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyLevel(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Tỉnh, thành phố")
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    AGENCY = "agency", _("Cơ quan, đơn vị")


class BodyKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("Cấp ủy Đảng")
    NATIONAL_ASSEMBLY = "national_assembly", _("Quốc hội")
    PEOPLES_COUNCIL = "peoples_council", _("Hội đồng nhân dân")
    AGENCY = "agency", _("Tập thể lãnh đạo cơ quan")
    OTHER = "other", _("Khác")


class Body(models.Model):
    """A body that holds confidence votes (a Party committee, a People's Council, ...)."""

    name = models.CharField(_("tên cơ quan"), max_length=200, unique=True)
    level = models.CharField(_("cấp"), max_length=20, choices=BodyLevel.choices)
    kind = models.CharField(_("loại"), max_length=30, choices=BodyKind.choices)
    parent_name = models.CharField(
        _("cơ quan cấp trên (dòng trên của tiêu đề)"), max_length=200, blank=True
    )
    city = models.CharField(_("địa danh (dòng ngày tháng)"), max_length=100, blank=True)
    default_profile = models.CharField(_("bộ quy tắc mặc định"), max_length=40, default="nq96")
    are_results_public = models.BooleanField(_("công khai kết quả"), default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(_("nhiệm kỳ"), max_length=100)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class Post(models.Model):
    """A post the body elects or approves; `rank` orders ballots and results."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(_("chức vụ"), max_length=200)
    rank = models.PositiveIntegerField(_("thứ tự"), default=0)
    ballot_block = models.CharField(_("khối phiếu"), max_length=100, blank=True)

    class Meta:
        ordering = ["rank", "id"]
        constraints = [models.UniqueConstraint(fields=["body", "title"], name="unique_post_title")]

    def __str__(self) -> str:
        return self.title


class Person(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="people")
    full_name = models.CharField(_("họ và tên"), max_length=200)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class Holding(models.Model):
    """A person holding a post: one line of the officials roster."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="holdings")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="holdings")
    term = models.ForeignKey(Term, on_delete=models.SET_NULL, null=True, blank=True)
    took_office_on = models.DateField(_("ngày giữ chức vụ"), null=True, blank=True)
    is_retirement_announced = models.BooleanField(_("đã có thông báo nghỉ hưu"), default=False)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["post__rank", "post_id", "id"]

    def __str__(self) -> str:
        return f"{self.person} · {self.post}"


class Voter(models.Model):
    """A member of the body who votes."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="voters")
    full_name = models.CharField(_("họ và tên"), max_length=200)
    unit = models.CharField(_("chức vụ, đơn vị"), max_length=300, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.full_name
