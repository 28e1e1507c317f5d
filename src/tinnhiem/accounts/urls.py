from django.urls import path

from tinnhiem.accounts import views, views_password

urlpatterns = [
    path("password/", views_password.PasswordChange.as_view(), name="password_change"),
    path("bodies/<int:body_id>/people/", views.people, name="people"),
]
