"""Web UI routes of the policy app (namespace `policy`)."""

from django.urls import path  # noqa: F401

app_name = "policy"
urlpatterns: list = []
