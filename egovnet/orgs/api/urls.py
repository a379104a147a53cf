"""REST API routes of the orgs app, mounted under /api/orgs/."""

from rest_framework.routers import DefaultRouter

from .views import OrganisationViewSet

router = DefaultRouter(trailing_slash=True)
router.register("organisations", OrganisationViewSet, basename="organisation")
urlpatterns = router.urls
