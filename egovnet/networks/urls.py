"""Web UI routes of the networks app (namespace `networks`)."""

from django.urls import path

from . import views

app_name = "networks"
urlpatterns = [
    path("", views.NetworkListView.as_view(), name="network_list"),
    path("add/", views.NetworkFormView.as_view(), name="network_add"),
    path("lookup/", views.network_lookup, name="network_lookup"),
    path("<int:pk>/", views.NetworkDetailView.as_view(), name="network_detail"),
    path("<int:pk>/edit/", views.NetworkFormView.as_view(), name="network_edit"),
    path("<int:pk>/delete/", views.NetworkDeleteView.as_view(), name="network_delete"),
]
