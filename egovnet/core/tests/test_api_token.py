"""API tokens: obtained with a password, used as a bearer of the user's own scope, rotated, revoked, audited."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from egovnet.core.choices import Role
from egovnet.core.models import AuditEntry
from egovnet.core.tests import factories as f
from egovnet.core.tokens import OBJECT_TYPE, issue_token, revoke_token

URL = "/api/core/token/"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


@pytest.fixture
def staff(db):
    f.divisions()
    org = f.make_org("甲部")
    return f.make_user("token-staff", role=Role.DEPARTMENT_STAFF, org_scope=org)


def test_password_gives_a_token_that_authenticates_with_the_users_scope(staff):
    anon = APIClient()
    r = anon.post(URL, {"username": "token-staff", "password": f.PASSWORD}, format="json")
    assert r.status_code == 201 and r.json()["username"] == "token-staff"
    key = r.json()["token"]
    bearer = APIClient()
    bearer.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    me = bearer.get("/api/core/users/me/")
    assert me.status_code == 200 and me.json()["username"] == "token-staff"
    entry = AuditEntry.objects.filter(object_type=OBJECT_TYPE).latest("seq")
    assert entry.actor_id == staff.pk and key not in str(entry.after) + entry.object_repr


def test_wrong_password_gives_nothing_and_guessing_is_throttled(staff):
    anon = APIClient()
    bad = anon.post(URL, {"username": "token-staff", "password": "nope"}, format="json")
    assert bad.status_code == 400 and "密码" in bad.json()["detail"] and not Token.objects.exists()
    assert anon.post(URL, {"username": "token-staff"}, format="json").json()["password"]  # names the field
    codes = [anon.post(URL, {"username": "token-staff", "password": "x"}, format="json").status_code for _ in range(12)]
    assert codes[-1] == 429


def test_a_new_token_rotates_the_old_one_and_delete_revokes(staff):
    first = issue_token(actor=staff, user=staff)
    second = issue_token(actor=staff, user=staff)
    assert first != second and list(Token.objects.values_list("key", flat=True)) == [second]
    old = APIClient()
    old.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    refused = old.get("/api/core/users/me/")  # 403: session authentication comes first (no challenge header)
    assert refused.status_code == 403 and "令牌" in refused.json()["detail"]  # DRF: "认证令牌无效。"
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {second}")
    assert client.delete(URL).status_code == 204 and not Token.objects.exists()
    assert client.get("/api/core/users/me/").status_code == 403
    actions = list(AuditEntry.objects.filter(object_type=OBJECT_TYPE).order_by("seq").values_list("action", flat=True))
    assert actions == ["create", "update", "delete"]


def test_only_the_user_or_a_national_admin_manages_a_token(staff):
    other = f.make_user("token-other", role=Role.DEPARTMENT_STAFF, org_scope=staff.organisation)
    with pytest.raises(PermissionDenied):
        issue_token(actor=other, user=staff)
    admin = f.make_user("token-admin", role=Role.ADMIN)
    assert issue_token(actor=admin, user=staff)
    with pytest.raises(PermissionDenied):
        revoke_token(actor=other, user=staff)
    assert revoke_token(actor=admin, user=staff)


def test_operator_command_issues_and_revokes(staff, capsys):
    call_command("api-token", "token-staff")
    key = capsys.readouterr().out.strip()
    assert Token.objects.get(user=staff).key == key
    call_command("api-token", "token-staff", "--revoke")
    assert "revoked" in capsys.readouterr().out and not Token.objects.exists()
