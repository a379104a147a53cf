"""The CLI calls the same services: gate output names rules and articles; moves are refused the same way."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from egovnet.projects.models import AuthorityRequest
from egovnet.projects.services import request_submit

from .helpers import pass_needs

pytestmark = pytest.mark.django_db


def test_cli_gate_move_and_decide(world, project, capsys):
    call_command("project", "gate", str(project.pk), "--user", "lead")
    out = capsys.readouterr().out
    assert "BLOCKED" in out and "R-6.2（《发改高技〔2012〕1986号》第六条）" in out
    with pytest.raises(CommandError, match="R-6.2"):
        call_command("project", "move", str(project.pk), "complete_needs_analysis", "--user", "lead")
    with pytest.raises(CommandError, match="outside your scope"):
        call_command("project", "show", str(project.pk), "--user", "other")
    pass_needs(world, project.pk)
    call_command("project", "move", str(project.pk), "complete_needs_analysis", "--user", "lead")
    assert "\tproposal\t" in capsys.readouterr().out
    req = request_submit(actor=world.lead, project=project, kind="extranet_agreement", applications=[world.app_portal])
    with pytest.raises(CommandError):
        call_command("project", "decide", str(req.pk), "--user", "bjpsb", "--approve", "--ref", "x")
    call_command("project", "decide", str(req.pk), "--user", "ext", "--approve", "--ref", "外网协〔2013〕9号")
    assert AuthorityRequest.objects.get(pk=req.pk).evidence.result == "signed"
    call_command("project", "list", "--user", "lead")
    assert project.name in capsys.readouterr().out
