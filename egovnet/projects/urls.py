"""Web UI routes of the projects app (namespace `projects`)."""

from django.urls import path

from . import views, views_agency

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("add/", views.project_add, name="project_add"),
    path("tasks/", views.tasks, name="tasks"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/transition/", views.project_transition, name="project_transition"),
    path("<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("<int:pk>/requests/", views.request_add, name="request_add"),
    path("<int:pk>/applications/", views.application_add, name="application_add"),
    path("<int:pk>/local-parts/", views.local_part_add, name="local_part_add"),
    path("<int:pk>/meetings/", views.meeting_add, name="meeting_add"),
    path("<int:pk>/meetings/conclude/", views.meeting_conclude, name="meeting_conclude"),
    path("<int:pk>/meetings/change/", views.meeting_change, name="meeting_change"),
    path("<int:pk>/acceptance-check/", views.acceptance_check, name="acceptance_check"),
    path("<int:pk>/commissions/", views_agency.commission_add, name="commission_add"),
    path("<int:pk>/deviations/", views.deviation_add, name="deviation_add"),
    path("commissions/<int:pk>/report/", views_agency.commission_report, name="commission_report"),
    path("commissions/<int:pk>/withdraw/", views_agency.commission_withdraw, name="commission_withdraw"),
    path("evidence/<int:pk>/download/", views.evidence_download, name="evidence_download"),
    path("invitations/<int:pk>/respond/", views.invitation_respond, name="invitation_respond"),
    path("requests/<int:pk>/decide/", views.request_decide, name="request_decide"),
]
