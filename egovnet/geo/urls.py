"""Web UI routes of the geo app (namespace `geo`)."""

from django.urls import path

from . import views

app_name = "geo"
urlpatterns = [
    path("divisions/", views.DivisionListView.as_view(), name="division_list"),
    path("divisions/lookup/", views.division_lookup, name="division_lookup"),
    path("divisions/<str:pk>/", views.DivisionDetailView.as_view(), name="division_detail"),
]
