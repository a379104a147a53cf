"""Web UI routes of the orgs app (namespace `orgs`)."""

from django.urls import path  # noqa: F401

app_name = "orgs"
urlpatterns: list = []
