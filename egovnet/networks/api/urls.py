"""REST API routes of the networks app, mounted under /api/networks/."""

from egovnet.core.api.routers import Router

from .views import NetworkViewSet

router = Router(trailing_slash=True)
router.register("networks", NetworkViewSet, basename="network")
urlpatterns = router.urls
