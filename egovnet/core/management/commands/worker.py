"""egovnet worker: run background tasks (imports, sweeps, documents, schedule) until stopped."""

from django.core.management.base import BaseCommand

from egovnet.core.jobs import EgovnetWorker


class Command(BaseCommand):
    help = (
        "Run a background worker: takes tasks from the database queue, keeps a heartbeat, retries or fails the tasks "
        "of workers that died, and enqueues scheduled runs (settings.SCHEDULE). Start as many as needed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls when idle")
        parser.add_argument("--batch", action="store_true", help="exit when the queue is empty")
        parser.add_argument("--max-tasks", type=int, default=None, help="exit after this many tasks")
        parser.add_argument("--worker-id", default=None, help="stable id (default: host name + random suffix)")

    def handle(self, *args, **opts):
        worker = EgovnetWorker(
            worker_id=opts["worker_id"], interval=opts["interval"], batch=opts["batch"], max_tasks=opts["max_tasks"]
        )
        worker.configure_signals()
        self.stdout.write(f"工作进程已启动 worker started: {worker.worker_id}")
        self.stdout.flush()
        worker.run()
