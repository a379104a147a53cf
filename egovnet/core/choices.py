"""Choices of the core app: roles, clearance and audit actions.

Values are stable lowercase slugs; labels are translatable. Never compare to string literals in logic:
use the members (``Role.ADMIN``), as NetBox's ``choices.py`` convention asks.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DEPARTMENT_STAFF = "department_staff", _("Department staff")
    DEPARTMENT_LEAD = "department_lead", _("Department lead")
    DRC_REVIEWER = "drc_reviewer", _("DRC reviewer")
    PSB_OFFICER = "psb_officer", _("Public-security filing officer")
    SECRECY_OFFICER = "secrecy_officer", _("Secrecy-administration officer")
    INTRANET_COORD_OFFICER = "intranet_coord_officer", _("Intranet coordination office officer")
    EXTRANET_CENTER_OFFICER = "extranet_center_officer", _("Extranet management centre officer")
    FINANCE_OFFICER = "finance_officer", _("Finance officer")
    ASSESSMENT_AGENCY = "assessment_agency", _("Assessment agency")
    EXPERT = "expert", _("Expert")
    AUDITOR = "auditor", _("Auditor")
    VIEWER = "viewer", _("Viewer")
    ADMIN = "admin", _("Administrator")


class Clearance(models.IntegerChoices):
    """A user's clearance. Ordered so that ``clearance >= grade rank`` decides visibility."""

    NONE = 0, _("None")
    MIMI = 1, _("Secret (秘密)")
    JIMI = 2, _("Confidential (机密)")


class AuditAction(models.TextChoices):
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    TRANSITION = "transition", _("Transition")
    IMPORT = "import", _("Import")
    DECIDE = "decide", _("Decision")
    LOGIN = "login", _("Login")
    SYSTEM = "system", _("System task")
