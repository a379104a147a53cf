"""``egovnet import FILE --registry organisations|networks|systems|migration-items|budget-lines [--dry-run] [--actor USERNAME]``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from egovnet.exchange.annotate import annotated_workbook
from egovnet.exchange.importers import all_specs, get_spec, run_import
from egovnet.exchange.importers.reader import FileFormatError

from ._common import StderrProgress, resolve_actor

PRINTED_ERRORS = 50  # the first errors; the rest are summarised (all of them are in the --annotate workbook)


class Command(BaseCommand):
    help = "Import a registry from .xlsx / .csv: all rows validated first, all-or-nothing, audited."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--registry", required=True, choices=[s.name for s in all_specs() if s.importable])
        parser.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
        parser.add_argument("--actor", help="username the rows are written as (authorized and audited as)")
        parser.add_argument("--format", choices=["xlsx", "csv"], help="default: from the file suffix")
        parser.add_argument("--annotate", help="on errors, write the annotated workbook to this .xlsx path")
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, **opts) -> None:
        spec, actor = get_spec(opts["registry"]), resolve_actor(opts["actor"])
        if not actor.is_active:
            raise CommandError(
                "请用 --actor 指定导入人（按其角色和管辖范围授权并审计） / give --actor USERNAME: "
                "rows are authorized and audited as that user"
            )
        progress = None if opts["quiet"] else StderrProgress(self.stderr._out)
        try:
            report = run_import(
                opts["file"], spec, actor=actor, dry_run=opts["dry_run"], fmt=opts["format"], progress=progress
            )
        except (FileFormatError, OSError) as exc:
            raise CommandError(f"无法读取文件 cannot read {opts['file']}: {exc}") from None
        for error in report.errors[:PRINTED_ERRORS]:
            self.stdout.write(f"第 {error.row} 行 row {error.row} · {error.column or '-'} · {error.message}")
        if report.error_count > PRINTED_ERRORS:
            rest = report.error_count - PRINTED_ERRORS
            self.stdout.write(
                f"……另有 {rest} 处错误未列出（用 --annotate 输出标注全部错误的工作簿）"
                f" / … and {rest} more error(s) not listed (--annotate writes a workbook marking all of them)"
            )
        if opts["dry_run"]:
            for sample in report.samples:
                changes = "; ".join(f"{k}: {a or ''} → {b or ''}" for k, (a, b) in sample.diff.items())
                self.stdout.write(f"{sample.action} row {sample.row} id {sample.pk or '-'}: {changes}")
        self.stdout.write(report.summary())
        if not report.ok:
            if opts["annotate"]:
                errors = [e.__dict__ for e in report.errors]
                annotated_workbook(opts["file"], opts["format"] or _fmt(opts["file"]), spec, errors, opts["annotate"])
                self.stdout.write(f"标注工作簿 annotated workbook: {opts['annotate']}")
            raise CommandError(
                f"{report.error_count} 处错误，未导入任何行 / {report.error_count} error(s): nothing imported"
            )


def _fmt(path: str) -> str:
    return "csv" if path.lower().endswith((".csv", ".txt")) else "xlsx"
