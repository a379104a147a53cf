"""REST API routes of the migration app, mounted under /api/migration/."""

from django.urls import path

from egovnet.core.api.routers import Router

from . import views

router = Router(trailing_slash=True)
router.register("plans", views.MigrationPlanViewSet, basename="plan")
router.register("versions", views.PlanVersionViewSet, basename="version")
router.register("items", views.MigrationItemViewSet, basename="item")
router.register("budget-lines", views.BudgetLineViewSet, basename="budget-line")
router.register("proposals", views.OmProposalViewSet, basename="proposal")
router.register("proposal-lines", views.OmProposalLineViewSet, basename="proposal-line")
router.register("network-exceptions", views.NetworkExceptionViewSet, basename="network-exception")

urlpatterns = [
    path("progress/", views.ProgressView.as_view(), name="progress"),
    path("overdue/", views.OverdueView.as_view(), name="overdue"),
    path("departments-without-plan/", views.DepartmentsWithoutPlanView.as_view(), name="departments-without-plan"),
    path("new-networks/", views.NewNetworksView.as_view(), name="new-networks"),
    path("what-if/", views.WhatIfView.as_view(), name="what-if"),
    *router.urls,
]
