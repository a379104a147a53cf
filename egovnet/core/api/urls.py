"""REST API routes of the core app, mounted under /api/core/."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from .tokens import TokenView
from .views import AuditEntryViewSet, UserViewSet

router = DefaultRouter(trailing_slash=True)
router.register("users", UserViewSet, basename="user")
router.register("audit", AuditEntryViewSet, basename="audit-entry")
urlpatterns = [path("token/", TokenView.as_view(), name="api-token"), *router.urls]
