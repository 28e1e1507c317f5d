from django.urls import URLPattern, URLResolver, path

from tinnhiem.evaluations import views, views_annual, views_grading, views_reports, views_setup

app_name = "evaluations"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("bodies/<int:body_id>/", views.body, name="body"),
    path("bodies/<int:body_id>/setup/", views_setup.setup, name="setup"),
    path("bodies/<int:body_id>/dashboard/", views_reports.body_dashboard, name="dashboard"),
    path(
        "bodies/<int:body_id>/dashboard.xlsx",
        views_reports.body_dashboard_xlsx,
        name="dashboard_xlsx",
    ),
    path("units/<int:unit_id>/dashboard/", views_reports.unit_dashboard, name="unit_dashboard"),
    path(
        "units/<int:unit_id>/dashboard.xlsx",
        views_reports.unit_dashboard_xlsx,
        name="unit_dashboard_xlsx",
    ),
    path("units/<int:unit_id>/years/<int:year>/", views_annual.year_page, name="year"),
    path(
        "units/<int:unit_id>/years/<int:year>/quarters/<int:quarter>/",
        views_grading.quarter_page,
        name="quarter",
    ),
    path("bodies/<int:body_id>/years/<int:year>/", views_grading.body_year_page, name="body_year"),
    path("months/<int:period_id>/", views.period, name="period"),
    path("months/<int:period_id>/cadres/<int:cadre_id>/", views.evaluation, name="evaluation"),
    path("months/<int:period_id>/units/<int:unit_id>/", views.approval, name="approval"),
    path("evidence/<int:evaluation_id>/", views.evidence, name="evidence"),
    path("cadres/<int:cadre_id>/", views_reports.profile_page, name="profile"),
    path("cadres/<int:cadre_id>/profile.pdf", views_reports.profile_pdf, name="profile_pdf"),
]
