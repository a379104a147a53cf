"""REST API routes of the projects app, mounted under /api/projects/."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter(trailing_slash=True)
urlpatterns = router.urls
