from egovnet.reports.tests.factories import admin, divisions  # noqa: F401
