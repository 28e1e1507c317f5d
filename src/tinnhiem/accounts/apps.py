from typing import Any

from django.apps import AppConfig

from tinnhiem.accounts.labels import LABELS
from tinnhiem.core import labels


class AccountsConfig(AppConfig):
    name = "tinnhiem.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """The roles' labels for every page (core/labels.py), and the user name rule
        (accounts/usernames.py) on Django's own user model, so that createsuperuser and every
        form apply it too. The project keeps Django's user model: a custom one cannot be swapped
        in once the database exists."""
        labels.add(LABELS)
        # the user model exists only once the apps are ready
        from django.contrib.auth import get_user_model

        from tinnhiem.accounts.usernames import UsernameValidator  # it reads the user model too

        field: Any = get_user_model()._meta.get_field("username")
        if UsernameValidator() not in field.validators:
            # as a default validator, not in the field's arguments: a check of input, not a
            # change of the schema (auth's migrations stay as Django ships them)
            field.default_validators = [*field.default_validators, UsernameValidator()]
            field.__dict__.pop("validators", None)  # a cached_property, built from both lists
