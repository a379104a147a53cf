"""egovnet capacity [--format text|json] [--what-if FILE] [--include-planned] [--limit N]

Classified names are always redacted here (the CLI has no cleared reader); see ``systems.queries``.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from egovnet.networks.planning.hotspots import capacity_report


def _read_what_if(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CommandError(f"--what-if: {path} does not exist / 文件不存在") from exc
    except json.JSONDecodeError as exc:
        raise CommandError(f"--what-if: {path} is not valid JSON (line {exc.lineno}) / 不是有效的 JSON") from exc


def _line(r: dict) -> str:
    util = "—" if r["utilisation_percent"] is None else f"{r['utilisation_percent']:.1f}%"
    flag = " OVER" if r["oversubscribed"] else ""
    top = ", ".join(f"{t['name']} {t['mbps']:g}" for t in r["top_systems"])
    delta = f" Δ{r['delta_mbps']:+g}" if "delta_mbps" in r else ""
    return (
        f"link {r['link']} {r['a']} ↔ {r['b']}: {r['demand_mbps']:g}/{r['capacity_mbps'] or '—'} Mbps "
        f"{util}{delta}{flag}" + (f" [{top}]" if top else "")
    )


class Command(BaseCommand):
    help = "Article-6 capacity: extranet demand routed over the topology, per link, with a what-if."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--what-if", type=Path, default=None, help="JSON file {add, move, remove}")
        parser.add_argument("--include-planned", action="store_true", help="route over planned links too")
        parser.add_argument("--limit", type=int, default=20, help="links shown in text output")

    def handle(self, *args, **opts):
        what_if = _read_what_if(opts["what_if"]) if opts["what_if"] else None
        try:
            report = capacity_report(None, what_if=what_if, include_planned=opts["include_planned"])
        except ValidationError as exc:
            msg = "; ".join(f"{k}: {', '.join(v)}" for k, v in exc.message_dict.items())
            raise CommandError(f"--what-if: {msg}") from exc
        if opts["format"] == "json":
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=1))
            return
        self.stdout.write(
            f"capacity: {len(report['links'])} links, {len(report['oversubscribed'])} over-subscribed; "
            f"{report['systems_routed']} systems routed ({report['systems_partially_routed']} partly: "
            f"{report['destinations_unreachable']} destinations unreachable), {report['systems_unroutable']} "
            f"unroutable, {report['systems_without_bandwidth']} without a bandwidth figure"
        )
        for r in report["links"][: opts["limit"]]:
            self.stdout.write(_line(r))
        if what_if is not None:
            w = report["what_if"]
            self.stdout.write(
                f"what-if: {len(w['oversubscribed'])} over-subscribed, "
                f"newly over-subscribed links {w['newly_oversubscribed']}"
            )
            for r in w["links"][: opts["limit"]]:
                self.stdout.write(_line(r))
