from egovnet.reports.tests.factories import all_divisions, fast_divisions, planner  # noqa: F401
