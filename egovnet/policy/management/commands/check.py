"""``egovnet check FILE [--format json|text] [--gate G-…]``: the dossier self-check (issue 3 §4).

Overrides Django's built-in ``check``; Django's system check stays reachable as
``egovnet check --system`` (also used when no FILE is given, so ``manage.py test`` keeps working).
Exit codes: 0 the gate can be passed, or no policy pack applies on the project's date (a dossier dated before
the notice: valid input, no findings, a message says so); 1 blocked; 2 invalid input (the message names the field
path).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml
from django.core.management.commands.check import Command as SystemCheckCommand

from egovnet.policy.dossier import DossierError, check_dossier
from egovnet.policy.dossier.render import render_text
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK as NDRC_1986


class Command(SystemCheckCommand):
    help = (
        "自查项目材料（egovnet-dossier/1）是否可以通过当前阶段关口 / Self-check a project dossier against the "
        "gate of its current stage. Exit 0: the gate can be passed, or no policy pack applies on project.date "
        f"(e.g. before the notice of {NDRC_1986.effective_from}: nothing to judge, no findings); 1: blocked; 2: invalid input. "
        "Without FILE, or with --system, runs Django's system checks."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="dossier file (YAML or JSON); '-' reads standard input")
        parser.add_argument("--format", choices=("text", "json"), default="text")
        parser.add_argument("--gate", help="judge this gate (or '+'-joined union) instead of the stage's gate")
        parser.add_argument("--verbose-findings", action="store_true", help="also list not-applicable findings")
        parser.add_argument("--system", action="store_true", help="run Django's system checks instead")
        parser.add_argument("--app", action="append", dest="app_labels", default=[], help="(--system) app label")
        parser.add_argument("--tag", "-t", action="append", dest="tags")
        parser.add_argument("--list-tags", action="store_true")
        parser.add_argument("--deploy", action="store_true")
        parser.add_argument("--fail-level", default="ERROR", choices=["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"])
        parser.add_argument("--database", action="append", dest="databases")

    def handle(self, *args, **options):
        if options["system"] or not options.get("file"):
            options.setdefault("databases", None)
            return super().handle(*(options.get("app_labels") or args), **options)
        try:
            data = self._load(options["file"])
            report = check_dossier(data, gate=options.get("gate"))
        except DossierError as exc:
            self._invalid(exc, options["format"])
            raise SystemExit(2) from None
        except ValueError as exc:  # unknown --gate
            self.stderr.write(f"egovnet check: {exc}")
            raise SystemExit(2) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_text(report, verbose=options["verbose_findings"]), ending="")
        if report.exit_code:
            raise SystemExit(report.exit_code)
        return None

    def _load(self, name: str):
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except OSError as exc:
            raise DossierError([_err("(file)", f"cannot read / 无法读取: {exc}")]) from None
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise DossierError([_err("(file)", f"not valid YAML/JSON / 不是有效的YAML或JSON: {exc}")]) from None

    def _invalid(self, exc: DossierError, fmt: str) -> None:
        if fmt == "json":
            payload = {
                "format": "egovnet-check/1",
                "valid": False,
                "errors": [{"path": e.path, "message": e.message} for e in exc.errors],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        self.stderr.write("材料无效 / invalid dossier:")
        for e in exc.errors:
            self.stderr.write(f"  {e.path}: {e.message}")


def _err(path: str, message: str):
    from egovnet.policy.dossier.validate import FieldError

    return FieldError(path, message)
