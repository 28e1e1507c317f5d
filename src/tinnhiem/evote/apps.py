from django.apps import AppConfig


class EvoteConfig(AppConfig):
    name = "tinnhiem.evote"
    label = "evote"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # models can be imported only once the apps are ready
        from tinnhiem.evote.channel import ElectronicChannel
        from tinnhiem.votes.channels import register_channel

        register_channel(ElectronicChannel())
