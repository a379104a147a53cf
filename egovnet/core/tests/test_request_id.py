"""X-Request-ID: a client's value is kept only when well-formed; otherwise a fresh id replaces it everywhere."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from egovnet.core.choices import Role
from egovnet.core.models import AuditEntry
from egovnet.core.tests import factories as f

URL = "/api/core/token/"


@pytest.fixture
def staff(db):
    cache.clear()
    f.divisions()
    return f.make_user("rid-staff", role=Role.DEPARTMENT_STAFF, org_scope=f.make_org("甲部"))


def _login_with_request_id(value: str):
    response = APIClient().post(
        URL, {"username": "rid-staff", "password": f.PASSWORD}, format="json", HTTP_X_REQUEST_ID=value
    )
    assert response.status_code == 201
    return response, AuditEntry.objects.order_by("-seq").first()


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "abc\r\nlevel=ERROR forged=1",
        "=HYPERLINK(\"http://x\")",
        "a" * 65,
        "请求编号",
        "id with spaces",
    ],
)
def test_malformed_request_id_is_replaced_never_stored(staff, hostile):
    response, entry = _login_with_request_id(hostile)
    assert entry.request_id != hostile and hostile[:64] != entry.request_id
    assert re.fullmatch(r"[0-9a-f]{32}", entry.request_id)
    assert response["X-Request-ID"] == entry.request_id


def test_well_formed_request_id_is_kept(staff):
    response, entry = _login_with_request_id("lb-7f3a.2026_12-03")
    assert entry.request_id == "lb-7f3a.2026_12-03" == response["X-Request-ID"]
