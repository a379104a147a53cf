"""Browser journeys (headless Chromium through Playwright): a department takes a project to the next stage; a
reviewer decides a request from the inbox; a DRC officer approves a local part; a leader reads the national view. Chromium starts after the database work (see reports/tests/test_map_browser)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from egovnet.projects.models import AuthorityRequest, Project
from egovnet.projects.services import evidence_create, local_part_create, request_submit
from egovnet.reports.tests.test_map_browser import _browser_page, _wait_until

from .helpers import pass_needs


def _cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _signed_in(page, url: str, cookie: str) -> None:
    page.context.add_cookies([
        {"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": url},
        {"name": "django_language", "value": "zh-hans", "url": url},
    ])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_department_takes_a_project_to_the_next_stage(world, project, live_server):
    cookie = _cookie(world.lead)
    url = f"{live_server.url}/projects/{project.pk}/"
    with _browser_page() as page:
        _signed_in(page, live_server.url, cookie)
        page.goto(url)
        advance = page.locator("form.action-form", has=page.locator('input[value="complete_needs_analysis"]'))
        assert advance.locator("button").is_disabled()  # the gate refuses: the action says why, before any click
        assert "关口未通过" in advance.inner_text()
        assert page.locator(".step-current").inner_text().strip().endswith("需求分析")
    pass_needs(world, project.pk)  # the evidence and decisions the gate asks for (database work outside the browser)
    with _browser_page() as page:
        _signed_in(page, live_server.url, cookie)
        page.goto(url)
        advance = page.locator("form.action-form", has=page.locator('input[value="complete_needs_analysis"]'))
        assert advance.locator("button").is_enabled()
        advance.locator("button").click()
        page.wait_for_load_state()
        assert "已办理" in page.locator(".messages").inner_text()
        assert "项目建议书" in page.locator(".step-current").inner_text()
        assert "complete_needs_analysis" not in page.locator("main").inner_text()
    assert Project.objects.get(pk=project.pk).stage == "proposal"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_leader_reads_the_national_view(world, live_server):
    cookie = _cookie(world.lead)
    with _browser_page() as page:
        _signed_in(page, live_server.url, cookie)
        page.goto(f"{live_server.url}/")
        page.get_by_role("link", name="网络总览").first.click()
        _wait_until(page, "window.egovnetMap && (window.egovnetMap.ready || window.egovnetMap.error)", 30)
        assert page.evaluate("window.egovnetMap.error || null") is None
        names = page.evaluate("window.egovnetMap.chart.getOption().series[0].data.map(d => d.label)")
        assert "南海诸岛" in names and "台湾省" in names
        assert page.locator("nav.tabs a.active").inner_text() == "概览"
        page.locator("nav.tabs").get_by_role("link", name="各省情况").click()
        page.wait_for_load_state()
        assert page.locator("#province-table tbody tr").count() >= 1
        assert page.locator("nav.sidenav a.active").count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reviewer_decides_a_request_from_the_inbox(world, project, live_server):
    req = request_submit(actor=world.lead, project=project, kind="mlps_filing", applications=[world.app_portal])
    cookie = _cookie(world.bj_officer)
    with _browser_page() as page:
        _signed_in(page, live_server.url, cookie)
        page.goto(f"{live_server.url}/tasks/")
        page.locator(f'a[href="/projects/requests/{req.pk}/decide/"]').first.click()
        page.wait_for_load_state()
        assert "等级保护备案" in page.locator("h1").inner_text()
        assert project.name in page.locator("main").inner_text()
        page.select_option("select[name=approve]", "1")
        page.fill("input[name=decision_ref]", "11010113-0042")
        page.locator("main form button.btn-primary").click()
        page.wait_for_load_state()
        assert "已办结" in page.locator(".messages").inner_text()
    req = AuthorityRequest.objects.get(pk=req.pk)
    assert (req.status, req.decision_ref) == ("approved", "11010113-0042")
    assert req.evidence.doc_type == "mlps_filing_certificate" and req.evidence.issuer == world.bj_psb


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_drc_officer_approves_a_local_part(world, project, live_server):
    Project.objects.filter(pk=project.pk).update(cobuilt=True, stage="feasibility", national_approval_ref="发改〔2013〕1号")
    project.refresh_from_db()
    lp = local_part_create(actor=world.lead, project=project, division=world.ha_dept.division, owner=world.ha_dept,
                           name="河南部分")  # fmt: skip
    evidence_create(actor=world.lead, project=project, doc_type="feasibility_study_report", local_part=lp)
    cookie = _cookie(world.ha_reviewer)
    with _browser_page() as page:
        _signed_in(page, live_server.url, cookie)
        page.goto(f"{live_server.url}/tasks/")
        page.locator("main a", has_text="批复地方部分").first.click()
        page.wait_for_load_state()
        panel = page.locator("#waiting-on form")
        assert "批复地方部分" in page.locator("#waiting-on").inner_text()
        panel.locator("select[name=decision]").select_option("1")
        panel.locator("input[name=ref_no]").fill("豫发改〔2013〕5号")
        panel.locator("input[name=date]").fill("2013-07-01")
        panel.locator("button").click()
        page.wait_for_load_state()
        assert "地方部分批复已登记" in page.locator(".messages").first.inner_text()
    approval = lp.evidence.get(doc_type="local_drc_approval")
    assert (approval.ref_no, approval.references) == ("豫发改〔2013〕5号", ["发改〔2013〕1号"])
