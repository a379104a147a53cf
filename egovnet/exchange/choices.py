from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    VALIDATING = "validating", _("Validating")
    VALIDATED = "validated", _("Validated: ready to import")
    REJECTED = "rejected", _("Rejected: errors found")
    WRITING = "writing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class JobPhase(models.TextChoices):
    VALIDATE = "validate", _("Validation")
    WRITE = "write", _("Import")


FINAL_STATUSES = {JobStatus.VALIDATED, JobStatus.REJECTED, JobStatus.DONE, JobStatus.FAILED}


class DocumentKind(models.TextChoices):
    NATIONAL_REPORT = "national_report", _("National progress report")
    REVIEW_SHEET = "review_sheet", _("Project review sheet")
    EXPORT = "export", _("Registry export")


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    BUILDING = "building", _("Building")
    DONE = "done", _("Ready to download")
    FAILED = "failed", _("Failed")


DOCUMENT_FINAL = {DocumentStatus.DONE, DocumentStatus.FAILED}
