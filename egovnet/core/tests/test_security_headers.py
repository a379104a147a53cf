"""Content-Security-Policy and Permissions-Policy on every page; no inline script or handler in any template."""

from __future__ import annotations

import re
from collections import Counter, deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

import egovnet
from egovnet.demo.loader import load_demo

TEMPLATE_ROOT = Path(egovnet.__file__).resolve().parent
MAX_PAGES = 300
SKIP = re.compile(r"^/(static/|accounts/logout|i18n/)|/(export|template|download|annotated)/|\.(csv|xlsx|pdf|docx)$")
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)


def _templates() -> list[Path]:
    return sorted(p for p in TEMPLATE_ROOT.rglob("*.html") if "static" not in p.parts)


def test_no_template_contains_inline_script_handler_or_style_element():
    offenders = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for label, pattern in (("inline <script>", INLINE_SCRIPT), ("on*= handler", HANDLER), ("<style>", STYLE_ELEMENT)):
            offenders += [f"{path.relative_to(TEMPLATE_ROOT)}: {label}: {m.group(0)!r}" for m in pattern.finditer(text)]
    assert len(_templates()) > 50 and offenders == []


def test_the_scanner_finds_what_it_looks_for():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>") and INLINE_SCRIPT.search('<script type="module">')
    assert not INLINE_SCRIPT.search('<script src="/static/x.js" defer></script>')
    assert HANDLER.search('<button onclick="go()">') and HANDLER.search("<body onload='x()'>")
    assert not HANDLER.search('<a href="/x" data-confirm="1">')


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/"):
                self.links.append(urlparse(urldefrag(href)[0]).path)  # each page once, not each filter of it


def _directives(header: str) -> dict[str, list[str]]:
    parts = (d.strip().split() for d in header.split(";") if d.strip())
    return {p[0]: p[1:] for p in parts}


def _assert_hardened(url: str, response) -> None:
    csp = _directives(response.get("Content-Security-Policy", ""))
    assert csp.get("script-src") == ["'self'"], url
    assert csp.get("style-src") == ["'self'"] and csp.get("object-src") == ["'none'"], url
    assert csp.get("frame-ancestors") == ["'none'"], url
    assert "camera=()" in response.get("Permissions-Policy", "") and "geolocation=()" in response["Permissions-Policy"]
    html = response.content.decode("utf-8", "replace")
    assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html).group(0))
    assert not HANDLER.search(re.sub(r"<(script|textarea|pre|code)\b.*?</\1>", "", html, flags=re.S | re.I)), url


@pytest.mark.django_db
def test_every_demo_page_as_admin_carries_csp_and_permissions_policy():
    load_demo()
    client = Client()
    assert _assert_hardened("/accounts/login/", client.get("/accounts/login/")) is None
    client.force_login(get_user_model().objects.get(username="admin"))
    seen, kinds, queue, pages = set(), Counter(), deque(["/", "/api/docs/", "/admin/"]), 0
    while queue and pages < MAX_PAGES:
        url = queue.popleft()
        kind = re.sub(r"/\d+/", "/N/", url)  # every kind of page, once
        if url in seen or kinds[kind] >= 1 or SKIP.search(url):
            continue
        seen.add(url)
        kinds[kind] += 1
        response = client.get(url)
        if response.status_code in (301, 302) or "html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        _assert_hardened(url, response)
        parser = _Links()
        parser.feed(response.content.decode("utf-8", "replace"))
        queue.extend(link for link in parser.links if link not in seen)
    print(f"{pages} pages checked")
    assert pages > 60, pages
