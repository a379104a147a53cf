"""REST API routes of the networks app, mounted under /api/networks/."""

from rest_framework.routers import DefaultRouter

from .views import NetworkViewSet

router = DefaultRouter(trailing_slash=True)
router.register("networks", NetworkViewSet, basename="network")
urlpatterns = router.urls
