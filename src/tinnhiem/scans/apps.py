from django.apps import AppConfig


class ScansConfig(AppConfig):
    name = "tinnhiem.scans"
    label = "scans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # models can be imported only once the apps are ready
        from tinnhiem.scans.channel import ScannedBallots
        from tinnhiem.votes.channels import register_paper_source

        register_paper_source(ScannedBallots())
