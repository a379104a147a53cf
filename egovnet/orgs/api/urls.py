"""REST API routes of the orgs app, mounted under /api/orgs/."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter(trailing_slash=True)
urlpatterns = router.urls
