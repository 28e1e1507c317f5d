"""Sessions keep the layout of their paper ballots and, from their opening, the body's heading as
the ballots print it. A session that was opened before this ran may have printed layout 1 (the
seal place under the table) and keeps it, so its sheets still scan (its heading stays the body's
own, as before); a draft has printed nothing (printing needs an open session) and takes the
latest layout when it is opened, as new ones do."""

from typing import Any

from django.db import migrations, models


def keep_what_was_printed(apps: Any, schema_editor: Any) -> None:
    sessions = apps.get_model("votes", "VoteSession")
    sessions.objects.exclude(status="draft").update(ballot_layout=1)


class Migration(migrations.Migration):
    dependencies = [("votes", "0004_session_document_fields")]

    operations = [
        migrations.AddField(
            model_name="votesession",
            name="ballot_layout",
            field=models.PositiveSmallIntegerField(
                default=2, editable=False, verbose_name="mẫu phiếu in"
            ),
        ),
        migrations.AddField(
            model_name="votesession",
            name="ballot_heading",
            field=models.JSONField(
                default=dict, editable=False, verbose_name="tiêu đề cơ quan trên phiếu"
            ),
        ),
        migrations.RunPython(keep_what_was_printed, migrations.RunPython.noop),
    ]
