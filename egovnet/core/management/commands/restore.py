"""egovnet restore FILE: restore a snapshot, then verify the audit chain, row counts and chain head."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from egovnet.core.backup import BackupError, restore_snapshot


class Command(BaseCommand):
    help = (
        "Restore a snapshot written by `egovnet backup` over this installation (stop the app servers and workers "
        "first), then verify the audit chain and compare row counts with the snapshot. Exits 1 unless all hold."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="snapshot file written by egovnet backup")
        parser.add_argument("--yes", action="store_true", help="confirm that the current data is to be replaced")

    def handle(self, *args, **opts):
        if not opts["yes"]:
            raise CommandError("恢复将覆盖当前数据，请加 --yes 确认 / restore replaces the current data: add --yes")
        try:
            report = restore_snapshot(Path(opts["file"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not report.ok:
            raise CommandError("恢复后校验未通过 restore verification failed:\n  " + "\n  ".join(report.problems))
        self.stdout.write(
            f"恢复完成并已校验 restored and verified: {sum(report.counts.values())} rows, "
            f"{report.audit_entries} audit entries, chain intact"
        )
