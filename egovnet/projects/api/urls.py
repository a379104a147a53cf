"""REST API routes of the projects app, mounted under /api/projects/."""

from egovnet.core.api.routers import Router

from . import commissions, views

router = Router(trailing_slash=True)
router.register("projects", views.ProjectViewSet, basename="project")
router.register("evidence", views.EvidenceViewSet, basename="evidence")
router.register("requests", views.RequestViewSet, basename="request")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("invitations", views.InvitationViewSet, basename="invitation")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("commissions", commissions.CommissionViewSet, basename="commission")
urlpatterns = router.urls
