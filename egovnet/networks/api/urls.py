"""REST API routes of the networks app, mounted under /api/networks/."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter(trailing_slash=True)
urlpatterns = router.urls
