"""REST API routes of the exchange app, mounted under /api/exchange/."""

from egovnet.core.api.routers import Router

router = Router(trailing_slash=True)
urlpatterns = router.urls
