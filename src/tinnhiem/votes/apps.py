from django.apps import AppConfig

from tinnhiem.core import labels
from tinnhiem.votes.labels import LABELS


class VotesConfig(AppConfig):
    name = "tinnhiem.votes"
    label = "votes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        labels.add(LABELS)  # the statuses, count modes and marks every page may show
        # models can be imported only once the apps are ready
        from tinnhiem.votes.channels import register_paper_source
        from tinnhiem.votes.hand import HandEntry

        register_paper_source(HandEntry())
