"""REST API routes of the reports app, mounted under /api/reports/."""

from django.urls import path

from egovnet.core.api.routers import Router

from . import views

router = Router(trailing_slash=True)
urlpatterns = [
    path("coverage/", views.CoverageAPIView.as_view(), name="reports-coverage"),
    path("coverage/history/", views.CoverageHistoryAPIView.as_view(), name="reports-coverage-history"),
    path("capacity/", views.CapacityAPIView.as_view(), name="reports-capacity"),
    path("targets/", views.TargetsAPIView.as_view(), name="reports-targets"),
    path("findings/", views.FindingsAPIView.as_view(), name="reports-findings"),
    *router.urls,
]
