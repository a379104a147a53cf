"""Plan lifecycle and versioning (第四条)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from egovnet.core.errors import ServiceError
from egovnet.core.models import AuditEntry
from egovnet.migration import services
from egovnet.migration.choices import ItemStatus, PlanStatus
from egovnet.migration.models import ItemStatusChange, MigrationItem
from egovnet.systems.choices import TargetNetwork

from .helpers import approved_plan, cut_over


def test_lifecycle_draft_submit_approve(world):
    plan, version = approved_plan(world)
    assert version.status == PlanStatus.APPROVED
    assert plan.has_approved and plan.effective_version_id == version.pk
    assert version.items.count() == 2
    assert AuditEntry.objects.filter(object_type="migration.planversion", reason="approve").exists()


def test_target_defaults_to_placement_rule(world):
    u = world["users"]
    plan = services.plan_create(actor=u["staff"], department=world["ministry"], title="计划")
    v = plan.effective_version
    s = world["systems"]
    legacy = world["legacy"]
    day = dt.date(2027, 1, 1)
    assert (
        services.item_add(
            actor=u["staff"], version=v, system=s["flood"], from_network=legacy, planned_date=day
        ).target_network
        == TargetNetwork.EXTRANET
    )
    assert (
        services.item_add(
            actor=u["staff"], version=v, system=s["secret"], from_network=legacy, planned_date=day
        ).target_network
        == TargetNetwork.INTRANET
    )
    top = services.item_add(actor=u["staff"], version=v, system=s["topsecret"], from_network=legacy, planned_date=day)
    assert top.target_network == TargetNetwork.STANDALONE_CLASSIFIED


def test_other_target_needs_deviation(world):
    u = world["users"]
    plan = services.plan_create(actor=u["staff"], department=world["ministry"], title="计划")
    kwargs = dict(
        actor=u["staff"],
        version=plan.effective_version,
        system=world["systems"]["flood"],
        from_network=world["legacy"],
        planned_date=dt.date(2027, 1, 1),
        target_network=TargetNetwork.LEGACY_DEDICATED,
    )
    with pytest.raises(ValidationError) as exc:
        services.item_add(**kwargs)
    assert "第四条" in str(exc.value) and "deviation" in str(exc.value)
    item = services.item_add(**kwargs, deviation_ref="偏离〔2026〕3号")
    assert item.target_network == TargetNetwork.LEGACY_DEDICATED


def test_item_must_come_from_a_dedicated_network_and_own_system(world):
    u = world["users"]
    plan = services.plan_create(actor=u["staff"], department=world["ministry"], title="计划")
    with pytest.raises(ValidationError) as exc:
        services.item_add(
            actor=u["staff"],
            version=plan.effective_version,
            system=world["systems"]["other"],
            from_network=world["extranet"],
            planned_date=dt.date(2027, 1, 1),
        )
    assert set(exc.value.message_dict) == {"system", "from_network"}


def test_submit_needs_scheme_and_items(world):
    u = world["users"]
    plan = services.plan_create(actor=u["staff"], department=world["ministry"], title="计划")
    v = plan.effective_version
    with pytest.raises(ValidationError) as exc:
        services.version_submit(actor=u["lead"], version=v, expected_version=v.version)
    assert {"scheme", "items"} == set(exc.value.message_dict)


def test_staff_cannot_submit_and_lead_cannot_approve(world):
    u = world["users"]
    plan = services.plan_create(actor=u["staff"], department=world["ministry"], title="计划", scheme="方案")
    v = plan.effective_version
    services.item_add(
        actor=u["staff"],
        version=v,
        system=world["systems"]["flood"],
        from_network=world["legacy"],
        planned_date=dt.date(2027, 1, 1),
    )
    v.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.version_submit(actor=u["staff"], version=v, expected_version=v.version)
    v = services.version_submit(actor=u["lead"], version=v, expected_version=v.version)
    with pytest.raises(PermissionDenied):
        services.version_approve(actor=u["lead"], version=v, expected_version=v.version)


def test_approved_version_is_read_only(world):
    plan, version = approved_plan(world)
    u = world["users"]
    item = version.items.first()
    with pytest.raises(ServiceError) as exc:
        services.item_update(
            actor=u["staff"], item=item, expected_version=item.version, planned_date=dt.date(2028, 1, 1)
        )
    assert exc.value.code == "read_only" and "第四条" in exc.value.message
    with pytest.raises(ServiceError):
        services.version_update(actor=u["staff"], version=version, expected_version=version.version, scheme="改")
    with pytest.raises(ServiceError):
        services.item_add(
            actor=u["staff"],
            version=version,
            system=world["systems"]["secret"],
            from_network=world["legacy"],
            planned_date=dt.date(2027, 1, 1),
        )
    with pytest.raises(ServiceError):
        services.item_delete(actor=u["staff"], item=item)


def test_new_version_copies_approved_and_supersedes_it_on_approval(world):
    plan, v1 = approved_plan(world)
    u = world["users"]
    cut_over(world, v1.items.get(system=world["systems"]["flood"]))
    v2 = services.version_new_draft(actor=u["staff"], plan=plan)
    assert v2.number == 2 and v2.status == PlanStatus.DRAFT and v2.based_on_id == v1.pk
    assert v2.items.count() == 2
    with pytest.raises(ServiceError) as exc:
        services.version_new_draft(actor=u["staff"], plan=plan)
    assert exc.value.code == "open_version"
    # the approved version stays effective while the draft is changed
    plan.refresh_from_db()
    assert plan.effective_version_id == v1.pk
    effective = lambda: set(MigrationItem.objects.filter(is_effective=True).values_list("plan_version_id", flat=True))  # noqa: E731
    assert effective() == {v1.pk}
    water = v2.items.get(system=world["systems"]["water"])
    services.item_update(actor=u["staff"], item=water, expected_version=water.version, planned_date=dt.date(2028, 3, 1))
    # progress recorded on v1 meanwhile is carried into v2 when it is approved
    cut_over(world, v1.items.get(system=world["systems"]["water"]))
    v2.refresh_from_db()
    v2 = services.version_submit(actor=u["lead"], version=v2, expected_version=v2.version)
    v2 = services.version_approve(actor=u["drc"], version=v2, expected_version=v2.version)
    v1.refresh_from_db()
    plan.refresh_from_db()
    assert v1.status == PlanStatus.SUPERSEDED and plan.effective_version_id == v2.pk
    assert effective() == {v2.pk}
    statuses = set(v2.items.values_list("status", flat=True))
    assert statuses == {ItemStatus.CUT_OVER}
    assert v2.items.get(system=world["systems"]["water"]).planned_date == dt.date(2028, 3, 1)


def test_progress_needs_evidence_and_is_recorded_in_history(world):
    plan, version = approved_plan(world)
    u = world["users"]
    item = version.items.first()
    with pytest.raises(ValidationError) as exc:
        services.item_record_progress(
            actor=u["staff"], item=item, expected_version=item.version, status=ItemStatus.CUT_OVER
        )
    assert "cutover_ref" in exc.value.message_dict
    item = cut_over(world, item, dt.date(2026, 2, 1))
    with pytest.raises(ValidationError) as exc:
        services.item_record_progress(
            actor=u["staff"], item=item, expected_version=item.version, status=ItemStatus.DECOMMISSIONED
        )
    assert "decommission_ref" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.item_record_progress(
            actor=u["staff"], item=item, expected_version=item.version, status=ItemStatus.PLANNED
        )
    change = ItemStatusChange.objects.get()
    assert (change.to_status, change.effective_on) == (ItemStatus.CUT_OVER, dt.date(2026, 2, 1))


def test_stale_version_is_refused(world):
    plan, version = approved_plan(world)
    item = MigrationItem.objects.filter(plan_version=version).first()
    from egovnet.core.errors import ConcurrentEditError

    with pytest.raises(ConcurrentEditError):
        services.item_record_progress(
            actor=world["users"]["staff"], item=item, expected_version=item.version + 5, status=ItemStatus.IN_PROGRESS
        )


def test_other_department_cannot_edit(world):
    u = world["users"]
    plan = services.plan_create(actor=u["staff"], department=world["ministry"], title="计划")
    with pytest.raises(PermissionDenied):
        services.item_add(
            actor=u["other_staff"],
            version=plan.effective_version,
            system=world["systems"]["flood"],
            from_network=world["legacy"],
            planned_date=dt.date(2027, 1, 1),
        )
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=u["other_staff"], department=world["ministry"], title="x")
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=u["finance"], department=world["other"], title="x")
