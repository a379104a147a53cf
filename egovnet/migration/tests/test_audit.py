"""Every service write of the migration app leaves an audit entry (with the actor), and the chain verifies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from egovnet.core.audit import verify_chain
from egovnet.core.models import AuditEntry
from egovnet.migration import services
from egovnet.migration.choices import BudgetObjectKind, ItemStatus


def test_each_service_write_is_audited(world):
    u = world["users"]

    def audited(call, actor):
        before = AuditEntry.objects.count()
        result = call()
        new = AuditEntry.objects.filter(seq__gt=before)
        assert new.exists(), call
        assert set(new.values_list("actor_id", flat=True)) == {actor.pk}
        return result

    plan = audited(
        lambda: services.plan_create(actor=u["staff"], department=world["ministry"], title="计划"), u["staff"]
    )
    v = plan.effective_version
    v = audited(
        lambda: services.version_update(actor=u["staff"], version=v, expected_version=v.version, scheme="方案"),
        u["staff"],
    )
    item = audited(
        lambda: services.item_add(
            actor=u["staff"],
            version=v,
            system=world["systems"]["flood"],
            from_network=world["legacy"],
            planned_date=dt.date(2026, 1, 1),
        ),
        u["staff"],
    )
    item = audited(
        lambda: services.item_update(actor=u["staff"], item=item, expected_version=item.version, notes="n"), u["staff"]
    )
    v.refresh_from_db()
    v = audited(lambda: services.version_submit(actor=u["lead"], version=v, expected_version=v.version), u["lead"])
    v = audited(
        lambda: services.version_return(actor=u["drc"], version=v, expected_version=v.version, reason="补充"), u["drc"]
    )
    v = services.version_submit(actor=u["lead"], version=v, expected_version=v.version)
    v = audited(lambda: services.version_approve(actor=u["drc"], version=v, expected_version=v.version), u["drc"])
    item.refresh_from_db()
    audited(
        lambda: services.item_record_progress(
            actor=u["staff"], item=item, expected_version=item.version, status=ItemStatus.IN_PROGRESS
        ),
        u["staff"],
    )
    audited(lambda: services.version_new_draft(actor=u["staff"], plan=plan), u["staff"])
    line = audited(
        lambda: services.budget_line_create(
            actor=u["finance"],
            department=world["ministry"],
            fiscal_year=2027,
            object_kind=BudgetObjectKind.NETWORK,
            network=world["legacy"],
            amount_10k_yuan=Decimal("9"),
        ),
        u["finance"],
    )
    line = audited(
        lambda: services.budget_line_update(actor=u["finance"], line=line, expected_version=line.version, basis="b"),
        u["finance"],
    )
    p = audited(
        lambda: services.proposal_generate(actor=u["finance"], department=world["ministry"], fiscal_year=2027),
        u["finance"],
    )
    pl = p.lines.get()
    audited(
        lambda: services.line_decide(actor=u["finance"], line=pl, expected_version=pl.version, accept=True),
        u["finance"],
    )
    p.refresh_from_db()
    audited(lambda: services.proposal_accept(actor=u["finance"], proposal=p, expected_version=p.version), u["finance"])
    audited(lambda: services.network_exception_record(actor=u["drc"], network=world["newnet"], reference="r"), u["drc"])
    assert verify_chain() is None
