from django.urls import path

from tinnhiem.bodies import views

urlpatterns = [
    path("bodies/new/", views.body_new, name="body_new"),
    path("bodies/<int:body_id>/", views.body_detail, name="body"),
    path("bodies/<int:body_id>/edit/", views.body_edit, name="body_edit"),
    path(
        "bodies/<int:body_id>/roster/<str:kind>/template.xlsx",
        views.roster_template,
        name="roster_template",
    ),
    path(
        "bodies/<int:body_id>/roster/<str:kind>/export.xlsx",
        views.roster_download,
        name="roster_export",
    ),
    path(
        "bodies/<int:body_id>/roster/<str:kind>/upload/",
        views.roster_upload,
        name="roster_upload",
    ),
    path(
        "bodies/<int:body_id>/roster/<str:kind>/confirm/",
        views.roster_confirm,
        name="roster_confirm",
    ),
]
