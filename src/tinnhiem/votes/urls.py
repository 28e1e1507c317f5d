from django.urls import path

from tinnhiem.votes.views import counting, drafts, results, sessions

urlpatterns = [
    path("bodies/<int:body_id>/sessions/new/", drafts.session_new, name="session_new"),
    path("sessions/<int:session_id>/edit/", drafts.session_edit, name="session_edit"),
    path("sessions/<int:session_id>/", sessions.session_detail, name="session"),
    path(
        "sessions/<int:session_id>/do/<str:action>/",
        sessions.session_action,
        name="session_action",
    ),
    path("sessions/<int:session_id>/figures/", sessions.session_figures, name="session_figures"),
    path("sessions/<int:session_id>/board/", sessions.session_board, name="session_board"),
    path(
        "sessions/<int:session_id>/paperwork/",
        sessions.session_paperwork,
        name="session_paperwork",
    ),
    path(
        "sessions/<int:session_id>/candidates/<int:candidate_id>/",
        sessions.candidate_update,
        name="candidate_update",
    ),
    path(
        "sessions/<int:session_id>/candidates/<int:candidate_id>/report",
        sessions.candidate_report_download,
        name="candidate_report",
    ),
    path(
        "sessions/<int:session_id>/ballots/<str:code>.pdf",
        sessions.ballots_download,
        name="ballots",
    ),
    path(
        "sessions/<int:session_id>/count/<str:code>/<int:operator>/",
        counting.ballot_entry,
        name="entry",
    ),
    path("sessions/<int:session_id>/differences/", counting.differences, name="differences"),
    path("sessions/<int:session_id>/aggregate/", counting.aggregate, name="aggregate"),
    path("sessions/<int:session_id>/results/", results.results, name="results"),
    path(
        "sessions/<int:session_id>/documents/<str:kind>.<str:fmt>",
        results.document_download,
        name="document",
    ),
    path("public/sessions/<int:session_id>/", results.public_results, name="public_results"),
]
