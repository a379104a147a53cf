#!/usr/bin/env python3
"""Screenshots of every main page as each demo role, so the whole UI can be reviewed in minutes.

    egovnet demo --port 8765 &                       # a running demo
    python scripts/screenshots.py --url http://127.0.0.1:8765 --out /tmp/shots [--roles admin,viewer] [--lang en]

Writes ``<out>/<role>/<NN>-<page>.png`` (one file per page, full page up to ``--max-height`` pixels) and
``<out>/index.txt`` (page, HTTP status, page height). Uses Playwright with the system Chromium
(``/usr/bin/chromium`` or ``$EGOVNET_CHROMIUM``); never downloads a browser.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from pathlib import Path

DEMO_PASSWORD = "Egovnet-Demo-2026"
ROLES = [
    "admin", "ministry_staff", "ministry_lead", "ndrc_reviewer", "gd_drc", "mps_officer", "napss_officer",
    "coord_officer", "extranet_officer", "mof_officer", "agency", "expert", "auditor", "viewer",
]
PAGES = [
    ("home", "/"),
    ("projects", "/projects/"),
    ("project", "first:/projects/:/projects/\\d+/$"),
    ("project-edit", "first:/projects/:/projects/\\d+/edit/$"),
    ("inbox", "/tasks/"),
    ("notifications", "/tasks/notifications/"),
    ("orgs", "/orgs/"),
    ("org", "first:/orgs/:/orgs/\\d+/$"),
    ("networks", "/networks/"),
    ("network", "first:/networks/:/networks/\\d+/$"),
    ("systems", "/systems/"),
    ("system", "first:/systems/:/systems/\\d+/$"),
    ("divisions", "/geo/divisions/"),
    ("rules", "/policy/rules/"),
    ("findings", "/policy/findings/"),
    ("sweeps", "/policy/sweeps/"),
    ("check", "/policy/check/"),
    ("reports", "/reports/"),
    ("capacity", "/reports/capacity/"),
    ("migration", "/migration/"),
    ("migration-plan", "first:/migration/:/migration/plans/\\d+/$"),
    ("migration-progress", "/migration/progress/"),
    ("proposals", "/migration/proposals/"),
    ("proposal", "first:/migration/proposals/:/migration/proposals/\\d+/$"),
    ("what-if", "/migration/what-if/"),
    ("import", "/exchange/import/"),
    ("audit", "/core/audit/"),
    ("users", "/core/users/"),
]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def _chromium() -> str:
    for candidate in (os.environ.get("EGOVNET_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    sys.exit("no Chromium found (apt-get install chromium, or set EGOVNET_CHROMIUM)")


def _resolve(page, base: str, spec: str) -> str | None:
    """A fixed path, or ``first:<list>:<regex>``: the first link on the list page matching the regex."""
    if not spec.startswith("first:"):
        return spec
    _, listing, pattern = spec.split(":", 2)
    page.goto(base + listing)
    for href in page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))"):
        if href and re.match(pattern, href):
            return href
    return None


def _login(page, base: str, username: str, lang: str) -> None:
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button[type=submit].btn-primary")
    page.wait_for_load_state()


def shoot(base: str, out: Path, roles: list[str], lang: str, max_height: int, only: set[str]) -> list[str]:
    from playwright.sync_api import sync_playwright

    lines = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN" if lang != "en" else "en")
        for role in roles:
            _login(page, base, role, lang)
            folder = out / role
            folder.mkdir(parents=True, exist_ok=True)
            for n, (name, spec) in enumerate(PAGES, 1):
                if only and name not in only:
                    continue
                path = _resolve(page, base, spec)
                if path is None:
                    continue
                response = page.goto(base + path)
                page.wait_for_load_state("networkidle")
                height = page.evaluate("document.documentElement.scrollHeight")
                target = folder / f"{n:02d}-{name}.png"
                clip = None if height <= max_height else {"x": 0, "y": 0, "width": 1440, "height": max_height}
                page.screenshot(path=str(target), full_page=True, clip=clip)
                lines.append(f"{target}\t{path}\t{response.status if response else '-'}\t{height}px")
        browser.close()
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8765")
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    parser.add_argument("--lang", default="zh-hans", choices=["zh-hans", "en"])
    parser.add_argument("--max-height", type=int, default=6000)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    only = {p for p in args.pages.split(",") if p}
    lines = shoot(args.url.rstrip("/"), out, args.roles.split(","), args.lang, args.max_height, only)
    (out / "index.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
