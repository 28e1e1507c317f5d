from django.apps import AppConfig


class EvoteConfig(AppConfig):
    name = "tinnhiem.evote"
    label = "evote"
    default_auto_field = "django.db.models.BigAutoField"
