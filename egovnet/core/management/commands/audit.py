"""egovnet audit verify | egovnet audit checkpoint [--adopt-legacy] | egovnet audit tail [-n N]"""

from django.core.management.base import BaseCommand, CommandError

from egovnet.core.audit import checkpoint_now, verify_chain, verify_legacy_chain
from egovnet.core.audit_anchor import checkpoint_dir, read_head
from egovnet.core.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the hash-chained audit log against its signed checkpoints, write a checkpoint, or show entries."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        sub.add_parser("verify", help="exit 1 and name the first broken entry if the chain is broken")
        checkpoint = sub.add_parser("checkpoint", help="write a signed checkpoint of the newest entry now")
        checkpoint.add_argument(
            "--adopt-legacy",
            action="store_true",
            help="once, after upgrading: accept the unkeyed hashes written before anchoring (chain verified first)",
        )
        tail = sub.add_parser("tail", help="print the latest entries")
        tail.add_argument("-n", type=int, default=20)

    def handle(self, *args, **opts):
        if opts["sub"] == "verify":
            return self._verify()
        if opts["sub"] == "checkpoint":
            return self._checkpoint(opts["adopt_legacy"])
        for e in AuditEntry.objects.order_by("-seq")[: opts["n"]]:
            self.stdout.write(
                f"#{e.seq} {e.at:%Y-%m-%d %H:%M:%S} {e.actor_name} {e.action} {e.object_type}:{e.object_id} "
                f"{e.object_repr}"
            )
        return None

    def _verify(self) -> None:
        broken = verify_chain()
        if broken:
            raise CommandError(f"审计日志链已被破坏 audit chain broken at entry #{broken.seq}: {broken.problem}")
        count, head = AuditEntry.objects.count(), read_head()
        anchored = f"; signed checkpoint #{head.seq} of {head.at} matches" if head else "; no checkpoint yet"
        self.stdout.write(f"审计日志完整 audit chain intact: {count} entries verified{anchored}")

    def _checkpoint(self, adopt_legacy: bool) -> None:
        if adopt_legacy and (broken := verify_legacy_chain()):
            raise CommandError(f"审计日志链已被破坏，不能采纳 chain broken at #{broken.seq}: nothing adopted")
        if not adopt_legacy and (broken := verify_chain()):
            raise CommandError(
                f"审计日志链已被破坏，不写检查点 audit chain broken at entry #{broken.seq}: {broken.problem}"
            )
        checkpoint = checkpoint_now(adopt_legacy=adopt_legacy)
        if checkpoint is None:
            self.stdout.write("审计日志为空，无需检查点 / the audit log is empty: nothing to anchor")
            return
        self.stdout.write(
            f"检查点已写入 checkpoint written: #{checkpoint.seq} {checkpoint.hash[:16]}… → {checkpoint_dir()}"
        )
