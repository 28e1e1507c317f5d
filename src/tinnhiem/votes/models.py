"""Sessions, the persons voted on, the counting board, and the count.

Secrecy: paper ballots are entered in the order they come out of the box and carry no voter;
nothing here records who voted. Entries have no timestamps.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tinnhiem.documents.data import LATEST_BALLOT_LAYOUT


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    OPEN = "open", _("Đã mở (đã in phiếu)")
    COUNTING = "counting", _("Đang kiểm phiếu")
    CLOSED = "closed", _("Đã kết thúc kiểm phiếu")
    PUBLISHED = "published", _("Đã công bố")


class CountMode(models.TextChoices):
    BALLOTS = "ballots", _("Nhập từng phiếu (hai người nhập)")
    AGGREGATE = "aggregate", _("Nhập tổng hợp theo biên bản kiểm phiếu")
    SCAN = "scan", _("Quét phiếu bằng máy quét")


class Channel(models.TextChoices):
    PAPER = "paper", _("Phiếu giấy")
    ELECTRONIC = "electronic", _("Phiếu điện tử")
    MIXED = "mixed", _("Phiếu giấy và phiếu điện tử")


class VoteSession(models.Model):
    """An "đợt lấy phiếu": one body, one rule profile, one count."""

    body = models.ForeignKey("bodies.Body", on_delete=models.PROTECT, related_name="sessions")
    title = models.CharField(_("tên đợt lấy phiếu"), max_length=300)
    held_on = models.DateField(_("ngày"))
    venue = models.CharField(_("địa điểm"), max_length=300, blank=True)
    profile_key = models.CharField(_("bộ quy tắc"), max_length=60)
    profile_toml = models.TextField(_("nội dung bộ quy tắc tùy chỉnh"), blank=True)
    status = models.CharField(
        max_length=20, choices=SessionStatus.choices, default=SessionStatus.DRAFT
    )
    count_mode = models.CharField(
        max_length=20, choices=CountMode.choices, default=CountMode.BALLOTS
    )
    channel = models.CharField(
        _("hình thức bỏ phiếu"), max_length=20, choices=Channel.choices, default=Channel.PAPER
    )
    members = models.PositiveIntegerField(_("tổng số thành viên"), null=True, blank=True)
    summoned = models.PositiveIntegerField(_("số được triệu tập"), null=True, blank=True)
    present = models.PositiveIntegerField(_("số có mặt"), null=True, blank=True)
    issued = models.PositiveIntegerField(_("số phiếu phát ra"), null=True, blank=True)
    collected = models.PositiveIntegerField(_("số phiếu thu về"), null=True, blank=True)
    invalid_ballots = models.PositiveIntegerField(_("số phiếu không hợp lệ"), null=True, blank=True)
    follows = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="followups"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # what the minutes and the results report print beside the counts (blank: dots to fill in)
    minutes_number = models.CharField(_("số biên bản kiểm phiếu"), max_length=40, blank=True)
    report_number = models.CharField(_("số báo cáo kết quả"), max_length=40, blank=True)
    count_started_at = models.DateTimeField(_("bắt đầu kiểm phiếu lúc"), null=True, blank=True)
    count_ended_at = models.DateTimeField(_("kết thúc kiểm phiếu lúc"), null=True, blank=True)
    copies = models.PositiveSmallIntegerField(_("số bản biên bản"), null=True, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    # how its paper ballots are laid out (documents.data.BALLOT_LAYOUTS): kept for the session's
    # life, so that every sheet printed for it, before or after an upgrade, looks and scans alike
    ballot_layout = models.PositiveSmallIntegerField(
        _("mẫu phiếu in"), default=LATEST_BALLOT_LAYOUT, editable=False
    )
    # the body's heading as the ballots print it, fixed when the session is opened: the heading
    # sets where every line of the ballot falls (its geometry, the code's hash), so renaming the
    # body while its ballots are out must not make the printed sheets unreadable
    ballot_heading = models.JSONField(_("tiêu đề cơ quan trên phiếu"), default=dict, editable=False)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def has_paper(self) -> bool:
        return self.channel != Channel.ELECTRONIC

    @property
    def has_electronic(self) -> bool:
        return self.channel != Channel.PAPER


class BallotBlock(models.Model):
    """A ballot type: the posts printed on one paper ballot."""

    session = models.ForeignKey(VoteSession, on_delete=models.CASCADE, related_name="blocks")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=200, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "code"], name="unique_block_code")
        ]

    def __str__(self) -> str:
        return self.name or self.code


class Candidate(models.Model):
    """A person voted on in a session ("người được lấy phiếu"), as named on the ballot."""

    session = models.ForeignKey(VoteSession, on_delete=models.CASCADE, related_name="candidates")
    block = models.ForeignKey(BallotBlock, on_delete=models.PROTECT, related_name="candidates")
    person = models.ForeignKey("bodies.Person", on_delete=models.PROTECT, null=True, blank=True)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    position = models.CharField(_("chức vụ"), max_length=300)
    order = models.PositiveIntegerField(default=0)
    exemptions = models.JSONField(default=list, blank=True)
    is_excluded = models.BooleanField(_("không lấy phiếu"), default=False)
    report_file = models.FileField(_("báo cáo tự đánh giá"), upload_to="reports/%Y/", blank=True)
    report_sent_on = models.DateField(_("ngày gửi báo cáo"), null=True, blank=True)
    counts = models.JSONField(_("kết quả"), null=True, blank=True)
    invalid_lines = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.position})"


class BoardRole(models.TextChoices):
    HEAD = "head", _("Trưởng ban")
    MEMBER = "member", _("Ủy viên")
    SECRETARY = "secretary", _("Thư ký")


class BoardMember(models.Model):
    session = models.ForeignKey(VoteSession, on_delete=models.CASCADE, related_name="board")
    full_name = models.CharField(_("họ và tên"), max_length=200)
    role = models.CharField(max_length=20, choices=BoardRole.choices)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.full_name


class InvalidReason(models.TextChoices):
    NOT_ISSUED = "not_issued", _("Không phải phiếu do Ban kiểm phiếu phát ra")
    NAME_CROSSED = "name_crossed", _("Gạch tên người được lấy phiếu")
    ADDED = "added", _("Ghi thêm tên hoặc nội dung khác")


class BallotEntry(models.Model):
    """One paper ballot as one operator read it. `number` is its place in the pile (from the
    box, not linked to any voter). `marks` holds one character per candidate of the block, in
    order: the level's index ("0", "1", ...), "_" for no box marked, "+" for several."""

    session = models.ForeignKey(VoteSession, on_delete=models.CASCADE, related_name="entries")
    block = models.ForeignKey(BallotBlock, on_delete=models.CASCADE, related_name="entries")
    operator = models.PositiveSmallIntegerField()  # 1 or 2: the two independent entries
    number = models.PositiveIntegerField()
    marks = models.CharField(max_length=500, blank=True)
    invalid_reason = models.CharField(max_length=20, choices=InvalidReason.choices, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        ordering = ["block", "number", "operator"]
        constraints = [
            models.UniqueConstraint(
                fields=["block", "operator", "number"], name="unique_entry_per_operator"
            ),
            models.CheckConstraint(
                condition=models.Q(operator__in=[1, 2]), name="entry_operator_one_or_two"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.block} #{self.number} ({self.operator})"


class BallotDecision(models.Model):
    """The counting board's decision on a ballot where the two entries differ."""

    block = models.ForeignKey(BallotBlock, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveIntegerField()
    marks = models.CharField(max_length=500, blank=True)
    invalid_reason = models.CharField(max_length=20, choices=InvalidReason.choices, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["block", "number"], name="unique_decision_per_ballot"),
        ]

    def __str__(self) -> str:
        return f"{self.block} #{self.number}"


class AggregateCount(models.Model):
    """Per-person counts copied from a hand tally sheet."""

    candidate = models.OneToOneField(Candidate, on_delete=models.CASCADE, related_name="aggregate")
    counts = models.JSONField()
    invalid_lines = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.candidate)
