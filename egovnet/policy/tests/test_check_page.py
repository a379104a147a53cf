"""The self-check page: a guided form builds and checks a dossier; errors name the field in words, in one
language; examples and the format are one click away."""

from __future__ import annotations

import re

import pytest
import yaml
from django.urls import reverse

from egovnet.policy.dossier.labels import FIELD_LABELS, field_label
from egovnet.policy.dossier.schema import SCHEMA
from egovnet.policy.dossier.validate import schema_errors

pytestmark = pytest.mark.django_db
URL = reverse("policy:dossier_check")


def _guided(**overrides):
    data = {
        "mode": "guided",
        "name": "便民服务平台",
        "owner_name": "某某部",
        "owner_level": "central",
        "owner_division": "",
        "owner_in_beijing": "on",
        "kind": "new",
        "stage": "proposal",
        "date": "2026-03-01",
        "total_investment": "800",
        "apps-TOTAL_FORMS": "3",
        "apps-INITIAL_FORMS": "0",
        "apps-0-name": "办案系统",
        "apps-0-classification": "jimi",
        "apps-0-target_network": "intranet",
        "apps-1-name": "门户网站",
        "apps-1-classification": "non_classified",
        "apps-1-mlps_level": "3",
        "apps-1-target_network": "extranet",
    }
    return data | overrides


def _page(response) -> str:
    return response.content.decode()


def test_the_guided_form_builds_the_dossier_and_checks_it(client, divisions, make_user):
    client.force_login(make_user("check_staff", "department_staff"))
    response = client.post(URL, _guided())
    assert response.status_code == 200
    dossier = yaml.safe_load(response.context["text"])
    assert dossier["project"]["owner"] == {
        "name": "某某部",
        "kind": "government_department",
        "level": "central",
        "in_beijing": True,
    }
    assert [(a["id"], a["classified"], a.get("secrecy_grade"), a.get("mlps_level")) for a in dossier["applications"]] == [
        ("app-1", True, "jimi", None),
        ("app-2", False, None, 3),
    ]
    report = response.context["report"]
    assert report["gate"]["can_advance"] is False  # no proposal document yet: the findings say so
    assert any(f["status"] == "fail" for f in report["findings"])
    page = _page(response)
    assert "项目建议书" in page
    assert "北京市公安局" in page  # in Beijing: the MLPS filing goes to the Beijing PSB (no code, no "0000")
    shown = page.split("<textarea")[0] + page.split("</textarea>")[1].split("<details>")[0]  # not the YAML or JSON
    assert "办案系统" in shown and not re.search(r"(?<![A-Za-z0-9_-])app-\d", shown)


def test_a_guided_field_error_is_shown_on_the_field(client, divisions, make_user):
    client.force_login(make_user("check_staff2", "department_staff"))
    response = client.post(URL, _guided(**{"apps-0-mlps_level": "2"}))  # an MLPS level on a classified application
    assert response.status_code == 400
    assert "非涉密应用" in _page(response)
    assert 'id="result"' in _page(response)  # the page opens at what needs correcting
    assert response.context["report"] is None


def test_schema_errors_name_the_field_in_words_in_one_language(client, divisions, make_user):
    client.force_login(make_user("check_staff3", "department_staff"))
    bad = "format: egovnet-dossier/1\nproject:\n  name: X\n  owner: {name: 某部, level: central}\n  stage: design\n  date: 2026-01-01\napplications:\n  - {id: a1, name: Y, classified: false, mlps_level: 7}\n"
    page = _page(client.post(URL, {"dossier": bad}))
    assert "项目 › 阶段" in page and "应用系统第1项 › 等保级别" in page
    assert "不是可选值" in page and "不能大于 5" in page
    assert "is not one of" not in page and "is greater than" not in page  # no raw jsonschema English
    client.cookies["django_language"] = "en"
    page_en = _page(client.post(URL, {"dossier": bad}))
    assert "applications #1 › MLPS level" in page_en and "Must be at most 5" in page_en
    assert "不能大于" not in page_en


def test_every_schema_field_has_a_label():
    names: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(SCHEMA)
    assert sorted(names - set(FIELD_LABELS)) == []
    assert field_label("documents[2].issuer.level") == ("文件材料第3项 › 出具机关 › 层级", "documents #3 › issuer › level")


def test_every_schema_message_is_bilingual():
    data = {"format": "x", "project": {"name": "", "owner": {"name": "a", "level": "moon"}, "stage": 3, "date": "2026-1-1", "bogus": 1}}
    errors = schema_errors(data)
    assert len(errors) >= 5
    for e in errors:
        assert re.match(r"^[^A-Za-z].*[\u4e00-\u9fff].*[。）] / [A-Z]", e.message), e.message


def test_examples_load_into_the_text_box_and_the_format_is_served(client, divisions, make_user):
    client.force_login(make_user("check_staff4", "department_staff"))
    page = _page(client.get(URL))
    assert "?example=county-needs.yaml" in page
    assert "egovnet-dossier/1" in client.get(URL, {"example": "county-needs.yaml"}).context["text"]
    assert client.get(URL, {"example": "../../pyproject.toml"}).context["text"] == ""
    fmt = client.get(reverse("policy:dossier_format"))
    assert fmt.status_code == 200 and "egovnet-dossier/1" in fmt.content.decode()
    schema = client.get(reverse("policy:dossier_format"), {"schema": 1}).json()
    assert schema["properties"]["format"] == {"const": "egovnet-dossier/1"}
