"""Logging in through the log-in page, as a user does (django-axes needs the request)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse


def log_in(username: str, password: str, language: str = "vi") -> Client | None:
    """A client logged in through the form, or None when the page refused."""
    client = Client()
    client.cookies["django_language"] = language
    response = client.post(reverse("login"), {"username": username, "password": password})
    return client if response.status_code == 302 else None
