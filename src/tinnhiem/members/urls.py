from django.urls import URLPattern, URLResolver, path

from tinnhiem.members import views, views_events, views_sheets

app_name = "members"
urlpatterns: list[URLPattern | URLResolver] = [
    path("bodies/<int:body_id>/", views.register, name="register"),
    path("bodies/<int:body_id>/new/", views.record_new, name="record_new"),
    path("bodies/<int:body_id>/import/", views_sheets.import_upload, name="import"),
    path(
        "bodies/<int:body_id>/import/confirm/", views_sheets.import_confirm, name="import_confirm"
    ),
    path("bodies/<int:body_id>/template.xlsx", views_sheets.import_template, name="template"),
    path("bodies/<int:body_id>/export/", views_sheets.export, name="export"),
    path("bodies/<int:body_id>/exports/", views_sheets.export_list, name="exports"),
    path("exports/<int:export_id>/", views_sheets.export_download, name="export_download"),
    path("bodies/<int:body_id>/report/", views_sheets.report, name="report"),
    path("bodies/<int:body_id>/report.xlsx", views_sheets.report_download, name="report_xlsx"),
    path("bodies/<int:body_id>/units/", views_sheets.unit_list, name="units"),
    path("<int:record_id>/", views.record_detail, name="record"),
    path("<int:record_id>/edit/", views.record_edit, name="record_edit"),
    path("<int:record_id>/event/<str:kind>/", views.record_event, name="record_event"),
    path("<int:record_id>/move/", views_events.record_move, name="record_move"),
    path("events/<int:event_id>/correct/", views_events.event_correct, name="event_correct"),
]
