"""The ``egovnet-dossier/1`` self-check: schema, validation, conversion to facts, report."""

from egovnet.policy.dossier.report import CheckReport, check_dossier, check_snapshot
from egovnet.policy.dossier.validate import DossierError, FieldError

__all__ = ["CheckReport", "DossierError", "FieldError", "check_dossier", "check_snapshot"]
