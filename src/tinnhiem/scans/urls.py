from django.urls import path

from tinnhiem.scans import views

urlpatterns = [
    path("sessions/<int:session_id>/scans/", views.scans, name="scans"),
    path("sessions/<int:session_id>/scans/status.json", views.scans_status, name="scans_status"),
    path("sessions/<int:session_id>/review/", views.review, name="review"),
    path(
        "sessions/<int:session_id>/review/<int:item_id>/crop.png",
        views.review_crop,
        name="review_crop",
    ),
]
