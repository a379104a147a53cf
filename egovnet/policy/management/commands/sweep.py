"""``egovnet sweep [--format text|json] [--province CODE] [--batch-size N]``: evaluate every rule over the
whole database, store the findings and report counts by article, outcome and province.

``--queue`` hands the sweep to the workers instead (``egovnet worker``), and ``--each-province`` queues one sweep
per province; a sweep already waiting for the same scope is not queued twice."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from egovnet.core.services import system_actor
from egovnet.policy.engine.model import article_zh
from egovnet.policy.sweep import DEFAULT_BATCH, run_sweep

OUTCOMES = ("fail", "indeterminate", "waived", "pass", "not_applicable")


class Command(BaseCommand):
    help = "Evaluate every rule over the database and store findings (规则全面检查)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=("text", "json"), default="text")
        parser.add_argument("--province", default="", help="only this province (GB/T 2260 code, e.g. 440000)")
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)
        parser.add_argument("--queue", action="store_true", help="queue the sweep for a worker instead of running it")
        parser.add_argument("--each-province", action="store_true", help="queue one sweep per province")

    def handle(self, *args, **options):
        province = options["province"].strip()
        if province and (not province.isdigit() or len(province) not in (2, 6)):
            raise CommandError(f"--province: expected a GB/T 2260 province code such as 440000, got {province!r}")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be positive")
        if options["each_province"] or options["queue"]:
            self._queue(province, each=options["each_province"])
            return
        run = run_sweep(actor=system_actor(), province=province, batch_size=options["batch_size"])
        summary = {
            "sweep": run.pk,
            "status": run.status,
            "province": run.province,
            "packs": run.packs,
            "subjects": run.subjects,
            "findings": run.findings,
            "batches": run.batches,
            "duration_s": run.duration_s,
            "timings": run.timings,
            **run.counts,
        }
        if options["format"] == "json":
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
            return
        self.stdout.write(self._text(summary))

    def _queue(self, province: str, *, each: bool) -> None:
        from egovnet.policy.tasks import enqueue_province_sweeps, enqueue_sweep

        queued = enqueue_province_sweeps() if each else {province or "全国": enqueue_sweep(province)}
        for scope, task_id in queued.items():
            state = f"已排队 queued {task_id}" if task_id else "已在排队，未重复 already waiting, not queued again"
            self.stdout.write(f"{scope}: {state}")

    def _text(self, s: dict) -> str:
        lines = [
            f"规则全面检查 #{s['sweep']} / Policy sweep #{s['sweep']}"
            + (f" — 省份 / province {s['province']}" if s["province"] else " — 全国 / national"),
            f"对象 subjects: {s['subjects']}  结论 findings: {s['findings']}  批次 batches: {s['batches']}  "
            f"用时 duration: {s['duration_s']} s",
            "",
            "按条款 / by article: " + "  ".join(OUTCOMES),
        ]
        for article, counts in sorted(s["by_article"].items(), key=lambda kv: int(kv[0])):
            row = "  ".join(f"{counts.get(o, 0):>6}" for o in OUTCOMES)
            lines.append(f"  {article_zh(int(article))} (art. {article}): {row}")
        lines += ["", "按省份 / by province: " + "  ".join(OUTCOMES)]
        for province, counts in sorted(s["by_province"].items()):
            row = "  ".join(f"{counts.get(o, 0):>6}" for o in OUTCOMES)
            lines.append(f"  {province}: {row}")
        return "\n".join(lines)
