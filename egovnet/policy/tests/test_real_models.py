"""The registry sources read the real models (ADR 0350 "Real models"): connections (R-3.2), approved migration
plans (R-4.1) and O&M budget lines (R-12.2) — a pass and a fail case each, on crafted data."""

from __future__ import annotations

import datetime as dt

import pytest

from egovnet.core.tests.world import build_world
from egovnet.migration.choices import BudgetObjectKind, PlanStatus
from egovnet.migration.models import BudgetLine, MigrationItem, MigrationPlan, PlanVersion
from egovnet.networks.choices import NetworkZone
from egovnet.networks.models import Connection
from egovnet.policy.choices import FindingOutcome, SubjectType
from egovnet.policy.models import Finding
from egovnet.policy.services import current_findings, refresh_subjects
from egovnet.policy.subjects import source_for
from egovnet.systems.choices import TargetNetwork

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 1, 1)


@pytest.fixture
def world():
    return build_world()


def connect(org, platform, since=dt.date(2020, 1, 1), until=None):
    return Connection.objects.create(
        organisation=org,
        platform=platform,
        zone=NetworkZone.PUBLIC_NETWORK_ZONE,
        connected_on=since,
        disconnected_on=until,
    )


def approve_plan(network, system, *, status=PlanStatus.APPROVED, scheme="分两期迁移至外网。", department=None):
    plan, _ = MigrationPlan.objects.get_or_create(department=department or network.owner, title="迁移规划")
    version, _ = PlanVersion.objects.get_or_create(plan=plan, number=1, defaults={"status": status, "scheme": scheme})
    MigrationItem.objects.create(
        plan_version=version,
        system=system,
        from_network=network,
        target_network=TargetNetwork.EXTRANET,
        planned_date=dt.date(2027, 1, 1),
    )
    return version


def outcome(subject_type, pk, rule):
    """The rule's live verdict on the subject, checked against what a refresh stores: a fail (or waived /
    indeterminate) is stored with the same outcome, a pass is not stored."""
    refresh_subjects(subject_type, [pk], on=ON)
    [live] = [f for f in current_findings(subject_type, pk, on=ON) if f.rule == rule]
    stored = list(Finding.objects.filter(subject_type=subject_type, subject_id=str(pk), rule=rule))
    if live.outcome == FindingOutcome.PASS:
        assert stored == []
    else:
        assert [(f.outcome, f.message_zh) for f in stored] == [(live.outcome, live.message_zh)]
    return live


# --- connected = a valid Connection to an extranet platform -----------------------------------------


def test_department_with_a_connection_is_connected(world):
    connect(world.ministry_b, world.net_henan)
    assert outcome(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2").outcome == FindingOutcome.PASS


def test_department_without_a_connection_fails_even_if_it_owns_an_extranet_network(world):
    # 河南省发改委 owns the provincial extranet but has no connection record: ownership is not connection
    f = outcome(SubjectType.ORGANISATION, world.henan_drc.pk, "R-3.2")
    assert f.outcome == FindingOutcome.FAIL and f.article == 3


def test_ended_or_future_connections_do_not_count(world):
    connect(world.ministry_b, world.net_henan, since=dt.date(2020, 1, 1), until=dt.date(2025, 6, 1))
    connect(world.ministry_b, world.net_henan, since=dt.date(2026, 6, 1))
    assert outcome(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2").outcome == FindingOutcome.FAIL


# --- an approved plan version (with scheme) of the owner department covering the network -----------


def test_network_covered_by_an_approved_plan_with_scheme_passes(world):
    approve_plan(world.net_a, world.sys_a_jimi)
    assert outcome(SubjectType.NETWORK, world.net_a.pk, "R-4.1").outcome == FindingOutcome.PASS


@pytest.mark.parametrize(
    ("kwargs", "missing"),
    [
        ({"status": PlanStatus.DRAFT}, "migration plan"),
        ({"status": PlanStatus.SUBMITTED}, "migration plan"),
        ({"scheme": ""}, "implementation scheme"),
    ],
)
def test_network_without_an_approved_plan_or_scheme_fails(world, kwargs, missing):
    approve_plan(world.net_a, world.sys_a_jimi, **kwargs)
    f = outcome(SubjectType.NETWORK, world.net_a.pk, "R-4.1")
    assert f.outcome == FindingOutcome.FAIL and missing in f.message_en


def test_another_departments_plan_or_another_network_does_not_count(world):
    approve_plan(world.net_a, world.sys_a_jimi, department=world.ministry_b)  # not the owner's plan
    assert outcome(SubjectType.NETWORK, world.net_a.pk, "R-4.1").outcome == FindingOutcome.FAIL
    approve_plan(world.net_b, world.sys_b)  # 乙部's plan covers net_b, not net_a
    assert outcome(SubjectType.NETWORK, world.net_b.pk, "R-4.1").outcome == FindingOutcome.PASS
    assert outcome(SubjectType.NETWORK, world.net_a.pk, "R-4.1").outcome == FindingOutcome.FAIL


# --- the network's budget lines; the O&M cost only when there is none -----------------------------


def budget(network, year=2026, amount=80):
    return BudgetLine.objects.create(
        department=network.owner,
        fiscal_year=year,
        object_kind=BudgetObjectKind.NETWORK,
        network=network,
        amount_10k_yuan=amount,
    )


def test_budget_line_of_a_network_built_before_the_notice_passes(world):
    world.net_a.established_on = dt.date(2010, 1, 1)
    world.net_a.annual_om_cost_10k_yuan = 0
    world.net_a.save()
    line = budget(world.net_a)
    [fact] = source_for(SubjectType.NETWORK).batch_for([world.net_a.pk], on=ON).snapshots[0].budget_lines
    assert fact.id == f"bl-{line.pk}" and fact.amount_10k_yuan == 80 and fact.fiscal_year == 2026
    assert outcome(SubjectType.NETWORK, world.net_a.pk, "R-12.2").outcome == FindingOutcome.PASS


def test_budget_line_of_a_network_built_after_the_notice_fails(world):
    world.net_a.established_on = dt.date(2015, 1, 1)
    world.net_a.save()
    budget(world.net_a)
    f = outcome(SubjectType.NETWORK, world.net_a.pk, "R-12.2")
    assert f.outcome == FindingOutcome.FAIL and f.article == 12


def test_budget_lines_replace_the_om_cost_and_the_fallback_names_itself(world):
    world.net_a.established_on = None  # unknown date: the finding quotes the line it judged
    world.net_a.annual_om_cost_10k_yuan = 120
    world.net_a.save()
    f = outcome(SubjectType.NETWORK, world.net_a.pk, "R-12.2")
    assert f.outcome == FindingOutcome.FAIL and f"om-{world.net_a.pk}" in f.message_en  # the fallback
    # the fallback says so: in the message (both languages) and in the evidence
    assert "年度运维费120万元" in f.message_zh and "annual O&M cost of 120" in f.message_en
    assert f.evidence == [f"annual_om_cost:net-{world.net_a.pk}", "estimated:no_budget_line"]
    stored = Finding.objects.get(subject_type=SubjectType.NETWORK, subject_id=str(world.net_a.pk), rule="R-12.2")
    assert stored.evidence == f.evidence
    line = budget(world.net_a)
    f = outcome(SubjectType.NETWORK, world.net_a.pk, "R-12.2")
    assert f"bl-{line.pk}" in f.message_en and f"om-{world.net_a.pk}" not in f.message_en
    assert f.evidence == [f"budget_line:bl-{line.pk}"] and "annual O&M" not in f.message_en
    assert (
        Finding.objects.filter(subject_type=SubjectType.NETWORK, subject_id=str(world.net_a.pk), rule="R-12.2").count()
        == 1
    )


def test_no_budget_line_and_no_om_cost_is_not_applicable(world):
    world.net_a.annual_om_cost_10k_yuan = 0
    world.net_a.save()
    refresh_subjects(SubjectType.NETWORK, [world.net_a.pk], on=ON)
    assert not Finding.objects.filter(subject_id=str(world.net_a.pk), rule="R-12.2").exists()
