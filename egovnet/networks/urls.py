"""Web UI routes of the networks app (namespace `networks`)."""

from django.urls import path  # noqa: F401

app_name = "networks"
urlpatterns: list = []
