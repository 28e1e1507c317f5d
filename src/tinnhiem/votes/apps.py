from django.apps import AppConfig


class VotesConfig(AppConfig):
    name = "tinnhiem.votes"
    label = "votes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # models can be imported only once the apps are ready
        from tinnhiem.votes.channels import register_paper_source
        from tinnhiem.votes.hand import HandEntry

        register_paper_source(HandEntry())
