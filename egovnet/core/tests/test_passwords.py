"""Passwords: Argon2 in every mode but the test run, older hashes upgraded at sign-in, government-grade rules."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from egovnet.core.choices import Role
from egovnet.core.tests import factories as f
from egovnet.demo.loader import DEMO_PASSWORD

from ._settings_probe import mode_env, probe

HASH_PROBE = """
from django.contrib.auth.hashers import make_password
out = {"hashers": settings.PASSWORD_HASHERS, "hash": make_password("Zhengwu-Wai-2026")}
"""


@pytest.mark.parametrize("mode", ["production", "demo"])
def test_argon2_hashes_passwords_outside_the_test_run(tmp_path, mode):
    out = probe(HASH_PROBE, mode_env(tmp_path, mode))
    assert out["hashers"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert out["hash"].startswith("argon2$argon2id$")
    assert "django.contrib.auth.hashers.MD5PasswordHasher" not in out["hashers"]


def test_test_run_keeps_the_production_hashers_after_its_fast_one():
    assert django_settings.PASSWORD_HASHERS[1:] == django_settings.PRODUCTION_PASSWORD_HASHERS


@pytest.mark.django_db
def test_an_old_pbkdf2_hash_still_signs_in_and_is_upgraded_to_argon2(settings):
    settings.PASSWORD_HASHERS = settings.PRODUCTION_PASSWORD_HASHERS
    f.divisions()
    user = f.make_user("old-hash", role=Role.VIEWER)
    user.password = make_password(f.PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    response = Client().post("/accounts/login/", {"username": "old-hash", "password": f.PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("Ab1!short", "too short (< 12)"),
        ("zhengwuwaiwangmima", "one character class"),
        ("zhengwu-waiwang", "two character classes"),
        ("Password1234", "common"),
        ("398475610293847", "numeric"),
        ("Zhang.Wei.1983", "like the username"),
    ],
)
@pytest.mark.django_db
def test_weak_passwords_are_refused(password, why):
    f.divisions()
    user = f.make_user("zhang.wei.1983", role=Role.VIEWER)
    with pytest.raises(ValidationError):
        validate_password(password, user)


@pytest.mark.django_db
def test_good_and_demo_passwords_pass():
    f.divisions()
    user = f.make_user("li.na", role=Role.VIEWER)
    validate_password("Zhengwu-Wai-2026", user)
    validate_password(DEMO_PASSWORD, user)
