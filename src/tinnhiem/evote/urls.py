from django.urls import path

from tinnhiem.evote import board_views, views

urlpatterns = [
    path("sessions/<int:session_id>/evote/", views.evote_panel, name="evote_panel"),
    path("e/<str:public_id>/", views.booth, name="evote_booth"),
    path("e/<str:public_id>/check", views.booth_check, name="evote_check"),
    path("e/<str:public_id>/cast", views.booth_cast, name="evote_cast"),
    path("e/<str:public_id>/spoil", views.booth_spoil, name="evote_spoil"),
    path("e/<str:public_id>/board/", board_views.board, name="evote_board"),
    path("e/<str:public_id>/files/<str:name>.json", board_views.board_file, name="evote_file"),
]
