"""The site shell's pages: home, log-in, log-out. Each app's pages are in its own urls.py,
included from config/urls.py."""

from django.contrib.auth import views as auth_views
from django.urls import path

from tinnhiem.web import views_home

urlpatterns = [
    path("", views_home.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
