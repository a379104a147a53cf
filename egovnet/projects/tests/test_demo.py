"""The demo projects load on the real demo data and sit where they say they are."""

from __future__ import annotations

import pytest

from egovnet.demo.actor import trusted_system_actor
from egovnet.demo.loader import load_demo
from egovnet.projects import gates
from egovnet.projects.demo import load_demo_projects
from egovnet.projects.models import AssessmentCommission, AuthorityRequest, Project

pytestmark = pytest.mark.django_db


def test_demo_projects_at_every_stage(django_db_blocker):
    load_demo()  # the demo loader adds the projects (load_demo_projects) on top of the registries
    assert Project.objects.filter(is_demo=True).count() == 6
    stages = {p.name: (p.stage, p.status) for p in Project.objects.filter(is_demo=True)}
    assert ("completion_acceptance", "completed") in stages.values()
    assert ("construction", "active") in stages.values()
    cobuilt = Project.objects.get(cobuilt=True, is_demo=True)
    assert {f.rule for f in gates.judge(cobuilt).failing} == {"R-10.1", "R-10.3"}
    blocked = Project.objects.get(stage="proposal", is_demo=True)
    assert "R-7.2" in {f.rule for f in gates.judge(blocked).failing}
    assert AuthorityRequest.objects.filter(status="pending").count() == 2
    # the construction-stage project has an open MLPS commission, the demo agency login's task
    from django.contrib.auth import get_user_model

    from egovnet.projects.queries import open_commissions

    [c] = AssessmentCommission.objects.filter(project__stage="construction", project__is_demo=True)
    assert (c.assessment_type, c.status) == ("mlps", "commissioned")
    assert list(open_commissions(get_user_model().objects.get(username="agency"))) == [c]
    assert load_demo_projects(trusted_system_actor()) == []  # idempotent
