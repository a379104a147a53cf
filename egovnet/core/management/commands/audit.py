"""egovnet audit verify | egovnet audit tail [-n N]"""

from django.core.management.base import BaseCommand, CommandError

from egovnet.core.audit import verify_chain
from egovnet.core.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the hash-chained audit log, or show its latest entries."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        sub.add_parser("verify", help="exit 1 and name the first broken entry if the chain is broken")
        tail = sub.add_parser("tail", help="print the latest entries")
        tail.add_argument("-n", type=int, default=20)

    def handle(self, *args, **opts):
        if opts["sub"] == "verify":
            broken = verify_chain()
            if broken:
                raise CommandError(f"审计日志链已被破坏 audit chain broken at entry #{broken.seq}: {broken.problem}")
            count = AuditEntry.objects.count()
            self.stdout.write(f"审计日志完整 audit chain intact: {count} entries verified")
            return
        for e in AuditEntry.objects.order_by("-seq")[: opts["n"]]:
            self.stdout.write(
                f"#{e.seq} {e.at:%Y-%m-%d %H:%M:%S} {e.actor_name} {e.action} {e.object_type}:{e.object_id} "
                f"{e.object_repr}"
            )
