from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from egovnet.core.navigation import NavItem


class ExchangeConfig(AppConfig):
    name = "egovnet.exchange"
    label = "exchange"
    verbose_name = _("Data exchange")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [
        NavItem(label=_("Import and export"), url_name="exchange:import_start", group="reports", order=50),
        NavItem(
            label=_("National progress report (PDF)"), url_name="exchange:national_report", group="reports", order=60
        ),
    ]

    def ready(self) -> None:
        from .importers import register
        from .importers.registries import BUILTIN

        for spec in BUILTIN:
            register(spec)

        from .documents import sources
        from .documents.builders import register_document_source

        register_document_source("review_sheet", sources.project_review_sheet)
        register_document_source("coverage", sources.national_coverage)
        register_document_source("migration", sources.national_migration)
        register_document_source("targets", sources.national_targets)
        register_document_source("findings", sources.national_findings)

        from egovnet.core import jobs as background

        from .jobs import register_enqueue
        from .tasks import MAX_ATTEMPTS, import_job_abandoned, run_import_job

        background.register(
            run_import_job.module_path, max_attempts=MAX_ATTEMPTS, on_abandoned=import_job_abandoned
        )
        register_enqueue(lambda job_id, write: run_import_job.enqueue(job_id=job_id, write=write))

        from . import document_jobs
        from .tasks import build_document_job

        background.register(
            build_document_job.module_path, max_attempts=MAX_ATTEMPTS, on_abandoned=document_jobs.document_job_abandoned
        )
        document_jobs.register_enqueue(lambda job_id: build_document_job.enqueue(job_id=job_id))
