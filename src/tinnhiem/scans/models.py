"""Scanned paper ballots: the uploaded files (kept, with their SHA-256), every page read, the
sheets accepted as ballots, and what the reader sends to the counting board.

Secrecy: a scanned sheet carries no voter; sheets are listed in the order of a random key, not in
the order they were scanned; nothing here has a timestamp finer than the batch.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang đọc")
    DONE = "done", _("Xong")
    FAILED = "failed", _("Lỗi")


class ScanBatch(models.Model):
    """One upload (web page or command line) of one or more files."""

    session = models.ForeignKey(
        "votes.VoteSession", on_delete=models.CASCADE, related_name="scan_batches"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=20, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    pages_total = models.PositiveIntegerField(default=0)
    pages_done = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"batch {self.pk}"


class ScanFile(models.Model):
    batch = models.ForeignKey(ScanBatch, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=255)
    content = models.FileField(upload_to="scans/%Y/")
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Refusal(models.TextChoices):
    NO_CODE = "no_code", _("Không đọc được mã trên phiếu")
    OTHER_SESSION = "other_session", _("Phiếu của đợt lấy phiếu khác")
    UNKNOWN_LAYOUT = "unknown_layout", _("Mẫu phiếu không khớp với đợt lấy phiếu")
    NOT_A_BALLOT = "not_a_ballot", _("Không phải phiếu lấy phiếu tín nhiệm")
    DUPLICATE = "duplicate", _("Trang này đã được quét")
    PAGE_MISSING = "page_missing", _("Phiếu thiếu trang")
    UNREADABLE = "unreadable", _("Tệp không đọc được")


class ScannedBallot(models.Model):
    """An accepted sheet (all its pages). `marks` as in BallotEntry, plus "?" for a line the
    counting board has not decided yet."""

    session = models.ForeignKey(
        "votes.VoteSession", on_delete=models.CASCADE, related_name="scanned"
    )
    block = models.ForeignKey("votes.BallotBlock", on_delete=models.CASCADE, related_name="scanned")
    order_key = models.UUIDField(default=uuid.uuid4, editable=False)
    marks = models.CharField(max_length=500)
    invalid_reason = models.CharField(max_length=20, blank=True)
    is_pending = models.BooleanField(default=False)

    class Meta:
        ordering = ["order_key"]

    def __str__(self) -> str:
        return f"{self.block}: {self.marks}"


class ScanPage(models.Model):
    file = models.ForeignKey(ScanFile, on_delete=models.CASCADE, related_name="pages")
    session = models.ForeignKey(
        "votes.VoteSession", on_delete=models.CASCADE, related_name="scan_pages"
    )
    index = models.PositiveIntegerField()  # the page's place in its file
    ballot_page = models.PositiveSmallIntegerField(
        default=0
    )  # its page on the ballot (from the code)
    sha256 = models.CharField(max_length=64)  # of the page image as read
    refusal = models.CharField(max_length=20, choices=Refusal.choices, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    ballot = models.ForeignKey(
        ScannedBallot, on_delete=models.SET_NULL, null=True, blank=True, related_name="pages"
    )
    fingerprint = models.BinaryField(blank=True)

    class Meta:
        ordering = ["file_id", "index"]

    def __str__(self) -> str:
        return f"{self.file} p{self.index + 1}"


class ReviewItem(models.Model):
    """A doubtful line (line set) or a doubtful whole ballot (line empty) for the board."""

    ballot = models.ForeignKey(ScannedBallot, on_delete=models.CASCADE, related_name="reviews")
    line = models.PositiveIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=40)
    proposal = models.CharField(max_length=20, blank=True)
    crop = models.BinaryField()
    decision = models.CharField(max_length=20, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.ballot_id}:{self.line} {self.reason}"
