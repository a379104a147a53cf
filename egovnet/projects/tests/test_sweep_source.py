"""The projects' subject source: project findings in the national sweep (ADR 0350)."""

from __future__ import annotations

import pytest

from egovnet.policy.choices import FindingOutcome, SubjectType
from egovnet.policy.models import Finding
from egovnet.policy.services import current_findings
from egovnet.policy.subjects import source_for
from egovnet.policy.sweep import run_sweep
from egovnet.projects.choices import ProjectStatus
from egovnet.projects.facts import build_snapshot, snapshot_query_count
from egovnet.projects.services import project_create
from egovnet.projects.sweep_source import ProjectSource, build_snapshots, project_rule_ids

from .conftest import ACT
from .helpers import pass_access


def test_project_rules_are_derived_from_the_packs():
    ids = project_rule_ids()
    assert {"R-6.1", "R-7.3", "R-9.4", "R-11.5", "R-12.1", "R-9.7", "R-11.6"} <= set(ids)
    assert not {"R-4.1", "R-4.2", "R-3.5", "R-12.2", "R-12.3", "R-12.4"} & set(ids)
    assert all(6 <= int(r[2:].split(".")[0]) <= 12 for r in ids if r.startswith("R-"))  # 1986 notice ids
    assert {"R57-11.1", "R57-21.1"} <= set(ids)  # 国办发〔2019〕57号 rules at project gates


def test_the_source_is_registered_by_the_projects_app():
    assert isinstance(source_for(SubjectType.PROJECT), ProjectSource)


def test_sweep_stores_a_failing_extranet_agreement_finding_on_the_project(world, project):
    run = run_sweep(actor=world.admin, on=ACT)
    rows = Finding.objects.filter(subject_type=SubjectType.PROJECT, subject_id=str(project.pk))
    for rule in ("R-7.3", "R-9.4"):
        f = rows.get(rule=rule)
        assert f.outcome == FindingOutcome.FAIL and f.blocking
        assert f.subject_label == project.name and f.owner_id == world.ministry.pk
    assert rows.get(rule="R-9.4").article == 9 and rows.get(rule="R-7.3").article == 7
    assert run.counts["by_rule"]["R-9.4"][FindingOutcome.FAIL] == 1
    assert run.counts["by_article"]["9"][FindingOutcome.FAIL] >= 1
    assert run.counts["by_article"]["7"][FindingOutcome.FAIL] >= 1
    assert not Finding.objects.filter(subject_type=SubjectType.PROJECT).exclude(rule__in=project_rule_ids()).exists()


def test_an_extranet_agreement_turns_r_9_4_into_a_pass(world, project):
    pass_access(world, project.pk)
    run = run_sweep(actor=world.admin, on=ACT)
    # a pass is counted, not stored; the project's live verdict shows it
    assert not Finding.objects.filter(subject_type=SubjectType.PROJECT, subject_id=str(project.pk), rule="R-9.4")
    assert run.counts["by_rule"]["R-9.4"] == {FindingOutcome.PASS: 1}
    live = [f for f in current_findings(SubjectType.PROJECT, project.pk, on=ACT) if f.rule == "R-9.4"]
    assert [f.outcome for f in live] == [FindingOutcome.PASS] and live[0].subject_label == project.name


def test_province_comes_from_the_owner_division_and_withdrawn_projects_are_skipped(world, project):
    henan = project_create(actor=world.ha_lead, owner=world.ha_dept, name="河南某厅项目", act_date=ACT)
    gone = project_create(actor=world.lead, owner=world.ministry, name="撤回项目", act_date=ACT)
    type(gone).objects.filter(pk=gone.pk).update(status=ProjectStatus.WITHDRAWN)
    batches = list(source_for(SubjectType.PROJECT).batches(on=ACT, batch_size=10))
    subjects = {s.id: s for b in batches for s in b.subjects.values()}
    assert set(subjects) == {str(project.pk), str(henan.pk)}
    assert subjects[str(henan.pk)].province == "410000"
    province = list(source_for(SubjectType.PROJECT).batches(on=ACT, batch_size=10, province="410000"))
    assert [s.id for b in province for s in b.subjects.values()] == [str(henan.pk)]


@pytest.mark.parametrize("n", [1, 4])
def test_queries_per_page_do_not_grow_with_the_projects(world, project, n, django_assert_max_num_queries):
    pass_access(world, project.pk)  # evidence with applications, so every prefetch has rows
    for i in range(n - 1):
        project_create(actor=world.lead, owner=world.ministry, name=f"项目{i}", act_date=ACT)
    # the page's rows + at most the ten snapshot queries (the last: deviations), then the empty page
    with django_assert_max_num_queries(1 + snapshot_query_count() + 1):  # fewer when a prefetch has no rows
        batches = list(source_for(SubjectType.PROJECT).batches(on=ACT, batch_size=10))
    assert len(batches) == n


def test_bulk_snapshots_equal_the_per_project_snapshot(world, project):
    pass_access(world, project.pk)
    other = project_create(actor=world.lead, owner=world.ministry, name="另一项目", act_date=ACT)
    bulk = build_snapshots([project.pk, other.pk], on=ACT)
    assert bulk[project.pk] == build_snapshot(project.pk, on=ACT)
    assert bulk[other.pk] == build_snapshot(other.pk, on=ACT)
    assert bulk[project.pk].documents  # the agreement evidence is in


def test_refresh_is_one_project_at_a_time(world, project):
    source = source_for(SubjectType.PROJECT)
    assert list(source.batch_for([project.pk], on=ACT).subjects) == [f"prj-{project.pk}"]
    with pytest.raises(ValueError, match="one project at a time"):
        source.batch_for([project.pk, project.pk + 1], on=ACT)
