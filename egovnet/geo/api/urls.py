"""REST API routes of the geo app, mounted under /api/geo/."""

from egovnet.core.api.routers import Router

from .views import DivisionViewSet

router = Router(trailing_slash=True)
router.register("divisions", DivisionViewSet, basename="division")
urlpatterns = router.urls
