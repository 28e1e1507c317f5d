"""The site's addresses plus two that fail, for the error pages' tests."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from tinnhiem.config.urls import handler403, handler404, handler500, urlpatterns


def refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a fault of the server")


urlpatterns = [path("test-refuse/", refuse), path("test-fail/", fail), *urlpatterns]
__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
