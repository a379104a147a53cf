"""REST API routes of the core app, mounted under /api/core/."""

from django.urls import path

from egovnet.core.api.routers import Router

from .tokens import TokenView
from .views import AuditEntryViewSet, UserViewSet

router = Router(trailing_slash=True)
router.register("users", UserViewSet, basename="user")
router.register("audit", AuditEntryViewSet, basename="audit-entry")
urlpatterns = [path("token/", TokenView.as_view(), name="api-token"), *router.urls]
