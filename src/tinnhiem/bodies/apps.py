from django.apps import AppConfig


class BodiesConfig(AppConfig):
    name = "tinnhiem.bodies"
    label = "bodies"
    default_auto_field = "django.db.models.BigAutoField"
