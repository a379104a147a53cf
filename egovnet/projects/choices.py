"""Choices of the projects app. Slugs match the dossier format (egovnet-dossier/1, docs/dossier/).

Never compare to string literals in logic: use the members (``Stage.PROPOSAL``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    NEEDS_ANALYSIS = "needs_analysis", _("Needs analysis")
    PROPOSAL = "proposal", _("Project proposal")
    FEASIBILITY = "feasibility", _("Feasibility study")
    PRELIMINARY_DESIGN = "preliminary_design", _("Preliminary design and investment estimate")
    CONSTRUCTION = "construction", _("Construction")
    TRIAL_OPERATION = "trial_operation", _("Trial operation")
    ACCEPTANCE_APPLICATION = "acceptance_application", _("Acceptance application")
    COMPLETION_ACCEPTANCE = "completion_acceptance", _("Completion acceptance")


STAGE_ORDER = list(Stage)


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed (accepted)")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ProjectKind(models.TextChoices):
    NEW = "new", _("New")
    CONTINUED = "continued", _("Continued")
    RENOVATION = "renovation", _("Renovation")
    EXPANSION = "expansion", _("Expansion")


class ApprovalPath(models.TextChoices):
    FULL = "full", _("Full (proposal, then feasibility study)")
    SIMPLIFIED = "simplified", _("Simplified (feasibility study stands in for the proposal)")


class ApprovalRegime(models.TextChoices):
    NDRC = "ndrc", _("Approved by the NDRC")
    DEPARTMENT = "department", _("Approved by the department (NDRC filing)")
    LOCAL = "local", _("Local approval")


class TransitionKind(models.TextChoices):
    ADVANCE = "advance", _("Advance")
    COMPLETE = "complete", _("Accept (complete)")
    SEND_BACK = "send_back", _("Send back")
    WITHDRAW = "withdraw", _("Withdraw")


class DocumentType(models.TextChoices):
    NEEDS_ANALYSIS_REPORT = "needs_analysis_report", _("Needs-analysis report")
    PROJECT_PROPOSAL = "project_proposal", _("Project proposal")
    FEASIBILITY_STUDY_REPORT = "feasibility_study_report", _("Feasibility study report")
    PRELIMINARY_DESIGN = "preliminary_design", _("Preliminary design and investment estimate")
    DEPLOYMENT_MIGRATION_PLAN = "deployment_migration_plan", _("Intranet/extranet deployment and migration plan")
    SECRECY_REVIEW_OPINION = "secrecy_review_opinion", _("Secrecy review opinion")
    MLPS_GRADING_REPORT = "mlps_grading_report", _("MLPS grading report")
    MLPS_FILING_CERTIFICATE = "mlps_filing_certificate", _("MLPS filing certificate")
    INTRANET_ACCESS_VETTING = "intranet_access_vetting", _("Intranet access vetting (coordination office)")
    INTRANET_ACCESS_REVIEW = "intranet_access_review", _("Intranet access review (NAPSS)")
    EXTRANET_SERVICE_AGREEMENT = "extranet_service_agreement", _("Extranet service agreement")
    CLASSIFIED_SYSTEM_AUTHORIZATION = "classified_system_authorization", _("Classified system authorisation")
    FENBAO_ASSESSMENT_REPORT = "fenbao_assessment_report", _("Classified-protection (分保) assessment report")
    MLPS_ASSESSMENT_REPORT = "mlps_assessment_report", _("MLPS (等保) assessment report")
    RISK_ASSESSMENT_REPORT = "risk_assessment_report", _("Risk assessment report")
    CENTRAL_DEPARTMENT_OPINION = "central_department_opinion", _("Central department opinion (co-built)")
    LOCAL_DRC_APPROVAL = "local_drc_approval", _("Local DRC approval (co-built)")
    NETWORK_USE_ACCEPTANCE_CHECK = "network_use_acceptance_check", _("Network-use acceptance check")
    NATIONAL_APPROVAL = "national_approval", _("National approval of the proposal")
    # 国办发〔2019〕57号 overlay (pack gov-2019-57)
    NDRC_PROJECT_FILING = "ndrc_project_filing", _("NDRC project filing package")
    CRYPTO_APPLICATION_PLAN = "crypto_application_plan", _("Commercial-crypto application plan")
    CRYPTO_ASSESSMENT_REPORT = "crypto_assessment_report", _("Commercial-crypto assessment report (密评)")


# Classified material (context.md §4.5): only the reference is kept, never a file.
ALWAYS_OPAQUE_TYPES = frozenset(
    {
        DocumentType.SECRECY_REVIEW_OPINION,
        DocumentType.CLASSIFIED_SYSTEM_AUTHORIZATION,
        DocumentType.FENBAO_ASSESSMENT_REPORT,
        DocumentType.INTRANET_ACCESS_VETTING,
        DocumentType.INTRANET_ACCESS_REVIEW,
    }
)


class DocumentResult(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    SIGNED = "signed", _("Signed")
    FILED = "filed", _("Filed")


class FilingStage(models.TextChoices):
    PLANNING = "planning", _("Planning-stage filing")
    FINAL = "final", _("Final (operational) filing")


class PlanStage(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal stage")
    FSR = "fsr", _("Feasibility-study stage")


class RequestKind(models.TextChoices):
    SECRECY_REVIEW = "secrecy_review", _("Secrecy review (保密审查)")
    MLPS_FILING = "mlps_filing", _("MLPS filing certificate (等保备案)")
    INTRANET_VETTING = "intranet_vetting", _("Intranet access vetting (内网接入审核)")
    INTRANET_REVIEW = "intranet_review", _("Intranet access review (内网接入审查)")
    EXTRANET_AGREEMENT = "extranet_agreement", _("Extranet service agreement (外网业务应用协议)")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReviewType(models.TextChoices):
    NEEDS_DELIBERATION = "needs_deliberation", _("Needs-analysis deliberation (评议)")
    PROPOSAL_APPRAISAL = "proposal_appraisal", _("Proposal appraisal (评审)")
    FSR_APPRAISAL = "fsr_appraisal", _("Feasibility study appraisal (评审)")


class InviteeBody(models.TextChoices):
    SECRECY_ADMINISTRATION = "secrecy_administration", _("Secrecy administration")
    PUBLIC_SECURITY = "public_security", _("Public security")
    INTRANET_OPERATOR = "intranet_operator", _("Intranet build/management unit")
    EXTRANET_OPERATOR = "extranet_operator", _("Extranet build/management unit")


class InvitationResponse(models.TextChoices):
    NO_RESPONSE = "no_response", _("No response")
    NOMINATED = "nominated", _("Expert nominated")
    DECLINED = "declined", _("Declined")


class Qualification(models.TextChoices):
    FENBAO = "fenbao", _("分保 classified-protection assessment")
    MLPS = "mlps", _("等保 MLPS assessment")
    RISK = "risk", _("风险评估 risk assessment")
    CRYPTO = "crypto", _("密评 commercial-crypto assessment")


class RiskPart(models.TextChoices):
    CLASSIFIED = "classified", _("Classified part")
    NON_CLASSIFIED = "non_classified", _("Non-classified part")


class NetworkUseSubCheck(models.TextChoices):
    SECRECY = "secrecy_review_conditions_met", _("(a) classified applications: secrecy review obtained, conditions met")
    MLPS = "graded_filed_tested", _("(b) non-classified applications: graded, filed (final), tested")
    DEPLOYMENT = "deployment_matches_approval", _("(c) deployment matches the approval, no new private network")


class CommissionStatus(models.TextChoices):
    COMMISSIONED = "commissioned", _("Commissioned")
    REPORTED = "reported", _("Result recorded")
    WITHDRAWN = "withdrawn", _("Withdrawn")
