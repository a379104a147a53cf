"""The UI shell: one highlighted navigation item, /favicon.ico, one log line (no traceback) for a 403."""

from __future__ import annotations

import io
import logging
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _active_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" class="active" aria-current="page">', html)


def test_only_the_most_specific_navigation_item_is_highlighted(make_user):
    client = Client()
    client.force_login(make_user("nav_admin", "admin"))
    assert _active_links(client.get("/tasks/notifications/").content.decode()) == ["/tasks/notifications/"]
    assert _active_links(client.get("/tasks/").content.decode()) == ["/tasks/"]
    assert _active_links(client.get("/projects/").content.decode()) == ["/projects/"]
    assert _active_links(client.get("/").content.decode()) == ["/"]


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_a_403_is_logged_as_one_line_without_traceback(make_user):
    from egovnet.core.log_filters import NoTracebackFor403

    console = next(h for h in logging.getLogger().handlers if any(isinstance(f, NoTracebackFor403) for f in h.filters))
    client = Client()
    client.force_login(make_user("nav_viewer", "viewer"))
    stream = io.StringIO()
    previous = console.setStream(stream)
    try:
        assert client.get("/core/users/").status_code == 403
    finally:
        console.setStream(previous)
    err = stream.getvalue()
    assert "Forbidden (Permission denied): /core/users/" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_console_handler_carries_the_filter():
    from django.conf import settings

    assert "no_403_traceback" in settings.LOGGING["handlers"]["console"]["filters"]
