from django.contrib.auth import views as auth_views
from django.urls import path

from tinnhiem.web import (
    views_account,
    views_bodies,
    views_counting,
    views_evote,
    views_home,
    views_people,
    views_results,
    views_scans,
    views_sessions,
)

urlpatterns = [
    path("", views_home.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views_account.PasswordChange.as_view(), name="password_change"),
    path("audit/", views_home.audit_log, name="audit"),
    path("bodies/<int:body_id>/", views_bodies.body_detail, name="body"),
    path(
        "bodies/<int:body_id>/roster/<str:kind>/template.xlsx",
        views_bodies.roster_template,
        name="roster_template",
    ),
    path(
        "bodies/<int:body_id>/roster/<str:kind>/export.xlsx",
        views_bodies.roster_download,
        name="roster_export",
    ),
    path(
        "bodies/<int:body_id>/roster/<str:kind>/upload/",
        views_bodies.roster_upload,
        name="roster_upload",
    ),
    path(
        "bodies/<int:body_id>/roster/<str:kind>/confirm/",
        views_bodies.roster_confirm,
        name="roster_confirm",
    ),
    path("bodies/<int:body_id>/people/", views_people.people, name="people"),
    path("bodies/<int:body_id>/sessions/new/", views_sessions.session_new, name="session_new"),
    path("sessions/<int:session_id>/", views_sessions.session_detail, name="session"),
    path(
        "sessions/<int:session_id>/do/<str:action>/",
        views_sessions.session_action,
        name="session_action",
    ),
    path(
        "sessions/<int:session_id>/figures/", views_sessions.session_figures, name="session_figures"
    ),
    path("sessions/<int:session_id>/board/", views_sessions.session_board, name="session_board"),
    path(
        "sessions/<int:session_id>/candidates/<int:candidate_id>/",
        views_sessions.candidate_update,
        name="candidate_update",
    ),
    path(
        "sessions/<int:session_id>/candidates/<int:candidate_id>/report",
        views_sessions.candidate_report_download,
        name="candidate_report",
    ),
    path(
        "sessions/<int:session_id>/ballots/<str:code>.pdf",
        views_sessions.ballots_download,
        name="ballots",
    ),
    path(
        "sessions/<int:session_id>/count/<str:code>/<int:operator>/",
        views_counting.ballot_entry,
        name="entry",
    ),
    path("sessions/<int:session_id>/differences/", views_counting.differences, name="differences"),
    path("sessions/<int:session_id>/aggregate/", views_counting.aggregate, name="aggregate"),
    path("sessions/<int:session_id>/scans/", views_scans.scans, name="scans"),
    path(
        "sessions/<int:session_id>/scans/status.json", views_scans.scans_status, name="scans_status"
    ),
    path("sessions/<int:session_id>/review/", views_scans.review, name="review"),
    path(
        "sessions/<int:session_id>/review/<int:item_id>/crop.png",
        views_scans.review_crop,
        name="review_crop",
    ),
    path("sessions/<int:session_id>/results/", views_results.results, name="results"),
    path(
        "sessions/<int:session_id>/documents/<str:kind>.<str:fmt>",
        views_results.document_download,
        name="document",
    ),
    path("public/sessions/<int:session_id>/", views_results.public_results, name="public_results"),
    path("sessions/<int:session_id>/evote/", views_evote.evote_panel, name="evote_panel"),
    path("e/<str:public_id>/", views_evote.booth, name="evote_booth"),
    path("e/<str:public_id>/check", views_evote.booth_check, name="evote_check"),
    path("e/<str:public_id>/cast", views_evote.booth_cast, name="evote_cast"),
    path("e/<str:public_id>/spoil", views_evote.booth_spoil, name="evote_spoil"),
    path("e/<str:public_id>/board/", views_evote.board, name="evote_board"),
    path("e/<str:public_id>/files/<str:name>.json", views_evote.board_file, name="evote_file"),
]
