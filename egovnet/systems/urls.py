"""Web UI routes of the systems app (namespace `systems`)."""

from django.urls import path  # noqa: F401

app_name = "systems"
urlpatterns: list = []
