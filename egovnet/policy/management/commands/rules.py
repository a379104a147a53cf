"""``egovnet rules list [--format text|json] [--pack ID]``: the rule catalogue."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from egovnet.policy.engine.model import article_zh
from egovnet.policy.engine.registry import all_packs, get_pack
from egovnet.policy.rules_catalogue import render_markdown, rule_as_dict


class Command(BaseCommand):
    help = "列出规则包中的全部规则 / List every rule with article, strength, gates, dates and interpretation."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("action", choices=("list",))
        parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
        parser.add_argument("--pack", help="only this pack (e.g. ndrc-2012-1986)")

    def handle(self, *args, **options):
        try:
            packs = [get_pack(options["pack"])] if options.get("pack") else all_packs()
        except KeyError as exc:
            raise CommandError(str(exc.args[0])) from None
        if options["format"] == "markdown":
            self.stdout.write(render_markdown(packs))
            return
        if options["format"] == "json":
            payload = [
                {
                    "pack": p.id,
                    "title": str(p.title),
                    "effective_from": p.effective_from.isoformat(),
                    "effective_to": p.effective_to.isoformat() if p.effective_to else None,
                    "rules": [rule_as_dict(r, p) for r in p.rules.values()],
                }
                for p in packs
            ]
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for p in packs:
            until = p.effective_to or "—"
            self.stdout.write(f"{p.id}  {p.title}  [{p.effective_from} → {until}]  {len(p.rules)} rules")
            for r in p.rules.values():
                gates = ", ".join(r.gates) or "—"
                status = f" ({r.status})" if r.status != "active" else ""
                self.stdout.write(
                    f"  {r.id:<7} {article_zh(r.article)} {r.clause:<6} {r.strength.value:<12} {gates}{status}"
                )
                self.stdout.write(f"          {r.title.zh} / {r.title.en}")
                if r.interpretation:
                    self.stdout.write(f"          解释 Interpretation: {r.interpretation}")
