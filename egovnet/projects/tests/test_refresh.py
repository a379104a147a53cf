"""A project's stored findings follow its edits (issue 3 §3, ADR 0360): every service write that changes the
snapshot re-evaluates the project once, after commit; recorded deviations are in the snapshot."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from egovnet.networks.choices import BuiltOn, ComponentKind
from egovnet.policy import services as policy_services
from egovnet.policy.choices import FindingOutcome, SubjectType
from egovnet.policy.models import Finding
from egovnet.policy.services import current_findings, deviation_create, refresh_subjects
from egovnet.projects import gates, workflow
from egovnet.projects.facts import build_snapshot
from egovnet.projects.models import Evidence, Project
from egovnet.projects.services import (
    commission_create,
    commission_report,
    evidence_create,
    evidence_delete,
    meeting_create,
    network_component_add,
)
from egovnet.systems.services import system_update

from .helpers import client_for, evidence

TODAY = dt.date.today()


def rows(project, rule):
    return Finding.objects.filter(subject_type=SubjectType.PROJECT, subject_id=str(project.pk), rule=rule)


def outcomes(project, rule):
    return sorted(rows(project, rule).values_list("outcome", flat=True))


@pytest.fixture
def evaluations(monkeypatch):
    """The project ids of every engine evaluation of a project batch."""
    seen: list[str] = []
    real = policy_services.evaluate_batch

    def spy(batch, plan, **kw):
        seen.extend(s.id for s in batch.subjects.values() if s.type == SubjectType.PROJECT)
        return real(batch, plan, **kw)

    monkeypatch.setattr(policy_services, "evaluate_batch", spy)
    return seen


def agreement(world, project):
    """The extranet application agreement, recorded through the API as the UI does."""
    return evidence(
        client_for(world.lead),
        project.pk,
        "extranet_service_agreement",
        issuer=world.extranet.pk,
        ref_no="外网协〔2013〕8号",
        date="2013-03-08",
        result="signed",
        applications=[world.app_portal.pk],
    )


def test_a_document_added_through_the_api_turns_its_rule_from_fail_to_pass(
    world, project, django_capture_on_commit_callbacks
):
    refresh_subjects(SubjectType.PROJECT, [project.pk])
    assert outcomes(project, "R-9.4") == [FindingOutcome.FAIL]
    with django_capture_on_commit_callbacks(execute=True):
        doc = agreement(world, project)
    # passes are counted, not stored (ADR 0351): the fails are gone, the live verdict passes
    assert outcomes(project, "R-9.4") == outcomes(project, "R-7.3") == []
    live = {(f.rule, f.outcome) for f in current_findings(SubjectType.PROJECT, project.pk)}
    assert {("R-9.4", FindingOutcome.PASS), ("R-7.3", FindingOutcome.PASS)} <= live

    with django_capture_on_commit_callbacks(execute=True):
        e = Evidence.objects.get(pk=doc["id"])
        evidence_delete(actor=world.admin, evidence=e, expected_version=e.version)
    assert outcomes(project, "R-9.4") == [FindingOutcome.FAIL]


def test_a_rolled_back_document_leaves_the_findings_unchanged(
    world, project, django_capture_on_commit_callbacks, evaluations
):
    refresh_subjects(SubjectType.PROJECT, [project.pk])
    before = list(rows(project, "R-9.4").values_list("pk", "outcome", "evaluated_at"))
    evaluations.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            evidence_create(
                actor=world.lead,
                project=project,
                doc_type="extranet_service_agreement",
                issuer=world.extranet,
                ref_no="外网协〔2013〕8号",
                date=dt.date(2013, 3, 8),
                result="signed",
                applications=[world.app_portal],
            )
            raise RuntimeError("rolled back")
    assert not evaluations
    assert list(rows(project, "R-9.4").values_list("pk", "outcome", "evaluated_at")) == before


def test_a_service_writing_several_rows_evaluates_the_project_once(
    world, project, django_capture_on_commit_callbacks, evaluations
):
    with django_capture_on_commit_callbacks(execute=True):  # a meeting and four invitations
        meeting_create(
            actor=world.reviewer, project=project, review_type="proposal_appraisal", date=dt.date(2013, 4, 10)
        )
    assert evaluations == [str(project.pk)]
    assert rows(project, "R-8.2").exists()

    commission = commission_create(
        actor=world.lead, project=project, agency=world.agencies["mlps"], assessment_type="mlps"
    )
    evaluations.clear()
    with django_capture_on_commit_callbacks(execute=True):  # report evidence (a service of its own) + commission
        commission_report(
            actor=world.agency_user,
            commission=commission,
            expected_version=commission.version,
            passed=True,
            ref_no="测评〔2013〕1号",
            date=dt.date(2013, 6, 1),
        )
    assert evaluations == [str(project.pk)]


def test_withdrawing_the_project_drops_its_findings(world, project, django_capture_on_commit_callbacks):
    refresh_subjects(SubjectType.PROJECT, [project.pk])
    assert rows(project, "R-9.4").exists()
    project = Project.objects.get(pk=project.pk)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(
            actor=world.lead, project=project, name="withdraw", expected_version=project.version, note="不再建设"
        )
    assert not Finding.objects.filter(subject_type=SubjectType.PROJECT, subject_id=str(project.pk)).exists()


def test_editing_a_system_refreshes_the_projects_that_include_it(world, project, django_capture_on_commit_callbacks):
    refresh_subjects(SubjectType.PROJECT, [project.pk])
    assert FindingOutcome.FAIL not in outcomes(project, "R-6.1")
    portal = world.portal
    with django_capture_on_commit_callbacks(execute=True):
        system_update(actor=world.admin, system=portal, expected_version=portal.version, coverage_levels=[])
    assert FindingOutcome.FAIL in outcomes(project, "R-6.1")  # needs analysis: coverage missing for app-1


def test_editing_an_issuer_refreshes_the_projects_whose_evidence_it_issued(
    world, project, django_capture_on_commit_callbacks
):
    from egovnet.orgs.choices import OrgKind
    from egovnet.orgs.services import organisation_update
    from egovnet.projects.refresh import projects_concerning

    agreement(world, project)
    refresh_subjects(SubjectType.PROJECT, [project.pk])
    assert outcomes(project, "R-9.4") == []  # signed with the extranet management center: passes
    assert projects_concerning(world.extranet) == [(SubjectType.PROJECT, [project.pk])]
    center = world.extranet
    with django_capture_on_commit_callbacks(execute=True):  # the issuer is no longer the extranet operator
        organisation_update(actor=world.admin, organisation=center, expected_version=center.version,
                            kind=OrgKind.GOVERNMENT_DEPARTMENT)  # fmt: skip
    assert outcomes(project, "R-9.4") == [FindingOutcome.FAIL]


# --- deviations recorded for a project ------------------------------------------------------------------------


@pytest.fixture
def backbone(world, project):
    """A self-built WAN backbone for the ministry alone: a new dedicated network (R-12.1, IN-PRINCIPLE)."""
    return network_component_add(
        actor=world.lead,
        project=project,
        name="某部业务专网骨干",
        kind=ComponentKind.WAN_BACKBONE,
        built_on=BuiltOn.SELF_BUILT,
        dedicated_to_single_department=True,
        new_or_extended=True,
    )


def record(world, project, **extra):
    data = dict(
        rule="R-12.1",
        subject_type=SubjectType.PROJECT,
        subject_id=project.pk,
        reason="涉及特殊安全要求",
        legal_basis="国家发展改革委批复",
        approver=world.ndrc,
        expires=TODAY + dt.timedelta(days=30),
    )
    return deviation_create(actor=world.reviewer, **{**data, **extra})


def test_an_approved_unexpired_deviation_waives_the_project_rule(
    world, project, backbone, django_capture_on_commit_callbacks
):
    refresh_subjects(SubjectType.PROJECT, [project.pk])
    assert outcomes(project, "R-12.1") == [FindingOutcome.FAIL]
    with django_capture_on_commit_callbacks(execute=True):
        dev = record(world, project)
    assert dev.owner == world.ministry  # taken from the project
    [row] = rows(project, "R-12.1")
    assert row.outcome == FindingOutcome.WAIVED and row.deviation == "R-12.1:*" and not row.blocking
    assert "国家发展改革委批复" in row.message_zh and "国家发展改革委" in row.message_en
    # the same snapshot decides the gate: the waived rule no longer blocks the proposal
    [deviation] = build_snapshot(project).deviations
    assert (deviation.rule, deviation.subject, deviation.approved) == ("R-12.1", "*", True)
    verdict = gates.judge(Project.objects.get(pk=project.pk), "proposal")
    assert "R-12.1" not in {f.rule for f in verdict.failing}


def test_an_expired_deviation_leaves_the_rule_failing(world, project, backbone, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record(world, project, expires=project.act_date - dt.timedelta(days=1))  # expired by the act's date
    [row] = rows(project, "R-12.1")
    assert row.outcome == FindingOutcome.FAIL and row.blocking and row.deviation == "R-12.1:*:expired"
    assert "expired" in row.message_en


def test_recording_a_project_deviation_is_authorized_and_checked(world, project):
    with pytest.raises(PermissionDenied):  # department staff may view deviations, not record them
        deviation_create(
            actor=world.staff,
            rule="R-12.1",
            subject_type=SubjectType.PROJECT,
            subject_id=project.pk,
            reason="r",
            legal_basis="b",
            approver=world.ndrc,
        )
    with pytest.raises(ValidationError) as e:
        record(world, project, owner=world.other_ministry)  # the owner is the project's
    assert "owner" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        record(world, project, rule="R-4.3")  # judged on systems, not on projects
    assert "rule" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        record(world, project, subject_id=project.pk + 1000)
    assert "subject_id" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        record(world, project, subject_type=SubjectType.PROVINCE, subject_id=110000)
    assert "subject_type" in e.value.message_dict
    # the approving DRC's reviewer records it; a department outside the project's scope may not
    with pytest.raises(PermissionDenied):
        deviation_create(
            actor=world.other_lead,
            rule="R-12.1",
            subject_type=SubjectType.PROJECT,
            subject_id=project.pk,
            reason="r",
            legal_basis="b",
            approver=world.ndrc,
        )
    assert record(world, project).pk


def test_evidence_used_to_pass_a_gate_is_not_deleted(world, project, django_capture_on_commit_callbacks, evaluations):
    from egovnet.core.errors import ServiceError
    from egovnet.projects.models import StageTransition

    doc = agreement(world, project)
    StageTransition.objects.create(
        project=project, kind="advance", from_stage="proposal", to_stage="feasibility",
        evidence_used=["doc-999", f"doc-{doc['id']}"], actor=world.lead,
    )  # fmt: skip
    e = Evidence.objects.get(pk=doc["id"])
    evaluations.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ServiceError) as refused:
        evidence_delete(actor=world.admin, evidence=e, expected_version=e.version)
    assert refused.value.code == "in_use" and Evidence.objects.filter(pk=e.pk).exists() and not evaluations


def test_the_api_records_a_project_deviation_and_the_finding_is_waived(
    world, project, backbone, django_capture_on_commit_callbacks
):
    body = {
        "rule": "R-12.1",
        "subject_type": "project",
        "subject_id": project.pk,
        "reason": "涉及特殊安全要求",
        "legal_basis": "国家发展改革委批复",
        "approver": world.ndrc.pk,
        "expires": str(TODAY + dt.timedelta(days=30)),
    }
    refused = client_for(world.staff).post("/api/policy/deviations/", body, format="json")
    assert refused.status_code == 403
    wrong = client_for(world.reviewer).post("/api/policy/deviations/", {**body, "rule": "R-4.3"}, format="json")
    assert wrong.status_code == 400 and "rule" in wrong.json()
    with django_capture_on_commit_callbacks(execute=True):
        created = client_for(world.reviewer).post("/api/policy/deviations/", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["owner"] == world.ministry.pk and created.json()["subject_type"] == "project"
    assert outcomes(project, "R-12.1") == [FindingOutcome.WAIVED]
    # read back in the owner's scope, not in another department's
    listed = client_for(world.lead).get(f"/api/policy/deviations/?subject_type=project&subject_id={project.pk}")
    assert [d["id"] for d in listed.json()["results"]] == [created.json()["id"]]
    assert client_for(world.other_lead).get("/api/policy/deviations/").json()["results"] == []


def test_deviations_are_one_query_per_page_of_projects(world, project, django_assert_max_num_queries):
    from egovnet.projects.facts import snapshot_query_count
    from egovnet.projects.services import project_create
    from egovnet.projects.sweep_source import build_snapshots

    other = project_create(actor=world.lead, owner=world.ministry, name="另一项目", act_date=dt.date(2013, 5, 2))
    for p in (project, other, other):
        record(world, p)
    with django_assert_max_num_queries(snapshot_query_count()):
        snaps = build_snapshots([project.pk, other.pk], on=TODAY)
    assert [len(snaps[p.pk].deviations) for p in (project, other)] == [1, 2]
    assert snaps[project.pk] == build_snapshot(project.pk, on=TODAY)


def test_the_project_page_records_a_deviation_for_the_approving_drc_only(
    world, project, backbone, django_capture_on_commit_callbacks
):
    from django.test import Client

    from egovnet.policy.models import PolicyDeviation

    def login(user):
        c = Client()
        c.force_login(user)
        return c

    form = {
        "rule": "R-12.1",
        "reason": "涉及特殊安全要求",
        "legal_basis": "国家发展改革委批复",
        "approver": world.ndrc.pk,
        "expires": str(TODAY + dt.timedelta(days=30)),
    }
    staff_page = login(world.staff).get(f"/projects/{project.pk}/").content.decode()
    assert 'id="deviations"' in staff_page and "deviations/" not in staff_page  # listed, no form
    login(world.staff).post(f"/projects/{project.pk}/deviations/", form)
    assert not PolicyDeviation.objects.exists()  # refused by the service

    reviewer = login(world.reviewer)
    page = reviewer.get(f"/projects/{project.pk}/").content.decode()
    assert f"/projects/{project.pk}/deviations/" in page and "R-12.1" in page
    with django_capture_on_commit_callbacks(execute=True):
        r = reviewer.post(f"/projects/{project.pk}/deviations/", form)
    assert r.status_code == 302
    dev = PolicyDeviation.objects.get()
    assert (dev.subject_type, dev.subject_id, dev.owner, dev.approver) == (
        "project",
        project.pk,
        world.ministry,
        world.ndrc,
    )
    assert outcomes(project, "R-12.1") == [FindingOutcome.WAIVED]
    assert "国家发展改革委批复" in reviewer.get(f"/projects/{project.pk}/").content.decode()


def test_the_api_withdraws_approval_and_deletes_a_deviation_and_the_finding_follows(
    world, project, backbone, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dev = record(world, project)
    assert outcomes(project, "R-12.1") == [FindingOutcome.WAIVED]
    url = f"/api/policy/deviations/{dev.pk}/"
    reviewer = client_for(world.reviewer)
    assert reviewer.patch(url, {"approved": False}, format="json").status_code == 400  # the version read is required
    assert (
        client_for(world.staff).patch(url, {"approved": False, "version": dev.version}, format="json").status_code
        == 403
    )
    assert client_for(world.other_lead).delete(url).status_code == 404  # not in that department's scope
    with django_capture_on_commit_callbacks(execute=True):
        r = reviewer.patch(url, {"approved": False, "version": dev.version}, format="json")
    assert r.status_code == 200 and r.json()["approved"] is False
    [row] = rows(project, "R-12.1")
    assert row.outcome == FindingOutcome.FAIL and row.deviation == "R-12.1:*:unapproved"
    assert reviewer.patch(url, {"approved": True, "version": dev.version}, format="json").status_code == 409  # stale
    with django_capture_on_commit_callbacks(execute=True):
        assert reviewer.delete(url).status_code == 204
    [row] = rows(project, "R-12.1")
    assert row.outcome == FindingOutcome.FAIL and row.deviation == ""
