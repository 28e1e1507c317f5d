from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("members/", include("tinnhiem.members.urls")),
    path("evaluations/", include("tinnhiem.evaluations.urls")),
    path("programmes/", include("tinnhiem.programmes.urls")),
    # each app's pages, at the addresses they have always had (no prefix, no namespace: the
    # templates and tests name them "session", "evote_booth"...)
    path("", include("tinnhiem.web.urls")),
    path("", include("tinnhiem.accounts.urls")),
    path("", include("tinnhiem.audit.urls")),
    path("", include("tinnhiem.bodies.urls")),
    path("", include("tinnhiem.votes.urls")),
    path("", include("tinnhiem.scans.urls")),
    path("", include("tinnhiem.evote.urls")),
]

handler400 = "tinnhiem.web.refusals.bad_request"
handler403 = "tinnhiem.web.error_pages.forbidden"
handler404 = "tinnhiem.web.error_pages.not_found"
handler500 = "tinnhiem.web.error_pages.server_error"
