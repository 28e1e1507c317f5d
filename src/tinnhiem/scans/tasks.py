"""Background tasks: reading a batch of scanned pages."""

from __future__ import annotations

from django_tasks import task

from tinnhiem.scans.models import ScanBatch
from tinnhiem.scans.services import batch_process


@task()
def process_batch(batch_id: int) -> None:
    def progress(done: int, total: int) -> None:
        ScanBatch.objects.filter(pk=batch_id).update(pages_done=done, pages_total=total)

    batch_process(batch_id, progress=progress)
