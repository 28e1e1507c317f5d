from django.urls import URLPattern, URLResolver, path

from tinnhiem.programmes.report_views import report_urlpatterns
from tinnhiem.programmes.views import (
    dashboard,
    oversight,
    pages,
    sheets,
    snapshots,
    subtasks,
    targets,
    updates,
    watched,
)

app_name = "programmes"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", pages.index, name="index"),
    path("<int:programme_id>/", pages.programme, name="programme"),
    path("<int:programme_id>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("<int:programme_id>/targets/", targets.targets, name="targets"),
    path("<int:programme_id>/tasks.<str:fmt>", sheets.export, name="export"),
    path("tasks/<int:task_id>/", pages.task, name="task"),
    path("tasks/<int:task_id>/update/", updates.update_new, name="update_new"),
    path("tasks/<int:task_id>/remind/", updates.remind, name="remind"),
    path("tasks/<int:task_id>/extend/", updates.extend, name="extend"),
    path("tasks/<int:task_id>/stop/", updates.stop, name="stop"),
    path("updates/<int:update_id>/submit/", updates.update_submit, name="update_submit"),
    path("updates/<int:update_id>/confirm/", updates.update_confirm, name="update_confirm"),
    path("updates/<int:update_id>/return/", updates.update_return, name="update_return"),
    path("files/<int:attachment_id>/", updates.attachment, name="attachment"),
    path("bodies/<int:body_id>/import/", sheets.upload, name="import"),
    path("bodies/<int:body_id>/import/confirm/", sheets.confirm, name="import_confirm"),
    path("bodies/<int:body_id>/ktgs/", oversight.ktgs, name="ktgs"),
    path("bodies/<int:body_id>/cases/", oversight.watched_cases, name="cases"),
    path("bodies/<int:body_id>/cases/new/", watched.case_new, name="case_new"),
    path("cases/<int:case_id>/", watched.case_page, name="case"),
    path("cases/<int:case_id>/figures/", watched.case_figures, name="case_figures"),
    path("cases/<int:case_id>/remove/", watched.case_remove, name="case_remove"),
    path("bodies/<int:body_id>/reform/", oversight.reform_page, name="reform"),
]
urlpatterns += [  # sub-tasks per agency, frozen period snapshots
    path("tasks/<int:task_id>/parts/new/", subtasks.part_new, name="part_new"),
    path("parts/<int:part_id>/", subtasks.part_edit, name="part_edit"),
    path("parts/<int:part_id>/progress/", subtasks.part_progress, name="part_progress"),
    path("parts/<int:part_id>/delete/", subtasks.part_delete, name="part_delete"),
    path("<int:programme_id>/snapshots/", snapshots.snapshot_list, name="snapshots"),
    path("<int:programme_id>/snapshots/new/", snapshots.snapshot_new, name="snapshot_new"),
    path("snapshots/<int:snapshot_id>/sign/", snapshots.snapshot_sign, name="snapshot_sign"),
]
urlpatterns += report_urlpatterns  # the period reports (PDF, DOCX, XLSX)
