"""Background tasks: exporting the whole register."""

from __future__ import annotations

from django_tasks import task

from tinnhiem.members.exports import export_build


@task(queue_name="exports")  # its own worker: a province's export must not hold up scans
def build_register_export(export_id: int) -> None:
    export_build(export_id)
