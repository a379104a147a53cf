"""Pass / fail / not-applicable cases of the 国办发〔2019〕57号 pack's own rules (dates in 2021)."""

from __future__ import annotations

from egovnet.policy.tests.rule_helpers import add_docs, chain, local_owner, only, setproj

Y2021 = setproj(date="2021-03-01")
SIMPLIFIED = setproj(date="2021-03-01", approval_path="simplified", stage="feasibility")

CASES_57 = [
    ("R57-11.1", "project", "pass", chain(SIMPLIFIED, setproj(in_national_plan=True)), None),
    ("R57-11.1", "project", "pass", chain(SIMPLIFIED, setproj(simplified_basis="国务院常务会议要求，情况紧急")), None),
    ("R57-11.1", "project", "fail", SIMPLIFIED, None),
    ("R57-11.1", "project", "fail", chain(SIMPLIFIED, setproj(in_national_plan=False)), None),
    ("R57-11.1", "project", "not_applicable", Y2021, None),
    ("R57-11.1", "project", "not_applicable", chain(SIMPLIFIED, local_owner), None),
    (
        "R57-21.1",
        "app-2",
        "pass",
        chain(Y2021, add_docs({"type": "crypto_application_plan", "covers": ["app-2"]})),
        None,
    ),
    ("R57-21.1", "app-2", "fail", Y2021, None),
    ("R57-21.1", "project", "not_applicable", chain(Y2021, only("app-1")), None),
    ("R57-21.1", "project", "not_applicable", chain(Y2021, local_owner), None),
    (
        "R57-13.1",
        "project",
        "pass",
        chain(
            setproj(date="2021-03-01", stage="construction"),
            add_docs({"type": "preliminary_design", "result": "approved"}),
        ),
        None,
    ),
    (
        "R57-13.1",
        "project",
        "fail",
        chain(
            setproj(date="2021-03-01", stage="construction"),
            add_docs({"type": "preliminary_design", "result": "rejected"}),
        ),
        None,
    ),
    ("R57-13.1", "project", "fail", setproj(date="2021-03-01", stage="construction"), None),
    ("R57-13.1", "project", "not_applicable", chain(Y2021, local_owner), None),
    ("R57-9.1", "project", "pass", chain(Y2021, add_docs({"type": "info_resource_catalog"})), None),
    (
        "R57-9.1",
        "project",
        "pass",
        chain(Y2021, add_docs({"type": "ndrc_project_filing", "items": ["info_resource_catalog"]})),
        None,
    ),
    ("R57-9.1", "project", "fail", Y2021, None),
    ("R57-9.1", "project", "not_applicable", chain(Y2021, only("app-1")), None),
    ("R57-9.1", "project", "not_applicable", chain(Y2021, local_owner), None),
]
