"""REST API routes of the core app, mounted under /api/core/."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter(trailing_slash=True)
urlpatterns = router.urls
