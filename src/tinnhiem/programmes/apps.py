from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "tinnhiem.programmes"
    label = "programmes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # the products people were assigned feed their monthly task points (Decree 335/2025);
        # imported here: the models cannot be imported before the apps are ready
        from tinnhiem.core import task_feed
        from tinnhiem.programmes.feeds import ProgrammeProducts

        task_feed.register(ProgrammeProducts())
