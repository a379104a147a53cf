"""Models of the project lifecycle."""

from .assessment import AssessmentAgency, Holiday
from .commission import AssessmentCommission
from .evidence import Evidence
from .project import LocalPart, NetworkComponent, Project, ProjectApplication, StageTransition
from .requests import AuthorityRequest
from .reviews import ExpertInvitation, ReviewMeeting

__all__ = [
    "AssessmentAgency",
    "AssessmentCommission",
    "AuthorityRequest",
    "Evidence",
    "ExpertInvitation",
    "Holiday",
    "LocalPart",
    "NetworkComponent",
    "Project",
    "ProjectApplication",
    "ReviewMeeting",
    "StageTransition",
]
