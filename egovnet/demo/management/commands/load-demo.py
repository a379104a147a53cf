"""``egovnet load-demo``: load the demo dataset (idempotent, all-or-nothing)."""

from django.core.management.base import BaseCommand

from egovnet.demo.loader import load_demo
from egovnet.demo.logins import demo_logins


class Command(BaseCommand):
    help = "载入演示数据 / Load the demo dataset (is_demo=True), one user per role."

    def handle(self, *args, **opts):
        created = load_demo()
        self.stdout.write(
            "已载入演示数据 / demo data loaded" if created else "演示数据已存在 / demo data already present"
        )
        for line in demo_logins():
            self.stdout.write(f"  {line}")
