"""An update written with the documents attached to it, in one transaction: every file is
checked first (`core.attachments`: type, content, size), so a refused file leaves nothing
written."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from tinnhiem.audit.services import record
from tinnhiem.core.attachments import check_attachment
from tinnhiem.core.errors import InputProblem
from tinnhiem.programmes.models import Attachment, ProgressUpdate, Task
from tinnhiem.programmes.workflow import update_write

MAX_FILES = 10


def update_write_with_files(
    *, actor: Any, task: Task, files: Sequence[Any] = (), **fields: Any
) -> ProgressUpdate:
    """`workflow.update_write` and the update's attachments, all or nothing."""
    if len(files) > MAX_FILES:
        raise InputProblem(
            f"Tối đa {MAX_FILES} tệp cho một báo cáo", f"At most {MAX_FILES} files per update"
        )
    for upload in files:
        check_attachment(upload, what_vi="Tệp kèm theo", what_en="attached file")
    with transaction.atomic():
        update = update_write(actor=actor, task=task, **fields)
        for upload in files:
            name = str(upload.name or "tep")[-255:]
            attachment = Attachment(update=update, name=name, size=upload.size)
            attachment.file.save(name, upload, save=True)
            record(
                actor=actor,
                action="update.attach",
                obj=attachment,
                body_id=task.programme.body_id,
                after={"task": task.code, "name": name, "size": upload.size},
            )
    return update
