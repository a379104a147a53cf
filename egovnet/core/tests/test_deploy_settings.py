"""Production settings from the environment: `check --deploy` clean, DEBUG refused, HTTPS, proxy header, sessions."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from egovnet.core.tests import factories as f

from ._settings_probe import mode_env, probe, run

PRODUCTION = {
    "EGOVNET_HSTS_PRELOAD": "1",
    "EGOVNET_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "EGOVNET_CSRF_TRUSTED_ORIGINS": "https://egovnet.example.gov.cn",
    "EGOVNET_SESSION_MINUTES": "30",
}


def test_deploy_checks_are_clean_in_production_mode(tmp_path):
    done = run(["-m", "django", "check", "--deploy", "--fail-level", "WARNING"], mode_env(tmp_path, **PRODUCTION))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout and "WARNING" not in done.stderr + done.stdout


def test_deploy_checks_do_warn_when_https_is_turned_off(tmp_path):
    done = run(["-m", "django", "check", "--deploy", "--fail-level", "WARNING"], mode_env(tmp_path, EGOVNET_HTTPS="0"))
    assert done.returncode != 0 and "security.W012" in done.stderr + done.stdout  # the check itself is live


def test_production_settings_come_from_the_environment(tmp_path):
    out = probe(
        "out = {k: getattr(settings, k) for k in ['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT',"
        " 'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER', 'CSRF_TRUSTED_ORIGINS', 'SESSION_COOKIE_AGE', 'DEBUG']}",
        mode_env(tmp_path, **PRODUCTION),
    )
    assert out == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "CSRF_TRUSTED_ORIGINS": ["https://egovnet.example.gov.cn"],
        "SESSION_COOKIE_AGE": 1800,
        "DEBUG": False,
    }


def test_proxy_header_is_opt_in(tmp_path):
    out = probe("out = settings.SECURE_PROXY_SSL_HEADER", mode_env(tmp_path))
    assert out is None


def test_debug_is_refused_in_production_mode(tmp_path):
    done = run(["-m", "egovnet.cli", "check"], mode_env(tmp_path, EGOVNET_DEBUG="1"))
    assert done.returncode != 0 and "EGOVNET_DEBUG" in done.stderr and "生产模式" in done.stderr
    assert probe("out = settings.DEBUG", mode_env(tmp_path, "dev", EGOVNET_DEBUG="1")) is True  # dev may debug


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/schema/", "/api/docs/"])
def test_api_schema_and_docs_require_sign_in(url):
    anonymous = APIClient().get(url)
    assert anonymous.status_code in {302, 401, 403}
    assert b"openapi" not in anonymous.content and b"swagger-ui" not in anonymous.content
    f.divisions()
    signed_in = APIClient()
    signed_in.force_login(f.make_user("schema-reader"))
    assert signed_in.get(url).status_code == 200
