"""Web UI routes of the systems app (namespace `systems`)."""

from django.urls import path

from . import views

app_name = "systems"
urlpatterns = [
    path("", views.SystemListView.as_view(), name="system_list"),
    path("add/", views.SystemFormView.as_view(), name="system_add"),
    path("lookup/", views.system_lookup, name="system_lookup"),
    path("<int:pk>/", views.SystemDetailView.as_view(), name="system_detail"),
    path("<int:pk>/edit/", views.SystemFormView.as_view(), name="system_edit"),
    path("<int:pk>/delete/", views.SystemDeleteView.as_view(), name="system_delete"),
]
