"""REST API routes of the core app, mounted under /api/core/."""

from rest_framework.routers import DefaultRouter

from .views import AuditEntryViewSet, UserViewSet

router = DefaultRouter(trailing_slash=True)
router.register("users", UserViewSet, basename="user")
router.register("audit", AuditEntryViewSet, basename="audit-entry")
urlpatterns = router.urls
