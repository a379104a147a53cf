"""REST API routes of the policy app, mounted under /api/policy/."""

from django.urls import path

from egovnet.core.api.routers import Router
from egovnet.policy.api.deviations import DeviationViewSet
from egovnet.policy.api.findings import FindingViewSet, SweepRunViewSet
from egovnet.policy.api.views import PolicyCheckView, PolicyRulesView

router = Router(trailing_slash=True)
router.register("findings", FindingViewSet, basename="finding")
router.register("sweeps", SweepRunViewSet, basename="sweeprun")
router.register("deviations", DeviationViewSet, basename="deviation")
urlpatterns = [
    path("check/", PolicyCheckView.as_view(), name="policy-check"),
    path("rules/", PolicyRulesView.as_view(), name="policy-rules"),
    *router.urls,
]
