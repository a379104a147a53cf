"""The demo loader: plans in every state, two fiscal years of lines, idempotent, on top of any registry."""

from __future__ import annotations

import datetime as dt

from egovnet.core.choices import Clearance
from egovnet.core.models import User
from egovnet.migration.choices import PlanStatus
from egovnet.migration.demo import load_demo_migration
from egovnet.migration.models import BudgetLine, MigrationPlan, OmProposal, PlanVersion
from egovnet.migration.services import progress


def test_demo_creates_every_state(world):
    actor = User.objects.create_superuser("demo-actor", password="x", clearance=Clearance.JIMI)
    today = dt.date(2026, 11, 28)
    result = load_demo_migration(actor, today=today)
    assert result["plans"] == 4
    statuses = set(PlanVersion.objects.filter(plan__is_demo=True).values_list("status", flat=True))
    assert statuses == {PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.APPROVED, PlanStatus.SUPERSEDED}
    assert set(BudgetLine.objects.filter(is_demo=True).values_list("fiscal_year", flat=True)) == {2026, 2027}
    proposal = OmProposal.objects.get()
    rules = set(proposal.lines.values_list("rule", flat=True))
    assert {"R-12.2", "R-12.3"} <= rules
    assert progress.nation(actor, today)["migrated"] > 0 and progress.nation(actor, today)["overdue"] > 0
    assert progress.departments_without_plan(actor).exists()
    assert load_demo_migration(actor, today=today) == {}
    assert MigrationPlan.objects.filter(is_demo=True).count() == 4


def test_demo_gives_department_users_a_plan_with_late_items(world):
    """The department of a demo department user gets the in-progress plan (so that login sees what is late)."""
    from egovnet.core.models import RoleAssignment
    from egovnet.orgs.models import Organisation

    Organisation.objects.filter(pk=world["other"].pk).update(is_demo=True)
    RoleAssignment.objects.filter(user=world["users"]["other_staff"]).update(org_scope=world["other"])
    actor = User.objects.create_superuser("demo-actor", password="x", clearance=Clearance.JIMI)
    today = dt.date(2026, 11, 28)
    load_demo_migration(actor, today=today)
    plan = MigrationPlan.objects.get(department=world["other"])
    assert plan.has_approved
    staff = world["users"]["other_staff"]
    assert progress.overdue_items(staff, today).exists()
    assert progress.nation(staff, today)["migrated"] > 0
