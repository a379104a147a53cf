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
