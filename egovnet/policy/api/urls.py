"""REST API routes of the policy app, mounted under /api/policy/."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter(trailing_slash=True)
urlpatterns = router.urls
