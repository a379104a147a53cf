"""``egovnet generate --scale national --seed N``: fill a database with the synthetic national dataset."""

from django.core.management.base import BaseCommand, CommandError

from egovnet.demo.actor import trusted_system_actor
from egovnet.demo.generate import SCALES, GenerateRefused, generate
from egovnet.geo.models import Division
from egovnet.geo.services import divisions_load


class Command(BaseCommand):
    help = (
        "生成全国规模合成数据（确定性，is_demo）/ Generate the deterministic synthetic national dataset "
        "(~100k organisations, ~200k application systems, dedicated networks)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="national")
        parser.add_argument("--seed", type=int, required=True, help="same seed + same database → same data")
        parser.add_argument("--orgs", type=int, help="number of organisations (default by scale)")
        parser.add_argument("--systems", type=int, help="number of application systems (default by scale)")
        parser.add_argument("--force", action="store_true", help="run even if non-demo or generated data exists")

    def handle(self, *args, **opts):
        for name in ("orgs", "systems"):
            if opts[name] is not None and opts[name] < 1:
                raise CommandError(f"--{name}: 必须为正整数 / must be a positive integer (got {opts[name]})")
        actor = trusted_system_actor()
        if not Division.objects.exists():
            divisions_load(actor=actor)
        try:
            report = generate(
                actor=actor,
                seed=opts["seed"],
                scale=opts["scale"],
                orgs=opts["orgs"],
                systems=opts["systems"],
                force=opts["force"],
            )
        except GenerateRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"已生成 generated: {report.organisations} organisations, {report.networks} networks, "
            f"{report.systems} systems (seed {report.seed}, {report.scale}) in {report.seconds['total']} s "
            f"(plan {report.seconds['plan']} s, write {report.seconds['write']} s); digest {report.digest[:16]}"
        )
