"""``egovnet check-dossier FILE [--format json|text] [--gate G-…]``: the dossier self-check.

Its own name, so Django's ``check`` (the system checks) is not shadowed. ``egovnet check FILE`` still works
(deprecated, the CLI forwards it here with a note: ``egovnet.cli``).
Exit codes: 0 the gate can be passed, or no policy pack applies on the project's date (a dossier dated before
the notice: valid input, no findings, a message says so); 1 blocked; 2 invalid input (the message names the field
path).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml
from django.core.management.base import BaseCommand

from egovnet.policy.dossier import DossierError, check_dossier
from egovnet.policy.dossier.render import render_text
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK as NDRC_1986


class Command(BaseCommand):
    help = (
        "自查项目材料（egovnet-dossier/1）是否可以通过当前阶段关口 / Self-check a project dossier against the "
        "gate of its current stage. Exit 0: the gate can be passed, or no policy pack applies on project.date "
        f"(e.g. before the notice of {NDRC_1986.effective_from}: nothing to judge, no findings); 1: blocked; "
        "2: invalid input."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="dossier file (YAML or JSON); '-' reads standard input")
        parser.add_argument("--format", choices=("text", "json"), default="text")
        parser.add_argument("--gate", help="judge this gate (or '+'-joined union) instead of the stage's gate")
        parser.add_argument("--verbose-findings", action="store_true", help="also list not-applicable findings")

    def handle(self, *args, **options):
        try:
            data = self._load(options["file"])
            report = check_dossier(data, gate=options.get("gate"))
        except DossierError as exc:
            self._invalid(exc, options["format"])
            raise SystemExit(2) from None
        except ValueError as exc:  # unknown --gate
            self.stderr.write(f"egovnet check-dossier: {exc}")
            raise SystemExit(2) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_text(report, verbose=options["verbose_findings"]), ending="")
        if report.exit_code:
            raise SystemExit(report.exit_code)
        return

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
