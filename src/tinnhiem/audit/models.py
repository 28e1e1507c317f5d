"""The audit log: append-only, hash-chained. Written only by `tinnhiem.audit.services.record`."""

from django.db import models


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField(unique=True)
    # 1: keyless SHA-256 (rows written before the key); 2: HMAC under the audit key (chain.py)
    version = models.PositiveSmallIntegerField(default=1)
    at = models.DateTimeField()
    actor = models.CharField(max_length=150)  # the username, kept as text so it never dangles
    actor_id = models.BigIntegerField(
        null=True, blank=True
    )  # the user's id: names are not unique over time
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=60, blank=True)
    body_id = models.BigIntegerField(null=True, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    key_id = models.CharField(max_length=16, blank=True, default="")  # which key, for rotation
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        # the anchors of a session (its close, its publication) are looked up by object
        indexes = [models.Index(fields=["object_type", "object_id", "action"], name="audit_object")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"
