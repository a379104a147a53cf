"""Browser journey (headless Chromium through Playwright): a finance officer accepts an O&M proposal's lines one
by one, then the proposal."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from egovnet.migration import services
from egovnet.migration.choices import LineDecision, ProposalStatus
from egovnet.migration.models import OmProposal
from egovnet.reports.tests.test_map_browser import _browser_page

from .test_funding import AS_OF, funded  # noqa: F401  (fixture: an approved plan whose networks are funded)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_finance_officer_accepts_the_lines_then_the_proposal(world, funded, live_server):  # noqa: F811
    finance = world["users"]["finance"]
    proposal = services.proposal_generate(actor=finance, department=world["ministry"], fiscal_year=2027, as_of=AS_OF)
    lines = proposal.lines.count()  # database work before the browser starts (its event loop forbids it)
    assert lines >= 2
    client = Client()
    client.force_login(finance)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    with _browser_page() as page:
        page.context.add_cookies([
            {"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url},
            {"name": "django_language", "value": "zh-hans", "url": live_server.url},
        ])
        page.goto(f"{live_server.url}/migration/proposals/{proposal.pk}/")
        accept_line = page.locator('button[name="decision"][value="accept"]')
        assert accept_line.count() == lines  # one decision per line (it stays changeable until the proposal is accepted)
        for i in range(lines):
            accept_line.nth(i).click()
            page.wait_for_load_state()
        page.locator(f'form[action="/migration/proposals/{proposal.pk}/accept/"] button').click()
        page.wait_for_load_state()
        assert page.locator(".messages").first.inner_text().strip()  # the outcome is told on the page
    proposal = OmProposal.objects.get(pk=proposal.pk)
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.accepted_by == finance
    assert set(proposal.lines.values_list("decision", flat=True)) == {LineDecision.ACCEPTED}
