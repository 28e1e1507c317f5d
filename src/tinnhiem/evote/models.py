"""The electronic ballot of a session: its trustees, credentials, cast and spoiled ballots.

Secrecy by construction (docs/evote.md): the table of credentials (who could vote, and for a
remote invitation to whom it went) and the table of ballots share no key, no order and no
timestamp. A ballot row has a random primary key, no time, no credential; the ballots are
listed by their hash. A credential stores only an HMAC of its one-time code.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    CEREMONY = "ceremony", _("Ban kiểm phiếu đang tạo khóa")
    VOTING = "voting", _("Đang bỏ phiếu")
    PAPER = "paper", _("Đã đóng hòm phiếu điện tử, chờ chốt kết quả phiếu giấy")
    DECRYPTING = "decrypting", _("Đã đóng hòm phiếu, chờ giải mã")
    DECRYPTED = "decrypted", _("Đã giải mã kết quả")
    FAILED = "failed", _("Tạo khóa thất bại, cần làm lại")


class Election(models.Model):
    """One session's electronic channel: the manifest, the joint key and the closed tally."""

    session = models.OneToOneField(
        "votes.VoteSession", on_delete=models.CASCADE, related_name="election"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trustees = models.PositiveSmallIntegerField(_("số thành viên giữ khóa"))
    threshold = models.PositiveSmallIntegerField(_("số thành viên cần để giải mã"))
    manifest = models.JSONField()
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.CEREMONY)
    public_key = models.CharField(max_length=64, blank=True)
    verification_keys = models.JSONField(default=dict, blank=True)
    board = models.JSONField(null=True, blank=True)  # the record's entries up to the tally
    encrypted_tally = models.JSONField(null=True, blank=True)
    counts = models.JSONField(null=True, blank=True)  # per person id: [high, normal, low]
    record = models.TextField(blank=True)  # the election record, canonical JSON
    record_head = models.CharField(max_length=64, blank=True)
    # the electronic ballots the channel expects (the membership, or in a mixed session the
    # organiser's figure), checked against the minimum at set-up (evote/smallchannel.py)
    expected_ballots = models.PositiveIntegerField(_("số phiếu điện tử dự kiến"), default=0)
    # the counting board's decision to decrypt fewer ballots than the minimum: who, why, how many
    small_channel = models.JSONField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.session} (điện tử)"


class Trustee(models.Model):
    """A counting-board member holding one share of the key; the files it uploaded."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="trustee_set")
    index = models.PositiveSmallIntegerField()
    full_name = models.CharField(_("họ và tên"), max_length=200)
    round1 = models.JSONField(null=True, blank=True)
    round2 = models.JSONField(null=True, blank=True)
    round3 = models.JSONField(null=True, blank=True)
    complaint = models.JSONField(null=True, blank=True)
    decryption = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["index"]
        constraints = [
            models.UniqueConstraint(fields=["election", "index"], name="one_trustee_per_index")
        ]

    def __str__(self) -> str:
        return f"{self.index}. {self.full_name}"


class CredentialKind(models.TextChoices):
    SLIP = "slip", _("Phiếu mã in phát tại hội trường")
    INVITATION = "invitation", _("Thư mời bỏ phiếu từ xa")


class CredentialStatus(models.TextChoices):
    ISSUED = "issued", _("Chưa dùng")
    USED = "used", _("Đã dùng")
    VOIDED = "voided", _("Đã hủy")


class Credential(models.Model):
    """A one-time code: only its HMAC is kept. A slip has a serial number printed on it (so a
    lost slip can be voided) and no voter; an invitation names its voter (who was invited and
    whether they voted is the who-voted list, never linked to a ballot)."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="credentials")
    code_hash = models.CharField(max_length=64)
    kind = models.CharField(max_length=20, choices=CredentialKind.choices)
    serial = models.PositiveIntegerField()
    voter = models.ForeignKey("bodies.Voter", on_delete=models.PROTECT, null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=CredentialStatus.choices, default=CredentialStatus.ISSUED
    )

    class Meta:
        ordering = ["serial"]
        constraints = [
            models.UniqueConstraint(fields=["election", "code_hash"], name="one_code_once"),
            models.UniqueConstraint(fields=["election", "serial"], name="one_serial_once"),
        ]

    def __str__(self) -> str:
        return f"{self.serial:04d} ({self.get_status_display()})"


class CastBallot(models.Model):
    """A counted ballot: random key, no time, no credential; listed by hash."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ballots")
    ballot_hash = models.CharField(max_length=64)
    tracking_code = models.CharField(max_length=19)
    data = models.JSONField()

    class Meta:
        ordering = ["ballot_hash"]
        constraints = [
            models.UniqueConstraint(fields=["election", "ballot_hash"], name="one_ballot_once")
        ]

    def __str__(self) -> str:
        return self.tracking_code


class SpoiledBallot(models.Model):
    """A challenged ballot: published with its opening, never counted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="spoiled")
    ballot_hash = models.CharField(max_length=64)
    tracking_code = models.CharField(max_length=19)
    data = models.JSONField()
    opening = models.JSONField()

    class Meta:
        ordering = ["ballot_hash"]
        constraints = [
            models.UniqueConstraint(fields=["election", "ballot_hash"], name="one_spoil_once")
        ]

    def __str__(self) -> str:
        return self.tracking_code


class PaperOrElectronic(models.TextChoices):
    PAPER = "paper", _("Phiếu giấy")
    ELECTRONIC = "electronic", _("Phiếu điện tử")


class ChannelGiven(models.Model):
    """In a mixed session, which way each voter present received their ballot."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="given")
    voter = models.ForeignKey("bodies.Voter", on_delete=models.PROTECT)
    channel = models.CharField(max_length=20, choices=PaperOrElectronic.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "voter"], name="one_channel_per_voter")
        ]

    def __str__(self) -> str:
        return f"{self.voter} — {self.get_channel_display()}"
