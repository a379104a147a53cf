"""Web UI routes of the core app (namespace `core`)."""

from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("audit/", views.audit_log, name="audit_list"),
    path("users/", views.user_list, name="user_list"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
]
