"""egovnet backup [FILE]: write a consistent snapshot (database, media, audit chain head)."""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from egovnet.core.backup import BackupError, write_snapshot


class Command(BaseCommand):
    help = "Write a consistent snapshot of the database, the media files and the audit chain head to one .tar file."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="snapshot file (default: EGOVNET_DATA_DIR/backups/egovnet-<UTC time>.tar)"
        )

    def handle(self, *args, **opts):
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        target = Path(opts["file"] or Path(settings.DATA_DIR) / "backups" / f"egovnet-{stamp}.tar")
        try:
            manifest = write_snapshot(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"备份已写入 snapshot written: {target} ({manifest['vendor']}, {rows} rows, "
            f"{manifest['audit']['entries']} audit entries)"
        )
