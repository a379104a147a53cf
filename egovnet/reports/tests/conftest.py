from egovnet.reports.tests.factories import all_divisions, planner  # noqa: F401
