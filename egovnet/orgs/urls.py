"""Web UI routes of the orgs app (namespace `orgs`)."""

from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation_list"),
    path("add/", views.OrganisationFormView.as_view(), name="organisation_add"),
    path("lookup/", views.organisation_lookup, name="organisation_lookup"),
    path("<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("<int:pk>/edit/", views.OrganisationFormView.as_view(), name="organisation_edit"),
    path("<int:pk>/delete/", views.OrganisationDeleteView.as_view(), name="organisation_delete"),
]
