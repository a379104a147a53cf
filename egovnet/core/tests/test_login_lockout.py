"""Login lockout (django-axes): per account and per client, on the web sign-in and on the API token endpoint."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from egovnet.core.choices import Role
from egovnet.core.tests import factories as f

LOGIN, TOKEN = "/accounts/login/", "/api/core/token/"


@pytest.fixture
def users(db, settings):
    settings.AXES_FAILURE_LIMIT = 5
    cache.clear()  # the token endpoint's DRF throttle counts in the cache
    f.divisions()
    org = f.make_org("甲部")
    return f.make_user("lock-a", role=Role.DEPARTMENT_STAFF, org_scope=org), f.make_user(
        "lock-b", role=Role.DEPARTMENT_STAFF, org_scope=org
    )


def _web(username: str, password: str, ip: str = "10.0.0.1"):
    return Client(REMOTE_ADDR=ip).post(LOGIN, {"username": username, "password": password})


def _api(username: str, password: str, ip: str = "10.0.0.1"):
    return APIClient(REMOTE_ADDR=ip).post(TOKEN, {"username": username, "password": password}, format="json")


def test_web_login_locks_the_account_after_the_limit_even_with_the_right_password(users):
    answers = [_web("lock-a", "wrong", ip=f"10.0.1.{i}").status_code for i in range(20)]
    assert answers[:4] == [200] * 4  # the form again, with its error
    assert set(answers[4:]) == {429}  # the 5th failure locks
    locked = _web("lock-a", f.PASSWORD, ip="10.0.2.1")  # another client, the right password: still locked
    assert locked.status_code == 429 and "锁定" in locked.content.decode() and "locked" in locked.content.decode()
    assert "_auth_user_id" not in locked.wsgi_request.session
    assert _web("lock-b", f.PASSWORD, ip="10.0.2.1").status_code == 302  # other accounts are unaffected


def test_web_login_locks_the_client_that_tries_many_accounts(users):
    assert [_web(f"nobody-{i}", "wrong", ip="10.9.9.9").status_code for i in range(5)] == [200] * 4 + [429]
    assert _web("lock-b", f.PASSWORD, ip="10.9.9.9").status_code == 429  # this client is locked
    assert _web("lock-b", f.PASSWORD, ip="10.9.9.8").status_code == 302  # the account itself is not


def test_token_endpoint_is_locked_too_and_answers_json(users):
    assert [_api("lock-a", "wrong", ip=f"10.0.3.{i}").status_code for i in range(5)] == [400] * 4 + [429]
    locked = _api("lock-a", f.PASSWORD, ip="10.0.4.1")
    assert locked.status_code == 429
    body = locked.json()
    assert body["code"] == "login_locked" and "锁定" in body["detail"] and "GB/T 22239" in body["detail"]


def test_failures_on_web_and_api_add_up(users):
    for i in range(3):
        _web("lock-a", "wrong", ip=f"10.0.5.{i}")
    for i in range(2):
        _api("lock-a", "wrong", ip=f"10.0.6.{i}")
    assert _api("lock-a", f.PASSWORD, ip="10.0.7.1").status_code == 429


def test_limit_is_configurable(users, settings):
    settings.AXES_FAILURE_LIMIT = 2
    assert [_web("lock-a", "wrong", ip=f"10.0.8.{i}").status_code for i in range(3)] == [200, 429, 429]


def test_success_below_the_limit_resets_the_count(users):
    for i in range(4):
        _web("lock-a", "wrong", ip=f"10.0.9.{i}")
    assert _web("lock-a", f.PASSWORD, ip="10.0.9.9").status_code == 302
    assert [_web("lock-a", "wrong", ip=f"10.0.10.{i}").status_code for i in range(4)] == [200] * 4


def test_behind_the_operators_proxy_each_forwarded_client_is_counted_apart(users, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.254"]

    def via_proxy(username: str, password: str, client: str):
        return Client(REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR=client).post(
            LOGIN, {"username": username, "password": password}
        )

    assert [via_proxy(f"x{i}", "wrong", "192.0.2.7").status_code for i in range(5)][-1] == 429
    assert via_proxy("lock-b", f.PASSWORD, "192.0.2.8").status_code == 302  # another client behind the proxy
    # Not from the proxy: a forged header does not choose the address counted.
    forged = [
        Client(REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
        .post(LOGIN, {"username": f"y{i}", "password": "wrong"})
        .status_code
        for i in range(5)
    ]
    assert forged[-1] == 429
