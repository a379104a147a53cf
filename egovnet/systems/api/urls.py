"""REST API routes of the systems app, mounted under /api/systems/."""

from egovnet.core.api.routers import Router

from .views import ApplicationSystemViewSet

router = Router(trailing_slash=True)
router.register("systems", ApplicationSystemViewSet, basename="system")
urlpatterns = router.urls
