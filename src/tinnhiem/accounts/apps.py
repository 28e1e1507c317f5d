from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tinnhiem.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
