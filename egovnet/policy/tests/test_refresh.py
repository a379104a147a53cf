"""Findings refreshed after the writes that change a registry subject's facts (issue 3 §3, ADR 0360):
connections (R-3.2), migration plans (R-4.1) and budget lines (R-12.2), through the same services the UI and
API call; once per transaction per subject, and never for a rolled-back write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from egovnet.core.tests import factories as f
from egovnet.core.tests.world import build_world
from egovnet.migration.choices import BudgetObjectKind
from egovnet.migration.services import (
    budget_line_create,
    budget_line_delete,
    budget_line_update,
    item_add,
    plan_create,
    version_approve,
    version_submit,
)
from egovnet.networks.choices import NetworkZone
from egovnet.networks.models import Connection
from egovnet.networks.planning.topology import (
    connection_create,
    connection_delete,
    connection_update,
    topology_bulk_create,
)
from egovnet.policy import refresh as refresh_module
from egovnet.policy.choices import FindingOutcome, SubjectType
from egovnet.policy.models import Finding
from egovnet.policy.services import current_findings, refresh_subjects
from egovnet.systems.choices import TargetNetwork

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def world():
    return build_world()


def finding(subject_type, pk, rule):
    return Finding.objects.filter(subject_type=subject_type, subject_id=str(pk), rule=rule).first()


def passes(subject_type, pk, rule):
    """A pass is counted, not stored (ADR 0351): the stored fail is gone and the live verdict passes."""
    live = {f.outcome for f in current_findings(subject_type, pk) if f.rule == rule}
    return finding(subject_type, pk, rule) is None and live == {FindingOutcome.PASS}


def connect(world, org, **extra):
    return connection_create(
        actor=world.admin,
        organisation=org,
        platform=world.net_henan,
        zone=NetworkZone.PUBLIC_NETWORK_ZONE,
        connected_on=dt.date(2020, 1, 1),
        **extra,
    )


@pytest.fixture
def calls(monkeypatch):
    """Every ``refresh_subjects`` call the machinery makes, as (subject type, ids)."""
    seen: list[tuple[str, list[str]]] = []
    real = refresh_module.refresh_subjects

    def spy(subject_type, ids, **kw):
        seen.append((subject_type, sorted(str(i) for i in ids)))
        return real(subject_type, ids, **kw)

    monkeypatch.setattr(refresh_module, "refresh_subjects", spy)
    return seen


# --- connections ------------------------------------------------------------------------------------


def test_connection_created_ended_and_deleted_refresh_the_organisation(world, django_capture_on_commit_callbacks):
    refresh_subjects(SubjectType.ORGANISATION, [world.ministry_b.pk])
    assert finding(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2").outcome == FindingOutcome.FAIL
    with django_capture_on_commit_callbacks(execute=True):
        conn = connect(world, world.ministry_b)
        # not before the commit
        assert finding(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2").outcome == FindingOutcome.FAIL
    assert passes(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2")

    with django_capture_on_commit_callbacks(execute=True):  # ended yesterday: no longer connected
        conn = connection_update(
            actor=world.admin, connection=conn, expected_version=conn.version, disconnected_on=TODAY
        )
    assert finding(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2").outcome == FindingOutcome.FAIL

    with django_capture_on_commit_callbacks(execute=True):
        conn = connection_update(
            actor=world.admin, connection=conn, expected_version=conn.version, disconnected_on=None
        )
    assert passes(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2")
    with django_capture_on_commit_callbacks(execute=True):
        connection_delete(actor=world.admin, connection=conn, expected_version=conn.version)
    assert not Connection.objects.exists()
    assert finding(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2").outcome == FindingOutcome.FAIL


def test_a_connection_moved_to_another_organisation_refreshes_both(world, django_capture_on_commit_callbacks):
    refresh_subjects(SubjectType.ORGANISATION, [world.ministry_a.pk])
    assert finding(SubjectType.ORGANISATION, world.ministry_a.pk, "R-3.2").outcome == FindingOutcome.FAIL
    with django_capture_on_commit_callbacks(execute=True):
        conn = connect(world, world.ministry_b)
    assert passes(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2")
    with django_capture_on_commit_callbacks(execute=True):
        connection_update(
            actor=world.admin, connection=conn, expected_version=conn.version, organisation=world.ministry_a
        )
    assert finding(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2").outcome == FindingOutcome.FAIL
    assert passes(SubjectType.ORGANISATION, world.ministry_a.pk, "R-3.2")


def test_a_rolled_back_connection_refreshes_nothing(world, django_capture_on_commit_callbacks, calls):
    refresh_subjects(SubjectType.ORGANISATION, [world.ministry_b.pk])
    before = finding(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2")
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            connect(world, world.ministry_b)
            raise RuntimeError("the user's request failed after the write")
    assert not callbacks and not calls
    after = finding(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2")
    assert (after.pk, after.outcome, after.evaluated_at) == (before.pk, FindingOutcome.FAIL, before.evaluated_at)
    assert not Connection.objects.exists()
    # the machinery is not stuck: the next committed write is refreshed, without the rolled-back keys
    with django_capture_on_commit_callbacks(execute=True):
        connect(world, world.ministry_b)
    assert passes(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2")
    assert calls == [(SubjectType.ORGANISATION, [str(world.ministry_b.pk)])]


def test_a_bulk_write_refreshes_each_subject_once(world, django_capture_on_commit_callbacks, calls):
    conns = [
        Connection(organisation=org, platform=world.net_henan, zone=NetworkZone.PUBLIC_NETWORK_ZONE, connected_on=since)
        for org in (world.ministry_a, world.ministry_b, world.ministry_b)
        for since in (dt.date(2019, 1, 1), dt.date(2020, 1, 1))
    ]
    refresh_subjects(SubjectType.ORGANISATION, [world.ministry_a.pk, world.ministry_b.pk])
    assert Finding.objects.filter(rule="R-3.2", outcome=FindingOutcome.FAIL).count() == 2
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        topology_bulk_create(actor=world.admin, objects=conns)
    # six connections, two organisations: one batch; the first callback takes the whole set
    orgs = [c for c in calls if c[0] == SubjectType.ORGANISATION]
    assert sorted(i for _, ids in orgs for i in ids) == sorted([str(world.ministry_a.pk), str(world.ministry_b.pk)])
    for org in (world.ministry_a, world.ministry_b):
        assert passes(SubjectType.ORGANISATION, org.pk, "R-3.2")


# --- migration plans ---------------------------------------------------------------------------------


def test_approving_a_plan_version_passes_r_4_1(world, django_capture_on_commit_callbacks):
    refresh_subjects(SubjectType.NETWORK, [world.net_a.pk])
    assert finding(SubjectType.NETWORK, world.net_a.pk, "R-4.1").outcome == FindingOutcome.FAIL
    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_create(actor=world.admin, department=world.ministry_a, title="迁移规划", scheme="分两期迁移。")
        version = plan.effective_version
        item_add(
            actor=world.admin,
            version=version,
            system=world.sys_a_jimi,
            from_network=world.net_a,
            planned_date=dt.date(2027, 1, 1),
            target_network=TargetNetwork.INTRANET,
        )
        version = version_submit(actor=world.admin, version=version, expected_version=version.version)
    # a draft or submitted plan is not yet a plan (R-4.1 reads the approved version)
    assert finding(SubjectType.NETWORK, world.net_a.pk, "R-4.1").outcome == FindingOutcome.FAIL
    with django_capture_on_commit_callbacks(execute=True):
        version_approve(actor=world.admin, version=version, expected_version=version.version, approval_ref="批〔1〕")
    assert passes(SubjectType.NETWORK, world.net_a.pk, "R-4.1")


# --- budget lines -----------------------------------------------------------------------------------


def line_data(world, network):
    return dict(
        department=network.owner,
        fiscal_year=2026,
        object_kind=BudgetObjectKind.NETWORK,
        network=network,
        amount_10k_yuan=80,
    )


def test_budget_line_created_moved_and_deleted_refresh_r_12_2(world, django_capture_on_commit_callbacks):
    world.net_a.established_on = dt.date(2015, 1, 1)  # after the notice
    world.net_a.save()
    refresh_subjects(SubjectType.NETWORK, [world.net_a.pk, world.net_b.pk])
    assert finding(SubjectType.NETWORK, world.net_a.pk, "R-12.2") is None  # no O&M request: nothing to judge
    with django_capture_on_commit_callbacks(execute=True):
        line = budget_line_create(actor=world.admin, **line_data(world, world.net_a))
    row = finding(SubjectType.NETWORK, world.net_a.pk, "R-12.2")
    assert row.outcome == FindingOutcome.FAIL and row.article == 12 and "after the notice" in row.message_en

    with django_capture_on_commit_callbacks(execute=True):  # moved to 乙部's network (date unknown): both
        line = budget_line_update(
            actor=world.admin,
            line=line,
            expected_version=line.version,
            network=world.net_b,
            department=world.ministry_b,
        )
    assert finding(SubjectType.NETWORK, world.net_a.pk, "R-12.2") is None
    assert "unknown" in finding(SubjectType.NETWORK, world.net_b.pk, "R-12.2").message_en

    with django_capture_on_commit_callbacks(execute=True):
        budget_line_delete(actor=world.admin, line=line, expected_version=line.version)
    assert finding(SubjectType.NETWORK, world.net_b.pk, "R-12.2") is None


# --- the machinery ------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_after_a_real_commit_one_transaction_is_one_refresh(calls, monkeypatch):
    """Not the tests' captured callbacks: a real transaction, committed, with several writes."""
    world = build_world()
    refresh_subjects(SubjectType.ORGANISATION, [world.ministry_b.pk])
    calls.clear()
    flushes = []
    real_refresh_keys = refresh_module.refresh_keys
    monkeypatch.setattr(refresh_module, "refresh_keys", lambda keys: flushes.append(keys) or real_refresh_keys(keys))
    with transaction.atomic():
        connect(world, world.ministry_b)
        connect(world, world.ministry_b, attestation_ref="x")
        line = budget_line_create(actor=world.admin, **line_data(world, world.net_a))
        budget_line_update(actor=world.admin, line=line, expected_version=line.version, amount_10k_yuan=90)
        assert not calls  # nothing before the commit
    # the first of the four callbacks took the whole set; the other three found it empty
    assert flushes == [
        {SubjectType.ORGANISATION: {str(world.ministry_b.pk)}, SubjectType.NETWORK: {str(world.net_a.pk)}}
    ]
    assert sorted(calls) == [
        (SubjectType.NETWORK, [str(world.net_a.pk)]),
        (SubjectType.ORGANISATION, [str(world.ministry_b.pk)]),
    ]
    assert passes(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2")
    calls.clear()
    connect(world, world.ministry_a)  # autocommit: refreshed at once
    assert calls == [(SubjectType.ORGANISATION, [str(world.ministry_a.pk)])]


def test_plan_items_added_moved_and_removed_refresh_their_networks(world, django_capture_on_commit_callbacks, calls):
    from egovnet.migration.services import item_delete, item_update

    plan = plan_create(actor=world.admin, department=world.ministry_a, title="迁移规划", scheme="分两期迁移。")
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item = item_add(
            actor=world.admin,
            version=plan.effective_version,
            system=world.sys_a_jimi,
            from_network=world.net_a,
            planned_date=dt.date(2027, 1, 1),
        )
    assert calls == [(SubjectType.NETWORK, [str(world.net_a.pk)])]
    other = f.make_network("甲部另一专网", owner=world.ministry_a, family="dedicated", kind="wan_backbone")
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item = item_update(actor=world.admin, item=item, expected_version=item.version, from_network=other)
    assert calls == [(SubjectType.NETWORK, sorted([str(world.net_a.pk), str(other.pk)]))]
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item_delete(actor=world.admin, item=item, expected_version=item.version)
    assert calls == [(SubjectType.NETWORK, [str(other.pk)])]


@pytest.mark.django_db(transaction=True)
def test_a_deleted_system_or_network_loses_its_findings_outside_a_transaction():
    """UI and API requests are not atomic: the refresh must run after the delete, not before it."""
    from egovnet.networks.services import network_delete
    from egovnet.systems.services import system_delete

    world = build_world()
    refresh_subjects(SubjectType.SYSTEM, [world.sys_b.pk])
    refresh_subjects(SubjectType.NETWORK, [world.net_b.pk])
    system_pk, network_pk = world.sys_b.pk, world.net_b.pk
    assert Finding.objects.filter(subject_type=SubjectType.SYSTEM, subject_id=str(system_pk)).exists()
    assert Finding.objects.filter(subject_type=SubjectType.NETWORK, subject_id=str(network_pk)).exists()
    system_delete(actor=world.admin, system=world.sys_b, expected_version=world.sys_b.version)
    network_delete(actor=world.admin, network=world.net_b, expected_version=world.net_b.version)
    assert not Finding.objects.filter(subject_type=SubjectType.SYSTEM, subject_id=str(system_pk)).exists()
    assert not Finding.objects.filter(subject_type=SubjectType.NETWORK, subject_id=str(network_pk)).exists()


def test_a_system_moved_to_another_owner_refreshes_both_owners(world, django_capture_on_commit_callbacks):
    from egovnet.systems.services import system_update

    refresh_subjects(SubjectType.ORGANISATION, [world.ministry_b.pk])
    assert finding(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2").outcome == FindingOutcome.FAIL
    with django_capture_on_commit_callbacks(execute=True):  # 乙部's only non-classified system goes to 甲部
        system_update(
            actor=world.admin, system=world.sys_b, expected_version=world.sys_b.version, owner=world.ministry_a
        )
    assert finding(SubjectType.ORGANISATION, world.ministry_b.pk, "R-3.2") is None  # nothing left to connect
    assert finding(SubjectType.ORGANISATION, world.ministry_a.pk, "R-3.2").outcome == FindingOutcome.FAIL


def test_a_network_moved_to_another_owner_and_province_refreshes_both(world, django_capture_on_commit_callbacks, calls):
    from egovnet.networks.services import network_update

    net = world.net_henan
    with django_capture_on_commit_callbacks(execute=True):
        network_update(
            actor=world.admin,
            network=net,
            expected_version=net.version,
            division=world.div["420000"],
            owner=world.hubei_drc,
        )
    refreshed = {(t, i) for t, ids in calls for i in ids}
    assert {(SubjectType.PROVINCE, "410000"), (SubjectType.PROVINCE, "420000")} <= refreshed
    assert {
        (SubjectType.ORGANISATION, str(world.henan_drc.pk)),
        (SubjectType.ORGANISATION, str(world.hubei_drc.pk)),
    } <= refreshed
    assert len(refreshed) == sum(len(ids) for _, ids in calls)  # each subject once
