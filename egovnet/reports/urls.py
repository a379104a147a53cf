"""Web UI routes of the reports app (namespace `reports`)."""

from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("capacity/", views.capacity, name="capacity"),
    path("geo/provinces.geojson", views.provinces_geojson, name="geo_provinces"),
    path("geo/prefectures/<str:province>.geojson", views.prefectures_geojson, name="geo_prefectures"),
    path("geo/licence.txt", views.geo_licence, name="geo_licence"),
]
