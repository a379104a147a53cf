"""API helpers for the lifecycle tests: each call goes through the real endpoints and services."""

from __future__ import annotations

import datetime as dt

from egovnet.core.testing.api import client_for
from egovnet.projects.choices import NetworkUseSubCheck


def ok(response, code=200):
    assert response.status_code == code, (response.status_code, response.json() if response.content else None)
    return response.json()


def project_json(c, pk):
    return ok(c.get(f"/api/projects/projects/{pk}/"))


def move(c, pk, transition, note=""):
    version = project_json(c, pk)["version"]
    return c.post(
        f"/api/projects/projects/{pk}/transition/",
        {"transition": transition, "note": note, "version": version},
        format="json",
    )


def evidence(c, pk, doc_type, **fields):
    return ok(c.post("/api/projects/evidence/", {"project": pk, "doc_type": doc_type, **fields}, format="json"), 201)


def request_and_decide(w, pk, kind, apps, officer, ref, submitted_on="2013-03-01", decided_on="2013-03-08"):
    req = ok(client_for(w.lead).post("/api/projects/requests/", {"project": pk, "kind": kind, "applications": apps,
                                                                  "submitted_on": submitted_on}, format="json"), 201)  # fmt: skip
    return ok(client_for(officer).post(f"/api/projects/requests/{req['id']}/decide/",
                                       {"approve": True, "decision_ref": ref, "version": req["version"],
                                        "decided_on": decided_on}, format="json"))  # fmt: skip


def review(w, pk, review_type, date="2013-04-10", invite_on="2013-04-01"):
    rc = client_for(w.reviewer)
    m = ok(rc.post("/api/projects/meetings/", {"project": pk, "review_type": review_type, "date": date,
                                                "invite_on": invite_on}, format="json"), 201)  # fmt: skip
    ok(rc.post(f"/api/projects/meetings/{m['id']}/conclude/", {"opinion": "同意 / agreed", "version": m["version"]},
               format="json"))  # fmt: skip
    return m


def act_on(w, pk, day: str):
    """The date of the next act judged (a review counts once held by then; the packs of that date apply)."""
    lead = client_for(w.lead)
    version = project_json(lead, pk)["version"]
    return ok(lead.patch(f"/api/projects/projects/{pk}/", {"act_date": day, "version": version}, format="json"))


def all_checks(value=True) -> dict:
    return {c: value for c in NetworkUseSubCheck.values}


TODAY = dt.date(2013, 5, 2)


def pass_needs(w, pk):
    lead = client_for(w.lead)
    evidence(lead, pk, "needs_analysis_report", ref_no="需求-1", date="2013-02-01")
    request_and_decide(w, pk, "secrecy_review", [w.app_cases.pk], w.napss_officer, "国保函〔2013〕12号")
    request_and_decide(w, pk, "mlps_filing", [w.app_portal.pk], w.bj_officer, "11010113001-00001")
    review(w, pk, "needs_deliberation")


def pass_access(w, pk):
    cases, portal = w.app_cases.pk, w.app_portal.pk
    request_and_decide(w, pk, "intranet_vetting", [cases], w.coord_officer, "内网协调办审〔2013〕3号")
    request_and_decide(w, pk, "intranet_review", [cases], w.napss_officer, "国保函〔2013〕20号")
    request_and_decide(w, pk, "extranet_agreement", [portal], w.extranet_officer, "外网协〔2013〕8号")


def pass_proposal(w, pk):
    lead = client_for(w.lead)
    evidence(lead, pk, "deployment_migration_plan", plan_stage="proposal", sections=["intranet", "extranet"])
    pass_access(w, pk)
    review(w, pk, "proposal_appraisal")
    evidence(lead, pk, "project_proposal", ref_no="某部〔2013〕1号", date="2013-04-20")
