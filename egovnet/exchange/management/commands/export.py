"""``egovnet export FILE --registry organisations|networks|systems [--actor USERNAME]`` (.xlsx or .csv by suffix)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from egovnet.exchange.exporters import export_rows, write_csv, write_xlsx
from egovnet.exchange.importers import all_specs, get_spec
from egovnet.exchange.templates import build_template

from ._common import resolve_actor


class Command(BaseCommand):
    help = "Export a registry (redacted for the actor's scope and clearance), or write its import template."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--registry", required=True, choices=[s.name for s in all_specs()])
        parser.add_argument("--actor", help="export as this user (scope and clearance); default: the system actor")
        parser.add_argument("--template", action="store_true", help="write the empty import template instead")

    def handle(self, *args, **opts) -> None:
        spec, path = get_spec(opts["registry"]), opts["file"]
        if opts["template"]:
            build_template(spec, path)
            self.stdout.write(f"模板 template: {path}")
            return
        actor = resolve_actor(opts["actor"])
        if not actor.is_active:
            raise CommandError("导出须指定有效用户 --actor / exports need an active user: give --actor USERNAME")
        rows = export_rows(spec, spec.model.objects.all(), actor)
        count = write_csv(rows, path) if path.lower().endswith(".csv") else write_xlsx(rows, path)
        self.stdout.write(f"{count} 行 rows → {path}")
