"""Policy pages and API: catalogue, self-check, findings (scope + redaction), sweeps, detail-page include."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from egovnet.core.tests.world import JIMI_NAME, SECRET_NAME, build_world
from egovnet.policy.engine.registry import all_packs
from egovnet.policy.models import Finding
from egovnet.policy.sweep import run_sweep

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "dossier" / "examples" / "central-proposal.yaml"


@pytest.fixture
def world():
    w = build_world()
    run_sweep(actor=w.admin)
    return w


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def test_catalogue_lists_every_rule_with_its_article(client, world):
    r = get(client, world.viewer_a, reverse("policy:rule_catalogue"))
    assert r.status_code == 200
    html = r.content.decode()
    ids = [rule.id for p in all_packs() for rule in p.rules.values()]
    assert len(ids) >= 53
    assert 'id="R-1.1"' in html and 'id="R-2.1"' not in html  # one article per tab by default
    for article in sorted({rule.article for p in all_packs() for rule in p.rules.values()}):
        tab = get(client, world.viewer_a, reverse("policy:rule_catalogue"), article=str(article)).content.decode()
        html += tab
    for rid in ids:
        assert f'id="{rid}"' in html
    assert "第十二条" in html and "按文意补全" in html and "需求分析完成" in html and ">G-NEEDS" not in html
    # the interpretation notes in Chinese, not the English developer text
    assert "规定合规的最终状态取值" in html and "Fixes the enum" not in html


def test_catalogue_filters(client, world):
    html = get(client, world.viewer_a, reverse("policy:rule_catalogue"), article="5").content.decode()
    assert 'id="R-5.2"' in html and 'id="R-4.3"' not in html
    html = get(client, world.viewer_a, reverse("policy:rule_catalogue"), gate="G-BUDGET").content.decode()
    assert 'id="R-12.2"' in html and 'id="R-5.2"' not in html
    html = get(client, world.viewer_a, reverse("policy:rule_catalogue"), strength="GOAL").content.decode()
    assert 'id="R-5.1"' in html and 'id="R-4.2"' not in html


def test_check_page_valid_dossier(client, world):
    client.force_login(world.staff_a)
    assert client.get(reverse("policy:dossier_check")).status_code == 200
    r = client.post(reverse("policy:dossier_check"), {"dossier": EXAMPLE.read_text(encoding="utf-8")})
    assert r.status_code == 200
    html = r.content.decode()
    assert "can advance" in html or "可以" in html
    assert "第四条" in html and "app-1" in html and "intranet" in html


def test_check_page_upload(client, world):
    client.force_login(world.staff_a)
    with EXAMPLE.open("rb") as fh:
        r = client.post(reverse("policy:dossier_check"), {"file": fh})
    assert r.status_code == 200 and "app-1" in r.content.decode()


def test_check_page_invalid_dossier_names_the_field_path(client, world):
    client.force_login(world.staff_a)
    text = EXAMPLE.read_text(encoding="utf-8").replace("mlps_level: 3", "mlps_level: 9", 1)
    assert text != EXAMPLE.read_text(encoding="utf-8")
    r = client.post(reverse("policy:dossier_check"), {"dossier": text})
    assert r.status_code == 400
    assert "mlps_level" in r.content.decode() and "applications[" in r.content.decode()
    r = client.post(reverse("policy:dossier_check"), {"dossier": "format: [unclosed"})
    assert r.status_code == 400


def test_findings_list_is_scoped_through_the_owner(client, world):
    html = get(client, world.staff_b, reverse("policy:findings_list")).content.decode()
    assert "乙部业务系统" in html and "甲部公开服务系统" not in html and "<td>河南省</td>" not in html  # (the province filter lists every province by name)
    html = get(client, world.henan_reviewer, reverse("policy:findings_list"), rule="R-4.3").content.decode()
    assert "河南省审批系统" in html and "乙部业务系统" not in html
    assert get(client, world.nobody, reverse("policy:findings_list")).content.decode().count("outcome-") == 0


def test_findings_list_redacts_grades_above_clearance(client, world):
    staff = get(client, world.staff_a, reverse("policy:findings_list"), rule="R-4.2").content.decode()
    assert "涉密系统 #" in staff and "涉密应用未部署在政务内网。" in staff
    assert "秘密级涉密应用" not in staff and "机密级涉密应用" not in staff
    cleared = get(client, world.cleared_staff_a, reverse("policy:findings_list"), rule="R-4.2").content.decode()
    assert "机密级涉密应用" in cleared
    for html in (staff, cleared):
        assert SECRET_NAME not in html and JIMI_NAME not in html


def test_findings_filters(client, world):
    html = get(client, world.admin, reverse("policy:findings_list"), province="410000", outcome="fail").content.decode()
    assert "R-5.3" in html and "乙部" not in html
    assert '<option value="410000" selected>河南省</option>' in html  # the province by name, not a code to type
    assert "<td>河南省</td>" in html and "<td>410000</td>" not in html  # the column names it too


def test_findings_api_scoped_filtered_paginated_redacted(client, world):
    client.force_login(world.staff_a)
    data = client.get("/api/policy/findings/", {"rule": "R-4.2"}).json()
    assert data["count"] == 2
    for row in data["results"]:
        assert row["redacted"] and "机密" not in row["message"]["zh"] and row["subject_label"].startswith("涉密系统")
    client.force_login(world.staff_b)
    data = client.get("/api/policy/findings/", {"page_size": 2}).json()
    assert data["count"] == Finding.objects.filter(owner=world.ministry_b).count() and len(data["results"]) == 2
    assert client.get("/api/policy/findings/", {"paging": "cursor"}).status_code == 200
    client.force_login(world.nobody)
    assert client.get("/api/policy/findings/").json()["count"] == 0


def test_sweeps_pages_and_api(client, world):
    client.force_login(world.viewer_a)
    r = client.get(reverse("policy:sweep_list"))
    assert r.status_code == 200
    from egovnet.policy.models import SweepRun

    run = SweepRun.objects.get()
    html = client.get(reverse("policy:sweep_detail", args=[run.pk])).content.decode()
    assert "第四条" in html and "河南省" in html and "410000" not in html and "R-4.3" in html
    data = client.get("/api/policy/sweeps/").json()
    assert data["results"][0]["counts"]["by_article"]["4"]["fail"] == 6


def test_nav_and_detail_include(client, world):
    html = get(client, world.viewer_a, reverse("home")).content.decode()
    assert reverse("policy:rule_catalogue") in html and reverse("policy:findings_list") in html
    request = RequestFactory().get("/")
    request.user = world.staff_b
    out = Template("{% load policy_findings %}{% policy_findings obj %}").render(
        Context({"request": request, "obj": world.sys_b})
    )
    assert "R-4.3" in out and "R-1.1" in out


def _panel(user, obj):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load policy_findings %}{% policy_findings obj %}").render(
        Context({"request": request, "obj": obj})
    )


def test_detail_panel_shows_the_live_verdict_with_passes_scoped_and_redacted(world, django_assert_max_num_queries):
    from egovnet.policy.models import Finding

    assert not Finding.objects.filter(subject_id=str(world.sys_a.pk), outcome="pass").exists()
    with django_assert_max_num_queries(8):
        out = _panel(world.viewer_a, world.sys_a)  # extranet target: passes, evaluated live
    assert "R-4.3" in out and "目标网络为政务外网" in out and "outcome-pass" in out
    assert "R-4.3" not in _panel(world.staff_b, world.sys_a)  # another department's system: nothing
    # a 机密 system to a reader without clearance: the rule's generic text, never the grade in the message
    hidden = _panel(world.viewer_a, world.sys_a_jimi)
    assert "R-4.2" in hidden and "机密级涉密应用" not in hidden and "涉密应用未部署在政务内网" in hidden
    assert "机密级涉密应用" in _panel(world.admin, world.sys_a_jimi)


def test_a_hidden_finding_of_a_rule_no_pack_defines_shows_nothing_of_its_text(world):
    from django.utils import timezone

    from egovnet.policy.models import Finding
    from egovnet.policy.views import redact

    row = Finding(
        subject_type="system", subject_id="9", subject_label="涉密系统 #9", owner=world.ministry_a, secrecy_rank=2,
        rule="R-99.9", article=4, outcome="fail", strength="MUST", message_zh="机密级涉密应用sys-9未部署",
        message_en="jimi app sys-9", remediation_zh="改", evidence=["grade:jimi"], pack="gone", pack_version="1",
        evaluated_at=timezone.now(),
    )  # fmt: skip
    [hidden] = redact([row], world.viewer_a)
    assert hidden.redacted and "机密" not in hidden.message_zh + hidden.remediation_zh and hidden.evidence == []
    assert "已隐藏" in hidden.message_zh and "Hidden" in hidden.message_en


def test_a_drc_reviewer_records_a_deviation_from_the_system_page_and_the_fail_is_waived(
    client, world, django_capture_on_commit_callbacks
):
    import datetime as dt

    from egovnet.policy.models import Finding, PolicyDeviation
    from egovnet.policy.services import current_findings, refresh_subjects

    sys_henan = world.sys_henan  # no target network: fails
    refresh_subjects("system", [sys_henan.pk])
    assert Finding.objects.get(subject_id=str(sys_henan.pk), rule="R-4.3").outcome == "fail"
    # the department's own staff see the deviations but no form; the province's DRC reviewer gets the form
    assert "Record the deviation" not in _panel(world.staff_b, world.sys_b)
    form_html = _panel(world.henan_reviewer, sys_henan)
    assert f"/policy/deviations/system/{sys_henan.pk}/" in form_html and "R-4.3" in form_html
    client.force_login(world.henan_reviewer)
    url = reverse("policy:deviation_add", args=["system", sys_henan.pk])
    bad = client.post(url, {"rule": "R-4.3", "reason": "", "legal_basis": "x", "approver": world.henan_drc.pk,
                            "expires": "2030-01-01"}, follow=True)  # fmt: skip
    assert "reason" in bad.content.decode() and not PolicyDeviation.objects.exists()
    expires = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    data = {"rule": "R-4.3", "reason": "省级审批系统暂留省级网络", "legal_basis": "省发展改革委批复",
            "approver": world.henan_drc.pk, "expires": expires}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url, data)
    assert r.status_code == 302 and r.url == reverse("systems:system_detail", args=[sys_henan.pk])
    dev = PolicyDeviation.objects.get()
    assert (dev.owner_id, dev.approver_id, dev.rule) == (world.henan_drc.pk, world.henan_drc.pk, "R-4.3")
    assert Finding.objects.get(subject_id=str(sys_henan.pk), rule="R-4.3").outcome == "waived"
    live = {f.rule: f.outcome for f in current_findings("system", sys_henan.pk)}
    assert live["R-4.3"] == "waived" and live["R-4.5"] == "pass"  # approved by a DRC
    assert "省发展改革委批复" in _panel(world.henan_reviewer, sys_henan)
    # another province's system: refused by the service (the reviewer's scope is 河南)
    client.post(reverse("policy:deviation_add", args=["system", world.sys_b.pk]), {**data, "approver": world.ndrc.pk})
    assert PolicyDeviation.objects.count() == 1
