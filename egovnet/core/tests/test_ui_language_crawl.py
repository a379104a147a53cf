"""Every main page, as each demo role, in both languages: no raw code, id or stray English on the page.

The demo dataset is loaded once; each role signs in and every page of the list below (plus the first detail
page linked from each list) is fetched in 简体中文 and in English. By default (CI) the crawl covers every page
as the administrator, who sees them all, in both languages (about a minute); set
``EGOVNET_CRAWL_ROLES=all`` (or a comma-separated list) to crawl as every demo role (a few minutes). The visible text (scripts, styles, code and
form controls excluded) must not contain a known pattern of leaked internals. The patterns are kept tight:
each one is something a user should never read.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from egovnet.demo.loader import load_demo

ROLES = [
    "admin", "ministry_staff", "ministry_lead", "ndrc_reviewer", "gd_drc", "mps_officer", "napss_officer",
    "coord_officer", "extranet_officer", "mof_officer", "agency", "expert", "auditor", "viewer",
]
PAGES = [
    "/", "/projects/", "/tasks/", "/tasks/notifications/", "/orgs/", "/networks/", "/systems/", "/geo/divisions/",
    "/policy/rules/", "/policy/findings/", "/policy/sweeps/", "/policy/check/", "/reports/", "/reports/capacity/",
    "/migration/", "/migration/progress/", "/migration/proposals/", "/migration/what-if/", "/migration/overdue/",
    "/migration/without-plan/", "/migration/new-networks/", "/migration/budget-lines/", "/exchange/import/",
    "/core/audit/", "/core/users/",
]
# (list page, link pattern): the first such link found on the list page is crawled too.
DETAILS = [
    ("/projects/", r"^/projects/\d+/$"),
    ("/projects/", r"^/projects/\d+/edit/$"),
    ("/orgs/", r"^/orgs/\d+/$"),
    ("/networks/", r"^/networks/\d+/$"),
    ("/systems/", r"^/systems/\d+/$"),
    ("/migration/", r"^/migration/plans/\d+/$"),
    ("/migration/proposals/", r"^/migration/proposals/\d+/$"),
    ("/policy/sweeps/", r"^/policy/sweeps/\d+/$"),
    ("/core/users/", r"^/core/users/\d+/$"),
]

# Patterns that must never be visible, in either language.
ALWAYS = {
    "gate id": re.compile(r"\bG-[A-Z]{2,}(?:-[A-Z]+)*\b"),
    "outcome or strength enum": re.compile(r"\b(?:not_applicable|IN_PRINCIPLE|MUST|SHOULD|INFO)\b"),
    "internal object id": re.compile(r"(?<![A-Za-z0-9_-])(?:sys|app|doc|lp|net|org)-\d+(?!\d)"),
    "division code inside a sentence": re.compile(r"[\u4e00-\u9fff]\d{6}(?!\d)|(?<!\d)\d{6}[\u4e00-\u9fff]"),
    "app_label.model:id": re.compile(r"\b[a-z]+\.[a-z]+:\d+\b"),
    "python dict or list rendering": re.compile(r"\{'|\{\"|\['|\b[a-z_]+: [^ ]+ [a-z_]+: "),
    "snake_case identifier": re.compile(r"\b[a-z]+_[a-z]+(?:_[a-z]+)*\b"),
}
# In Chinese pages only: four or more English words in a row (a sentence or a doubled label).
ZH_ONLY = {
    "English words in a Chinese page": re.compile(r"\b[A-Za-z]{2,}(?:[ ,/:'-]+[A-Za-z]{2,}){3,}\b"),
    "doubled label (中文 English)": re.compile(
        r"^[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*\s(?!(?:Excel|Word|PDF|CSV)$)[A-Z][a-z]+(?:\s[A-Za-z()]+)*$"
    ),
}
# In English pages only: a doubled label, Chinese followed by its English translation or the reverse.
EN_ONLY = {"Chinese text in an English page": re.compile(r"[\u4e00-\u9fff]{2,}\s*(?:/\s*)?[A-Z][a-z]+ [a-z]+")}

SKIPPED_TAGS = {"script", "style", "code", "pre", "textarea", "select", "option", "kbd", "samp", "title"}


class _VisibleText(HTMLParser):
    """The text a reader sees: no scripts/styles/code, nothing inside an element marked ``translate="no"``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS or dict(attrs).get("translate") == "no":
            if tag not in {"input", "br", "img", "meta", "link"}:
                self._skip.append(tag)

    def handle_endtag(self, tag):
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.chunks.append(" ".join(data.split()))


def visible_text(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return parser.chunks


def problems(html: str, lang: str) -> list[str]:
    patterns = ALWAYS | (ZH_ONLY if lang == "zh-hans" else EN_ONLY)
    found = []
    for chunk in visible_text(html):
        for name, pattern in patterns.items():
            match = pattern.search(chunk)
            if match:
                found.append(f"{name}: {match.group(0)!r} in {chunk[:160]!r}")
    return found


def _client(username: str, lang: str) -> Client:
    from django.contrib.auth import get_user_model

    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.force_login(get_user_model().objects.get(username=username))
    client.cookies["django_language"] = lang
    return client


def _details(url: str, html: str) -> list[str]:
    """The first link matching each detail pattern of this list page."""
    found = []
    hrefs = re.findall(r'href="([^"?#]+)"', html)
    for listing, pattern in DETAILS:
        if listing == url:
            found += [href for href in hrefs if re.match(pattern, href)][:1]
    return found


def _crawl(client: Client, lang: str, tag: str) -> list[str]:
    failures, queue, seen = [], list(PAGES), set()
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        queue += _details(url, html)
        failures += [f"[{tag} {url}] {p}" for p in problems(html, lang)]
    return failures


DEFAULT_CRAWL = [("zh-hans", "admin"), ("en", "admin")]


def _plan() -> list[tuple[str, str]]:
    wanted = os.environ.get("EGOVNET_CRAWL_ROLES", "")
    if not wanted:
        return DEFAULT_CRAWL
    roles = ROLES if wanted == "all" else wanted.split(",")
    return [(lang, role) for lang in ("zh-hans", "en") for role in roles]


def test_patterns_catch_what_they_are_meant_to():
    leaked = (
        "<p>下一关口: G-PROPOSAL-DRAFT</p><td>not_applicable</td><td>MUST</td><p>应用sys-9未部署</p>"
        "<p>440000网络3089未纳入</p><p>projects.authorityrequest:24</p><p>name: 一期 until: 2027-03-03</p>"
        "<p>导出 Export the whole registry now</p><label>搜索 Search</label>"
    )
    found = " ".join(problems(leaked, "zh-hans"))
    for name in list(ALWAYS)[:6] + list(ZH_ONLY):
        assert name in found, name
    assert problems("<p>项目建议书报送</p><code>sys-9 G-NEEDS</code><p>代码 440000</p>", "zh-hans") == []
    assert "Chinese text in an English page" in " ".join(problems("<p>首页 Home page</p>", "en"))


@pytest.mark.django_db
def test_every_page_speaks_one_language_without_codes():
    assert load_demo() is True
    failures: list[str] = []
    for lang, role in _plan():
        failures += _crawl(_client(role, lang), lang, f"{lang} {role}")
    unique = sorted(set(failures))
    if os.environ.get("EGOVNET_CRAWL_REPORT"):
        with open(os.environ["EGOVNET_CRAWL_REPORT"], "w", encoding="utf-8") as fh:
            fh.write("\n".join(unique) + "\n")
    assert not unique, f"{len(unique)} problems:\n" + "\n".join(unique[:300])
