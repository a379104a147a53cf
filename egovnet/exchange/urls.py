"""Web UI routes of the exchange app (namespace `exchange`)."""

from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("import/", views.import_start, name="import_start"),
    path("import/<int:pk>/", views.import_job, name="import_job"),
    path("import/<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/annotated.xlsx", views.import_annotated, name="import_annotated"),
    path("template/<str:registry>.xlsx", views.template_download, name="template"),
    path("export/<str:registry>.<str:fmt>", views.export_registry, name="export"),
    path("documents/review-sheet/<int:project_id>.<str:fmt>", views.review_sheet, name="review_sheet"),
    path("documents/national-report/", views.national_report, name="national_report"),
    path("documents/request/", views.document_request, name="document_request"),
    path("documents/jobs/<int:pk>/", views.document_job, name="document_job"),
    path("documents/jobs/<int:pk>/progress/", views.document_progress, name="document_progress"),
    path("documents/jobs/<int:pk>/download", views.document_download, name="document_download"),
]
