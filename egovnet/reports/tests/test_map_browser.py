"""The coverage map in a real headless Chromium (Debian's chromium, driven by Playwright).

Skipped with a reason only when no browser can be found AND the environment variable CI is not set; in CI a
missing browser fails the test.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import time

import pytest
from django.conf import settings
from django.test import Client

from egovnet.networks.choices import ComponentKind
from egovnet.networks.planning.snapshots import coverage_snapshot
from egovnet.orgs.choices import Level
from egovnet.reports.tests.factories import link, platform

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    for candidate in (os.environ.get("EGOVNET_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@contextlib.contextmanager
def _browser_page():
    """Start Chromium only after the database work: Playwright's sync API runs an event loop in this thread,
    and Django refuses ORM calls while one is running."""
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if executable is None or sync_playwright is None:
        reason = "no Chromium at /usr/bin/chromium" if executable is None else "the playwright package is missing"
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run in CI: {reason} (apt-get install chromium; pip install playwright)")
        pytest.skip(f"{reason}; install Debian chromium and the playwright package to run the map test")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_map_renders_with_data_and_drills_down(fast_divisions, planner, live_server):
    backbone = platform(planner, Level.CENTRAL, None, kind=ComponentKind.WAN_BACKBONE)
    hebei = platform(planner, Level.PROVINCIAL, "130000")
    link(planner, backbone, hebei, 1000)
    link(planner, hebei, platform(planner, Level.PREFECTURE, "130100"), 100)
    platform(planner, Level.COUNTY, "130102")
    for day in (dt.date(2015, 12, 31), dt.date(2016, 12, 31)):
        coverage_snapshot(actor=planner, day=day)

    client = Client()
    client.force_login(planner)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    with _browser_page() as page:
        _check_map(page, live_server.url, cookie)


def _wait_until(page, expression: str, timeout_s: float) -> None:
    """Poll with page.evaluate: Playwright's wait_for_function compiles its predicate with eval, which the
    platform's Content-Security-Policy (no 'unsafe-eval') refuses."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(f"() => Boolean({expression})"):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(100)


def _check_map(page, url: str, cookie: str) -> None:
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": url}])
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(f"{url}/reports/")
    _wait_until(page, "window.egovnetMap && (window.egovnetMap.ready || window.egovnetMap.error)", 30)
    assert page.evaluate("window.egovnetMap.error || null") is None, errors
    assert page.locator("#coverage-map canvas").count() >= 1
    series = page.evaluate("""() => {
        const s = window.egovnetMap.chart.getOption().series[0];
        return {name: s.name, n: s.data.length, hebei: s.data.find(d => d.name === '130000'),
                taiwan: s.data.find(d => d.name === '710000'), inset: s.data.find(d => d.name === 'nanhai')};
    }""")
    assert series["name"] == "provinces" and series["n"] == 35  # 34 provinces and the 南海诸岛 inset
    assert series["inset"]["inset"] is True and series["inset"]["label"] == "南海诸岛"
    assert series["hebei"]["covered"] == 1 and series["hebei"]["units"] == 167
    assert series["taiwan"]["excluded"] is True
    history = page.evaluate("window.egovnetMap.history.getOption().series.map(s => s.data.length)")
    assert history == [2, 2, 2]
    assert page.evaluate("window.egovnetMap.history.getOption().xAxis[0].type") == "time"
    labels = page.evaluate("window.egovnetMap.chart.getOption().visualMap[0].formatter(100)")
    assert labels == "100%"
    # A click on 河北 as ECharts delivers it to the chart's handlers.
    page.evaluate("""() => {
        const chart = window.egovnetMap.chart;
        const data = chart.getOption().series[0].data.find(d => d.name === '130000');
        chart.trigger('click', {componentType: 'series', seriesType: 'map', name: '130000', data: data});
    }""")
    _wait_until(page, "window.egovnetMap.chart.getOption().series[0].name === 'prefectures'", 15)
    drilled = page.evaluate("""() => {
        const s = window.egovnetMap.chart.getOption().series[0];
        return {n: s.data.length, sjz: s.data.find(d => d.name === '130100')};
    }""")
    assert drilled["n"] == 11 and drilled["sjz"]["platform"] is True and drilled["sjz"]["covered"] == 1
    assert page.locator("#map-back").is_visible()
    assert not errors, errors
