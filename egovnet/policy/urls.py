"""Web UI routes of the policy app (namespace `policy`)."""

from django.urls import path

from egovnet.policy import views

app_name = "policy"
urlpatterns = [
    path("rules/", views.rule_catalogue, name="rule_catalogue"),
    path("check/", views.dossier_check, name="dossier_check"),
    path("check/format/", views.dossier_format, name="dossier_format"),
    path("findings/", views.findings_list, name="findings_list"),
    path("sweeps/", views.sweep_list, name="sweep_list"),
    path("sweeps/start/", views.sweep_start, name="sweep_start"),
    path("sweeps/<int:pk>/", views.sweep_detail, name="sweep_detail"),
    path("deviations/<str:subject_type>/<int:subject_id>/", views.deviation_add, name="deviation_add"),
]
