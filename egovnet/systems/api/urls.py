"""REST API routes of the systems app, mounted under /api/systems/."""

from rest_framework.routers import DefaultRouter

from .views import ApplicationSystemViewSet

router = DefaultRouter(trailing_slash=True)
router.register("systems", ApplicationSystemViewSet, basename="system")
urlpatterns = router.urls
