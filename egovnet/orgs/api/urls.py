"""REST API routes of the orgs app, mounted under /api/orgs/."""

from egovnet.core.api.routers import Router

from .views import OrganisationViewSet

router = Router(trailing_slash=True)
router.register("organisations", OrganisationViewSet, basename="organisation")
urlpatterns = router.urls
