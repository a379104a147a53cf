"""``egovnet check-dossier FILE``: the dossier self-check as a command, without Django.

A dossier check reads a file, the packaged division table (``egovnet.policy.divisions``) and the rule packs; it
needs neither a database, nor settings, nor a secret key. The console script (``egovnet.cli``) therefore runs
this module before Django is configured, which saves the whole ``django.setup()`` (about 0.9 s, see
benchmarks/check_dossier.py), and the management command of the same name delegates here, so both print the
same text, JSON and exit codes. The parser accepts Django's default command options (``-v``, ``--no-color`` …)
and ignores them, so command lines written for the management command keep working.

Exit codes: 0 the gate can be passed, or no policy pack applies on the project's date; 1 blocked; 2 invalid input
(the message names the field path) or an unknown ``--gate``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

PROG = "egovnet check-dossier"
HELP = (
    "自查项目材料（egovnet-dossier/1）是否可以通过当前阶段关口 / Self-check a project dossier against the "
    "gate of its current stage. Exit 0: the gate can be passed, or no policy pack applies on project.date "
    "(e.g. before the notice of {effective_from}: nothing to judge, no findings); 1: blocked; "
    "2: invalid input."
)

Write = Callable[[str], Any]


def help_text() -> str:
    from egovnet.policy.packs.ndrc_2012_1986.pack import PACK as NDRC_1986

    return HELP.format(effective_from=NDRC_1986.effective_from)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's own options (shared with the management command)."""
    parser.add_argument("file", help="dossier file (YAML or JSON); '-' reads standard input")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--gate", help="judge this gate (or '+'-joined union) instead of the stage's gate")
    parser.add_argument("--verbose-findings", action="store_true", help="also list not-applicable findings")


def _add_django_default_options(parser: argparse.ArgumentParser) -> None:
    """The options every Django command accepts, in Django's order: accepted (so usage and help read the same as
    the management command's) and without effect on a dossier check."""
    parser.add_argument("--version", action=_DjangoVersion)
    parser.add_argument(
        "-v",
        "--verbosity",
        default=1,
        type=int,
        choices=[0, 1, 2, 3],
        help="Verbosity level; 0=minimal output, 1=normal output, 2=verbose output, 3=very verbose output",
    )
    parser.add_argument("--settings", help="Ignored: a dossier check needs no Django settings.")
    parser.add_argument("--pythonpath", help="Ignored: a dossier check needs no Django settings.")
    parser.add_argument("--traceback", action="store_true", help="Raise on CommandError exceptions.")
    parser.add_argument("--no-color", action="store_true", help="Don't colorize the command output.")
    parser.add_argument("--force-color", action="store_true", help="Force colorization of the command output.")
    parser.add_argument("--skip-checks", action="store_true", help="Skip system checks.")


class _DjangoVersion(argparse.Action):
    """``--version`` prints Django's version, as every management command does; looked up only when asked for
    (``importlib.metadata`` alone costs more than the rest of the parser)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(
            option_strings, dest=dest, default=default, nargs=0, help=help or "Show program's version number and exit."
        )

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import PackageNotFoundError, version

        try:
            text = version("django")
        except PackageNotFoundError:  # pragma: no cover - Django is a dependency
            text = "unknown"
        sys.stdout.write(f"{text}\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=help_text())
    add_arguments(parser)
    _add_django_default_options(parser)
    return parser


def main(argv: list[str]) -> int:
    """Entry point of the console script (``egovnet check-dossier …``): no Django is imported."""
    options = vars(build_parser().parse_args(argv))
    return run(options, out=sys.stdout.write, err=sys.stderr.write)


def run(options: Mapping[str, Any], *, out: Write, err: Write) -> int:
    """Check the dossier named in ``options`` and write the report; returns the exit code."""
    from egovnet.policy.dossier import DossierError, check_dossier
    from egovnet.policy.dossier.render import render_text

    try:
        data = load(options["file"])
        report = check_dossier(data, gate=options.get("gate"))
    except DossierError as exc:
        _invalid(exc, options["format"], out=out, err=err)
        return 2
    except ValueError as exc:  # unknown --gate
        err(f"{PROG}: {exc}\n")
        return 2
    if options["format"] == "json":
        out(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        out(render_text(report, verbose=options.get("verbose_findings", False)))
    return report.exit_code


def load(name: str) -> Any:
    """The parsed YAML (or JSON) of a file, or of standard input for ``-``; a :class:`DossierError` otherwise."""
    import yaml

    from egovnet.policy.dossier import DossierError, FieldError

    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise DossierError([FieldError("(file)", f"cannot read / 无法读取: {exc}")]) from None
    try:
        return yaml.load(text, Loader=yaml.CSafeLoader)  # libyaml: the parse is a fraction of the pure-Python one
    except (AttributeError, yaml.YAMLError):  # no libyaml, or an error: the pure-Python loader words the message
        pass
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DossierError([FieldError("(file)", f"not valid YAML/JSON / 不是有效的YAML或JSON: {exc}")]) from None


def _invalid(exc: Any, fmt: str, *, out: Write, err: Write) -> None:
    if fmt == "json":
        payload = {
            "format": "egovnet-check/1",
            "valid": False,
            "errors": [{"path": e.path, "message": e.message} for e in exc.errors],
        }
        out(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    err("材料无效 / invalid dossier:\n")
    for e in exc.errors:
        err(f"  {e.path}: {e.message}\n")
