"""Small builders shared by the migration tests (through the services, as the UI would)."""

from __future__ import annotations

import datetime as dt

from egovnet.migration import services
from egovnet.migration.choices import ItemStatus


def approved_plan(world, *, items=("flood", "water"), planned=dt.date(2027, 6, 30)):
    """A plan of the ministry with the given items, submitted and approved."""
    u = world["users"]
    plan = services.plan_create(
        actor=u["staff"], department=world["ministry"], title="水利部专网迁移计划", scheme="分两期迁移"
    )
    version = plan.effective_version
    for key in items:
        services.item_add(
            actor=u["staff"],
            version=version,
            system=world["systems"][key],
            from_network=world["legacy"],
            planned_date=planned,
        )
    version.refresh_from_db()
    version = services.version_submit(actor=u["lead"], version=version, expected_version=version.version)
    version = services.version_approve(
        actor=u["drc"], version=version, expected_version=version.version, approval_ref="发改批〔2026〕1号"
    )
    plan.refresh_from_db()
    return plan, version


def cut_over(world, item, day=dt.date(2026, 3, 1)):
    item.refresh_from_db()
    return services.item_record_progress(
        actor=world["users"]["staff"],
        item=item,
        expected_version=item.version,
        status=ItemStatus.CUT_OVER,
        cutover_ref=f"割接〔2026〕{item.pk}号",
        cutover_date=day,
    )
