from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("members/", include("tinnhiem.members.urls")),
    path("evaluations/", include("tinnhiem.evaluations.urls")),
    path("", include("tinnhiem.web.urls")),
]

handler400 = "tinnhiem.web.refusals.bad_request"
