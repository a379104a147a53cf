"""Web UI routes of the migration app (namespace `migration`)."""

from django.urls import path  # noqa: F401

app_name = "migration"
urlpatterns: list = []
