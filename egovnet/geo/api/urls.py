"""REST API routes of the geo app, mounted under /api/geo/."""

from rest_framework.routers import DefaultRouter

from .views import DivisionViewSet

router = DefaultRouter(trailing_slash=True)
router.register("divisions", DivisionViewSet, basename="division")
urlpatterns = router.urls
