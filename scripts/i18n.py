#!/usr/bin/env python3
"""Extract and compile the UI translations (English msgids, 简体中文 catalogues).

    python scripts/i18n.py            # makemessages -l zh_Hans per app and for the project templates, then compile
    python scripts/i18n.py compile    # compile only (msgfmt), e.g. after editing a .po by hand
    python scripts/i18n.py check      # exit 1 if a .mo is missing or older in content than its .po

Each app keeps its own catalogue in ``egovnet/<app>/locale/zh_Hans/LC_MESSAGES/django.po``; the project
templates (``egovnet/templates``) use ``egovnet/locale``. makemessages assigns a file to the first
LOCALE_PATHS entry whose parent contains it, so the script runs it once per app with the app folder as
working directory and LOCALE_PATHS pointing at that app only.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "egovnet"
APPS = ["core", "geo", "orgs", "networks", "systems", "projects", "migration", "policy", "reports", "exchange", "tasks"]
LOCALE = "zh_Hans"


def catalogue_dirs() -> list[tuple[Path, Path, list[str]]]:
    """(working directory, locale directory, ignore patterns) for every catalogue this script manages."""
    out = [(PACKAGE / app, PACKAGE / app / "locale", ["tests/*", "migrations/*"]) for app in APPS]
    out.append((PACKAGE / "templates", PACKAGE / "locale", []))
    return out


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egovnet.settings")
    os.environ.setdefault("EGOVNET_MODE", "dev")
    os.environ.setdefault("EGOVNET_DATA_DIR", str(ROOT / "var"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def make_messages() -> None:
    from django.conf import settings
    from django.core.management import call_command

    saved_cwd, saved_paths = Path.cwd(), list(settings.LOCALE_PATHS)
    try:
        for workdir, locale_dir, ignore in catalogue_dirs():
            locale_dir.mkdir(parents=True, exist_ok=True)
            os.chdir(workdir)
            settings.LOCALE_PATHS = [str(locale_dir)]
            call_command(
                "makemessages",
                locale=[LOCALE],
                ignore_patterns=ignore,
                no_obsolete=True,
                add_location="file",
                verbosity=0,
            )
            print(f"extracted {locale_dir.relative_to(ROOT)}")
    finally:
        os.chdir(saved_cwd)
        settings.LOCALE_PATHS = saved_paths


def po_files() -> list[Path]:
    return sorted(locale / LOCALE / "LC_MESSAGES" / "django.po" for _, locale, _ in catalogue_dirs())


def compile_messages() -> int:
    failed = 0
    for po in po_files():
        if not po.exists():
            continue
        result = subprocess.run(
            ["msgfmt", "--check", "-o", str(po.with_suffix(".mo")), str(po)], capture_output=True, text=True
        )
        if result.returncode:
            failed += 1
            print(f"FAILED {po.relative_to(ROOT)}:\n{result.stderr}", file=sys.stderr)
        else:
            print(f"compiled {po.relative_to(ROOT)}")
    return failed


def parse_po(path: Path) -> dict[str, str]:
    """msgid → msgstr of a .po file (plural forms keyed "msgid\\x00msgid_plural", forms joined by \\x00;
    context as "ctxt\\x04msgid"), the same keys GNU gettext writes into a .mo. Fuzzy entries are skipped."""
    entries: dict[str, str] = {}
    cur: dict[str, list[str]] = {}
    key = ""
    fuzzy = False

    def flush() -> None:
        nonlocal cur, fuzzy
        if "msgid" in cur and not fuzzy:
            msgid = "".join(cur["msgid"])
            if "msgid_plural" in cur:
                msgid += "\x00" + "".join(cur["msgid_plural"])
                forms = sorted(k for k in cur if k.startswith("msgstr["))
                msgstr = "\x00".join("".join(cur[k]) for k in forms)
            else:
                msgstr = "".join(cur.get("msgstr", []))
            if "msgctxt" in cur:
                msgid = "".join(cur["msgctxt"]) + "\x04" + msgid
            if msgstr.replace("\x00", "") and msgid:
                entries[msgid] = msgstr
        cur, fuzzy = {}, False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        if not line or line.startswith("#"):
            if not line:
                flush()
            continue
        if line.startswith('"'):
            cur.setdefault(key, []).append(_unquote(line))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgid", "msgctxt") and "msgid" in cur:
            flush()
        key = keyword
        cur[key] = [_unquote(rest)]
    flush()
    return entries


def _unquote(text: str) -> str:
    import ast

    return ast.literal_eval(text) if text else ""


def mo_catalogue(path: Path) -> dict[str, str]:
    import gettext

    with path.open("rb") as fh:
        translations = gettext.GNUTranslations(fh)
    out: dict[str, str] = {}
    for k, v in translations._catalog.items():  # type: ignore[attr-defined]
        if isinstance(k, tuple):  # plural forms are stored as (msgid, n): compare the first form
            if k[1] == 0:
                out[k[0]] = v
            continue
        if k:
            out[k] = v
    return out


def stale_catalogues() -> list[str]:
    """Catalogues whose .mo is missing or does not hold exactly the .po's translations."""
    problems = []
    for po in po_files():
        if not po.exists():
            problems.append(f"{po.relative_to(ROOT)} is missing")
            continue
        mo = po.with_suffix(".mo")
        if not mo.exists():
            problems.append(f"{mo.relative_to(ROOT)} is missing: run python scripts/i18n.py compile")
            continue
        want = {k.split("\x00")[0]: v.split("\x00")[0] for k, v in parse_po(po).items() if k}
        have = mo_catalogue(mo)
        if {k: v for k, v in want.items()} != {k: have.get(k) for k in want} or set(have) - set(want):
            problems.append(f"{mo.relative_to(ROOT)} is out of date: run python scripts/i18n.py compile")
    return problems


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "all"
    if command == "check":
        problems = stale_catalogues()
        for p in problems:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    if command == "all":
        _setup()
        make_messages()
    return 1 if compile_messages() else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
